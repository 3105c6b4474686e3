use std::collections::BTreeSet;

use super::*;
use crate::booking::BookingEvent;
use crate::fair::{FairEvent, Schedule};
use crate::host::{HostEvent, Platform, Window};
use crate::ids::BookingId;
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostDetails, PostEvent};
use crate::testing::{
    channel_added, enterprise_registered, given, given_on_two_devices, host_registered, t, xuhui_fair,
};
use crate::{Command, Event, Intent};

crate::numbered_ids! {
    host: HostId = 10,
    channel: ChannelId = 20,
    session: SessionId = 30,
    ent: EnterpriseId = 40,
    post: PostId = 50,
}
fn fair() -> FairId {
    FairId::from_u128(60)
}

fn as_host(h: HostId, intent: impl Into<Intent>) -> Command {
    Command {
        actor: Actor { role: Role::Host, name: "李明".into(), subject: Some(h.0), account: None },
        now: t("2026-03-01T09:00"),
        intent: intent.into(),
    }
}
fn as_ent(e: EnterpriseId, intent: impl Into<Intent>) -> Command {
    Command {
        actor: Actor { role: Role::Enterprise, name: "陈红".into(), subject: Some(e.0), account: None },
        now: t("2026-03-01T09:00"),
        intent: intent.into(),
    }
}

/// Two hosts, two channels, two enterprises with one open post each, the Xuhui fair of
/// 2026-03-14 09:00–16:00.
fn scene() -> Vec<Event> {
    let mut v: Vec<Event> = vec![HostEvent::StreamDomainAllowed { domain: "zhibo.shggzp.example".into() }.into()];
    for i in 0..2 {
        v.push(host_registered(host(i), i));
        v.push(channel_added(channel(i), i, Platform::PublicPlatform));
        v.push(enterprise_registered(ent(i), i));
        v.push(
            PostEvent::PostOpened {
                post_id: post(i),
                enterprise_id: ent(i),
                details: PostDetails {
                    title: "数控车床操作工".into(),
                    category: PostCategory::Production,
                    headcount: 5,
                    salary_min: 7000,
                    salary_max: 9000,
                    education: Education::Any,
                    experience: Experience::None,
                    district: District::Xuhui,
                    fairs: BTreeSet::new(),
                },
            }
            .into(),
        );
    }
    v.push(FairEvent::FairCreated { fair_id: fair(), details: xuhui_fair("徐汇区春季招聘会") }.into());
    v.push(FairEvent::FairPublished { fair_id: fair() }.into());
    v
}

fn plan(h: HostId, c: ChannelId, start: &str, minutes: u32) -> SessionPlan {
    SessionPlan { title: "局长直播带岗".into(), hosts: vec![h], channel: c, start: t(start), minutes, fair: None }
}

fn planned(id: SessionId, p: SessionPlan) -> Event {
    LivestreamEvent::SessionPlanned { session_id: id, plan: p }.into()
}
fn scheduled(id: SessionId) -> Event {
    LivestreamEvent::SessionScheduled { session_id: id }.into()
}
fn with(mut events: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
    events.extend(more);
    events
}
fn hard(k: ConflictKind) -> Conflict {
    let c: Conflict = k.into();
    assert!(c.is_hard());
    c
}
fn soft(k: ConflictKind) -> Conflict {
    let c: Conflict = k.into();
    assert!(!c.is_hard());
    c
}

/// Session 0: host 0 on channel 0, 2026-03-10 19:00–20:00, scheduled.
fn first_scheduled() -> Vec<Event> {
    with(scene(), [planned(session(0), plan(host(0), channel(0), "2026-03-10T19:00", 60)), scheduled(session(0))])
}

#[test]
fn a_host_plans_a_draft_for_a_session_they_host() {
    let p = plan(host(0), channel(0), "2026-03-10T19:00", 60);
    given(scene())
        .when_full(as_host(host(0), LivestreamCommand::PlanSession { session_id: session(0), plan: p.clone() }))
        .then([LivestreamEvent::SessionPlanned { session_id: session(0), plan: p }]);
}

#[test]
fn a_host_may_not_plan_a_session_for_another_host() {
    let p = plan(host(1), channel(0), "2026-03-10T19:00", 60);
    given(scene())
        .when_full(as_host(host(0), LivestreamCommand::PlanSession { session_id: session(0), plan: p }))
        .then_err(LivestreamError::NotYourSession);
}

