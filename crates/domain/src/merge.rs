//! Merging a log from another device.
//!
//! The two logs share a prefix (the events both hold, in the same order). After it, the events of
//! both sides are taken together (same event id → one event), grouped into the commands that
//! produced them (consecutive events with the same time and actor), ordered by (time, first event
//! id), and replayed one command at a time from the shared prefix. A command whose events the
//! domain now refuses (`check`: e.g. the booth was booked on the other device first) is not
//! applied: it is kept, whole, in the conflict report of the `LogMerged` event that closes the
//! merge, for the user to resolve. Nothing is dropped silently.
//!
//! The result depends only on the set of events, not on which device merges into which: merging
//! is commutative and idempotent on the resulting state. Events after the shared prefix are
//! re-numbered (and re-chained); the app keeps the log as it was before the merge as a backup.
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::envelope::{Actor, EventEnvelope, SCHEMA_VERSION};
use crate::error::DomainError;
use crate::event::Event;
use crate::log::{hash_line, to_line, Log, Sealed};
use crate::state::{evolve, State};

/// A command's worth of events that could not be applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeConflict {
    /// The events as they were recorded on their device (their original sequence numbers).
    pub events: Vec<EventEnvelope>,
    /// Which side they came from.
    pub from: Side,
    /// The rule the first refused event broke.
    pub error: DomainError,
}

