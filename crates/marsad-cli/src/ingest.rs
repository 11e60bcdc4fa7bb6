//! `marsad ingest`: the `extract` pipeline over a corpus, into the store.
//!
//! The inputs come from [`crate::feed`] in bounded batches; the pages of a batch go
//! through [`crate::pipeline`] in the worker pool, which also prepares each record for
//! the store ([`marsad_store::Prepared`]: hash, signature, JSON, folded text) so that the
//! one writer thread only runs SQL; the batch's records are committed to the store in one transaction *together with* how far each input has been
//! read. So a run killed at any instant (even `kill -9`) leaves the store at the end of a
//! batch, and the same command run again skips the inputs that are done, goes on inside
//! the one that was being read, and stores nothing twice (the content hash would refuse
//! it anyway).
//!
//! Site templates: each batch is run in two halves, and between them the learner of each
//! page's site counts the batch's lines, so that every page is cleaned with its site's
//! template as learnt so far, this batch included ([`crate::templates`]); the learners are
//! committed with the batch.
//!
//! Bad inputs and records are reported on standard error (file, record, reason) and the
//! run goes on. Progress (indicatif) is drawn on standard error when it is a terminal and
//! `--quiet` is not given; the last line is always the summary.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_extract::input::Pos;
use marsad_extract::sources::Sidecar;
use marsad_extract::Error;
use marsad_store::{
    BatchReport, HostTemplate, Prepared, Resume, SourceFile, SourceProgress, SourceState, Store,
};
use rayon::prelude::*;

use crate::feed::{Event, Feed, FileInfo, Start};
use crate::pipeline;
use crate::templates::{self, Learner};
use crate::IngestArgs;

/// Page bytes per batch, at most (about).
const BATCH_BYTES: usize = 64 << 20;

/// A batch's event after the first half of the pipeline (decode, main text).
enum Staged {
    Item {
        file: Arc<FileInfo>,
        pos: Pos,
        consumed: u64,
        // Boxed: a page's main text and metadata, beside the small other variants.
        prepared: Result<Box<pipeline::Prepared>, Error>,
    },
    End(Arc<FileInfo>),
    Skipped,
    Bad(Error),
}

/// A batch's event after the pipeline ran on it.
enum Done {
    Item {
        file: Arc<FileInfo>,
        pos: Pos,
        consumed: u64,
        outcome: Result<Vec<Prepared>, Error>,
        /// The page's site and the lines its template took from it.
        removed: Option<(String, usize)>,
        /// What the stages said of its records' hints (`pipeline::Notes::warnings`).
        warnings: Vec<String>,
    },
    End(Arc<FileInfo>),
    Skipped,
    Bad(Error),
}

/// A batch for the writer thread, with the reader's counts so far for the progress line.
struct Commit {
    docs: Vec<Prepared>,
    progress: Vec<SourceProgress>,
    templates: Vec<HostTemplate>,
    counts: Tally,
}

/// Counts for the progress line and the summary.
#[derive(Default, Clone)]
struct Tally {
    report: BatchReport,
    bad: usize,
    /// The bad pages and records by [`Error::reason`].
    bad_by_reason: BTreeMap<&'static str, usize>,
    inputs_done_before: usize,
    bytes: u64,
    template_lines: u64,
    template_pages: u64,
    template_sites: usize,
}

impl Tally {
    fn skip(&mut self, e: &Error) {
        self.bad += 1;
        *self.bad_by_reason.entry(e.reason()).or_default() += 1;
    }

