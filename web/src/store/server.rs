//! Server mode: this browser is a replica of fairlog-server's log. Commands are decided on the
//! state the pending ones leave and queued in the outbox; the server's confirmed events are
//! stored and the pending commands decided again on top; refusals are kept until dismissed; the
//! syncing tab tells the others how the server answers.
use std::rc::Rc;

use fairlog_domain::{Command, State};

use super::tabs::{OUTBOX_CHANGED, REFUSED_CHANGED, STATUS};
use super::{EventStore, StorageError, Store, UiError};
use crate::sync::{Replica, SyncStatus};

impl Store {
    /// Become a replica of fairlog-server's log (before `load`): the confirmed events live in a
    /// database of their own, commands go to the outbox and the server.
    /// `db_name` is the signed-in account's replica (`Account::replica_name`); `filtered`: the
    /// server sends this account a filtered stream (every role but the organizers', docs/SYNC.md
    /// "Filtered streams"), replayed with gaps and redactions.
    pub fn use_server(&self, db_name: &str, filtered: bool) {
        self.filtered.set(filtered);
        *self.db_name.borrow_mut() = db_name.to_owned();
        *self.replica.borrow_mut() = Some(Replica { refused: crate::sync::refused::load(), ..Replica::default() });
    }

    /// Server mode for an account that receives a filtered stream.
    pub fn is_filtered(&self) -> bool {
        self.filtered.get()
    }

    pub fn is_replica(&self) -> bool {
        self.replica.borrow().is_some()
    }

    /// The sync indicator's figures (server mode only).
    pub fn sync_status(&self) -> Option<SyncStatus> {
        self.replica.borrow().as_ref().map(|r| r.status.clone())
    }

    /// The state with this browser's pending commands on top, while any are pending.
    pub fn speculative(&self) -> Option<Rc<State>> {
        self.replica.borrow().as_ref().and_then(|r| r.speculative.clone())
    }

    pub(crate) fn with_replica<R>(&self, f: impl FnOnce(&mut Replica) -> R) -> Option<R> {
        self.replica.borrow_mut().as_mut().map(f)
    }

    pub(crate) fn db_handle(&self) -> Option<Rc<EventStore>> {
        self.db()
    }

    /// Decide the pending commands again on the confirmed state.
    pub(crate) fn rebase(&self) {
        let engine = self.engine.borrow();
        let (state, seq, hash) = (engine.state(), engine.log().last_seq(), engine.log().last_hash().to_owned());
        if let Some(r) = self.replica.borrow_mut().as_mut() {
            r.rebase(state, seq, &hash);
        }
    }

    /// Server mode: decide on the state the pending commands leave (a refusal comes back at
    /// once), then queue the commands in the outbox and wake the pusher.
    pub(super) async fn queue(&self, cmds: Vec<Command>) -> Result<u64, UiError> {
        let db = self.db().filter(|_| self.may_write()).ok_or(UiError::ReadOnly)?;
        let _guard = self.lock.lock().await;
        let (mut state, mut seq, mut hash) = {
            let engine = self.engine.borrow();
            let replica = self.replica.borrow();
            match replica.as_ref().and_then(|r| r.speculative.clone().map(|s| (s, r.spec_head.clone()))) {
                Some((s, (seq, hash))) => ((*s).clone(), seq, hash),
                None => (engine.state().clone(), engine.log().last_seq(), engine.log().last_hash().to_owned()),
            }
        };
        let mut given = Vec::with_capacity(cmds.len());
        for cmd in &cmds {
            given.push(crate::sync::apply_speculatively(&mut state, &mut seq, &mut hash, cmd.clone())?);
        }
        let json: Vec<String> = cmds.iter().map(|c| serde_json::to_string(c).unwrap_or_default()).collect();
        let numbers = db.outbox_add(&json).await.map_err(UiError::Storage)?;
        self.with_replica(|r| {
            for ((n, cmd), events) in numbers.into_iter().zip(cmds).zip(given) {
                r.pending.push(crate::sync::Pending { events, ..crate::sync::Pending::new(n, cmd) });
            }
            r.speculative = Some(Rc::new(state));
            r.spec_head = (seq, hash);
            r.status.waiting = r.pending.len();
            r.kick();
        });
        // The syncing tab may be another one: tell it there is something to push.
        self.tell_tabs(OUTBOX_CHANGED);
        Ok(self.engine.borrow().log().last_seq())
    }

    /// Server mode: take the server's confirmed lines that follow ours: the engine checks and
    /// applies them (sequence, chain, the domain's judgement; each line parsed once), then the
    /// lines it took are stored in one transaction; should that write fail, the engine is read
    /// back from IndexedDB, so memory never holds what storage does not. Then the pending
    /// commands are decided again on top. Returns how many were new.
    pub(crate) async fn apply_confirmed(&self, lines: Vec<(u64, String)>) -> Result<usize, StorageError> {
        if !lines.is_empty() {
            super::rest_of_app::rest_of_app().await;
        }
        let _guard = self.lock.lock().await;
        let taken = self.take_confirmed(lines);
        self.store_taken(taken).await
    }

