//! `marsad ingest` into SQLite: the `extract` pipeline over a corpus, into one file.
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

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::mpsc::SyncSender;
use std::thread::JoinHandle;
use std::time::Instant;

use anyhow::Context;
use indicatif::ProgressBar;
use marsad_extract::page::Pos;
use marsad_extract::sidecar::Sidecar;
use marsad_pipeline::{Config, Driver, FileInfo, Progress, Start};
use marsad_store::{
    BatchReport, HostTemplate, Prepared, Resume, SourceFile, SourceProgress, SourceState, Store,
};

use super::{account, dirty_templates, for_store, progress_bar, progress_message, summary, Tally};
use crate::IngestArgs;

/// A batch for the writer thread, with the reader's counts so far for the progress line.
struct Commit {
    docs: Vec<Prepared>,
    progress: Vec<SourceProgress>,
    templates: Vec<HostTemplate>,
    counts: Tally,
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    crate::stop::install()?;
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
            templates: dirty_templates(driver.learner()),
            counts: Tally {
                report: BatchReport::default(),
                ..tally.clone()
            },
        };
        if to_writer.send(commit).is_err() {
            break; // the writer stopped on an error, which `join` gives below
        }
        if crate::stop::requested().is_some() {
            break; // the batch just sent is committed below, the next one never read
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
    if let Some(signal) = crate::stop::requested() {
        writeln!(
            io::stderr(),
            "marsad: stopped by {}: what was read is committed; run the same command again to go on",
            signal.name()
        )?;
        return Ok(ExitCode::from(signal.exit_code()));
    }
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
