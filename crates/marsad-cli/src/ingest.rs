//! `marsad ingest`: the `extract` pipeline over a corpus, into the store.
//!
//! The batches come from [`marsad_pipeline::Driver`], which runs the whole chain on each
//! page in the worker pool and, there too, prepares each record for the store
//! ([`marsad_store::Prepared`]: hash, signature, JSON, folded text) so that the one
//! writer thread only runs SQL; the batch's records are committed to the store in one
//! transaction *together with* how far each input has been read
//! ([`marsad_pipeline::Progress`], which never marks an input read past a page on which
//! a stage panicked). So a run killed at any instant (even `kill -9`) leaves the store at the end of a
//! batch, and the same command run again skips the inputs that are done, goes on inside
//! the one that was being read, and stores nothing twice (the content hash would refuse
//! it anyway).
//!
//! Site templates: each batch is run in two halves, and between them the learner of each
//! page's site counts the batch's lines, so that every page is cleaned with its site's
//! template as learnt so far, this batch included ([`marsad_pipeline::templates`]); the
//! learners are committed with the batch.
//!
//! Bad inputs and records are reported on standard error (file, record, reason) and the
//! run goes on. Progress (indicatif) is drawn on standard error when it is a terminal and
//! `--quiet` is not given; the last line is always the summary.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::SyncSender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_extract::page::Pos;
use marsad_extract::sidecar::Sidecar;
use marsad_extract::Error;
use marsad_pipeline::{Config, Done, Driver, FileInfo, Progress, Start};
use marsad_schema::Document;
use marsad_store::{
    BatchReport, HostTemplate, Prepared, Resume, SourceFile, SourceProgress, SourceState, Store,
};

use crate::IngestArgs;

/// A batch for the writer thread, with the reader's counts so far for the progress line.
struct Commit {
    docs: Vec<Prepared>,
    progress: Vec<SourceProgress>,
    templates: Vec<HostTemplate>,
    counts: Tally,
}

/// Counts for the progress line and the summary.
#[derive(Default, Clone)]
pub(crate) struct Tally {
    pub(crate) report: BatchReport,
    bad: usize,
    /// The bad pages and records by [`Error::reason`].
    bad_by_reason: BTreeMap<&'static str, usize>,
    inputs_done_before: usize,
    pub(crate) bytes: u64,
    pub(crate) template_lines: u64,
    pub(crate) template_pages: u64,
    pub(crate) template_sites: usize,
}

impl Tally {
    fn skip(&mut self, e: &Error) {
        self.bad += 1;
        *self.bad_by_reason.entry(e.reason()).or_default() += 1;
    }

    pub(crate) fn docs(&self) -> usize {
        self.report.stored + self.report.copies + self.report.already
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(url) = crate::postgres_url(&args.db) {
        let url = url.to_string();
        return crate::ingest_pg::run(args, &url);
    }
    if args.worker {
        anyhow::bail!(
            "--worker works on the inputs queued in a PostgreSQL store: give --db postgres://…"
        );
    }
    let started = Instant::now();
    let sidecar = match &args.meta {
        Some(p) => Sidecar::read(p).map_err(|e| anyhow::anyhow!(e))?,
        None => Sidecar::default(),
    };
    // Two connections: this thread asks where to start each input, a writer thread
    // commits the batches, so that the pool extracts the next batch meanwhile.
    let store = Store::open(&args.db)?;
    let lookup = Store::open(&args.db)?;
    marsad_pipeline::warm_up();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::worker_threads(args.jobs))
        .build()
        .context("starting worker threads")?;
    let bar = progress_bar(&args);
    let (to_writer, writer) = spawn_writer(store, bar.clone(), started);

