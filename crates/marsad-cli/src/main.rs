//! `marsad`: Arabic news pages in, clean, source-attributed records out.
//!
//! This crate is only flag definitions and glue: `main` turns `run(parse())` into an exit
//! code, and each subcommand calls the library crates. A broken pipe (`marsad … | head`)
//! ends the program quietly.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod export;
mod extract;
mod ingest;
mod ner;
#[cfg(feature = "parquet")]
mod parquet;
mod query;
mod status;
mod stop;
mod stories;

/// Marsad (مرصد, "observatory") reads Arabic news pages (scraped text, HTML, JSON
/// Lines) and writes one clean record per article: the body without menus, share
/// buttons, related-headline lists or repeated paragraphs, with its title, outlet,
/// authors, publication date and language.
#[derive(Parser, Debug)]
#[command(name = "marsad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract clean article records from pages, one JSON object per line.
    ///
    /// Reads .txt (a page already turned into text), .html/.htm (a page as served) and
    /// .jsonl (one page per line with "text" or "html", optional "url", "published",
    /// "outlet", "doc") files, and folders of them, recursively. `-` reads standard
    /// input. A bad file is reported on standard error and the others go on; the last
    /// line on standard error is `extracted N, skipped M`. Exit status: 0 when at least
    /// one record was written, 1 when none was, 2 on a usage error.
    ///
    /// Example: marsad extract pages/ --meta pages/meta.tsv > records.jsonl
    Extract(ExtractArgs),
    /// Tag named entities in CoNLL tokens: people, places, organisations, other names.
    ///
    /// Reads one token a line, a blank line between sentences (a second column, such as
    /// a gold tag, is ignored; `-` reads standard input) and writes `token TAG` a line in
    /// BIO tags (B-PERS, I-LOC, B-ORG, B-MISC …, O), blank lines kept, as
    /// `score_conll.py` reads them.
    ///
    /// Example: marsad ner --conll test.txt > predicted.txt
    Ner(NerArgs),
    /// Run the extract pipeline over a corpus into the store (SQLite, or PostgreSQL shared
    /// by workers), resumably.
    ///
    /// Reads what `extract` reads, plus WARC and WARC.gz files (the HTTP responses in
    /// them: `WARC-Target-URI` is the record's doc and url; the crawl date is not a
    /// publication date). Records are committed in batches, each in one transaction with
    /// how far its inputs were read: stop it at any moment (even kill -9) and run the same
    /// command again to go on; nothing is stored twice (a text is known by the hash of its
    /// folded words). SIGTERM or a first Ctrl-C stops it after the batch in hand is
    /// committed (a worker gives its unit back to the queue); a second Ctrl-C at once.
    /// Bad files and records are reported on standard error (file, record offset, reason)
    /// and the run goes on; the last line is the summary. Exit status: 0, or 1 when no
    /// input could be read at all, 2 on an error that stops the run, 143 (130) when
    /// stopped by SIGTERM (Ctrl-C).
    ///
    /// Example: marsad ingest crawl/*.warc.gz pages/ --db news.db
    Ingest(IngestArgs),
    /// Search the store's text, Arabic-folded (قرة باغ finds قره باغ; وقره too).
    ///
    /// Every word of the query must occur in the title or the text. Exit status: 0 when
    /// something was found, 1 when nothing was.
    ///
    /// Example: marsad search "قرة باغ" --db news.db --limit 5
    Search(SearchArgs),
    /// The entities of the store, by the number of documents that mention them.
    Entities(EntitiesArgs),
    /// The events of the store, latest first.
    Events(EventsArgs),
    /// The documents of the store, in the order they were stored.
    Docs(DocsArgs),
    /// Write the store's documents or events out, for other tools.
    ///
    /// `jsonl`: the documents as SCHEMA.md records (with `--events`, every event with its
    /// document's doc). `csv`: one row per document (with `--events`, per event, in the
    /// PLOVER columns). `plover`: one event per line with PLOVER/POLECAT field names
    /// (event_type, mode, context, actor_name, actor_country, recipient_name,
    /// recipient_country, event_date, event_text, source …); an announced meeting is coded
    /// AGREE, as PLOVER codes it. Streams: memory stays flat whatever the store holds.
    /// Exit status: 0 when something was written, 1 when nothing was.
    ///
    /// Example: marsad export --format plover --db news.db > events.jsonl
    Export(ExportArgs),
    /// Group the events of extracted records into stories: one real-world event across
    /// documents and outlets, with the number of articles and outlets and every report.
    ///
    /// Reads JSON Lines records as `marsad extract` writes them (`-` for standard input).
    /// Events are the same story when type, mode, actors (by entity, or by country where a
    /// side is known only by its country) agree and their dates lie within a day.
    ///
    /// Example: marsad extract pages/ | marsad stories - --format text
    Stories(StoriesArgs),
    /// The work queue of a PostgreSQL store: units pending, running (by which worker,
    /// since when, lease left), done and failed (with why), and what the store holds.
    ///
    /// Example: marsad status --db postgres://marsad@db.example/news
    Status(StatusArgs),
    /// Serve the analyst's desk: a read-only JSON API over the store and a web UI
    /// (Arabic first, right to left; English toggle), both in this binary.
    ///
    /// Listens on 127.0.0.1 (this machine only) unless --addr says otherwise. The API is
    /// documented at /api/openapi.json. Stop it with Ctrl-C.
    ///
    /// Example: marsad serve --db news.db --addr 127.0.0.1:8080
    Serve(ServeArgs),
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// The store (made by `marsad ingest`; opened read-only): a SQLite file, or a
    /// PostgreSQL URL (postgres://user@host:port/db) that ingest workers may be filling.
    #[arg(
        long,
        value_name = "FILE|URL",
        default_value = "marsad.db",
        env = "MARSAD_DB"
    )]
    db: PathBuf,
    /// The address to listen on.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
}

