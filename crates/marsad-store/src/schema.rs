//! The database layout, created on first open and checked on every open.
//!
//! One row per stored text in `documents`, with the whole record as JSON in `record`
//! (what readers return) and the columns people filter on beside it. Entities, mentions,
//! dates and events are spread into tables of their own so that SQL can count and join
//! them; each keeps a JSON copy or enough columns to give back the schema type.
//!
//! `documents_fts` is a *contentless* FTS5 table over the folded title and text (and the
//! clitic-stripped words, see [`crate::search`]): the folded text is only ever used to
//! find rows, never shown, so storing it a second time would double the database for
//! nothing. Snippets are cut from the original `text` instead.
//!
//! `PRAGMA user_version` carries [`VERSION`]: a database written by a newer Marsad is
//! refused rather than misread. A writable open of an older one (an ingest, or any reading
//! command of the CLI) brings it up to date with [`MIGRATIONS`]; a read-only open
//! (`marsad serve`, which never writes) refuses it and says how to update it.

/// The layout version this crate writes and reads.
pub const VERSION: i64 = 5;

/// What each version adds to the one before: run in order, each in the transaction that
/// sets `user_version`, on a store whose version is older.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (2, TEMPLATES),
    (3, DESK_INDEXES),
    (4, FTS_WORDS),
    (5, MENTION_DOCUMENTS),
];

/// Version 2: site templates (`marsad_extract::template`'s learner, per host).
pub const TEMPLATES: &str = "
-- Site templates (marsad_extract::template): per host, the pages counted and the
-- learner's state (each counted line's key and in how many distinct pages it was), so
-- that a later ingest of the same site starts from what earlier ones learnt. `lines` is
-- how many lines were template at the last commit, for people to read.
CREATE TABLE IF NOT EXISTS templates (
    host   TEXT PRIMARY KEY,
    pages  INTEGER NOT NULL,
    lines  INTEGER NOT NULL,
    counts BLOB NOT NULL
);
";

/// Version 5: what the desk's queries still read from the tables' rows (`EXPLAIN QUERY
/// PLAN` and timings on the SaudiNewsNet month, 29,329 documents, 37,298 events).
///
/// * An entity's documents from an index: the index on `entity_id` alone gave the rows of
///   an entity's mentions, and each row was read for its `document_id` (the documents
///   that name Saudi Arabia: 20,689 rows, 50 ms); the covering index answers it (9 ms),
///   and so the entity's documents and their months. It replaces the index on
///   `entity_id`, which it begins with.
/// * `events_at` with the event's `confidence` and `place`: the timeline keeps only
///   events of a trusted confidence by default, and that test read every event's row (the
///   whole timeline's count and chart: 283 ms; 24 ms from the index).
pub const MENTION_DOCUMENTS: &str = "
CREATE INDEX IF NOT EXISTS mentions_entity_document ON mentions(entity_id, document_id);
DROP INDEX IF EXISTS mentions_entity;
DROP INDEX IF EXISTS events_at;
CREATE INDEX events_at ON events(at DESC, id, type, mode, status, document_id, confidence, place);
";

/// Version 4: the full-text index over words the pool cut and joined with spaces
/// ([`crate::search::index_columns`]), split by FTS5's `ascii` tokenizer instead of
/// `unicode61`. A store of an older layout has its index rebuilt from the stored records
/// when it is opened for writing ([`crate::Store::open`]; 26 s for 100,000 documents).
pub const FTS_WORDS: &str = "
DROP TABLE IF EXISTS documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, bare, content = '', tokenize = 'ascii'
);
";

