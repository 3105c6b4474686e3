//! Generated logs with floor plans and bookings, for benchmarks at scale: published fairs with
//! large halls, many enterprises, and a stream of requests, approvals, rejections, moves and
//! cancellations. Every event comes from a command the domain accepted. Deterministic per seed.
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::booking::{BookingCommand, BookingRules, BookingStatus, BoothTarget};
use crate::command::{Command, Intent};
use crate::credit_code;
use crate::engine::Engine;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile};
use crate::envelope::{Actor, Role};
use crate::fair::{FairCommand, FairDetails, FairMode, Schedule, Venue};
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, ZoneId};
use crate::industry::Industry;
use crate::place::District;
use crate::synth::Rng;
use crate::testing::t;

/// Booths per generated fair: a 200 × 200 m hall holds 50 rows of 50 booths of 3 × 3 m with 1 m
/// aisles; we use `BOOTHS_PER_FAIR` of those places.
pub const BOOTHS_PER_FAIR: usize = 1000;
const ROW: usize = 50;

/// The time every generated command is sent at (fairs start later, so requests are open).
pub fn synth_now() -> DateTime<Utc> {
    t("2026-01-05T09:00")
}

/// A fair with `BOOTHS_PER_FAIR` booths, as `AddBooths` batches of 100.
pub fn fair_with_booths(fair_id: FairId, n: usize, rng: &mut Rng) -> Vec<Intent> {
    let start = synth_now() + Duration::days(30 + n as i64 % 300);
    let district = District::ALL[n % District::ALL.len()];
    let details = FairDetails {
        name: format!("{}大型招聘会 第{}场", district.zh(), n),
        series: None,
        industry: Industry::ALL[n % Industry::ALL.len()],
        mode: FairMode::Onsite,
        venue: Some(Venue::Hall { district, address: format!("{}会展路 {} 号", district.zh(), n) }),
        schedule: Some(Schedule { start, end: start + Duration::hours(7) }),
        capacity: Some(10_000),
    };
    let zone_id = ZoneId(rng.uuid());
    let mut out: Vec<Intent> = vec![
        FairCommand::CreateFair { fair_id, details }.into(),
        FairCommand::PublishFair { fair_id }.into(),
        FloorPlanCommand::SizeHall { fair_id, width: 200, depth: 200 }.into(),
        FloorPlanCommand::AddZone { fair_id, zone_id, name: "综合展区".into() }.into(),
        BookingCommand::SetBookingRules {
            fair_id,
            rules: BookingRules { max_booths_per_enterprise: 20, ..BookingRules::default() },
        }
        .into(),
    ];
    for chunk in 0..BOOTHS_PER_FAIR / 100 {
        let booths = (0..100)
            .map(|i| {
                let k = chunk * 100 + i;
                NewBooth {
                    booth_id: BoothId(rng.uuid()),
                    zone_id,
                    code: format!("A-{k:04}"),
                    rect: Rect { x: (k % ROW) as u16 * 4, y: (k / ROW) as u16 * 4, w: 3, h: 3 },
                    amenities: Amenities { power: true, ..Amenities::default() },
                }
            })
            .collect();
        out.push(FloorPlanCommand::AddBooths { fair_id, booths }.into());
    }
    out
}

