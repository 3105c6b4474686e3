//! The envelope every event travels in.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::event::Event;

/// Schema version written by this build. Older envelopes are upcast on read (see `codec`);
/// newer ones are refused.
pub const SCHEMA_VERSION: u16 = 1;

/// Who acts in the app. Recorded on every event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Public employment-service staff who plan fairs and approve booths.
    Organizer,
    /// An employer (用人单位) that books booths and publishes posts.
    Enterprise,
    /// A livestream host (主播/嘉宾), e.g. a district bureau director.
    Host,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub role: Role,
    /// The person's display name, e.g. "王敏".
    pub name: String,
    /// The enterprise or host this actor acts for, when the role has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Uuid>,
    /// The signed-in account this actor is, when a server recorded the command (fairlog-server
    /// sets it from the session; a local-only log has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<Uuid>,
}

impl Actor {
    pub fn new(role: Role, name: impl Into<String>) -> Self {
        Self { role, name: name.into(), subject: None, account: None }
    }

    pub fn organizer(name: impl Into<String>) -> Self {
        Self::new(Role::Organizer, name)
    }
}

/// An event with everything the log needs to keep it honest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEnvelope {
    /// Unique id (uuid v4); appending an id the log already holds is a no-op.
    pub id: Uuid,
    /// Position in the log, from 1, without gaps.
    pub seq: u64,
    /// When the command that produced the event was accepted (UTC).
    pub recorded_at: DateTime<Utc>,
    pub actor: Actor,
    /// Schema version the event was written with.
    pub schema: u16,
    /// Lower-case hex SHA-256 of the previous event's stored JSON line ("" for the first).
    pub prev: String,
    /// For the second and later events of one command: the id of that command's first event.
    /// (Absent on a command's first event.) Undo and merge work command by command.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Uuid>,
    pub event: Event,
    /// Only on a line of a filtered stream (`privacy`) that differs from the stored one: the
    /// SHA-256 of the stored line it was redacted from (the link the server's chain continues
    /// with). Never in a stored log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redacted: Option<String>,
}

impl EventEnvelope {
    /// The id of the command this event came from (its first event's id).
    pub fn command_id(&self) -> Uuid {
        self.cmd.unwrap_or(self.id)
    }
}
