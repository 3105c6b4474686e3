//! A small given / when / then harness for domain tests, and shared fixtures.
//!
//! ```ignore
//! given([FairCreated { .. }])
//!     .when(PublishFair { fair_id })
//!     .then([FairPublished { fair_id }]);
//! ```
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::command::{decide, Command, Intent};
use crate::engine::Engine;
use crate::envelope::{Actor, EventEnvelope, SCHEMA_VERSION};
use crate::error::DomainError;
use crate::event::Event;
use crate::fair::{FairCommand, FairDetails, FairMode, Schedule, Venue};
use crate::ids::{FairId, SeriesId};
use crate::industry::Industry;
use crate::place::District;
use crate::series::{SeriesEvent, SeriesKind};
use crate::state::{evolve, State};

/// A Shanghai wall-clock time, e.g. `t("2026-03-14T09:00")`.
pub fn t(local: &str) -> DateTime<Utc> {
    crate::time::parse_local_input(local).unwrap_or_else(|| panic!("bad test time {local}"))
}

/// The default "now" of a test command.
pub fn default_now() -> DateTime<Utc> {
    t("2026-03-01T09:00")
}

pub fn organizer() -> Actor {
    Actor::organizer("王敏")
}

pub fn organizer_cmd(intent: impl Into<Intent>) -> Command {
    Command { actor: organizer(), now: default_now(), intent: intent.into() }
}

pub fn hall() -> Venue {
    Venue::Hall { district: District::Xuhui, address: "徐汇区漕溪北路 1111 号".into() }
}

pub fn series_created(id: SeriesId) -> Event {
    SeriesEvent::SeriesCreated { series_id: id, name: "千企万岗".into(), kind: SeriesKind::ThousandsOfPosts }.into()
}

pub struct Given {
    state: State,
}

/// Start a test from these past events.
pub fn given<E: Into<Event>>(events: impl IntoIterator<Item = E>) -> Given {
    let mut state = State::default();
    for (i, e) in events.into_iter().enumerate() {
        let env = EventEnvelope {
            id: Uuid::from_u128(i as u128 + 1),
            seq: i as u64 + 1,
            recorded_at: default_now(),
            actor: organizer(),
            schema: SCHEMA_VERSION,
            prev: String::new(),
            cmd: None,
            event: e.into(),
        };
        evolve(&mut state, &env);
    }
    Given { state }
}

/// Start a test from an empty log.
pub fn given_nothing() -> Given {
    given::<Event>([])
}

pub struct Then {
    result: Result<Vec<Event>, DomainError>,
}

impl Given {
    /// The command, sent by an organizer at the default time.
    pub fn when(self, intent: impl Into<Intent>) -> Then {
        self.when_full(organizer_cmd(intent))
    }

    /// The command, sent by an organizer at `now`.
    pub fn when_at(self, now: DateTime<Utc>, intent: impl Into<Intent>) -> Then {
        self.when_full(Command { now, ..organizer_cmd(intent) })
    }

    pub fn when_full(self, cmd: Command) -> Then {
        Then { result: decide(&self.state, cmd) }
    }

    pub fn state(&self) -> &State {
        &self.state
    }
}

impl Then {
    #[track_caller]
    pub fn then<E: Into<Event>>(self, expected: impl IntoIterator<Item = E>) {
        let expected: Vec<Event> = expected.into_iter().map(Into::into).collect();
        match self.result {
            Ok(events) => assert_eq!(events, expected),
            Err(e) => panic!("expected events {expected:?}, got error {e:?}"),
        }
    }

    /// The command is accepted and changes nothing.
    #[track_caller]
    pub fn then_nothing(self) {
        self.then::<Event>([])
    }

    #[track_caller]
    pub fn then_err(self, expected: impl Into<DomainError>) {
        let expected = expected.into();
        match self.result {
            Ok(events) => panic!("expected error {expected:?}, got events {events:?}"),
            Err(e) => assert_eq!(e, expected),
        }
    }
}

/// Ids from a counter, for deterministic tests.
pub fn counter_ids(start: u128) -> impl FnMut() -> Uuid {
    let mut n = start;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

/// Fair details used across tests.
pub fn xuhui_fair(name: &str) -> FairDetails {
    FairDetails {
        name: name.into(),
        series: None,
        industry: Industry::General,
        mode: FairMode::Onsite,
        venue: Some(hall()),
        schedule: Some(Schedule { start: t("2026-03-14T09:00"), end: t("2026-03-14T16:00") }),
        capacity: Some(3000),
    }
}

/// An engine with a few accepted commands: two fairs, one published.
pub fn sample_engine() -> Engine {
    let mut engine = Engine::new();
    let mut ids = counter_ids(1000);
    let a = FairId::from_u128(1);
    let b = FairId::from_u128(2);
    for intent in [
        Intent::from(FairCommand::CreateFair { fair_id: a, details: xuhui_fair("徐汇区春季招聘会") }),
        FairCommand::CreateFair { fair_id: b, details: xuhui_fair("漕河泾专场") }.into(),
        FairCommand::PublishFair { fair_id: a }.into(),
    ] {
        engine.execute(organizer_cmd(intent), &mut ids).expect("sample commands are valid");
    }
    engine
}

pub fn engine_with_fair_named(name: &str) -> Engine {
    let mut engine = Engine::new();
    engine
        .execute(
            organizer_cmd(FairCommand::CreateFair { fair_id: FairId::from_u128(1), details: xuhui_fair(name) }),
            counter_ids(0),
        )
        .expect("valid");
    engine
}

/// An enterprise profile with a valid credit code.
pub fn sample_profile() -> crate::enterprise::EnterpriseProfile {
    crate::enterprise::EnterpriseProfile {
        name: "上海电气集团".into(),
        credit_code: "91350100M000100Y43".into(),
        industry: Industry::Manufacturing,
        district: District::Minhang,
        size: crate::enterprise::CompanySize::Large,
        contact_name: "陈红".into(),
        contact_phone: "13812345678".into(),
        description: String::new(),
    }
}

/// The first-run demo season, as of 2026-11-24 10:00 Shanghai time.
pub fn demo_engine() -> Engine {
    let mut engine = Engine::new();
    let mut ids = counter_ids(0);
    for c in crate::demo::demo_commands(t("2026-11-24T10:00"), &mut ids) {
        engine.execute(c, &mut ids).expect("demo commands are valid");
    }
    engine
}