    let mut tally = Tally::default();
    let mut progress = Progress::default();
    // Where reading of a resumed file starts, so that its bytes read count from there.
    let read_from: RefCell<HashMap<String, u64>> = RefCell::default();
    let config = Config {
        max_pages: args.batch.max(1),
        learn: !args.no_templates,
        ..Config::default()
    };
    let mut driver = Driver::new(&args.paths, &sidecar, config);
    let start = &mut |file: &FileInfo| {
        let s = start(&lookup, file)?;
        if let Start::At(pos) = &s {
            read_from.borrow_mut().insert(file.key.clone(), pos.offset);
        }
        Ok::<_, marsad_store::Error>(s)
    };
    let load = &mut |host: &str| lookup.template_counts(host);
    while let Some(batch) = driver.next_batch(&pool, start, load, &for_store)? {
        let resume = progress.of(&batch);
        let docs = account(batch, &mut tally, &mut read_from.borrow_mut(), &bar);
        let commit = Commit {
            docs,
            progress: resume.iter().map(source_progress).collect(),
            templates: driver
                .learner()
                .take_dirty()
                .into_iter()
                .map(host_template)
                .collect(),
            counts: Tally {
                report: BatchReport::default(),
                ..tally.clone()
            },
        };
        if to_writer.send(commit).is_err() {
            break; // the writer stopped on an error, which `join` gives below
        }
    }
    drop(to_writer);
    tally.report = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))??;
    bar.finish_and_clear();
    let learner = driver.learner();
    tally.template_lines = learner.removed;
    tally.template_pages = learner.pages;
    tally.template_sites = learner.sites();
    for line in learner.report() {
        writeln!(io::stderr(), "{line}")?;
    }
    writeln!(io::stderr(), "{}", summary(&tally, started.elapsed()))?;
    let nothing_read = tally.docs() == 0 && tally.inputs_done_before == 0 && tally.bad > 0;
    Ok(if nothing_read {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The writer thread: commits each batch (records, progress, templates) in one
/// transaction and draws the progress line; gives the run's store report at the end.
/// The channel holds one batch, so the pool extracts the next batch while this one is
/// written, and no more.
#[allow(clippy::type_complexity)]
fn spawn_writer(
    mut store: Store,
    bar: ProgressBar,
    started: Instant,
) -> (SyncSender<Commit>, JoinHandle<anyhow::Result<BatchReport>>) {
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Commit>(1);
    let writer = std::thread::spawn(move || -> anyhow::Result<BatchReport> {
        let mut total = BatchReport::default();
        for c in batches {
            let (report, _) = store
                .commit_prepared(&c.docs, &c.progress, &c.templates)
                .context("writing to the database")?;
            total.add(&report);
            let t = Tally {
                report: total,
                ..c.counts
            };
            bar.set_position(t.bytes);
            bar.set_message(progress_message(&t, started.elapsed()));
        }
        Ok(total)
    });
    (to_writer, writer)
}

/// A site's learner as the store saves it.
pub(crate) fn host_template(t: marsad_pipeline::templates::Saved) -> HostTemplate {
    HostTemplate {
        host: t.host,
        pages: t.pages,
        lines: t.lines,
        counts: t.counts,
    }
}

/// The store's own work on each record (content hash, signature, JSON, folded text for
/// the index), done by the driver in the pool, not in the writer thread, which would
/// otherwise be the bottleneck.
pub(crate) fn for_store(d: Document) -> Result<Prepared, Error> {
    Prepared::new(d).map_err(|e| Error::Io(io::Error::other(e)))
}

/// A batch's outcome, in input order: warnings and bad pages printed and counted, bytes
/// read counted; the records to commit.
pub(crate) fn account(
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

/// How far an input has been read, as the store keeps it.
fn source_progress(r: &marsad_pipeline::Resume) -> SourceProgress {
    SourceProgress {
        file: SourceFile {
            path: r.file.key.clone(),
            size: r.file.size,
            mtime: r.file.mtime,
        },
        resume: Resume {
            offset: r.from.offset,
            skip: r.from.index,
        },
        complete: r.complete,
    }
}

/// Where to read `file` from, by what the store knows of it.
fn start(store: &Store, file: &FileInfo) -> Result<Start, marsad_store::Error> {
    if file.is_stdin() {
        return Ok(Start::At(Pos::default()));
    }
    let key = SourceFile {
        path: file.key.clone(),
        size: file.size,
        mtime: file.mtime,
    };
    Ok(match store.source_state(&key)? {
        SourceState::New => Start::At(Pos::default()),
        SourceState::Partial(r) => Start::At(Pos {
            offset: r.offset,
            index: r.skip,
        }),
        SourceState::Complete => Start::Skip,
    })
}

/// A progress bar on standard error, hidden with `--quiet` or when standard error is not
/// a terminal. Its length (the inputs' total size) is summed on a thread of its own, so
/// that a folder of a million files starts at once.
pub(crate) fn progress_bar(args: &IngestArgs) -> ProgressBar {
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

pub(crate) fn progress_message(t: &Tally, elapsed: Duration) -> String {
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

pub(crate) fn summary(t: &Tally, elapsed: Duration) -> String {
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
