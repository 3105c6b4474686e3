//! A small given / when / then harness for domain tests, and shared fixtures.
//!
//! ```ignore
//! given([FairCreated { .. }])
//!     .when(PublishFair { fair_id })
//!     .then([FairPublished { fair_id }]);
//! ```
//!
//! Merges take two devices that hold the same log:
//!
//! ```ignore
//! given_on_two_devices([SessionPlanned { .. }, ..])
//!     .on_a(t("2026-03-01T09:10"), ScheduleSession { .. })
//!     .on_b(t("2026-03-01T09:20"), EditSession { .. })
//!     .when_merged()
//!     .then_conflicts([(vec![SessionEdited { .. }.into()], HardConflicts { .. }.into())]);
//! ```
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::command::{decide, Command, Intent};
use crate::engine::Engine;
use crate::envelope::{Actor, EventEnvelope, SCHEMA_VERSION};
use crate::error::DomainError;
use crate::event::Event;
use crate::fair::{FairCommand, FairDetails, FairMode, Schedule, Venue};
use crate::ids::{FairId, SeriesId};
use crate::industry::Industry;
use crate::log::NewEvent;
use crate::merge::MergeEvent;
use crate::place::District;
use crate::series::{SeriesEvent, SeriesKind};
use crate::state::{evolve, State};

/// Numbered ids for a test file, one function per id type, each counting from its own base so
/// that ids of different kinds never meet: `numbered_ids! { host: HostId = 10, ent: EnterpriseId
/// = 30 }` defines `host(i)` = `HostId::from_u128(10 + i)` and `ent(i)` = `EnterpriseId::from_u128(30 + i)`.
#[macro_export]
macro_rules! numbered_ids {
    ($($name:ident: $ty:ident = $base:literal),* $(,)?) => {
        $(
            fn $name(i: u128) -> $ty {
                $ty::from_u128($base + i)
            }
        )*
    };
}

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
        evolve(&mut state, &envelope(i as u64 + 1, default_now(), e.into()));
    }
    Given { state }
}

/// A test envelope: event `seq`, recorded by an organizer at `at`.
fn envelope(seq: u64, at: DateTime<Utc>, event: Event) -> EventEnvelope {
    EventEnvelope {
        id: Uuid::from_u128(seq as u128),
        seq,
        recorded_at: at,
        actor: organizer(),
        schema: SCHEMA_VERSION,
        prev: String::new(),
        cmd: None,
        event,
        redacted: None,
    }
}

/// Start a test from an empty log.
pub fn given_nothing() -> Given {
    given::<Event>([])
}

