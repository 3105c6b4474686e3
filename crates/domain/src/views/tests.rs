use chrono::Duration;

use super::*;
use crate::booking::BookingEvent;
use crate::enterprise::{EnterpriseEvent, EnterpriseProfile};
use crate::event::Event;
use crate::fair::{FairChangeKind, FairDetails, FairEvent, Schedule, Venue};
use crate::floor_plan::{FloorPlanEvent, NewBooth};
use crate::post::{Education, Experience, PostCategory, PostDetails, PostEvent};
use crate::testing::{given, sample_profile, t, xuhui_fair};

fn fair(n: u128) -> FairId {
    FairId::from_u128(n)
}
fn zone() -> ZoneId {
    ZoneId::from_u128(10)
}
fn booth(n: u128) -> BoothId {
    BoothId::from_u128(100 + n)
}
fn ent(n: u128) -> EnterpriseId {
    EnterpriseId::from_u128(200 + n)
}
fn bk(n: u128) -> BookingId {
    BookingId::from_u128(300 + n)
}

fn registered(n: u128, name: &str) -> Event {
    let code = crate::credit_code::complete(&format!("91310000MA1FW{:04}", n));
    EnterpriseEvent::EnterpriseRegistered {
        enterprise_id: ent(n),
        profile: EnterpriseProfile { name: name.into(), credit_code: code, ..sample_profile() },
    }
    .into()
}

/// A 3 × 3 booth of fair 1 on the hall's first row, named field by field.
struct TestBooth<'a> {
    n: u128,
    code: &'a str,
    x: u16,
}

fn add_booth(b: TestBooth<'_>) -> Event {
    FloorPlanEvent::BoothAdded {
        fair_id: fair(1),
        booth: NewBooth {
            booth_id: booth(b.n),
            zone_id: zone(),
            code: b.code.into(),
            rect: Rect { x: b.x, y: 0, w: 3, h: 3 },
            amenities: Amenities::default(),
        },
    }
    .into()
}

/// Booking `n` of enterprise `n` at fair 1: `a_booking(1).requested_booth(3)` holds booth 3.
#[derive(Clone, Copy)]
struct TestBooking {
    booking: u128,
    enterprise: u128,
}

fn a_booking(n: u128) -> TestBooking {
    TestBooking { booking: n, enterprise: n }
}

impl TestBooking {
    fn requested_booth(self, b: u128) -> Event {
        BookingEvent::BoothRequested {
            booking_id: bk(self.booking),
            fair_id: fair(1),
            enterprise_id: ent(self.enterprise),
            booth_id: Some(booth(b)),
            zone_id: None,
            hold_until: t("2026-03-03T09:00"),
        }
        .into()
    }
}

/// Fair 1 (Xuhui, published) with booths A-01…A-04; fair 2 (online, Pudong-less, draft).
/// Enterprise 1 (key, served by 王敏) booked A-01; enterprise 2 requested A-02; enterprise 3
/// requested A-03 later; A-04 blocked.
fn season() -> Vec<Event> {
    let mut online = xuhui_fair("千企万岗·物流线上招聘会");
    online.mode = FairMode::Online;
    online.venue = None;
    online.schedule = Some(Schedule { start: t("2026-03-20T10:00"), end: t("2026-03-22T18:00") });
    vec![
        FairEvent::FairCreated { fair_id: fair(1), details: xuhui_fair("徐汇区春季招聘会") }.into(),
        FairEvent::FairPublished { fair_id: fair(1) }.into(),
        FairEvent::FairCreated { fair_id: fair(2), details: online }.into(),
        FloorPlanEvent::HallSized { fair_id: fair(1), width: 30, depth: 10 }.into(),
        FloorPlanEvent::ZoneAdded { fair_id: fair(1), zone_id: zone(), name: "先进制造A馆".into() }.into(),
        add_booth(TestBooth { n: 1, code: "A-01", x: 0 }),
        add_booth(TestBooth { n: 2, code: "A-02", x: 3 }),
        add_booth(TestBooth { n: 3, code: "A-03", x: 6 }),
        add_booth(TestBooth { n: 4, code: "A-10", x: 9 }),
        FloorPlanEvent::BoothBlocked { booth_id: booth(4), reason: "消防通道".into() }.into(),
        registered(1, "上海电气集团"),
        registered(2, "联影医疗"),
        registered(3, "盒马鲜生"),
        EnterpriseEvent::KeyEnterpriseMarked { enterprise_id: ent(1), category: KeyCategory::MajorProject }.into(),
        EnterpriseEvent::CommissionerAssigned { enterprise_id: ent(1), commissioner: "王敏".into() }.into(),
        EnterpriseEvent::CommissionerAssigned { enterprise_id: ent(3), commissioner: "王敏".into() }.into(),
        EnterpriseEvent::CommissionerAssigned { enterprise_id: ent(2), commissioner: "李强".into() }.into(),
        a_booking(1).requested_booth(1),
        BookingEvent::BookingApproved { booking_id: bk(1) }.into(),
        a_booking(2).requested_booth(2),
        a_booking(3).requested_booth(3),
    ]
}

