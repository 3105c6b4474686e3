//! Generated logs for benchmarks and scale tests: valid command streams at any size,
//! deterministic for a given seed (a small xorshift generator, no `rand` dependency).
use chrono::Duration;
use uuid::Uuid;

use crate::command::{Command, Intent};
use crate::engine::Engine;
use crate::envelope::Actor;
use crate::fair::{FairCommand, FairDetails, FairMode, FairStatus, Schedule, Venue};
use crate::ids::FairId;
use crate::industry::Industry;
use crate::place::District;
use crate::testing::t;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(((self.next_u64() as u128) << 64 | self.next_u64() as u128).to_le_bytes())
            .into_uuid()
    }
}

/// An engine holding at least `events` fair events, produced by valid commands.
pub fn fair_log(events: usize, seed: u64) -> Engine {
    let mut rng = Rng::new(seed);
    let mut event_ids = Rng::new(seed ^ 0xE7E7_0000_0000_0001);
    let mut engine = Engine::new();
    let mut fairs: Vec<FairId> = Vec::new();
    let actor = Actor::organizer("生成器");
    let base = t("2026-01-05T09:00");
    while engine.log().len() < events {
        let roll = rng.below(100);
        let intent: Intent = if fairs.is_empty() || roll < 40 {
            let id = FairId(rng.uuid());
            fairs.push(id);
            FairCommand::CreateFair { fair_id: id, details: details(&mut rng, fairs.len(), base) }.into()
        } else {
            let id = fairs[rng.below(fairs.len() as u64) as usize];
            let fair = &engine.state().fairs[&id];
            match (&fair.status, roll) {
                (FairStatus::Draft, 40..=79) | (FairStatus::Published, 40..=89) => FairCommand::EditFair {
                    fair_id: id,
                    expected_version: fair.version,
                    details: details(&mut rng, fairs.len(), base),
                }
                .into(),
                (FairStatus::Draft, _) => FairCommand::PublishFair { fair_id: id }.into(),
                (FairStatus::Published, 90..=94) => {
                    FairCommand::CancelFair { fair_id: id, reason: "场地调整".into() }.into()
                }
                (FairStatus::Published, _) => FairCommand::CloseFair { fair_id: id }.into(),
                _ => continue,
            }
        };
        let now = base + Duration::days(400);
        let cmd = Command { actor: actor.clone(), now, intent };
        // A refused command (e.g. closing a fair the generator dated in the future) just adds nothing.
        let _ = engine.execute(cmd, || event_ids.uuid());
    }
    engine
}

fn details(rng: &mut Rng, n: usize, base: chrono::DateTime<chrono::Utc>) -> FairDetails {
    let district = District::ALL[rng.below(District::ALL.len() as u64) as usize];
    let industry = Industry::ALL[rng.below(Industry::ALL.len() as u64) as usize];
    let mode = FairMode::ALL[rng.below(3) as usize];
    let start = base + Duration::days(rng.below(360) as i64) + Duration::hours(rng.below(4) as i64);
    FairDetails {
        name: format!("{}{}专场招聘会 第{}场", district.zh(), industry.zh(), n),
        series: None,
        industry,
        mode,
        venue: mode
            .is_physical()
            .then(|| Venue::Hall { district, address: format!("{}某某路 {} 号", district.zh(), rng.below(2000)) }),
        schedule: Some(Schedule { start, end: start + Duration::hours(6) }),
        capacity: Some(500 + rng.below(5000) as u32),
    }
}