#[test]
fn it_should_refuse_a_session_longer_than_the_maximum() {
    let p = plan(host(0), channel(0), "2026-03-10T19:00", MAX_SESSION_MINUTES + 1);
    given(scene())
        .when(LivestreamCommand::PlanSession { session_id: session(0), plan: p })
        .then_err(LivestreamError::DurationOutOfRange { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES });
}

#[test]
fn it_should_schedule_a_draft_without_conflicts() {
    given(with(scene(), [planned(session(0), plan(host(0), channel(0), "2026-03-10T19:00", 60))]))
        .when_full(as_host(host(0), LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] }))
        .then([LivestreamEvent::SessionScheduled { session_id: session(0) }]);
}

#[test]
fn it_should_refuse_to_schedule_a_host_in_two_sessions_at_once() {
    let second = plan(host(0), channel(1), "2026-03-10T19:30", 60);
    given(with(first_scheduled(), [planned(session(1), second)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .then_err(LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::HostDoubleBooked { host: host(0), other: session(0) })],
        });
}

#[test]
fn it_should_refuse_a_channel_used_twice_at_once() {
    let second = plan(host(1), channel(0), "2026-03-10T18:30", 60);
    given(with(first_scheduled(), [planned(session(1), second)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .then_err(LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::ChannelDoubleBooked { channel: channel(0), other: session(0) })],
        });
}

#[test]
fn sessions_that_only_touch_do_not_overlap() {
    let second = plan(host(1), channel(0), "2026-03-10T20:00", 60);
    given(with(first_scheduled(), [planned(session(1), second)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .then([LivestreamEvent::SessionScheduled { session_id: session(1) }]);
}

#[test]
fn a_short_break_between_a_hosts_sessions_warns_and_needs_acceptance() {
    let second = plan(host(0), channel(1), "2026-03-10T20:10", 60);
    let warning = soft(ConflictKind::HostBackToBack { host: host(0), other: session(0), gap_minutes: 10 });
    let g = || given(with(first_scheduled(), [planned(session(1), second.clone())]));
    g().when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .then_err(LivestreamError::SoftConflictsNotAccepted { conflicts: vec![warning.clone()] });
    g().when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![warning.clone()] }).then([
        LivestreamEvent::SessionScheduled { session_id: session(1) },
        LivestreamEvent::SoftConflictsAccepted { session_id: session(1), conflicts: vec![warning] },
    ]);
}

#[test]
fn accepting_a_different_warning_does_not_count() {
    let second = plan(host(0), channel(1), "2026-03-10T20:10", 60);
    let other = soft(ConflictKind::HostBackToBack { host: host(0), other: session(0), gap_minutes: 20 });
    given(with(first_scheduled(), [planned(session(1), second)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![other] })
        .then_err(LivestreamError::SoftConflictsNotAccepted {
            conflicts: vec![soft(ConflictKind::HostBackToBack { host: host(0), other: session(0), gap_minutes: 10 })],
        });
}

#[test]
fn it_should_refuse_a_session_outside_the_hosts_availability() {
    let windows = vec![Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") }];
    given(with(
        scene(),
        [
            HostEvent::AvailabilitySet { host_id: host(0), windows }.into(),
            planned(session(0), plan(host(0), channel(0), "2026-03-10T11:30", 60)),
        ],
    ))
    .when(LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] })
    .then_err(LivestreamError::HardConflicts {
        conflicts: vec![hard(ConflictKind::HostUnavailable { host: host(0) })],
    });
}

#[test]
fn availability_that_would_strand_a_scheduled_session_is_refused() {
    let windows = vec![Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") }];
    given(first_scheduled())
        .when(crate::host::HostCommand::SetAvailability { host_id: host(0), windows })
        .then_err(crate::host::HostError::StrandsSession { title: "局长直播带岗".into() });
}

#[test]
fn a_session_linked_to_a_fair_outside_its_dates_warns() {
    let mut p = plan(host(0), channel(0), "2026-03-15T19:00", 60);
    p.fair = Some(fair());
    let w = soft(ConflictKind::OutsideFairDates { fair: fair() });
    given(with(scene(), [planned(session(0), p)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] })
        .then_err(LivestreamError::SoftConflictsNotAccepted { conflicts: vec![w] });
}

#[test]
fn a_session_on_the_evening_of_the_fair_day_is_within_its_dates() {
    let mut p = plan(host(0), channel(0), "2026-03-14T19:00", 60);
    p.fair = Some(fair());
    given(with(scene(), [planned(session(0), p)]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] })
        .then([LivestreamEvent::SessionScheduled { session_id: session(0) }]);
}

/// A line-up entry in a test, named part by part:
/// `featuring(0).starting_at_minute(10).for_minutes(20).invite_to(session(0))` invites enterprise 0,
/// with its post, into minutes 10–30 of session 0; `.invited_to(..)` is the event.
#[derive(Clone, Copy)]
struct TestFeature {
    enterprise: u128,
    slot: Slot,
}

fn featuring(e: u128) -> TestFeature {
    TestFeature { enterprise: e, slot: Slot { offset_minutes: 0, minutes: 0 } }
}

impl TestFeature {
    fn starting_at_minute(self, offset_minutes: u32) -> Self {
        TestFeature { slot: Slot { offset_minutes, ..self.slot }, ..self }
    }
    fn for_minutes(self, minutes: u32) -> Self {
        TestFeature { slot: Slot { minutes, ..self.slot }, ..self }
    }
    fn invite_to(self, s: SessionId) -> LivestreamCommand {
        LivestreamCommand::InviteEnterprise {
            session_id: s,
            enterprise_id: ent(self.enterprise),
            posts: vec![post(self.enterprise)],
            slot: self.slot,
            accept: vec![],
        }
    }
    fn invited_to(self, s: SessionId) -> Event {
        LivestreamEvent::EnterpriseInvited {
            session_id: s,
            enterprise_id: ent(self.enterprise),
            posts: vec![post(self.enterprise)],
            slot: self.slot,
        }
        .into()
    }
}

#[test]
fn a_host_invites_an_enterprise_with_its_posts() {
    let feature = featuring(0).starting_at_minute(10).for_minutes(20);
    given(first_scheduled())
        .when_full(as_host(host(0), feature.invite_to(session(0))))
        .then([feature.invited_to(session(0))]);
}

#[test]
fn only_the_enterprises_own_open_posts_can_be_featured() {
    let cmd = LivestreamCommand::InviteEnterprise {
        session_id: session(0),
        enterprise_id: ent(0),
        posts: vec![post(1)],
        slot: Slot { offset_minutes: 0, minutes: 20 },
        accept: vec![],
    };
    given(first_scheduled()).when(cmd).then_err(LivestreamError::PostNotOpen { post: post(1) });
}

#[test]
fn slots_of_one_line_up_do_not_overlap() {
    given(with(first_scheduled(), [featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(0))]))
        .when(featuring(1).starting_at_minute(20).for_minutes(20).invite_to(session(0)))
        .then_err(LivestreamError::SlotsOverlap { other: ent(0) });
}

