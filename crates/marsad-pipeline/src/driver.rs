//! The batch driver: the loop that `marsad extract` and `marsad ingest` share.
//!
//! A run is a sequence of batches. For each, [`Driver::next_batch`]:
//!
//! 1. takes the next items from the [`Feed`] (at most [`Config::max_pages`] pages and
//!    about [`Config::max_bytes`] of page bytes, so that a folder of a million pages or a
//!    batch of large HTML pages never sits in memory at once);
//! 2. runs the first half of the chain ([`crate::prepare`]: decode, main text) on every
//!    page, in the pool;
//! 3. with [`Config::learn`], counts the batch's lines in the site [`Learner`]s, *before*
//!    any page of the batch is cleaned, so that the first pages of a site are cleaned with
//!    what the whole batch says (see [`crate::templates`]);
//! 4. runs the second half ([`crate::finish`]: clean, annotate) on every page, in the
//!    pool, and the caller's own per-record work with it (`ingest` hashes, signs and
//!    serialises each record there, so that its one writer thread only runs SQL);
//! 5. gives back one [`Done`] per event, in input order.
//!
//! What the caller does with a batch is its own business: `extract` prints it, `ingest`
//! commits it together with [`Progress::of`], how far each input may be marked read.
//! Why the two halves and the learning between them are here and not in the callers:
//! they were written twice, and a stage added to one loop was missed in the other.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use marsad_extract::page::Pos;
use marsad_extract::sidecar::Sidecar;
use marsad_extract::template::Template;
use marsad_extract::Error;
use marsad_schema::Document;
use rayon::prelude::*;

use crate::chain::{self, Outcome, Prepared};
use crate::feed::{Event, Feed, FileInfo, Start};
use crate::templates::{self, Learner, Load};

/// How the driver cuts and treats batches.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Pages per batch, at most: enough to keep the cores busy and to learn templates
    /// from, few enough to bound memory.
    pub max_pages: usize,
    /// Page bytes per batch, at most (about): a batch of large HTML pages stays small.
    pub max_bytes: usize,
    /// Whether to learn site templates and clean each page with its site's.
    pub learn: bool,
}

impl Default for Config {
    /// 256 pages (what `marsad extract` takes; `ingest` takes 1,024, see its `--batch`),
    /// 64 MiB, templates learnt.
    fn default() -> Config {
        Config {
            max_pages: 256,
            max_bytes: 64 << 20,
            learn: true,
        }
    }
}

/// One event of a batch after the chain ran on it, in input order.
// Nearly every value is a page: boxing it would cost an allocation per page for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Done<T> {
    /// A page (or the error in its place).
    Page(PageDone<T>),
    /// Every item of the file has been produced.
    End(Arc<FileInfo>),
    /// A file passed over because the caller said it is done ([`Start::Skip`]).
    Skipped,
    /// A path that could not be listed or opened.
    Bad(Error),
    /// A path the walk passed over (a symbolic link out of the folder or to a folder, a
    /// FIFO), with why: a warning, not a skipped page.
    Passed(String),
}

/// A page after the chain, with where it stands in its input.
pub struct PageDone<T> {
    /// Its input.
    pub file: Arc<FileInfo>,
    /// Its position in the input.
    pub pos: Pos,
    /// Bytes of the input read once it was read (for progress).
    pub consumed: u64,
    /// Its `doc`, when the reader could read it (empty otherwise).
    pub doc: String,
    /// Its records (each as the caller's per-record function made it, with the stages'
    /// notes) and the cleaner's line verdicts, or why there are none.
    pub outcome: Outcome<T>,
}

/// The chain over a corpus, a batch at a time.
pub struct Driver<'s> {
    feed: Feed<'s>,
    learner: Learner,
    config: Config,
}

/// A page's site and the lines its template took from it, for the learner's report.
type Removed = Option<(String, usize)>;

