//! Lists the KB's one-word aliases of at most three letters and whether the linker takes
//! them as ambiguous: `cargo run -p marsad-entities --example short_aliases`. For reviewing
//! `data/kb/common_words.tsv`.

fn main() {
    let linker = marsad_entities::Linker::bundled();
    let kb = linker.kb();
    for (alias, cands) in kb.aliases() {
        if alias.contains(' ') || alias.chars().count() > 3 || alias.is_ascii() {
            continue;
        }
        let keys: Vec<&str> = cands.iter().map(|c| kb.key(c.id)).collect();
        let flag = if linker.is_ambiguous(alias) {
            "ambiguous"
        } else {
            "plain"
        };
        println!("{alias}\t{flag}\t{}", keys.join(", "));
    }
}
