//! Properties of the domain under arbitrary command sequences (proptest).
//!
//! A fixed prelude sets up a published onsite fair with a floor plan, an online fair, enterprises
//! and a draft fair; then arbitrary commands from every concept (fairs, series, floor plans,
//! enterprises, posts, bookings), by every role, at moving times, with ids drawn from small pools
//! so that they collide and interact. Accepted or refused, every step is checked.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use fairlog_domain::booking::BoothState;
use fairlog_domain::booking::{
    active_count, rules_of, BookingCommand, BookingEvent, BookingRules, BookingStatus, BoothTarget, WaitlistStatus,
};
use fairlog_domain::codec;
use fairlog_domain::enterprise::{EnterpriseCommand, EnterpriseProfile, KeyCategory};
use fairlog_domain::fair::{FairCommand, FairDetails, FairMode, FairStatus, Schedule};
use fairlog_domain::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use fairlog_domain::ids::*;
use fairlog_domain::post::jobs_offered;
use fairlog_domain::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use fairlog_domain::series::{SeriesCommand, SeriesKind};
use fairlog_domain::testing::{sample_profile, t, xuhui_fair};
use fairlog_domain::{
    credit_code, decide, enterprise_views, views, Actor, Command, Engine, Event, Intent, Role, State,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use uuid::Uuid;

const FAIRS: u128 = 4;
const BOOTHS: u128 = 10;
const ENTS: u128 = 7;

fairlog_domain::numbered_ids! {
    fair: FairId = 1,
    series: SeriesId = 50,
    zone: ZoneId = 100,
    booth: BoothId = 200,
    ent: EnterpriseId = 300,
    post: PostId = 400,
    bk: BookingId = 500,
    wl: WaitlistId = 600,
}

fn base_time() -> DateTime<Utc> {
    t("2026-03-01T09:00")
}

fn organizer() -> Actor {
    Actor::organizer("王敏")
}

fn profile(i: u128) -> EnterpriseProfile {
    EnterpriseProfile {
        name: format!("企业{i}"),
        credit_code: credit_code::complete(&format!("91310000MA1FL{:04}", i)),
        ..sample_profile()
    }
}

/// Commands that set the scene; all must be accepted.
fn prelude() -> Vec<Intent> {
    let mut online = xuhui_fair("线上招聘会");
    online.mode = FairMode::Hybrid;
    let mut v: Vec<Intent> = vec![
        FairCommand::CreateFair { fair_id: fair(0), details: xuhui_fair("徐汇区春季招聘会") }.into(),
        FairCommand::PublishFair { fair_id: fair(0) }.into(),
        FairCommand::CreateFair { fair_id: fair(1), details: online }.into(),
        FairCommand::PublishFair { fair_id: fair(1) }.into(),
        FairCommand::CreateFair { fair_id: fair(2), details: xuhui_fair("草稿") }.into(),
        FloorPlanCommand::SizeHall { fair_id: fair(0), width: 24, depth: 12 }.into(),
        FloorPlanCommand::AddZone { fair_id: fair(0), zone_id: zone(0), name: "A馆".into() }.into(),
        FloorPlanCommand::AddZone { fair_id: fair(0), zone_id: zone(1), name: "B馆".into() }.into(),
        FloorPlanCommand::SetVirtualBooths { fair_id: fair(1), count: 3 }.into(),
    ];
    for i in 0..4u128 {
        v.push(
            FloorPlanCommand::AddBooth {
                fair_id: fair(0),
                booth: NewBooth {
                    booth_id: booth(i),
                    zone_id: zone(i % 2),
                    code: format!("A-{i:02}"),
                    rect: Rect { x: (i as u16 % 4) * 6, y: (i as u16 / 4) * 6, w: 3, h: 3 },
                    amenities: Amenities::default(),
                },
            }
            .into(),
        );
    }
    for i in 0..6 {
        v.push(EnterpriseCommand::RegisterEnterprise { enterprise_id: ent(i), profile: profile(i) }.into());
    }
    v
}

#[derive(Debug, Clone)]
enum Who {
    Organizer,
    Enterprise(u128),
    Host,
    /// The enterprise the command is about (found in the command or, for a booking, in the state).
    Owner,
}

fn enterprise_actor(id: EnterpriseId) -> Actor {
    Actor { role: Role::Enterprise, name: format!("企业{id}"), subject: Some(id.0), account: None }
}

fn owner_of(state: &State, intent: &Intent) -> Option<EnterpriseId> {
    let booking = |id: &BookingId| state.bookings.get(id).map(|b| b.enterprise_id);
    match intent {
        Intent::Booking(c) => match c {
            BookingCommand::RequestBooth { enterprise_id, .. } | BookingCommand::JoinWaitlist { enterprise_id, .. } => {
                Some(*enterprise_id)
            }
            BookingCommand::CancelBooking { booking_id }
            | BookingCommand::AcceptOffer { booking_id }
            | BookingCommand::DeclineOffer { booking_id } => booking(booking_id),
            BookingCommand::LeaveWaitlist { waitlist_id } => state.waitlist.get(waitlist_id).map(|w| w.enterprise_id),
            _ => None,
        },
        Intent::Post(PostCommand::OpenPost { enterprise_id, .. }) => Some(*enterprise_id),
        Intent::Enterprise(EnterpriseCommand::RegisterEnterprise { enterprise_id, .. }) => Some(*enterprise_id),
        _ => None,
    }
}

fn actor(w: &Who, state: &State, intent: &Intent) -> Actor {
    match w {
        Who::Organizer => organizer(),
        Who::Enterprise(i) => enterprise_actor(ent(*i)),
        Who::Host => Actor::new(Role::Host, "李局长"),
        Who::Owner => owner_of(state, intent).map(enterprise_actor).unwrap_or_else(organizer),
    }
}

fn arb_who() -> impl Strategy<Value = Who> {
    prop_oneof![
        3 => Just(Who::Organizer),
        2 => (0..ENTS).prop_map(Who::Enterprise),
        1 => Just(Who::Host),
        4 => Just(Who::Owner),
    ]
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("长".repeat(90)),
        "[a-zA-Z\u{4e00}-\u{4e2f} ]{1,12}",
    ]
}

fn arb_details() -> impl Strategy<Value = FairDetails> {
    (
        arb_text(),
        0..3usize,
        -48i64..720,
        1i64..48,
        any::<bool>(),
        prop::option::of(0u32..5000),
        prop::option::of(0..3u128),
    )
        .prop_map(|(name, mode, start_h, len_h, has_schedule, capacity, s)| {
            let mut d = xuhui_fair(&name);
            d.mode = FairMode::ALL[mode];
            if d.mode == FairMode::Online {
                d.venue = None;
            }
            let start = base_time() + Duration::hours(start_h);
            let len = if len_h % 7 == 0 { -len_h } else { len_h * if len_h % 11 == 0 { 40 } else { 1 } };
            d.schedule = has_schedule.then(|| Schedule { start, end: start + Duration::hours(len) });
            d.capacity = capacity;
            d.series = s.map(series);
            d
        })
}

/// An `EditFair` with this expected version stands for "change only the mode, at the fair's
/// current version", resolved against the state when the step runs (as `Who::Owner` is): edits
/// with generated details and versions are almost always refused, and a mode change under
/// bookings is what the booth-kind invariant is about.
const CURRENT_VERSION: u64 = u64::MAX;

fn arb_mode_change() -> impl Strategy<Value = Intent> {
    (0..2u128, 0..3usize).prop_map(|(i, m)| {
        let mut details = xuhui_fair("改变举办方式");
        details.mode = FairMode::ALL[m];
        FairCommand::EditFair { fair_id: fair(i), expected_version: CURRENT_VERSION, details }.into()
    })
}

