//! The binary form of the few state fields whose serde derive writes something only when it is
//! there (`skip_serializing_if`, for a tidy JSON line): a format without field names, such as
//! postcard, would then read the next field in its place. In a human-readable format (JSON)
//! these functions write exactly what the derive writes; in a binary one they write every field,
//! in order. Used with `#[serde(with = "...")]` on the state's fields. And the binary form of an
//! instant ([`instant`]), which chrono writes as text in any format.
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::envelope::EventEnvelope;
use crate::fair::FairDetails;
use crate::livestream::SessionPlan;

/// An instant (`DateTime<Utc>`) in a field of the state. In a human-readable format chrono's own
/// RFC 3339 text, exactly what the derive writes (the JSON lines and wire are unchanged); in a
/// binary one the seconds since 1970 and the nanoseconds: exact, about 6 bytes instead of a
/// 28-byte string, and no text to parse (chrono's parser was a sixth of decoding the seeds'
/// snapshot, 92,000 instants).
pub mod instant {
    use chrono::{DateTime, Utc};

    use super::*;

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return t.serialize(s);
        }
        parts(t).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        if d.is_human_readable() {
            return DateTime::<Utc>::deserialize(d);
        }
        from_parts(<(i64, u32)>::deserialize(d)?)
    }

    pub(super) fn parts(t: &DateTime<Utc>) -> (i64, u32) {
        (t.timestamp(), t.timestamp_subsec_nanos())
    }

    pub(super) fn from_parts<E: serde::de::Error>((secs, nanos): (i64, u32)) -> Result<DateTime<Utc>, E> {
        DateTime::from_timestamp(secs, nanos).ok_or_else(|| E::custom(format!("no instant at {secs} s {nanos} ns")))
    }
}

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

    type Form = (String, Vec<crate::ids::HostId>, crate::ids::ChannelId, (i64, u32), u32, Option<crate::ids::FairId>);

    pub fn serialize<S: Serializer>(p: &SessionPlan, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            return p.serialize(s);
        }
        (&p.title, &p.hosts, &p.channel, instant::parts(&p.start), &p.minutes, &p.fair).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SessionPlan, D::Error> {
        if d.is_human_readable() {
            return SessionPlan::deserialize(d);
        }
        let (title, hosts, channel, start, minutes, fair) = Form::deserialize(d)?;
        Ok(SessionPlan { title, hosts, channel, start: instant::from_parts(start)?, minutes, fair })
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
