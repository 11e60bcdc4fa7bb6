//! End-to-end tests of the `marsad` binary: one test target (`cargo test -p marsad-cli
//! --test tests`), its modules under `tests/tests/`.
//!
//! * `extract` — our own pages (`tests/pages/`, expectations in `tests/expect/pages.jsonl`), the input
//!   forms (.txt, JSONL, standard input, folders), `--format text`, `--jobs`.
//! * `bad_input` — empty, binary, undecodable, truncated, huge, missing and malformed
//!   inputs: one clear line each on standard error, the good pages still extracted.
//! * `dates` — the dates stage on a page of our own: values against the publication
//!   date, character offsets into `text`, false friends, `--explain`'s unplaced lines.
//! * `entities` — the entities stage on a page of our own: role phrases resolved on the
//!   publication date from `--meta`, clitics, ambiguous short names, offsets into `text`,
//!   nothing from dropped furniture.
//! * `export` — `marsad export` as JSON Lines, CSV and PLOVER JSON (an announced
//!   meeting coded AGREE), against the readers of the same store.
//! * `hostile` — hostile input (issue 16): symbolic link loops and links out of a
//!   folder, names that are not UTF-8, CSV formula injection, nested HTML, JSON Lines
//!   with both `text` and `html`, concurrent ingests into a new store.
//! * `ingest` — `marsad ingest` into the store and its readers: a WARC.gz of our own
//!   pages and `../shared/corpus` killed mid-run (SIGKILL) and resumed, checked exactly
//!   against `marsad extract`; a second run adds nothing; bad inputs reported.
//! * `near_duplicates` — a test set derived at test time from `../shared/corpus/seeds`
//!   (re-wrapped, reordered, re-headlined) and five reports of one story of our own,
//!   ingested; pair precision and recall of the store's duplicate groups ≥ 0.95.
//! * `ner` — `marsad ner` on CoNLL sentences of our own: tags, blank lines, errors.
//! * `stories` — `marsad stories` on a multi-outlet set of our own (`tests/stories/`).
//! * `postgres` — the PostgreSQL store on a real server (`$MARSAD_TEST_PG`): one worker,
//!   three at once, a worker killed with SIGKILL whose unit another takes over, and one
//!   whose sessions the server cuts, each exported the same as a SQLite ingest (skipped without the variable, unless `CI`).
//! * `serve` — `marsad serve`'s API in-process on a store ingested from the seeds and a
//!   hostile page of our own (`tests/desk/xss.jsonl`): every endpoint, bad parameters,
//!   unknown ids, limits, asset paths, and that page text stays data.
//! * `templates` — thirty pages of one invented site with furniture the cleaner keeps
//!   alone: learnt, stored, removed (also from three pages ingested later), and nothing
//!   of it in entities, dates or events.
//! * `shared_corpus` — the real pages in `../shared/corpus` (skipped when `../shared` is
//!   absent, unless `CI` is set).
//!
//! Each test runs the built binary (`CARGO_BIN_EXE_marsad`) in a fresh temporary
//! directory made by the `marsadtest!` macro.

#[macro_use]
#[path = "tests/util.rs"]
mod util;

#[path = "tests/bad_input.rs"]
mod bad_input;
#[path = "tests/dates.rs"]
mod dates;
#[path = "tests/entities.rs"]
mod entities;
#[path = "tests/export.rs"]
mod export;
#[path = "tests/extract.rs"]
mod extract;
#[path = "tests/hostile.rs"]
mod hostile;
#[path = "tests/ingest.rs"]
mod ingest;
#[path = "tests/near_duplicates.rs"]
mod near_duplicates;
#[path = "tests/ner.rs"]
mod ner;
#[path = "tests/postgres.rs"]
mod postgres;
#[path = "tests/serve.rs"]
mod serve;
#[path = "tests/shared_corpus.rs"]
mod shared_corpus;
#[path = "tests/stories.rs"]
mod stories;
#[path = "tests/templates.rs"]
mod templates;
