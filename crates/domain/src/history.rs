//! Reading the log as history: what each event is about, which command produced it, the state at
//! any point (time travel), and undoing a command with compensating commands.
use uuid::Uuid;

use crate::booking::{BookingCommand, BookingEvent};
use crate::command::Intent;
use crate::engine::Engine;
use crate::enterprise::{EnterpriseCommand, EnterpriseEvent};
use crate::envelope::{Actor, EventEnvelope};
use crate::event::Event;
use crate::fair::{FairCommand, FairEvent};
use crate::floor_plan::{FloorPlanCommand, FloorPlanEvent, NewBooth};
use crate::ids::FairId;
use crate::merge::MergeEvent;
use crate::post::{PostCommand, PostEvent};
use crate::series::{SeriesCommand, SeriesEvent};
use crate::state::State;

/// The ids of the entities an event is directly about.
pub fn subjects(event: &Event) -> Vec<Uuid> {
    match event {
        Event::Fair(e) => vec![e.fair_id().0],
        Event::Series(SeriesEvent::SeriesCreated { series_id, .. } | SeriesEvent::SeriesRenamed { series_id, .. }) => {
            vec![series_id.0]
        }
        Event::FloorPlan(e) => match e {
            FloorPlanEvent::HallSized { fair_id, .. } | FloorPlanEvent::VirtualBoothsSet { fair_id, .. } => {
                vec![fair_id.0]
            }
            FloorPlanEvent::ZoneAdded { fair_id, zone_id, .. }
            | FloorPlanEvent::ZoneRenamed { fair_id, zone_id, .. }
            | FloorPlanEvent::ZoneRemoved { fair_id, zone_id } => vec![fair_id.0, zone_id.0],
            FloorPlanEvent::BoothAdded { fair_id, booth } => vec![fair_id.0, booth.booth_id.0, booth.zone_id.0],
            FloorPlanEvent::BoothMoved { booth_id, .. }
            | FloorPlanEvent::BoothResized { booth_id, .. }
            | FloorPlanEvent::BoothRemoved { booth_id }
            | FloorPlanEvent::AmenitiesSet { booth_id, .. }
            | FloorPlanEvent::BoothBlocked { booth_id, .. }
            | FloorPlanEvent::BoothUnblocked { booth_id } => vec![booth_id.0],
        },
        Event::Enterprise(e) => match e {
            EnterpriseEvent::EnterpriseRegistered { enterprise_id, .. }
            | EnterpriseEvent::EnterpriseEdited { enterprise_id, .. }
            | EnterpriseEvent::KeyEnterpriseMarked { enterprise_id, .. }
            | EnterpriseEvent::KeyEnterpriseUnmarked { enterprise_id }
            | EnterpriseEvent::CommissionerAssigned { enterprise_id, .. }
            | EnterpriseEvent::CommissionerUnassigned { enterprise_id } => vec![enterprise_id.0],
        },
        Event::Post(e) => match e {
            PostEvent::PostOpened { post_id, enterprise_id, details } => {
                let mut v = vec![post_id.0, enterprise_id.0];
                v.extend(details.fairs.iter().map(|f| f.0));
                v
            }
            PostEvent::PostEdited { post_id, .. }
            | PostEvent::PostFilled { post_id }
            | PostEvent::PostWithdrawn { post_id } => {
                vec![post_id.0]
            }
        },
        Event::Booking(e) => match e {
            BookingEvent::BookingRulesSet { fair_id, .. } => vec![fair_id.0],
            BookingEvent::BoothRequested { booking_id, fair_id, enterprise_id, booth_id, .. } => {
                let mut v = vec![booking_id.0, fair_id.0, enterprise_id.0];
                v.extend(booth_id.map(|b| b.0));
                v
            }
            BookingEvent::BookingReassigned { booking_id, booth_id } => vec![booking_id.0, booth_id.0],
            BookingEvent::BookingApproved { booking_id }
            | BookingEvent::BookingApprovalRevoked { booking_id, .. }
            | BookingEvent::BookingRejected { booking_id, .. }
            | BookingEvent::BookingCancelled { booking_id }
            | BookingEvent::HoldExpired { booking_id }
            | BookingEvent::OfferAccepted { booking_id }
            | BookingEvent::OfferDeclined { booking_id } => vec![booking_id.0],
            BookingEvent::WaitlistJoined { waitlist_id, fair_id, enterprise_id, .. } => {
                vec![waitlist_id.0, fair_id.0, enterprise_id.0]
            }
            BookingEvent::WaitlistLeft { waitlist_id } => vec![waitlist_id.0],
            BookingEvent::WaitlistOffered { waitlist_id, booking_id, booth_id, .. } => {
                let mut v = vec![waitlist_id.0, booking_id.0];
                v.extend(booth_id.map(|b| b.0));
                v
            }
        },
        Event::Host(e) => match e {
            crate::host::HostEvent::HostRegistered { host_id, .. }
            | crate::host::HostEvent::HostEdited { host_id, .. }
            | crate::host::HostEvent::AvailabilitySet { host_id, .. } => vec![host_id.0],
            crate::host::HostEvent::ChannelAdded { channel_id, .. }
            | crate::host::HostEvent::ChannelEdited { channel_id, .. } => {
                vec![channel_id.0]
            }
            crate::host::HostEvent::StreamDomainAllowed { .. } | crate::host::HostEvent::StreamDomainRemoved { .. } => {
                vec![]
            }
        },
        Event::Livestream(e) => {
            use crate::livestream::LivestreamEvent as L;
            match e {
                L::SessionPlanned { session_id, plan } | L::SessionEdited { session_id, plan } => {
                    let mut v = vec![session_id.0, plan.channel.0];
                    v.extend(plan.hosts.iter().map(|h| h.0));
                    v.extend(plan.fair.map(|f| f.0));
                    v
                }
                L::EnterpriseInvited { session_id, enterprise_id, .. }
                | L::FeatureChanged { session_id, enterprise_id, .. }
                | L::FeatureRemoved { session_id, enterprise_id }
                | L::InvitationAccepted { session_id, enterprise_id }
                | L::InvitationDeclined { session_id, enterprise_id, .. } => vec![session_id.0, enterprise_id.0],
                L::SessionMoved { session_id, .. }
                | L::SessionScheduled { session_id }
                | L::SoftConflictsAccepted { session_id, .. }
                | L::SessionStarted { session_id }
                | L::SessionEnded { session_id, .. }
                | L::SessionCancelled { session_id, .. } => vec![session_id.0],
            }
        }
        Event::Merge(MergeEvent::LogMerged { .. }) => vec![],
        Event::Merge(MergeEvent::ConflictResolved { conflict_id, .. }) => vec![*conflict_id],
    }
}

