//! What the handlers share: read-only connections to the store, the knowledge base (for
//! spellings the corpus does not use), and what is computed once per process over the
//! whole store (stories, the actor network, entity spellings).
//!
//! The per-process caches see the store as it was at their first use: a server started
//! before an ingest finishes shows the new documents' stories after a restart.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use marsad_kb::Kb;
use marsad_schema::{Document, EntityType};
use marsad_store::Store;
use marsad_stories::Story;

use crate::ApiError;

/// Idle connections kept for reuse.
const IDLE: usize = 8;

/// The stories of the whole store, with an index from document to its stories.
pub struct Stories {
    /// Every story, numbered from 1 in order of first report.
    pub stories: Vec<Story>,
    /// Story positions (in `stories`) of each `doc`.
    pub by_doc: HashMap<String, Vec<usize>>,
}

/// One distinct spelling of an entity in the corpus, folded for matching.
pub struct Spelling {
    /// The entity's key.
    pub key: String,
    /// Its type.
    pub kind: EntityType,
    /// The spelling as written.
    pub text: String,
    /// The spelling folded.
    pub folded: String,
}

/// Shared state.
pub struct State {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    kb: OnceLock<Option<Kb>>,
    stories: OnceLock<Arc<Stories>>,
    spellings: OnceLock<Arc<Vec<Spelling>>>,
}

impl State {
    /// Opens the store at `db` read-only (and checks it is one).
    pub fn open(db: &Path) -> anyhow::Result<State> {
        if !db.is_file() {
            anyhow::bail!(
                "{}: no such database (make one with `marsad ingest`)",
                db.display()
            );
        }
        let first = Store::open_read_only(db)?;
        Ok(State {
            db: db.to_path_buf(),
            idle: Mutex::new(vec![first]),
            kb: OnceLock::new(),
            stories: OnceLock::new(),
            spellings: OnceLock::new(),
        })
    }

    /// Runs `f` with a connection on the blocking pool.
    pub async fn with<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&State, &Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let me = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = match me.idle.lock().map(|mut v| v.pop()) {
                Ok(Some(s)) => s,
                _ => Store::open_read_only(&me.db)?,
            };
            let out = f(&me, &store);
            if let Ok(mut idle) = me.idle.lock() {
                if idle.len() < IDLE {
                    idle.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("the request failed: {e}")))?
    }

    /// The bundled knowledge base (loaded on first use; `None` if it does not load).
    pub fn kb(&self) -> Option<&Kb> {
        self.kb.get_or_init(|| Kb::load_bundled().ok()).as_ref()
    }

    /// The stories of the whole store (computed on first use).
    pub fn stories(&self, store: &Store) -> Result<Arc<Stories>, ApiError> {
        if let Some(s) = self.stories.get() {
            return Ok(Arc::clone(s));
        }
        let mut docs: Vec<Document> = Vec::new();
        store.each_document(|mut d: Document| {
            if !d.events.is_empty() {
                // Stories read events and the document's name, outlet and dates: the
                // text stays on disk.
                d.text = String::new();
                d.entities = Vec::new();
                d.dates = Vec::new();
                docs.push(d);
            }
            Ok::<(), marsad_store::Error>(())
        })?;
        let stories = marsad_stories::stories(&docs);
        let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in stories.iter().enumerate() {
            for r in &s.reports {
                let v = by_doc.entry(r.doc.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let computed = Arc::new(Stories { stories, by_doc });
        Ok(Arc::clone(self.stories.get_or_init(|| computed)))
    }

    /// Every spelling of every entity in the store (computed on first use).
    pub fn spellings(&self, store: &Store) -> Result<Arc<Vec<Spelling>>, ApiError> {
        if let Some(s) = self.spellings.get() {
            return Ok(Arc::clone(s));
        }
        let v: Vec<Spelling> = store
            .entity_spellings()?
            .into_iter()
            .map(|(key, kind, text)| Spelling {
                folded: marsad_kb::fold_name(&text),
                key,
                kind,
                text,
            })
            .collect();
        let computed = Arc::new(v);
        Ok(Arc::clone(self.spellings.get_or_init(|| computed)))
    }
}