impl MergeConflict {
    pub fn id(&self) -> Uuid {
        self.events.first().map(|e| e.id).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// This device.
    Local,
    /// The imported log.
    Remote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The user read it and lets it go (they may redo the change by hand).
    Dismissed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
pub enum MergeEvent {
    LogMerged {
        /// What the user merged (a file name).
        source: String,
        /// Hash of the last event of the imported log.
        remote_last_hash: String,
        /// Events taken in from the other log.
        taken: u64,
        conflicts: Vec<MergeConflict>,
    },
    ConflictResolved {
        conflict_id: Uuid,
        resolution: Resolution,
    },
}

impl MergeEvent {
    /// The variant's name (`strum::IntoStaticStr`).
    pub fn type_name(&self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeCommand {
    ResolveConflict { conflict_id: Uuid, resolution: Resolution },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum MergeError {
    #[error("no such open conflict")]
    ConflictNotFound,
}

impl MergeError {
    pub fn field(&self) -> Option<&'static str> {
        None
    }
}

/// A conflict waiting for the user. (Which device it came from is on the `LogMerged` event at
/// `merged_at_seq`; the state keeps only what is the same whichever device merged.)
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenConflict {
    #[serde(with = "crate::snapshot::form::envelopes")]
    pub events: Vec<EventEnvelope>,
    pub error: DomainError,
    /// Sequence of the `LogMerged` event that reported it.
    pub merged_at_seq: u64,
}

pub(crate) fn decide(state: &State, actor: &Actor, cmd: MergeCommand) -> Result<Vec<MergeEvent>, DomainError> {
    crate::authority::not_host(actor.role, "ResolveConflict")?;
    match cmd {
        MergeCommand::ResolveConflict { conflict_id, resolution } => {
            if !state.open_conflicts.contains_key(&conflict_id) {
                return Err(MergeError::ConflictNotFound.into());
            }
            Ok(vec![MergeEvent::ConflictResolved { conflict_id, resolution }])
        }
    }
}

pub(crate) fn evolve_merge(state: &mut State, env: &EventEnvelope, event: &MergeEvent) {
    match event {
        MergeEvent::LogMerged { conflicts, .. } => {
            for c in conflicts {
                state.open_conflicts.insert(
                    c.id(),
                    OpenConflict { events: c.events.clone(), error: c.error.clone(), merged_at_seq: env.seq },
                );
            }
        }
        MergeEvent::ConflictResolved { conflict_id, .. } => {
            state.open_conflicts.remove(conflict_id);
        }
    }
}

/// Would this event still be a valid fact on `state`?
pub fn check(state: &State, event: &Event) -> Result<(), DomainError> {
    match event {
        Event::Fair(e) => crate::fair::check(state, e).map_err(Into::into),
        Event::Series(e) => crate::series::check(state, e).map_err(Into::into),
        Event::FloorPlan(e) => crate::floor_plan::check(state, e).map_err(Into::into),
        Event::Enterprise(e) => crate::enterprise::check(state, e).map_err(Into::into),
        Event::Post(e) => crate::post::check(state, e).map_err(Into::into),
        Event::Booking(e) => crate::booking::check(state, e).map_err(Into::into),
        Event::Host(e) => crate::host::check(state, e).map_err(Into::into),
        Event::Livestream(e) => crate::livestream::check(state, e).map_err(Into::into),
        // A merge marker from a third device: its conflicts are data, always acceptable.
        Event::Merge(MergeEvent::LogMerged { .. }) => Ok(()),
        Event::Merge(MergeEvent::ConflictResolved { conflict_id, .. }) => {
            if state.open_conflicts.contains_key(conflict_id) {
                Ok(())
            } else {
                Err(MergeError::ConflictNotFound.into())
            }
        }
    }
}

/// What a merge will do, computed without changing anything.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePlan {
    /// Local events kept exactly as they are (the shared prefix).
    pub keep: u64,
    /// Local events after the prefix, which are re-numbered.
    pub renumbered: u64,
    /// Events to store after the prefix, ending with the `LogMerged` event.
    pub sealed: Vec<Sealed>,
    /// Events taken in from the other log.
    pub taken: u64,
    pub conflicts: Vec<MergeConflict>,
}

/// Consecutive events of one command.
fn batches(events: Vec<(Side, EventEnvelope)>) -> Vec<(Side, Vec<EventEnvelope>)> {
    let mut out: Vec<(Side, Vec<EventEnvelope>)> = Vec::new();
    for (side, e) in events {
        match out.last_mut() {
            Some((s, b)) if *s == side && b[0].command_id() == e.command_id() => b.push(e),
            _ => out.push((side, vec![e])),
        }
    }
    out
}

/// Plan merging `remote` (a verified, imported log) into `local`. `None` when the other log holds
/// nothing this one does not already have (merging twice changes nothing).
/// `marker_id` is the id of the `LogMerged` event that closes the merge.
pub fn plan(
    local: &Log,
    remote: &[EventEnvelope],
    remote_last_hash: &str,
    source: &str,
    actor: &Actor,
    now: DateTime<Utc>,
    marker_id: Uuid,
) -> Option<MergePlan> {
    let entries = local.entries();
    let keep = entries.iter().zip(remote).take_while(|(a, b)| a.id == b.id).count();
    // Events this device holds, or already reported as conflicts in an earlier merge.
    let mut known: HashSet<Uuid> = entries.iter().map(|e| e.id).collect();
    for e in entries {
        if let Event::Merge(MergeEvent::LogMerged { conflicts, .. }) = &e.event {
            known.extend(conflicts.iter().flat_map(|c| c.events.iter().map(|e| e.id)));
        }
    }
    let fresh: Vec<EventEnvelope> = remote[keep..].iter().filter(|e| !known.contains(&e.id)).cloned().collect();
    if fresh.is_empty() {
        return None;
    }
    let prefix_state = State::replay(entries[..keep].iter());
    let local_tail: Vec<(Side, EventEnvelope)> = entries[keep..].iter().map(|e| (Side::Local, e.clone())).collect();
    let remote_ids: HashSet<Uuid> = fresh.iter().map(|e| e.id).collect();
    // Interleave the two sides' commands by (time, first event id), keeping each side's own
    // order: the result depends on the two sequences, not on which device merges.
    let mut mine = batches(local_tail).into_iter().peekable();
    let mut theirs = batches(fresh.into_iter().map(|e| (Side::Remote, e)).collect()).into_iter().peekable();
    let key = |b: &(Side, Vec<EventEnvelope>)| (b.1[0].recorded_at, b.1[0].id);
    let mut all = Vec::new();
    loop {
        let take_mine = match (mine.peek(), theirs.peek()) {
            (Some(a), Some(b)) => key(a) <= key(b),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        all.extend(if take_mine { mine.next() } else { theirs.next() });
    }

    let mut state = prefix_state;
    let mut judge = crate::judge::Judge::after(&entries[..keep]);
    let mut seq = keep as u64;
    // Chained to the prefix's last line as stored (not re-serialised: an imported line keeps its
    // own bytes).
    let mut prev = local.hash_after(keep).to_owned();
    let mut sealed = Vec::new();
    let mut conflicts = Vec::new();
    let mut taken = 0u64;
    for (side, batch) in all {
        let mut scratch = state.clone();
        let mut renumbered = Vec::with_capacity(batch.len());
        let mut refused = None;
        let mut s = seq;
        let mut p = prev.clone();
        // The other side's commands meet every rule; this device's own ones every rule but
        // `not_backdated` (see `Judge::for_own_store`).
        let mut j = judge.clone().with_time_rule(side == Side::Remote);
        for e in &batch {
            // The events are judged as they will be stored: by the rules of `judge`, in
            // their new place (so that the merged log restores).
            let placed = EventEnvelope { seq: s + 1, ..e.clone() };
            if let Err(r) = j.admit(&scratch, &placed) {
                refused = Some(r.error);
                break;
            }
            s += 1;
            let env = EventEnvelope { seq: s, prev: std::mem::take(&mut p), schema: SCHEMA_VERSION, ..e.clone() };
            let line = to_line(&env);
            p = hash_line(&line);
            evolve(&mut scratch, &env);
            renumbered.push(Sealed { envelope: env, line });
        }
        match refused {
            Some(error) => conflicts.push(MergeConflict { events: batch, from: side, error }),
            None => {
                state = scratch;
                judge = j;
                seq = s;
                prev = p;
                taken += renumbered.iter().filter(|s| remote_ids.contains(&s.envelope.id)).count() as u64;
                sealed.extend(renumbered);
            }
        }
    }
    // Conflicts are recorded in the log itself, so that nothing is lost and every device that
    // merges the same logs reports the same ones. (A merge without conflicts needs no marker:
    // its result is the same events in the same order, whoever merged.)
    if !conflicts.is_empty() {
        // Recorded no earlier than the last merged event (see `judge::not_backdated`).
        let last_at =
            sealed.last().map(|s: &Sealed| s.envelope.recorded_at).or(entries[..keep].last().map(|e| e.recorded_at));
        let now = match last_at {
            Some(at) if crate::judge::not_backdated(Some(at), now).is_err() => at,
            _ => now,
        };
        let marker = Event::Merge(MergeEvent::LogMerged {
            source: source.chars().take(120).collect(),
            remote_last_hash: remote_last_hash.to_owned(),
            taken,
            conflicts: conflicts.clone(),
        });
        sealed.extend(crate::log::seal_after(
            seq,
            &prev,
            actor,
            now,
            vec![crate::log::NewEvent { id: marker_id, event: marker }],
        ));
    }
    Some(MergePlan { keep: keep as u64, renumbered: entries.len() as u64 - keep as u64, sealed, taken, conflicts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::{BookingCommand, BoothTarget};
    use crate::codec;
    use crate::engine::Engine;
    use crate::enterprise::{EnterpriseCommand, EnterpriseProfile};
    use crate::fair::FairCommand;
    use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
    use crate::ids::*;
    use crate::testing::{counter_ids, sample_profile, t, xuhui_fair};
    use crate::{Command, Intent};

    fn org(at: &str, i: impl Into<Intent>) -> Command {
        Command { actor: Actor::organizer("王敏"), now: t(at), intent: i.into() }
    }

    /// Both devices start from this: a published fair with one booth, two enterprises.
    fn shared() -> Engine {
        let mut e = Engine::new();
        let mut ids = counter_ids(1000);
        let fair = FairId::from_u128(1);
        let zone = ZoneId::from_u128(2);
        let p2 = EnterpriseProfile {
            name: "第二家".into(),
            credit_code: crate::credit_code::complete("91310000MA1FL0002"),
            ..sample_profile()
        };
        for c in [
            org("2026-03-01T09:00", FairCommand::CreateFair { fair_id: fair, details: xuhui_fair("徐汇区春季招聘会") }),
            org("2026-03-01T09:01", FairCommand::PublishFair { fair_id: fair }),
            org("2026-03-01T09:02", FloorPlanCommand::SizeHall { fair_id: fair, width: 20, depth: 10 }),
            org("2026-03-01T09:03", FloorPlanCommand::AddZone { fair_id: fair, zone_id: zone, name: "A馆".into() }),
            org(
                "2026-03-01T09:04",
                FloorPlanCommand::AddBooth {
                    fair_id: fair,
                    booth: NewBooth {
                        booth_id: BoothId::from_u128(3),
                        zone_id: zone,
                        code: "A-12".into(),
                        rect: Rect { x: 0, y: 0, w: 3, h: 3 },
                        amenities: Amenities::default(),
                    },
                },
            ),
            org(
                "2026-03-01T09:05",
                EnterpriseCommand::RegisterEnterprise {
                    enterprise_id: EnterpriseId::from_u128(4),
                    profile: sample_profile(),
                },
            ),
            org(
                "2026-03-01T09:06",
                EnterpriseCommand::RegisterEnterprise { enterprise_id: EnterpriseId::from_u128(5), profile: p2 },
            ),
        ] {
            e.execute(c, &mut ids).unwrap();
        }
        e
    }

    fn request(at: &str, booking: u128, ent: u128) -> Command {
        org(
            at,
            BookingCommand::RequestBooth {
                booking_id: BookingId::from_u128(booking),
                fair_id: FairId::from_u128(1),
                enterprise_id: EnterpriseId::from_u128(ent),
                target: BoothTarget::Booth { booth_id: BoothId::from_u128(3) },
            },
        )
    }

    fn imported(e: &Engine) -> codec::Imported {
        codec::import(&codec::export(e.log())).unwrap()
    }

    fn merged(into: &Engine, from: &Engine) -> Engine {
        let mut out = into.clone();
        if let Some(plan) = out.plan_merge(
            &imported(from),
            "other.jsonl",
            &Actor::organizer("王敏"),
            t("2026-03-02T09:00"),
            Uuid::from_u128(0xAAAA),
        ) {
            out.apply_merge(plan).unwrap();
        }
        out
    }

    #[test]
    fn the_same_booth_booked_on_two_devices_is_a_conflict_whoever_merges() {
        let mut a = shared();
        let mut b = shared();
        a.execute(request("2026-03-01T10:00", 10, 4), counter_ids(2000)).unwrap();
        b.execute(request("2026-03-01T10:05", 11, 5), counter_ids(3000)).unwrap();
        b.execute(
            org(
                "2026-03-01T10:06",
                FairCommand::EditFair {
                    fair_id: FairId::from_u128(1),
                    expected_version: 2,
                    details: xuhui_fair("改名后的招聘会"),
                },
            ),
            counter_ids(4000),
        )
        .unwrap();

        let ab = merged(&a, &b);
        let ba = merged(&b, &a);
        assert_eq!(ab.state(), ba.state(), "merging is commutative");
        let open: Vec<_> = ab.state().open_conflicts.values().collect();
        assert_eq!(open.len(), 1);
        // The earlier request (device A, 10:00) wins; B's is reported with the rule it broke.
        assert_eq!(open[0].events[0].id, b.log().entries()[7].id);
        assert_eq!(open[0].error, crate::booking::BookingError::BoothTaken { code: "A-12".into() }.into());
        // B's other change (the new name) came through.
        assert_eq!(ab.state().fairs[&FairId::from_u128(1)].details.name, "改名后的招聘会");
        // Merging again changes nothing.
        assert_eq!(merged(&ab, &b).log().len(), ab.log().len());
        assert_eq!(merged(&ab, &a).state(), ab.state());
        // The merged log is a valid log.
        assert!(codec::import(&codec::export(ab.log())).is_ok());
    }

    #[test]
    fn merging_a_log_with_nothing_new_changes_nothing() {
        let a = shared();
        assert!(a
            .plan_merge(&imported(&a), "same", &Actor::organizer("x"), t("2026-03-02T09:00"), Uuid::nil())
            .is_none());
    }

    #[test]
    fn a_mode_change_and_a_booth_request_on_two_devices_conflict_whoever_merges() {
        use crate::fair::{BoothKind, FairDetails, FairError, FairMode};
        let online = FairDetails { mode: FairMode::Online, venue: None, ..xuhui_fair("徐汇区春季招聘会") };
        let go_online = |at: &str| {
            org(
                at,
                FairCommand::EditFair { fair_id: FairId::from_u128(1), expected_version: 2, details: online.clone() },
            )
        };
        let conflict = |request_at: &str, online_at: &str| {
            let mut a = shared();
            let mut b = shared();
            a.execute(request(request_at, 10, 4), counter_ids(2000)).unwrap();
            b.execute(go_online(online_at), counter_ids(3000)).unwrap();
            let ab = merged(&a, &b);
            assert_eq!(ab.state(), merged(&b, &a).state(), "merging is commutative");
            let open: Vec<_> = ab.state().open_conflicts.values().map(|c| c.error.clone()).collect();
            assert_eq!(open.len(), 1);
            open[0].clone()
        };
        // The request first: the later change of mode would strand it.
        assert_eq!(
            conflict("2026-03-01T10:00", "2026-03-01T10:05"),
            FairError::ModeStrandsBookings { mode: FairMode::Online, count: 1 }.into()
        );
        // The change of mode first: the booth requested later is one the fair no longer has.
        assert_eq!(
            conflict("2026-03-01T10:05", "2026-03-01T10:00"),
            crate::booking::BookingError::BoothKindMismatch { mode: FairMode::Online, kind: BoothKind::Physical }
                .into()
        );
    }

    #[test]
    fn a_resolved_conflict_is_closed() {
        let mut a = shared();
        let mut b = shared();
        a.execute(request("2026-03-01T10:00", 10, 4), counter_ids(2000)).unwrap();
        b.execute(request("2026-03-01T10:05", 11, 5), counter_ids(3000)).unwrap();
        let mut m = merged(&a, &b);
        let id = *m.state().open_conflicts.keys().next().unwrap();
        m.execute(
            org(
                "2026-03-02T10:00",
                MergeCommand::ResolveConflict { conflict_id: id, resolution: Resolution::Dismissed },
            ),
            counter_ids(5000),
        )
        .unwrap();
        assert!(m.state().open_conflicts.is_empty());
        let again = m.execute(
            org(
                "2026-03-02T10:01",
                MergeCommand::ResolveConflict { conflict_id: id, resolution: Resolution::Dismissed },
            ),
            counter_ids(6000),
        );
        assert!(again.is_err());
    }
}
