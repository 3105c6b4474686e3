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