#[test]
fn the_fair_list_filters_by_every_field_and_by_name() {
    let g = given(season());
    let s = g.state();
    let names = |f: &FairFilter| fairs(s, f).iter().map(|f| f.details.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&FairFilter::default()).len(), 2);
    assert_eq!(names(&FairFilter { mode: Some(FairMode::Online), ..Default::default() }), ["千企万岗·物流线上招聘会"]);
    assert_eq!(names(&FairFilter { district: Some(District::Xuhui), ..Default::default() }), ["徐汇区春季招聘会"]);
    assert!(names(&FairFilter { district: Some(District::Pudong), ..Default::default() }).is_empty());
    assert_eq!(
        names(&FairFilter { status: Some(FairStatusKind::Draft), ..Default::default() }),
        ["千企万岗·物流线上招聘会"]
    );
    assert_eq!(names(&FairFilter { text: " 春季 ".into(), ..Default::default() }), ["徐汇区春季招聘会"]);
    assert!(names(&FairFilter { industry: Some(Industry::Finance), ..Default::default() }).is_empty());
    assert!(FairFilter { text: "  ".into(), ..Default::default() }.is_empty());
    assert!(!FairFilter { mode: Some(FairMode::Online), ..Default::default() }.is_empty());
}

#[test]
fn the_calendar_lists_a_fair_on_each_of_its_days_within_the_range() {
    let g = given(season());
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let days = fairs_by_day(g.state(), &FairFilter::default(), d("2026-03-14"), d("2026-03-21"));
    let on = |day: &str| days.get(&d(day)).map(|v| v.len()).unwrap_or(0);
    assert_eq!(on("2026-03-14"), 1);
    assert_eq!(on("2026-03-15"), 0);
    assert_eq!(on("2026-03-20"), 1);
    assert_eq!(on("2026-03-21"), 1);
    assert_eq!(on("2026-03-22"), 0, "outside the range");
}

#[test]
fn the_floor_plan_shows_each_booth_state_and_enterprise() {
    let g = given(season());
    let plan = floor_plan(g.state(), fair(1));
    let b = |code: &str| plan.booths.iter().find(|b| b.code == code).unwrap().clone();
    assert_eq!(b("A-01").state, BoothState::Booked);
    assert_eq!(b("A-01").enterprise.as_deref(), Some("上海电气集团"));
    assert_eq!(b("A-01").key, Some(KeyCategory::MajorProject));
    assert_eq!(b("A-02").state, BoothState::Requested);
    assert_eq!(b("A-10").state, BoothState::Blocked);
    assert_eq!(b("A-10").blocked.as_deref(), Some("消防通道"));
    assert_eq!(plan.counts(), PlanCounts { free: 0, held: 0, requested: 2, booked: 1, blocked: 1 });
    let codes: Vec<_> = plan.by_code().iter().map(|b| b.code.clone()).collect();
    assert_eq!(codes, ["A-01", "A-02", "A-03", "A-10"], "A-10 after A-03");
    assert_eq!(plan.booth_at(4, 2).map(|b| b.code.as_str()), Some("A-02"));
    assert_eq!(plan.booth_at(20, 2), None);
    assert_eq!(floor_plan(g.state(), fair(2)), PlanView::default());
}

#[test]
fn the_next_booth_code_follows_the_highest_used() {
    let g = given(season());
    let plan = g.state().floor_plans.get(&fair(1));
    assert_eq!(next_booth_code(plan, "A-"), "A-11");
    assert_eq!(next_booth_code(plan, "b-"), "B-01");
    assert_eq!(next_booth_code(None, "C"), "C01");
}

#[test]
fn the_approval_queue_holds_only_waiting_requests_oldest_first() {
    let g = given(season());
    let q = approval_queue(g.state(), fair(1), t("2026-03-01T10:00"));
    let who: Vec<_> = q.iter().map(|r| (r.enterprise.as_str(), r.booth_code.as_deref())).collect();
    assert_eq!(who, [("联影医疗", Some("A-02")), ("盒马鲜生", Some("A-03"))]);
    assert_eq!(q[0].zone.as_deref(), Some("先进制造A馆"));
    assert_eq!(q[0].commissioner.as_deref(), Some("李强"));
    assert!(!q[0].hold_passed);
    let later = approval_queue(g.state(), fair(1), t("2026-03-04T10:00"));
    assert!(later.iter().all(|r| r.hold_passed), "holds run out after 48 hours");
    let done = decided_bookings(g.state(), fair(1), t("2026-03-01T10:00"));
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].key, Some(KeyCategory::MajorProject));
    assert_eq!(done[0].status, BookingStatus::Booked);
}

#[test]
fn free_booths_are_those_neither_blocked_nor_taken() {
    let mut e = season();
    e.push(add_booth(TestBooth { n: 5, code: "A-05", x: 12 }));
    let g = given(e);
    let codes: Vec<_> = free_booths(g.state(), fair(1)).iter().map(|b| b.code.clone()).collect();
    assert_eq!(codes, ["A-05"]);
}