#[test]
fn a_slot_that_overflows_a_scheduled_session_is_refused() {
    given(first_scheduled()).when(featuring(0).starting_at_minute(50).for_minutes(20).invite_to(session(0))).then_err(
        LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::LineupOverflow { enterprise: ent(0), overflow_minutes: 10 })],
        },
    );
}

#[test]
fn shortening_a_session_below_its_line_up_is_refused() {
    given(with(first_scheduled(), [featuring(0).starting_at_minute(30).for_minutes(30).invited_to(session(0))]))
        .when(LivestreamCommand::MoveSession {
            session_id: session(0),
            start: t("2026-03-10T19:00"),
            minutes: 45,
            accept: vec![],
        })
        .then_err(LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::LineupOverflow { enterprise: ent(0), overflow_minutes: 15 })],
        });
}

#[test]
fn a_draft_may_overflow_but_cannot_be_scheduled_so() {
    let draft = with(scene(), [planned(session(0), plan(host(0), channel(0), "2026-03-10T19:00", 60))]);
    given(draft.clone())
        .when(featuring(0).starting_at_minute(50).for_minutes(20).invite_to(session(0)))
        .then([featuring(0).starting_at_minute(50).for_minutes(20).invited_to(session(0))]);
    given(with(draft, [featuring(0).starting_at_minute(50).for_minutes(20).invited_to(session(0))]))
        .when(LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] })
        .then_err(LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::LineupOverflow { enterprise: ent(0), overflow_minutes: 10 })],
        });
}

#[test]
fn an_enterprise_cannot_be_featured_in_two_sessions_at_once() {
    // Session 1 on another host and channel, its slot 19:40–20:00 meets ent 0's 19:10–19:50.
    let events = with(
        first_scheduled(),
        [
            featuring(0).starting_at_minute(10).for_minutes(40).invited_to(session(0)),
            planned(session(1), plan(host(1), channel(1), "2026-03-10T19:30", 60)),
            scheduled(session(1)),
        ],
    );
    given(events).when(featuring(0).starting_at_minute(10).for_minutes(20).invite_to(session(1))).then_err(
        LivestreamError::HardConflicts {
            conflicts: vec![hard(ConflictKind::EnterpriseDoubleBooked { enterprise: ent(0), other: session(0) })],
        },
    );
}