/// A whole season at any size: fairs with floor plans, enterprises, posts, booth requests,
/// approvals, cancellations, expiries and outcomes, all through valid commands. Deterministic
/// for a seed. Used by the dashboard benchmark and the figures checks.
pub fn season_log(events: usize, seed: u64) -> Engine {
    use crate::booking::{BookingCommand, BoothTarget};
    use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile};
    use crate::fair::FairOutcome;
    use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
    use crate::ids::{BookingId, BoothId, EnterpriseId, PostId, ZoneId};
    use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};

    let mut rng = Rng::new(seed);
    let mut ids = Rng::new(seed ^ 0x5EA5_0000_0000_0001);
    let mut engine = Engine::new();
    let organizer = Actor::organizer("生成器");
    let base = t("2026-01-05T09:00");
    let mut now = base;
    let mut fairs: Vec<(FairId, Vec<BoothId>)> = Vec::new();
    let mut ents: Vec<EnterpriseId> = Vec::new();
    let mut pending: Vec<BookingId> = Vec::new();
    let mut booked: Vec<BookingId> = Vec::new();
    let mut n = 0u64;
    let run = |engine: &mut Engine, actor: &Actor, now, intent: Intent, ids: &mut Rng| {
        engine.execute(Command { actor: actor.clone(), now, intent }, || ids.uuid()).is_ok()
    };
    while engine.log().len() < events {
        n += 1;
        now += Duration::minutes(1 + rng.below(90) as i64);
        let roll = rng.below(100);
        if fairs.len() < 3 || roll < 3 {
            // A new onsite fair three to six weeks ahead, published, with a hall of booths.
            let id = FairId(ids.uuid());
            let mut d = details(&mut rng, fairs.len() + 1, now + Duration::days(21));
            d.mode = FairMode::Onsite;
            d.venue = Some(Venue::Hall {
                district: District::ALL[rng.below(16) as usize],
                address: "某某路 1 号".into(),
            });
            let zone = ZoneId(ids.uuid());
            let booths: Vec<NewBooth> = (0..(8 + rng.below(12)) as u16)
                .map(|i| NewBooth {
                    booth_id: BoothId(ids.uuid()),
                    zone_id: zone,
                    code: format!("A-{:02}", i + 1),
                    rect: Rect { x: 1 + (i % 10) * 4, y: 1 + (i / 10) * 4, w: 3, h: 3 },
                    amenities: Amenities::default(),
                })
                .collect();
            let booth_ids = booths.iter().map(|b| b.booth_id).collect();
            for intent in [
                Intent::from(FairCommand::CreateFair { fair_id: id, details: d }),
                FairCommand::PublishFair { fair_id: id }.into(),
                FloorPlanCommand::SizeHall { fair_id: id, width: 44, depth: 16 }.into(),
                FloorPlanCommand::AddZone { fair_id: id, zone_id: zone, name: "综合区".into() }.into(),
                FloorPlanCommand::AddBooths { fair_id: id, booths }.into(),
            ] {
                run(&mut engine, &organizer, now, intent, &mut ids);
            }
            fairs.push((id, booth_ids));
        } else if ents.len() < 5 || roll < 20 {
            let id = EnterpriseId(ids.uuid());
            let code = crate::credit_code::complete(&format!("9131{:04}MA{:07}", rng.below(10_000), n % 10_000_000));
            let profile = EnterpriseProfile {
                name: format!("生成企业{n}"),
                credit_code: code,
                industry: Industry::ALL[rng.below(Industry::ALL.len() as u64) as usize],
                district: District::ALL[rng.below(16) as usize],
                size: CompanySize::Medium,
                contact_name: "联系人".into(),
                contact_phone: "13800000000".into(),
                description: String::new(),
            };
            if run(
                &mut engine,
                &organizer,
                now,
                EnterpriseCommand::RegisterEnterprise { enterprise_id: id, profile }.into(),
                &mut ids,
            ) {
                ents.push(id);
            }
        } else if roll < 40 {
            let e = ents[rng.below(ents.len() as u64) as usize];
            let f = fairs[fairs.len() - 1 - rng.below(fairs.len().min(6) as u64) as usize].0;
            let lo = 4000 + rng.below(8000) as u32;
            let details = PostDetails {
                title: format!("岗位{n}"),
                category: PostCategory::ALL[rng.below(PostCategory::ALL.len() as u64) as usize],
                headcount: 1 + rng.below(60) as u32,
                salary_min: lo,
                salary_max: lo + rng.below(6000) as u32,
                education: Education::Any,
                experience: Experience::None,
                district: District::ALL[rng.below(16) as usize],
                fairs: [f].into(),
            };
            run(
                &mut engine,
                &organizer,
                now,
                PostCommand::OpenPost { post_id: PostId(ids.uuid()), enterprise_id: e, details }.into(),
                &mut ids,
            );
        } else if roll < 70 {
            let e = ents[rng.below(ents.len() as u64) as usize];
            let (f, booths) = &fairs[fairs.len() - 1 - rng.below(fairs.len().min(4) as u64) as usize];
            let b = booths[rng.below(booths.len() as u64) as usize];
            let id = BookingId(ids.uuid());
            let cmd = BookingCommand::RequestBooth {
                booking_id: id,
                fair_id: *f,
                enterprise_id: e,
                target: BoothTarget::Booth { booth_id: b },
            };
            if run(&mut engine, &organizer, now, cmd.into(), &mut ids) {
                pending.push(id);
            }
        } else if roll < 90 && !pending.is_empty() {
            // The organizer works through the newest requests first (older holds may have run out).
            let id = pending.pop().expect("not empty");
            if run(&mut engine, &organizer, now, BookingCommand::ApproveBooking { booking_id: id }.into(), &mut ids) {
                booked.push(id);
            }
        } else if roll < 92 && !booked.is_empty() {
            let id = booked.swap_remove(rng.below(booked.len() as u64) as usize);
            run(&mut engine, &organizer, now, BookingCommand::CancelBooking { booking_id: id }.into(), &mut ids);
        } else if roll < 97 {
            // Record the results of a fair that has started.
            let started: Vec<FairId> = engine
                .state()
                .fairs
                .values()
                .filter(|f| f.details.schedule.is_some_and(|s| s.start <= now))
                .map(|f| f.id)
                .collect();
            if let Some(f) = started.get(rng.below(started.len().max(1) as u64) as usize) {
                let v = 200 + rng.below(5000) as u32;
                let outcome = FairOutcome { visitors: v, applications: v / 2, hires: v / 10, returned_to_work: v / 40 };
                run(
                    &mut engine,
                    &organizer,
                    now,
                    FairCommand::RecordFairOutcome { fair_id: *f, outcome }.into(),
                    &mut ids,
                );
            }
        } else {
            run(&mut engine, &organizer, now, BookingCommand::ExpireHolds.into(), &mut ids);
        }
    }
    engine
}
