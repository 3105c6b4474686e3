//! Accounts when the app is served by fairlog-server (docs/SYNC.md, "Accounts"): who is signed
//! in, the sign-in and invitation pages, the account menu and the organizers' accounts page.
//! The server sets every event's actor from the session; this module only shows who that is.
//! Local-only mode (no server) has no accounts and keeps the role picker.
mod accounts_page;
pub mod api;
mod join_page;
mod menu;
mod sign_in_page;
pub mod text;

pub use accounts_page::AccountsPage;
pub use join_page::JoinPage;
pub use menu::AccountMenu;
pub use sign_in_page::SignInPage;

use std::rc::Rc;

use fairlog_domain::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use yew::prelude::*;

use crate::session::Session;

/// The signed-in account, as the server describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// The enterprise or host the account belongs to.
    #[serde(default)]
    pub subject: Option<Uuid>,
    #[serde(default)]
    pub disabled: bool,
}

impl Account {
    /// The header's session follows the account: its role, name and subject, never a choice.
    pub fn session(&self) -> Session {
        Session { role: self.role, name: self.name.clone(), subject: self.subject }
    }

    /// The browser keeps one replica per account, so that nothing one account received is
    /// shown to another signed in on the same browser later.
    pub fn replica_name(&self) -> String {
        format!("{}-{}", crate::sync::SHARED_DB_NAME, self.id.simple())
    }
}

/// Who is signed in: nobody needs to be in local-only mode; served by fairlog-server, somebody
/// must be, and until then only the sign-in (or an invitation's sign-up) shows.
#[derive(Clone, PartialEq, Default)]
pub enum SignedIn {
    #[default]
    Local,
    SignedOut,
    As(Rc<Account>),
}

#[hook]
pub fn use_signed_in() -> Option<Rc<Account>> {
    let now = use_context::<SignedIn>();
    match now {
        Some(SignedIn::As(a)) => Some(a),
        _ => None,
    }
}

/// Served by fairlog-server with nobody signed in.
#[hook]
pub fn use_signed_out() -> bool {
    let now = use_context::<SignedIn>();
    matches!(now, Some(SignedIn::SignedOut))
}

const LAST_ACCOUNT_KEY: &str = "fairlog.account";

/// The account last signed in on this browser, to open its replica when the network is down.
pub fn remembered() -> Option<Account> {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::get(LAST_ACCOUNT_KEY).ok()
}

pub fn remember(account: Option<&Account>) {
    use gloo_storage::Storage;
    match account {
        Some(a) => {
            let _ = gloo_storage::LocalStorage::set(LAST_ACCOUNT_KEY, a);
        }
        None => gloo_storage::LocalStorage::delete(LAST_ACCOUNT_KEY),
    }
}

/// Start again from the top (after signing in or out): the replica and the sync are per account.
pub fn reload_at(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
        let _ = w.location().reload();
    }
}

/// Ask the server who is signed in. Offline, the account last signed in here opens its replica
/// (the server checks the session again when it is back). `None`: nobody; show the sign-in.
pub async fn who_is_signed_in() -> Option<Account> {
    match api::me().await {
        Ok(account) => {
            remember(Some(&account));
            Some(account)
        }
        Err(crate::sync::net::NetError::Offline(_)) => remembered(),
        Err(_) => {
            remember(None);
            None
        }
    }
}

/// The server no longer knows this session (signed out on another device, expired, disabled):
/// show the sign-in. What is waiting in the outbox stays in this account's replica and is sent
/// after signing in again.
pub fn session_ended() {
    remember(None);
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
