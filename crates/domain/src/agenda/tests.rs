use std::collections::BTreeSet;

use icalendar::parser::{read_calendar, unfold};

use super::*;
use crate::booking::{BookingCommand, BoothTarget};
use crate::enterprise::{EnterpriseCommand, EnterpriseProfile};
use crate::fair::FairCommand;
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::ids::{BookingId, BoothId, PostId, ZoneId};
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use crate::testing::{counter_ids, organizer, sample_profile, t, xuhui_fair};
use crate::{Actor, Command, Engine, Intent, Role};

fn fair(n: u128) -> FairId {
    FairId::from_u128(n)
}
fn ent() -> EnterpriseId {
    EnterpriseId::from_u128(7)
}
fn me() -> Actor {
    Actor { role: Role::Enterprise, name: "陈红".into(), subject: Some(ent().0), account: None }
}

fn run(e: &mut Engine, actor: Actor, intent: impl Into<Intent>) {
    let ids = counter_ids(e.log().len() as u128 * 10 + 5000);
    e.execute(Command { actor, now: t("2026-03-01T09:00"), intent: intent.into() }, ids).expect("accepted");
}

fn labels() -> AgendaLabels<'static> {
    AgendaLabels {
        calendar_name: "上海电气集团 日程",
        booth: "展位",
        virtual_booth: "虚拟展位",
        posts: "岗位",
        people: "人",
        awaiting_approval: "待审核",
        offered: "候补待确认",
        waitlist: "候补中",
        online: "线上",
        cancelled: "已取消",
        shanghai_time: "北京时间",
        livestream: "直播带岗",
        your_slot: "你的时段",
        english: false,
    }
}

/// Fair 1 (2026-03-14 09:00–16:00 Shanghai) with booth A-01 booked by the enterprise and a post
/// offered there; fair 2 (a draft) with nothing of the enterprise's; a post at no fair.
fn engine() -> Engine {
    let mut e = Engine::new();
    let o = organizer();
    run(&mut e, o.clone(), FairCommand::CreateFair { fair_id: fair(1), details: xuhui_fair("徐汇区春季招聘会") });
    run(&mut e, o.clone(), FairCommand::PublishFair { fair_id: fair(1) });
    run(&mut e, o.clone(), FairCommand::CreateFair { fair_id: fair(2), details: xuhui_fair("草稿招聘会") });
    run(&mut e, o.clone(), FloorPlanCommand::SizeHall { fair_id: fair(1), width: 10, depth: 10 });
    run(
        &mut e,
        o.clone(),
        FloorPlanCommand::AddZone { fair_id: fair(1), zone_id: ZoneId::from_u128(1), name: "A区".into() },
    );
    run(
        &mut e,
        o.clone(),
        FloorPlanCommand::AddBooth {
            fair_id: fair(1),
            booth: NewBooth {
                booth_id: BoothId::from_u128(1),
                zone_id: ZoneId::from_u128(1),
                code: "A-01".into(),
                rect: Rect { x: 0, y: 0, w: 3, h: 3 },
                amenities: Amenities::default(),
            },
        },
    );
    run(
        &mut e,
        me(),
        EnterpriseCommand::RegisterEnterprise {
            enterprise_id: ent(),
            profile: EnterpriseProfile { ..sample_profile() },
        },
    );
    let post = |title: &str, headcount: u32, fairs: &[FairId]| PostDetails {
        title: title.into(),
        category: PostCategory::Production,
        headcount,
        salary_min: 7000,
        salary_max: 9500,
        education: Education::HighSchool,
        experience: Experience::OneYear,
        district: District::Minhang,
        fairs: fairs.iter().copied().collect::<BTreeSet<_>>(),
    };
    run(
        &mut e,
        me(),
        PostCommand::OpenPost {
            post_id: PostId::from_u128(1),
            enterprise_id: ent(),
            details: post("数控车床操作工", 12, &[fair(1)]),
        },
    );
    run(
        &mut e,
        me(),
        PostCommand::OpenPost {
            post_id: PostId::from_u128(2), enterprise_id: ent(), details: post("质检员", 3, &[])
        },
    );
    run(
        &mut e,
        me(),
        BookingCommand::RequestBooth {
            booking_id: BookingId::from_u128(1),
            fair_id: fair(1),
            enterprise_id: ent(),
            target: BoothTarget::Booth { booth_id: BoothId::from_u128(1) },
        },
    );
    e
}

#[test]
fn the_agenda_lists_the_fairs_with_booths_and_posts() {
    let e = engine();
    let agenda = enterprise_agenda(e.state(), ent());
    assert_eq!(agenda.len(), 1);
    assert_eq!(agenda[0].fair.id, fair(1));
    assert_eq!(agenda[0].bookings.len(), 1);
    assert!(!agenda[0].confirmed());
    assert_eq!(agenda[0].jobs_offered(), 12);
    assert!(enterprise_agenda(e.state(), EnterpriseId::from_u128(99)).is_empty());
}

