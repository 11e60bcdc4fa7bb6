//! Site templates across a run: one [`HostCounts`] learner per site, fed a batch at a
//! time *before* the batch is cleaned.
//!
//! How it fits a streaming, resumable ingest:
//!
//! * **Look-ahead of one batch.** A batch's pages are decoded and reduced to their main
//!   text in the pool ([`crate::prepare`]), their lines counted here, and only then
//!   cleaned, each with its site's template. So the first pages of a site are cleaned
//!   with what the whole batch (1,024 pages in `ingest` by default) says, not with
//!   nothing: a crawl that brings a site's pages together (a WARC per site, an outlet's JSONL
//!   dump) loses its template from the first page on. This is the cheap form of a first
//!   pass — it costs no second decode, and memory stays one batch.
//! * **Persisted.** `ingest` saves each site's learner in the store with the batch's
//!   records, in the same transaction (`marsad_store::Store::commit_prepared`): a page
//!   killed before its commit is counted again on the re-run, a committed one never
//!   twice, and a later ingest of the same site starts from what earlier ones learnt.
//! * **What it does not do.** Pages of a site cleaned before the site had
//!   [`marsad_extract::template::MIN_PAGES`] pages (a site trickling in, a page at a time, among
//!   thousands of others) keep their template lines; re-cleaning stored records once the
//!   template is known would rewrite their entities, dates, events, search rows and
//!   near-duplicate keys, and is left to a later `marsad` command.
//! * **Bounded.** A learner is at most [`marsad_extract::template::MAX_LINES`] lines (about 60 KB); at
//!   most [`MAX_RESIDENT`] sites stay in memory, the least recently seen leave (ingest
//!   reads them back from the store when they return; `extract` starts them afresh).

use std::collections::HashMap;
use std::sync::Arc;

use marsad_extract::template::{HostCounts, Template};

/// Sites whose learners stay in memory (more for a moment when one batch brings more).
pub const MAX_RESIDENT: usize = 512;

/// Sites whose removals the run reports one by one; more are counted in the totals.
const MAX_REPORTED: usize = 10_000;

/// A batch after which a site may leave memory: its state must be committed, and the
/// writer may still be committing the previous batch while the next one is learnt (the
/// channel holds one), so a site untouched for three batches is safe to read back.
const EVICT_AFTER: u64 = 3;

struct Site {
    counts: HostCounts,
    template: Arc<Template>,
    touched: u64,
    dirty: bool,
}

/// What the run did with one site's template.
#[derive(Debug, Clone, Copy, Default)]
pub struct SiteStats {
    /// Template lines at the last batch of the site.
    pub learnt: usize,
    /// Lines removed as template.
    pub removed: u64,
    /// Pages that lost at least one line.
    pub pages: u64,
}

/// The learners of a run.
#[derive(Default)]
pub struct Learner {
    sites: HashMap<String, Site>,
    batch: u64,
    stats: HashMap<String, SiteStats>,
    /// Totals, over every site (also those not in `stats`).
    pub removed: u64,
    /// Pages that lost at least one line, over every site.
    pub pages: u64,
}

/// Reads a site's saved learner ([`Saved::counts`]), when there is a store.
pub type Load<'a, E> = dyn FnMut(&str) -> Result<Option<Vec<u8>>, E> + 'a;

/// A site's learner as the store keeps it: what [`Learner::take_dirty`] gives for the
/// store to save with the batch, and what a `load` function gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The site.
    pub host: String,
    /// Pages the learner has seen.
    pub pages: u64,
    /// Lines of its template as it stands.
    pub lines: u64,
    /// The learner's counts ([`HostCounts::to_bytes`]).
    pub counts: Vec<u8>,
}

impl Learner {
    /// Counts one batch's pages (each its site and [`marsad_extract::template::page_lines`], `None` for a
    /// page with no known site or that failed) and gives each page its site's template
    /// as it stands after the whole batch. `load` reads a site's saved learner (from a
    /// store; `extract` has none) the first time the run meets the site.
    pub fn learn<E>(
        &mut self,
        pages: &[Option<(&str, &[u64])>],
        load: &mut Load<'_, E>,
    ) -> Result<Vec<Option<Arc<Template>>>, E> {
        self.batch += 1;
        let now = self.batch;
        for (host, lines) in pages.iter().flatten() {
            if !self.sites.contains_key(*host) {
                let counts = load(host)?
                    .and_then(|b| HostCounts::from_bytes(&b))
                    .unwrap_or_default();
                self.sites.insert(
                    host.to_string(),
                    Site {
                        counts,
                        template: Arc::default(),
                        touched: now,
                        dirty: false,
                    },
                );
            }
            let site = self.sites.get_mut(*host).expect("inserted above");
            site.touched = now;
            site.dirty |= site.counts.observe(lines);
        }
        for (host, site) in self.sites.iter_mut().filter(|(_, s)| s.touched == now) {
            site.template = Arc::new(site.counts.template());
            if let Some(s) = self.stats.get_mut(host) {
                s.learnt = site.template.len();
            }
        }
        let out = pages
            .iter()
            .map(|p| {
                let site = &self.sites[p.as_ref()?.0];
                (!site.template.is_empty()).then(|| site.template.clone())
            })
            .collect();
        if self.sites.len() > MAX_RESIDENT {
            self.sites
                .retain(|_, s| s.dirty || s.touched + EVICT_AFTER > now);
        }
        Ok(out)
    }

