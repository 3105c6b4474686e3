//! Properties of livestream scheduling (proptest):
//!
//! * no accepted command sequence leaves a hard conflict among scheduled and live sessions;
//! * the indexed conflict check agrees with a brute-force checker that compares every pair of
//!   sessions, on random schedules and random moves;
//! * the interval indexes always equal what the sessions say, and replaying the log gives the
//!   state built step by step;
//! * merging two devices' logs that diverged from a common prefix leaves no hard conflict either
//!   (the merge keeps out the commands that would make one), whichever device merges.
//!
//! Commands come from small pools (3 hosts, 3 channels, 3 enterprises, 8 sessions, two days at
//! 15-minute steps) so that they collide; steps may accept whatever warnings the domain reports.
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use fairlog_domain::booking::BookingEvent;
use fairlog_domain::fair::{FairDetails, FairEvent, FairMode};
use fairlog_domain::floor_plan::FloorPlanEvent;
use fairlog_domain::host::{HostCommand, HostEvent, Platform, Window};
use fairlog_domain::ids::*;
use fairlog_domain::livestream::conflict::{booth_hours, fair_dates, Lane, BACK_TO_BACK_MINUTES};
use fairlog_domain::livestream::{
    conflicts, conflicts_if_moved, Conflict, ConflictKind, Featured, LiveSession, LivestreamCommand, LivestreamError,
    Outcome, SessionPlan, SessionStatus, Slot,
};
use fairlog_domain::place::District;
use fairlog_domain::post::{Education, Experience, PostCategory, PostDetails, PostEvent};
use fairlog_domain::testing::{channel_added, enterprise_registered, host_registered, t, xuhui_fair};
use fairlog_domain::{
    codec, decide, evolve, Actor, Command, DomainError, Engine, Event, EventEnvelope, Intent, NewEvent, Role, State,
};
use proptest::prelude::*;
use uuid::Uuid;

const HOSTS: u128 = 3;
const CHANNELS: u128 = 3;
const ENTS: u128 = 3;
const SESSIONS: u128 = 8;

fairlog_domain::numbered_ids! {
    host: HostId = 10,
    channel: ChannelId = 20,
    ent: EnterpriseId = 30,
    post: PostId = 40,
    session: SessionId = 50,
}
fn fair() -> FairId {
    FairId::from_u128(60)
}
fn base() -> DateTime<Utc> {
    t("2026-03-14T06:00")
}

fn envelope(seq: u64, now: DateTime<Utc>, actor: &Actor, event: Event) -> EventEnvelope {
    EventEnvelope {
        id: Uuid::from_u128(1_000_000 + seq as u128),
        seq,
        recorded_at: now,
        actor: actor.clone(),
        schema: fairlog_domain::SCHEMA_VERSION,
        prev: String::new(),
        cmd: None,
        event,
        redacted: None,
    }
}

/// Hosts, channels, enterprises with one open post each, the fair of 2026-03-14 09:00–16:00 and
/// a booth request there by enterprise 0.
fn prelude() -> Vec<Event> {
    let mut v: Vec<Event> = vec![HostEvent::StreamDomainAllowed { domain: "zhibo.shggzp.example".into() }.into()];
    v.extend((0..HOSTS).map(|i| host_registered(host(i), i)));
    v.extend((0..CHANNELS).map(|i| channel_added(channel(i), i, Platform::Douyin)));
    for i in 0..ENTS {
        v.push(enterprise_registered(ent(i), i));
        v.push(
            PostEvent::PostOpened {
                post_id: post(i),
                enterprise_id: ent(i),
                details: PostDetails {
                    title: "普工".into(),
                    category: PostCategory::Production,
                    headcount: 3,
                    salary_min: 6000,
                    salary_max: 7000,
                    education: Education::Any,
                    experience: Experience::None,
                    district: District::Xuhui,
                    fairs: BTreeSet::new(),
                },
            }
            .into(),
        );
    }
    // A hybrid fair with virtual booths, so that the virtual booth booked below is one the
    // domain could have booked (restore and import judge every event).
    let details = FairDetails { mode: FairMode::Hybrid, ..xuhui_fair("徐汇区春季招聘会") };
    v.push(FairEvent::FairCreated { fair_id: fair(), details }.into());
    v.push(FairEvent::FairPublished { fair_id: fair() }.into());
    v.push(FloorPlanEvent::VirtualBoothsSet { fair_id: fair(), count: 5 }.into());
    v.push(
        BookingEvent::BoothRequested {
            booking_id: BookingId::from_u128(70),
            fair_id: fair(),
            enterprise_id: ent(0),
            booth_id: None,
            zone_id: None,
            hold_until: t("2026-03-30T09:00"),
        }
        .into(),
    );
    v
}

