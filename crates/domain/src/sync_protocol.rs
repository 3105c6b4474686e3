//! The sync protocol's messages between a browser and fairlog-server (docs/SYNC.md describes
//! them). Plain serde types, shared by both ends.
use crate::{Actor, DomainError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most mutations one push has decided; the rest are answered `deferred` and come again.
pub const MAX_MUTATIONS_PER_PUSH: usize = 100;
/// The most events one pull returns.
pub const MAX_PULL: u64 = 5000;
/// The largest request body the API reads.
pub const MAX_BODY_BYTES: usize = 4 << 20;

/// `POST /api/push`: a client's pending commands, numbered 1, 2, 3, … per client, in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushRequest {
    pub client_id: Uuid,
    pub mutations: Vec<Mutation>,
}

/// One pending command. `intent` is the domain's `Intent` as JSON; it is read one by one so that
/// a command this server does not know is refused alone, not the whole push.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mutation {
    pub n: u64,
    pub actor: Actor,
    pub intent: serde_json::Value,
}

/// What a mutation came to. `accepted` and `refused` are recorded and answered again, word for
/// word, to a repeat; `out_of_order` and `deferred` are not recorded (the client sends again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MutationResult {
    /// Decided and appended: the events are `first_seq..=last_seq` (none if nothing changed).
    Accepted {
        n: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_seq: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_seq: Option<u64>,
    },
    /// A rule refused it (`error` is the domain's error: code, parameters, field), or the server
    /// cannot read it (`sync.unknown_command`). It does not block the mutations behind it.
    Refused {
        n: u64,
        code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<DomainError>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// `n` skips numbers: the server has seen up to `expected - 1`; this and what follows were
    /// not looked at.
    OutOfOrder { n: u64, expected: u64 },
    /// Over `MAX_MUTATIONS_PER_PUSH`: not looked at this time; push it again.
    Deferred { n: u64 },
}

impl MutationResult {
    pub fn n(&self) -> u64 {
        match self {
            MutationResult::Accepted { n, .. }
            | MutationResult::Refused { n, .. }
            | MutationResult::OutOfOrder { n, .. }
            | MutationResult::Deferred { n } => *n,
        }
    }

    pub fn refused(n: u64, error: DomainError) -> Self {
        MutationResult::Refused {
            n,
            code: error.code(),
            field: error.field().map(str::to_owned),
            message: Some(error.to_string()),
            error: Some(error),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushResponse {
    /// One per mutation sent, in order. A repeat's answer is the recorded one.
    pub results: Vec<serde_json::Value>,
    /// The log's last sequence after this push.
    pub last_seq: u64,
}

/// `GET /api/events?after=N[&hash=H][&limit=L][&client_id=C]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    pub after: u64,
    /// The hash of the caller's line at `after`: a log that differs there is told so.
    #[serde(default)]
    pub hash: Option<String>,
    #[serde(default)]
    pub limit: Option<u64>,
    #[serde(default)]
    pub client_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullResponse {
    /// Stored lines after the cursor, exactly as the chain covers them.
    pub events: Vec<String>,
    /// The log's last sequence now.
    pub last_seq: u64,
    /// More events follow the ones returned.
    pub more: bool,
    /// The last mutation number recorded for `client_id` (when asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_mutation: Option<u64>,
    /// Only on a filtered pull (docs/SYNC.md, "Filtered streams"): the last stored sequence the
    /// server looked at for this page, withheld or not. The next pull goes `after` it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scanned: Option<u64>,
    /// The hash of the stored line at `scanned`: the `hash` to send with that cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scanned_hash: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Health {
    pub store: String,
    pub last_seq: u64,
    pub last_hash: String,
}
