//! The connection's faults and options: which transactions are strictly durable, how an abort
//! is read (quota exhausted or not), and a connection closed under us (`versionchange`, or the
//! browser closing it).
//!
//! Every transaction of `EventStore` is opened here (`EventStore::transaction`), so a closed
//! connection answers `StorageError::Closed` before anything is tried, and imports and merges
//! ask for `durability: "strict"`. The `idb` crate has no transaction options and web-sys has
//! them only behind `--cfg=web_sys_unstable_apis`, so the option goes through
//! `IDBDatabase.transaction` by reflection (a browser that does not know the option ignores the
//! dictionary member, which is the old behaviour).
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use idb::TransactionMode;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::{classify, classify_js, classify_name, EventStore, StorageError};

/// What a transaction is for; it says how durable its commit must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Read,
    /// A command's events, or the server's confirmed lines: the browser's default durability
    /// (relaxed in Chromium since 121: the commit is reported before the OS flushes), because
    /// appends are frequent and small, and a lost last command is one the user sees was not
    /// saved after a crash at worst.
    Append,
    /// A whole log into an empty store.
    Import,
    /// The events after the shared prefix replaced, with the backup of the log as it was.
    Merge,
    /// The outbox, backups kept or deleted, test writes.
    Keep,
}

impl Purpose {
    /// Imports and merges are strict: `complete` fires only once the data is on disk, so a
    /// merge that said "done" cannot come back after a power cut as the old log without its
    /// backup, or half of an import.
    pub fn durability(self) -> &'static str {
        match self {
            Purpose::Import | Purpose::Merge => "strict",
            Purpose::Read | Purpose::Append | Purpose::Keep => "default",
        }
    }
}

/// A storage error from a transaction's abort reason (`IDBTransaction.error`, a DOMException):
/// `QuotaExceededError` is `Quota`, `ConstraintError` is `Conflict`, anything else `Failed`.
pub fn storage_error_of_abort(error: &JsValue) -> StorageError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => classify_name(&e.name(), &e.message()),
        None => classify_js(error),
    }
}

/// Watches one connection: set when the browser asks it to close (`versionchange`: another tab
/// opens a newer version of the database) or closes it itself (`close`: the user cleared the
/// site's data, the disk went away). Either way the connection is closed at once and the page
/// is told once, through `on_closed`, to ask the user to reload.
#[derive(Default)]
pub(crate) struct Watch {
    closed: Cell<bool>,
    on_closed: RefCell<Option<Box<dyn Fn()>>>,
    handler: RefCell<Option<Handler>>,
}

/// The `versionchange` and `close` handler, kept alive as long as the connection's watch.
type Handler = Closure<dyn FnMut(web_sys::Event)>;

impl Watch {
    pub(super) fn install(raw: &web_sys::IdbDatabase) -> Rc<Watch> {
        let watch = Rc::new(Watch::default());
        let weak: Weak<Watch> = Rc::downgrade(&watch);
        let conn = raw.clone();
        let handler = Handler::new(move |_e: web_sys::Event| {
            conn.close();
            if let Some(watch) = weak.upgrade() {
                if !watch.closed.replace(true) {
                    if let Some(tell) = watch.on_closed.borrow().as_ref() {
                        tell();
                    }
                }
            }
        });
        raw.set_onversionchange(Some(handler.as_ref().unchecked_ref()));
        raw.set_onclose(Some(handler.as_ref().unchecked_ref()));
        *watch.handler.borrow_mut() = Some(handler);
        watch
    }
}

impl EventStore {
    /// Open a transaction on `stores`, with the durability its purpose asks for; `Closed` if the
    /// connection was closed under us.
    pub(super) fn transaction(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        purpose: Purpose,
    ) -> Result<idb::Transaction, StorageError> {
        if self.watch.closed.get() {
            return Err(StorageError::Closed);
        }
        if purpose.durability() == "default" {
            return self.db.transaction(stores, mode).map_err(classify);
        }
        let names: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let mode = match mode {
            TransactionMode::ReadOnly => "readonly",
            _ => "readwrite",
        };
        let options = Object::new();
        let _ = Reflect::set(&options, &"durability".into(), &purpose.durability().into());
        let open = Reflect::get(&self.raw, &"transaction".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or_else(|| StorageError::Unavailable("IDBDatabase.transaction is missing".into()))?;
        let tx = open.call3(&self.raw, &names, &mode.into(), &options).map_err(|e| classify_js(&e))?;
        Ok(idb::Transaction::from(tx.unchecked_into::<web_sys::IdbTransaction>()))
    }

    /// The durability the browser gives a transaction opened for `purpose` (`"strict"`,
    /// `"default"`, `"relaxed"`; `None` where the browser does not say). The transaction is
    /// aborted: nothing is written.
    pub fn durability_for(&self, purpose: Purpose) -> Result<Option<String>, StorageError> {
        let tx: web_sys::IdbTransaction =
            self.transaction(&[super::EVENTS, super::BACKUPS], TransactionMode::ReadWrite, purpose)?.into();
        let durability = Reflect::get(&tx, &"durability".into()).ok().and_then(|d| d.as_string());
        let _ = tx.abort();
        Ok(durability)
    }

    /// Run `tell` once if the connection is closed under us (not by `close`).
    pub fn when_closed(&self, tell: impl Fn() + 'static) {
        *self.watch.on_closed.borrow_mut() = Some(Box::new(tell));
    }

    /// Was the connection closed (under us, or by `close`)?
    pub fn is_closed(&self) -> bool {
        self.watch.closed.get()
    }

    /// Close this connection (this tab reads the store again through a new one); nobody is
    /// told, and later calls on it answer `Closed`.
    pub fn close(&self) {
        self.watch.closed.set(true);
        self.raw.set_onversionchange(None);
        self.raw.set_onclose(None);
        self.db.close();
    }
}
