//! `marsad ingest --db postgres://…`: ingest as one of any number of workers sharing a
//! PostgreSQL store ([`marsad_store_pg`]).
//!
//! With paths, the run first registers them as units (one per file; a JSON Lines or
//! WARC file is one unit), then works like any worker; with `--worker` and no paths it
//! only works. A worker loop: claim the next unit (pending, or whose lease expired),
//! run the same batch driver as a SQLite ingest over that one file from the unit's last
//! committed position, and commit each batch with the unit's new position in one
//! transaction (fenced by the claim, so a worker that lost its unit cannot write into
//! it). When no unit can be claimed but some are still running under another worker's
//! lease, it waits and asks again, so that it takes over a unit whose worker died; it
//! stops when every unit is done or failed.
//!
//! Site templates are learnt per unit's batches and shared through the store (each
//! site's learner is loaded when the unit first meets it and saved with each batch): a
//! batch never spans two units, so with templates on, the cleaning of the first pages
//! of a small unit may differ from a SQLite ingest's, whose batches span files. With
//! `--no-templates` the records are the SQLite ingest's, record for record.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::mpsc::SyncSender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::ProgressBar;
use marsad_extract::page::Pos;
use marsad_extract::sidecar::Sidecar;
use marsad_pipeline::{Config, Done, Driver, FileInfo, Progress, Start};
use marsad_store::{BatchReport, HostTemplate, Prepared};
use marsad_store_pg::units::NewUnit;
use marsad_store_pg::write::UnitProgress;
use marsad_store_pg::{Claim, PgStore};

use super::{account, dirty_templates, for_store, progress_bar, progress_message, summary, Tally};
use crate::IngestArgs;

/// A batch for the writer thread.
struct Commit {
    docs: Vec<Prepared>,
    progress: Option<UnitProgress>,
    templates: Vec<HostTemplate>,
    counts: Tally,
}

/// What the worker did, for its summary line.
#[derive(Default)]
struct Units {
    done: usize,
    taken_over: usize,
    lost: usize,
    failed: usize,
}

pub fn run(args: IngestArgs, url: &str) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    crate::stop::install()?;
    let mut store = PgStore::connect(url)?;
    if !args.paths.is_empty() {
        let n = register(&mut store, &args)?;
        eprintln!("marsad: {n} inputs queued");
    }
    marsad_pipeline::warm_up();
    let mut w = Worker {
        url,
        // A second connection for the writer thread, so that the pool extracts the next
        // batch while one is committed.
        writer: Some(PgStore::connect(url)?),
        store,
        name: worker_name(),
        args: &args,
        pool: rayon::ThreadPoolBuilder::new()
            .num_threads(crate::worker_threads(args.jobs))
            .build()
            .context("starting worker threads")?,
        bar: progress_bar(&args),
        tally: Tally::default(),
        units: Units::default(),
        started,
    };
    let mut outage: Option<Outage> = None;
    loop {
        match w.next_unit() {
            Ok(true) => outage = None,
            Ok(false) => break,
            Err(e) if lost_connection(&e) => {
                // The server went away (a restart, a network cut): whatever was not
                // committed is rolled back, and the unit in hand is taken over from its
                // last commit once its lease runs out (by this worker or another).
                let o = outage.get_or_insert_with(Outage::new);
                let pause = o.next_pause().with_context(|| {
                    format!(
                        "the database has been unreachable for {} s: giving up",
                        OUTAGE_PATIENCE.as_secs()
                    )
                })?;
                w.say(&format!(
                    "lost the database ({e:#}): trying again in {} s",
                    pause.as_secs()
                ));
                std::thread::sleep(pause);
                match (PgStore::connect(url), PgStore::connect(url)) {
                    (Ok(a), Ok(b)) => {
                        w.store = a;
                        w.writer = Some(b);
                        w.say("connected to the database again");
                    }
                    (Err(e), _) | (_, Err(e)) => w.say(&e.to_string()),
                }
            }
            Err(e) => return Err(e),
        }
    }
    w.bar.finish_and_clear();
    let u = &w.units;
    writeln!(
        io::stderr(),
        "worker {}: {} units done, {} taken over from a worker whose lease expired, {} lost to another worker, {} failed",
        w.name, u.done, u.taken_over, u.lost, u.failed
    )?;
    writeln!(io::stderr(), "{}", summary(&w.tally, started.elapsed()))?;
    if let Some(signal) = crate::stop::requested() {
        writeln!(
            io::stderr(),
            "marsad: worker {} stopped by {}: what it read is committed, its unit back in the queue",
            w.name,
            signal.name()
        )?;
        return Ok(ExitCode::from(signal.exit_code()));
    }
    Ok(if u.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A worker: its connections, its pool and what it has done.
struct Worker<'a> {
    url: &'a str,
    store: PgStore,
    /// The writer thread's connection, lent to it for each unit.
    writer: Option<PgStore>,
    name: String,
    args: &'a IngestArgs,
    pool: rayon::ThreadPool,
    bar: ProgressBar,
    tally: Tally,
    units: Units,
    started: Instant,
}

