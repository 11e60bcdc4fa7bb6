//! The readers of the store: `marsad search`, `entities`, `events` and `docs`, each in
//! `table` (for reading), `jsonl` (records, as `extract` prints them) or `csv` (for
//! spreadsheets: a header row, RFC 4180 quoting).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde_json::Value;

use crate::{DocsArgs, EntitiesArgs, EventsArgs, ReadArgs, SearchArgs, TableFormat};

fn open(args: &ReadArgs) -> anyhow::Result<Box<dyn marsad_store::Reader>> {
    crate::open_store(&args.db)
}

/// Exit status of a reader: 0 when something was found, 1 when nothing was.
fn found(n: usize) -> ExitCode {
    if n > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn limit(args: &ReadArgs) -> usize {
    if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    }
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let hits = open(&args.read)?.search(&args.query, limit(&args.read))?;
    let mut out = Output::new(args.read.format, &["doc", "published", "title", "snippet"]);
    for h in &hits {
        let d = &h.document;
        out.row(
            &[
                d.doc.clone(),
                d.published.clone().unwrap_or_default(),
                d.title.clone().unwrap_or_default(),
                around_match(&h.snippet),
            ],
            || {
                let mut v = serde_json::to_value(d).expect("a record serializes");
                v["snippet"] = Value::String(h.snippet.clone());
                v
            },
        )?;
    }
    out.finish()?;
    Ok(found(hits.len()))
}

pub fn entities(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let kind = args
        .kind
        .as_deref()
        .map(|k| {
            marsad_store::entity_type_from_code(&k.to_ascii_uppercase())
                .ok_or_else(|| anyhow::anyhow!("--type {k}: one of PER, ORG, GPE, LOC"))
        })
        .transpose()?;
    let rows = open(&args.read)?.entities(kind, limit(&args.read))?;
    let mut out = Output::new(
        args.read.format,
        &["key", "type", "country", "documents", "mentions"],
    );
    for e in &rows {
        let code = marsad_store::entity_type_code(e.kind);
        out.row(
            &[
                e.key.clone(),
                code.to_string(),
                e.country.clone().unwrap_or_default(),
                e.documents.to_string(),
                e.mentions.to_string(),
            ],
            || {
                serde_json::json!({
                    "key": e.key, "type": code, "country": e.country,
                    "documents": e.documents, "mentions": e.mentions,
                })
            },
        )?;
    }
    out.finish()?;
    Ok(found(rows.len()))
}

pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let kind = args.kind.as_deref().map(str::to_ascii_uppercase);
    let min_confidence = if args.all { 0.0 } else { args.min_confidence };
    let (kind, n) = (kind.as_deref(), limit(&args.read));
    let rows = open(&args.read)?.events(kind, min_confidence, n)?;
    let mut out = Output::new(
        args.read.format,
        &[
            "date", "type", "mode", "status", "actors", "doc", "evidence",
        ],
    );
    for s in &rows {
        let e = &s.event;
        let actors: Vec<String> = e
            .actors
            .iter()
            .map(|a| {
                let who = a.key.clone().or(a.country.clone()).unwrap_or("?".into());
                let role = serde_json::to_value(a.role).expect("a role serializes");
                format!("{who} ({})", role.as_str().unwrap_or(""))
            })
            .collect();
        let status = serde_json::to_value(e.status).expect("a status serializes");
        out.row(
            &[
                e.date.clone().unwrap_or_default(),
                e.kind.clone(),
                e.mode.clone().unwrap_or_default(),
                status.as_str().unwrap_or("").to_string(),
                actors.join("; "),
                s.doc.clone(),
                e.evidence.text.clone(),
            ],
            || {
                let mut v = serde_json::to_value(e).expect("an event serializes");
                v["doc"] = Value::String(s.doc.clone());
                v
            },
        )?;
    }
    out.finish()?;
    Ok(found(rows.len()))
}

pub fn docs(args: DocsArgs) -> anyhow::Result<ExitCode> {
    let rows = open(&args.read)?.documents(limit(&args.read))?;
    let mut out = Output::new(
        args.read.format,
        &[
            "doc",
            "published",
            "outlet",
            "title",
            "chars",
            "duplicate_of",
        ],
    );
    for d in &rows {
        out.row(
            &[
                d.doc.clone(),
                d.published.clone().unwrap_or_default(),
                d.outlet.clone().unwrap_or_default(),
                d.title.clone().unwrap_or_default(),
                d.text.chars().count().to_string(),
                d.duplicate_of.clone().unwrap_or_default(),
            ],
            || serde_json::to_value(d).expect("a record serializes"),
        )?;
    }
    out.finish()?;
    Ok(found(rows.len()))
}

/// Rows out in one of the formats. Tables are buffered to align their columns.
struct Output {
    format: TableFormat,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    out: BufWriter<io::StdoutLock<'static>>,
}

/// Widest a table cell is shown (characters); longer cells end in an ellipsis.
const CELL: usize = 60;

impl Output {
    fn new(format: TableFormat, header: &[&str]) -> Output {
        let mut o = Output {
            format,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            out: BufWriter::new(io::stdout().lock()),
        };
        if format == TableFormat::Csv {
            let h = o.header.clone();
            let _ = write_csv(&mut o.out, &h);
        }
        o
    }

    fn row(&mut self, cells: &[String], json: impl FnOnce() -> Value) -> io::Result<()> {
        match self.format {
            TableFormat::Table => {
                self.rows.push(cells.iter().map(|c| cell(c)).collect());
                Ok(())
            }
            TableFormat::Csv => write_csv(&mut self.out, cells),
            TableFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, &json())?;
                self.out.write_all(b"\n")
            }
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if self.format == TableFormat::Table {
            let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
            for r in &self.rows {
                for (w, c) in widths.iter_mut().zip(r) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let rows = std::mem::take(&mut self.rows);
            let header = self.header.clone();
            for r in std::iter::once(&header).chain(&rows) {
                let line: Vec<String> = r
                    .iter()
                    .zip(&widths)
                    .map(|(c, &w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
                    .collect();
                writeln!(self.out, "{}", line.join("  ").trim_end())?;
            }
        }
        self.out.flush()
    }
}

/// For a table cell: the part of a snippet around its bracketed match, so that the
/// match shows when the cell is cut (CSV gets the same; JSON Lines the whole snippet).
fn around_match(snippet: &str) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let Some(at) = chars.iter().position(|&c| c == '[') else {
        return snippet.to_string();
    };
    let from = at.saturating_sub(CELL / 3);
    let mut out: String = chars[from..].iter().collect();
    if from > 0 {
        out.insert(0, '…');
    }
    out
}

/// A cell for a table: on one line, at most [`CELL`] characters.
fn cell(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() > CELL {
        let mut t: String = flat.chars().take(CELL - 1).collect();
        t.push('…');
        t
    } else {
        flat
    }
}

/// One CSV row, guarded against formulas (see [`marsad_text::csv`]).
fn write_csv(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    marsad_text::csv::write_row(out, cells)
}