#[test]
fn an_event_carries_the_booth_the_posts_and_a_stable_uid() {
    let mut e = engine();
    let events = agenda_events(e.state(), ent(), &labels());
    assert_eq!(events.len(), 1);
    let ev = &events[0];
    assert_eq!(ev.uid, format!("fair-{}.enterprise-{}@fairlog", fair(1), ent()));
    assert_eq!(ev.summary, "徐汇区春季招聘会 · 展位 A-01");
    assert_eq!(ev.status, AgendaStatus::Tentative);
    assert_eq!(ev.location.as_deref(), Some("徐汇区 徐汇区漕溪北路 1111 号"));
    assert_eq!(
        ev.description,
        "北京时间: 2026-03-14 09:00 – 16:00\n展位 A-01 (待审核)\n岗位 (12 人):\n- 数控车床操作工 × 12"
    );

    run(&mut e, organizer(), BookingCommand::ApproveBooking { booking_id: BookingId::from_u128(1) });
    let again = agenda_events(e.state(), ent(), &labels());
    assert_eq!(again[0].uid, ev.uid, "the same entry, updated");
    assert_eq!(again[0].status, AgendaStatus::Confirmed);
}

#[test]
fn the_ics_file_parses_and_carries_utc_times_of_the_shanghai_schedule() {
    let e = engine();
    let events = agenda_events(e.state(), ent(), &labels());
    let text = to_ics("上海电气集团 日程", &events, t("2026-03-02T10:30"));
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("X-WR-TIMEZONE:Asia/Shanghai"));
    // 09:00 in Shanghai is 01:00 UTC.
    let unfolded = unfold(&text);
    assert!(unfolded.contains("DTSTART:20260314T010000Z"), "{unfolded}");
    assert!(unfolded.contains("DTEND:20260314T080000Z"));
    assert!(unfolded.contains("DTSTAMP:20260302T023000Z"));
    assert!(unfolded.contains("STATUS:TENTATIVE"));

    let parsed = read_calendar(&unfolded).expect("a valid iCalendar file");
    let vevents: Vec<_> = parsed.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(vevents.len(), 1);
    let prop = |name: &str| vevents[0].properties.iter().find(|p| p.name == name).map(|p| p.val.to_string());
    assert_eq!(prop("UID"), Some(format!("fair-{}.enterprise-{}@fairlog", fair(1), ent())));
    assert_eq!(prop("SUMMARY").as_deref(), Some("徐汇区春季招聘会 · 展位 A-01"));

    // Same inputs, same bytes.
    assert_eq!(to_ics("上海电气集团 日程", &events, t("2026-03-02T10:30")), text);
}

#[test]
fn a_cancelled_fair_stays_on_the_agenda_marked_cancelled() {
    let mut e = engine();
    run(&mut e, organizer(), FairCommand::CancelFair { fair_id: fair(1), reason: "场馆检修".into() });
    let events = agenda_events(e.state(), ent(), &labels());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].status, AgendaStatus::Cancelled);
    assert!(events[0].summary.starts_with("[已取消] "));
    assert!(to_ics("x", &events, t("2026-03-02T10:30")).contains("STATUS:CANCELLED"));
}

#[test]
fn an_enterprise_featured_in_a_livestream_gets_its_own_slot_on_the_agenda() {
    let e = crate::testing::demo_engine();
    let s = e.state();
    let (sid, featured) = s
        .live_sessions
        .values()
        .filter(|x| x.status != crate::livestream::SessionStatus::Draft)
        .find_map(|x| x.lineup.first().map(|f| (x.id, f.clone())))
        .expect("the demo features an enterprise in a scheduled session");
    let events = session_events(s, featured.enterprise_id, &labels());
    let ev = events
        .iter()
        .find(|ev| ev.uid == session_uid(sid, featured.enterprise_id))
        .expect("the session is on the agenda");
    let session = &s.live_sessions[&sid];
    assert_eq!((ev.start, ev.end), featured.slot.interval(session.plan.start));
    assert!(ev.summary.starts_with("直播带岗："));
    let ics = to_ics("日程", &events, t("2026-03-01T09:00"));
    let parsed: icalendar::Calendar = ics.parse().expect("the file parses");
    assert_eq!(parsed.components.len(), events.len());
}

#[test]
fn an_enterprise_that_declines_an_invitation_leaves_the_agenda() {
    let mut e = crate::testing::demo_engine();
    let (sid, who) = e
        .state()
        .live_sessions
        .values()
        .filter(|x| x.status.is_open())
        .find_map(|x| {
            x.lineup
                .iter()
                .find(|f| f.invitation == crate::livestream::Invitation::Invited)
                .map(|f| (x.id, f.enterprise_id))
        })
        .expect("the demo has an open invitation");
    assert!(session_events(e.state(), who, &labels()).iter().any(|ev| ev.uid == session_uid(sid, who)));
    let actor = Actor { role: Role::Enterprise, name: "代表".into(), subject: Some(who.0), account: None };
    let decline = crate::livestream::LivestreamCommand::DeclineInvitation {
        session_id: sid,
        enterprise_id: who,
        reason: "当天另有安排".into(),
    };
    let now = e.state().live_sessions[&sid].plan.start - chrono::Duration::days(1);
    e.execute(Command { actor, now, intent: decline.into() }, counter_ids(90_000)).expect("accepted");
    assert!(
        !session_events(e.state(), who, &labels()).iter().any(|ev| ev.uid == session_uid(sid, who)),
        "a declined session is not on the agenda"
    );
}