/// How long a worker waits for a database that went away, in all, before it gives up.
const OUTAGE_PATIENCE: Duration = Duration::from_secs(600);

/// An outage of the database: since when, and the next pause (doubling, at most 30 s).
struct Outage {
    since: Instant,
    pause: Duration,
}

impl Outage {
    fn new() -> Outage {
        Outage {
            since: Instant::now(),
            pause: Duration::from_secs(1),
        }
    }

    /// The pause before the next attempt, or `None` once [`OUTAGE_PATIENCE`] is spent.
    fn next_pause(&mut self) -> Option<Duration> {
        if self.since.elapsed() > OUTAGE_PATIENCE {
            return None;
        }
        let p = self.pause;
        self.pause = (self.pause * 2).min(Duration::from_secs(30));
        Some(p)
    }
}

/// Whether an error is the database connection's (see
/// [`marsad_store_pg::Error::is_connection`]).
fn lost_connection(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<marsad_store_pg::Error>()
            .is_some_and(marsad_store_pg::Error::is_connection)
    })
}

impl Worker<'_> {
    /// A line on standard error, around the progress bar.
    fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("marsad: {line}"));
    }

    /// Claims and works on the next unit; false when none is left. Waits (and says true)
    /// when units are running under other workers' leases, one of which may expire.
    fn next_unit(&mut self) -> anyhow::Result<bool> {
        if crate::stop::requested().is_some() {
            return Ok(false);
        }
        let lease = self.args.lease.max(1.0);
        let Some(claim) = self.store.claim(&self.name, lease)? else {
            if self.store.status()?.finished() {
                return Ok(false);
            }
            std::thread::sleep(Duration::from_secs_f64((lease / 4.0).clamp(0.2, 5.0)));
            return Ok(true);
        };
        if claim.taken_over {
            self.units.taken_over += 1;
            self.say(&format!(
                "taking over {} from record {} after byte {}",
                claim.path, claim.skip, claim.offset
            ));
        }
        let unit = Unit {
            claim: &claim,
            lease,
            args: self.args,
            bar: &self.bar,
            started: self.started,
        };
        let w = match self.writer.take() {
            Some(w) => w,
            // Lost with the database while the other connection was not.
            None => PgStore::connect(self.url)?,
        };
        let (w, outcome) = unit.work(&mut self.store, w, &self.pool, &mut self.tally)?;
        self.writer = Some(w);
        match outcome {
            UnitEnd::Done => self.units.done += 1,
            UnitEnd::Lost => self.units.lost += 1,
            UnitEnd::Failed(reason) => {
                self.units.failed += 1;
                self.say(&format!("{}: failed: {reason}", claim.path));
                self.store.fail(&claim, &reason)?;
            }
            UnitEnd::Stopped => {
                self.store.release(&claim)?;
                self.say(&format!(
                    "{}: given back to the queue after its last commit",
                    claim.path
                ));
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The inputs under `args.paths`, registered as units in walk order.
fn register(store: &mut PgStore, args: &IngestArgs) -> anyhow::Result<u64> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!(
            "a PostgreSQL ingest reads files that every worker can open, not standard input"
        );
    }
    let meta = args
        .meta
        .as_ref()
        .map(|m| {
            std::fs::canonicalize(m)
                .with_context(|| format!("{}: the sidecar", m.display()))
                .map(|p| p.to_string_lossy().into_owned())
        })
        .transpose()?;
    let mut new = Vec::new();
    for file in marsad_extract::walk::walk(&args.paths).files() {
        match file {
            Ok(path) => {
                // The sidecar is not an input.
                if meta
                    .as_deref()
                    .is_some_and(|m| FileInfo::new(path.clone()).key == m)
                {
                    continue;
                }
                let f = FileInfo::new(path);
                let every = (args.unit_mb.max(0.0) * 1e6) as u64;
                let cuts = if f.size > every {
                    marsad_extract::warc::split_points(&f.path, every)
                        .with_context(|| format!("{}: cutting into parts", f.path.display()))?
                } else {
                    Vec::new()
                };
                let starts = std::iter::once(0).chain(cuts.iter().copied());
                let ends = cuts.iter().copied().map(Some).chain(std::iter::once(None));
                for (start, end) in starts.zip(ends) {
                    new.push(NewUnit {
                        path: f.key.clone(),
                        meta: meta.clone(),
                        size: f.size,
                        mtime: f.mtime,
                        start,
                        end,
                    });
                }
            }
            Err(e) => eprintln!("marsad: {e}"),
        }
    }
    Ok(store.register(&new)?)
}

/// `host:pid`, how `marsad status` names a worker.
fn worker_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string());
    format!("{host}:{}", std::process::id())
}

/// How a unit's work ended.
enum UnitEnd {
    Done,
    /// Its lease passed to another worker (this one was too slow): nothing more of it
    /// was committed here.
    Lost,
    Failed(String),
    /// A signal asked the worker to stop: what was read is committed, the rest is not.
    Stopped,
}