/// Version 3: what the desk's queries need (`EXPLAIN QUERY PLAN` on a 100,000-document
/// store, `bench/serve.sh`).
///
/// * `events.at`: where the event stands on the timeline — its date, else its document's
///   publication date — and `events_at`, the timeline in order (latest first; undated,
///   NULL, last) with every column an event filter tests. The timeline used to sort
///   every event that passed its filters by `coalesce(e.date, d.published)`, a join no
///   index can serve: its first page read the whole table. Now a page is a walk down
///   this index that stops after its rows, and a count the same walk to the end, never
///   touching the events' rows (each holds its record, about 1.5 KB). Date filters are
///   ranges of it.
/// * The actor and country filters read the event ids of one key or country from a
///   covering index (the index on `key` alone, which it covers, goes); an outlet filter
///   reads that outlet's documents.
pub const DESK_INDEXES: &str = "
ALTER TABLE events ADD COLUMN at TEXT;
UPDATE events SET at = coalesce(date, (SELECT d.published FROM documents d WHERE d.id = events.document_id));
CREATE INDEX IF NOT EXISTS events_at ON events(at DESC, id, type, mode, status, document_id);
DROP INDEX IF EXISTS event_actors_key;
CREATE INDEX IF NOT EXISTS event_actors_key_event ON event_actors(key, event_id);
CREATE INDEX IF NOT EXISTS event_actors_country_event ON event_actors(country, event_id);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);
";

/// Connection settings, applied on every open. WAL lets readers (`marsad search` in a
/// second terminal) run while an ingest writes; `synchronous = NORMAL` is safe with WAL
/// (a power cut may lose the last transactions, never corrupt the file) and several
/// times faster than FULL on batch commits. A 64 MiB page cache keeps the indexes that
/// every insert walks (content hashes, band keys, entities) in memory.
///
/// `busy_timeout` comes first, so that switching a new file to WAL (which needs the
/// write lock) waits for a second process doing the same instead of failing.
pub const PRAGMAS: &str = "
PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
";

/// The tables, for a new database.
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS documents (
    id           INTEGER PRIMARY KEY,
    doc          TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT,
    published    TEXT,
    title        TEXT,
    lang         TEXT,
    content_hash BLOB NOT NULL UNIQUE,
    duplicate_of TEXT,
    chars        INTEGER NOT NULL,
    record       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc ON documents(doc);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);

-- Exact copies: other sources whose folded text hashed to a stored document's. They are
-- reports of the same text (another outlet, another URL), kept but not stored twice.
CREATE TABLE IF NOT EXISTS copies (
    doc         TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    url         TEXT,
    outlet      TEXT,
    published   TEXT
);

CREATE TABLE IF NOT EXISTS entities (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL,
    type    TEXT NOT NULL,
    country TEXT,
    UNIQUE (key, type)
);

CREATE TABLE IF NOT EXISTS mentions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    resolved_by TEXT
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);

CREATE TABLE IF NOT EXISTS dates (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_document ON dates(document_id);
CREATE INDEX IF NOT EXISTS dates_value ON dates(value);

CREATE TABLE IF NOT EXISTS events (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id),
    type          TEXT NOT NULL,
    mode          TEXT,
    date          TEXT,
    place         TEXT,
    status        TEXT NOT NULL,
    attributed_to TEXT,
    confidence    REAL NOT NULL,
    evidence      TEXT NOT NULL,
    record        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    key      TEXT,
    country  TEXT,
    role     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
-- (Indexes added since version 1 are in DESK_INDEXES: a new store runs every migration.)

-- (The full-text index, documents_fts, is made by FTS_WORDS, version 4.)

-- Near-duplicates (marsad-dedup): each stored text's MinHash signature, and its LSH band
-- keys as an index, so that a later ingest finds the earlier documents a new one repeats.
-- Texts too short for a signature have neither.
CREATE TABLE IF NOT EXISTS signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    sig         BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, key, document_id)
) WITHOUT ROWID;

-- Inputs already read: a file (by path, size and modification time) and how far into it
-- the committed batches reach. `resume_offset` is a byte offset a reader can seek to (a
-- gzip member or a record start) and `resume_skip` the records after it already done.
CREATE TABLE IF NOT EXISTS sources (
    path          TEXT PRIMARY KEY,
    size          INTEGER NOT NULL,
    mtime         INTEGER NOT NULL,
    resume_offset INTEGER NOT NULL DEFAULT 0,
    resume_skip   INTEGER NOT NULL DEFAULT 0,
    complete      INTEGER NOT NULL DEFAULT 0
);
"#;
