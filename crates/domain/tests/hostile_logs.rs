//! Crafted files with a valid hash chain whose events the domain could never have decided: each
//! is refused by `codec::import` (the app's import and merge, `fairlog verify`) and by
//! `Engine::restore` (the app's start), at the same place and for the same rule, and what comes
//! before it is kept. (Issue 13, item 1; native layer.)
use chrono::Duration;
use fairlog_domain::booking::{BookingError, BookingEvent, BookingStatus};
use fairlog_domain::codec::{self, CodecError};
use fairlog_domain::engine::{Engine, RestoreProblem};
use fairlog_domain::envelope::{Actor, EventEnvelope, Role, SCHEMA_VERSION};
use fairlog_domain::fair::{FairError, FairEvent};
use fairlog_domain::floor_plan::FloorPlanEvent;
use fairlog_domain::host::{ChannelDetails, HostError, HostEvent, Platform, UrlProblem};
use fairlog_domain::ids::*;
use fairlog_domain::judge::{LogRuleError, MAX_EVENTS_PER_COMMAND};
use fairlog_domain::log::{hash_line, to_line};
use fairlog_domain::testing::{demo_engine, organizer, organizer_cmd, xuhui_fair};
use fairlog_domain::{DomainError, Event};
use uuid::Uuid;

/// What an attacker can write: these events, numbered and chained, under a matching header.
fn file_of(events: &[EventEnvelope]) -> String {
    let mut prev = String::new();
    let mut lines = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let env = EventEnvelope { seq: i as u64 + 1, prev: std::mem::take(&mut prev), ..e.clone() };
        let line = to_line(&env);
        prev = hash_line(&line);
        lines.push(line);
    }
    let header = codec::Header {
        format: codec::FORMAT.into(),
        schema: SCHEMA_VERSION,
        count: lines.len() as u64,
        last_hash: prev,
    };
    let mut out = serde_json::to_string(&header).unwrap();
    for l in lines {
        out.push('\n');
        out.push_str(&l);
    }
    out.push('\n');
    out
}

/// The demo season's log: a valid log to start from.
fn demo() -> (Vec<EventEnvelope>, Engine) {
    let e = demo_engine();
    (e.log().entries().to_vec(), e)
}

/// `log` and then `event`, recorded by `actor` a minute after the last event.
fn then_recorded(mut log: Vec<EventEnvelope>, actor: Actor, event: impl Into<Event>) -> Vec<EventEnvelope> {
    let last = log.last().expect("a log").clone();
    log.push(EventEnvelope {
        id: Uuid::from_u128(0xBAD0_0000 + log.len() as u128),
        seq: last.seq + 1,
        recorded_at: last.recorded_at + Duration::minutes(1),
        actor,
        schema: SCHEMA_VERSION,
        prev: String::new(),
        cmd: None,
        event: event.into(),
        redacted: None,
    });
    log
}

fn enterprise(id: EnterpriseId) -> Actor {
    Actor { role: Role::Enterprise, name: "张经理".into(), subject: Some(id.0), account: None }
}

/// Import and restore both refuse the file at `line` (counting the header) for `error`, and
/// restore keeps every event before it.
fn assert_refused(log: &[EventEnvelope], line: usize, event: &str, error: impl Into<DomainError>) {
    let error = error.into();
    let text = file_of(log);
    match codec::import(&text) {
        Err(CodecError::Refused { line: l, event: e, error: got }) => {
            assert_eq!((l, e.as_str(), &got), (line, event, &error), "import names the line, the event and the rule")
        }
        other => panic!("import should refuse line {line}: {other:?}"),
    }
    let records = text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l.to_owned())));
    let (engine, problem) = Engine::restore(records);
    assert_eq!(
        problem,
        Some(RestoreProblem::Refused { key: line as u64 - 1, event: event.into(), error: error.clone() }),
        "restore stops at the same event"
    );
    assert_eq!(engine.log().len(), line - 2, "the events before it are restored");
}

#[test]
fn the_demo_and_the_generated_logs_pass_the_rules() {
    // Given logs written by the app's own commands
    let logs = [
        demo_engine(),
        fairlog_domain::synth::fair_log(2_000, 3),
        fairlog_domain::synth::season_log(2_000, 5),
        fairlog_domain::synth_booths::booth_log(6_000, 3),
        fairlog_domain::livestream::synth::week(fairlog_domain::testing::t("2026-11-23T09:00"), 3, 20),
    ];
    for engine in logs {
        // When they are exported and imported, then restored from their stored lines
        let imported = codec::import(&codec::export(engine.log()));
        let records = engine.log().entries().iter().map(|e| (e.seq, Some(to_line(e))));
        let (restored, problem) = Engine::restore(records);
        // Then every event passes
        assert!(imported.is_ok(), "{:?}", imported.err());
        assert_eq!(problem, None);
        assert_eq!(restored.state(), engine.state());
    }
}

