//! fairlog-server: the same domain crate deciding every party's commands on one shared log.
//!
//! * [`store`]: the log in SQLite (embedded default) or PostgreSQL, behind one trait.
//! * [`authority`]: the one task that decides pushed commands in order, with the server's clock.
//! * [`api`]: thin axum handlers (push, pull, live stream, health) and the release app's files.
//! * [`auth`]: accounts, sessions, CSRF, invitations, throttling, audit; [`session`]: who asks.
//! * [`import`]: start a log from an exported file.
//! * [`rush`]: the 10:00 rush load tool.
pub mod api;
pub mod auth;
pub mod authority;
pub mod import;
pub use fairlog_domain::sync_protocol as protocol;
pub mod rush;
pub mod session;
pub mod snapshots;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;

use store::{EventStore, SqlStore};

/// Open the store named by `database_url`, or the embedded SQLite file in `data`.
pub async fn open_store(
    data: &std::path::Path,
    database_url: Option<&str>,
) -> Result<Arc<dyn EventStore>, store::StoreError> {
    let store = match database_url {
        Some(url) => SqlStore::open(url).await?,
        None => SqlStore::open_sqlite(data).await?,
    };
    Ok(Arc::new(store))
}

/// Build the whole app over a store: authority started, router ready.
pub async fn app(store: Arc<dyn EventStore>, dist: Option<PathBuf>) -> Result<axum::Router, authority::AuthorityError> {
    app_with(store, dist, auth::AuthConfig::from_env()).await
}

/// [`app`] with the accounts' clock and hashing cost given (the tests' fast, movable ones).
pub async fn app_with(
    store: Arc<dyn EventStore>,
    dist: Option<PathBuf>,
    auth: auth::AuthConfig,
) -> Result<axum::Router, authority::AuthorityError> {
    let authority = authority::Authority::start(store.clone()).await?;
    Ok(api::router(api::AppState { authority, store, auth, snapshots: Default::default() }, dist))
}
