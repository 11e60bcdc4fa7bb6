//! The PostgreSQL layout: the SQLite store's tables (`marsad_store::schema`), column for
//! column, plus `units`, the work queue.
//!
//! Differences from SQLite, and why:
//!
//! * ids are `bigint GENERATED ALWAYS AS IDENTITY`: under the write lock
//!   ([`crate::write::WRITE_LOCK`]) they grow in commit order, as SQLite's rowids do, so
//!   "the earliest stored text" means the same in both engines.
//! * No `sources` table: a PostgreSQL ingest's inputs are `units`, and a unit's progress
//!   is its resume position (the same offset and record count as `sources`).
//! * Full text: a `tsvector` column of the same folded words and bare forms as SQLite's
//!   FTS5 table (`marsad_store::search::index_lexemes`, given as lexemes: PostgreSQL's
//!   parser never sees the text), under a GIN index; hits come latest stored first (no ranking: see
//!   `PgStore::search`), not by BM25.
//!
//! `marsad_meta.version` carries [`VERSION`]; a database set up by a newer Marsad is
//! refused rather than misread, an older one is brought up to date ([`UPGRADES`]).

use postgres::Client;

use crate::{Context, Error};

/// The layout version this crate writes and reads.
pub const VERSION: i32 = 3;

/// What brings a database of version `i + 1` to `i + 2`. Version 2: a unit may be a part
/// of a file (a byte range of a large WARC.gz), so a path may have several units, one per
/// range start; documents have a full-text column (filled for the documents stored
/// before from their records, by [`backfill_search`]). Version 3: the columns the desk
/// sorts and compares by range (dates, keys) compare bytes (`COLLATE "C"`), as SQLite
/// does, whatever the database's collation (under `en_US`, `-` and `~` are nearly
/// ignored and a date range or an order of keys would differ from SQLite's); their
/// indexes are rebuilt with them, and the desk's place filter has one.
const UPGRADES: &[&str] = &[
    "
    ALTER TABLE units ADD COLUMN IF NOT EXISTS range_start bigint NOT NULL DEFAULT 0;
    ALTER TABLE units ADD COLUMN IF NOT EXISTS range_end bigint;
    ALTER TABLE units DROP CONSTRAINT IF EXISTS units_path_key;
    ALTER TABLE units ADD CONSTRAINT units_path_range_start_key UNIQUE (path, range_start);
    ALTER TABLE documents ADD COLUMN IF NOT EXISTS search tsvector;
    CREATE INDEX IF NOT EXISTS documents_search ON documents USING gin(search);
",
    r#"
    ALTER TABLE documents ALTER COLUMN published TYPE text COLLATE "C";
    ALTER TABLE entities ALTER COLUMN key TYPE text COLLATE "C";
    ALTER TABLE events ALTER COLUMN date TYPE text COLLATE "C";
    ALTER TABLE events ALTER COLUMN at TYPE text COLLATE "C";
    ALTER TABLE event_actors ALTER COLUMN key TYPE text COLLATE "C";
    CREATE INDEX IF NOT EXISTS events_place ON events(place);
"#,
];

/// The advisory lock taken while the layout is created, so that workers starting
/// together on an empty database take turns (`CREATE TABLE IF NOT EXISTS` alone races
/// on the catalog's unique indexes).
const MIGRATE_LOCK: i64 = 0x6d61_7273_6164_0001;

/// The tables of the current version ([`VERSION`]), for an empty database.
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS marsad_meta (version integer NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc          text NOT NULL,
    url          text,
    outlet       text,
    published    text COLLATE "C",
    title        text,
    lang         text,
    content_hash bytea NOT NULL UNIQUE,
    duplicate_of text,
    chars        bigint NOT NULL,
    record       text NOT NULL,
    -- The folded words of title and text and their bare forms, as SQLite's FTS5 table
    -- holds them (marsad_store::search): full-text search through a GIN index.
    search       tsvector
);
CREATE INDEX IF NOT EXISTS documents_doc ON documents(doc);
CREATE INDEX IF NOT EXISTS documents_search ON documents USING gin(search);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);

CREATE TABLE IF NOT EXISTS copies (
    doc         text PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents(id),
    url         text,
    outlet      text,
    published   text
);

CREATE TABLE IF NOT EXISTS entities (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key     text COLLATE "C" NOT NULL,
    type    text NOT NULL,
    country text,
    UNIQUE (key, type)
);

CREATE TABLE IF NOT EXISTS mentions (
    document_id bigint NOT NULL REFERENCES documents(id),
    entity_id   bigint NOT NULL REFERENCES entities(id),
    char_start  bigint NOT NULL,
    char_end    bigint NOT NULL,
    text        text NOT NULL,
    resolved_by text
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);

CREATE TABLE IF NOT EXISTS dates (
    document_id bigint NOT NULL REFERENCES documents(id),
    char_start  bigint NOT NULL,
    char_end    bigint NOT NULL,
    text        text NOT NULL,
    value       text NOT NULL
);
CREATE INDEX IF NOT EXISTS dates_document ON dates(document_id);
CREATE INDEX IF NOT EXISTS dates_value ON dates(value);

