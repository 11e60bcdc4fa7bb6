//! `marsad export`: everything in the store out, as a stream (one record in memory at a
//! time), for other tools.
//!
//! * `jsonl` — the stored documents as SCHEMA.md records (what `extract` prints, with
//!   `duplicate_of` as the store found it), or with `--events` every event with its
//!   document's `doc`.
//! * `csv` — one row per document (its columns, not the text), or per event (the PLOVER
//!   columns below); a header row, RFC 4180 quoting.
//! * `parquet` — the CSV's rows and columns as an Apache Parquet file (`--out FILE`), in
//!   a build with `--features parquet` (see `crate::parquet`).
//! * `plover` — one event per line in the form PLOVER/POLECAT data users read: PLOVER's
//!   field names (`event_type`, `mode`, `context`, `actor_name`, `actor_country`,
//!   `recipient_name`, `recipient_country`, `event_date`, `event_text`, `source`, …).
//!
//! Marsad's reading and PLOVER's coding differ in one place, and the PLOVER form follows
//! PLOVER: an announced meeting (a CONSULT whose status is `planned`) is PLOVER's AGREE
//! (an agreement to meet), not a CONSULT that has not happened yet (SCHEMA.md, Status).
//! Its mode is dropped (PLOVER's modes of AGREE are not CONSULT's), its date is the day
//! the agreement was reported (the publication date; the meeting's own date is not the
//! agreement's), and Marsad's own reading — type, mode, status and the meeting's date —
//! is kept beside it under `marsad`, so nothing is lost.
//!
//! A dyadic format and Marsad's events differ in another: an event has any number of
//! actors. The actor is the first `source` (else the first `party`), the recipient the
//! first `target` (else the next party); everyone else is listed in `other_actors`.
//! PLOVER contexts are a coded vocabulary Marsad does not assign: `context` is empty, and
//! what the event was about (entity keys) is in `about`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;

use marsad_schema::{Actor, ActorRole, Document, EventStatus};
use marsad_store::StoredEvent;
use serde_json::{json, Value};

use crate::{ExportArgs, ExportFormat};

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let parquet = args.format == ExportFormat::Parquet;
    if parquet && !cfg!(feature = "parquet") {
        anyhow::bail!(
            "--format parquet is not in this build of marsad: rebuild it with `--features parquet` \
             (cargo build --release -p marsad-cli --features parquet)"
        );
    }
    if parquet && args.out.is_none() {
        anyhow::bail!("--format parquet writes a file: name it with --out FILE");
    }
    let mut store = Source(crate::open_store(&args.db)?);
    let events = args.events || matches!(args.format, ExportFormat::Plover | ExportFormat::Acled);
    let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(match &args.out {
        Some(path) if !parquet => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        _ => Box::new(io::stdout().lock()),
    });
    let mut n = 0usize;
    match (args.format, events) {
        (ExportFormat::Parquet, _) => {
            let path = args.out.as_deref().expect("checked above");
            n = to_parquet(&mut store, events, path)?;
        }
        (ExportFormat::Jsonl, false) => store.each_document(|d| {
            n += 1;
            line(&mut out, &serde_json::to_value(&d)?)
        })?,
        (ExportFormat::Jsonl, true) => store.each_event(|e| {
            n += 1;
            let mut v = serde_json::to_value(&e.event)?;
            v["doc"] = Value::String(e.doc.clone());
            line(&mut out, &v)
        })?,
        (ExportFormat::Plover, _) => store.each_event(|e| {
            n += 1;
            line(&mut out, &plover(&e))
        })?,
        (ExportFormat::Acled, _) => {
            csv(&mut out, ACLED_COLUMNS)?;
            let kb = marsad_entities::Linker::bundled().kb();
            store.each_event(|e| match acled(&e, kb) {
                Some(row) => {
                    n += 1;
                    csv(&mut out, &row)
                }
                None => Ok(()),
            })?
        }
        (ExportFormat::Csv, false) => {
            csv(&mut out, DOC_COLUMNS)?;
            store.each_document(|d| {
                n += 1;
                csv(&mut out, &doc_row(&d))
            })?
        }
        (ExportFormat::Csv, true) => {
            csv(&mut out, EVENT_COLUMNS)?;
            store.each_event(|e| {
                n += 1;
                let v = plover(&e);
                let row: Vec<String> = EVENT_COLUMNS.iter().map(|c| flat(&v[*c])).collect();
                csv(&mut out, &row)
            })?
        }
    }
    out.flush()?;
    let what = if events { "events" } else { "documents" };
    eprintln!("exported {n} {what}");
    Ok(if n > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(not(feature = "parquet"))]
