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
///
/// Read through [`MutationWire`], a flat struct, rather than serde's internally tagged enum: that
/// one buffers the answer into serde's `Content` and reads `DomainError` through a deserializer
/// of its own, a third copy of every error's deserializer in the browser's bundle (250 KB of
/// code before wasm-opt). Read with `serde_json::from_str`, the error shares the events' one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", try_from = "MutationWire")]
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

/// A [`MutationResult`] as it is read: every variant's fields, optional, beside its `status`.
#[derive(Deserialize)]
struct MutationWire {
    status: MutationStatus,
    n: u64,
    #[serde(default)]
    first_seq: Option<u64>,
    #[serde(default)]
    last_seq: Option<u64>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    error: Option<DomainError>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    expected: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum MutationStatus {
    Accepted,
    Refused,
    OutOfOrder,
    Deferred,
}

impl TryFrom<MutationWire> for MutationResult {
    type Error = &'static str;

    fn try_from(w: MutationWire) -> Result<Self, Self::Error> {
        let n = w.n;
        Ok(match w.status {
            MutationStatus::Accepted => MutationResult::Accepted { n, first_seq: w.first_seq, last_seq: w.last_seq },
            MutationStatus::Refused => MutationResult::Refused {
                n,
                code: w.code.ok_or("missing field `code`")?,
                error: w.error,
                field: w.field,
                message: w.message,
            },
            MutationStatus::OutOfOrder => {
                MutationResult::OutOfOrder { n, expected: w.expected.ok_or("missing field `expected`")? }
            }
            MutationStatus::Deferred => MutationResult::Deferred { n },
        })
    }
}

impl MutationResult {
    /// Reads one answer of a push (an element of [`PushResponse::results`]) through text, so
    /// that the browser's bundle holds one deserializer per type (see [`MutationResult`]).
    pub fn from_answer(v: &serde_json::Value) -> Option<MutationResult> {
        serde_json::from_str(&v.to_string()).ok()
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;
    use proptest::prelude::*;
    use serde_json::json;

    fn read_back(r: &MutationResult) -> Option<MutationResult> {
        MutationResult::from_answer(&serde_json::to_value(r).unwrap())
    }

    #[test]
    fn a_refusal_reads_back_with_its_domain_error() {
        // given a refusal as the server answers it
        let refused = MutationResult::refused(7, DomainError::Forbidden { role: Role::Host, command: "CreateFair".into() });
        // when the browser reads it
        let read = read_back(&refused);
        // then it is the same refusal, error and all
        assert_eq!(read, Some(refused));
    }

    #[test]
    fn the_wire_form_is_the_tagged_one_the_docs_describe() {
        // given each kind of answer, when written, then it carries its `status` beside its fields
        let out_of_order = serde_json::to_value(MutationResult::OutOfOrder { n: 5, expected: 3 }).unwrap();
        assert_eq!(out_of_order, json!({"status": "out_of_order", "n": 5, "expected": 3}));
        let accepted = serde_json::to_value(MutationResult::Accepted { n: 1, first_seq: Some(9), last_seq: Some(10) }).unwrap();
        assert_eq!(accepted, json!({"status": "accepted", "n": 1, "first_seq": 9, "last_seq": 10}));
        assert_eq!(serde_json::to_value(MutationResult::Deferred { n: 2 }).unwrap(), json!({"status": "deferred", "n": 2}));
    }

    #[test]
    fn an_answer_missing_what_its_status_needs_is_not_read() {
        // given answers lacking a field their status requires, or of a status unknown here
        for v in [
            json!({"status": "refused", "n": 1}),
            json!({"status": "out_of_order", "n": 1}),
            json!({"status": "accepted"}),
            json!({"status": "vanished", "n": 1}),
            json!({"n": 1}),
            json!("accepted"),
        ] {
            // when read, then it is skipped, not guessed at
            assert_eq!(MutationResult::from_answer(&v), None, "{v}");
        }
    }

    #[test]
    fn a_refusal_with_an_error_unknown_here_is_not_misread() {
        // given a newer server's error this build does not know
        let v = json!({"status": "refused", "n": 3, "code": "fair.new_rule", "error": {"Fair": "NewRule"}});
        // when read, then the whole answer is refused as unreadable rather than misread
        assert_eq!(MutationResult::from_answer(&v), None);
        // and without the unknown error it reads, code and message kept
        let v = json!({"status": "refused", "n": 3, "code": "fair.new_rule", "message": "m"});
        assert_eq!(
            MutationResult::from_answer(&v),
            Some(MutationResult::Refused { n: 3, code: "fair.new_rule".into(), error: None, field: None, message: Some("m".into()) })
        );
    }

    fn any_result() -> impl Strategy<Value = MutationResult> {
        prop_oneof![
            (any::<u64>(), any::<Option<u64>>(), any::<Option<u64>>())
                .prop_map(|(n, first_seq, last_seq)| MutationResult::Accepted { n, first_seq, last_seq }),
            (any::<u64>(), "[a-z._]{1,20}", any::<Option<String>>(), any::<Option<String>>())
                .prop_map(|(n, code, field, message)| MutationResult::Refused { n, code, error: None, field, message }),
            (any::<u64>(), "[a-z ]{0,20}")
                .prop_map(|(n, command)| MutationResult::refused(n, DomainError::Forbidden { role: Role::Enterprise, command })),
            (any::<u64>(), any::<u64>()).prop_map(|(n, expected)| MutationResult::OutOfOrder { n, expected }),
            any::<u64>().prop_map(|n| MutationResult::Deferred { n }),
        ]
    }

    proptest! {
        #[test]
        fn every_answer_reads_back_as_written(r in any_result()) {
            prop_assert_eq!(read_back(&r), Some(r));
        }
    }
}
