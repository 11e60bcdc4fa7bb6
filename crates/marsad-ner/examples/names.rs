//! Learns the name lexicon the tagger reads (`model/saudinewsnet.names.gz`) from
//! unlabelled news, by distant supervision: a few high-precision patterns mark words that
//! stand where names stand, and each word's share of such occurrences says how much of a
//! name it is.
//!
//! ```text
//! cargo run --release -p marsad-ner --example names -- \
//!     ../shared/corpus/saudinewsnet/articles.jsonl.gz crates/marsad-ner/model/saudinewsnet.names.gz
//! ```
//!
//! (An output path ending in `.gz` is gzipped.) Options: `--min-count N` (words seen
//! fewer times are not written; default 5), `--min-evidence N` (nor words seen fewer
//! times in a name's place; default 2). The corpus is read exactly as the `clusters`
//! example reads it (`shared/corpus.rs`). No randomness: the same corpus and options
//! give the same file.
//!
//! # The patterns (on folded tokens)
//!
//! * **Person**: after a title (`data/kb/titles.tsv`, every reader's words; with or
//!   without proclitics: «والرئيس»), the words of the office that follow with the article
//!   are skipped («رئيس الوزراء البريطاني»), then the next word and the one after it are
//!   a person's name («ديفيد كاميرون»), unless a function word, a title, an
//!   organisation's head or punctuation comes first. An article word right after the
//!   title and before a function word or punctuation is the name itself («الرئيس السيسي
//!   في»). The words either side of «بن/ابن/بنت» are a person's.
//! * **Organisation**: the word after an organisation's head (`data/kb/org_heads.tsv`:
//!   «شركة أرامكو», «وزارة الخارجية»).
//! * **Place**: the word after a place's head («مدينة», «محافظة», «منطقة» …).
//!
//! Each pattern is noisy alone («الرئيس الأمريكي في» makes «الأمريكي» a name once); the
//! share over all of a word's occurrences is what separates a name (most of «كاميرون»'s
//! occurrences follow a title) from a word that sometimes stands there.
//!
//! # Output
//!
//! Text (gzipped when the path ends in `.gz`): `#` comment lines, then one word a line,
//! sorted: `word<TAB>occurrences<TAB>as person<TAB>as organisation<TAB>as place`.
//! The tagger (`marsad_ner::Lexicon`) turns the counts into share buckets.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use marsad_kb::words::{ORG_HEADS, TITLES};
use marsad_ner::features::stem_of;
use marsad_text::{fold_str, is_word_char, Chain};

#[path = "shared/corpus.rs"]
mod corpus;

/// Words that end a name's window: prepositions, conjunctions, pronouns, auxiliaries.
const FUNCTION_WORDS: &[&str] = &[
    "في",
    "من",
    "على",
    "إلى",
    "عن",
    "أن",
    "إن",
    "مع",
    "بعد",
    "قبل",
    "خلال",
    "الذي",
    "التي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "قد",
    "لا",
    "ما",
    "لم",
    "لن",
    "أو",
    "ثم",
    "حيث",
    "عند",
    "منذ",
    "بين",
    "ضد",
    "حول",
    "لدى",
    "عبر",
    "نحو",
    "و",
    "بن",
    "ابن",
    "بنت",
    "أنه",
    "إنه",
    "أمس",
    "اليوم",
    "عبد",
    "أبو",
    "أبي",
    "يوم",
    "كل",
    "هو",
    "هي",
    "بأن",
    "لأن",
    "إلا",
    "غير",
    "كما",
    "وقد",
    "ولا",
    "فيه",
    "فيها",
    "له",
    "لها",
    "به",
];

/// Words of honorifics and offices that the title list leaves out because they do not
/// stand right before a name («صاحب السمو الملكي الأمير», «ولي العهد», «خادم الحرمين»):
/// they are not names themselves.
const OFFICE_WORDS: &[&str] = &[
    "صاحب",
    "السمو",
    "الملكي",
    "معالي",
    "سعادة",
    "فضيلة",
    "ولي",
    "العهد",
    "خادم",
    "الحرمين",
    "الشريفين",
    "جمهورية",
    "فرع",
    "التنفيذي",
    "العام",
    "خارجية",
    "دولة",
    "ركن",
    "المخلوع",
    "المعزول",
    "السابق",
    "الراحل",
];

/// Words that head a place's name.
const PLACE_HEADS: &[&str] = &[
    "مدينة",
    "محافظة",
    "منطقة",
    "ولاية",
    "عاصمة",
    "العاصمة",
    "بلدة",
    "قرية",
    "جزيرة",
    "إقليم",
    "مقاطعة",
    "مخيم",
    "حي",
    "مدن",
    "محافظات",
    "مناطق",
];

/// Evidence columns.
const PERS: usize = 1;
const ORG: usize = 2;
const LOC: usize = 3;

struct Patterns {
    titles: HashSet<String>,
    org_heads: HashSet<String>,
    place_heads: HashSet<String>,
    function: HashSet<String>,
}