fn to_parquet(_: &mut Source, _: bool, _: &std::path::Path) -> anyhow::Result<usize> {
    unreachable!("refused in `run` without the feature")
}

/// Writes the CSV export's rows to a Parquet file at `path`; the number of rows.
#[cfg(feature = "parquet")]
fn to_parquet(store: &mut Source, events: bool, path: &std::path::Path) -> anyhow::Result<usize> {
    use crate::parquet::{Cell, Kind, Writer};
    let text = |s: &Option<String>| Cell::Text(s.clone());
    let mut n = 0usize;
    if events {
        let kind = |c: &str| {
            if c == "confidence" {
                Kind::Real
            } else {
                Kind::Text
            }
        };
        let columns: Vec<(&str, Kind)> = EVENT_COLUMNS.iter().map(|c| (*c, kind(c))).collect();
        let mut w = Writer::create(path, "event", &columns)?;
        store.each_event(|e| {
            n += 1;
            let v = plover(&e);
            let row = EVENT_COLUMNS
                .iter()
                .map(|c| match kind(c) {
                    Kind::Real => Cell::Real(v[*c].as_f64().unwrap_or(f64::NAN)),
                    _ => Cell::Text((!v[*c].is_null()).then(|| flat(&v[*c]))),
                })
                .collect();
            w.push(row)
        })?;
        w.finish()?;
    } else {
        let kind = |c: &str| match c {
            "chars" | "entities" | "events" => Kind::Int,
            _ => Kind::Text,
        };
        let columns: Vec<(&str, Kind)> = DOC_COLUMNS.iter().map(|c| (*c, kind(c))).collect();
        let mut w = Writer::create(path, "document", &columns)?;
        store.each_document(|d| {
            n += 1;
            // In DOC_COLUMNS' order.
            w.push(vec![
                Cell::Text(Some(d.doc.clone())),
                text(&d.url),
                text(&d.published),
                text(&d.outlet),
                text(&d.title),
                text(&d.lang),
                Cell::Int(d.text.chars().count() as i64),
                text(&d.duplicate_of),
                Cell::Int(d.entities.len() as i64),
                Cell::Int(d.events.len() as i64),
            ])
        })?;
        w.finish()?;
    }
    Ok(n)
}

/// The store exported: a SQLite file or a PostgreSQL database, read the same way.
/// A store of either engine, read with callbacks of this module's (`anyhow`) errors: the
/// first error a callback gives stops the reading and is the one returned, as it was
/// (a closed pipe stays an `io::Error`, so `marsad export | head` ends quietly).
struct Source(Box<dyn marsad_store::Reader>);

impl Source {
    fn each_document(
        &mut self,
        mut f: impl FnMut(Document) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut failed = None;
        let read = self.0.each_document(&mut |d| stop_on(&mut failed, f(d)));
        failed.map_or(Ok(read?), Err)
    }

    fn each_event(
        &mut self,
        mut f: impl FnMut(StoredEvent) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut failed = None;
        let read = self.0.each_event(&mut |e| stop_on(&mut failed, f(e)));
        failed.map_or(Ok(read?), Err)
    }
}

/// A callback's result for the store's reader: an error is kept in `failed` and the
/// reading told to stop.
fn stop_on(
    failed: &mut Option<anyhow::Error>,
    r: anyhow::Result<()>,
) -> Result<(), marsad_store::Error> {
    r.map_err(|e| {
        *failed = Some(e);
        marsad_store::Error::Other("the export stopped".into())
    })
}

fn line(out: &mut impl Write, v: &Value) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The columns of a document row.
const DOC_COLUMNS: &[&str] = &[
    "doc",
    "url",
    "published",
    "outlet",
    "title",
    "lang",
    "chars",
    "duplicate_of",
    "entities",
    "events",
];

fn doc_row(d: &Document) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        d.doc.clone(),
        o(&d.url),
        o(&d.published),
        o(&d.outlet),
        o(&d.title),
        o(&d.lang),
        d.text.chars().count().to_string(),
        o(&d.duplicate_of),
        d.entities.len().to_string(),
        d.events.len().to_string(),
    ]
}