/// A page after the first half.
enum Staged {
    Page {
        file: Arc<FileInfo>,
        pos: Pos,
        consumed: u64,
        doc: String,
        // Boxed: a page's main text and metadata, beside the small other variants.
        prepared: Result<Box<Prepared>, Error>,
    },
    Other(Event),
}

impl<'s> Driver<'s> {
    /// A driver over `paths` (files, folders, `-`), with the hints of `sidecar`.
    pub fn new(paths: &[PathBuf], sidecar: &'s Sidecar, config: Config) -> Driver<'s> {
        Driver {
            feed: Feed::new(paths, sidecar),
            learner: Learner::default(),
            config,
        }
    }

    /// The site template learners: what the run removed, and what to save.
    pub fn learner(&mut self) -> &mut Learner {
        &mut self.learner
    }

    /// The next batch through the whole chain, or `None` when the inputs are exhausted.
    ///
    /// `start` says where to read each new input from (`extract`: the beginning;
    /// `ingest`: where its store says); `load` gives a site's saved learner the first
    /// time the run meets the site; `each` turns each finished record into what the
    /// caller keeps, in the pool. Errors of `start` and `load` (a store that cannot be
    /// read) end the run and are returned; errors of pages are in their [`Done`].
    pub fn next_batch<T: Send, E>(
        &mut self,
        pool: &rayon::ThreadPool,
        start: &mut dyn FnMut(&FileInfo) -> Result<Start, E>,
        load: &mut Load<'_, E>,
        each: &(dyn Fn(Document) -> Result<T, Error> + Sync),
    ) -> Result<Option<Vec<Done<T>>>, E> {
        let batch = self
            .feed
            .batch(self.config.max_pages, self.config.max_bytes, start)?;
        if batch.is_empty() {
            return Ok(None);
        }
        let learn = self.config.learn;
        let staged: Vec<Staged> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|e| first_half(e, learn))
                .collect()
        });
        let site_templates = if learn {
            let sites: Vec<Option<(&str, &[u64])>> = staged
                .iter()
                .map(|s| match s {
                    Staged::Page {
                        prepared: Ok(p), ..
                    } => p.host.as_deref().map(|h| (h, &p.lines[..])),
                    _ => None,
                })
                .collect();
            self.learner.learn(&sites, load)?
        } else {
            vec![None; staged.len()]
        };
        let done: Vec<(Done<T>, Removed)> = pool.install(|| {
            staged
                .into_par_iter()
                .zip(site_templates)
                .map(|(s, t)| second_half(s, t.as_deref(), each))
                .collect()
        });
        Ok(Some(
            done.into_iter()
                .map(|(d, removed)| {
                    if let Some((host, n)) = removed {
                        self.learner.removed(&host, n);
                    }
                    d
                })
                .collect(),
        ))
    }
}

/// The first half of the chain on one event (in a worker).
fn first_half(event: Event, learn: bool) -> Staged {
    let Event::Item(file, item) = event else {
        return Staged::Other(event);
    };
    let doc = item.page.as_ref().map_or(String::new(), |p| p.doc.clone());
    let prepared = item.page.and_then(|page| {
        chain::prepare(&page, learn)
            .map(Box::new)
            .map_err(|e| file.locate(item.pos, e))
    });
    Staged::Page {
        file,
        pos: item.pos,
        consumed: item.consumed,
        doc,
        prepared,
    }
}