#[derive(clap::Args, Debug)]
struct StatusArgs {
    /// The PostgreSQL store's URL.
    #[arg(long, value_name = "URL", env = "MARSAD_DB")]
    db: String,
}

#[derive(clap::Args, Debug)]
struct StoriesArgs {
    /// Record files (JSON Lines); `-` for standard input.
    #[arg(
        required_unless_present = "db",
        conflicts_with = "db",
        value_name = "FILE.jsonl"
    )]
    files: Vec<PathBuf>,
    /// Read the records of this store instead, as the desk does (`marsad serve`): a
    /// SQLite file or a PostgreSQL URL.
    #[arg(long, value_name = "FILE|URL")]
    db: Option<PathBuf>,
    /// Output format: `jsonl` (one story per line) or `text` (for reading).
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
}

#[derive(clap::Args, Debug)]
struct ExportArgs {
    /// The database: a SQLite file or a PostgreSQL URL.
    #[arg(
        long,
        value_name = "FILE|URL",
        default_value = "marsad.db",
        env = "MARSAD_DB"
    )]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Events instead of documents (`plover` is always events).
    #[arg(long)]
    events: bool,
    /// Write to this file instead of standard output (required for `parquet`).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// What `marsad export` writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExportFormat {
    /// One JSON object a line: SCHEMA.md records, or events.
    Jsonl,
    /// Comma-separated, with a header row.
    Csv,
    /// One event a line with PLOVER/POLECAT field names.
    Plover,
    /// Violence, protest and coercion in the CSV columns conflict analysts use (ACLED's:
    /// event_date, event_type, sub_event_type, actor1, actor2, country, location,
    /// fatalities, source, notes = the evidence); diplomacy is left out.
    Acled,
    /// The CSV's columns as an Apache Parquet file (`--out FILE`; a build with
    /// `--features parquet`).
    Parquet,
}

