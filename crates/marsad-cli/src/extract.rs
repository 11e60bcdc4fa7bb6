//! `marsad extract`: pages → records, in input order, in parallel by page.
//!
//! The inputs come from [`crate::feed`] in bounded batches; each page goes through
//! [`crate::pipeline`] (both halves) in the worker pool. Then, in input order: the records on
//! standard output and, with `--explain`, the cleaner's line verdicts and the date
//! expressions left unplaced on standard error.
//!
//! With `--templates`, each batch is extracted in two halves and its lines learnt in
//! between, as `ingest` does ([`crate::templates`]), without a store: what is learnt
//! lasts the run.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use marsad_dates::Unplaced;
use marsad_extract::sources::Sidecar;
use marsad_extract::LineReport;
use marsad_schema::Document;
use rayon::prelude::*;

use std::sync::Arc;

use marsad_extract::input::Pos;
use marsad_extract::Error;

use crate::feed::{Event, Feed, FileInfo, Start};
use crate::pipeline::{self, Outcome, Prepared};
use crate::templates::Learner;
use crate::{ExtractArgs, OutputFormat};

/// Pages handled per parallel batch: enough to keep the cores busy, few enough that a
/// folder of a million pages never sits in memory at once.
const BATCH: usize = 256;

/// Page bytes per batch, at most (about): a batch of large HTML pages stays small.
const BATCH_BYTES: usize = 64 << 20;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let sidecar = match &args.meta {
        Some(p) => Sidecar::read(p).map_err(|e| anyhow::anyhow!(e))?,
        None => Sidecar::default(),
    };
    pipeline::warm_up();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::worker_threads(args.jobs))
        .build()
        .context("starting worker threads")?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let (mut extracted, mut skipped) = (0usize, 0usize);
    let mut skipped_by_reason = std::collections::BTreeMap::new();

    let mut learner = Learner::default();
    let mut feed = Feed::new(&args.paths, &sidecar);
    loop {
        let batch = feed.batch(BATCH, BATCH_BYTES, &mut |_| Start::At(Default::default()));
        if batch.is_empty() {
            break;
        }
        for w in batch.iter().filter_map(Event::passed) {
            writeln!(stderr.lock(), "marsad: warning: {w}")?;
        }
        // Extract (pure) in parallel; report in input order. With --templates, in two
        // halves, the batch's lines learnt in between (see `crate::templates`).
        type Staged = (
            String,
            Option<(Arc<FileInfo>, Pos)>,
            Result<Prepared, Error>,
        );
        let staged: Vec<Staged> = pool.install(|| {
            batch
                .into_par_iter()
                .filter_map(|event| match event {
                    Event::Item(file, item) => Some(match item.page {
                        Err(e) => (String::new(), None, Err(e)),
                        Ok(page) => {
                            let prepared = pipeline::prepare_for(&page, args.templates)
                                .map_err(|e| file.locate(item.pos, e));
                            (page.doc.clone(), Some((file, item.pos)), prepared)
                        }
                    }),
                    Event::Bad(e) => Some((String::new(), None, Err(e))),
                    Event::End(_) | Event::Skipped | Event::Passed(_) => None,
                })
                .collect()
        });
        let site_templates = if args.templates {
            let sites: Vec<Option<(&str, &[u64])>> = staged
                .iter()
                .map(|(_, _, p)| {
                    let p = p.as_ref().ok()?;
                    Some((p.host.as_deref()?, &p.lines[..]))
                })
                .collect();
            learner.learn(&sites, &mut |_| Ok(None))?
        } else {
            vec![None; staged.len()]
        };
        let outcomes: Vec<(String, Outcome)> = pool.install(|| {
            staged
                .into_par_iter()
                .zip(site_templates)
                .map(|((doc, at, prepared), template)| {
                    let outcome = prepared.and_then(|p| {
                        pipeline::finish(p, template.as_deref()).map_err(|e| match &at {
                            Some((file, pos)) => file.locate(*pos, e),
                            None => e,
                        })
                    });
                    (doc, outcome)
                })
                .collect()
        });
        for (doc, outcome) in outcomes {
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