/// The fair an event concerns, if any (booths and bookings are looked up in `state`).
pub fn fair_of(state: &State, event: &Event) -> Option<FairId> {
    let direct = match event {
        Event::Fair(e) => Some(e.fair_id()),
        Event::FloorPlan(
            FloorPlanEvent::HallSized { fair_id, .. }
            | FloorPlanEvent::VirtualBoothsSet { fair_id, .. }
            | FloorPlanEvent::ZoneAdded { fair_id, .. }
            | FloorPlanEvent::ZoneRenamed { fair_id, .. }
            | FloorPlanEvent::ZoneRemoved { fair_id, .. }
            | FloorPlanEvent::BoothAdded { fair_id, .. },
        ) => Some(*fair_id),
        Event::Booking(
            BookingEvent::BookingRulesSet { fair_id, .. }
            | BookingEvent::BoothRequested { fair_id, .. }
            | BookingEvent::WaitlistJoined { fair_id, .. },
        ) => Some(*fair_id),
        _ => None,
    };
    direct.or_else(|| {
        subjects(event).into_iter().find_map(|id| {
            state
                .booth_fair
                .get(&crate::ids::BoothId(id))
                .copied()
                .or_else(|| state.bookings.get(&crate::ids::BookingId(id)).map(|b| b.fair_id))
                .or_else(|| state.waitlist.get(&crate::ids::WaitlistId(id)).map(|w| w.fair_id))
        })
    })
}

/// The sequences (first, last) of the command that produced the event at `seq`.
pub fn batch_of(events: &[EventEnvelope], seq: u64) -> Option<(u64, u64)> {
    let i = (seq as usize).checked_sub(1).filter(|i| *i < events.len())?;
    let same = |a: &EventEnvelope, b: &EventEnvelope| a.command_id() == b.command_id();
    let mut first = i;
    while first > 0 && same(&events[first - 1], &events[i]) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < events.len() && same(&events[last + 1], &events[i]) {
        last += 1;
    }
    Some((first as u64 + 1, last as u64 + 1))
}

