//! `marsad extract`: pages → records, in input order, in parallel by page.
//!
//! The batches come from [`marsad_pipeline::Driver`], which runs the whole chain on each
//! page in the worker pool (with `--templates`, learning each batch's site templates
//! between the two halves, as `ingest` does, without a store: what is learnt lasts the
//! run). This module only prints, in input order: the records on standard output and,
//! with `--explain`, the cleaner's line verdicts, the date expressions left unplaced and
//! what became of each trigger word on standard error.

use std::convert::Infallible;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use marsad_dates::Unplaced;
use marsad_extract::page::Pos;
use marsad_extract::sidecar::Sidecar;
use marsad_extract::LineReport;
use marsad_pipeline::{Config, Done, Driver, FileInfo, Start};
use marsad_schema::Document;

use crate::{ExtractArgs, OutputFormat};

/// Pages handled per parallel batch: enough to keep the cores busy, few enough that a
/// folder of a million pages never sits in memory at once.
const BATCH: usize = 256;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let sidecar = match &args.meta {
        Some(p) => Sidecar::read(p).map_err(|e| anyhow::anyhow!(e))?,
        None => Sidecar::default(),
    };
    marsad_pipeline::warm_up();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::worker_threads(args.jobs))
        .build()
        .context("starting worker threads")?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let (mut extracted, mut skipped) = (0usize, 0usize);
    let mut skipped_by_reason = std::collections::BTreeMap::new();

    let config = Config {
        max_pages: BATCH,
        learn: args.templates,
        ..Config::default()
    };
    let mut driver = Driver::new(&args.paths, &sidecar, config);
    let start = &mut |_: &FileInfo| Ok::<_, Infallible>(Start::At(Pos::default()));
    let load = &mut |_: &str| Ok::<_, Infallible>(None);
    while let Some(batch) = driver.next_batch(&pool, start, load, &Ok)? {
        for done in batch {
            let (doc, outcome) = match done {
                Done::Page(p) => (p.doc, p.outcome),
                Done::Bad(e) => (String::new(), Err(e)),
                Done::Passed(w) => {
                    writeln!(stderr.lock(), "marsad: warning: {w}")?;
                    continue;
                }
                Done::End(_) | Done::Skipped => continue,
            };
            match outcome {
                Ok((docs, report)) => {
                    for (d, notes) in &docs {
                        write_doc(&mut out, d, args.format)?;
                        extracted += 1;
                        for w in &notes.warnings {
                            writeln!(stderr.lock(), "marsad: {}: {w}", d.doc)?;
                        }
                    }
                    if args.explain {
                        out.flush()?;
                        let mut err = stderr.lock();
                        write_report(&mut err, &doc, &report)?;
                        for (d, notes) in &docs {
                            write_unplaced(&mut err, &d.doc, &notes.unplaced)?;
                            write_event_notes(&mut err, &d.doc, &notes.events)?;
                        }
                    }
                }
                Err(e) => {
                    skipped += 1;
                    *skipped_by_reason.entry(e.reason()).or_default() += 1;
                    writeln!(stderr.lock(), "marsad: {e}")?;
                }
            }
        }
    }
    out.flush()?;
    if skipped > 0 {
        writeln!(
            stderr.lock(),
            "skipped by reason:{}",
            crate::ingest::reasons(&skipped_by_reason)
        )?;
    }
    writeln!(stderr.lock(), "extracted {extracted}, skipped {skipped}")?;
    Ok(if extracted > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn write_doc(out: &mut impl Write, d: &Document, format: OutputFormat) -> anyhow::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            serde_json::to_writer(&mut *out, d)?;
            out.write_all(b"\n")?;
        }
        OutputFormat::Text => {
            writeln!(out, "== {}", d.doc)?;
            if let Some(t) = &d.title {
                writeln!(out, "title:     {t}")?;
            }
            let fields = [
                ("published", d.published.clone()),
                ("outlet", d.outlet.clone()),
                (
                    "authors",
                    (!d.authors.is_empty()).then(|| d.authors.join(", ")),
                ),
                ("lang", d.lang.clone()),
                ("url", d.url.clone()),
            ];
            for (name, value) in fields {
                if let Some(v) = value {
                    writeln!(out, "{:<10} {v}", format!("{name}:"))?;
                }
            }
            if !d.dates.is_empty() {
                let dates: Vec<String> = d
                    .dates
                    .iter()
                    .map(|m| format!("«{}» {}", m.text, m.value))
                    .collect();
                writeln!(out, "{:<10} {}", "dates:", dates.join(" · "))?;
            }
            if !d.entities.is_empty() {
                let entities: Vec<String> = d
                    .entities
                    .iter()
                    .map(|e| format!("{} ×{}", e.key, e.mentions.len()))
                    .collect();
                writeln!(out, "{:<10} {}", "entities:", entities.join(" · "))?;
            }
            for e in &d.events {
                writeln!(out, "{:<10} {}", "event:", event_line(e))?;
            }
            writeln!(out, "\n{}\n", d.text)?;
        }
    }
    Ok(())
}

