//! A stop on request for `ingest`: SIGTERM, or a first Ctrl-C (SIGINT), asks the run to
//! stop once the batch in hand is committed; a second Ctrl-C ends the process at once.
//!
//! Why not simply die: an ingest killed at any instant loses nothing (each batch commits
//! with how far its inputs were read), but it throws away the work of the batch in hand,
//! prints no summary, and — on PostgreSQL — leaves its unit leased, so that no other worker
//! takes it over until the lease runs out. A service manager stopping a worker (systemd,
//! Kubernetes: SIGTERM, then SIGKILL after a grace period) wants the opposite: finish the
//! batch, commit it, give the unit back, say so, exit. The batch in hand is at most
//! `--batch` pages, seconds of work.
//!
//! The handlers only set flags (`signal-hook`, async-signal-safe); the batch loops read
//! them between batches ([`requested`]).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use anyhow::Context;
use signal_hook::consts::{SIGINT, SIGTERM};

/// The signal that asked for the stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Term,
    Int,
}

impl Signal {
    /// As a shell names it.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Term => "SIGTERM",
            Signal::Int => "SIGINT",
        }
    }

    /// The exit status of a program that ended on the signal, as shells report it
    /// (128 + its number), so that a script can tell a stopped run from a finished one.
    pub fn exit_code(self) -> u8 {
        128 + match self {
            Signal::Term => SIGTERM,
            Signal::Int => SIGINT,
        } as u8
    }
}

struct Flags {
    requested: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// Installs the handlers (once per process; later calls do nothing).
pub fn install() -> anyhow::Result<()> {
    if FLAGS.get().is_some() {
        return Ok(());
    }
    let flags = Flags {
        requested: Arc::new(AtomicBool::new(false)),
        signal: Arc::new(AtomicUsize::new(0)),
    };
    // Order matters: handlers of one signal run in the order registered, so the
    // conditional exit sees the flag as it was before this signal (a first Ctrl-C only
    // sets it; a second finds it set and exits with 130).
    signal_hook::flag::register_conditional_shutdown(
        SIGINT,
        Signal::Int.exit_code().into(),
        Arc::clone(&flags.requested),
    )
    .context("installing the Ctrl-C handler")?;
    for sig in [SIGTERM, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(&flags.signal), sig as usize)
            .context("installing the stop handlers")?;
        signal_hook::flag::register(sig, Arc::clone(&flags.requested))
            .context("installing the stop handlers")?;
    }
    let _ = FLAGS.set(flags);
    Ok(())
}

/// The signal that asked the run to stop, if one has.
pub fn requested() -> Option<Signal> {
    let flags = FLAGS.get()?;
    if !flags.requested.load(Ordering::SeqCst) {
        return None;
    }
    Some(match flags.signal.load(Ordering::SeqCst) as i32 {
        SIGINT => Signal::Int,
        _ => Signal::Term,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_is_a_request_and_its_exit_status_is_the_shells() {
        install().unwrap();
        install().unwrap(); // twice is harmless
        assert_eq!(requested(), None);
        signal_hook::low_level::raise(SIGTERM).unwrap();
        assert_eq!(requested(), Some(Signal::Term));
        assert_eq!(Signal::Term.exit_code(), 143);
        assert_eq!(Signal::Int.exit_code(), 130);
        assert_eq!(requested().map(Signal::name), Some("SIGTERM"));
    }
}