/// Why a command cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum UndoError {
    #[error("nothing to undo")]
    Nothing,
    #[error("only the person who made a change can undo it")]
    NotYours,
    /// Someone (maybe you) changed the same thing afterwards.
    #[error("{by} changed it afterwards ({event} at event {seq})")]
    BuiltOn { seq: u64, by: String, event: String },
    #[error("{event} cannot be undone")]
    NotUndoable { event: String },
}

/// The commands that undo the command whose events are `first..=last`, made by `actor`.
/// They are ordinary commands: `decide` still checks them, and they are logged as new events.
pub fn undo(engine: &Engine, first: u64, last: u64, actor: &Actor) -> Result<Vec<Intent>, UndoError> {
    undo_ignoring(engine, first, last, actor, &|_| false)
}

/// Like `undo`, but later events for which `ignore(seq)` holds do not count as changes made
/// afterwards: the app passes the events of the actor's own commands that were undone since
/// (and their compensations), so undo walks back through them one by one, as in an editor.
pub fn undo_ignoring(
    engine: &Engine,
    first: u64,
    last: u64,
    actor: &Actor,
    ignore: &dyn Fn(u64) -> bool,
) -> Result<Vec<Intent>, UndoError> {
    // By sequence, not by position: a log started from a snapshot holds only the later events.
    let events = engine.log().entries();
    let batch = engine.log().between(first, last);
    if first == 0 || batch.len() as u64 != last.saturating_sub(first) + 1 {
        return Err(UndoError::Nothing);
    }
    if batch.iter().any(|e| &e.actor != actor) {
        return Err(UndoError::NotYours);
    }
    let touched: std::collections::HashSet<Uuid> = batch.iter().flat_map(|e| subjects(&e.event)).collect();
    if let Some(later) = events[events.partition_point(|e| e.seq <= last)..]
        .iter()
        .find(|e| !ignore(e.seq) && subjects(&e.event).iter().any(|s| touched.contains(s)))
    {
        return Err(UndoError::BuiltOn {
            seq: later.seq,
            by: later.actor.name.clone(),
            event: later.event.type_name().into(),
        });
    }
    let before = engine.state_at(first - 1);
    let now = engine.state();
    let mut out = Vec::new();
    for env in batch.iter().rev() {
        if let Some(i) = inverse(&before, now, &env.event)? {
            out.push(i);
        }
    }
    if out.is_empty() {
        return Err(UndoError::Nothing);
    }
    Ok(out)
}

fn not(e: &Event) -> UndoError {
    UndoError::NotUndoable { event: e.type_name().into() }
}