/// The rest of the chain on one event, with its site's template (in a worker); with the
/// page's site and the lines its template took, for the learner's report.
fn second_half<T>(
    staged: Staged,
    template: Option<&Template>,
    each: &(dyn Fn(Document) -> Result<T, Error> + Sync),
) -> (Done<T>, Removed) {
    let (file, pos, consumed, doc, prepared) = match staged {
        Staged::Page {
            file,
            pos,
            consumed,
            doc,
            prepared,
        } => (file, pos, consumed, doc, prepared),
        Staged::Other(Event::End(f)) => return (Done::End(f), None),
        Staged::Other(Event::Skipped) => return (Done::Skipped, None),
        Staged::Other(Event::Bad(e)) => return (Done::Bad(e), None),
        Staged::Other(Event::Passed(w)) => return (Done::Passed(w), None),
        Staged::Other(Event::Item(..)) => unreachable!("items are staged as pages"),
    };
    let mut removed = None;
    let outcome = prepared.and_then(|p| {
        let mut p = *p;
        let host = p.host.take();
        let (docs, report) = chain::finish(p, template).map_err(|e| file.locate(pos, e))?;
        if let Some(h) = host {
            removed = Some((h, templates::removed_lines(&report)));
        }
        let docs = docs
            .into_iter()
            .map(|(d, notes)| Ok((each(d)?, notes)))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok((docs, report))
    });
    let page = PageDone {
        file,
        pos,
        consumed,
        doc,
        outcome,
    };
    (Done::Page(page), removed)
}

/// How far one input may be marked read once its batch is committed.
#[derive(Debug, Clone)]
pub struct Resume {
    /// The input.
    pub file: Arc<FileInfo>,
    /// Where the next run is to start reading it.
    pub from: Pos,
    /// Whether every item of it has been read (the next run skips it).
    pub complete: bool,
}

/// The progress of a run's inputs, batch after batch: what `ingest` commits with each
/// batch so that a run killed at any instant resumes exactly after its last committed
/// page.
///
/// The rule that makes this more than "the position after the last item": an input in
/// which a stage panicked ([`Error::Internal`]) is marked read up to that page and no
/// further, for the rest of the run, and never complete. The pages after it are still
/// processed and stored; the next run (with a fixed build) reads the page again, and the
/// store's content hashes keep the pages after it from being stored twice. Bad *input*
/// (a malformed line, an empty page) is not retried: reading it again would fail the same
/// way.
#[derive(Debug, Default)]
pub struct Progress {
    /// Inputs held at a page that failed with an internal error, by key.
    held: HashSet<String>,
}