#[test]
fn an_enterprise_in_two_sessions_at_different_slots_is_fine() {
    let events = with(
        first_scheduled(),
        [
            featuring(0).starting_at_minute(0).for_minutes(20).invited_to(session(0)),
            planned(session(1), plan(host(1), channel(1), "2026-03-10T19:00", 60)),
            scheduled(session(1)),
        ],
    );
    given(events)
        .when(featuring(0).starting_at_minute(30).for_minutes(20).invite_to(session(1)))
        .then([featuring(0).starting_at_minute(30).for_minutes(20).invited_to(session(1))]);
}

#[test]
fn a_declined_invitation_frees_the_enterprise() {
    let events = with(
        first_scheduled(),
        [
            featuring(0).starting_at_minute(10).for_minutes(40).invited_to(session(0)),
            LivestreamEvent::InvitationDeclined {
                session_id: session(0),
                enterprise_id: ent(0),
                reason: "没空".into(),
            }
            .into(),
            planned(session(1), plan(host(1), channel(1), "2026-03-10T19:30", 60)),
            scheduled(session(1)),
        ],
    );
    given(events)
        .when(featuring(0).starting_at_minute(10).for_minutes(20).invite_to(session(1)))
        .then([featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(1))]);
}

#[test]
fn featuring_an_enterprise_during_its_booth_hours_warns() {
    // Enterprise 0 has a booth request at the fair (09:00–16:00 on 2026-03-14).
    let booking: Event = BookingEvent::BoothRequested {
        booking_id: BookingId::from_u128(90),
        fair_id: fair(),
        enterprise_id: ent(0),
        booth_id: None,
        zone_id: None,
        hold_until: t("2026-03-20T09:00"),
    }
    .into();
    let events = with(
        scene(),
        [
            booking,
            planned(
                session(0),
                SessionPlan { fair: Some(fair()), ..plan(host(0), channel(0), "2026-03-14T15:00", 90) },
            ),
            scheduled(session(0)),
        ],
    );
    let w = soft(ConflictKind::EnterpriseAtBooth { enterprise: ent(0), fair: fair() });
    given(events.clone())
        .when(featuring(0).starting_at_minute(30).for_minutes(30).invite_to(session(0)))
        .then_err(LivestreamError::SoftConflictsNotAccepted { conflicts: vec![w.clone()] });
    // Its slot after closing time (16:05) is fine.
    given(events)
        .when(featuring(0).starting_at_minute(65).for_minutes(20).invite_to(session(0)))
        .then([featuring(0).starting_at_minute(65).for_minutes(20).invited_to(session(0))]);
}

#[test]
fn booth_hours_of_a_multi_day_fair_are_daily() {
    let mut details = xuhui_fair("三天的招聘会");
    details.schedule = Some(Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-16T16:00") });
    let state = given([FairEvent::FairCreated { fair_id: fair(), details }]).state().clone();
    let hours = conflict::booth_hours(&state, fair());
    assert_eq!(hours.len(), 3);
    assert_eq!(hours[1], (t("2026-03-15T09:00"), t("2026-03-15T16:00")));
}

#[test]
fn moving_a_scheduled_session_onto_another_is_refused_and_elsewhere_accepted() {
    let events = with(
        first_scheduled(),
        [planned(session(1), plan(host(0), channel(1), "2026-03-11T19:00", 60)), scheduled(session(1))],
    );
    let mv = |start: &str| LivestreamCommand::MoveSession {
        session_id: session(1),
        start: t(start),
        minutes: 60,
        accept: vec![],
    };
    given(events.clone()).when(mv("2026-03-10T19:15")).then_err(LivestreamError::HardConflicts {
        conflicts: vec![hard(ConflictKind::HostDoubleBooked { host: host(0), other: session(0) })],
    });
    given(events).when(mv("2026-03-12T10:00")).then([LivestreamEvent::SessionMoved {
        session_id: session(1),
        start: t("2026-03-12T10:00"),
        minutes: 60,
    }]);
}

#[test]
fn a_scheduled_session_cannot_be_moved_into_the_past() {
    given(first_scheduled())
        .when_at(
            t("2026-03-05T09:00"),
            LivestreamCommand::MoveSession {
                session_id: session(0),
                start: t("2026-03-04T19:00"),
                minutes: 60,
                accept: vec![],
            },
        )
        .then_err(LivestreamError::StartsInPast);
}

#[test]
fn the_invited_enterprise_accepts_in_its_own_role() {
    let events = with(first_scheduled(), [featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(0))]);
    given(events.clone())
        .when_full(as_ent(
            ent(0),
            LivestreamCommand::AcceptInvitation { session_id: session(0), enterprise_id: ent(0) },
        ))
        .then([LivestreamEvent::InvitationAccepted { session_id: session(0), enterprise_id: ent(0) }]);
    given(events.clone())
        .when_full(as_ent(
            ent(1),
            LivestreamCommand::AcceptInvitation { session_id: session(0), enterprise_id: ent(0) },
        ))
        .then_err(LivestreamError::NotYourInvitation);
    given(events)
        .when_full(as_ent(ent(0), featuring(0).starting_at_minute(30).for_minutes(20).invite_to(session(0))))
        .then_err(DomainError::Forbidden { role: Role::Enterprise, command: "InviteEnterprise".into() });
}