/// The columns of an event row: the PLOVER fields, lists joined by `; `.
const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "event_date",
    "event_type",
    "mode",
    "context",
    "actor_name",
    "actor_country",
    "recipient_name",
    "recipient_country",
    "other_actors",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "about",
    "status",
    "attributed_to",
    "confidence",
    "event_text",
    "source",
    "url",
    "outlet",
    "publication_date",
    "language",
];

/// A JSON value as one CSV cell.
fn flat(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(flat).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// A coordinate as ACLED writes it (four decimals), empty when unknown.
fn coord(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.4}")).unwrap_or_default()
}

/// The first actor of `rest` in `role`, taken out of it.
fn take<'a>(rest: &mut Vec<&'a Actor>, role: ActorRole) -> Option<&'a Actor> {
    let at = rest.iter().position(|a| a.role == role)?;
    Some(rest.remove(at))
}

/// The name PLOVER data gives an actor: the entity key, else its country's code.
fn name(a: &Actor) -> Option<String> {
    a.key.clone().or_else(|| a.country.clone())
}

/// One event in PLOVER's form (see the module docs for the two codings that differ).
fn plover(e: &StoredEvent) -> Value {
    let ev = &e.event;
    let planned_meeting = ev.kind == "CONSULT" && ev.status == EventStatus::Planned;
    let (event_type, mode) = if planned_meeting {
        ("AGREE".to_string(), None)
    } else {
        (ev.kind.clone(), ev.mode.clone())
    };
    // Actor: the first source, else the first party; recipient: the first target, else
    // the next party.
    let mut rest: Vec<&Actor> = ev.actors.iter().collect();
    let actor = take(&mut rest, ActorRole::Source).or_else(|| take(&mut rest, ActorRole::Party));
    let recipient =
        take(&mut rest, ActorRole::Target).or_else(|| take(&mut rest, ActorRole::Party));
    let status = serde_json::to_value(ev.status).expect("a status serializes");
    let mut v = json!({
        "event_id": format!("{}#{}", e.doc, e.n),
        "event_date": if planned_meeting {
            e.published.clone()
        } else {
            ev.date.clone().or_else(|| e.published.clone())
        },
        "event_type": event_type,
        "mode": mode,
        "context": [],
        "actor_name": actor.and_then(name),
        "actor_country": actor.and_then(|a| a.country.clone()),
        "recipient_name": recipient.and_then(name),
        "recipient_country": recipient.and_then(|a| a.country.clone()),
        "other_actors": rest.iter().filter_map(|a| name(a)).collect::<Vec<_>>(),
        "location": ev.place.as_ref().map(|w| &w.key),
        "latitude": ev.place.as_ref().and_then(|w| w.lat),
        "longitude": ev.place.as_ref().and_then(|w| w.lon),
        "geo_precision": ev.place.as_ref().and_then(|w| w.precision.as_deref()),
        "about": ev.about,
        "status": status,
        "attributed_to": ev.attributed_to,
        // f32 to three decimals: 0.9, not 0.8999999761581421.
        "confidence": (f64::from(ev.confidence) * 1000.0).round() / 1000.0,
        "event_text": ev.evidence.text,
        "source": e.doc,
        "url": e.url,
        "outlet": e.outlet,
        "publication_date": e.published,
        "language": e.lang,
    });
    if planned_meeting {
        v["marsad"] = json!({"type": ev.kind, "mode": ev.mode, "status": status, "date": ev.date});
    }
    v
}

/// The columns of `--format acled`, in ACLED's names.
const ACLED_COLUMNS: &[&str] = &[
    "event_id",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "source",
    "notes",
];