impl Progress {
    /// The progress of the inputs a batch touched, in the order first met. Standard input
    /// is never resumed, and so never listed.
    pub fn of<T>(&mut self, batch: &[Done<T>]) -> Vec<Resume> {
        let mut out: Vec<Resume> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        let mut set = |file: &Arc<FileInfo>, from: Pos, complete: bool| {
            let r = Resume {
                file: file.clone(),
                from,
                complete,
            };
            match slot.get(&file.key) {
                Some(&i) => out[i] = r,
                None => {
                    slot.insert(file.key.clone(), out.len());
                    out.push(r);
                }
            }
        };
        for d in batch {
            match d {
                Done::Page(p) if !p.file.is_stdin() && !self.held.contains(&p.file.key) => {
                    if p.outcome.as_ref().is_err_and(Error::is_internal) {
                        self.held.insert(p.file.key.clone());
                        set(&p.file, p.pos, false);
                    } else {
                        set(&p.file, p.pos.next(), false);
                    }
                }
                Done::End(f) if !f.is_stdin() && !self.held.contains(&f.key) => {
                    set(f, Pos::default(), true)
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
    }

    fn page(file: &Arc<FileInfo>, index: u64, outcome: Result<(), Error>) -> Done<()> {
        Done::Page(PageDone {
            file: file.clone(),
            pos: Pos { offset: 0, index },
            consumed: 0,
            doc: String::new(),
            outcome: outcome.map(|()| (Vec::new(), Vec::new())),
        })
    }

    fn internal() -> Error {
        Error::Internal {
            stage: "events",
            doc: "f.jsonl:2".to_string(),
        }
        .with_file("f.jsonl")
    }

    #[test]
    fn an_input_is_not_marked_read_past_an_internal_error() {
        let f = Arc::new(FileInfo::new(PathBuf::from("f.jsonl")));
        let g = Arc::new(FileInfo::new(PathBuf::from("g.jsonl")));
        let mut progress = Progress::default();
        let batch = vec![
            page(&f, 0, Ok(())),
            page(&g, 0, Err(Error::NoText)),
            page(&f, 1, Err(internal())),
            page(&f, 2, Ok(())),
            page(&g, 1, Ok(())),
        ];
        let r = progress.of(&batch);
        assert_eq!(r.len(), 2);
        // f stays at the page that failed; g, whose page was only bad input, goes on.
        assert_eq!(
            (r[0].file.key.ends_with("f.jsonl"), r[0].from.index),
            (true, 1)
        );
        assert!(!r[0].complete);
        assert_eq!(r[1].from.index, 2);
        // Later batches of the run leave f where it is, its end included.
        let next = vec![
            page(&f, 3, Ok(())),
            Done::End(f.clone()),
            Done::End(g.clone()),
        ];
        let r = progress.of(&next);
        assert_eq!(r.len(), 1);
        assert!(r[0].file.key.ends_with("g.jsonl") && r[0].complete);
    }

    #[test]
    fn standard_input_is_never_listed() {
        let stdin = Arc::new(FileInfo::new(PathBuf::from("-")));
        let batch = vec![page(&stdin, 0, Ok(())), Done::End(stdin.clone())];
        assert!(Progress::default().of(&batch).is_empty());
    }

    #[test]
    fn batches_come_in_input_order_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let sentence =
            "استقبل الرئيس المصري في القاهرة أمس وزير الخارجية الفرنسي وبحثا العلاقات الثنائية.";
        std::fs::write(dir.path().join("a.txt"), sentence).unwrap();
        std::fs::write(dir.path().join("b.txt"), "   ").unwrap();
        let lines = format!(
            "{{\"doc\":\"c1\",\"text\":\"{sentence}\",\"published\":\"2024-13-45\"}}\nnot json\n{{\"doc\":\"c3\",\"text\":\"{sentence}\"}}\n"
        );
        std::fs::write(dir.path().join("c.jsonl"), lines).unwrap();
        let sidecar = Sidecar::default();
        let config = Config {
            max_pages: 2,
            ..Config::default()
        };
        let mut driver = Driver::new(&[dir.path().to_path_buf()], &sidecar, config);
        let pool = pool();
        let mut seen = Vec::new();
        let mut batches = 0;
        let start = &mut |_: &FileInfo| Ok::<_, ()>(Start::At(Pos::default()));
        let load = &mut |_: &str| Ok::<_, ()>(None);
        let each = &|d: Document| Ok(d.doc);
        while let Some(batch) = driver.next_batch(&pool, start, load, each).unwrap() {
            batches += 1;
            assert!(batch.iter().filter(|d| matches!(d, Done::Page(_))).count() <= 2);
            for d in batch {
                seen.push(match d {
                    Done::Page(p) => match p.outcome {
                        Ok((records, _)) => {
                            let (doc, notes) = &records[0];
                            format!("{doc} {}", notes.warnings.len())
                        }
                        Err(e) => format!("error {}", e.reason()),
                    },
                    Done::End(f) => {
                        format!("end {}", f.path.file_name().unwrap().to_string_lossy())
                    }
                    Done::Skipped => "skipped".to_string(),
                    Done::Bad(e) => format!("bad {e}"),
                    Done::Passed(w) => format!("passed {w}"),
                });
            }
        }
        assert!(batches >= 3);
        let a = dir.path().join("a.txt").to_string_lossy().into_owned();
        assert_eq!(
            seen,
            [
                format!("{a} 0"),
                "end a.txt".to_string(),
                "error empty input".to_string(),
                "end b.txt".to_string(),
                "c1 1".to_string(),
                "error malformed record".to_string(),
                "c3 0".to_string(),
                "end c.jsonl".to_string(),
            ]
        );
    }
}
