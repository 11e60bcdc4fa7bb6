//! `marsad ingest`: the `extract` pipeline over a corpus, into the store.
//!
//! The inputs come from [`crate::feed`] in bounded batches; the pages of a batch go
//! through [`crate::pipeline::process`] in the worker pool (which also prepares each
//! record for the store, [`marsad_store::Prepared`]), while this thread reads the next
//! batch and a writer thread commits the previous one. The batch's records are
//! committed to the store in one transaction *together with* how far each input has been
//! read. So a run killed at any instant (even `kill -9`) leaves the store at the end of a
//! batch, and the same command run again skips the inputs that are done, goes on inside
//! the one that was being read, and stores nothing twice (the content hash would refuse
//! it anyway).
//!
//! Bad inputs and records are reported on standard error (file, record, reason) and the
//! run goes on. Progress (indicatif) is drawn on standard error when it is a terminal and
//! `--quiet` is not given; the last line is always the summary.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_extract::input::Pos;
use marsad_extract::sources::Sidecar;
use marsad_extract::Error;
use marsad_store::{BatchReport, Prepared, Resume, SourceFile, SourceProgress, SourceState, Store};
use rayon::prelude::*;

use crate::feed::{Event, Feed, FileInfo, Start};
use crate::pipeline;
use crate::IngestArgs;

/// Page bytes per batch, at most (about).
const BATCH_BYTES: usize = 64 << 20;

/// A batch's event after the pipeline ran on it.
enum Done {
    Item {
        file: Arc<FileInfo>,
        pos: Pos,
        consumed: u64,
        outcome: Result<Vec<Prepared>, Error>,
    },
    End(Arc<FileInfo>),
    Skipped,
    Bad(Error),
}

/// A batch for the writer thread, with the reader's counts so far for the progress line.
struct Commit {
    docs: Vec<Prepared>,
    progress: Vec<SourceProgress>,
    counts: Tally,
}

/// Counts for the progress line and the summary.
#[derive(Default, Clone, Copy)]
struct Tally {
    report: BatchReport,
    bad: usize,
    inputs_done_before: usize,
    bytes: u64,
}

impl Tally {
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
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let bar = progress_bar(&args);
    let mut tally = Tally::default();
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Commit>(1);
    let writer = {
        let bar = bar.clone();
        std::thread::spawn(move || -> anyhow::Result<BatchReport> {
            let mut total = BatchReport::default();
            for c in batches {
                let (report, _) = store
                    .commit_prepared(&c.docs, &c.progress)
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
    let read = |feed: &mut Feed, read_from: &mut HashMap<String, u64>| {
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
        match store_error {
            Some(e) => Err(e),
            None => Ok(batch),
        }
    };
    let mut next = read(&mut feed, &mut read_from);
    loop {
        let batch = next?;
        if batch.is_empty() {
            break;
        }
        // The pool runs the pipeline on this batch while this thread reads the next one
        // (parsing JSON lines, inflating WARC records), so that no core waits for it.
        let (done, read_next) = std::thread::scope(|s| {
            let pipeline = s.spawn(|| {
                pool.install(|| batch.into_par_iter().map(run_pipeline).collect::<Vec<_>>())
            });
            let read_next = read(&mut feed, &mut read_from);
            (pipeline.join(), read_next)
        });
        let done: Vec<Done> = match done {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // A store error while reading ahead ends the run after this batch is committed.
        next = read_next;

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
                } => {
                    match outcome {
                        Ok(mut records) => docs.append(&mut records),
                        Err(e) => {
                            tally.bad += 1;
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
                    tally.bad += 1;
                    bar.suspend(|| eprintln!("marsad: {e}"));
                }
            }
        }
        let commit = Commit {
            docs,
            progress,
            counts: Tally {
                report: BatchReport::default(),
                ..tally
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

/// Runs the pipeline on one event (in a worker).
fn run_pipeline(event: Event) -> Done {
    match event {
        Event::Item(file, item) => {
            let outcome = item.page.and_then(|page| {
                let (docs, _) = pipeline::process(&page).map_err(|e| file.locate(item.pos, e))?;
                // The store's own work on each record (content hash, signature, JSON,
                // folded text for the index) is done here, in the pool, not in the
                // writer thread, which would otherwise be the bottleneck.
                docs.into_iter()
                    .map(|(d, _)| Prepared::new(d).map_err(|e| Error::Io(io::Error::other(e))))
                    .collect()
            });
            Done::Item {
                file,
                pos: item.pos,
                consumed: item.consumed,
                outcome,
            }
        }
        Event::End(file) => Done::End(file),
        Event::Skipped => Done::Skipped,
        Event::Bad(e) => Done::Bad(e),
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
/// D near-duplicates among the stored; X MB in T s (D docs/s, M MB/s)`.
fn summary(t: &Tally, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-3);
    format!(
        "ingested {}: {} stored, {} copies, {} already stored; {} bad; {} inputs done before; {} near-duplicates among the stored; {:.1} MB in {:.1} s ({:.0} docs/s, {:.1} MB/s)",
        t.docs(),
        t.report.stored,
        t.report.copies,
        t.report.already,
        t.bad,
        t.inputs_done_before,
        t.report.near_duplicates,
        t.bytes as f64 / 1e6,
        secs,
        (t.docs() + t.bad) as f64 / secs,
        t.bytes as f64 / 1e6 / secs,
    )
}