/// The intent a step sends, given the state it is sent on (see `CURRENT_VERSION`).
fn resolve(state: &State, intent: &Intent) -> Intent {
    match intent {
        Intent::Fair(FairCommand::EditFair { fair_id, expected_version: CURRENT_VERSION, details }) => {
            let Some(f) = state.fairs.get(fair_id) else { return intent.clone() };
            let mode = details.mode;
            let venue =
                if mode.is_physical() { f.details.venue.clone().or_else(|| details.venue.clone()) } else { None };
            let details = FairDetails { mode, venue, ..(*f.details).clone() };
            FairCommand::EditFair { fair_id: *fair_id, expected_version: f.version, details }.into()
        }
        _ => intent.clone(),
    }
}

fn arb_rect() -> impl Strategy<Value = Rect> {
    (0u16..26, 0u16..14, 1u16..8, 1u16..8).prop_map(|(x, y, w, h)| Rect { x, y, w, h })
}

fn arb_intent() -> impl Strategy<Value = Intent> {
    let f = 0..FAIRS;
    let b = 0..BOOTHS;
    let e = 0..ENTS;
    let k = 0..8u128;
    prop_oneof![
        // fairs and series
        2 => (f.clone(), arb_details()).prop_map(|(i, details)| FairCommand::CreateFair { fair_id: fair(i), details }.into()),
        2 => (f.clone(), 0..40u64, arb_details()).prop_map(|(i, v, details)| FairCommand::EditFair { fair_id: fair(i), expected_version: v, details }.into()),
        3 => arb_mode_change(),
        1 => f.clone().prop_map(|i| FairCommand::PublishFair { fair_id: fair(i) }.into()),
        1 => f.clone().prop_map(|i| FairCommand::UnpublishFair { fair_id: fair(i) }.into()),
        2 => k.clone().prop_map(|n| BookingCommand::RevokeApproval { booking_id: bk(n) }.into()),
        1 => f.clone().prop_map(|i| FairCommand::CloseFair { fair_id: fair(i) }.into()),
        1 => (f.clone(), arb_text()).prop_map(|(i, reason)| FairCommand::CancelFair { fair_id: fair(i), reason }.into()),
        1 => (0..3u128, arb_text()).prop_map(|(i, name)| SeriesCommand::CreateSeries { series_id: series(i), name, kind: SeriesKind::Campaign }.into()),
        // floor plans
        3 => (f.clone(), b.clone(), 0..3u128, "[A-C]-[0-9]{1,2}", arb_rect()).prop_map(|(i, n, z, code, rect)| {
            FloorPlanCommand::AddBooth { fair_id: fair(i % 2), booth: NewBooth { booth_id: booth(n), zone_id: zone(z), code, rect, amenities: Amenities::default() } }.into()
        }),
        3 => (b.clone(), 0u16..26, 0u16..14).prop_map(|(n, x, y)| FloorPlanCommand::MoveBooth { booth_id: booth(n), x, y }.into()),
        2 => (b.clone(), 1u16..8, 1u16..8).prop_map(|(n, w, h)| FloorPlanCommand::ResizeBooth { booth_id: booth(n), w, h }.into()),
        1 => b.clone().prop_map(|n| FloorPlanCommand::RemoveBooth { booth_id: booth(n) }.into()),
        1 => (b.clone(), arb_text()).prop_map(|(n, reason)| FloorPlanCommand::BlockBooth { booth_id: booth(n), reason }.into()),
        1 => b.clone().prop_map(|n| FloorPlanCommand::UnblockBooth { booth_id: booth(n) }.into()),
        1 => (0u16..40, 0u16..20).prop_map(|(w, d)| FloorPlanCommand::SizeHall { fair_id: fair(0), width: w, depth: d }.into()),
        2 => (prop_oneof![3 => Just(1u128), 1 => Just(0u128)], 0u32..6).prop_map(|(i, c)| FloorPlanCommand::SetVirtualBooths { fair_id: fair(i), count: c }.into()),
        // enterprises and posts
        1 => e.clone().prop_map(|i| EnterpriseCommand::RegisterEnterprise { enterprise_id: ent(i), profile: profile(i) }.into()),
        1 => e.clone().prop_map(|i| EnterpriseCommand::MarkKeyEnterprise { enterprise_id: ent(i), category: KeyCategory::KeyIndustry }.into()),
        1 => (e.clone(), prop_oneof![Just("王敏"), Just("李强")]).prop_map(|(i, c)| EnterpriseCommand::AssignCommissioner { enterprise_id: ent(i), commissioner: c.into() }.into()),
        1 => e.clone().prop_map(|i| EnterpriseCommand::UnassignCommissioner { enterprise_id: ent(i) }.into()),
        1 => (0..6u128, e.clone(), 0u32..30, 0u32..20_000, 0u32..20_000).prop_map(|(p, i, head, lo, hi)| {
            PostCommand::OpenPost { post_id: post(p), enterprise_id: ent(i), details: PostDetails {
                title: "操作工".into(), category: PostCategory::Production, headcount: head, salary_min: lo, salary_max: hi,
                education: Education::Any, experience: Experience::None, district: fairlog_domain::place::District::Minhang,
                fairs: BTreeSet::from([fair(0)]),
            } }.into()
        }),
        1 => (0..6u128).prop_map(|p| PostCommand::FillPost { post_id: post(p) }.into()),
        // bookings
        12 => (k.clone(), prop_oneof![4 => Just(0u128), 1 => f.clone()], prop_oneof![4 => 0..6u128, 1 => e.clone()], prop_oneof![4 => 0..4u128, 1 => b.clone()])
            .prop_map(|(n, i, en, bo)| BookingCommand::RequestBooth {
                booking_id: bk(n), fair_id: fair(i), enterprise_id: ent(en), target: BoothTarget::Booth { booth_id: booth(bo) } }.into()),
        2 => (k.clone(), e.clone(), 0..3u128).prop_map(|(n, en, z)| BookingCommand::RequestBooth {
            booking_id: bk(n), fair_id: fair(0), enterprise_id: ent(en), target: BoothTarget::AnyInZone { zone_id: zone(z) } }.into()),
        2 => (k.clone(), prop_oneof![3 => Just(1u128), 1 => Just(0u128)], e.clone()).prop_map(|(n, i, en)| BookingCommand::RequestBooth {
            booking_id: bk(n), fair_id: fair(i), enterprise_id: ent(en), target: BoothTarget::Virtual }.into()),
        6 => k.clone().prop_map(|n| BookingCommand::ApproveBooking { booking_id: bk(n) }.into()),
        1 => prop::collection::vec(k.clone(), 0..3).prop_map(|ns| BookingCommand::ApproveBookings { booking_ids: ns.into_iter().map(bk).collect() }.into()),
        2 => (k.clone(), arb_text()).prop_map(|(n, reason)| BookingCommand::RejectBooking { booking_id: bk(n), reason }.into()),
        2 => (k.clone(), b.clone()).prop_map(|(n, bo)| BookingCommand::ReassignBooking { booking_id: bk(n), booth_id: booth(bo) }.into()),
        3 => k.clone().prop_map(|n| BookingCommand::CancelBooking { booking_id: bk(n) }.into()),
        4 => (0..6u128, prop_oneof![3 => Just(0u128), 1 => f.clone()], e.clone(), prop::option::weighted(0.8, 0..3u128)).prop_map(|(w, i, en, z)| BookingCommand::JoinWaitlist {
            waitlist_id: wl(w), fair_id: fair(i), enterprise_id: ent(en), zone_id: z.map(zone) }.into()),
        1 => (0..6u128).prop_map(|w| BookingCommand::LeaveWaitlist { waitlist_id: wl(w) }.into()),
        2 => (0..6u128).prop_map(|w| BookingCommand::AcceptOffer { booking_id: BookingId(wl(w).0) }.into()),
        2 => (0..6u128).prop_map(|w| BookingCommand::DeclineOffer { booking_id: BookingId(wl(w).0) }.into()),
        1 => (0..6u128).prop_map(|w| BookingCommand::CancelBooking { booking_id: BookingId(wl(w).0) }.into()),
        2 => Just(BookingCommand::ExpireHolds.into()),
        1 => (1u32..100, 1u32..3, 0u32..400).prop_map(|(h, m, c)| BookingCommand::SetBookingRules { fair_id: fair(0),
            rules: BookingRules { hold_hours: h, max_booths_per_enterprise: m, cutoff_hours: c } }.into()),
    ]
}