    fn docs(&self) -> usize {
        self.report.stored + self.report.copies + self.report.already
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let sidecar = match &args.meta {
        Some(p) => Sidecar::read(p).map_err(|e| anyhow::anyhow!(e))?,
        None => Sidecar::default(),
    };
    // Two connections: this thread asks where to start each input, a writer thread
    // commits the batches, so that the pool extracts the next batch meanwhile.
    let mut store = Store::open(&args.db)?;
    let lookup = Store::open(&args.db)?;
    pipeline::warm_up();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::worker_threads(args.jobs))
        .build()
        .context("starting worker threads")?;
    let bar = progress_bar(&args);
    let mut tally = Tally::default();
    let mut learner = Learner::default();
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Commit>(1);
    let writer = {
        let bar = bar.clone();
        std::thread::spawn(move || -> anyhow::Result<BatchReport> {
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
        })
    };
    // Where reading of a resumed file starts, so that its bytes read count from there.
    let mut read_from: HashMap<String, u64> = HashMap::new();
    let mut feed = Feed::new(&args.paths, &sidecar);
    loop {
        let mut store_error = None;
        let batch = feed.batch(args.batch.max(1), BATCH_BYTES, &mut |file| match start(
            &lookup, file,
        ) {
            Ok(s) => {
                if let Start::At(pos) = &s {
                    read_from.insert(file.key.clone(), pos.offset);
                }
                s
            }
            Err(e) => {
                store_error.get_or_insert(e);
                Start::Skip
            }
        });
        if let Some(e) = store_error {
            return Err(e.into());
        }
        if batch.is_empty() {
            break;
        }
        let batch: Vec<Event> = batch
            .into_iter()
            .filter(|e| match e.passed() {
                Some(w) => {
                    bar.suspend(|| eprintln!("marsad: warning: {w}"));
                    false
                }
                None => true,
            })
            .collect();
        let learn = !args.no_templates;
        let staged: Vec<Staged> =
            pool.install(|| batch.into_par_iter().map(|e| prepare(e, learn)).collect());
        // The batch's lines are counted before any of its pages is cleaned (see
        // `crate::templates`).
        let site_templates = if learn {
            let sites: Vec<Option<(&str, &[u64])>> = staged
                .iter()
                .map(|s| match s {
                    Staged::Item {
                        prepared: Ok(p), ..
                    } => p.host.as_deref().map(|h| (h, &p.lines[..])),
                    _ => None,
                })
                .collect();
            learner.learn(&sites, &mut |host| Ok(lookup.template_counts(host)?))?
        } else {
            vec![None; staged.len()]
        };
        let done: Vec<Done> = pool.install(|| {
            staged
                .into_par_iter()
                .zip(site_templates)
                .map(|(s, t)| finish(s, t.as_deref()))
                .collect()
        });

        let mut docs = Vec::new();
        let mut progress: Vec<SourceProgress> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        let mut set = |file: &FileInfo, resume: Resume, complete: bool| {
            if file.is_stdin() {
                return;
            }
            let p = SourceProgress {
                file: SourceFile {
                    path: file.key.clone(),
                    size: file.size,
                    mtime: file.mtime,
                },
                resume,
                complete,
            };
            match slot.get(&file.key) {
                Some(&i) => progress[i] = p,
                None => {
                    slot.insert(file.key.clone(), progress.len());
                    progress.push(p);
                }
            }
        };
        for d in done {
            match d {
                Done::Item {
                    file,
                    pos,
                    consumed,
                    outcome,
                    removed,
                    warnings,
                } => {
                    for w in warnings {
                        bar.suspend(|| eprintln!("marsad: {w}"));
                    }
                    match outcome {
                        Ok(mut records) => {
                            docs.append(&mut records);
                            if let Some((host, n)) = removed {
                                learner.removed(&host, n);
                            }
                        }
                        Err(e) => {
                            tally.skip(&e);
                            bar.suspend(|| eprintln!("marsad: {e}"));
                        }
                    }
                    let next = pos.next();
                    set(
                        &file,
                        Resume {
                            offset: next.offset,
                            skip: next.index,
                        },
                        false,
                    );
                    let from = read_from.entry(file.key.clone()).or_insert(0);
                    tally.bytes += consumed.saturating_sub(*from);
                    *from = consumed.max(*from);
                }
                Done::End(file) => {
                    set(&file, Resume::default(), true);
                    if let Some(from) = read_from.remove(&file.key) {
                        tally.bytes += file.size.saturating_sub(from);
                    }
                }
                Done::Skipped => tally.inputs_done_before += 1,
                Done::Bad(e) => {
                    tally.skip(&e);
                    bar.suspend(|| eprintln!("marsad: {e}"));
                }
            }
        }
        let commit = Commit {
            docs,
            progress,
            templates: learner.take_dirty(),
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

/// The first half of the pipeline on one event (in a worker).
fn prepare(event: Event, learn: bool) -> Staged {
    match event {
        Event::Item(file, item) => {
            let prepared = item.page.and_then(|page| {
                pipeline::prepare_for(&page, learn)
                    .map(Box::new)
                    .map_err(|e| file.locate(item.pos, e))
            });
            Staged::Item {
                file,
                pos: item.pos,
                consumed: item.consumed,
                prepared,
            }
        }
        Event::End(file) => Staged::End(file),
        Event::Skipped => Staged::Skipped,
        Event::Bad(e) => Staged::Bad(e),
        Event::Passed(_) => unreachable!("printed and filtered out by the batch loop"),
    }
}

/// The rest of the pipeline on one event, with its site's template (in a worker).
fn finish(staged: Staged, template: Option<&marsad_extract::template::Template>) -> Done {
    match staged {
        Staged::Item {
            file,
            pos,
            consumed,
            prepared,
        } => {
            let mut removed = None;
            let mut warnings = Vec::new();
            let outcome = prepared.and_then(|p| {
                let mut p = *p;
                let host = p.host.take();
                let (docs, report) =
                    pipeline::finish(p, template).map_err(|e| file.locate(pos, e))?;
                if let Some(h) = host {
                    removed = Some((h, templates::removed_lines(&report)));
                }
                // The store's own work on each record (content hash, signature, JSON,
                // folded text for the index) is done here, in the pool, not in the
                // writer thread, which would otherwise be the bottleneck.
                docs.into_iter()
                    .map(|(d, notes)| {
                        warnings.extend(notes.warnings.iter().map(|w| format!("{}: {w}", d.doc)));
                        Prepared::new(d).map_err(|e| Error::Io(io::Error::other(e)))
                    })
                    .collect()
            });
            Done::Item {
                file,
                pos,
                consumed,
                outcome,
                removed,
                warnings,
            }
        }
        Staged::End(file) => Done::End(file),
        Staged::Skipped => Done::Skipped,
        Staged::Bad(e) => Done::Bad(e),
    }
}

/// A progress bar on standard error, hidden with `--quiet` or when standard error is not
/// a terminal. Its length (the inputs' total size) is summed on a thread of its own, so
/// that a folder of a million files starts at once.
fn progress_bar(args: &IngestArgs) -> ProgressBar {
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
        let total: u64 = marsad_extract::input::walk(&paths)
            .filter_map(Result::ok)
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        sizer.set_length(total);
    });
    bar
}

fn progress_message(t: &Tally, elapsed: Duration) -> String {
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

fn summary(t: &Tally, elapsed: Duration) -> String {
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
