//! `marsad`: Arabic news pages in, clean, source-attributed records out.
//!
//! This crate is only flag definitions and glue: `main` turns `run(parse())` into an exit
//! code, and each subcommand calls the library crates. A broken pipe (`marsad … | head`)
//! ends the program quietly.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod extract;
mod ner;
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
    /// Group the events of extracted records into stories: one real-world event across
    /// documents and outlets, with the number of articles and outlets and every report.
    ///
    /// Reads JSON Lines records as `marsad extract` writes them (`-` for standard input).
    /// Events are the same story when type, mode, actors (by entity, or by country where a
    /// side is known only by its country) agree and their dates lie within a day.
    ///
    /// Example: marsad extract pages/ | marsad stories - --format text
    Stories(StoriesArgs),
}

#[derive(clap::Args, Debug)]
struct StoriesArgs {
    /// Record files (JSON Lines); `-` for standard input.
    #[arg(required = true, value_name = "FILE.jsonl")]
    files: Vec<PathBuf>,
    /// Output format: `jsonl` (one story per line) or `text` (for reading).
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
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
    /// Pages processed in parallel (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Print, on standard error, why each line of each page was kept or dropped.
    #[arg(long)]
    explain: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    Jsonl,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Stories(args) => stories::run(args),
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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
