//! Reading the store again when another tab replaced the log (a merge or an import renumbers
//! it), and telling the page when the connection was closed under it (`versionchange`).
//!
//! A reload closes this tab's old connection (an open one would block another tab's upgrade),
//! replays the store through a new one and says how it went as a `Phase` (a damaged store shows
//! the damaged-store banner and is read-only, as on a first load), clears the undo and redo
//! stacks (they were about the log that was replaced) and the cached past states. It happens
//! when another tab says so (`tabs`, `RELOAD`), and when a write finds that the store no longer
//! continues this tab's log before that message arrived (`catch_up`).
use yew::Callback;

use super::{Phase, StorageError, Store};

/// Whom the store tells about what happened underneath it.
#[derive(Default)]
pub(super) struct Hooks {
    pub(super) on_reload: Option<Callback<Phase>>,
    pub(super) on_closed: Option<Callback<()>>,
}

/// What reading other tabs' events came to.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum CaughtUp {
    /// This many events followed this tab's last one.
    Pulled(usize),
    /// The store did not continue this tab's log (another tab replaced it): it was read again.
    Reloaded(Phase),
}

impl Store {
    /// Tell `on_reload` the phase after the store was read again (another tab replaced the log),
    /// and `on_closed` when the connection was closed under us (the page asks for a reload).
    /// Set before `load`.
    pub fn watch(&self, on_reload: Callback<Phase>, on_closed: Callback<()>) {
        *self.hooks.borrow_mut() = super::reload::Hooks { on_reload: Some(on_reload), on_closed: Some(on_closed) };
    }

    /// Was this tab's connection closed under it (another tab upgrades the database)?
    pub fn connection_closed(&self) -> bool {
        self.db().is_some_and(|db| db.is_closed())
    }

    /// Another tab replaced the log: close this tab's connection, read the store again, forget
    /// what was about the old log. The caller holds the store's lock.
    pub(super) async fn reload(&self) -> Phase {
        if let Some(old) = self.db.borrow_mut().take() {
            old.close();
        }
        self.time_travel.forget_states();
        self.snapshots.forget();
        self.set_travel(None);
        let phase = self.load().await;
        {
            let mut book = self.undo_book.borrow_mut();
            book.clear();
            book.save(&self.db_name.borrow());
        }
        let on_reload = self.hooks.borrow().on_reload.clone();
        if let Some(tell) = on_reload {
            tell.emit(phase.clone());
        }
        phase
    }

    /// Read what other tabs appended after this tab's last event; if the store does not continue
    /// this tab's log (another tab merged or imported and its message has not arrived yet), read
    /// the store again instead. The caller holds the store's lock.
    pub(super) async fn catch_up(&self) -> Result<CaughtUp, StorageError> {
        let Some(db) = self.db() else { return Ok(CaughtUp::Pulled(0)) };
        let after = self.engine.borrow().log().last_seq();
        let records = db.read_after(after).await?;
        match self.extend(records.iter().map(|r| (r.seq().unwrap_or(0), r.text()))) {
            Ok(n) => Ok(CaughtUp::Pulled(n)),
            Err(_) => Ok(CaughtUp::Reloaded(self.reload().await)),
        }
    }
}
