//! Given / when / then: what an audience receives of one event, and how a replica takes it.
use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::booking::{BookingCommand, BookingError, BookingEvent, BoothTarget};
use crate::command::{Command, Intent};
use crate::engine::{Engine, RestoreProblem};
use crate::enterprise::{EnterpriseCommand, EnterpriseEvent};
use crate::envelope::{Actor, EventEnvelope, Role};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, HostId};
use crate::log::{hash_line, to_line};
use crate::testing::{counter_ids, demo_engine, t};

/// The demo season with an open fair, a free booth in it, and two enterprises A and B.
struct World {
    engine: Engine,
    ids: Box<dyn FnMut() -> uuid::Uuid>,
    now: DateTime<Utc>,
    fair: FairId,
    booths: Vec<BoothId>,
    a: EnterpriseId,
    b: EnterpriseId,
}

fn given_two_enterprises_and_an_open_fair() -> World {
    let engine = demo_engine();
    let now = t("2026-11-24T10:30");
    let s = engine.state();
    let (fair, booths) = s
        .floor_plans
        .keys()
        .filter(|f| crate::enterprise_views::requests_open(s, &s.fairs[f], now))
        .map(|f| (*f, crate::views::free_booths(s, *f).iter().map(|b| b.id).collect::<Vec<_>>()))
        .find(|(_, b)| b.len() >= 3)
        .expect("the demo season has an open fair with free booths");
    let mut ents =
        s.enterprises.keys().copied().filter(|e| crate::enterprise_views::active_bookings_at(s, *e, fair).is_empty());
    let (a, b) = (ents.next().unwrap(), ents.next().unwrap());
    World { engine, ids: Box::new(counter_ids(7_000_000)), now, fair, booths, a, b }
}

impl World {
    fn actor(&self, e: EnterpriseId) -> Actor {
        let name = self.engine.state().enterprises[&e].profile.contact_name.clone();
        Actor { role: Role::Enterprise, name, subject: Some(e.0), account: None }
    }

    /// Run a command; its envelopes (with their stored lines).
    fn when(&mut self, actor: Actor, intent: impl Into<Intent>) -> Vec<(EventEnvelope, String)> {
        self.now += Duration::minutes(1);
        let cmd = Command { actor, now: self.now, intent: intent.into() };
        let out = self.engine.execute(cmd, &mut self.ids).expect("the command is valid");
        out.iter().map(|e| (e.clone(), to_line(e))).collect()
    }

    fn request(&mut self, e: EnterpriseId, booth: usize) -> (BookingId, Vec<(EventEnvelope, String)>) {
        let booking_id = BookingId::from_u128(8_000_000 + booth as u128 + 100 * (e.0.as_u128() % 1000));
        let target = BoothTarget::Booth { booth_id: self.booths[booth] };
        let cmd = BookingCommand::RequestBooth { booking_id, fair_id: self.fair, enterprise_id: e, target };
        let actor = self.actor(e);
        (booking_id, self.when(actor, cmd))
    }

    fn organizer(&self) -> Actor {
        Actor::organizer("王敏")
    }

    /// Every stored line as `audience` receives it.
    fn stream(&self, audience: &Audience) -> Vec<(u64, String)> {
        self.engine
            .log()
            .entries()
            .iter()
            .filter_map(|e| {
                let line = to_line(e);
                filter_line(self.engine.state(), audience, &line).unwrap().map(|l| (e.seq, l.into_owned()))
            })
            .collect()
    }
}

fn redacted(f: Filtered) -> EventEnvelope {
    match f {
        Filtered::Redacted(e) => *e,
        other => panic!("expected a redaction, got {other:?}"),
    }
}

#[test]
fn an_account_s_role_and_subject_give_its_audience() {
    let id = uuid::Uuid::from_u128(5);
    assert_eq!(Audience::of(Role::Organizer, None), Audience::Organizer);
    assert_eq!(Audience::of(Role::Organizer, Some(id)), Audience::Organizer);
    assert_eq!(Audience::of(Role::Enterprise, Some(id)), Audience::Enterprise(EnterpriseId(id)));
    assert_eq!(Audience::of(Role::Host, Some(id)), Audience::Host(HostId(id)));
    assert_eq!(Audience::of(Role::Enterprise, None), Audience::Public);
    assert_eq!(Audience::of(Role::Host, None), Audience::Public);
}

