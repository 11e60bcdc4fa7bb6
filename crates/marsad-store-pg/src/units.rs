//! The work queue: input files as *units*, claimed by workers under a lease.
//!
//! A unit is one input file (a JSON Lines file, a WARC, a page), or one part of a large
//! WARC.gz (a byte range between gzip members), known by its canonical path, size and
//! modification time, with the position its committed batches reach.
//! Its life: `pending` → `running` (claimed by a worker, until `lease_until`) → `done`, or
//! `failed` with a reason (the file is gone, changed, or a stage failed on a page).
//!
//! * [`PgStore::claim`] takes the first unit that is pending, or running under a lease
//!   that expired (its worker died or hangs), with `SELECT … FOR UPDATE SKIP LOCKED`:
//!   two workers never get the same unit, and neither waits for the other. The claim
//!   counter goes up by one; the worker's commits check it ([`crate::write`]), so a
//!   worker that lost its unit cannot commit into it any more, and the new owner goes on
//!   from the position of the last commit: no record is lost or stored twice.
//! * Each commit renews the lease; a worker that died leaves its unit to the first worker
//!   that asks after the lease ran out.

use postgres::Row;

use crate::{Context, Error, PgStore};

/// A file to register as a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUnit {
    /// Its canonical path.
    pub path: String,
    /// The crawler's sidecar (`--meta`) that goes with it, canonical.
    pub meta: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in seconds.
    pub mtime: i64,
    /// The part of the file: from this byte (0: its start) …
    pub start: u64,
    /// … to this one (`None`: its end).
    pub end: Option<u64>,
}

/// A unit a worker has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The unit's id.
    pub unit: i64,
    /// The claim's number, the fence of the worker's commits.
    pub claim: i64,
    /// The input.
    pub path: String,
    /// Its sidecar, if any.
    pub meta: Option<String>,
    /// Its size when registered.
    pub size: u64,
    /// Its modification time when registered.
    pub mtime: i64,
    /// Where the last committed batch ended.
    pub offset: u64,
    /// Records after `offset` already done.
    pub skip: u64,
    /// Whether another worker held it before (a takeover).
    pub taken_over: bool,
    /// Where its part of the file ends (`None`: at the file's end).
    pub end: Option<u64>,
}

/// Where a unit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitState {
    /// Not claimed yet.
    Pending,
    /// Claimed by a worker.
    Running,
    /// Read to its end.
    Done,
    /// Given up, with a reason.
    Failed,
}

impl UnitState {
    fn parse(s: &str) -> Result<UnitState, Error> {
        Ok(match s {
            "pending" => UnitState::Pending,
            "running" => UnitState::Running,
            "done" => UnitState::Done,
            "failed" => UnitState::Failed,
            other => {
                return Err(Error::Corrupt {
                    what: format!("unit state {other:?}"),
                })
            }
        })
    }
}

/// One unit as `marsad status` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// The unit's id.
    pub id: i64,
    /// The input.
    pub path: String,
    /// Its part of the file, when it is one: first byte and end.
    pub range: Option<(u64, u64)>,
    /// Where it stands.
    pub state: UnitState,
    /// The worker that holds (or last held) it.
    pub worker: Option<String>,
    /// When it was last claimed (text, as PostgreSQL prints a timestamp).
    pub since: Option<String>,
    /// Seconds left on the lease (negative: expired), for running units.
    pub lease_left: Option<f64>,
    /// Records read from it so far.
    pub records: i64,
    /// Why it failed.
    pub reason: Option<String>,
}

/// The queue's totals and the units that are not simply pending or done.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// Units not claimed yet.
    pub pending: u64,
    /// Units claimed.
    pub running: u64,
    /// Units read to the end.
    pub done: u64,
    /// Units given up.
    pub failed: u64,
    /// The running and failed units, in id order.
    pub units: Vec<UnitRow>,
}

impl Status {
    /// Whether no unit is left to work on, now or after a lease expires.
    pub fn finished(&self) -> bool {
        self.pending == 0 && self.running == 0
    }
}