CREATE TABLE IF NOT EXISTS events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id   bigint NOT NULL REFERENCES documents(id),
    type          text NOT NULL,
    mode          text,
    date          text COLLATE "C",
    place         text,
    status        text NOT NULL,
    attributed_to text,
    confidence    double precision NOT NULL,
    evidence      text NOT NULL,
    record        text NOT NULL,
    at            text COLLATE "C"
);
CREATE INDEX IF NOT EXISTS events_document ON events(document_id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
CREATE INDEX IF NOT EXISTS events_at ON events(at DESC NULLS LAST, id);
CREATE INDEX IF NOT EXISTS events_place ON events(place);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id bigint NOT NULL REFERENCES events(id),
    key      text COLLATE "C",
    country  text,
    role     text NOT NULL
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS event_actors_key_event ON event_actors(key, event_id);
CREATE INDEX IF NOT EXISTS event_actors_country_event ON event_actors(country, event_id);

-- Near-duplicates: each stored text's MinHash signature and its LSH band keys, indexed,
-- so that a worker finds the earlier documents (any worker's) a new one repeats.
CREATE TABLE IF NOT EXISTS signatures (
    document_id bigint PRIMARY KEY REFERENCES documents(id),
    sig         bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band        integer NOT NULL,
    key         bigint NOT NULL,
    document_id bigint NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, key, document_id)
);

-- Site templates, shared by every worker (upserts under the write lock).
CREATE TABLE IF NOT EXISTS templates (
    host   text PRIMARY KEY,
    pages  bigint NOT NULL,
    lines  bigint NOT NULL,
    counts bytea NOT NULL
);

-- The work queue: one unit per input file, or per part of a large WARC.gz (the bytes
-- from `range_start` to `range_end`, NULL: to the end). `claim` counts the times it was
-- claimed and fences commits (a worker whose claim is not the current one may not
-- commit); `resume_offset` and `resume_skip` are the position after its last committed
-- batch.
CREATE TABLE IF NOT EXISTS units (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path          text NOT NULL,
    range_start   bigint NOT NULL DEFAULT 0,
    range_end     bigint,
    meta          text,
    size          bigint NOT NULL,
    mtime         bigint NOT NULL,
    state         text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'running', 'done', 'failed')),
    worker        text,
    claim         bigint NOT NULL DEFAULT 0,
    since         timestamptz,
    lease_until   timestamptz,
    resume_offset bigint NOT NULL DEFAULT 0,
    resume_skip   bigint NOT NULL DEFAULT 0,
    records       bigint NOT NULL DEFAULT 0,
    reason        text,
    UNIQUE (path, range_start)
);
CREATE INDEX IF NOT EXISTS units_state ON units(state, id);
"#;

/// Fills the full-text column of the documents stored before it existed, from their
/// records (the index is folded words: only Rust folds them).
fn backfill_search(tx: &mut postgres::Transaction<'_>) -> Result<(), Error> {
    let rows = tx
        .query("SELECT id, record FROM documents WHERE search IS NULL", &[])
        .at("reading the documents to index")?;
    for r in rows {
        let id: i64 = r.get(0);
        let d: marsad_schema::Document = serde_json::from_str(r.get(1))?;
        let columns = marsad_store::search::index_columns(
            &marsad_store::search::folded(d.title.as_deref().unwrap_or("")),
            &marsad_store::search::folded(&d.text),
        );
        let words = marsad_store::search::index_lexemes(&columns);
        tx.execute(
            "UPDATE documents SET search = array_to_tsvector($2::text[]) WHERE id = $1",
            &[&id, &words],
        )
        .at("indexing a document stored before full-text search")?;
    }
    Ok(())
}

/// The layout version of the database (`None`: no Marsad tables), read without writing.
pub(crate) fn version(client: &mut Client) -> Result<Option<i32>, Error> {
    let exists: bool = client
        .query_one("SELECT to_regclass('marsad_meta') IS NOT NULL", &[])
        .at("looking for the tables")?
        .get(0);
    if !exists {
        return Ok(None);
    }
    Ok(client
        .query_opt("SELECT version FROM marsad_meta", &[])
        .at("reading the layout version")?
        .map(|r| r.get(0)))
}

/// Creates the tables in a new database, or checks the version of an existing one.
pub(crate) fn migrate(client: &mut Client) -> Result<(), Error> {
    let mut tx = client.transaction().at("starting the layout check")?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])
        .at("waiting for another worker creating the tables")?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('marsad_meta') IS NOT NULL", &[])
        .at("looking for the tables")?
        .get(0);
    let found: Option<i32> = if exists {
        tx.query_opt("SELECT version FROM marsad_meta", &[])
            .at("reading the layout version")?
            .map(|r| r.get(0))
    } else {
        None
    };
    match found {
        Some(v) if v > VERSION => {
            return Err(Error::Version {
                found: v,
                supported: VERSION,
            })
        }
        Some(v) if v < VERSION => {
            for upgrade in &UPGRADES[(v - 1) as usize..] {
                tx.batch_execute(upgrade).at("upgrading the layout")?;
            }
            if v < 2 {
                backfill_search(&mut tx)?;
            }
            tx.execute("UPDATE marsad_meta SET version = $1", &[&VERSION])
                .at("writing the layout version")?;
        }
        Some(_) => {}
        None => {
            tx.batch_execute(CREATE).at("creating the tables")?;
            tx.execute("INSERT INTO marsad_meta (version) VALUES ($1)", &[&VERSION])
                .at("writing the layout version")?;
        }
    }
    tx.commit().at("committing the layout")
}