/// One event in ACLED's coding, or `None` for a type ACLED does not code (diplomacy,
/// statements). ASSAULT is an explosion or remote violence when its mode says so (a
/// bombing, an air strike, shelling), violence against civilians when its target is
/// civilians (or it is an abduction), else a battle; PROTEST is a protest, a riot when
/// violent; COERCE and MOBILIZE are strategic developments (arrests among them). An
/// actor named by description is written as ACLED names such actors: its sector's label
/// and country («Police Forces (IRQ)»). `country` is the event's place's country, else
/// its target's, else its source's; `fatalities` the lower bound of `killed` (0 when the
/// text gives none, as ACLED records it).
fn acled(e: &StoredEvent, kb: &marsad_kb::Kb) -> Option<Vec<String>> {
    let ev = &e.event;
    let mode = ev.mode.as_deref().unwrap_or("");
    let mut rest: Vec<&Actor> = ev.actors.iter().collect();
    let actor1 = take(&mut rest, ActorRole::Source).or_else(|| take(&mut rest, ActorRole::Party));
    let actor2 = take(&mut rest, ActorRole::Target).or_else(|| take(&mut rest, ActorRole::Party));
    let civilians = actor2.is_some_and(|a| a.sector.as_deref() == Some("CVL"));
    let (event_type, sub_event_type) = match (ev.kind.as_str(), mode) {
        ("ASSAULT", "suicide") => ("Explosions/Remote violence", "Suicide bomb"),
        ("ASSAULT", "aerial") => ("Explosions/Remote violence", "Air/drone strike"),
        ("ASSAULT", "shelling") => (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        ("ASSAULT", "explosives") => (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        ("ASSAULT", "abduction") => (
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        ("ASSAULT", _) if civilians => ("Violence against civilians", "Attack"),
        ("ASSAULT", _) => ("Battles", "Armed clash"),
        ("PROTEST", "riot") => ("Riots", "Violent demonstration"),
        ("PROTEST", _) => ("Protests", "Peaceful protest"),
        ("COERCE", "arrest") => ("Strategic developments", "Arrests"),
        ("COERCE", _) | ("MOBILIZE", _) => ("Strategic developments", "Other"),
        _ => return None,
    };
    let date = ev
        .date
        .clone()
        .or_else(|| e.published.clone())
        .unwrap_or_default();
    let place_country = ev.place.as_ref().and_then(|w| {
        let p = w.key.as_str();
        w.country.clone().or_else(|| {
            kb.place(p)
                .and_then(|pl| pl.country.clone())
                .or_else(|| kb.country(p).map(|_| p.to_string()))
        })
    });
    let country = place_country
        .or_else(|| actor2.and_then(|a| a.country.clone()))
        .or_else(|| actor1.and_then(|a| a.country.clone()))
        .unwrap_or_default();
    let protest = ev.kind == "PROTEST";
    let named = |a: Option<&Actor>, source: bool| -> String {
        let Some(a) = a else {
            return String::new();
        };
        if let Some(k) = &a.key {
            return k.clone();
        }
        let label = match a.sector.as_deref() {
            _ if protest && source => "Protesters",
            Some("COP") => "Police Forces",
            Some("MIL") => "Military Forces",
            Some("UAF") => "Unidentified Armed Group",
            Some("REB") => "Rebel Group",
            Some("OPP") => "Opposition",
            Some("CVL") => "Civilians",
            Some("GOV") => "Government",
            Some("LEG") => "Legislators",
            Some("JUD") => "Judiciary",
            Some("EDU") => "Students and Teachers",
            Some("LAB") => "Labour Group",
            Some("BUS") => "Business People",
            Some("MED") => "Journalists",
            Some("REL") => "Religious Group",
            Some("REF") => "Refugees/IDPs",
            Some("NGO") => "NGO",
            _ => "Unidentified Actor",
        };
        match &a.country {
            Some(c) => format!("{label} ({c})"),
            None => label.to_string(),
        }
    };
    let fatalities = ev
        .killed
        .as_ref()
        .and_then(|k| k.min.or(k.max))
        .unwrap_or(0);
    Some(vec![
        format!("{}#{}", e.doc, e.n),
        date.clone(),
        date.get(..4).unwrap_or_default().to_string(),
        event_type.to_string(),
        sub_event_type.to_string(),
        named(actor1, true),
        named(actor2, false),
        country,
        ev.place
            .as_ref()
            .and_then(|w| w.admin1.clone())
            .unwrap_or_default(),
        ev.place.as_ref().map(|w| w.key.clone()).unwrap_or_default(),
        coord(ev.place.as_ref().and_then(|w| w.lat)),
        coord(ev.place.as_ref().and_then(|w| w.lon)),
        // ACLED's codes: 1 the town itself, 3 a province, region or country.
        match ev.place.as_ref().and_then(|w| w.precision.as_deref()) {
            Some("city") => "1",
            Some("division" | "country" | "region") => "3",
            _ => "",
        }
        .to_string(),
        fatalities.to_string(),
        e.outlet.clone().unwrap_or_else(|| e.doc.clone()),
        ev.evidence.text.clone(),
    ])
}

/// One CSV row, guarded against formulas (see [`marsad_text::csv`]).
fn csv(out: &mut impl Write, cells: &[impl AsRef<str>]) -> anyhow::Result<()> {
    Ok(marsad_text::csv::write_row(out, cells)?)
}
