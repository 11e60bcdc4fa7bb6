//! `marsad ingest`: the `extract` pipeline over a corpus, into the store: SQLite
//! ([`sqlite`], the default, one process) or PostgreSQL ([`postgres`], `--db
//! postgres://…`, any number of workers). Both run the same batch driver
//! ([`marsad_pipeline::Driver`]) and share what is here: the tally of a run, what a batch's
//! outcome prints and counts ([`account`]), the record's preparation for the store in the
//! pool ([`for_store`]), the progress bar and the summary line.
//!
//! Bad inputs and records are reported on standard error (file, record, reason) and the
//! run goes on. Progress (indicatif) is drawn on standard error when it is a terminal and
//! `--quiet` is not given; the last line is always the summary.

mod postgres;
mod sqlite;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_extract::Error;
use marsad_pipeline::Done;
use marsad_schema::Document;
use marsad_store::{BatchReport, HostTemplate, Prepared};

use crate::IngestArgs;

/// Runs `marsad ingest` on the store `--db` names.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(url) = crate::postgres_url(&args.db) {
        let url = url.to_string();
        return postgres::run(args, &url);
    }
    if args.worker {
        anyhow::bail!(
            "--worker works on the inputs queued in a PostgreSQL store: give --db postgres://…"
        );
    }
    sqlite::run(args)
}

/// Counts for the progress line and the summary.
#[derive(Default, Clone)]
pub(super) struct Tally {
    pub(super) report: BatchReport,
    bad: usize,
    /// The bad pages and records by [`Error::reason`].
    bad_by_reason: BTreeMap<&'static str, usize>,
    inputs_done_before: usize,
    pub(super) bytes: u64,
    pub(super) template_lines: u64,
    pub(super) template_pages: u64,
    pub(super) template_sites: usize,
}

impl Tally {
    fn skip(&mut self, e: &Error) {
        self.bad += 1;
        *self.bad_by_reason.entry(e.reason()).or_default() += 1;
    }

    pub(super) fn docs(&self) -> usize {
        self.report.stored + self.report.copies + self.report.already
    }
}

/// The sites' learners that changed since the last batch, as the store saves them: they
/// are committed with the batch.
pub(super) fn dirty_templates(
    learner: &mut marsad_pipeline::templates::Learner,
) -> Vec<HostTemplate> {
    learner
        .take_dirty()
        .into_iter()
        .map(|t| HostTemplate {
            host: t.host,
            pages: t.pages,
            lines: t.lines,
            counts: t.counts,
        })
        .collect()
}

/// The store's own work on each record (content hash, signature, JSON, folded text for
/// the index), done by the driver in the pool, not in the writer thread, which would
/// otherwise be the bottleneck.
pub(super) fn for_store(d: Document) -> Result<Prepared, Error> {
    Prepared::new(d).map_err(|e| Error::Io(io::Error::other(e)))
}

/// A batch's outcome, in input order: warnings and bad pages printed and counted, bytes
/// read counted; the records to commit.
pub(super) fn account(
    batch: Vec<Done<Prepared>>,
    tally: &mut Tally,
    read_from: &mut HashMap<String, u64>,
    bar: &ProgressBar,
) -> Vec<Prepared> {
    let mut docs = Vec::new();
    for d in batch {
        match d {
            Done::Page(p) => {
                match p.outcome {
                    Ok((records, _)) => {
                        for (record, notes) in records {
                            for w in &notes.warnings {
                                bar.suspend(|| eprintln!("marsad: {}: {w}", record.document().doc));
                            }
                            docs.push(record);
                        }
                    }
                    Err(e) => {
                        tally.skip(&e);
                        bar.suspend(|| eprintln!("marsad: {e}"));
                    }
                }
                let from = read_from.entry(p.file.key.clone()).or_insert(0);
                tally.bytes += p.consumed.saturating_sub(*from);
                *from = p.consumed.max(*from);
            }
            Done::End(file) => {
                if let Some(from) = read_from.remove(&file.key) {
                    tally.bytes += file.size.saturating_sub(from);
                }
            }
            Done::Skipped => tally.inputs_done_before += 1,
            Done::Bad(e) => {
                tally.skip(&e);
                bar.suspend(|| eprintln!("marsad: {e}"));
            }
            Done::Passed(w) => bar.suspend(|| eprintln!("marsad: warning: {w}")),
        }
    }
    docs
}

/// A progress bar on standard error, hidden with `--quiet` or when standard error is not
/// a terminal. Its length (the inputs' total size) is summed on a thread of its own, so
/// that a folder of a million files starts at once.
pub(super) fn progress_bar(args: &IngestArgs) -> ProgressBar {
    if args.quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} · {msg} · ETA {eta}",
        )
        .expect("a valid progress template")
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let paths = args.paths.clone();
    let sizer = bar.clone();
    std::thread::spawn(move || {
        let total: u64 = marsad_extract::walk::walk(&paths)
            .files()
            .filter_map(Result::ok)
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        sizer.set_length(total);
    });
    bar
}

pub(super) fn progress_message(t: &Tally, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    format!(
        "{} docs ({:.0} docs/s, {:.1} MB/s) · {} bad · {} inputs done before",
        t.docs(),
        (t.docs() + t.bad) as f64 / secs,
        t.bytes as f64 / 1e6 / secs,
        t.bad,
        t.inputs_done_before
    )
}

/// `ingested N: S stored, C copies, A already stored; B bad; I inputs done before;
/// D near-duplicates among the stored; L template lines removed from P pages of W sites;
/// X MB in T s (D docs/s, M MB/s)`.
/// « no article text found 12, malformed record 1», or nothing when none was bad.
pub fn reasons(by_reason: &BTreeMap<&'static str, usize>) -> String {
    let parts: Vec<String> = by_reason.iter().map(|(r, n)| format!(" {r} {n}")).collect();
    parts.join(",")
}

pub(super) fn summary(t: &Tally, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    format!(
        "ingested {}: {} stored, {} copies, {} already stored; {} bad{}{}{}; {} inputs done before; {} near-duplicates among the stored; {} template lines removed from {} pages of {} sites; {:.1} MB in {:.1} s ({:.0} docs/s, {:.1} MB/s)",
        t.docs(),
        t.report.stored,
        t.report.copies,
        t.report.already,
        t.bad,
        if t.bad > 0 { " (" } else { "" },
        reasons(&t.bad_by_reason).trim_start(),
        if t.bad > 0 { ")" } else { "" },
        t.inputs_done_before,
        t.report.near_duplicates,
        t.template_lines,
        t.template_pages,
        t.template_sites,
        t.bytes as f64 / 1e6,
        secs,
        (t.docs() + t.bad) as f64 / secs,
        t.bytes as f64 / 1e6 / secs,
    )
}
