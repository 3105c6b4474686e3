//! Changes the server refused, kept until the user has read them: in localStorage, so that they
//! survive a reload and every tab of the profile shows them (the syncing tab writes them and
//! tells the others over the BroadcastChannel).
use fairlog_domain::{Actor, Event};
use gloo_storage::Storage;
use serde::{Deserialize, Serialize};

use super::Refusal;

const KEY: &str = "fairlog.refused";
/// The most kept: a browser offline for a week may queue many changes the server then refuses;
/// the list shows the latest ones.
pub const MAX_KEPT: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefusedChange {
    /// The command's number for this client (unique per browser profile).
    pub n: u64,
    pub actor: Actor,
    /// What the command did when it was decided here.
    pub events: Vec<Event>,
    pub refusal: Refusal,
    /// When the server's answer came (ms since the epoch).
    pub at: f64,
}

pub fn load() -> Vec<RefusedChange> {
    gloo_storage::LocalStorage::get(KEY).unwrap_or_default()
}

fn save(list: &[RefusedChange]) {
    let _ = gloo_storage::LocalStorage::set(KEY, list);
}

/// Add refusals (newest last), keeping at most `MAX_KEPT`.
pub fn add(new: Vec<RefusedChange>) -> Vec<RefusedChange> {
    let mut list = load();
    for r in new {
        if !list.iter().any(|k| k.n == r.n) {
            list.push(r);
        }
    }
    let extra = list.len().saturating_sub(MAX_KEPT);
    list.drain(..extra);
    save(&list);
    list
}

/// The user has read it.
pub fn dismiss(n: u64) -> Vec<RefusedChange> {
    let mut list = load();
    list.retain(|r| r.n != n);
    save(&list);
    list
}
