//! Server mode: the browser as an offline replica of fairlog-server's log (docs/SYNC.md).
//!
//! * IndexedDB (a database of its own, `fairlog-shared`) holds the server's confirmed events,
//!   exactly as the server stored them (same sequences, same lines, same chain), and an `outbox`
//!   of commands not yet confirmed.
//! * A command is decided locally first, on the state the pending commands leave (instant
//!   feedback: a refusal shows at once and nothing is queued), then queued and pushed.
//! * Confirmed events arrive by pull (catch-up) and the live stream; after each, the pending
//!   commands are decided again on top (a rebase) to give the state shown. A command the server
//!   refused leaves the outbox and its reason is shown, in the user's language.
pub mod leader;
pub mod net;
pub mod refused;
pub mod runner;
pub mod text;

use std::rc::Rc;

use fairlog_domain::sync_protocol::MutationResult;
use fairlog_domain::{Command, DomainError, Event, State};

/// The IndexedDB database of the server's replica (the local-only app keeps `fairlog`).
pub const SHARED_DB_NAME: &str = "fairlog-shared";
/// How long to wait before trying the server again, at most.
pub const MAX_BACKOFF_MS: u32 = 30_000;

/// A command waiting for the server.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// Its number for this client (the outbox key).
    pub n: u64,
    pub cmd: Command,
    /// The server accepted it; its events end at this sequence (dropped once they are here).
    pub confirmed_at: Option<u64>,
    /// The events it gave when last decided here (to say what it was if the server refuses it).
    pub events: Vec<Event>,
}

impl Pending {
    pub fn new(n: u64, cmd: Command) -> Pending {
        Pending { n, cmd, confirmed_at: None, events: Vec::new() }
    }
}

/// What the header's sync indicator shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    pub online: bool,
    /// Commands not yet confirmed.
    pub waiting: usize,
    /// When the server last answered (ms since the epoch).
    pub last_synced: Option<f64>,
    /// The server's log is not the one this browser holds (a reset server): nothing more is
    /// applied until the user deals with it.
    pub diverged: bool,
    /// A new browser's first catch-up of a long log: (events so far, events on the server). The
    /// app shows its progress instead of the pages until it is done.
    pub first_sync: Option<(u64, u64)>,
    /// The follower has reached the server's head at least once since the app opened: until
    /// then "all synced" would say more than is known.
    pub caught_up: bool,
    /// The server has answered, or failed to, since the app opened (before that, `online` is
    /// not known yet).
    pub heard: bool,
}

/// A command the server refused, to show the user.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Refusal {
    Rule(DomainError),
    /// The server cannot read the command (an older server than this app).
    Unknown(String),
}

/// The replica's in-memory part, kept by the store.
#[derive(Debug, Default)]
pub struct Replica {
    pub pending: Vec<Pending>,
    /// The state with the pending commands decided on top; `None` when nothing is pending.
    pub speculative: Option<Rc<State>>,
    /// The sequence and hash the speculative events end at.
    pub spec_head: (u64, String),
    pub status: SyncStatus,
    /// Changes the server refused, until the user dismisses them.
    pub refused: Vec<refused::RefusedChange>,
    /// Time spent taking confirmed lines: (checking and applying them, storing them), in ms.
    pub timing: (f64, f64),
    /// Wakes the pusher when a command is queued or the network comes back.
    pub kick: Option<futures::channel::mpsc::UnboundedSender<()>>,
}

impl Replica {
    /// Decide the pending commands again on `base` (the confirmed state), in order. A command
    /// that no longer holds is left out of the state shown (the server will say why).
    pub fn rebase(&mut self, base: &State, last_seq: u64, last_hash: &str) {
        self.pending.retain(|p| p.confirmed_at.is_none_or(|s| s > last_seq));
        self.status.waiting = self.pending.len();
        if self.pending.is_empty() {
            self.speculative = None;
            return;
        }
        let mut state = base.clone();
        let (mut seq, mut hash) = (last_seq, last_hash.to_owned());
        for p in &mut self.pending {
            if let Ok(events) = apply_speculatively(&mut state, &mut seq, &mut hash, p.cmd.clone()) {
                p.events = events;
            }
        }
        self.speculative = Some(Rc::new(state));
        self.spec_head = (seq, hash);
    }

    pub fn kick(&self) {
        if let Some(k) = &self.kick {
            let _ = k.unbounded_send(());
        }
    }
}

/// Decide `cmd` on `state` and, if accepted, apply its events there (sealed after `seq`, as they
/// would be if nothing else came first). Returns the domain's answer: the events it gave.
pub fn apply_speculatively(
    state: &mut State,
    seq: &mut u64,
    hash: &mut String,
    cmd: Command,
) -> Result<Vec<Event>, DomainError> {
    let (actor, now) = (cmd.actor.clone(), cmd.now);
    let events = fairlog_domain::decide(state, cmd)?;
    let given = events.clone();
    let events = events.into_iter().map(|event| fairlog_domain::NewEvent { id: uuid::Uuid::new_v4(), event }).collect();
    for s in fairlog_domain::log::seal_after(*seq, hash, &actor, now, events) {
        fairlog_domain::evolve(state, &s.envelope);
        *seq = s.envelope.seq;
        *hash = fairlog_domain::log::hash_line(&s.line);
    }
    Ok(given)
}

/// What a push result means for the outbox.
pub fn refusal_of(result: &MutationResult) -> Option<Refusal> {
    match result {
        MutationResult::Refused { error: Some(e), .. } => Some(Refusal::Rule(e.clone())),
        MutationResult::Refused { code, message, .. } => {
            Some(Refusal::Unknown(message.clone().unwrap_or_else(|| code.clone())))
        }
        _ => None,
    }
}

/// A random wait before the next try: `base · 2^tries`, capped, with full jitter.
pub fn backoff_ms(tries: u32) -> u32 {
    let cap = 500u32.saturating_mul(1 << tries.min(6)).min(MAX_BACKOFF_MS);
    (js_sys::Math::random() * f64::from(cap)) as u32 + 200
}