fn prelude_state() -> State {
    let org = Actor::organizer("王敏");
    State::replay(
        prelude()
            .into_iter()
            .enumerate()
            .map(|(i, e)| envelope(i as u64 + 1, base(), &org, e))
            .collect::<Vec<_>>()
            .iter(),
    )
}

/// Who sends a step.
#[derive(Debug, Clone, Copy)]
enum Who {
    Organizer,
    Host(u128),
    Enterprise(u128),
}

fn actor(w: Who) -> Actor {
    match w {
        Who::Organizer => Actor::organizer("王敏"),
        Who::Host(i) => Actor { role: Role::Host, name: "主播".into(), subject: Some(host(i).0), account: None },
        Who::Enterprise(i) => {
            Actor { role: Role::Enterprise, name: "陈红".into(), subject: Some(ent(i).0), account: None }
        }
    }
}

fn arb_who() -> impl Strategy<Value = Who> {
    prop_oneof![
        4 => Just(Who::Organizer),
        2 => (0..HOSTS).prop_map(Who::Host),
        1 => (0..ENTS).prop_map(Who::Enterprise),
    ]
}

/// A time within two days from 06:00 on the fair's day, at 15-minute steps.
fn arb_start() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..(48 * 4)).prop_map(|q| base() + Duration::minutes(15 * q))
}

fn arb_minutes() -> impl Strategy<Value = u32> {
    (1u32..=16).prop_map(|q| q * 15)
}

fn arb_plan() -> impl Strategy<Value = SessionPlan> {
    (prop::collection::btree_set(0..HOSTS, 1..=2), 0..CHANNELS, arb_start(), arb_minutes(), prop::bool::weighted(0.4))
        .prop_map(|(hosts, c, start, minutes, linked)| SessionPlan {
            title: "直播带岗".into(),
            hosts: hosts.into_iter().map(host).collect(),
            channel: channel(c),
            start,
            minutes,
            fair: linked.then(fair),
        })
}

fn arb_slot() -> impl Strategy<Value = Slot> {
    ((0u32..48).prop_map(|q| q * 5), (1u32..=12).prop_map(|q| q * 5))
        .prop_map(|(offset_minutes, minutes)| Slot { offset_minutes, minutes })
}

fn arb_windows() -> impl Strategy<Value = Vec<Window>> {
    prop::collection::vec((arb_start(), (1i64..=12).prop_map(|h| Duration::hours(h))), 0..3)
        .prop_map(|v| v.into_iter().map(|(s, d)| Window { start: s, end: s + d }).collect())
}