/// The command that reverses one event, given the state before it and the state now.
fn inverse(before: &State, now: &State, event: &Event) -> Result<Option<Intent>, UndoError> {
    let no = || not(event);
    Ok(Some(match event {
        // Postponing is undone as an edit back to the dates before (enterprises are told again).
        Event::Fair(FairEvent::FairEdited { fair_id, .. } | FairEvent::FairPostponed { fair_id, .. }) => {
            let old = before.fairs.get(fair_id).ok_or_else(no)?;
            let cur = now.fairs.get(fair_id).ok_or_else(no)?;
            FairCommand::EditFair { fair_id: *fair_id, expected_version: cur.version, details: (*old.details).clone() }
                .into()
        }
        Event::Fair(FairEvent::FairPublished { fair_id }) => FairCommand::UnpublishFair { fair_id: *fair_id }.into(),
        Event::Fair(FairEvent::FairUnpublished { fair_id }) => FairCommand::PublishFair { fair_id: *fair_id }.into(),
        Event::Series(SeriesEvent::SeriesRenamed { series_id, .. }) => {
            let old = before.series.get(series_id).ok_or_else(no)?;
            SeriesCommand::RenameSeries { series_id: *series_id, name: old.name.clone() }.into()
        }
        Event::FloorPlan(e) => {
            let booth_before =
                |id| before.booth_fair.get(id).and_then(|f| before.floor_plans.get(f)).and_then(|p| p.booths.get(id));
            match e {
                FloorPlanEvent::HallSized { fair_id, .. } => {
                    let p = before.floor_plans.get(fair_id).filter(|p| p.width > 0).ok_or_else(no)?;
                    FloorPlanCommand::SizeHall { fair_id: *fair_id, width: p.width, depth: p.depth }.into()
                }
                FloorPlanEvent::ZoneAdded { fair_id, zone_id, .. } => {
                    FloorPlanCommand::RemoveZone { fair_id: *fair_id, zone_id: *zone_id }.into()
                }
                FloorPlanEvent::ZoneRenamed { fair_id, zone_id, .. } => {
                    let z = before.floor_plans.get(fair_id).and_then(|p| p.zones.get(zone_id)).ok_or_else(no)?;
                    FloorPlanCommand::RenameZone { fair_id: *fair_id, zone_id: *zone_id, name: z.name.clone() }.into()
                }
                FloorPlanEvent::BoothAdded { booth, .. } => {
                    FloorPlanCommand::RemoveBooth { booth_id: booth.booth_id }.into()
                }
                FloorPlanEvent::BoothRemoved { booth_id } => {
                    let b = booth_before(booth_id).ok_or_else(no)?;
                    FloorPlanCommand::AddBooth {
                        fair_id: b.fair_id,
                        booth: NewBooth {
                            booth_id: b.id,
                            zone_id: b.zone_id,
                            code: b.code.clone(),
                            rect: b.rect,
                            amenities: b.amenities,
                        },
                    }
                    .into()
                }
                FloorPlanEvent::BoothMoved { booth_id, .. } => {
                    let b = booth_before(booth_id).ok_or_else(no)?;
                    FloorPlanCommand::MoveBooth { booth_id: *booth_id, x: b.rect.x, y: b.rect.y }.into()
                }
                FloorPlanEvent::BoothResized { booth_id, .. } => {
                    let b = booth_before(booth_id).ok_or_else(no)?;
                    FloorPlanCommand::ResizeBooth { booth_id: *booth_id, w: b.rect.w, h: b.rect.h }.into()
                }
                FloorPlanEvent::AmenitiesSet { booth_id, .. } => {
                    let b = booth_before(booth_id).ok_or_else(no)?;
                    FloorPlanCommand::SetAmenities { booth_id: *booth_id, amenities: b.amenities }.into()
                }
                FloorPlanEvent::BoothBlocked { booth_id, .. } => {
                    FloorPlanCommand::UnblockBooth { booth_id: *booth_id }.into()
                }
                FloorPlanEvent::BoothUnblocked { booth_id } => {
                    let reason = booth_before(booth_id).and_then(|b| b.blocked.clone()).ok_or_else(no)?;
                    FloorPlanCommand::BlockBooth { booth_id: *booth_id, reason }.into()
                }
                FloorPlanEvent::VirtualBoothsSet { fair_id, .. } => {
                    let count = before.floor_plans.get(fair_id).map(|p| p.virtual_booths).unwrap_or(0);
                    FloorPlanCommand::SetVirtualBooths { fair_id: *fair_id, count }.into()
                }
                FloorPlanEvent::ZoneRemoved { .. } => return Err(no()),
            }
        }
        Event::Enterprise(EnterpriseEvent::EnterpriseEdited { enterprise_id, .. }) => {
            let old = before.enterprises.get(enterprise_id).ok_or_else(no)?;
            let cur = now.enterprises.get(enterprise_id).ok_or_else(no)?;
            EnterpriseCommand::EditEnterprise {
                enterprise_id: *enterprise_id,
                expected_version: cur.version,
                profile: (*old.profile).clone(),
            }
            .into()
        }
        Event::Enterprise(EnterpriseEvent::KeyEnterpriseMarked { enterprise_id, .. }) => {
            match before.enterprises.get(enterprise_id).and_then(|e| e.key) {
                Some(category) => {
                    EnterpriseCommand::MarkKeyEnterprise { enterprise_id: *enterprise_id, category }.into()
                }
                None => EnterpriseCommand::UnmarkKeyEnterprise { enterprise_id: *enterprise_id }.into(),
            }
        }
        Event::Enterprise(EnterpriseEvent::KeyEnterpriseUnmarked { enterprise_id }) => {
            let category = before.enterprises.get(enterprise_id).and_then(|e| e.key).ok_or_else(no)?;
            EnterpriseCommand::MarkKeyEnterprise { enterprise_id: *enterprise_id, category }.into()
        }
        Event::Enterprise(EnterpriseEvent::CommissionerAssigned { enterprise_id, .. }) => {
            match before.enterprises.get(enterprise_id).ok_or_else(no)?.commissioner.clone() {
                Some(name) => {
                    EnterpriseCommand::AssignCommissioner { enterprise_id: *enterprise_id, commissioner: name }.into()
                }
                None => EnterpriseCommand::UnassignCommissioner { enterprise_id: *enterprise_id }.into(),
            }
        }
        Event::Enterprise(EnterpriseEvent::CommissionerUnassigned { enterprise_id }) => {
            let name = before.enterprises.get(enterprise_id).and_then(|e| e.commissioner.clone()).ok_or_else(no)?;
            EnterpriseCommand::AssignCommissioner { enterprise_id: *enterprise_id, commissioner: name }.into()
        }
        Event::Post(PostEvent::PostEdited { post_id, .. }) => {
            let old = before.posts.get(post_id).ok_or_else(no)?;
            PostCommand::EditPost { post_id: *post_id, details: (*old.details).clone() }.into()
        }
        Event::Booking(BookingEvent::BookingApproved { booking_id }) => {
            BookingCommand::RevokeApproval { booking_id: *booking_id }.into()
        }
        Event::Booking(BookingEvent::BookingApprovalRevoked { booking_id, .. }) => {
            BookingCommand::ApproveBooking { booking_id: *booking_id }.into()
        }
        Event::Booking(BookingEvent::BookingRulesSet { fair_id, .. }) => {
            BookingCommand::SetBookingRules { fair_id: *fair_id, rules: crate::booking::rules_of(before, *fair_id) }
                .into()
        }
        // Deadlines that passed are facts of time: undoing a decision leaves them be.
        Event::Booking(BookingEvent::HoldExpired { .. }) => return Ok(None),
        // Not undoable (as before): each one is named, so a new event type has to say here
        // whether and how it is undone.
        Event::Fair(
            FairEvent::FairCreated { .. }
            | FairEvent::FairClosed { .. }
            | FairEvent::FairCancelled { .. }
            | FairEvent::FairOutcomeRecorded { .. },
        )
        | Event::Series(SeriesEvent::SeriesCreated { .. })
        | Event::Enterprise(EnterpriseEvent::EnterpriseRegistered { .. })
        | Event::Post(PostEvent::PostOpened { .. } | PostEvent::PostFilled { .. } | PostEvent::PostWithdrawn { .. }) => {
            return Err(no())
        }
        Event::Booking(
            BookingEvent::BoothRequested { .. }
            | BookingEvent::BookingRejected { .. }
            | BookingEvent::BookingReassigned { .. }
            | BookingEvent::BookingCancelled { .. }
            | BookingEvent::WaitlistJoined { .. }
            | BookingEvent::WaitlistLeft { .. }
            | BookingEvent::WaitlistOffered { .. }
            | BookingEvent::OfferAccepted { .. }
            | BookingEvent::OfferDeclined { .. },
        ) => return Err(no()),
        Event::Host(
            crate::host::HostEvent::HostRegistered { .. }
            | crate::host::HostEvent::HostEdited { .. }
            | crate::host::HostEvent::AvailabilitySet { .. }
            | crate::host::HostEvent::StreamDomainAllowed { .. }
            | crate::host::HostEvent::StreamDomainRemoved { .. }
            | crate::host::HostEvent::ChannelAdded { .. }
            | crate::host::HostEvent::ChannelEdited { .. },
        ) => return Err(no()),
        Event::Livestream(
            crate::livestream::LivestreamEvent::SessionPlanned { .. }
            | crate::livestream::LivestreamEvent::SessionEdited { .. }
            | crate::livestream::LivestreamEvent::SessionMoved { .. }
            | crate::livestream::LivestreamEvent::SessionScheduled { .. }
            | crate::livestream::LivestreamEvent::SoftConflictsAccepted { .. }
            | crate::livestream::LivestreamEvent::EnterpriseInvited { .. }
            | crate::livestream::LivestreamEvent::FeatureChanged { .. }
            | crate::livestream::LivestreamEvent::FeatureRemoved { .. }
            | crate::livestream::LivestreamEvent::InvitationAccepted { .. }
            | crate::livestream::LivestreamEvent::InvitationDeclined { .. }
            | crate::livestream::LivestreamEvent::SessionStarted { .. }
            | crate::livestream::LivestreamEvent::SessionEnded { .. }
            | crate::livestream::LivestreamEvent::SessionCancelled { .. },
        ) => return Err(no()),
        Event::Merge(MergeEvent::LogMerged { .. } | MergeEvent::ConflictResolved { .. }) => return Err(no()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::{BookingCommand, BoothTarget};
    use crate::ids::*;
    use crate::testing::{counter_ids, organizer, organizer_cmd, sample_profile, xuhui_fair};
    use crate::Command;

    fn setup() -> Engine {
        let mut e = Engine::new();
        let mut ids = counter_ids(100);
        let fair = FairId::from_u128(1);
        let zone = ZoneId::from_u128(2);
        for i in [
            Intent::from(FairCommand::CreateFair { fair_id: fair, details: xuhui_fair("徐汇区春季招聘会") }),
            FairCommand::PublishFair { fair_id: fair }.into(),
            FloorPlanCommand::SizeHall { fair_id: fair, width: 20, depth: 10 }.into(),
            FloorPlanCommand::AddZone { fair_id: fair, zone_id: zone, name: "A馆".into() }.into(),
            FloorPlanCommand::AddBooth {
                fair_id: fair,
                booth: NewBooth {
                    booth_id: BoothId::from_u128(3),
                    zone_id: zone,
                    code: "A-12".into(),
                    rect: crate::floor_plan::Rect { x: 0, y: 0, w: 3, h: 3 },
                    amenities: Default::default(),
                },
            }
            .into(),
            EnterpriseCommand::RegisterEnterprise {
                enterprise_id: EnterpriseId::from_u128(4),
                profile: sample_profile(),
            }
            .into(),
            BookingCommand::RequestBooth {
                booking_id: BookingId::from_u128(5),
                fair_id: fair,
                enterprise_id: EnterpriseId::from_u128(4),
                target: BoothTarget::Booth { booth_id: BoothId::from_u128(3) },
            }
            .into(),
        ] {
            e.execute(organizer_cmd(i), &mut ids).unwrap();
        }
        e
    }

    fn last_batch(e: &Engine) -> (u64, u64) {
        batch_of(e.log().entries(), e.log().last_seq()).unwrap()
    }

    #[test]
    fn undo_then_redo_an_approval() {
        let mut e = setup();
        e.execute(
            organizer_cmd(BookingCommand::ApproveBooking { booking_id: BookingId::from_u128(5) }),
            counter_ids(200),
        )
        .unwrap();
        let (first, last) = last_batch(&e);
        let undo_cmds = undo(&e, first, last, &organizer()).unwrap();
        assert_eq!(
            undo_cmds,
            vec![Intent::from(BookingCommand::RevokeApproval { booking_id: BookingId::from_u128(5) })]
        );
        e.prepare_all(undo_cmds.into_iter().map(organizer_cmd).collect(), counter_ids(300))
            .map(|s| e.commit(s).unwrap().len())
            .unwrap();
        assert!(matches!(
            e.state().bookings[&BookingId::from_u128(5)].status,
            crate::booking::BookingStatus::Requested { .. }
        ));
        // Redo is undoing the undo.
        let (first, last) = last_batch(&e);
        let redo = undo(&e, first, last, &organizer()).unwrap();
        assert_eq!(redo, vec![Intent::from(BookingCommand::ApproveBooking { booking_id: BookingId::from_u128(5) })]);
    }

    #[test]
    fn undo_walks_back_through_ones_own_steps_when_they_are_set_aside() {
        let mut e = setup();
        let fair = FairId::from_u128(1);
        let add = |id: u128, x: u16| {
            organizer_cmd(FloorPlanCommand::AddBooth {
                fair_id: fair,
                booth: NewBooth {
                    booth_id: BoothId::from_u128(id),
                    zone_id: ZoneId::from_u128(2),
                    code: format!("A-{id}"),
                    rect: crate::floor_plan::Rect { x, y: 5, w: 2, h: 2 },
                    amenities: Default::default(),
                },
            })
        };
        e.execute(add(40, 0), counter_ids(200)).unwrap();
        let first_step = last_batch(&e);
        e.execute(add(41, 4), counter_ids(300)).unwrap();
        let second_step = last_batch(&e);
        let undo_second = undo(&e, second_step.0, second_step.1, &organizer()).unwrap();
        e.prepare_all(undo_second.into_iter().map(organizer_cmd).collect(), counter_ids(400))
            .map(|s| e.commit(s).unwrap().len())
            .unwrap();
        let compensation = last_batch(&e);
        // Both later steps share the fair and the zone with the first: they count as changes ...
        assert!(matches!(undo(&e, first_step.0, first_step.1, &organizer()), Err(UndoError::BuiltOn { .. })));
        // ... unless they are the actor's own, already undone steps, set aside by the caller.
        let own = |seq: u64| (second_step.0..=compensation.1).contains(&seq);
        let back = undo_ignoring(&e, first_step.0, first_step.1, &organizer(), &own).unwrap();
        assert_eq!(back, vec![Intent::from(FloorPlanCommand::RemoveBooth { booth_id: BoothId::from_u128(40) })]);
    }

    #[test]
    fn an_undo_that_someone_built_on_says_who() {
        let mut e = setup();
        let fair = FairId::from_u128(1);
        let mut d = xuhui_fair("新名字");
        e.execute(
            organizer_cmd(FairCommand::EditFair { fair_id: fair, expected_version: 2, details: d.clone() }),
            counter_ids(200),
        )
        .unwrap();
        let (first, last) = last_batch(&e);
        d.capacity = Some(10);
        let colleague = Actor::organizer("李华");
        let version = e.state().fairs[&fair].version;
        e.execute(
            Command {
                actor: colleague,
                now: crate::testing::default_now(),
                intent: FairCommand::EditFair { fair_id: fair, expected_version: version, details: d }.into(),
            },
            counter_ids(300),
        )
        .unwrap();
        let err = undo(&e, first, last, &organizer()).unwrap_err();
        assert_eq!(err, UndoError::BuiltOn { seq: last + 1, by: "李华".into(), event: "FairEdited".into() });
    }

    #[test]
    fn only_your_own_changes() {
        let e = setup();
        let (first, last) = last_batch(&e);
        assert_eq!(undo(&e, first, last, &Actor::organizer("别人")), Err(UndoError::NotYours));
    }

    #[test]
    fn an_edit_undone_restores_the_old_details() {
        let mut e = setup();
        let fair = FairId::from_u128(1);
        let before = e.state().fairs[&fair].details.clone();
        e.execute(
            organizer_cmd(FairCommand::EditFair {
                fair_id: fair, expected_version: 2, details: xuhui_fair("新名字")
            }),
            counter_ids(200),
        )
        .unwrap();
        let (first, last) = last_batch(&e);
        let cmds = undo(&e, first, last, &organizer()).unwrap();
        for c in cmds {
            e.execute(organizer_cmd(c), counter_ids(400)).unwrap();
        }
        assert_eq!(e.state().fairs[&fair].details, before);
    }

    #[test]
    fn time_travel_gives_the_state_after_any_event() {
        // Given a log more than two checkpoint intervals long, and the state the engine kept
        // after each command as it went,
        let mut e = setup();
        let mut ids = counter_ids(10_000);
        let mut kept = vec![(e.log().last_seq(), e.state().clone())];
        let fair = FairId::from_u128(1);
        let mut n = 0u16;
        while e.log().last_seq() < 2 * crate::engine::CHECKPOINT_EVERY + 5 {
            n += 1;
            let width = 20 + n % 2;
            e.execute(organizer_cmd(FloorPlanCommand::SizeHall { fair_id: fair, width, depth: 10 }), &mut ids).unwrap();
            kept.push((e.log().last_seq(), e.state().clone()));
        }
        // when travelling back to each of those points, then the state is the one kept then
        // (reached from a checkpoint past the first thousand events, not by a replay from nothing).
        for (seq, state) in &kept {
            assert_eq!(&e.state_at(*seq), state, "at {seq}");
        }
    }
}