/// One event as a line for reading: `CONSULT/phone Vladimir Putin + Ebrahim Raisi
/// 2023-09-26 occurred «evidence…»`.
fn event_line(e: &marsad_schema::Event) -> String {
    use marsad_schema::{ActorRole, EventStatus};
    let name = |a: &marsad_schema::Actor| a.key.clone().or(a.country.clone()).unwrap_or_default();
    let of = |role| -> Vec<String> {
        e.actors
            .iter()
            .filter(|a| a.role == role)
            .map(name)
            .collect()
    };
    let parties = of(ActorRole::Party);
    let actors = if parties.is_empty() {
        format!(
            "{} > {}",
            of(ActorRole::Source).join(" + "),
            of(ActorRole::Target).join(" + ")
        )
    } else {
        parties.join(" + ")
    };
    let mut line = e.kind.clone();
    if let Some(m) = &e.mode {
        line = format!("{line}/{m}");
    }
    line = format!("{line} {actors}");
    if let Some(d) = &e.date {
        line = format!("{line} {d}");
    }
    if let Some(p) = &e.place {
        line = format!("{line} in {}", p.key);
    }
    let status = match e.status {
        EventStatus::Occurred => "occurred",
        EventStatus::Planned => "planned",
        EventStatus::Claimed => "claimed",
        EventStatus::Denied => "denied",
    };
    line = format!("{line} {status}");
    if let Some(a) = &e.attributed_to {
        line = format!("{line} per {a}");
    }
    let evidence: String = e.evidence.text.chars().take(60).collect();
    format!("{line} ({:.2}) «{evidence}…»", e.confidence)
}

fn write_report(err: &mut impl Write, doc: &str, report: &[LineReport]) -> io::Result<()> {
    writeln!(err, "# {doc}")?;
    for r in report {
        let text: String = r.text.chars().take(70).collect();
        let verdict = if r.kept { "keep" } else { "drop" };
        writeln!(
            err,
            "{:>5} {verdict} {:<30} {text}",
            r.no,
            r.reason.to_string()
        )?;
    }
    Ok(())
}

/// `FILE: unplaced date «expr» at OFFSET: reason`, one line per date expression that was
/// recognized but not placed in time (OFFSET counts characters of the record's `text`).
/// `FILE: trigger «words» at OFFSET (TYPE): outcome`, one line per trigger word: the event
/// it became, or why it became none.
fn write_event_notes(
    err: &mut impl Write,
    doc: &str,
    notes: &[marsad_events::Explanation],
) -> io::Result<()> {
    for n in notes {
        writeln!(
            err,
            "{doc}: trigger «{}» at {} ({}): {}",
            n.trigger.text, n.trigger.start, n.kind, n.outcome
        )?;
    }
    Ok(())
}

fn write_unplaced(err: &mut impl Write, doc: &str, unplaced: &[Unplaced]) -> io::Result<()> {
    for u in unplaced {
        writeln!(
            err,
            "{doc}: unplaced date «{}» at {}: {}",
            u.text, u.start, u.reason
        )?;
    }
    Ok(())
}