#[test]
fn a_commissioner_sees_their_enterprises_with_bookings_and_open_posts() {
    let post = |n: u128, e: u128, head: u32| -> Event {
        PostEvent::PostOpened {
            post_id: crate::ids::PostId::from_u128(900 + n),
            enterprise_id: ent(e),
            details: PostDetails {
                title: "数控操作工".into(),
                category: PostCategory::Production,
                headcount: head,
                salary_min: 6000,
                salary_max: 9000,
                education: Education::HighSchool,
                experience: Experience::OneYear,
                district: District::Minhang,
                fairs: Default::default(),
            },
        }
        .into()
    };
    let mut e = season();
    e.push(post(1, 1, 12));
    e.push(post(2, 1, 3));
    e.push(post(3, 1, 50));
    e.push(PostEvent::PostFilled { post_id: crate::ids::PostId::from_u128(903) }.into());
    e.push(post(4, 2, 7));
    let g = given(e);
    let list = commissioner_enterprises(g.state(), " 王敏 ");
    let names: Vec<_> = list.iter().map(|c| c.enterprise.profile.name.as_str()).collect();
    assert_eq!(names, ["上海电气集团", "盒马鲜生"], "key enterprises first");
    assert_eq!(list[0].open_posts.len(), 2);
    assert_eq!(list[0].jobs_offered, 15);
    assert_eq!(list[0].bookings.len(), 1);
    assert_eq!(list[0].bookings[0].booth_code.as_deref(), Some("A-01"));
    assert_eq!(list[1].bookings[0].status.key(), "requested");
    assert_eq!(commissioners(g.state()), [("李强".to_string(), 1), ("王敏".to_string(), 2)]);
    assert!(commissioner_enterprises(g.state(), "无名").is_empty());
}

fn moved(details: &FairDetails, days: i64) -> FairDetails {
    let s = details.schedule.unwrap();
    FairDetails {
        schedule: Some(Schedule { start: s.start + Duration::days(days), end: s.end + Duration::days(days) }),
        ..details.clone()
    }
}

#[test]
fn booked_enterprises_see_new_dates_and_cancellations_made_after_they_booked() {
    let base = xuhui_fair("徐汇区春季招聘会");
    let mut e = season();
    e.push(FairEvent::FairEdited { fair_id: fair(1), details: moved(&base, 1) }.into());
    e.push(FairEvent::FairCancelled { fair_id: fair(1), reason: "场馆检修".into() }.into());
    let g = given(e);
    let notices = fair_notices_for(g.state(), ent(1));
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[0].change.kind, FairChangeKind::Cancelled { reason: "场馆检修".into() });
    assert!(matches!(
        notices[1].change.kind,
        FairChangeKind::Rescheduled { from: Some(a), to: Some(b) } if b.start - a.start == Duration::days(1)
    ));
    let affected: Vec<_> = affected_by_fair_change(g.state(), fair(1)).into_iter().map(|a| a.name).collect();
    assert_eq!(affected, ["上海电气集团", "盒马鲜生", "联影医疗"]);
}

#[test]
fn changes_before_booking_or_to_drafts_are_not_notices() {
    let base = xuhui_fair("徐汇区春季招聘会");
    let mut e: Vec<Event> = vec![
        FairEvent::FairCreated { fair_id: fair(1), details: base.clone() }.into(),
        // A draft's dates change freely: nobody can have booked it.
        FairEvent::FairEdited { fair_id: fair(1), details: moved(&base, 1) }.into(),
        FairEvent::FairPublished { fair_id: fair(1) }.into(),
        FairEvent::FairEdited { fair_id: fair(1), details: moved(&base, 2) }.into(),
    ];
    e.extend(season().into_iter().skip(2));
    let moved_venue = FairDetails {
        venue: Some(Venue::Hall { district: District::Xuhui, address: "宜山路 700 号".into() }),
        ..moved(&base, 2)
    };
    e.push(FairEvent::FairEdited { fair_id: fair(1), details: moved_venue }.into());
    let g = given(e);
    assert_eq!(g.state().fair_changes[&fair(1)].len(), 2, "one reschedule while published, one move");
    let notices = fair_notices_for(g.state(), ent(2));
    assert_eq!(notices.len(), 1);
    assert!(matches!(notices[0].change.kind, FairChangeKind::Moved { .. }));
    // A rejected request no longer hears about the fair.
    let mut e2 = season();
    e2.push(BookingEvent::BookingRejected { booking_id: bk(2), reason: "行业不符".into() }.into());
    e2.push(FairEvent::FairCancelled { fair_id: fair(1), reason: "场馆检修".into() }.into());
    let g2 = given(e2);
    assert!(fair_notices_for(g2.state(), ent(2)).is_empty());
    assert_eq!(fair_notices_for(g2.state(), ent(3)).len(), 1);
}