/// A step: who, how many hours after the previous step, what.
fn arb_steps() -> impl Strategy<Value = Vec<(Who, i64, Intent)>> {
    // Mostly small steps in time, sometimes a jump past hold deadlines (48 h by default).
    let hours = prop_oneof![8 => 0i64..4, 1 => 24i64..60];
    prop::collection::vec((arb_who(), hours, arb_intent()), 1..80)
}

struct Run {
    engine: Engine,
    /// `(log length, state the engine kept)` after each accepted step.
    states: Vec<(usize, State)>,
    /// Codes of the refused steps.
    refused: Vec<String>,
}

/// The prelude plus a full fair 0: every booth requested (two approved), two enterprises
/// waiting (one for zone A, one for any zone), so that freed booths meet a contested waitlist.
fn full_prelude() -> Vec<Intent> {
    let mut v = prelude();
    v.push(EnterpriseCommand::RegisterEnterprise { enterprise_id: ent(6), profile: profile(6) }.into());
    for i in 0..4u128 {
        v.push(
            BookingCommand::RequestBooth {
                booking_id: bk(i),
                fair_id: fair(0),
                enterprise_id: ent(i),
                target: BoothTarget::Booth { booth_id: booth(i) },
            }
            .into(),
        );
    }
    v.push(BookingCommand::ApproveBookings { booking_ids: vec![bk(0), bk(1)] }.into());
    v.push(
        BookingCommand::JoinWaitlist {
            waitlist_id: wl(0),
            fair_id: fair(0),
            enterprise_id: ent(4),
            zone_id: Some(zone(1)),
        }
        .into(),
    );
    v.push(
        BookingCommand::JoinWaitlist { waitlist_id: wl(1), fair_id: fair(0), enterprise_id: ent(5), zone_id: None }
            .into(),
    );
    v.push(
        BookingCommand::JoinWaitlist {
            waitlist_id: wl(2),
            fair_id: fair(0),
            enterprise_id: ent(6),
            zone_id: Some(zone(0)),
        }
        .into(),
    );
    v
}

fn run(steps: &[(Who, i64, Intent)]) -> Run {
    run_from(prelude(), steps)
}

fn run_from(prelude: Vec<Intent>, steps: &[(Who, i64, Intent)]) -> Run {
    let mut engine = Engine::new();
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Uuid::from_u128(0xE0000 + n)
    };
    for intent in prelude {
        engine.execute(Command { actor: organizer(), now: base_time(), intent }, &mut ids).expect("prelude is valid");
    }
    continue_run(engine, steps, 0xD0000)
}

/// Apply steps to an engine (a device), with event ids from `id_base` so devices never collide.
fn continue_run(mut engine: Engine, steps: &[(Who, i64, Intent)], id_base: u128) -> Run {
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        Uuid::from_u128(id_base + n)
    };
    let mut now = engine.log().entries().last().map(|e| e.recorded_at).unwrap_or_else(base_time);
    let mut refused = Vec::new();
    let mut states = Vec::new();
    for (who, hours, intent) in steps {
        now += Duration::hours(*hours);
        let intent = resolve(engine.state(), intent);
        let cmd = Command { actor: actor(who, engine.state(), &intent), now, intent };
        let before_state = engine.state().clone();
        let before_len = engine.log().len();
        match engine.execute(cmd, &mut ids) {
            Ok(_) => {
                check_invariants(engine.state());
                states.push((engine.log().len(), engine.state().clone()));
            }
            Err(e) => {
                assert_eq!(engine.log().len(), before_len, "a refused command appended events");
                assert_eq!(engine.state(), &before_state, "a refused command changed the state");
                if let fairlog_domain::engine::ExecuteError::Rule(e) = e {
                    refused.push(e.code());
                }
            }
        }
    }
    Run { engine, states, refused }
}

