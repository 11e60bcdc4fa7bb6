//! Tries the places pass. `places_try` prints the entities of each line of standard input;
//! `places_try --jsonl` reads records (`{"text": …}`) and prints, per place mention, the
//! document number, the name as written, the key, the country and how it was decided, with
//! a few words around it, for reading a sample.
use std::io::BufRead;

fn main() {
    let l = marsad_entities::Linker::bundled();
    let jsonl = std::env::args().any(|a| a == "--jsonl");
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.unwrap();
        let text = if jsonl {
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            v["text"].as_str().unwrap_or_default().to_string()
        } else {
            line.clone()
        };
        let mut doc = marsad_schema::Document::new("x", text.clone());
        marsad_entities::annotate(&mut doc, l, Some(jiff::civil::date(2015, 6, 1)));
        if jsonl {
            let chars: Vec<char> = text.chars().collect();
            for e in &doc.entities {
                let Some(p) = l.kb().place(&e.key) else {
                    continue;
                };
                for m in &e.mentions {
                    let a = m.start.saturating_sub(40);
                    let b = (m.end + 40).min(chars.len());
                    let around: String = chars[a..b].iter().collect::<String>().replace('\n', " ");
                    println!(
                        "{n}\t{}\t{}\t{}\t{}\t{}\t{}",
                        m.text,
                        e.key,
                        p.country.as_deref().unwrap_or("-"),
                        m.resolved.as_ref().map_or("", |r| r.by.as_str()),
                        if p.curated { "kb" } else { "gn" },
                        around
                    );
                }
            }
            continue;
        }
        let es: Vec<String> = doc
            .entities
            .iter()
            .map(|e| {
                let m = &e.mentions[0];
                format!(
                    "{}={} [{}]",
                    m.text,
                    e.key,
                    m.resolved.as_ref().map_or("", |r| r.by.as_str())
                )
            })
            .collect();
        println!("{line}\n   {}", es.join("; "));
    }
}