fn arb_intent() -> impl Strategy<Value = Intent> {
    let s = || (0..SESSIONS).prop_map(session);
    let e = || 0..ENTS;
    prop_oneof![
        6 => (s(), arb_plan()).prop_map(|(session_id, plan)| LivestreamCommand::PlanSession { session_id, plan }.into()),
        6 => s().prop_map(|session_id| LivestreamCommand::ScheduleSession { session_id, accept: vec![] }.into()),
        4 => (s(), arb_start(), arb_minutes()).prop_map(|(session_id, start, minutes)| {
            LivestreamCommand::MoveSession { session_id, start, minutes, accept: vec![] }.into()
        }),
        1 => (s(), arb_plan()).prop_map(|(session_id, plan)| LivestreamCommand::EditSession { session_id, plan, accept: vec![] }.into()),
        4 => (s(), e(), arb_slot()).prop_map(|(session_id, i, slot)| LivestreamCommand::InviteEnterprise {
            session_id, enterprise_id: ent(i), posts: vec![post(i)], slot, accept: vec![],
        }.into()),
        2 => (s(), e(), arb_slot()).prop_map(|(session_id, i, slot)| LivestreamCommand::ChangeFeature {
            session_id, enterprise_id: ent(i), posts: vec![post(i)], slot, accept: vec![],
        }.into()),
        1 => (s(), e()).prop_map(|(session_id, i)| LivestreamCommand::RemoveFeature { session_id, enterprise_id: ent(i) }.into()),
        2 => (s(), e()).prop_map(|(session_id, i)| LivestreamCommand::AcceptInvitation { session_id, enterprise_id: ent(i) }.into()),
        1 => (s(), e()).prop_map(|(session_id, i)| LivestreamCommand::DeclineInvitation { session_id, enterprise_id: ent(i), reason: "没空".into() }.into()),
        1 => s().prop_map(|session_id| LivestreamCommand::StartSession { session_id }.into()),
        1 => s().prop_map(|session_id| LivestreamCommand::EndSession { session_id, outcome: Outcome { peak_viewers: 10, applications: Default::default() } }.into()),
        1 => s().prop_map(|session_id| LivestreamCommand::CancelSession { session_id, reason: "改期".into() }.into()),
        1 => ((0..HOSTS).prop_map(host), arb_windows()).prop_map(|(host_id, windows)| HostCommand::SetAvailability { host_id, windows }.into()),
    ]
}

/// (who, minutes the clock moves first, the command, accept the warnings the domain reports?)
fn arb_steps() -> impl Strategy<Value = Vec<(Who, i64, Intent, bool)>> {
    prop::collection::vec((arb_who(), 0i64..60, arb_intent(), prop::bool::weighted(0.6)), 1..60)
}

fn with_accept(intent: &Intent, conflicts: Vec<Conflict>) -> Option<Intent> {
    let Intent::Livestream(c) = intent else { return None };
    Some(c.clone().with_accept(conflicts).into())
}

struct Run {
    state: State,
    log: Vec<EventEnvelope>,
    accepted: usize,
}

/// Apply the steps; after every accepted one, check the invariants.
fn run(steps: &[(Who, i64, Intent, bool)]) -> Run {
    let mut state = prelude_state();
    let mut log = Vec::new();
    let mut now = base() - Duration::hours(12);
    let mut accepted = 0;
    for (who, advance, intent, ack) in steps {
        now += Duration::minutes(*advance);
        let a = actor(*who);
        let cmd = |intent: Intent| Command { actor: a.clone(), now, intent };
        let before = state.clone();
        let mut result = decide(&state, cmd(intent.clone()));
        if let (true, Err(DomainError::Livestream(LivestreamError::SoftConflictsNotAccepted { conflicts }))) =
            (*ack, &result)
        {
            if let Some(i) = with_accept(intent, conflicts.clone()) {
                result = decide(&state, cmd(i));
            }
        }
        assert_eq!(state, before, "decide changes nothing");
        if let Ok(events) = result {
            for e in events {
                let env = envelope(state.last_seq + 1, now, &a, e);
                evolve(&mut state, &env);
                log.push(env);
            }
            accepted += 1;
            check_invariants(&state);
        }
    }
    Run { state, log, accepted }
}

fn active(state: &State) -> Vec<&LiveSession> {
    state.live_sessions.values().filter(|s| s.status.is_active()).collect()
}