pub struct Then {
    /// The state the command was decided on, and its `now` (the time its events are recorded at).
    state: State,
    now: DateTime<Utc>,
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
        let now = cmd.now;
        let result = decide(&self.state, cmd);
        Then { state: self.state, now, result }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The state, to damage it as only a hostile log could (regression tests of totality).
    pub fn state_mut(&mut self) -> &mut State {
        &mut self.state
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

    /// The command is accepted, and the state after its events (each evolved once, numbered
    /// after the given events and recorded at the command's `now`) passes `check`. For rules whose
    /// effect is in evolve: an index, a derived record, what a view then shows.
    #[track_caller]
    pub fn then_state(self, check: impl FnOnce(&State)) {
        let events = match self.result {
            Ok(events) => events,
            Err(e) => panic!("expected the command to be accepted, got error {e:?}"),
        };
        let mut state = self.state;
        for e in events {
            let env = envelope(state.last_seq + 1, self.now, e);
            evolve(&mut state, &env);
        }
        check(&state);
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

/// Two devices holding the same log, for merge tests.
pub struct Devices {
    a: Engine,
    b: Engine,
    ids_a: u128,
    ids_b: u128,
}

/// Two devices whose logs both hold these past events (recorded by an organizer at the default
/// time), and nothing else yet.
pub fn given_on_two_devices<E: Into<Event>>(events: impl IntoIterator<Item = E>) -> Devices {
    let mut engine = Engine::new();
    let events: Vec<NewEvent> = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| NewEvent { id: Uuid::from_u128(i as u128 + 1), event: e.into() })
        .collect();
    let sealed = engine.log().seal(0, &organizer(), default_now(), events).expect("an empty log");
    engine.commit_sealed(sealed).expect("fresh ids");
    Devices { a: engine.clone(), b: engine, ids_a: 0xA_0000, ids_b: 0xB_0000 }
}

fn run_on(engine: &mut Engine, ids: &mut u128, device: &str, now: DateTime<Utc>, intent: Intent) {
    let cmd = Command { now, ..organizer_cmd(intent) };
    let mut next = || {
        *ids += 1;
        Uuid::from_u128(*ids)
    };
    if let Err(e) = engine.execute(cmd.clone(), &mut next) {
        panic!("device {device} refused {cmd:?}: {e:?}");
    }
}

impl Devices {
    /// An organizer on device A sends this command at `now`; the device accepts it.
    #[track_caller]
    pub fn on_a(mut self, now: DateTime<Utc>, intent: impl Into<Intent>) -> Self {
        run_on(&mut self.a, &mut self.ids_a, "A", now, intent.into());
        self
    }

    /// An organizer on device B sends this command at `now`; the device accepts it.
    #[track_caller]
    pub fn on_b(mut self, now: DateTime<Utc>, intent: impl Into<Intent>) -> Self {
        run_on(&mut self.b, &mut self.ids_b, "B", now, intent.into());
        self
    }

    /// Merge B's log into A and A's into B (a day after the last command); both must agree.
    #[track_caller]
    pub fn when_merged(self) -> Merged {
        let ab = merge_logs(&self.a, &self.b);
        let ba = merge_logs(&self.b, &self.a);
        assert_eq!(ab.state(), ba.state(), "merging is commutative");
        Merged { ab, ba }
    }
}

/// `from`'s log, exported and imported, merged into a copy of `into`.
pub fn merge_logs(into: &Engine, from: &Engine) -> Engine {
    let last = |e: &Engine| e.log().entries().last().map(|e| e.recorded_at).unwrap_or_else(default_now);
    let now = last(into).max(last(from)) + Duration::days(1);
    let remote = crate::codec::import(&crate::codec::export(from.log())).expect("an exported log imports");
    let mut out = into.clone();
    if let Some(plan) = out.plan_merge(&remote, "other-device.jsonl", &organizer(), now, Uuid::from_u128(0xAAAA)) {
        out.apply_merge(plan).expect("a plan applies to the log it was made for");
    }
    out
}

/// Both merges of two devices' logs (B into A, A into B).
pub struct Merged {
    pub ab: Engine,
    pub ba: Engine,
}

impl Merged {
    /// The merged state (the same whichever device merged).
    pub fn state(&self) -> &State {
        self.ab.state()
    }

    /// The commands the merge kept out, in order: each one's events (as recorded on their
    /// device) and the rule the first of them broke. They are in the `LogMerged` event's
    /// conflict list, on both devices, and open in the state.
    #[track_caller]
    pub fn then_conflicts(self, expected: impl IntoIterator<Item = (Vec<Event>, DomainError)>) -> Self {
        let expected: Vec<(Vec<Event>, DomainError)> = expected.into_iter().collect();
        for (device, engine) in [("A", &self.ab), ("B", &self.ba)] {
            let reported: Vec<(Vec<Event>, DomainError)> = engine
                .log()
                .entries()
                .iter()
                .filter_map(|e| match &e.event {
                    Event::Merge(MergeEvent::LogMerged { conflicts, .. }) => Some(conflicts),
                    _ => None,
                })
                .flatten()
                .map(|c| (c.events.iter().map(|e| e.event.clone()).collect(), c.error.clone()))
                .collect();
            assert_eq!(reported, expected, "conflicts reported by the merge on device {device}");
        }
        let mut open: Vec<(Vec<Event>, DomainError)> = self
            .state()
            .open_conflicts
            .values()
            .map(|c| (c.events.iter().map(|e| e.event.clone()).collect(), c.error.clone()))
            .collect();
        let mut want = expected;
        let key = |c: &(Vec<Event>, DomainError)| format!("{c:?}");
        open.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(open, want, "open conflicts");
        self
    }

    /// The merge took in everything: no conflict.
    #[track_caller]
    pub fn then_no_conflicts(self) -> Self {
        self.then_conflicts([])
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

/// Enterprise number `n` registered: named "企业{n}", with a valid credit code of its own.
pub fn enterprise_registered(enterprise_id: crate::ids::EnterpriseId, n: u128) -> Event {
    let credit_code = crate::credit_code::complete(&format!("91310000MA1FL{n:04}"));
    crate::enterprise::EnterpriseEvent::EnterpriseRegistered {
        enterprise_id,
        profile: crate::enterprise::EnterpriseProfile { name: format!("企业{n}"), credit_code, ..sample_profile() },
    }
    .into()
}

/// Host number `n` registered: "主播{n}", 局长 at 人社局.
pub fn host_registered(host_id: crate::ids::HostId, n: u128) -> Event {
    let profile =
        crate::host::HostProfile {
            name: format!("主播{n}"), title: "局长".into(), organisation: "人社局".into()
        };
    crate::host::HostEvent::HostRegistered { host_id, profile }.into()
}

/// Channel number `n` added: "直播间{n}", streaming from the test site `zhibo.shggzp.example`
/// (which the test must allow).
pub fn channel_added(channel_id: crate::ids::ChannelId, n: u128, platform: crate::host::Platform) -> Event {
    let details = crate::host::ChannelDetails {
        name: format!("直播间{n}"),
        platform,
        stream_url: format!("https://zhibo.shggzp.example/{n}"),
    };
    crate::host::HostEvent::ChannelAdded { channel_id, details }.into()
}