/// One claimed unit and what working on it needs.
struct Unit<'a> {
    claim: &'a Claim,
    lease: f64,
    args: &'a IngestArgs,
    bar: &'a ProgressBar,
    started: Instant,
}

impl Unit<'_> {
    /// Reads the unit from its last committed position to its end, batch by batch, each
    /// committed by the writer thread (which gets `writer` and gives it back).
    fn work(
        &self,
        store: &mut PgStore,
        writer: PgStore,
        pool: &rayon::ThreadPool,
        tally: &mut Tally,
    ) -> anyhow::Result<(PgStore, UnitEnd)> {
        let c = self.claim;
        let file = FileInfo::new(c.path.clone().into());
        if file.size != c.size || file.mtime != c.mtime {
            let why = "the file is missing or changed since it was registered (register it again)";
            return Ok((writer, UnitEnd::Failed(why.to_string())));
        }
        let sidecar = match &c.meta {
            Some(m) => match Sidecar::read(std::path::Path::new(m)) {
                Ok(s) => s,
                Err(e) => return Ok((writer, UnitEnd::Failed(e.to_string()))),
            },
            None => Sidecar::default(),
        };
        let config = Config {
            max_pages: self.args.batch.max(1),
            learn: !self.args.no_templates,
            ..Config::default()
        };
        let mut driver = Driver::new(std::slice::from_ref(&file.path), &sidecar, config);
        let (to_writer, handle) = spawn_writer(writer, self.bar.clone(), self.started);
        let from = Pos {
            offset: c.offset,
            index: c.skip,
        };
        let start = &mut |_: &FileInfo| {
            Ok::<_, marsad_store_pg::Error>(match c.end {
                Some(end) => Start::Until(from, end),
                None => Start::At(from),
            })
        };
        let load = &mut |host: &str| store.template_counts(host);
        let mut progress = Progress::default();
        let mut read_from = std::collections::HashMap::from([(file.key.clone(), c.offset)]);
        let mut complete = false;
        let mut failed = None;
        while let Some(batch) = driver.next_batch(pool, start, load, &for_store)? {
            let records = batch.iter().filter(|d| matches!(d, Done::Page(_))).count() as u64;
            for d in &batch {
                if let Done::Bad(e) = d {
                    failed = Some(e.to_string());
                }
            }
            let resume = progress.of(&batch).pop();
            complete |= resume.as_ref().is_some_and(|r| r.complete);
            let docs = account(batch, tally, &mut read_from, self.bar);
            let commit = Commit {
                docs,
                progress: resume.map(|r| UnitProgress {
                    unit: c.unit,
                    claim: c.claim,
                    path: c.path.clone(),
                    offset: r.from.offset,
                    skip: r.from.index,
                    complete: r.complete,
                    records,
                    lease_secs: self.lease,
                }),
                templates: dirty_templates(driver.learner()),
                counts: tally.clone(),
            };
            if to_writer.send(commit).is_err() {
                break; // the writer stopped on an error, which `join` gives below
            }
            if crate::stop::requested().is_some() {
                break; // the batch just sent is committed below, the next one never read
            }
        }
        drop(to_writer);
        let (writer, result) = handle
            .join()
            .map_err(|_| anyhow::anyhow!("the database writer panicked"))?;
        let learner = driver.learner();
        tally.template_lines += learner.removed;
        tally.template_pages += learner.pages;
        tally.template_sites += learner.sites();
        match result {
            Ok(report) => tally.report.add(&report),
            Err(marsad_store_pg::Error::LeaseLost { .. }) => return Ok((writer, UnitEnd::Lost)),
            Err(e) => return Err(e).context("writing to the database"),
        }
        let end = match failed {
            Some(why) => UnitEnd::Failed(why),
            None if complete => UnitEnd::Done,
            None if crate::stop::requested().is_some() => UnitEnd::Stopped,
            None => UnitEnd::Failed(
                "a stage failed on a page (reported above): the unit stays at that page".into(),
            ),
        };
        Ok((writer, end))
    }
}

/// The writer thread of one unit: commits each batch with the unit's progress; gives the
/// connection back with the unit's report (or the error that stopped it).
#[allow(clippy::type_complexity)]
fn spawn_writer(
    mut store: PgStore,
    bar: ProgressBar,
    started: Instant,
) -> (
    SyncSender<Commit>,
    JoinHandle<(PgStore, Result<BatchReport, marsad_store_pg::Error>)>,
) {
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Commit>(1);
    let writer = std::thread::spawn(move || {
        let mut total = BatchReport::default();
        for c in batches {
            match store.commit(&c.docs, c.progress.as_ref(), &c.templates) {
                Ok((report, _)) => total.add(&report),
                Err(e) => return (store, Err(e)),
            }
            let mut t = c.counts;
            t.report.add(&total);
            bar.set_position(t.bytes);
            bar.set_message(progress_message(&t, started.elapsed()));
        }
        (store, Ok(total))
    });
    (to_writer, writer)
}
