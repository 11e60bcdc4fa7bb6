//! `marsad stories`: records in (as `marsad extract` writes them), stories out — the same
//! real-world event across documents and outlets, with every report of it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use marsad_schema::{ActorRole, Document};

use crate::{OutputFormat, StoriesArgs};

pub fn run(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    let mut docs: Vec<Document> = Vec::new();
    let mut bad = 0usize;
    let stderr = io::stderr();
    if let Some(db) = &args.db {
        // What the desk reads (`marsad serve`), so both give the same stories.
        let mut store = crate::open_reader(db)?;
        store.each_document_with_events(0, &mut |_, d| {
            docs.push(d);
            Ok(())
        })?;
    }
    for path in &args.files {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(BufReader::new(io::stdin()))
        } else {
            let f = File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            Box::new(BufReader::new(f))
        };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("{}: cannot read", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Document>(&line) {
                Ok(d) => docs.push(d),
                Err(e) => {
                    bad += 1;
                    writeln!(
                        stderr.lock(),
                        "marsad: {}:{}: not a record: {e}",
                        path.display(),
                        n + 1
                    )?;
                }
            }
        }
    }
    let stories = marsad_stories::stories(&docs);
    let mut out = BufWriter::new(io::stdout().lock());
    for s in &stories {
        match args.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut out, s)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Text => {
                let name = |a: &marsad_schema::Actor| {
                    a.key.clone().or(a.country.clone()).unwrap_or_default()
                };
                let parties: Vec<String> = s
                    .actors
                    .iter()
                    .filter(|a| a.role == ActorRole::Party)
                    .map(name)
                    .collect();
                let actors = if parties.is_empty() {
                    let of = |r| {
                        s.actors
                            .iter()
                            .filter(|a| a.role == r)
                            .map(name)
                            .collect::<Vec<_>>()
                            .join(" + ")
                    };
                    format!("{} > {}", of(ActorRole::Source), of(ActorRole::Target))
                } else {
                    parties.join(" + ")
                };
                let mode = s
                    .mode
                    .as_deref()
                    .map(|m| format!("/{m}"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "story {}: {}{mode} {actors} {} — {} articles, {} outlets",
                    s.story,
                    s.kind,
                    s.date.as_deref().unwrap_or("(no date)"),
                    s.articles,
                    s.outlets
                )?;
                for r in &s.reports {
                    let evidence: String = r.evidence.text.chars().take(80).collect();
                    // A report read as another type joined on its other evidence: say so.
                    let read_as = if r.kind == s.kind {
                        String::new()
                    } else {
                        format!(" (read as {})", r.kind)
                    };
                    writeln!(
                        out,
                        "    {} [{}]{read_as} «{evidence}»",
                        r.doc,
                        r.outlet.as_deref().unwrap_or("?")
                    )?;
                }
            }
        }
    }
    out.flush()?;
    writeln!(
        stderr.lock(),
        "{} stories from {} records, {} bad lines",
        stories.len(),
        docs.len(),
        bad
    )?;
    Ok(if docs.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