fn check_invariants(s: &State) {
    // No booth is occupied by two active bookings, and the index agrees with the bookings.
    let mut by_booth: BTreeMap<BoothId, Vec<BookingId>> = BTreeMap::new();
    let mut virtual_count: BTreeMap<FairId, u32> = BTreeMap::new();
    let mut deadlines = BTreeSet::new();
    for b in s.bookings.values() {
        if b.status.is_active() {
            match b.booth_id {
                Some(booth) => by_booth.entry(booth).or_default().push(b.id),
                None => *virtual_count.entry(b.fair_id).or_default() += 1,
            }
        }
        if let Some(d) = b.status.deadline() {
            deadlines.insert((d, b.id));
        }
    }
    for (booth, ids) in &by_booth {
        assert_eq!(ids.len(), 1, "booth {booth} is double-booked: {ids:?}");
        assert_eq!(s.booth_taken.get(booth), Some(&ids[0]));
    }
    assert_eq!(s.booth_taken.len(), by_booth.len(), "booth index holds a released booth");
    for (fair, n) in &virtual_count {
        assert_eq!(s.virtual_taken.get(fair).copied().unwrap_or(0), *n);
        let cap = s.floor_plans.get(fair).map(|p| p.virtual_booths).unwrap_or(0);
        assert!(*n <= cap, "more virtual bookings than virtual booths");
    }
    let indexed: BTreeSet<_> = s.deadlines.keys().cloned().collect();
    assert_eq!(indexed, deadlines, "deadline index out of step");

    // No active booking sits on a kind of booth its fair's mode lacks (a physical booth at an
    // online fair, a virtual booth at an onsite one), where the app would hide it.
    for b in s.bookings.values().filter(|b| b.status.is_active()) {
        let mode = s.fairs.get(&b.fair_id).map(|f| f.details.mode);
        assert!(
            mode.is_some_and(|m| m.has_booths(b.kind())),
            "active booking {} on a {:?} booth at a {:?} fair",
            b.id,
            b.kind(),
            mode
        );
    }

    // A waitlist entry says "offered" exactly while its offer is open, and "served" only for an
    // accepted offer.
    for e in s.waitlist.values() {
        match &e.status {
            WaitlistStatus::Offered { booking_id } => assert!(
                matches!(s.bookings.get(booking_id).map(|b| &b.status), Some(BookingStatus::Offered { .. })),
                "waitlist entry {} shows an offer that is no longer open",
                e.id
            ),
            WaitlistStatus::Served { booking_id } => {
                assert!(s.bookings.get(booking_id).is_some_and(|b| b.via_waitlist == Some(e.id)))
            }
            _ => {}
        }
    }

    // Booths lie inside their hall and never overlap; codes are unique per fair.
    for plan in s.floor_plans.values() {
        let booths: Vec<_> = plan.booths.values().collect();
        assert_eq!(plan.blocked as usize, booths.iter().filter(|b| b.blocked.is_some()).count(), "blocked count");
        let mut codes = BTreeSet::new();
        for (i, a) in booths.iter().enumerate() {
            assert!(a.rect.inside(plan.width, plan.depth), "booth {} outside the hall", a.code);
            assert!(codes.insert(a.code.clone()), "duplicate code {}", a.code);
            for b in &booths[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "booths {} and {} overlap", a.code, b.code);
            }
        }
    }

    // Fairs: names trimmed and present, schedules sane, published/closed fairs publishable.
    for f in s.fairs.values() {
        assert!(!f.details.name.trim().is_empty() && f.details.name.trim() == f.details.name);
        if let Some(sc) = f.details.schedule {
            assert!(sc.end > sc.start);
        }
        if matches!(f.status, FairStatus::Published | FairStatus::Closed) {
            assert!(f.details.schedule.is_some());
            if f.details.mode.is_physical() {
                assert!(f.details.venue.is_some());
            }
        }
    }

    // Fair changes (shown to booked enterprises) are in log order, about known fairs.
    for (fair, changes) in &s.fair_changes {
        assert!(s.fairs.contains_key(fair), "a change about an unknown fair");
        let seqs: Vec<u64> = changes.iter().map(|c| c.seq).collect();
        // One edit may change both the dates and the venue: two changes with the same sequence.
        assert!(seqs.windows(2).all(|w| w[0] <= w[1]) && seqs.iter().all(|q| *q <= s.last_seq));
    }

    // The organizer's views agree with the state: a booth shows as taken exactly when a booking
    // holds it, the approval queue holds only waiting requests and no booth twice, and no booth
    // offered for reassignment is taken.
    for fair in s.fairs.keys() {
        let plan = views::floor_plan(s, *fair);
        for b in &plan.booths {
            let taken = s.booth_taken.contains_key(&b.id);
            let shows_taken = matches!(b.state, BoothState::Booked | BoothState::Requested | BoothState::Held);
            assert!(!(taken && b.blocked.is_some()), "booth {} is blocked and taken", b.code);
            assert_eq!(shows_taken, taken, "booth {} shows {:?}", b.code, b.state);
            assert_eq!(b.enterprise_id.is_some(), taken);
        }
        let queue = views::approval_queue(s, *fair, base_time());
        let mut booths = BTreeSet::new();
        for r in &queue {
            assert!(matches!(r.status, BookingStatus::Requested { .. }));
            if let Some(b) = r.booth_id {
                assert!(booths.insert(b), "booth requested twice in the queue");
            }
        }
        for b in views::free_booths(s, *fair) {
            assert!(!s.booth_taken.contains_key(&b.id) && b.blocked.is_none());
        }
    }

    // Posts: headcount and salary within the rules.
    for p in s.posts.values() {
        assert!(p.details.headcount >= 1 && p.details.salary_min <= p.details.salary_max);
    }

    // Post indexes agree with the posts, so "jobs offered" read through them is Σ headcount of
    // the open posts, never a count of rows.
    for f in s.fairs.keys() {
        let scanned = jobs_offered(s.posts.values(), |p| p.details.fairs.contains(f));
        assert_eq!(enterprise_views::jobs_offered_at_fair(s, *f), scanned, "jobs offered at fair {f}");
    }
    for e in s.enterprises.keys() {
        let scanned = jobs_offered(s.posts.values(), |p| p.enterprise_id == *e);
        assert_eq!(enterprise_views::jobs_offered_by(s, *e), scanned, "jobs offered by {e}");
        let listed = enterprise_views::enterprise_posts(s, *e).len();
        assert_eq!(listed, s.posts.values().filter(|p| p.enterprise_id == *e).count());
        assert!(enterprise_views::enterprise_bookings(s, *e).iter().all(|b| b.enterprise_id == *e));
    }
}

/// Expiries are decided from the log and the command's time only: the same log replayed (at
/// any moment, into a fresh state) gives the same decision; the decision records exactly the
/// deadlines that passed, oldest first, each followed at most by the offer it causes; and once
/// recorded, nothing more is due at that time.
fn check_expiry_is_deterministic(engine: &Engine, at: DateTime<Utc>) {
    let replayed = State::replay(engine.log().entries());
    let cmd = || Command { actor: organizer(), now: at, intent: BookingCommand::ExpireHolds.into() };
    let live = decide(engine.state(), cmd()).expect("expiring is always allowed");
    assert_eq!(decide(&replayed, cmd()).expect("allowed"), live, "replay changed the expiry decision");

    let due: Vec<BookingId> = engine.state().deadlines.keys().filter(|(d, _)| *d <= at).map(|(_, id)| *id).collect();
    let expired: Vec<BookingId> = live
        .iter()
        .filter_map(|e| match e {
            Event::Booking(BookingEvent::HoldExpired { booking_id }) => Some(*booking_id),
            _ => None,
        })
        .collect();
    // Offers made in the same decision have deadlines after `at`, so the due set is exactly this.
    assert_eq!(expired, due, "expiries must be the passed deadlines, oldest first");
    for w in live.windows(2) {
        if let [Event::Booking(BookingEvent::WaitlistOffered { .. }), Event::Booking(BookingEvent::WaitlistOffered { .. })] =
            w
        {
            panic!("two offers for one freed booth");
        }
    }

    let mut after = engine.clone();
    let mut n = 0u128;
    after
        .execute(cmd(), || {
            n += 1;
            Uuid::from_u128(0xF0000 + n)
        })
        .expect("allowed");
    assert!(after.state().deadlines.keys().all(|(d, _)| *d > at), "a passed deadline is still pending");
    assert_eq!(decide(after.state(), cmd()).expect("allowed"), vec![], "expiring twice records twice");
    check_invariants(after.state());
}

/// Brute force over the history: at the moment of each WaitlistOffered, check on the state just
/// before it that no entry ahead of the offered one was eligible; after each request or offer,
/// check the per-enterprise limit in force at that moment.
fn check_waitlist_never_skips(engine: &Engine) {
    let mut state = State::default();
    for env in engine.log().entries() {
        let grew = match &env.event {
            Event::Booking(BookingEvent::BoothRequested { booking_id, .. }) => Some(*booking_id),
            Event::Booking(BookingEvent::WaitlistOffered { booking_id, .. }) => Some(*booking_id),
            _ => None,
        };
        if let Event::Booking(BookingEvent::WaitlistOffered { waitlist_id, booth_id, .. }) = &env.event {
            let entry = &state.waitlist[waitlist_id];
            let fair = entry.fair_id;
            let zone_of_booth = booth_id.and_then(|b| state.floor_plans[&fair].booths.get(&b).map(|b| b.zone_id));
            let max = rules_of(&state, fair).max_booths_per_enterprise;
            for w in state.waitlist_order[&fair].iter() {
                if w == waitlist_id {
                    break;
                }
                let e = &state.waitlist[w];
                if e.status != WaitlistStatus::Waiting {
                    continue;
                }
                let zone_ok = match (zone_of_booth, e.zone_id) {
                    (_, None) => true,
                    (Some(z), Some(want)) => z == want,
                    (None, Some(_)) => false,
                };
                let eligible = zone_ok && active_count(&state, fair, e.enterprise_id) < max;
                assert!(!eligible, "entry {w} was eligible but skipped for {waitlist_id}");
            }
        }
        fairlog_domain::evolve(&mut state, env);
        if let Some(id) = grew {
            let b = &state.bookings[&id];
            let max = rules_of(&state, b.fair_id).max_booths_per_enterprise;
            assert!(active_count(&state, b.fair_id, b.enterprise_id) <= max, "limit of {max} booths exceeded");
        }
    }
}