#[test]
fn an_enterprise_declines_with_a_reason() {
    let events = with(first_scheduled(), [featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(0))]);
    let decline = |r: &str| LivestreamCommand::DeclineInvitation {
        session_id: session(0),
        enterprise_id: ent(0),
        reason: r.into(),
    };
    given(events.clone()).when_full(as_ent(ent(0), decline(" "))).then_err(LivestreamError::ReasonRequired);
    given(events).when_full(as_ent(ent(0), decline(" 当天在外地招聘 "))).then([LivestreamEvent::InvitationDeclined {
        session_id: session(0),
        enterprise_id: ent(0),
        reason: "当天在外地招聘".into(),
    }]);
}

#[test]
fn a_session_goes_live_near_its_start_and_ends_with_outcomes() {
    let events = with(first_scheduled(), [featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(0))]);
    given(events.clone())
        .when_at(t("2026-03-10T18:00"), LivestreamCommand::StartSession { session_id: session(0) })
        .then_err(LivestreamError::TooEarlyToStart { minutes: EARLY_START_MINUTES });
    given(events.clone())
        .when_at(t("2026-03-10T18:45"), LivestreamCommand::StartSession { session_id: session(0) })
        .then([LivestreamEvent::SessionStarted { session_id: session(0) }]);
    let live = with(events, [LivestreamEvent::SessionStarted { session_id: session(0) }.into()]);
    let outcome = Outcome { peak_viewers: 5200, applications: [(ent(0), 37)].into() };
    given(live.clone())
        .when(LivestreamCommand::EndSession { session_id: session(0), outcome: outcome.clone() })
        .then([LivestreamEvent::SessionEnded { session_id: session(0), outcome }]);
    let stranger = Outcome { peak_viewers: 1, applications: [(ent(1), 3)].into() };
    given(live)
        .when(LivestreamCommand::EndSession { session_id: session(0), outcome: stranger })
        .then_err(LivestreamError::OutcomeForUnknownEnterprise { enterprise: ent(1) });
}

#[test]
fn a_draft_cannot_go_live_and_an_ended_session_cannot_be_cancelled() {
    given(with(scene(), [planned(session(0), plan(host(0), channel(0), "2026-03-10T19:00", 60))]))
        .when_at(t("2026-03-10T19:00"), LivestreamCommand::StartSession { session_id: session(0) })
        .then_err(LivestreamError::InvalidTransition { status: "draft".into(), action: "go live".into() });
    let ended = with(
        first_scheduled(),
        [
            LivestreamEvent::SessionStarted { session_id: session(0) }.into(),
            LivestreamEvent::SessionEnded {
                session_id: session(0),
                outcome: Outcome { peak_viewers: 0, applications: Default::default() },
            }
            .into(),
        ],
    );
    given(ended)
        .when(LivestreamCommand::CancelSession { session_id: session(0), reason: "x".into() })
        .then_err(LivestreamError::InvalidTransition { status: "ended".into(), action: "be cancelled".into() });
}