#[test]
fn another_enterprise_sees_a_request_as_a_taken_booth_under_a_pseudonym() {
    // Given A requests a booth
    let mut w = given_two_enterprises_and_an_open_fair();
    let (booking, events) = w.request(w.a, 0);
    let (env, line) = &events[0];
    // When B's stream carries it
    let got = redacted(filter(w.engine.state(), &Audience::Enterprise(w.b), env));
    // Then the booking and booth are there, A is not: neither its id nor its contact person
    let Event::Booking(BookingEvent::BoothRequested { enterprise_id, booking_id, booth_id, .. }) = &got.event else {
        panic!("{got:?}")
    };
    assert_eq!((*booking_id, *booth_id), (booking, Some(w.booths[0])));
    assert_eq!(*enterprise_id, pseudonym::of_booking(booking));
    assert_eq!(
        got.actor,
        Actor { role: Role::Enterprise, name: String::new(), subject: Some(enterprise_id.0), account: None }
    );
    let sent = filter_line(w.engine.state(), &Audience::Enterprise(w.b), line).unwrap().unwrap();
    assert!(!sent.contains(&w.a.to_string()));
    assert!(!sent.contains(&w.engine.state().enterprises[&w.a].profile.contact_name));
    // And the line says what it was redacted from
    assert_eq!(crate::codec::parse_line(&sent).unwrap().redacted, Some(hash_line(line)));
}

#[test]
fn an_enterprise_receives_its_own_request_byte_for_byte() {
    let mut w = given_two_enterprises_and_an_open_fair();
    let (_, events) = w.request(w.a, 0);
    let (env, line) = &events[0];
    assert_eq!(filter(w.engine.state(), &Audience::Enterprise(w.a), env), Filtered::Unchanged);
    assert_eq!(
        filter_line(w.engine.state(), &Audience::Enterprise(w.a), line).unwrap().as_deref(),
        Some(line.as_str())
    );
}

#[test]
fn two_bookings_of_one_enterprise_do_not_share_a_pseudonym() {
    let mut w = given_two_enterprises_and_an_open_fair();
    let (first, _) = w.request(w.a, 0);
    let org = w.organizer();
    w.when(org, BookingCommand::CancelBooking { booking_id: first });
    let (second, _) = w.request(w.a, 1);
    assert_ne!(pseudonym::of_booking(first), pseudonym::of_booking(second));
    assert!(pseudonym::is_pseudonym(pseudonym::of_booking(first)));
    assert!(!pseudonym::is_pseudonym(w.a));
}

#[test]
fn a_rejection_reason_reaches_only_the_enterprise_rejected() {
    // Given A's request is rejected with a reason
    let mut w = given_two_enterprises_and_an_open_fair();
    let (booking, _) = w.request(w.a, 0);
    let org = w.organizer();
    let events = w.when(org, BookingCommand::RejectBooking { booking_id: booking, reason: "资质不符".into() });
    let (env, _) = &events[0];
    // Then A reads the reason (and who decided); B and the public read an empty one
    let mine = redacted(filter(w.engine.state(), &Audience::Enterprise(w.a), env));
    assert_eq!(mine.event, env.event);
    assert_eq!(mine.actor.name, "");
    for audience in [Audience::Enterprise(w.b), Audience::Public] {
        let got = redacted(filter(w.engine.state(), &audience, env));
        assert_eq!(got.event, BookingEvent::BookingRejected { booking_id: booking, reason: String::new() }.into());
    }
    assert_eq!(filter(w.engine.state(), &Audience::Organizer, env), Filtered::Unchanged);
}

#[test]
fn key_marks_and_commissioners_reach_only_their_enterprise() {
    let mut w = given_two_enterprises_and_an_open_fair();
    let org = w.organizer();
    let mark = w
        .when(org.clone(), EnterpriseCommand::AssignCommissioner { enterprise_id: w.a, commissioner: "李专员".into() });
    let (env, _) = &mark[0];
    assert_eq!(filter(w.engine.state(), &Audience::Enterprise(w.b), env), Filtered::Withheld);
    assert_eq!(filter(w.engine.state(), &Audience::Public, env), Filtered::Withheld);
    assert!(
        matches!(filter(w.engine.state(), &Audience::Enterprise(w.a), env), Filtered::Redacted(e) if e.event == env.event)
    );
}