#[derive(clap::Args, Debug)]
struct IngestArgs {
    /// Files or folders to read (.txt, .html, .jsonl, .warc, .warc.gz); `-` for standard
    /// input. With a PostgreSQL store, they are queued as units of work (one per file)
    /// that any worker may take.
    #[arg(required_unless_present = "worker", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The database: a SQLite file (created when absent), or a PostgreSQL URL
    /// (postgres://user@host:port/db) shared by any number of workers.
    #[arg(
        long,
        value_name = "FILE|URL",
        default_value = "marsad.db",
        env = "MARSAD_DB"
    )]
    db: PathBuf,
    /// PostgreSQL only: work on the units queued in the store (by any `marsad ingest
    /// --db postgres://… PATHS`), claiming one at a time, until none is left.
    #[arg(long)]
    worker: bool,
    /// PostgreSQL only: seconds a claimed unit stays this worker's without a commit;
    /// after that, another worker takes it over from its last committed batch.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    lease: f64,
    /// PostgreSQL only: a WARC.gz larger than this many megabytes (compressed) is queued
    /// as parts of about this size, cut between gzip members, so that several workers
    /// share one archive.
    #[arg(long, value_name = "MB", default_value_t = 256.0)]
    unit_mb: f64,
    /// A crawler's TSV sidecar, as for `extract`.
    #[arg(long, value_name = "FILE.tsv")]
    meta: Option<PathBuf>,
    /// Pages processed in parallel (default: the number of cores; at most 4 per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (the summary line is still printed).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Pages per batch (one transaction each). Each commit writes every page of the store
    /// it touched to the WAL, and the LSH band index takes 32 inserts per page at random
    /// places: at 256 a batch, a 100,000-document ingest wrote 29 GB of pages for a 1 GB
    /// store and its one writer thread held the pool back (127 s); at 1,024 it took 100 s,
    /// at 2,048 no less, with more memory (bench/ingest.sh).
    #[arg(long, value_name = "N", default_value_t = 1024, hide = true)]
    batch: usize,
    /// Do not learn site templates: keep the lines a site repeats on many of its pages
    /// unless the cleaner drops them on their own.
    #[arg(long)]
    no_templates: bool,
}

/// What every reader of the store takes.
#[derive(clap::Args, Debug)]
struct ReadArgs {
    /// The database: a SQLite file or a PostgreSQL URL.
    #[arg(
        long,
        value_name = "FILE|URL",
        default_value = "marsad.db",
        env = "MARSAD_DB"
    )]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// At most this many rows (0: all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
}

#[derive(clap::Args, Debug)]
struct SearchArgs {
    /// The words to find.
    #[arg(value_name = "QUERY")]
    query: String,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args, Debug)]
struct EntitiesArgs {
    /// Only entities of this type: PER, ORG, GPE or LOC.
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(clap::Args, Debug)]
struct EventsArgs {
    /// Only events of this PLOVER type (CONSULT, AGREE, …).
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// Only events of this confidence or more (0 to 1). The default, 0.70, is where the
    /// share of right events drops on annotated Saudi news (about 2 in 3 above, 1 in 3
    /// below; README, "Events on real news").
    #[arg(long, value_name = "P", default_value_t = marsad_schema::TRUSTED_CONFIDENCE, value_parser = confidence_arg)]
    min_confidence: f32,
    /// Every event, whatever its confidence (`--min-confidence 0`).
    #[arg(long, conflicts_with = "min_confidence")]
    all: bool,
    #[command(flatten)]
    read: ReadArgs,
}

/// A confidence given on the command line: a number from 0 to 1.
fn confidence_arg(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("a confidence is a number from 0 to 1, not {s:?}")),
    }
}

#[derive(clap::Args, Debug)]
struct DocsArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// How the readers print rows.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TableFormat {
    /// Aligned columns, long cells cut.
    Table,
    /// One JSON object a line (documents as SCHEMA.md records).
    Jsonl,
    /// Comma-separated, with a header row.
    Csv,
}