fn merged(into: &Engine, from: &Engine) -> Engine {
    let mut out = into.clone();
    let remote = codec::import(&codec::export(from.log())).expect("exported logs import");
    if let Some(plan) = out.plan_merge(
        &remote,
        "device.jsonl",
        &organizer(),
        base_time() + Duration::days(60),
        Uuid::from_u128(0x3E26E),
    ) {
        out.apply_merge(plan).expect("a plan applies to the log it was made for");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merging_is_commutative_and_idempotent(shared in arb_steps(), left in arb_steps(), right in arb_steps()) {
        let base = run_from(full_prelude(), &shared).engine;
        let a = continue_run(base.clone(), &left, 0xA_0000_0000).engine;
        let b = continue_run(base, &right, 0xB_0000_0000).engine;
        let ab = merged(&a, &b);
        let ba = merged(&b, &a);
        prop_assert_eq!(ab.state(), ba.state());
        check_invariants(ab.state());
        // Twice is once.
        for again in [merged(&ab, &b), merged(&ab, &a)] {
            prop_assert_eq!(again.log().len(), ab.log().len());
            prop_assert_eq!(again.state(), ab.state());
        }
        // Still a verifiable log whose replay is its state.
        let back = codec::import(&codec::export(ab.log())).expect("a merged log verifies");
        prop_assert_eq!(&State::replay(back.envelopes.iter()), ab.state());
        // Nothing dropped silently: every event of either side is in the log or in a conflict.
        let in_log: BTreeSet<Uuid> = ab.log().entries().iter().map(|e| e.id).collect();
        let in_conflicts: BTreeSet<Uuid> = ab.log().entries().iter().filter_map(|e| match &e.event {
            Event::Merge(fairlog_domain::merge::MergeEvent::LogMerged { conflicts, .. }) => Some(conflicts.iter().flat_map(|c| c.events.iter().map(|e| e.id)).collect::<Vec<_>>()),
            _ => None,
        }).flatten().collect();
        for e in a.log().entries().iter().chain(b.log().entries()) {
            prop_assert!(in_log.contains(&e.id) || in_conflicts.contains(&e.id), "event {} lost", e.id);
        }
    }

    #[test]
    fn replaying_the_log_equals_applying_it_step_by_step(steps in arb_steps()) {
        // Given the states the engine kept after each accepted command (each built by deciding
        // on a copy and evolving the command's events there, once),
        let r = run(&steps);
        // then replaying the log up to each of those points from nothing gives the same state.
        for (len, kept) in &r.states {
            prop_assert_eq!(&State::replay(r.engine.log().entries()[..*len].iter()), kept, "after {} events", len);
        }
        prop_assert_eq!(&State::replay(r.engine.log().entries()), r.engine.state());
    }

    #[test]
    fn export_then_import_is_the_identity(steps in arb_steps()) {
        let r = run(&steps);
        let text = codec::export(r.engine.log());
        let back = codec::import(&text).expect("an exported log imports");
        prop_assert_eq!(&back.envelopes[..], r.engine.log().entries());
        let (restored, problem) = Engine::restore(text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l))));
        prop_assert_eq!(problem, None);
        prop_assert_eq!(codec::export(restored.log()), text);
    }

    #[test]
    fn the_waitlist_never_skips_an_eligible_enterprise(steps in arb_steps()) {
        check_waitlist_never_skips(&run(&steps).engine);
        let r = run_from(full_prelude(), &steps);
        check_invariants(r.engine.state());
        check_waitlist_never_skips(&r.engine);
        prop_assert_eq!(&State::replay(r.engine.log().entries()), r.engine.state());
    }

    #[test]
    fn hold_expiry_and_promotion_are_deterministic_on_replay(steps in arb_steps(), later in prop::collection::vec(0i64..200, 1..4)) {
        let r = run_from(full_prelude(), &steps);
        let last = r.engine.log().entries().last().map(|e| e.recorded_at).unwrap_or_else(base_time);
        for h in later {
            check_expiry_is_deterministic(&r.engine, last + Duration::hours(h));
        }
    }

    #[test]
    fn decide_never_panics_on_arbitrary_commands(steps in arb_steps(), extra in prop::collection::vec((arb_who(), arb_intent()), 1..20)) {
        let r = run(&steps);
        for (who, intent) in extra {
            let intent = resolve(r.engine.state(), &intent);
            let actor = actor(&who, r.engine.state(), &intent);
            let cmd = Command { actor, now: base_time() + Duration::days(3), intent };
            match r.engine.prepare(cmd.clone(), Uuid::new_v4) {
                // An accepted command's events are what `decide` says, and keeping them leaves a
                // state that holds the invariants and that the log replays to.
                Ok(receipt) => {
                    let events: Vec<Event> = receipt.envelopes().map(|e| e.event.clone()).collect();
                    prop_assert_eq!(decide(r.engine.state(), cmd).expect("prepare accepted it"), events);
                    let mut e = r.engine.clone();
                    e.commit(receipt).expect("prepared on this log");
                    check_invariants(e.state());
                    prop_assert_eq!(&State::replay(e.log().entries()), e.state());
                }
                // A refusal is a rule with a stable code (`concept.rule` or `forbidden`).
                Err(err) => {
                    let code = err.code();
                    prop_assert!(code == "forbidden" || code.split_once('.').is_some_and(|(c, r)| !c.is_empty() && !r.is_empty()), "code {}", code);
                    prop_assert_eq!(decide(r.engine.state(), cmd), Err(err));
                }
            }
        }
    }
}

#[test]
fn the_generator_drives_bookings_and_offers() {
    // Guard against a vacuous property: typical runs do book, expire and promote.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut offers = 0;
    let mut contested = 0;
    let mut booked = 0;
    for _ in 0..200 {
        let steps = arb_steps().new_tree(&mut runner).unwrap().current();
        let r = run_from(full_prelude(), &steps);
        offers += r.engine.log().entries().iter().filter(|e| e.event.type_name() == "WaitlistOffered").count();
        contested += contested_offers(&r.engine);
        booked += r.engine.state().bookings.values().filter(|b| b.status == BookingStatus::Booked).count();
    }
    assert!(booked > 20, "only {booked} bookings in 200 runs");
    assert!(offers > 0, "no waitlist offer in 200 runs");
    assert!(contested > 5, "only {contested} offers made while two or more enterprises were waiting");

    // Merges of two devices' divergent work do meet conflicts.
    let mut conflicts = 0;
    for _ in 0..100 {
        let left = arb_steps().new_tree(&mut runner).unwrap().current();
        let right = arb_steps().new_tree(&mut runner).unwrap().current();
        let base = run_from(full_prelude(), &[]).engine;
        let a = continue_run(base.clone(), &left, 0xA_0000_0000).engine;
        let b = continue_run(base, &right, 0xB_0000_0000).engine;
        conflicts += merged(&a, &b).state().open_conflicts.len();
    }
    assert!(conflicts > 10, "only {conflicts} merge conflicts in 100 merges");
}

#[test]
fn the_generator_changes_modes_under_bookings() {
    // Guard against a vacuous booth-kind invariant: runs do change fairs' modes, are refused for
    // the bookings a change would strand, and ask for booths the new mode does not have.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut changes = 0;
    let mut refused = BTreeMap::<String, usize>::new();
    for _ in 0..200 {
        let steps = arb_steps().new_tree(&mut runner).unwrap().current();
        let r = run_from(full_prelude(), &steps);
        let mut modes = BTreeMap::new();
        for env in r.engine.log().entries() {
            if let Event::Fair(e) = &env.event {
                use fairlog_domain::fair::FairEvent::{FairCreated, FairEdited};
                if let FairCreated { fair_id, details } | FairEdited { fair_id, details } = e {
                    if modes.insert(*fair_id, details.mode).is_some_and(|m| m != details.mode) {
                        changes += 1;
                    }
                }
            }
        }
        for code in r.refused {
            *refused.entry(code).or_default() += 1;
        }
    }
    eprintln!("mode changes: {changes}; refused: {refused:?}");
    assert!(changes > 50, "only {changes} mode changes in 200 runs");
    for code in ["fair.mode_strands_bookings", "booking.booth_kind_mismatch"] {
        let n = refused.get(code).copied().unwrap_or(0);
        assert!(n > 10, "only {n} refusals with {code} in 200 runs");
    }
}