#[test]
fn a_cancelled_session_frees_its_host_and_channel() {
    let events = with(
        first_scheduled(),
        [
            LivestreamEvent::SessionCancelled { session_id: session(0), reason: "设备检修".into() }.into(),
            planned(session(1), plan(host(0), channel(0), "2026-03-10T19:00", 60)),
        ],
    );
    given(events)
        .when(LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .then([LivestreamEvent::SessionScheduled { session_id: session(1) }]);
}

#[test]
fn the_index_follows_moves_and_line_up_changes() {
    let events = with(
        first_scheduled(),
        [
            featuring(0).starting_at_minute(10).for_minutes(20).invited_to(session(0)),
            LivestreamEvent::SessionMoved { session_id: session(0), start: t("2026-03-11T09:00"), minutes: 60 }.into(),
        ],
    );
    let state = given(events).state().clone();
    let keys: Vec<_> = state.live_index.busy.keys().map(|(l, s, id)| (*l, *s, *id)).collect();
    assert_eq!(
        keys,
        vec![
            (conflict::Lane::Host(host(0)), t("2026-03-11T09:00"), session(0)),
            (conflict::Lane::Channel(channel(0)), t("2026-03-11T09:00"), session(0)),
            (conflict::Lane::Enterprise(ent(0)), t("2026-03-11T09:10"), session(0)),
        ]
    );
    assert_eq!(sessions_overlapping(&state, t("2026-03-11T09:30"), t("2026-03-11T10:00")).count(), 1);
    assert_eq!(sessions_overlapping(&state, t("2026-03-11T10:00"), t("2026-03-11T11:00")).count(), 0);
}

#[test]
fn error_codes_are_stable() {
    let e: DomainError = LivestreamError::HardConflicts { conflicts: vec![] }.into();
    assert_eq!(e.code(), "livestream.hard_conflicts");
    let c: Conflict = ConflictKind::HostBackToBack { host: host(0), other: session(0), gap_minutes: 5 }.into();
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["kind"]["host_back_to_back"]["gap_minutes"], 5);
    assert_eq!(json["severity"], "soft");
    assert_eq!(serde_json::from_value::<Conflict>(json).unwrap(), c);
}

// ---------------------------------------------------------------------------------------------
// Merging two devices' logs: the merged schedule has no hard conflict either.

fn edit(id: SessionId, p: SessionPlan) -> LivestreamCommand {
    LivestreamCommand::EditSession { session_id: id, plan: p, accept: vec![] }
}

/// Session X (1): host 0 on channel 0, 2026-03-10 10:00–11:00, a draft. Session Y (2): host 0
/// on channel 1, 14:00–15:00 the same day, scheduled.
fn x_draft_y_scheduled() -> Vec<Event> {
    with(
        scene(),
        [
            planned(session(1), plan(host(0), channel(0), "2026-03-10T10:00", 60)),
            planned(session(2), plan(host(0), channel(1), "2026-03-10T14:00", 60)),
            scheduled(session(2)),
        ],
    )
}