#[derive(clap::Args, Debug)]
struct NerArgs {
    /// The CoNLL file to tag; `-` for standard input.
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Weights to use instead of the bundled ones (a file written by the
    /// `marsad-ner` `train` example).
    #[arg(long, value_name = "FILE.weights")]
    model: Option<PathBuf>,
    /// Print the model load time and tagging speed on standard error.
    #[arg(long)]
    timing: bool,
    /// Tag each sentence on its own, with the first pass only (by default the whole
    /// input is one document: names found in one sentence help find them in the others).
    #[arg(long)]
    per_sentence: bool,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or folders to read; `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// A crawler's TSV sidecar: a header row with the columns `file`, `published` and
    /// optionally `url` and `outlet`; rows match pages by file name.
    #[arg(long, value_name = "FILE.tsv")]
    meta: Option<PathBuf>,
    /// Output format: `jsonl` (one SCHEMA.md record per line) or `text` (for reading).
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// Pages processed in parallel (default: the number of cores; at most 4 per core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Print, on standard error, why each line of each page was kept or dropped.
    #[arg(long)]
    explain: bool,
    /// Learn site templates from the inputs (lines a site repeats on many of its pages,
    /// by URL host or outlet) and drop them, as `ingest` does; without it each page is
    /// extracted on its own.
    #[arg(long)]
    templates: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    Jsonl,
    Text,
}

/// mimalloc instead of glibc's allocator: the pipeline makes many small short-lived
/// allocations (words, folded forms, feature vectors) on every worker thread, and glibc's
/// malloc/free took about 10% of an ingest's CPU samples, with its arena locking and
/// consolidation; mimalloc's per-thread free lists cut that (see README, ingest figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Stories(args) => stories::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => query::search(args),
        Command::Entities(args) => query::entities(args),
        Command::Events(args) => query::events(args),
        Command::Docs(args) => query::docs(args),
        Command::Export(args) => export::run(args),
        Command::Status(args) => status::run(&args.db),
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "marsad: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// The worker threads for `--jobs N`: `N`, at most four per core (`--jobs 100000`
/// started some 18,000 threads, each with its stack), with a note when cut; 0 (rayon's
/// default: one per core) when not given.
pub(crate) fn worker_threads(jobs: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = cores * MAX_JOBS_PER_CORE;
    match jobs {
        Some(n) if n > most => {
            eprintln!("marsad: note: --jobs {n} is more than {most} ({MAX_JOBS_PER_CORE} per core): using {most}");
            most
        }
        Some(n) => n,
        None => 0,
    }
}

/// The `--db` value as a PostgreSQL URL, when it is one (`postgres://`,
/// `postgresql://`); a SQLite file otherwise.
pub(crate) fn postgres_url(db: &std::path::Path) -> Option<&str> {
    db.to_str().filter(|s| marsad_store_pg::is_url(s))
}

/// A read-only connection to the store `db` names, of either engine: what the desk (one
/// per request it serves at once) and `marsad stories --db` read through.
pub(crate) fn open_reader(
    db: &std::path::Path,
) -> Result<Box<dyn marsad_store::Reader>, marsad_store::Error> {
    Ok(match postgres_url(db) {
        Some(url) => Box::new(marsad_store_pg::PgStore::connect_read_only(url)?),
        None => Box::new(marsad_store::Store::open_read_only(db)?),
    })
}

/// The store `db` names, of either engine, for the CLI's readers (`search`, `entities`,
/// `events`, `docs`, `export`): an older layout is brought up to date when it can be
/// written (as any writer's open does), else a SQLite file is read as it is.
pub(crate) fn open_store(db: &std::path::Path) -> anyhow::Result<Box<dyn marsad_store::Reader>> {
    Ok(match postgres_url(db) {
        Some(url) => Box::new(marsad_store_pg::PgStore::connect(url)?),
        None if !db.exists() => anyhow::bail!(
            "{}: no such database (make one with `marsad ingest PATH... --db {}`)",
            db.display(),
            db.display()
        ),
        None => Box::new(marsad_store::Store::open_for_reading(db)?),
    })
}

/// `marsad serve`: the desk over a SQLite file or a PostgreSQL database.
fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let state = match postgres_url(&args.db) {
        Some(url) => {
            let db = args.db.clone();
            marsad_serve::State::new(
                marsad_store_pg::redact(url),
                std::sync::Arc::new(move || open_reader(&db)),
            )?
        }
        // `State::open` also says when the file is missing.
        None => marsad_serve::State::open(&args.db)?,
    };
    marsad_serve::run(state, args.addr)?;
    Ok(ExitCode::SUCCESS)
}

/// See [`worker_threads`].
const MAX_JOBS_PER_CORE: usize = 4;

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