/// Offers made while at least two entries of the fair were waiting (where order matters).
fn contested_offers(engine: &Engine) -> usize {
    let mut state = State::default();
    let mut n = 0;
    for env in engine.log().entries() {
        if let Event::Booking(BookingEvent::WaitlistOffered { waitlist_id, .. }) = &env.event {
            let fair = state.waitlist[waitlist_id].fair_id;
            let waiting = state.waitlist_order[&fair]
                .iter()
                .filter(|w| state.waitlist[*w].status == WaitlistStatus::Waiting)
                .count();
            if waiting >= 2 {
                n += 1;
            }
        }
        fairlog_domain::evolve(&mut state, env);
    }
    n
}

/// Properties of fair and series commands on their own, from an empty log.
///
/// Ids come from small pools (5 fairs, 3 series), so most commands refer to something that
/// exists. Texts include empty, whitespace-only, padded, over-long and HTML-ish strings.
/// Schedules include `end == start`, `end < start` and lengths either side of 31 days. All three
/// roles act, and `now` moves back and forth. Each step is checked; the step-by-step states are
/// kept and compared with replays of every prefix at the end.
mod fairs_and_series {
    use chrono::{DateTime, Duration, Utc};
    use fairlog_domain::codec;
    use fairlog_domain::engine::ExecuteError;
    use fairlog_domain::fair::{
        FairCommand, FairDetails, FairMode, FairStatus, Schedule, Venue, ADDRESS_MAX_CHARS, MAX_CAPACITY,
        MAX_FAIR_DAYS, NAME_MAX_CHARS,
    };
    use fairlog_domain::ids::{FairId, SeriesId};
    use fairlog_domain::industry::Industry;
    use fairlog_domain::log::{hash_line, to_line};
    use fairlog_domain::place::District;
    use fairlog_domain::series::{SeriesCommand, SeriesKind};
    use fairlog_domain::testing::t;
    use fairlog_domain::{decide, Actor, Command, Engine, Event, Intent, Log, Role, State};
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use uuid::Uuid;

    const FAIR_POOL: u128 = 5;
    const SERIES_POOL: u128 = 3;

    fn fid(i: u128) -> FairId {
        FairId::from_u128(0xFA_0000 + i)
    }
    fn sid(i: u128) -> SeriesId {
        SeriesId::from_u128(0x5E_0000 + i)
    }
    fn base() -> DateTime<Utc> {
        t("2026-03-01T09:00")
    }

