//! The ICS files the domain writes, read back with a real calendar parser (the `icalendar`
//! crate's nom-based parser): per host, per channel, per fair and all; UIDs stable across
//! exports and changes, times right in Asia/Shanghai.
use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;
use fairlog_domain::demo::demo_commands;
use fairlog_domain::ics::{self, Scope};
use fairlog_domain::livestream::{LivestreamCommand, SessionStatus};
use fairlog_domain::testing::{counter_ids, t};
use fairlog_domain::time::to_local;
use fairlog_domain::{Actor, Command, Engine, State};
use icalendar::parser::{read_calendar, unfold};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};

fn demo() -> Engine {
    let mut engine = Engine::new();
    let mut ids = counter_ids(0);
    for c in demo_commands(t("2026-11-24T10:00"), &mut ids) {
        engine.execute(c, &mut ids).expect("demo");
    }
    engine
}

/// UID -> (local start, SEQUENCE, STATUS) of every VEVENT, read by the parser.
fn parse(text: &str) -> BTreeMap<String, (chrono::NaiveDateTime, u64, String)> {
    assert!(text.ends_with("\r\n"), "lines end in CRLF");
    for l in text.split("\r\n") {
        assert!(l.len() <= 75, "a line longer than 75 octets: {l}");
    }
    // The raw component tree: a VCALENDAR with one VTIMEZONE for Asia/Shanghai.
    let unfolded = unfold(text);
    let raw = read_calendar(&unfolded).expect("the parser reads the file");
    let tz: Vec<_> = raw.components.iter().filter(|c| c.name == "VTIMEZONE").collect();
    assert_eq!(tz.len(), 1);
    assert_eq!(tz[0].find_prop("TZID").map(|p| p.val.as_str()), Some("Asia/Shanghai"));
    // The typed view.
    let cal: icalendar::Calendar = text.parse().expect("parses as a calendar");
    let mut out = BTreeMap::new();
    for c in &cal.components {
        let CalendarComponent::Event(e) = c else { continue };
        let uid = e.get_uid().expect("every event has a UID").to_owned();
        assert!(e.get_summary().is_some_and(|s| !s.is_empty()));
        assert!(e.get_timestamp().is_some(), "DTSTAMP is a UTC time");
        let start = match e.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
                assert_eq!(tzid, "Asia/Shanghai");
                date_time
            }
            other => panic!("DTSTART should carry TZID: {other:?}"),
        };
        let seq: u64 = e.property_value("SEQUENCE").expect("SEQUENCE").parse().expect("a number");
        let status = e.property_value("STATUS").unwrap_or_default().to_owned();
        assert!(out.insert(uid, (start, seq, status)).is_none(), "UIDs are unique in a file");
    }
    out
}

fn listed(state: &State, f: impl Fn(&fairlog_domain::livestream::LiveSession) -> bool) -> BTreeSet<String> {
    state.live_sessions.values().filter(|s| s.status != SessionStatus::Draft && f(s)).map(|s| ics::uid(s.id)).collect()
}

#[test]
fn calendars_per_host_channel_and_fair_parse_and_hold_their_sessions() {
    let engine = demo();
    let s = engine.state();
    for h in s.hosts.values() {
        let got = parse(&ics::calendar(s, Scope::Host(h.id), &h.profile.name));
        assert_eq!(got.keys().cloned().collect::<BTreeSet<_>>(), listed(s, |x| x.plan.hosts.contains(&h.id)));
    }
    for c in s.channels.values() {
        let got = parse(&ics::calendar(s, Scope::Channel(c.id), &c.details.name));
        assert_eq!(got.keys().cloned().collect::<BTreeSet<_>>(), listed(s, |x| x.plan.channel == c.id));
    }
    let mut fairs_with_sessions = 0;
    for f in s.fairs.values() {
        let got = parse(&ics::calendar(s, Scope::Fair(f.id), &f.details.name));
        fairs_with_sessions += usize::from(!got.is_empty());
        assert_eq!(got.keys().cloned().collect::<BTreeSet<_>>(), listed(s, |x| x.plan.fair == Some(f.id)));
    }
    assert!(fairs_with_sessions >= 3);
    let all = parse(&ics::calendar(s, Scope::All, "直播带岗"));
    assert_eq!(all.len(), 3, "the ended and the two scheduled sessions; not the draft");
    // Times are the sessions' Shanghai wall-clock times.
    for x in s.live_sessions.values().filter(|x| x.status != SessionStatus::Draft) {
        assert_eq!(all[&ics::uid(x.id)].0, to_local(x.plan.start));
    }
}