#[test]
fn a_session_edited_onto_its_hosts_session_scheduled_on_the_other_device_is_a_merge_conflict() {
    let y_at_10_30 = plan(host(0), channel(1), "2026-03-10T10:30", 60);
    let double_booked = LivestreamError::HardConflicts {
        conflicts: vec![hard(ConflictKind::HostDoubleBooked { host: host(0), other: session(1) })],
    };
    // Device A schedules X at 10:00; device B, where X is still a draft, moves Y to 10:30 by an
    // edit. Each is fine on its own device.
    let merged = given_on_two_devices(x_draft_y_scheduled())
        .on_a(t("2026-03-01T09:10"), LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .on_b(t("2026-03-01T09:20"), edit(session(2), y_at_10_30.clone()))
        .when_merged()
        // A's earlier command wins; B's edit is kept, whole, in the merge's conflict list with the
        // rule it broke: the one the command itself breaks on the merged schedule.
        .then_conflicts([(
            vec![LivestreamEvent::SessionEdited { session_id: session(2), plan: y_at_10_30.clone() }.into()],
            double_booked.clone().into(),
        )]);
    let s = merged.state();
    assert_eq!(s.live_sessions[&session(1)].status, SessionStatus::Scheduled);
    assert_eq!(s.live_sessions[&session(2)].plan.start, t("2026-03-10T14:00"), "Y stays where it was");
    given(with(x_draft_y_scheduled(), [scheduled(session(1))]))
        .when(edit(session(2), y_at_10_30))
        .then_err(double_booked);
}

#[test]
fn an_edit_that_keeps_clear_of_the_other_devices_schedule_merges_with_a_warning_only() {
    // Y edited to 11:10 on B: ten minutes after X ends on A's schedule, a soft back-to-back
    // warning B never saw. Warnings do not block a merge.
    let y_at_11_10 = plan(host(0), channel(1), "2026-03-10T11:10", 60);
    let merged = given_on_two_devices(x_draft_y_scheduled())
        .on_a(t("2026-03-01T09:10"), LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .on_b(t("2026-03-01T09:20"), edit(session(2), y_at_11_10))
        .when_merged()
        .then_no_conflicts();
    assert_eq!(merged.state().live_sessions[&session(2)].plan.start, t("2026-03-10T11:10"));
}

#[test]
fn a_featured_enterprise_put_in_two_sessions_at_once_on_two_devices_is_a_merge_conflict() {
    // X (1) on host 0 and Y (2) on host 1, both scheduled 2026-03-10 10:00–11:00; enterprise 0
    // is featured in Y from 10:30.
    let shared = with(
        scene(),
        [
            planned(session(1), plan(host(0), channel(0), "2026-03-10T10:00", 60)),
            scheduled(session(1)),
            planned(session(2), plan(host(1), channel(1), "2026-03-10T10:00", 60)),
            scheduled(session(2)),
            featuring(0).starting_at_minute(30).for_minutes(20).invited_to(session(2)),
        ],
    );
    let double_booked = |other| LivestreamError::HardConflicts {
        conflicts: vec![hard(ConflictKind::EnterpriseDoubleBooked { enterprise: ent(0), other })],
    };
    let change = LivestreamCommand::ChangeFeature {
        session_id: session(2),
        enterprise_id: ent(0),
        posts: vec![post(0)],
        slot: Slot { offset_minutes: 10, minutes: 20 },
        accept: vec![],
    };
    let changed: Event = LivestreamEvent::FeatureChanged {
        session_id: session(2),
        enterprise_id: ent(0),
        posts: vec![post(0)],
        slot: Slot { offset_minutes: 10, minutes: 20 },
    }
    .into();
    // A features enterprise 0 in X 10:00–10:20; B moves its slot in Y to 10:10–10:30.
    given_on_two_devices(shared.clone())
        .on_a(t("2026-03-01T09:10"), featuring(0).starting_at_minute(0).for_minutes(20).invite_to(session(1)))
        .on_b(t("2026-03-01T09:20"), change.clone())
        .when_merged()
        .then_conflicts([(vec![changed], double_booked(session(1)).into())]);
    // The other way round: B's slot change first, then A's invitation is the one kept out.
    given_on_two_devices(shared.clone())
        .on_a(t("2026-03-01T09:20"), featuring(0).starting_at_minute(0).for_minutes(20).invite_to(session(1)))
        .on_b(t("2026-03-01T09:10"), change.clone())
        .when_merged()
        .then_conflicts([(
            vec![featuring(0).starting_at_minute(0).for_minutes(20).invited_to(session(1))],
            double_booked(session(2)).into(),
        )]);
    // Exactly what the commands say on the merged schedule.
    given(with(shared.clone(), [featuring(0).starting_at_minute(0).for_minutes(20).invited_to(session(1))]))
        .when(change)
        .then_err(double_booked(session(1)));
}

#[test]
fn a_live_session_edited_onto_its_hosts_other_session_on_the_other_device_is_a_merge_conflict() {
    // X (1) is scheduled 10:00–11:00 and Y (2) is a draft at 14:00, both on host 0. Device A
    // schedules Y and, at 09:45, starts X; device B, where X is not live yet and Y is still a
    // draft, edits X to 14:30 at 09:50.
    let shared = with(
        scene(),
        [
            planned(session(1), plan(host(0), channel(0), "2026-03-10T10:00", 60)),
            scheduled(session(1)),
            planned(session(2), plan(host(0), channel(1), "2026-03-10T14:00", 60)),
        ],
    );
    let x_at_14_30 = plan(host(0), channel(0), "2026-03-10T14:30", 60);
    let merged = given_on_two_devices(shared)
        .on_a(t("2026-03-10T09:40"), LivestreamCommand::ScheduleSession { session_id: session(2), accept: vec![] })
        .on_a(t("2026-03-10T09:45"), LivestreamCommand::StartSession { session_id: session(1) })
        .on_b(t("2026-03-10T09:50"), edit(session(1), x_at_14_30.clone()))
        .when_merged()
        .then_conflicts([(
            vec![LivestreamEvent::SessionEdited { session_id: session(1), plan: x_at_14_30 }.into()],
            LivestreamError::HardConflicts {
                conflicts: vec![hard(ConflictKind::HostDoubleBooked { host: host(0), other: session(2) })],
            }
            .into(),
        )]);
    assert_eq!(merged.state().live_sessions[&session(1)].status, SessionStatus::Live);
    assert_eq!(merged.state().live_sessions[&session(1)].plan.start, t("2026-03-10T10:00"));
}

#[test]
fn a_draft_whose_scheduling_the_merge_kept_out_does_not_go_live() {
    // Device A schedules X (1) at 10:00 and starts it; device B schedules Y (2), same host and
    // time, earlier. The merge keeps out A's scheduling, and so its start.
    let shared = with(
        scene(),
        [
            planned(session(1), plan(host(0), channel(0), "2026-03-10T10:00", 60)),
            planned(session(2), plan(host(0), channel(1), "2026-03-10T10:00", 60)),
        ],
    );
    let merged = given_on_two_devices(shared)
        .on_a(t("2026-03-10T09:40"), LivestreamCommand::ScheduleSession { session_id: session(1), accept: vec![] })
        .on_a(t("2026-03-10T09:45"), LivestreamCommand::StartSession { session_id: session(1) })
        .on_b(t("2026-03-10T09:30"), LivestreamCommand::ScheduleSession { session_id: session(2), accept: vec![] })
        .when_merged()
        .then_conflicts([
            (
                vec![scheduled(session(1))],
                LivestreamError::HardConflicts {
                    conflicts: vec![hard(ConflictKind::HostDoubleBooked { host: host(0), other: session(2) })],
                }
                .into(),
            ),
            (
                vec![LivestreamEvent::SessionStarted { session_id: session(1) }.into()],
                LivestreamError::InvalidTransition { status: "draft".into(), action: "go live".into() }.into(),
            ),
        ]);
    assert_eq!(merged.state().live_sessions[&session(1)].status, SessionStatus::Draft);
}

#[test]
fn availability_set_on_one_device_that_strands_a_session_scheduled_on_the_other_is_a_merge_conflict() {
    let windows = vec![Window { start: t("2026-03-10T09:00"), end: t("2026-03-10T12:00") }];
    let set = crate::host::HostCommand::SetAvailability { host_id: host(0), windows: windows.clone() };
    // B schedules session 0 (19:00–20:00) first; A then limits host 0 to the morning.
    given_on_two_devices(with(scene(), [planned(session(0), plan(host(0), channel(0), "2026-03-10T19:00", 60))]))
        .on_b(t("2026-03-01T09:10"), LivestreamCommand::ScheduleSession { session_id: session(0), accept: vec![] })
        .on_a(t("2026-03-01T09:20"), set.clone())
        .when_merged()
        .then_conflicts([(
            vec![HostEvent::AvailabilitySet { host_id: host(0), windows }.into()],
            crate::host::HostError::StrandsSession { title: "局长直播带岗".into() }.into(),
        )]);
}

#[test]
fn two_enterprises_put_in_overlapping_slots_of_one_line_up_on_two_devices_is_a_merge_conflict() {
    given_on_two_devices(first_scheduled())
        .on_a(t("2026-03-01T09:10"), featuring(0).starting_at_minute(10).for_minutes(20).invite_to(session(0)))
        .on_b(t("2026-03-01T09:20"), featuring(1).starting_at_minute(20).for_minutes(20).invite_to(session(0)))
        .when_merged()
        .then_conflicts([(
            vec![featuring(1).starting_at_minute(20).for_minutes(20).invited_to(session(0))],
            LivestreamError::SlotsOverlap { other: ent(0) }.into(),
        )]);
}

// Regressions: states only a hostile log builds (found by the property test over arbitrary
// events, `tests/totality.rs`).

#[test]
fn a_session_at_the_end_of_the_calendar_neither_panics_evolve_nor_decide() {
    // Given a session planned (unjudged) to start at the last instant chrono can hold
    let edge = SessionPlan { start: DateTime::<Utc>::MAX_UTC, ..plan(host(0), channel(0), "2026-03-14T10:00", 90) };
    let mut events = scene();
    events.push(LivestreamEvent::SessionPlanned { session_id: session(9), plan: edge.clone() }.into());
    events.push(LivestreamEvent::SessionScheduled { session_id: session(9) }.into());
    // When the host plans another session on the same channel, then it is decided (no overflow)
    given(events)
        .when_full(as_host(
            host(0),
            LivestreamCommand::PlanSession {
                session_id: session(1),
                plan: plan(host(0), channel(0), "2026-03-14T10:00", 60),
            },
        ))
        .then([LivestreamEvent::SessionPlanned {
            session_id: session(1),
            plan: plan(host(0), channel(0), "2026-03-14T10:00", 60),
        }]);
    // ... and its end is held at the end of the calendar
    assert_eq!(edge.end(), DateTime::<Utc>::MAX_UTC);
}