#[test]
fn another_enterprise_s_profile_arrives_without_its_contact() {
    let w = given_two_enterprises_and_an_open_fair();
    let env = w
        .engine
        .log()
        .entries()
        .iter()
        .find(|e| matches!(&e.event, Event::Enterprise(EnterpriseEvent::EnterpriseRegistered { enterprise_id, .. }) if *enterprise_id == w.a))
        .unwrap();
    let got = redacted(filter(w.engine.state(), &Audience::Enterprise(w.b), env));
    let Event::Enterprise(EnterpriseEvent::EnterpriseRegistered { profile, .. }) = &got.event else { panic!() };
    assert_eq!((profile.contact_name.as_str(), profile.contact_phone.as_str()), ("", ""));
    assert_eq!(profile.name, w.engine.state().enterprises[&w.a].profile.name);
    assert_eq!(filter(w.engine.state(), &Audience::Enterprise(w.a), env), Filtered::Unchanged);
}

#[test]
fn merge_markers_are_withheld_from_all_but_organizers() {
    let env = EventEnvelope {
        id: uuid::Uuid::from_u128(1),
        seq: 1,
        recorded_at: t("2026-03-01T09:00"),
        actor: Actor::organizer("王敏"),
        schema: crate::SCHEMA_VERSION,
        prev: String::new(),
        cmd: None,
        event: crate::merge::MergeEvent::ConflictResolved {
            conflict_id: uuid::Uuid::from_u128(2),
            resolution: crate::merge::Resolution::Dismissed,
        }
        .into(),
        redacted: None,
    };
    let s = crate::State::default();
    assert_eq!(filter(&s, &Audience::Public, &env), Filtered::Withheld);
    assert_eq!(filter(&s, &Audience::Organizer, &env), Filtered::Unchanged);
}

