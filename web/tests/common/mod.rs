//! What the browser storage tests share: a fresh database name, and a fair-creating command.
#![allow(dead_code)]

use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::FairId;
use fairlog_domain::testing::{organizer_cmd, xuhui_fair};
use fairlog_domain::Command;
use fairlog_web::store::idb::delete_database;

/// A database name no earlier run used, deleted first to be sure.
pub async fn fresh(name: &str) -> String {
    let name = format!("fairlog-test-{name}-{}", js_sys::Math::random());
    let _ = delete_database(&name).await;
    name
}

/// The organizer creates fair `n`, named `name`.
pub fn create(n: u128, name: &str) -> Command {
    organizer_cmd(FairCommand::CreateFair { fair_id: FairId::from_u128(n), details: xuhui_fair(name) })
}