    /// The first half of [`Store::apply_confirmed`]: check and apply the new lines in memory
    /// (synchronous, so nothing else runs meanwhile). The catch-up stores them while it takes
    /// the next page (`sync::runner`); storage's own order keeps the writes in sequence.
    pub(crate) fn take_confirmed(&self, lines: Vec<(u64, String)>) -> Taken {
        let last = self.engine.borrow().log().last_seq();
        let mut fresh: Vec<(u64, String)> = lines.into_iter().filter(|(seq, _)| *seq > last).collect();
        let t0 = js_sys::Date::now();
        let before = self.engine.borrow().log().len();
        let checked = self.extend(fresh.iter().map(|(seq, l)| (*seq, Some(l.as_str()))));
        fresh.truncate(self.engine.borrow().log().len() - before);
        let engine_ms = js_sys::Date::now() - t0;
        self.with_replica(|r| r.timing.0 += engine_ms);
        Taken { after: last, lines: fresh, checked }
    }

    /// The second half: store what [`Store::take_confirmed`] applied, in one transaction after
    /// the line it followed. Should that write fail, the engine is read back from IndexedDB (so
    /// memory never holds what storage does not) and a later page's write, which expects this
    /// one's end, fails the same way.
    pub(crate) async fn store_taken(&self, taken: Taken) -> Result<usize, StorageError> {
        let Some(db) = self.db() else { return Ok(0) };
        let Taken { after, lines, checked } = taken;
        if !lines.is_empty() {
            let t1 = js_sys::Date::now();
            let written = db.add_lines(after, &lines).await;
            self.with_replica(|r| r.timing.1 += js_sys::Date::now() - t1);
            if let Err(e) = written {
                // Not stored (another tab stored them first, or the write failed): read the
                // store back instead, which holds whatever was really written.
                let (engine, _) = self.read_engine(&db).await?;
                *self.engine.borrow_mut() = engine;
                if e != StorageError::Conflict {
                    return Err(e);
                }
            }
            self.time_travel.forget_states();
            self.rebase();
            self.announce(lines.last().map(|(seq, _)| *seq).unwrap_or(after));
        }
        checked.map_err(|p| StorageError::Failed(format!("{p:?}")))?;
        Ok(lines.len())
    }

    /// Server mode: read the outbox (after a reload, or when another tab queued or settled
    /// commands): the pending commands are the outbox's, plus those the server accepted whose
    /// events have not arrived yet.
    pub(crate) async fn restore_outbox(&self) {
        let Some(db) = self.db() else { return };
        let Ok(queued) = db.outbox().await else { return };
        self.with_replica(|r| {
            let mut known = std::mem::take(&mut r.pending);
            let mut pending: Vec<crate::sync::Pending> = queued
                .into_iter()
                .filter_map(|(n, json)| match known.iter().position(|p| p.n == n) {
                    Some(i) => Some(known.swap_remove(i)),
                    None => Some(crate::sync::Pending::new(n, serde_json::from_str(&json).ok()?)),
                })
                .collect();
            pending.extend(known.into_iter().filter(|p| p.confirmed_at.is_some()));
            pending.sort_by_key(|p| p.n);
            r.pending = pending;
        });
        self.rebase();
    }

    /// Server mode: the changes the server refused that the user has not dismissed yet.
    pub fn refused(&self) -> Vec<crate::sync::refused::RefusedChange> {
        self.replica.borrow().as_ref().map(|r| r.refused.clone()).unwrap_or_default()
    }

    /// Keep refusals the server just sent, here and for the other tabs.
    pub(crate) fn add_refused(&self, new: Vec<crate::sync::refused::RefusedChange>) {
        if new.is_empty() {
            return;
        }
        let list = crate::sync::refused::add(new);
        self.with_replica(|r| r.refused = list);
        self.tell_tabs(REFUSED_CHANGED);
    }

    /// The user has read a refusal.
    pub fn dismiss_refused(&self, n: u64) {
        let list = crate::sync::refused::dismiss(n);
        self.with_replica(|r| r.refused = list);
        self.tell_tabs(REFUSED_CHANGED);
    }

    /// The syncing tab tells the others whether the server answers (their indicator shows it).
    pub(crate) fn tell_status(&self) {
        let status = self.replica.borrow().as_ref().filter(|r| r.kick.is_some()).map(|r| r.status.clone());
        if let Some(s) = status {
            self.tell_tabs(&format!("{STATUS}{}:{}:{}", s.online, s.last_synced.unwrap_or(0.0), s.caught_up));
        }
    }

    /// Another tab's word on the server (see `tell_status`).
    pub(super) fn hear_status(&self, message: &str) {
        let mut parts = message.trim_start_matches(STATUS).split(':');
        let online = parts.next() == Some("true");
        let last = parts.next().and_then(|t| t.parse::<f64>().ok()).filter(|t| *t > 0.0);
        let caught_up = parts.next() == Some("true");
        self.with_replica(|r| {
            if r.kick.is_none() {
                r.status.online = online;
                r.status.caught_up = caught_up;
                r.status.heard = true;
                r.status.last_synced = last.or(r.status.last_synced);
            }
        });
    }
}

/// Lines applied in memory and not yet stored (see [`Store::take_confirmed`]).
pub(crate) struct Taken {
    /// The log's last sequence before them.
    after: u64,
    lines: Vec<(u64, String)>,
    /// How the check went: a bad line stops it, the lines before it are taken.
    checked: Result<usize, fairlog_domain::engine::RestoreProblem>,
}