#[test]
fn a_replica_of_b_replays_its_stream_and_decides_locally_that_the_booth_is_taken() {
    // Given A holds booth 0 and B's browser holds B's stream
    let mut w = given_two_enterprises_and_an_open_fair();
    w.request(w.a, 0);
    let stream = w.stream(&Audience::Enterprise(w.b));
    let (replica, problem) = Replica::restore(stream.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    assert_eq!(problem, None);
    assert_eq!(replica.last_seq(), w.engine.log().last_seq());
    assert_eq!(replica.last_link(), w.engine.log().last_hash());
    // When B asks for the same booth on its partial state
    let cmd = Command {
        actor: w.actor(w.b),
        now: w.now + Duration::minutes(1),
        intent: BookingCommand::RequestBooth {
            booking_id: BookingId::from_u128(9),
            fair_id: w.fair,
            enterprise_id: w.b,
            target: BoothTarget::Booth { booth_id: w.booths[0] },
        }
        .into(),
    };
    // Then it is refused there, as the server would refuse it
    let err = replica.decide(cmd.clone()).unwrap_err();
    assert_eq!(err, crate::decide(w.engine.state(), cmd).unwrap_err());
    assert!(matches!(err, DomainError::Booking(BookingError::BoothTaken { .. })));
}

#[test]
fn a_replica_accepts_gaps_but_not_a_sequence_that_goes_back() {
    let w = given_two_enterprises_and_an_open_fair();
    let stream = w.stream(&Audience::Public);
    assert!(stream.windows(2).any(|p| p[1].0 > p[0].0 + 1), "the public stream has gaps");
    let mut replica = Replica::new();
    replica.extend(stream[..3].iter().map(|(k, l)| (*k, Some(l.as_str())))).unwrap();
    let again = replica.extend([(stream[1].0, Some(stream[1].1.as_str()))]);
    assert_eq!(again, Err(RestoreProblem::OutOfOrder { key: stream[1].0, expected: stream[2].0 + 1 }));
}

#[test]
fn a_replica_detects_an_edited_line_when_it_holds_the_next_one() {
    // Given A's stream, with a line sent as stored followed by the next sequence
    let w = given_two_enterprises_and_an_open_fair();
    let stream = w.stream(&Audience::Enterprise(w.a));
    let i = (0..stream.len() - 1)
        .find(|&i| stream[i + 1].0 == stream[i].0 + 1 && !stream[i].1.contains("\"redacted\""))
        .expect("a contiguous pair");
    // When that line is edited in storage, then the next one no longer chains to it
    let mut edited = stream.clone();
    edited[i].1 = edited[i].1.replacen("{", "{ ", 1);
    let (_, problem) = Replica::restore(edited.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    assert_eq!(problem, Some(RestoreProblem::BrokenChain { key: stream[i + 1].0 }));
    // And a redacted line whose `redacted` link is edited breaks the chain the same way
    let j = (0..stream.len() - 1)
        .find(|&j| stream[j + 1].0 == stream[j].0 + 1 && stream[j].1.contains("\"redacted\""))
        .expect("a redacted line followed by the next sequence");
    let mut edited = stream.clone();
    let mut env = crate::codec::parse_line(&edited[j].1).unwrap();
    env.redacted = Some(hash_line("something else"));
    edited[j].1 = to_line(&env);
    let (_, problem) = Replica::restore(edited.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    assert_eq!(problem, Some(RestoreProblem::BrokenChain { key: stream[j + 1].0 }));
}

#[test]
fn a_replica_still_refuses_what_no_one_could_have_decided() {
    // Given B's stream, when a line claims that an enterprise approved a booking
    let mut w = given_two_enterprises_and_an_open_fair();
    let (booking, _) = w.request(w.a, 0);
    let mut stream = w.stream(&Audience::Enterprise(w.b));
    let last = stream.last().unwrap().clone();
    let mut forged = crate::codec::parse_line(&last.1).unwrap();
    forged.id = uuid::Uuid::from_u128(77);
    forged.seq = last.0 + 5;
    forged.actor = w.actor(w.b);
    forged.event = BookingEvent::BookingApproved { booking_id: booking }.into();
    stream.push((forged.seq, to_line(&forged)));
    // Then the replica refuses it (the rule is not about an entity it lacks)
    let (replica, problem) = Replica::restore(stream.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    assert!(matches!(problem, Some(RestoreProblem::Refused { .. })), "{problem:?}");
    assert_eq!(replica.last_seq(), last.0);
}

#[test]
fn a_replica_told_how_far_the_server_looked_chains_the_next_line_to_it() {
    // Given the public stream, with a gap before some line
    let w = given_two_enterprises_and_an_open_fair();
    let stream = w.stream(&Audience::Public);
    let i = (1..stream.len()).find(|&i| stream[i].0 > stream[i - 1].0 + 1).expect("a gap");
    let before = stream[i].0 - 1;
    let stored_hash = hash_line(&to_line(&w.engine.log().entries()[before as usize - 1]));
    let mut replica = Replica::new();
    replica.extend(stream[..i].iter().map(|(k, l)| (*k, Some(l.as_str())))).unwrap();
    let mut wrong = replica.clone();
    // When the server says it looked up to the sequence before the next line
    replica.scanned(before, stored_hash.clone());
    assert_eq!(replica.cursor(), (before, stored_hash.as_str()));
    // Then the next line chains to what it said, and the cursor follows the lines again
    replica.extend([(stream[i].0, Some(stream[i].1.as_str()))]).unwrap();
    assert_eq!(replica.cursor().0, stream[i].0);
    // And a server that said something else about that line is caught
    wrong.scanned(before, hash_line("another log"));
    let problem = wrong.extend([(stream[i].0, Some(stream[i].1.as_str()))]);
    assert_eq!(problem, Err(RestoreProblem::BrokenChain { key: stream[i].0 }));
    // And nothing at or below the scanned cursor is taken
    let mut again = Replica::new();
    again.scanned(stream[0].0, "x");
    let problem = again.extend([(stream[0].0, Some(stream[0].1.as_str()))]);
    assert_eq!(problem, Err(RestoreProblem::OutOfOrder { key: stream[0].0, expected: stream[0].0 + 1 }));
}