fn folded(words: impl IntoIterator<Item = impl AsRef<str>>) -> HashSet<String> {
    words
        .into_iter()
        .map(|w| fold_str(w.as_ref(), Chain::Match))
        .collect()
}

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            titles: folded(TITLES.words()),
            // Organisations' heads, not the places and facilities only marked `namesake`.
            org_heads: folded(
                ORG_HEADS
                    .words_for("tagger")
                    .chain(ORG_HEADS.words_for("cue")),
            ),
            place_heads: folded(PLACE_HEADS),
            function: folded(FUNCTION_WORDS.iter().chain(OFFICE_WORDS)),
        }
    }

    /// Whether `w` (or it without proclitics) is in `set`.
    fn is(set: &HashSet<String>, w: &str) -> bool {
        set.contains(w) || set.contains(stem_of(w).0)
    }

    /// Whether `w` may be a word of a name: letters only, two or more, and no function
    /// word, title or head.
    fn namey(&self, w: &str) -> bool {
        w.chars().count() >= 2
            && w.chars().all(is_word_char)
            && !w.chars().any(|c| c.is_ascii_digit())
            && !self.function.contains(w)
            && !Patterns::is(&self.titles, w)
            && !Patterns::is(&self.org_heads, w)
    }

    /// Whether a name can end before `w` (`None`: the sentence end): punctuation or a
    /// function word, not a word that continues the office («الرئيس التنفيذي لشركة»).
    fn ends_name(&self, w: Option<&String>) -> bool {
        w.is_none_or(|w| !w.chars().all(is_word_char) || self.function.contains(w.as_str()))
    }

    /// The positions of a person's name after the title at `i`.
    fn after_title(&self, toks: &[String], i: usize, out: &mut Vec<usize>) {
        let mut j = i + 1;
        // The office's words with the article («رئيس الوزراء البريطاني»), at most three;
        // one that a function word or punctuation ends is the name («الرئيس السيسي في»).
        while j < toks.len() && j <= i + 3 && toks[j].starts_with("ال") && self.namey(&toks[j]) {
            let next = toks.get(j + 1);
            if self.ends_name(next) {
                out.push(j);
                return;
            }
            j += 1;
        }
        for (k, w) in toks.iter().enumerate().skip(j).take(2) {
            // A word with a preposition and the article («مركز الملك سلمان للإغاثة»,
            // «مدير عام بالديوان») is a noun, not a name.
            let clitic = ["لل", "بال", "وال", "كال", "فال"]
                .iter()
                .any(|p| w.starts_with(p));
            if !self.namey(w) || clitic {
                break;
            }
            out.push(k);
        }
    }

    /// Adds the evidence of one sentence to `counts`.
    fn count(&self, toks: &[String], counts: &mut HashMap<String, [u32; 4]>) {
        let mut pers = Vec::new();
        for (i, w) in toks.iter().enumerate() {
            if !w.chars().all(is_word_char) {
                continue;
            }
            counts.entry(w.clone()).or_default()[0] += 1;
            let next_namey = toks.get(i + 1).is_some_and(|n| self.namey(n));
            if Patterns::is(&self.titles, w) {
                self.after_title(toks, i, &mut pers);
            } else if matches!(w.as_str(), "بن" | "ابن" | "بنت") {
                if i > 0 && self.namey(&toks[i - 1]) {
                    pers.push(i - 1);
                }
                if next_namey {
                    pers.push(i + 1);
                }
            } else if next_namey && Patterns::is(&self.org_heads, w) {
                counts.entry(toks[i + 1].clone()).or_default()[ORG] += 1;
            } else if next_namey && Patterns::is(&self.place_heads, w) {
                counts.entry(toks[i + 1].clone()).or_default()[LOC] += 1;
            }
        }
        // A position found twice (after a title and before «بن») counts once.
        pers.sort_unstable();
        pers.dedup();
        for k in pers {
            counts.entry(toks[k].clone()).or_default()[PERS] += 1;
        }
    }
}

fn write_out(path: &str, text: &str) -> Result<(), String> {
    let bytes = if path.ends_with(".gz") {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        gz.finish().map_err(|e| e.to_string())?
    } else {
        text.as_bytes().to_vec()
    };
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err(
            "usage: names CORPUS.jsonl[.gz] OUT.names[.gz] [--min-count N] [--min-evidence N]"
                .into(),
        );
    }
    let (mut min_count, mut min_evidence) = (5u32, 2u32);
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| format!("{flag} wants a value"))?;
        let n: u32 = value.parse().map_err(|e| format!("{flag} {value}: {e}"))?;
        match flag.as_str() {
            "--min-count" => min_count = n,
            "--min-evidence" => min_evidence = n,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let start = Instant::now();
    let patterns = Patterns::new();
    let mut counts: HashMap<String, [u32; 4]> = HashMap::new();
    let mut tokens = 0usize;
    let articles = corpus::for_each_sentence(&args[0], |toks| {
        tokens += toks.len();
        patterns.count(toks, &mut counts);
    })?;
    let mut rows: Vec<(&String, &[u32; 4])> = counts
        .iter()
        .filter(|(_, c)| c[0] >= min_count && c[1..].iter().any(|&e| e >= min_evidence))
        .collect();
    rows.sort_unstable();
    let mut text = format!(
        "# Name lexicon learnt by marsad-ner's `names` example from SaudiNewsNet (CC BY-NC-SA 4.0,\n\
         # see LICENSE-NOTE.md): {articles} articles, {tokens} tokens; words seen {min_count}+ times,\n\
         # {min_evidence}+ of them in a name's place.\n\
         # word<TAB>occurrences<TAB>as person<TAB>as organisation<TAB>as place\n"
    );
    for (w, c) in &rows {
        text.push_str(&format!("{w}\t{}\t{}\t{}\t{}\n", c[0], c[1], c[2], c[3]));
    }
    write_out(&args[1], &text)?;
    let per_kind: Vec<usize> = (1..4)
        .map(|k| rows.iter().filter(|(_, c)| c[k] >= min_evidence).count())
        .collect();
    eprintln!(
        "names: {articles} articles, {tokens} tokens, {} types; wrote {} words (person {}, organisation {}, place {}) to {} in {:.1?}; peak memory {:.0} MiB",
        counts.len(),
        rows.len(),
        per_kind[0],
        per_kind[1],
        per_kind[2],
        args[1],
        start.elapsed(),
        corpus::peak_memory_mib().unwrap_or(f64::NAN)
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("names: {e}");
            ExitCode::from(2)
        }
    }
}