    /// Records that a page of `host` lost `lines` lines to its template.
    pub fn removed(&mut self, host: &str, lines: usize) {
        if lines == 0 {
            return;
        }
        self.removed += lines as u64;
        self.pages += 1;
        if !self.stats.contains_key(host) && self.stats.len() >= MAX_REPORTED {
            return;
        }
        let learnt = self.sites.get(host).map_or(0, |s| s.template.len());
        let s = self.stats.entry(host.to_string()).or_default();
        s.learnt = learnt;
        s.removed += lines as u64;
        s.pages += 1;
    }

    /// The learners this batch changed, to be committed with it.
    pub fn take_dirty(&mut self) -> Vec<Saved> {
        self.sites
            .iter_mut()
            .filter(|(_, s)| s.dirty)
            .map(|(host, s)| {
                s.dirty = false;
                Saved {
                    host: host.clone(),
                    pages: s.counts.pages(),
                    lines: s.template.len() as u64,
                    counts: s.counts.to_bytes(),
                }
            })
            .collect()
    }

    /// Sites that lost lines, most removed first, at most `n`.
    pub fn top(&self, n: usize) -> Vec<(&str, SiteStats)> {
        let mut all: Vec<(&str, SiteStats)> =
            self.stats.iter().map(|(h, s)| (h.as_str(), *s)).collect();
        all.sort_by(|a, b| b.1.removed.cmp(&a.1.removed).then(a.0.cmp(b.0)));
        all.truncate(n);
        all
    }

    /// Sites that lost lines.
    pub fn sites(&self) -> usize {
        self.stats.len()
    }

    /// One line per site that lost lines (the ten that lost most), for standard error:
    /// `template news.example: 7 lines learnt, 210 removed from 30 pages`.
    pub fn report(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .top(10)
            .into_iter()
            .map(|(host, s)| {
                format!(
                    "template {host}: {} lines learnt, {} removed from {} pages",
                    s.learnt, s.removed, s.pages
                )
            })
            .collect();
        if self.sites() > 10 {
            lines.push(format!(
                "template: {} more sites lost lines to their templates",
                self.sites() - 10
            ));
        }
        lines
    }
}

/// Lines of a cleaner report dropped as template.
pub fn removed_lines(report: &[marsad_extract::LineReport]) -> usize {
    report
        .iter()
        .filter(|r| r.reason == marsad_extract::clean::Reason::Template)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_leave_memory_only_once_committed() {
        let mut l = Learner::default();
        let mut none = |_: &str| Ok::<_, ()>(None);
        let lines = [1u64, 2, 3];
        for b in 0..(MAX_RESIDENT as u64 + 10) {
            let host = format!("h{b}");
            l.learn(&[Some((host.as_str(), &lines[..]))], &mut none)
                .unwrap();
            // The sites of the last batches, whose commits may still be on their way to
            // the store, stay.
            for recent in b.saturating_sub(EVICT_AFTER - 1)..=b {
                assert!(
                    l.sites.contains_key(&format!("h{recent}")),
                    "h{recent} at {b}"
                );
            }
            assert!(l.sites.len() <= MAX_RESIDENT + 1);
            l.take_dirty();
        }
        assert!(l.sites.len() <= MAX_RESIDENT + 1);
    }

    #[test]
    fn a_batch_learns_before_it_is_cleaned() {
        let mut l = Learner::default();
        let mut none = |_: &str| Ok::<_, ()>(None);
        let pages: Vec<Vec<u64>> = (0..6).map(|n| vec![7, 8, 100 + n]).collect();
        let batch: Vec<Option<(&str, &[u64])>> = pages
            .iter()
            .map(|p| Some(("a.example", &p[..])))
            .chain([None])
            .collect();
        let t = l.learn(&batch, &mut none).unwrap();
        // Every page of the batch, the first too, gets the template of all six.
        assert!(t[0]
            .as_ref()
            .is_some_and(|t| t.contains(7) && t.contains(8)));
        assert!(!t[0].as_ref().unwrap().contains(100));
        assert!(t[6].is_none());
        let saved = l.take_dirty();
        assert_eq!(saved.len(), 1);
        assert_eq!((saved[0].pages, saved[0].lines), (6, 2));
        assert!(l.take_dirty().is_empty());
    }
}