/// An engine holding at least `events` events: fairs of 1,000 booths each (about 40 % of the
/// events), 1,000 enterprises, then booking traffic (requests, approvals, rejections,
/// reassignments, cancellations) and booth moves.
pub fn booth_log(events: usize, seed: u64) -> Engine {
    let mut rng = Rng::new(seed);
    let mut event_ids = Rng::new(seed ^ 0xB007_0000_0000_0001);
    let mut engine = Engine::new();
    let organizer = Actor::organizer("生成器");
    let now = synth_now();
    let mut run = |engine: &mut Engine, actor: &Actor, intent: Intent| {
        let cmd = Command { actor: actor.clone(), now, intent };
        engine.execute(cmd, || event_ids.uuid()).is_ok()
    };

    let enterprises: Vec<EnterpriseId> = (0..1000).map(|_| EnterpriseId(rng.uuid())).collect();
    for (i, id) in enterprises.iter().enumerate() {
        let profile = generated_profile(i, format!("生成企业{i:04}"));
        run(&mut engine, &organizer, EnterpriseCommand::RegisterEnterprise { enterprise_id: *id, profile }.into());
    }

    let mut fairs: Vec<FairId> = Vec::new();
    while engine.log().len() < events * 2 / 5 {
        let fair_id = FairId(rng.uuid());
        for intent in fair_with_booths(fair_id, fairs.len(), &mut rng) {
            run(&mut engine, &organizer, intent);
        }
        fairs.push(fair_id);
    }

    let mut pending: Vec<BookingId> = Vec::new();
    let mut booked: Vec<BookingId> = Vec::new();
    while engine.log().len() < events {
        let roll = rng.below(100);
        let fair = fairs[rng.below(fairs.len() as u64) as usize];
        let booth = {
            let plan = &engine.state().floor_plans[&fair];
            let k = rng.below(plan.booths.len() as u64) as usize;
            plan.booths.keys().nth(k).copied()
        };
        let Some(booth_id) = booth else { continue };
        match roll {
            0..=49 => {
                let e = enterprises[rng.below(enterprises.len() as u64) as usize];
                let booking_id = BookingId(rng.uuid());
                let actor =
                    Actor { role: Role::Enterprise, name: "联系人".into(), subject: Some(e.0), account: None };
                let intent = BookingCommand::RequestBooth {
                    booking_id,
                    fair_id: fair,
                    enterprise_id: e,
                    target: BoothTarget::Booth { booth_id },
                };
                if run(&mut engine, &actor, intent.into()) {
                    pending.push(booking_id);
                }
            }
            50..=69 if !pending.is_empty() => {
                let id = pending.swap_remove(rng.below(pending.len() as u64) as usize);
                if run(&mut engine, &organizer, BookingCommand::ApproveBooking { booking_id: id }.into()) {
                    booked.push(id);
                }
            }
            70..=74 if !pending.is_empty() => {
                let id = pending.swap_remove(rng.below(pending.len() as u64) as usize);
                let reason = "行业不符".into();
                run(&mut engine, &organizer, BookingCommand::RejectBooking { booking_id: id, reason }.into());
            }
            80..=84 if !booked.is_empty() => {
                let id = booked[rng.below(booked.len() as u64) as usize];
                let same_fair = engine.state().bookings.get(&id).is_some_and(|b| b.fair_id == fair);
                if same_fair {
                    run(&mut engine, &organizer, BookingCommand::ReassignBooking { booking_id: id, booth_id }.into());
                }
            }
            85..=89 if !booked.is_empty() => {
                let id = booked.swap_remove(rng.below(booked.len() as u64) as usize);
                run(&mut engine, &organizer, BookingCommand::CancelBooking { booking_id: id }.into());
            }
            _ => {
                // Nudge a booth one metre into an aisle and back: the grid leaves room.
                let rect = engine.state().floor_plans[&fair].booths[&booth_id].rect;
                let x = if rect.x % 4 == 0 { rect.x + 1 } else { rect.x - 1 };
                run(&mut engine, &organizer, FloorPlanCommand::MoveBooth { booth_id, x, y: rect.y }.into());
            }
        }
    }
    // Keep only the bookings still waiting, for benchmarks that approve one.
    debug_assert!(pending.iter().all(|id| matches!(
        engine.state().bookings.get(id).map(|b| &b.status),
        Some(BookingStatus::Requested { .. }) | None
    )));
    engine
}

