//! `marsad status --db postgres://…`: the work queue of a PostgreSQL store, for the
//! people running its workers: how many units are pending, running, done and failed;
//! each running unit with its worker, since when and the lease left (a negative lease is
//! a worker that died or hangs: the next worker to ask takes the unit over); each failed
//! unit with why; then what the store holds.

use std::io::{self, Write};
use std::process::ExitCode;

use marsad_store_pg::units::UnitState;
use marsad_store_pg::PgStore;

pub fn run(db: &str) -> anyhow::Result<ExitCode> {
    if !marsad_store_pg::is_url(db) {
        anyhow::bail!(
            "{db}: `marsad status` shows the work queue of a PostgreSQL store (--db postgres://…); \
             a SQLite ingest has no queue (run it again to go on)"
        );
    }
    let mut store = PgStore::connect(db)?;
    let s = store.status()?;
    let c = store.counts()?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "units: {} pending, {} running, {} done, {} failed",
        s.pending, s.running, s.done, s.failed
    )?;
    for u in &s.units {
        let path = match u.range {
            Some((from, to)) => format!("{} (bytes {from}–{to})", u.path),
            None => u.path.clone(),
        };
        match u.state {
            UnitState::Running => writeln!(
                out,
                "running  #{} {} · worker {} since {} · lease {} · {} records",
                u.id,
                path,
                u.worker.as_deref().unwrap_or("?"),
                u.since.as_deref().unwrap_or("?"),
                match u.lease_left {
                    Some(s) if s < 0.0 => format!("expired {:.0} s ago", -s),
                    Some(s) => format!("{s:.0} s left"),
                    None => "none".to_string(),
                },
                u.records
            )?,
            _ => writeln!(
                out,
                "failed   #{} {} · {}",
                u.id,
                path,
                u.reason.as_deref().unwrap_or("no reason recorded")
            )?,
        }
    }
    writeln!(
        out,
        "store: {} documents ({} near-duplicates), {} exact copies, {} entities, {} events",
        c.documents, c.near_duplicates, c.copies, c.entities, c.events
    )?;
    Ok(ExitCode::SUCCESS)
}
