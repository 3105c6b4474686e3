//! The binary form of the few state fields whose serde derive writes something only when it is
//! there (`skip_serializing_if`, for a tidy JSON line): a format without field names, such as
//! postcard, would then read the next field in its place. In a human-readable format (JSON)
//! these functions write exactly what the derive writes; in a binary one they write every field,
//! in order. Used with `#[serde(with = "...")]` on the state's fields.
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::envelope::EventEnvelope;
use crate::fair::FairDetails;
use crate::livestream::SessionPlan;

/// `Fair::details`.
pub mod fair_details {
    use super::*;

    type Form = (
        String,
        Option<crate::ids::SeriesId>,
        crate::industry::Industry,
        crate::fair::FairMode,
        Option<crate::fair::Venue>,
        Option<crate::fair::Schedule>,
        Option<u32>,
    );

    pub fn serialize<S: Serializer>(d: &FairDetails, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return d.serialize(s);
        }
        (&d.name, &d.series, &d.industry, &d.mode, &d.venue, &d.schedule, &d.capacity).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Box<FairDetails>, D::Error> {
        if d.is_human_readable() {
            return FairDetails::deserialize(d).map(Box::new);
        }
        let (name, series, industry, mode, venue, schedule, capacity) = Form::deserialize(d)?;
        Ok(Box::new(FairDetails { name, series, industry, mode, venue, schedule, capacity }))
    }
}

/// `LiveSession::plan`.
pub mod session_plan {
    use super::*;

    type Form = (
        String,
        Vec<crate::ids::HostId>,
        crate::ids::ChannelId,
        chrono::DateTime<chrono::Utc>,
        u32,
        Option<crate::ids::FairId>,
    );

    pub fn serialize<S: Serializer>(p: &SessionPlan, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return p.serialize(s);
        }
        (&p.title, &p.hosts, &p.channel, &p.start, &p.minutes, &p.fair).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SessionPlan, D::Error> {
        if d.is_human_readable() {
            return SessionPlan::deserialize(d);
        }
        let (title, hosts, channel, start, minutes, fair) = Form::deserialize(d)?;
        Ok(SessionPlan { title, hosts, channel, start, minutes, fair })
    }
}

/// `OpenConflict::events`: envelopes (whose optional fields and events are skipped when empty)
/// as their JSON lines in a binary form. Open conflicts are few.
pub mod envelopes {
    use super::*;

    pub fn serialize<S: Serializer>(events: &[EventEnvelope], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return events.serialize(s);
        }
        let lines: Vec<String> = events.iter().map(crate::log::to_line).collect();
        lines.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<EventEnvelope>, D::Error> {
        if d.is_human_readable() {
            return Vec::<EventEnvelope>::deserialize(d);
        }
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|line| serde_json::from_str(line).map_err(serde::de::Error::custom))
            .collect()
    }
}