    /// Names and reasons: mostly ordinary, often awkward.
    fn arb_name() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => "[a-zA-Z0-9\u{4e00}-\u{4e2f}][a-zA-Z0-9 \u{4e00}-\u{4e2f}]{0,20}",
            1 => Just(String::new()),
            1 => Just("   ".to_string()),
            1 => Just("\t\n\u{3000} ".to_string()),
            1 => Just("  徐汇区春季招聘会  ".to_string()),
            1 => Just("<script>alert('x')</script>".to_string()),
            1 => Just("<b>招聘</b> & \"会\" <!-- -->".to_string()),
            1 => Just("名".repeat(NAME_MAX_CHARS)),
            1 => Just("名".repeat(NAME_MAX_CHARS + 1)),
            1 => Just(format!("  {}  ", "a".repeat(NAME_MAX_CHARS))),
            1 => Just("x".repeat(10_000)),
            1 => any::<String>(),
        ]
    }

    /// Addresses, stations and regions.
    fn arb_place() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => "[\u{4e00}-\u{4e2f}]{1,8}路 [0-9]{1,4} 号",
            1 => Just(String::new()),
            1 => Just("  ".to_string()),
            1 => Just(" 漕溪北路 1111 号 ".to_string()),
            1 => Just("<img src=x onerror=alert(1)>".to_string()),
            1 => Just("路".repeat(ADDRESS_MAX_CHARS)),
            1 => Just("路".repeat(ADDRESS_MAX_CHARS + 1)),
        ]
    }

    fn arb_venue() -> impl Strategy<Value = Venue> {
        prop_oneof![
            3 => (0..District::ALL.len(), arb_place()).prop_map(|(d, address)| Venue::Hall { district: District::ALL[d], address }),
            1 => (0..District::ALL.len(), arb_place()).prop_map(|(d, station)| Venue::ServiceStation { district: District::ALL[d], station }),
            1 => (arb_place(), arb_place()).prop_map(|(region, address)| Venue::Remote { region, address }),
        ]
    }

    fn arb_schedule() -> impl Strategy<Value = Schedule> {
        let month = MAX_FAIR_DAYS * 24 * 60;
        let minutes = prop_oneof![
            8 => 30i64..(3 * 24 * 60),
            1 => Just(0i64),
            1 => -600i64..0,
            1 => Just(month),
            1 => Just(month + 1),
            1 => (month + 1)..(100 * 24 * 60),
        ];
        (-72i64..(40 * 24), minutes).prop_map(|(start_h, len)| {
            let start = base() + Duration::hours(start_h);
            Schedule { start, end: start + Duration::minutes(len) }
        })
    }

    fn arb_capacity() -> impl Strategy<Value = Option<u32>> {
        prop_oneof![
            2 => Just(None),
            6 => (1..=MAX_CAPACITY).prop_map(Some),
            1 => Just(Some(0)),
            1 => Just(Some(MAX_CAPACITY)),
            1 => Just(Some(MAX_CAPACITY + 1)),
            1 => Just(Some(u32::MAX)),
        ]
    }

    /// Details that are usually fine: the interesting traffic (publish, edit, close) needs
    /// fairs that exist.
    fn plausible_details() -> impl Strategy<Value = FairDetails> {
        (
            "[\u{4e00}-\u{4e2f}]{2,10}招聘会",
            prop::option::weighted(0.2, 0..SERIES_POOL),
            0..Industry::ALL.len(),
            0..3usize,
            prop::option::weighted(0.9, 0..District::ALL.len()),
            prop::option::weighted(0.9, (-72i64..(40 * 24), 1i64..(3 * 24))),
            prop::option::weighted(0.7, 1..=MAX_CAPACITY),
        )
            .prop_map(|(name, series, industry, mode, district, schedule, capacity)| {
                let mode = FairMode::ALL[mode];
                let district = district.map(|d| District::ALL[d]);
                FairDetails {
                    name,
                    series: series.map(sid),
                    industry: Industry::ALL[industry],
                    mode,
                    venue: district
                        .filter(|_| mode.is_physical())
                        .map(|d| Venue::Hall { district: d, address: format!("{}某某路 1 号", d.zh()) }),
                    schedule: schedule.map(|(start_h, len_h)| {
                        let start = base() + Duration::hours(start_h);
                        Schedule { start, end: start + Duration::hours(len_h) }
                    }),
                    capacity,
                }
            })
    }

    /// Details with every kind of mistake.
    fn wild_details() -> impl Strategy<Value = FairDetails> {
        (
            arb_name(),
            prop::option::weighted(0.3, 0..SERIES_POOL + 1),
            0..Industry::ALL.len(),
            0..3usize,
            prop::option::weighted(0.85, arb_venue()),
            // Usually a venue that suits the mode; sometimes a mismatch.
            prop::bool::weighted(0.85),
            prop::option::weighted(0.85, arb_schedule()),
            arb_capacity(),
        )
            .prop_map(|(name, series, industry, mode, venue, suits, schedule, capacity)| {
                let mode = FairMode::ALL[mode];
                let venue = if suits && !mode.is_physical() { None } else { venue };
                // Series index SERIES_POOL never exists.
                FairDetails {
                    name,
                    series: series.map(sid),
                    industry: Industry::ALL[industry],
                    mode,
                    venue,
                    schedule,
                    capacity,
                }
            })
    }

    fn arb_details() -> BoxedStrategy<FairDetails> {
        prop_oneof![3 => plausible_details().boxed(), 2 => wild_details().boxed()].boxed()
    }

    fn arb_series_kind() -> impl Strategy<Value = SeriesKind> {
        prop_oneof![
            Just(SeriesKind::ThousandsOfPosts),
            Just(SeriesKind::IndustrySpecial),
            Just(SeriesKind::Campaign),
            arb_place().prop_map(|partner_region| SeriesKind::RecruitmentTour { partner_region }),
        ]
    }

    /// The version an edit claims to have been opened at, resolved against the state when the
    /// step runs.
    #[derive(Debug, Clone)]
    enum Version {
        Current,
        Stale,
        Literal(u64),
    }

    #[derive(Debug, Clone)]
    enum Op {
        Create(u128, FairDetails),
        Edit(u128, Version, FairDetails),
        Publish(u128),
        Unpublish(u128),
        Close(u128),
        Cancel(u128, String),
        CreateSeries(u128, String, SeriesKind),
        RenameSeries(u128, String),
    }

    impl Op {
        fn intent(&self, state: &State) -> Intent {
            match self.clone() {
                Op::Create(i, details) => FairCommand::CreateFair { fair_id: fid(i), details }.into(),
                Op::Edit(i, v, details) => {
                    let current = state.fairs.get(&fid(i)).map_or(0, |f| f.version);
                    let expected_version = match v {
                        Version::Current => current,
                        Version::Stale => current.saturating_sub(1),
                        Version::Literal(n) => n,
                    };
                    FairCommand::EditFair { fair_id: fid(i), expected_version, details }.into()
                }
                Op::Publish(i) => FairCommand::PublishFair { fair_id: fid(i) }.into(),
                Op::Unpublish(i) => FairCommand::UnpublishFair { fair_id: fid(i) }.into(),
                Op::Close(i) => FairCommand::CloseFair { fair_id: fid(i) }.into(),
                Op::Cancel(i, reason) => FairCommand::CancelFair { fair_id: fid(i), reason }.into(),
                Op::CreateSeries(i, name, kind) => SeriesCommand::CreateSeries { series_id: sid(i), name, kind }.into(),
                Op::RenameSeries(i, name) => SeriesCommand::RenameSeries { series_id: sid(i), name }.into(),
            }
        }
    }

    fn arb_op() -> BoxedStrategy<Op> {
        let f = 0..FAIR_POOL;
        let s = 0..SERIES_POOL;
        let version = prop_oneof![6 => Just(Version::Current), 1 => Just(Version::Stale), 1 => (0u64..80).prop_map(Version::Literal)];
        prop_oneof![
            5 => (f.clone(), arb_details()).prop_map(|(i, d)| Op::Create(i, d)),
            4 => (f.clone(), version, arb_details()).prop_map(|(i, v, d)| Op::Edit(i, v, d)),
            3 => f.clone().prop_map(Op::Publish),
            1 => f.clone().prop_map(Op::Unpublish),
            2 => f.clone().prop_map(Op::Close),
            1 => (f, prop_oneof![4 => Just("场馆检修".to_string()), 1 => Just(" \t ".to_string()), 1 => arb_name(), 1 => Just("因".repeat(501))]).prop_map(|(i, r)| Op::Cancel(i, r)),
            2 => (s.clone(), arb_name(), arb_series_kind()).prop_map(|(i, n, k)| Op::CreateSeries(i, n, k)),
            1 => (s, arb_name()).prop_map(|(i, n)| Op::RenameSeries(i, n)),
        ]
        .boxed()
    }

    fn arb_role() -> impl Strategy<Value = Role> {
        prop_oneof![14 => Just(Role::Organizer), 1 => Just(Role::Enterprise), 1 => Just(Role::Host)]
    }

    /// A step: who acts, when (minutes from the base time, back and forth), and what.
    type Step = (Role, i64, Op);

    fn arb_steps() -> impl Strategy<Value = Vec<Step>> {
        prop::collection::vec((arb_role(), (-30i64 * 24 * 60)..(60 * 24 * 60), arb_op()), 1..60)
    }

    fn command(state: &State, (role, minutes, op): &Step) -> Command {
        let actor = match role {
            Role::Organizer => Actor::organizer("王敏"),
            Role::Enterprise => Actor::new(Role::Enterprise, "上海电气"),
            Role::Host => Actor::new(Role::Host, "李局长"),
        };
        Command { actor, now: base() + Duration::minutes(*minutes), intent: op.intent(state) }
    }

    struct Run {
        engine: Engine,
        /// `(log length, state)` after each accepted command.
        states: Vec<(usize, State)>,
        accepted: Vec<&'static str>,
        refused: Vec<String>,
    }

    /// Execute every step, checking each one: a refusal changes nothing; an acceptance leaves a
    /// contiguous, chained log and a state that keeps the invariants; `execute` agrees with a
    /// direct `decide` on the state before.
    fn run(steps: &[Step]) -> Run {
        let mut engine = Engine::new();
        let mut n = 0u128;
        let mut ids = move || {
            n += 1;
            Uuid::from_u128(0xEE_0000 + n)
        };
        let mut out =
            Run { engine: Engine::new(), states: vec![(0, State::default())], accepted: vec![], refused: vec![] };
        for step in steps {
            let cmd = command(engine.state(), step);
            let before_state = engine.state().clone();
            let before_len = engine.log().len();
            let before_hash = engine.log().last_hash().to_owned();
            let decided = decide(&before_state, cmd.clone());
            match engine.execute(cmd, &mut ids) {
                Ok(envs) => {
                    let events: Vec<Event> = envs.iter().map(|e| e.event.clone()).collect();
                    assert_eq!(decided.as_ref(), Ok(&events), "execute and decide disagree");
                    out.accepted.extend(events.iter().map(Event::type_name));
                    if events.is_empty() {
                        assert_eq!(engine.log().len(), before_len);
                        assert_eq!(engine.state(), &before_state, "an empty decision changed the state");
                    }
                    check_log(engine.log());
                    check_invariants(engine.state(), engine.log());
                    out.states.push((engine.log().len(), engine.state().clone()));
                }
                Err(e) => {
                    let ExecuteError::Rule(e) = e else { panic!("append failed: {e:?}") };
                    assert_eq!(decided.as_ref(), Err(&e), "execute and decide disagree");
                    out.refused.push(e.code());
                    assert_eq!(engine.log().len(), before_len, "a refused command appended events");
                    assert_eq!(engine.log().last_hash(), before_hash, "a refused command moved the chain");
                    assert_eq!(engine.state(), &before_state, "a refused command changed the state");
                }
            }
        }
        out.engine = engine;
        out
    }

    /// Sequences 1..=n without gaps, each `prev` the hash of the line before, the log's last
    /// hash that of the last line.
    fn check_log(log: &Log) {
        let mut prev = String::new();
        for (i, env) in log.entries().iter().enumerate() {
            assert_eq!(env.seq, i as u64 + 1, "sequence gap at index {i}");
            assert_eq!(env.prev, prev, "broken chain at seq {}", env.seq);
            prev = hash_line(&to_line(env));
        }
        assert_eq!(log.last_hash(), prev);
        assert_eq!(log.last_seq(), log.len() as u64);
    }

    fn is_clean(s: &str, max: usize) -> bool {
        !s.is_empty() && s.trim() == s && s.chars().count() <= max
    }

    fn check_invariants(s: &State, log: &Log) {
        for f in s.fairs.values() {
            let d = &f.details;
            assert!(is_clean(&d.name, NAME_MAX_CHARS), "fair name {:?}", d.name);
            if let Some(sc) = d.schedule {
                assert!(sc.end > sc.start, "fair {} ends before it starts", f.id);
                assert!(sc.end - sc.start <= Duration::days(MAX_FAIR_DAYS), "fair {} too long", f.id);
            }
            if let Some(v) = &d.venue {
                assert!(d.mode.is_physical(), "online fair {} has a venue", f.id);
                assert!(is_clean(v.place_text(), ADDRESS_MAX_CHARS), "venue text {:?}", v.place_text());
                if let Venue::Remote { region, .. } = v {
                    assert!(!region.is_empty() && region.trim() == region, "region {region:?}");
                }
            }
            if let Some(c) = d.capacity {
                assert!((1..=MAX_CAPACITY).contains(&c), "capacity {c}");
            }
            if let Some(series) = d.series {
                assert!(s.series.contains_key(&series), "fair {} in an unknown series", f.id);
            }
            if matches!(f.status, FairStatus::Published | FairStatus::Closed) {
                assert!(d.schedule.is_some(), "{:?} fair {} without dates", f.status, f.id);
                if d.mode.is_physical() {
                    assert!(d.venue.is_some(), "{:?} {:?} fair {} without a venue", f.status, d.mode, f.id);
                }
            }
            if let FairStatus::Cancelled { reason } = &f.status {
                assert!(!reason.is_empty() && reason.trim() == reason);
            }
            // The version is the sequence of the last event about this fair.
            let last = log.entries().iter().rev().find(|e| matches!(&e.event, Event::Fair(ev) if ev.fair_id() == f.id));
            assert_eq!(Some(f.version), last.map(|e| e.seq), "fair {} version", f.id);
        }
        for series in s.series.values() {
            assert!(is_clean(&series.name, fairlog_domain::series::NAME_MAX_CHARS), "series name {:?}", series.name);
            if let SeriesKind::RecruitmentTour { partner_region } = &series.kind {
                assert!(!partner_region.is_empty() && partner_region.trim() == partner_region);
            }
        }
        assert_eq!(s.last_seq, log.last_seq());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// (a) Replaying the log from scratch gives the state `execute` built, after every
        /// accepted command, and the engine's time-travel view agrees at every prefix.
        #[test]
        fn replay_equals_the_state_built_step_by_step(steps in arb_steps()) {
            let r = run(&steps);
            let entries = r.engine.log().entries();
            for (len, state) in &r.states {
                prop_assert_eq!(&State::replay(&entries[..*len]), state, "after {} events", len);
            }
            prop_assert_eq!(&State::replay(entries), r.engine.state());
            for k in 0..=entries.len() {
                prop_assert_eq!(r.engine.state_at(k as u64), State::replay(&entries[..k]), "state_at({})", k);
            }
        }

        /// (b) `decide` never panics, on any command against any reachable state, and is pure:
        /// asked twice, it answers the same.
        #[test]
        fn decide_never_panics_and_is_deterministic(steps in arb_steps(), extra in prop::collection::vec((arb_role(), -100_000i64..300_000, arb_op()), 1..30)) {
            let r = run(&steps);
            let state = r.engine.state();
            for step in &extra {
                let cmd = command(state, step);
                let first = decide(state, cmd.clone());
                prop_assert_eq!(first, decide(state, cmd));
            }
        }

        /// (c) Export then import gives the same envelopes; re-exporting the imported log gives
        /// the same bytes.
        #[test]
        fn export_import_is_the_identity(steps in arb_steps()) {
            let r = run(&steps);
            let text = codec::export(r.engine.log());
            let back = codec::import(&text).expect("an exported log imports");
            prop_assert_eq!(&back.envelopes[..], r.engine.log().entries());
            prop_assert_eq!(back.header.count, r.engine.log().last_seq());
            prop_assert_eq!(&back.header.last_hash, r.engine.log().last_hash());
            let lines = back.envelopes.iter().map(|e| (e.seq, Some(to_line(e))));
            let (restored, problem) = Engine::restore(lines);
            prop_assert_eq!(problem, None);
            prop_assert_eq!(codec::export(restored.log()), text);
            prop_assert_eq!(restored.state(), r.engine.state());
        }

        /// (d) and (e) hold at every step inside `run`; here, the whole log at the end also
        /// verifies through the codec.
        #[test]
        fn invariants_hold_after_any_sequence(steps in arb_steps()) {
            let r = run(&steps);
            check_log(r.engine.log());
            check_invariants(r.engine.state(), r.engine.log());
            prop_assert!(codec::import(&codec::export(r.engine.log())).is_ok());
        }
    }

    /// Guard against vacuous properties: the generator does reach every event type and trips
    /// every rule the strategies aim at.
    #[test]
    fn the_generator_reaches_every_outcome() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut accepted = std::collections::BTreeMap::<&str, usize>::new();
        let mut refused = std::collections::BTreeMap::<String, usize>::new();
        for _ in 0..256 {
            let steps = arb_steps().new_tree(&mut runner).unwrap().current();
            let r = run(&steps);
            for a in r.accepted {
                *accepted.entry(a).or_default() += 1;
            }
            for e in r.refused {
                *refused.entry(e).or_default() += 1;
            }
        }
        eprintln!("accepted: {accepted:?}\nrefused: {refused:?}");
        for ty in [
            "FairCreated",
            "FairEdited",
            "FairPublished",
            "FairUnpublished",
            "FairClosed",
            "FairCancelled",
            "SeriesCreated",
            "SeriesRenamed",
        ] {
            let n = accepted.get(ty).copied().unwrap_or(0);
            assert!(n >= 10, "only {n} {ty} in 256 runs: {accepted:?}");
        }
        for code in [
            "forbidden",
            "fair.not_found",
            "fair.already_exists",
            "fair.name_required",
            "fair.name_too_long",
            "fair.end_not_after_start",
            "fair.too_long",
            "fair.address_required",
            "fair.address_too_long",
            "fair.venue_mode_mismatch",
            "fair.venue_required",
            "fair.dates_required",
            "fair.capacity_out_of_range",
            "fair.series_not_found",
            "fair.not_editable",
            "fair.edit_conflict",
            "fair.invalid_transition",
            "fair.close_before_start",
            "fair.reason_required",
            "fair.reason_too_long",
            "series.not_found",
            "series.already_exists",
            "series.name_required",
            "series.name_too_long",
            "series.region_required",
        ] {
            let n = refused.get(code).copied().unwrap_or(0);
            assert!(n >= 3, "only {n} refusals with {code} in 256 runs: {refused:?}");
        }
    }

    /// A hand-written sanity check that the boundaries in the strategies are the domain's.
    #[test]
    fn a_fair_of_exactly_the_maximum_length_is_accepted() {
        let start = base();
        let details = FairDetails {
            name: "名".repeat(NAME_MAX_CHARS),
            series: None,
            industry: Industry::General,
            mode: FairMode::Online,
            venue: None,
            schedule: Some(Schedule { start, end: start + Duration::days(MAX_FAIR_DAYS) }),
            capacity: Some(MAX_CAPACITY),
        };
        let r = run(&[(Role::Organizer, 0, Op::Create(0, details))]);
        assert_eq!(r.accepted, vec!["FairCreated"]);
    }
}