#[test]
fn an_event_about_an_unknown_booking_fair_or_booth_is_refused() {
    // Given the demo season
    let (log, _) = demo();
    let line = log.len() + 2;
    // When a file adds an approval of a booking that does not exist, then it is refused
    let unknown = BookingEvent::BookingApproved { booking_id: BookingId::from_u128(0xDEAD) };
    assert_refused(&then_recorded(log.clone(), organizer(), unknown), line, "BookingApproved", BookingError::NotFound);
    // ... and so is the publication of an unknown fair
    let fair = FairEvent::FairPublished { fair_id: FairId::from_u128(0xDEAD) };
    assert_refused(&then_recorded(log.clone(), organizer(), fair), line, "FairPublished", FairError::NotFound);
    // ... and the revoked approval that made the tick panic on every start
    let revoked = BookingEvent::BookingApprovalRevoked {
        booking_id: BookingId::from_u128(0xDEAD),
        hold_until: log.last().unwrap().recorded_at,
    };
    assert_refused(
        &then_recorded(log.clone(), organizer(), revoked),
        line,
        "BookingApprovalRevoked",
        BookingError::NotFound,
    );
    // ... and moving a booth that does not exist
    let booth = FloorPlanEvent::BoothMoved { booth_id: BoothId::from_u128(0xDEAD), x: 0, y: 0 };
    let refused = codec::import(&file_of(&then_recorded(log, organizer(), booth)));
    assert!(matches!(refused, Err(CodecError::Refused { line: l, .. }) if l == line), "{refused:?}");
}

#[test]
fn a_booth_booked_twice_is_refused() {
    // Given the demo season, where a booth is taken
    let (log, engine) = demo();
    let s = engine.state();
    let (booth_id, booking_id) = s.booth_taken.iter().next().map(|(b, k)| (*b, *k)).expect("a taken booth");
    let taken = &s.bookings[&booking_id];
    let other = s
        .enterprises
        .keys()
        .find(|e| fairlog_domain::booking::active_count(s, taken.fair_id, **e) == 0)
        .copied()
        .expect("an enterprise without a booth at the fair");
    let code = s.floor_plans[&taken.fair_id].booths[&booth_id].code.clone();
    // When a file has another enterprise request the same booth
    let again = BookingEvent::BoothRequested {
        booking_id: BookingId::from_u128(0xB00),
        fair_id: taken.fair_id,
        enterprise_id: other,
        booth_id: Some(booth_id),
        zone_id: None,
        hold_until: log.last().unwrap().recorded_at + Duration::hours(48),
    };
    // Then it is refused: the booth is taken
    assert_refused(
        &then_recorded(log.clone(), enterprise(other), again),
        log.len() + 2,
        "BoothRequested",
        BookingError::BoothTaken { code },
    );
}

#[test]
fn an_organizers_act_by_an_enterprise_or_a_host_is_refused() {
    // Given the demo season with a pending request
    let (log, engine) = demo();
    let s = engine.state();
    let pending = s.bookings.values().find(|b| matches!(b.status, BookingStatus::Requested { .. })).expect("a request");
    // When the enterprise approves its own booking
    let approve = BookingEvent::BookingApproved { booking_id: pending.id };
    let forbidden = |role, command: &str| DomainError::Forbidden { role, command: command.into() };
    // Then it is refused: approving is the organizer's
    assert_refused(
        &then_recorded(log.clone(), enterprise(pending.enterprise_id), approve.clone()),
        log.len() + 2,
        "BookingApproved",
        forbidden(Role::Enterprise, "BookingApproved"),
    );
    // ... and a host may not cancel a fair either
    let fair = *s.fairs.keys().next().unwrap();
    let host = Actor { role: Role::Host, name: "李局长".into(), subject: None, account: None };
    let cancel = FairEvent::FairCancelled { fair_id: fair, reason: "暴雨".into() };
    assert_refused(
        &then_recorded(log.clone(), host, cancel),
        log.len() + 2,
        "FairCancelled",
        forbidden(Role::Host, "FairCancelled"),
    );
    // ... while the organizer's approval of the same request passes
    assert!(codec::import(&file_of(&then_recorded(log, organizer(), approve))).is_ok());
}