impl PgStore {
    /// Adds `units` to the queue, in order (claims follow it). A path registered before
    /// with the same size and modification time is left as it is, however it was cut into
    /// parts (done stays done); one that changed since is queued again from its start (its
    /// old units are dropped: a worker still on one can no longer commit into it). Returns
    /// how many units were added or queued again.
    pub fn register(&mut self, units: &[NewUnit]) -> Result<u64, Error> {
        let mut tx = self
            .client
            .transaction()
            .at("starting to register inputs")?;
        let mut added = 0;
        let mut decided: std::collections::HashMap<&str, bool> = Default::default();
        for u in units {
            let (size, start) = (u.size as i64, u.start as i64);
            let end = u.end.map(|e| e as i64);
            let queue = match decided.get(u.path.as_str()) {
                Some(&q) => q,
                None => {
                    let known: bool = tx
                        .query_one(
                            "SELECT EXISTS (SELECT 1 FROM units
                                            WHERE path = $1 AND size = $2 AND mtime = $3)",
                            &[&u.path, &size, &u.mtime],
                        )
                        .at("looking up an input")?
                        .get(0);
                    if !known {
                        tx.execute("DELETE FROM units WHERE path = $1", &[&u.path])
                            .at("dropping the units of a changed input")?;
                    }
                    decided.insert(&u.path, !known);
                    !known
                }
            };
            if queue {
                added += tx
                    .execute(
                        "INSERT INTO units (path, meta, size, mtime, range_start, range_end,
                                            resume_offset)
                         VALUES ($1, $2, $3, $4, $5, $6, $5)",
                        &[&u.path, &u.meta, &size, &u.mtime, &start, &end],
                    )
                    .at("registering an input")?;
            }
        }
        tx.commit().at("committing the registered inputs")?;
        Ok(added)
    }

    /// Claims the next unit for `worker` with a lease of `lease_secs` seconds: the first
    /// pending one, else the first whose lease expired. `None` when there is none now
    /// (see [`PgStore::status`] for whether some may come free later).
    pub fn claim(&mut self, worker: &str, lease_secs: f64) -> Result<Option<Claim>, Error> {
        let row = self
            .client
            .query_opt(
                "WITH next AS (
                     SELECT id, worker IS NOT NULL AS before FROM units
                     WHERE state = 'pending' OR (state = 'running' AND lease_until < now())
                     ORDER BY id LIMIT 1
                     FOR UPDATE SKIP LOCKED
                 )
                 UPDATE units u SET state = 'running', worker = $1, claim = u.claim + 1,
                     since = now(), lease_until = now() + make_interval(secs => $2)
                 FROM next WHERE u.id = next.id
                 RETURNING u.id, u.claim, u.path, u.meta, u.size, u.mtime, u.resume_offset,
                     u.resume_skip, next.before, u.range_end",
                &[&worker, &lease_secs],
            )
            .at("claiming a unit")?;
        Ok(row.map(|r| claim_of(&r)))
    }

    /// Renews the lease on a claimed unit (between commits of a long batch). False when
    /// the unit is no longer this claim's.
    pub fn renew(&mut self, claim: &Claim, lease_secs: f64) -> Result<bool, Error> {
        let n = self
            .client
            .execute(
                "UPDATE units SET lease_until = now() + make_interval(secs => $3)
                 WHERE id = $1 AND claim = $2 AND state = 'running'",
                &[&claim.unit, &claim.claim, &lease_secs],
            )
            .at("renewing a lease")?;
        Ok(n == 1)
    }

    /// Gives a claimed unit back to the queue, if it is still this claim's: pending again,
    /// for any worker to claim at once from its last committed position (a worker asked
    /// to stop; without this the unit would wait for its lease to run out).
    pub fn release(&mut self, claim: &Claim) -> Result<(), Error> {
        self.client
            .execute(
                "UPDATE units SET state = 'pending', lease_until = NULL
                 WHERE id = $1 AND claim = $2 AND state = 'running'",
                &[&claim.unit, &claim.claim],
            )
            .at("giving a unit back")?;
        Ok(())
    }

    /// Marks a claimed unit failed, with `reason`, if it is still this claim's.
    pub fn fail(&mut self, claim: &Claim, reason: &str) -> Result<(), Error> {
        self.client
            .execute(
                "UPDATE units SET state = 'failed', reason = $3, lease_until = NULL
                 WHERE id = $1 AND claim = $2 AND state = 'running'",
                &[&claim.unit, &claim.claim, &reason],
            )
            .at("marking a unit failed")?;
        Ok(())
    }

    /// The queue's totals and its running and failed units.
    pub fn status(&mut self) -> Result<Status, Error> {
        let mut s = Status::default();
        for r in self
            .client
            .query("SELECT state, count(*) FROM units GROUP BY state", &[])
            .at("counting units")?
        {
            let n = r.get::<_, i64>(1) as u64;
            match UnitState::parse(r.get(0))? {
                UnitState::Pending => s.pending = n,
                UnitState::Running => s.running = n,
                UnitState::Done => s.done = n,
                UnitState::Failed => s.failed = n,
            }
        }
        for r in self
            .client
            .query(
                "SELECT id, path, state, worker, since::text,
                        extract(epoch FROM lease_until - now())::float8, records, reason,
                        range_start, range_end
                 FROM units WHERE state IN ('running', 'failed') ORDER BY id",
                &[],
            )
            .at("listing units")?
        {
            s.units.push(UnitRow {
                id: r.get(0),
                path: r.get(1),
                state: UnitState::parse(r.get(2))?,
                worker: r.get(3),
                since: r.get(4),
                lease_left: r.get(5),
                records: r.get(6),
                reason: r.get(7),
                range: r
                    .get::<_, Option<i64>>(9)
                    .map(|end| (r.get::<_, i64>(8) as u64, end as u64)),
            });
        }
        Ok(s)
    }
}

fn claim_of(r: &Row) -> Claim {
    Claim {
        unit: r.get(0),
        claim: r.get(1),
        path: r.get(2),
        meta: r.get(3),
        size: r.get::<_, i64>(4) as u64,
        mtime: r.get(5),
        offset: r.get::<_, i64>(6) as u64,
        skip: r.get::<_, i64>(7) as u64,
        taken_over: r.get(8),
        end: r.get::<_, Option<i64>>(9).map(|e| e as u64),
    }
}