/// One published fair with `BOOTHS_PER_FAIR` booths in every state (about a third requested, a
/// third booked, a few blocked, the rest free), for rendering benchmarks. Returns the engine and
/// the fair.
pub fn showcase_fair(seed: u64) -> (Engine, FairId) {
    let mut rng = Rng::new(seed);
    let mut event_ids = Rng::new(seed ^ 0x5E0C_0000_0000_0001);
    let mut engine = Engine::new();
    let organizer = Actor::organizer("生成器");
    let now = synth_now();
    let mut run = |engine: &mut Engine, actor: &Actor, intent: Intent| {
        engine.execute(Command { actor: actor.clone(), now, intent }, || event_ids.uuid()).is_ok()
    };
    let fair_id = FairId(rng.uuid());
    for intent in fair_with_booths(fair_id, 0, &mut rng) {
        run(&mut engine, &organizer, intent);
    }
    let names =
        ["上海宝联精密机械有限公司", "联影医疗", "上海申程快递服务有限公司", "盒马鲜生", "上海临港海事工程有限公司"];
    let ents: Vec<EnterpriseId> = (0..60).map(|_| EnterpriseId(rng.uuid())).collect();
    for (i, id) in ents.iter().enumerate() {
        let profile = generated_profile(i, format!("{}{}", names[i % names.len()], i));
        run(&mut engine, &organizer, EnterpriseCommand::RegisterEnterprise { enterprise_id: *id, profile }.into());
    }
    let booths: Vec<BoothId> = engine.state().floor_plans[&fair_id].booths.keys().copied().collect();
    let mut approve = Vec::new();
    for (k, booth_id) in booths.into_iter().enumerate() {
        match k % 3 {
            _ if k % 50 == 7 => {
                let intent = FloorPlanCommand::BlockBooth { booth_id, reason: "消防通道".into() }.into();
                run(&mut engine, &organizer, intent);
            }
            0 => {}
            r => {
                let e = ents[(k / 3) % ents.len()];
                let booking_id = BookingId(rng.uuid());
                let actor =
                    Actor { role: Role::Enterprise, name: "联系人".into(), subject: Some(e.0), account: None };
                let target = BoothTarget::Booth { booth_id };
                let intent = BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: e, target };
                if run(&mut engine, &actor, intent.into()) && r == 2 {
                    approve.push(booking_id);
                }
            }
        }
    }
    run(&mut engine, &organizer, BookingCommand::ApproveBookings { booking_ids: approve }.into());
    (engine, fair_id)
}

/// An id the generated log does not hold (for benchmark commands).
pub fn fresh_id(n: u128) -> Uuid {
    Uuid::from_u128(0xBE4C_0000_0000_0000_0000_0000_0000_0000 | n)
}

/// The profile of generated enterprise `i` (below 10,000,000): a valid credit code, industries and
/// districts in turn. Also the rush tool's enterprises.
pub fn generated_profile(i: usize, name: String) -> EnterpriseProfile {
    EnterpriseProfile {
        name,
        credit_code: credit_code::complete(&format!("91310000MA{:07}", i)),
        industry: Industry::ALL[i % Industry::ALL.len()],
        district: District::ALL[i % District::ALL.len()],
        size: CompanySize::Medium,
        contact_name: "联系人".into(),
        contact_phone: "13800000000".into(),
        description: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::BoothState;
    use crate::views;

    #[test]
    fn the_showcase_fair_has_booths_in_every_state() {
        let (engine, fair) = showcase_fair(1);
        let c = views::floor_plan(engine.state(), fair).counts();
        assert_eq!(c.free + c.requested + c.booked + c.blocked + c.held, BOOTHS_PER_FAIR);
        assert!(c.free > 250 && c.requested > 250 && c.booked > 250 && c.blocked >= 15, "{c:?}");
    }

    #[test]
    fn the_generated_log_has_plans_requests_and_bookings() {
        let engine = booth_log(6_000, 3);
        let s = engine.state();
        assert!(engine.log().len() >= 6_000);
        assert!(s.fairs.len() >= 2);
        let plan = views::floor_plan(s, *s.fairs.keys().next().unwrap());
        assert_eq!(plan.booths.len(), BOOTHS_PER_FAIR);
        let total = |st: BoothState| {
            s.fairs
                .keys()
                .map(|f| views::floor_plan(s, *f).booths.iter().filter(|b| b.state == st).count())
                .sum::<usize>()
        };
        assert!(total(BoothState::Booked) > 100);
        assert!(total(BoothState::Requested) > 10);
        let moved = engine.log().entries().iter().filter(|e| e.event.type_name() == "BoothMoved").count();
        assert!(moved > 50);
    }
}