#[test]
fn re_exports_keep_uids_and_a_change_raises_the_sequence() {
    let mut engine = demo();
    let before_text = ics::calendar(engine.state(), Scope::All, "直播带岗");
    assert_eq!(before_text, ics::calendar(engine.state(), Scope::All, "直播带岗"), "same state, same bytes");
    let before = parse(&before_text);
    let moved = engine
        .state()
        .live_sessions
        .values()
        .find(|x| {
            x.status == SessionStatus::Scheduled
                && x.plan.hosts.iter().all(|h| engine.state().hosts[h].availability.is_empty())
        })
        .expect("a scheduled session whose hosts have declared no availability")
        .clone();
    let new_start = moved.plan.start + Duration::hours(1);
    let cmd = Command {
        actor: Actor::organizer("王敏"),
        now: t("2026-11-24T11:00"),
        intent: LivestreamCommand::MoveSession {
            session_id: moved.id,
            start: new_start,
            minutes: moved.plan.minutes,
            accept: vec![],
        }
        .into(),
    };
    engine.execute(cmd, counter_ids(90_000)).expect("the move is accepted");
    let after = parse(&ics::calendar(engine.state(), Scope::All, "直播带岗"));
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "UIDs are stable");
    let uid = ics::uid(moved.id);
    assert_eq!(after[&uid].0, to_local(new_start));
    assert!(after[&uid].1 > before[&uid].1, "SEQUENCE grows so calendars take the update");
    for (k, v) in &before {
        if *k != uid {
            assert_eq!(after[k], *v, "other entries are unchanged");
        }
    }
}

#[test]
fn a_cancelled_session_stays_in_the_file_as_cancelled() {
    let mut engine = demo();
    let id = engine.state().live_sessions.values().find(|x| x.status == SessionStatus::Scheduled).unwrap().id;
    let cmd = Command {
        actor: Actor::organizer("王敏"),
        now: t("2026-11-24T11:00"),
        intent: LivestreamCommand::CancelSession {
            session_id: id, reason: "设备检修, 改期; 另行通知".into()
        }
        .into(),
    };
    engine.execute(cmd, counter_ids(90_000)).unwrap();
    let text = ics::calendar(engine.state(), Scope::All, "直播带岗");
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("设备检修\\, 改期\\; 另行通知"), "commas and semicolons are escaped");
    assert_eq!(parse(&text)[&ics::uid(id)].2, "CANCELLED");
}

#[test]
fn cr_lf_in_a_name_or_a_stream_link_cannot_start_a_property_or_an_event() {
    // Given the demo season, with every channel's name and link carrying CR/LF and properties
    // (a state a hostile log, or an older version, could leave)
    let engine = demo();
    let mut state = engine.state().clone();
    let ids: Vec<_> = state.channels.keys().copied().collect();
    for id in ids {
        let c = state.channels.get_mut(&id).unwrap();
        c.details.name = "直播间\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@fairlog".into();
        c.details.stream_url = format!("{}\r\nATTACH:https://evil.example/x", c.details.stream_url);
    }
    // When the public calendar is written and read back with the parser
    let text = ics::calendar(&state, Scope::All, "全部直播");
    let events = parse(&text);
    // Then it holds exactly the sessions, no injected event or property, and no link that fails
    // the stream-URL check
    assert_eq!(events.keys().cloned().collect::<BTreeSet<_>>(), listed(&state, |_| true));
    assert!(!events.contains_key("evil@fairlog"));
    let unfolded = unfold(&text);
    assert!(!unfolded.lines().any(|l| l.starts_with("ATTACH") || l.starts_with("UID:evil")), "{unfolded}");
    assert!(!unfolded.lines().any(|l| l.starts_with("URL:")), "a link with CR/LF is left out");
    // ... while the demo's own links are written
    assert!(unfold(&ics::calendar(engine.state(), Scope::All, "全部直播"))
        .lines()
        .any(|l| l.starts_with("URL:https://")));
}