fn overlap(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Every conflict of a proposed session, by comparing it with every other session: no index.
fn brute_force(state: &State, id: SessionId, plan: &SessionPlan, lineup: &[Featured]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let me = (plan.start, plan.end());
    let b2b = Duration::minutes(BACK_TO_BACK_MINUTES);
    for other in state.live_sessions.values().filter(|o| o.status.is_active() && o.id != id) {
        let them = (other.plan.start, other.plan.end());
        for h in plan.hosts.iter().filter(|h| other.plan.hosts.contains(h)) {
            if overlap(me, them) {
                out.push(ConflictKind::HostDoubleBooked { host: *h, other: other.id }.into());
            } else {
                let gap = if them.1 <= me.0 { me.0 - them.1 } else { them.0 - me.1 };
                if gap < b2b {
                    out.push(
                        ConflictKind::HostBackToBack { host: *h, other: other.id, gap_minutes: gap.num_minutes() }
                            .into(),
                    );
                }
            }
        }
        if other.plan.channel == plan.channel && overlap(me, them) {
            out.push(ConflictKind::ChannelDoubleBooked { channel: plan.channel, other: other.id }.into());
        }
        for f in lineup.iter().filter(|f| f.counts()) {
            for g in other.lineup.iter().filter(|g| g.counts() && g.enterprise_id == f.enterprise_id) {
                if overlap(f.slot.interval(plan.start), g.slot.interval(other.plan.start)) {
                    out.push(
                        ConflictKind::EnterpriseDoubleBooked { enterprise: f.enterprise_id, other: other.id }.into(),
                    );
                }
            }
        }
    }
    for h in &plan.hosts {
        let w = &state.hosts[h].availability;
        if !w.is_empty() && !w.iter().any(|w| w.start <= me.0 && me.1 <= w.end) {
            out.push(ConflictKind::HostUnavailable { host: *h }.into());
        }
    }
    for f in lineup.iter().filter(|f| f.counts()) {
        let slot = f.slot.interval(plan.start);
        if slot.1 > me.1 {
            out.push(
                ConflictKind::LineupOverflow {
                    enterprise: f.enterprise_id,
                    overflow_minutes: (slot.1 - me.1).num_minutes(),
                }
                .into(),
            );
        }
        let fairs: BTreeSet<FairId> = state
            .bookings
            .values()
            .filter(|b| b.enterprise_id == f.enterprise_id && b.status.is_active())
            .filter(|b| booth_hours(state, b.fair_id).into_iter().any(|h| overlap(h, slot)))
            .map(|b| b.fair_id)
            .collect();
        out.extend(
            fairs
                .into_iter()
                .map(|fair| Conflict::from(ConflictKind::EnterpriseAtBooth { enterprise: f.enterprise_id, fair })),
        );
    }
    if let Some((a, b)) = plan.fair.and_then(|f| fair_dates(state, f)) {
        if me.0 < a || me.1 > b {
            out.push(ConflictKind::OutsideFairDates { fair: plan.fair.unwrap() }.into());
        }
    }
    out.sort();
    out
}

fn sorted(mut v: Vec<Conflict>) -> Vec<Conflict> {
    v.sort();
    v
}

fn check_invariants(state: &State) {
    // No hard conflict among the sessions on the schedule, by brute force.
    for s in active(state) {
        let hard: Vec<_> = brute_force(state, s.id, &s.plan, &s.lineup).into_iter().filter(Conflict::is_hard).collect();
        assert!(hard.is_empty(), "session {} on the schedule has hard conflicts: {hard:?}", s.id);
    }
    // The indexes are exactly what the sessions say.
    let mut busy = imbl::OrdMap::new();
    let mut by_start = imbl::OrdMap::new();
    for s in state.live_sessions.values() {
        if s.status.is_listed() {
            by_start.insert((s.plan.start, s.id), ());
        }
        if s.status.is_active() {
            for h in &s.plan.hosts {
                busy.insert((Lane::Host(*h), s.plan.start, s.id), s.plan.end());
            }
            busy.insert((Lane::Channel(s.plan.channel), s.plan.start, s.id), s.plan.end());
            for f in s.lineup.iter().filter(|f| f.counts()) {
                let (a, b) = f.slot.interval(s.plan.start);
                busy.insert((Lane::Enterprise(f.enterprise_id), a, s.id), b);
            }
        }
    }
    assert_eq!(state.live_index.busy, busy, "busy index");
    assert_eq!(state.live_index.by_start, by_start, "by-start index");
    // Line-ups stay ordered and their live slots do not overlap.
    for s in state.live_sessions.values() {
        let live: Vec<_> = s.lineup.iter().filter(|f| f.counts()).collect();
        for w in live.windows(2) {
            assert!(w[0].slot.end_offset() <= w[1].slot.offset_minutes, "slots overlap in {}", s.id);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Two devices

/// A device holding the prelude, as of `base() - 12h` (where `run` starts its clock).
fn device() -> (Engine, DateTime<Utc>) {
    let mut engine = Engine::new();
    let events = prelude()
        .into_iter()
        .enumerate()
        .map(|(i, event)| NewEvent { id: Uuid::from_u128(1_000_000 + i as u128 + 1), event })
        .collect();
    // Recorded when the device's clock starts (time in a log never runs backwards).
    let sealed =
        engine.log().seal(0, &Actor::organizer("王敏"), base() - Duration::hours(12), events).expect("an empty log");
    engine.commit_sealed(sealed).expect("fresh ids");
    (engine, base() - Duration::hours(12))
}

/// Run the steps on a device as `run` does (accepting the reported warnings when the step says
/// so), with event ids from `id_base`; returns the device and its clock.
fn continue_on(
    mut engine: Engine,
    mut now: DateTime<Utc>,
    steps: &[(Who, i64, Intent, bool)],
    id_base: u128,
) -> (Engine, DateTime<Utc>) {
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Uuid::from_u128(id_base + n)
    };
    for (who, advance, intent, ack) in steps {
        now += Duration::minutes(*advance);
        let cmd = |intent: Intent| Command { actor: actor(*who), now, intent };
        let mut prepared = engine.prepare(cmd(intent.clone()), &mut ids);
        if let (true, Err(DomainError::Livestream(LivestreamError::SoftConflictsNotAccepted { conflicts }))) =
            (*ack, &prepared)
        {
            if let Some(i) = with_accept(intent, conflicts.clone()) {
                prepared = engine.prepare(cmd(i), &mut ids);
            }
        }
        if let Ok(sealed) = prepared {
            engine.commit(sealed).expect("sealed after the end of the log");
            check_invariants(engine.state());
        }
    }
    (engine, now)
}

fn merged(into: &Engine, from: &Engine) -> Engine {
    let remote = codec::import(&codec::export(from.log())).expect("exported logs import");
    let mut out = into.clone();
    if let Some(plan) = out.plan_merge(
        &remote,
        "device.jsonl",
        &Actor::organizer("王敏"),
        base() + Duration::days(5),
        Uuid::from_u128(0x3E26E),
    ) {
        out.apply_merge(plan).expect("a plan applies to the log it was made for");
    }
    out
}

/// Two devices that ran `left` and `right` after a common prefix of `shared` steps.
fn diverged(
    shared: &[(Who, i64, Intent, bool)],
    left: &[(Who, i64, Intent, bool)],
    right: &[(Who, i64, Intent, bool)],
) -> (Engine, Engine) {
    let (engine, now) = device();
    let (common, now) = continue_on(engine, now, shared, 0xC_0000_0000);
    let (a, _) = continue_on(common.clone(), now, left, 0xA_0000_0000);
    let (b, _) = continue_on(common, now, right, 0xB_0000_0000);
    (a, b)
}

/// A common prefix that plans every session and puts on the schedule those it can (so that both
/// devices have sessions to schedule, move, edit, fill and start), then a few random steps. The
/// clock starts where `continue_on` starts it, before every session, or (half the time) shortly
/// before one of the sessions, so that it can go live.
fn arb_shared_steps() -> impl Strategy<Value = Vec<(Who, i64, Intent, bool)>> {
    let sessions = prop::collection::vec((arb_plan(), prop::bool::weighted(0.5)), SESSIONS as usize);
    let soon = prop::option::of((0..SESSIONS as usize, 0i64..=2));
    let prefix = (sessions, soon).prop_map(|(v, soon)| {
        let start = base() - Duration::hours(12);
        let clock = soon.map_or(start, |(i, lead)| v[i].0.start - Duration::minutes(15 * lead));
        let soon = soon.map(|(i, _)| i);
        let mut steps = Vec::new();
        for (i, (plan, schedule)) in v.into_iter().enumerate() {
            let session_id = session(i as u128);
            let advance = if i == 0 { (clock - start).num_minutes() } else { 0 };
            steps.push((Who::Organizer, advance, LivestreamCommand::PlanSession { session_id, plan }.into(), false));
            if schedule || soon == Some(i) {
                steps.push((
                    Who::Organizer,
                    0,
                    LivestreamCommand::ScheduleSession { session_id, accept: vec![] }.into(),
                    true,
                ));
            }
        }
        steps
    });
    (prefix, arb_device_steps()).prop_map(|(mut steps, more)| {
        steps.extend(more);
        steps
    })
}

/// What one device does after the prefix: mostly an organizer changing the schedule (more edits,
/// which move sessions and change their hosts and channel, and more starts than `arb_intent`),
/// with a clock that moves in minutes.
fn arb_device_steps() -> impl Strategy<Value = Vec<(Who, i64, Intent, bool)>> {
    let s = || (0..SESSIONS).prop_map(session);
    let intent = prop_oneof![
        3 => arb_intent(),
        2 => s().prop_map(|session_id| LivestreamCommand::ScheduleSession { session_id, accept: vec![] }.into()),
        2 => s().prop_map(|session_id| LivestreamCommand::StartSession { session_id }.into()),
        2 => (s(), arb_plan())
            .prop_map(|(session_id, plan)| LivestreamCommand::EditSession { session_id, plan, accept: vec![] }.into()),
        1 => (s(), 0..ENTS, arb_slot()).prop_map(|(session_id, i, slot)| {
            LivestreamCommand::ChangeFeature { session_id, enterprise_id: ent(i), posts: vec![post(i)], slot, accept: vec![] }
                .into()
        }),
    ];
    let who = prop_oneof![3 => Just(Who::Organizer), 1 => arb_who()];
    prop::collection::vec((who, 0i64..10, intent, prop::bool::weighted(0.8)), 0..25)
}

/// The commands a merge kept out: the type of their first event and the rule it broke.
fn merge_conflicts(engine: &Engine) -> Vec<(&'static str, String)> {
    engine
        .log()
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Merge(fairlog_domain::merge::MergeEvent::LogMerged { conflicts, .. }) => Some(conflicts),
            _ => None,
        })
        .flatten()
        .map(|c| (c.events[0].event.type_name(), c.error.code()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn merging_two_devices_leaves_no_hard_conflict_whoever_merges(
        shared in arb_shared_steps(),
        left in arb_device_steps(),
        right in arb_device_steps(),
    ) {
        let (a, b) = diverged(&shared, &left, &right);
        let ab = merged(&a, &b);
        let ba = merged(&b, &a);
        prop_assert_eq!(ab.state(), ba.state(), "merging is commutative on state");
        // No hard conflict among scheduled and live sessions (brute force), indexes in step.
        check_invariants(ab.state());
        prop_assert_eq!(&State::replay(ab.log().entries()), ab.state());
    }
}

/// The merge property is not vacuous: divergent devices do make clashing changes (edits and
/// invitations among them, not only scheduling), and merged schedules have live sessions.
#[test]
fn merges_of_divergent_schedules_meet_hard_conflicts() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut kept_out: std::collections::BTreeMap<(&str, String), usize> = Default::default();
    let mut live = 0;
    for _ in 0..200 {
        let shared = arb_shared_steps().new_tree(&mut runner).unwrap().current();
        let mut steps = || arb_device_steps().new_tree(&mut runner).unwrap().current();
        let (left, right) = (steps(), steps());
        let (a, b) = diverged(&shared, &left, &right);
        let m = merged(&a, &b);
        live += m.state().live_sessions.values().filter(|s| s.status == SessionStatus::Live).count();
        for k in merge_conflicts(&m) {
            *kept_out.entry(k).or_default() += 1;
        }
    }
    eprintln!("live sessions {live}; commands kept out of merges, by first event and rule: {kept_out:?}");
    let hard = |event: &str| kept_out.get(&(event, "livestream.hard_conflicts".to_owned())).copied().unwrap_or(0);
    assert!(live > 10, "live sessions {live}");
    let total: usize =
        kept_out.iter().filter(|((_, rule), _)| rule == "livestream.hard_conflicts").map(|(_, n)| n).sum();
    assert!(total > 20, "kept out for hard conflicts {total} times: {kept_out:?}");
    for event in ["SessionScheduled", "SessionEdited", "EnterpriseInvited"] {
        assert!(hard(event) > 2, "{event} kept out for hard conflicts {} times: {kept_out:?}", hard(event));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_accepted_sequence_leaves_a_hard_conflict(steps in arb_steps()) {
        // The invariants are checked after every accepted step inside `run`.
        let r = run(&steps);
        prop_assert!(r.accepted <= steps.len());
    }

    #[test]
    fn the_indexed_check_agrees_with_brute_force(
        steps in arb_steps(),
        probes in prop::collection::vec((0..SESSIONS, arb_start(), arb_minutes()), 1..20),
    ) {
        let r = run(&steps);
        for s in r.state.live_sessions.values() {
            prop_assert_eq!(sorted(conflicts(&r.state, s.id, &s.plan, &s.lineup)), brute_force(&r.state, s.id, &s.plan, &s.lineup));
        }
        for (i, start, minutes) in probes {
            let Some(s) = r.state.live_sessions.get(&session(i)) else { continue };
            let plan = SessionPlan { start, minutes, ..s.plan.clone() };
            prop_assert_eq!(sorted(conflicts_if_moved(&r.state, s.id, start, minutes)), brute_force(&r.state, s.id, &plan, &s.lineup));
        }
    }

    #[test]
    fn replaying_the_log_equals_the_state_built_step_by_step(steps in arb_steps()) {
        let r = run(&steps);
        let pre = prelude_state();
        let mut replayed = pre.clone();
        for env in &r.log {
            evolve(&mut replayed, env);
        }
        prop_assert_eq!(replayed, r.state);
    }
}

/// The generator is not vacuous: sequences do schedule sessions, accept warnings and get refused
/// for hard conflicts.
#[test]
fn the_generator_schedules_warns_and_refuses() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut scheduled, mut accepted_warnings, mut refused_hard) = (0, 0, 0);
    for _ in 0..200 {
        let steps = arb_steps().new_tree(&mut runner).unwrap().current();
        let r = run(&steps);
        scheduled += r.state.live_sessions.values().filter(|s| s.status != SessionStatus::Draft).count();
        accepted_warnings += r
            .log
            .iter()
            .filter(|e| matches!(&e.event, Event::Livestream(l) if l.type_name() == "SoftConflictsAccepted"))
            .count();
        let mut state = prelude_state();
        for env in &r.log {
            evolve(&mut state, env);
        }
        for s in r.state.live_sessions.values().filter(|s| s.status == SessionStatus::Draft) {
            let cmd = Command {
                actor: Actor::organizer("王敏"),
                now: base() - Duration::days(1),
                intent: LivestreamCommand::ScheduleSession { session_id: s.id, accept: vec![] }.into(),
            };
            if matches!(decide(&state, cmd), Err(DomainError::Livestream(LivestreamError::HardConflicts { .. }))) {
                refused_hard += 1;
            }
        }
    }
    eprintln!("scheduled {scheduled}, accepted warnings {accepted_warnings}, refused {refused_hard}");
    assert!(scheduled > 100, "scheduled {scheduled}");
    assert!(accepted_warnings > 10, "accepted warnings {accepted_warnings}");
    assert!(refused_hard > 10, "refused for hard conflicts {refused_hard}");
}