#[test]
fn a_stream_link_off_the_allowlist_or_not_https_or_with_cr_lf_is_refused() {
    // Given the demo season (whose allowlist the organizer keeps)
    let (log, _) = demo();
    let channel = |url: &str| HostEvent::ChannelAdded {
        channel_id: ChannelId::from_u128(0xC0FFEE),
        details: ChannelDetails { name: "直播间".into(), platform: Platform::Douyin, stream_url: url.into() },
    };
    let problem = |p: UrlProblem| HostError::StreamUrl { problem: p };
    let line = log.len() + 2;
    // When a file adds a channel streaming from elsewhere, then each is refused for its reason
    let cases = [
        ("https://evil.example/live", problem(UrlProblem::HostNotAllowed { host: "evil.example".into() })),
        ("javascript:alert(1)", problem(UrlProblem::NotHttps)),
        ("https://evil.example/a\r\nBEGIN:VEVENT", problem(UrlProblem::Malformed)),
    ];
    for (url, error) in cases {
        assert_refused(&then_recorded(log.clone(), organizer(), channel(url)), line, "ChannelAdded", error);
    }
}

#[test]
fn a_name_of_one_megabyte_is_refused() {
    // Given the demo season
    let (log, _) = demo();
    // When a file creates a fair named with a million characters
    let huge =
        FairEvent::FairCreated { fair_id: FairId::from_u128(0xF00), details: xuhui_fair(&"招".repeat(1 << 20)) };
    // Then it is refused as the command would have been
    assert_refused(
        &then_recorded(log, organizer(), huge),
        demo().0.len() + 2,
        "FairCreated",
        FairError::NameTooLong { max: fairlog_domain::fair::NAME_MAX_CHARS },
    );
}

#[test]
fn ten_thousand_events_in_one_command_are_refused() {
    // Given the demo season and one of its open fairs
    let (mut log, engine) = demo();
    let s = engine.state();
    let fair = *s
        .floor_plans
        .keys()
        .find(|f| fairlog_domain::fair::fair_is_open(&s.fairs[*f].status))
        .expect("an open fair with a floor plan");
    let base = log.len();
    // When a file records 10,000 new zones as one command (each one a valid zone)
    let first = Uuid::from_u128(0x2000_0000);
    let at = log[base - 1].recorded_at + Duration::minutes(1);
    for i in 0..10_000u128 {
        let zone = FloorPlanEvent::ZoneAdded {
            fair_id: fair,
            zone_id: ZoneId::from_u128(0x3000_0000 + i),
            name: format!("Z{i}"),
        };
        log = then_recorded(log, organizer(), zone);
        let last = log.last_mut().unwrap();
        last.recorded_at = at;
        if i == 0 {
            last.id = first;
        } else {
            last.cmd = Some(first);
        }
    }
    // Then the event past the limit is refused
    assert_refused(
        &log,
        base + MAX_EVENTS_PER_COMMAND + 2,
        "ZoneAdded",
        LogRuleError::CommandTooLarge { max: MAX_EVENTS_PER_COMMAND },
    );
}

#[test]
fn a_backdated_event_is_refused_by_import_but_an_own_store_still_opens() {
    // Given the demo season
    let (log, _) = demo();
    let last_at = log.last().unwrap().recorded_at;
    // When a file adds a fair recorded a day before the event it follows
    let mut crafted = then_recorded(
        log.clone(),
        organizer(),
        FairEvent::FairCreated { fair_id: FairId::from_u128(0xF01), details: xuhui_fair("早到的招聘会") },
    );
    crafted.last_mut().unwrap().recorded_at = last_at - Duration::days(1);
    // Then import refuses it: time in a log never runs backwards
    let error: DomainError =
        LogRuleError::Backdated { previous: last_at, recorded: last_at - Duration::days(1) }.into();
    let text = file_of(&crafted);
    assert_eq!(
        codec::import(&text),
        Err(CodecError::Refused { line: log.len() + 2, event: "FairCreated".into(), error })
    );
    // ... while the app's own store, which older versions may have written so (merged events
    // from a device whose clock was ahead), still opens
    let records = text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l.to_owned())));
    assert_eq!(Engine::restore(records).1, None);
}

#[test]
fn a_command_from_a_clock_behind_the_log_is_recorded_at_the_logs_last_time() {
    // Given the demo season
    let mut engine = demo_engine();
    let last_at = engine.log().entries().last().unwrap().recorded_at;
    // When a command arrives dated an hour before the log's last event
    let create = fairlog_domain::fair::FairCommand::CreateFair {
        fair_id: FairId::from_u128(0xF02),
        details: xuhui_fair("慢钟的招聘会"),
    };
    let cmd = fairlog_domain::Command { now: last_at - Duration::hours(1), ..organizer_cmd(create) };
    let recorded = engine.execute(cmd, fairlog_domain::testing::counter_ids(0xAB00)).unwrap().to_vec();
    // Then it is recorded at the log's last time, and the log still restores
    assert_eq!(recorded[0].recorded_at, last_at);
    let (_, problem) = Engine::restore(engine.log().entries().iter().map(|e| (e.seq, Some(to_line(e)))));
    assert_eq!(problem, None);
}
