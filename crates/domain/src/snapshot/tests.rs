//! Snapshots: given an engine, when it is encoded and resumed from (or the bytes are damaged),
//! then the state and cursor are those of a full replay (or the snapshot is refused, typed).
use proptest::prelude::*;

use super::*;
use crate::engine::{Engine, HistoryMissing};
use crate::log::{to_line, Cursor};

fn lines(engine: &Engine) -> Vec<(u64, Option<String>)> {
    engine.log().entries().iter().map(|e| (e.seq, Some(to_line(e)))).collect()
}

/// The snapshot after the first `k` events of `engine`'s (whole) log.
fn snapshot_at(engine: &Engine, k: u64) -> Vec<u8> {
    let cursor = Cursor { seq: k, hash: engine.log().hash_after(k as usize).to_owned(), events: k };
    encode_state(&engine.state_at(k), &cursor)
}

/// Resume from the snapshot at `k` with the lines after it.
fn resumed_at(engine: &Engine, k: u64) -> Engine {
    let all = lines(engine);
    let snapshot = decode(&snapshot_at(engine, k)).expect("decodes");
    let covered = k.checked_sub(1).and_then(|i| all[i as usize].1.clone());
    let (resumed, problem) = Engine::resume(snapshot, covered.as_deref(), all[k as usize..].iter().cloned())
        .expect("the snapshot is of this log");
    assert_eq!(problem, None);
    resumed
}

fn small() -> Engine {
    crate::synth::season_log(120, 5)
}

#[test]
fn a_snapshot_decodes_to_the_state_and_cursor_it_was_taken_of() {
    let engine = crate::seed_season::seed_season(crate::seed_season::SeedScale::SEEDS.divided_by(200), 2).engine;
    let snapshot = decode(&encode(&engine)).unwrap();
    assert_eq!(&snapshot.state, engine.state());
    assert_eq!(snapshot.cursor, engine.log().cursor());
    assert_eq!(snapshot.cursor.events, engine.log().len() as u64);
}

#[test]
fn the_empty_log_has_a_snapshot_too() {
    let engine = Engine::new();
    let (resumed, problem) =
        Engine::resume(decode(&encode(&engine)).unwrap(), None, Vec::<(u64, Option<String>)>::new()).unwrap();
    assert_eq!((resumed.log().cursor(), problem), (Cursor::default(), None));
    assert!(resumed.log().is_empty());
}

#[test]
fn a_log_resumed_at_its_last_event_holds_no_entries_and_is_not_empty() {
    // Given a season, when it is resumed from a snapshot of its last event (nothing after it)
    let engine = small();
    let resumed = resumed_at(&engine, engine.log().last_seq());
    // Then it holds no entries, and still counts every event: it is not an empty log
    assert_eq!(resumed.log().len(), 0);
    assert_eq!(resumed.log().count(), engine.log().count());
    assert!(!resumed.log().is_empty());
}

#[test]
fn resuming_at_any_point_of_a_season_reaches_the_state_of_a_full_replay() {
    let engine = small();
    let n = engine.log().last_seq();
    for k in [0, 1, n / 3, n / 2, n - 1, n] {
        let resumed = resumed_at(&engine, k);
        assert_eq!(resumed.state(), engine.state(), "cut at {k}");
        assert_eq!(resumed.log().cursor(), engine.log().cursor(), "cut at {k}");
        assert_eq!(resumed.history_starts_at(), k);
    }
}

#[test]
fn a_resumed_engine_takes_commands_like_the_full_one() {
    let engine = small();
    let mut resumed = resumed_at(&engine, engine.log().last_seq() / 2);
    let mut full = engine.clone();
    let cmd = crate::command::Command {
        actor: crate::envelope::Actor::organizer("王敏"),
        now: crate::testing::t("2027-01-01T09:00"),
        intent: crate::booking::BookingCommand::ExpireHolds.into(),
    };
    let mut a = 0u128;
    let mut b = 0u128;
    full.execute(cmd.clone(), || {
        a += 1;
        uuid::Uuid::from_u128(a)
    })
    .unwrap();
    resumed
        .execute(cmd, || {
            b += 1;
            uuid::Uuid::from_u128(b)
        })
        .unwrap();
    assert_eq!(resumed.state(), full.state());
    assert_eq!(resumed.log().cursor(), full.log().cursor());
}

#[test]
fn time_travel_before_the_snapshot_is_refused_until_the_earlier_lines_are_loaded() {
    let engine = crate::synth::fair_log(2_600, 8);
    let k = 1_700;
    let mut resumed = resumed_at(&engine, k);
    // Given an engine started from a snapshot at 1,700
    assert_eq!(resumed.try_state_at(500), Err(HistoryMissing { base: k }));
    assert_eq!(resumed.try_state_at(2_100).unwrap(), engine.state_at(2_100));
    let remote = crate::codec::import(&crate::codec::export(engine.log())).unwrap();
    let planned = resumed.try_plan_merge(
        &remote,
        "x",
        &crate::testing::organizer(),
        crate::testing::t("2027-06-01T09:00"),
        uuid::Uuid::nil(),
    );
    assert_eq!(planned.err(), Some(HistoryMissing { base: k }));
    // When the lines up to it are loaded
    let earlier: Vec<_> = lines(&engine).into_iter().take(k as usize).collect();
    resumed.backfill(earlier).unwrap();
    // Then it is the engine of the whole log
    assert_eq!(resumed.history_starts_at(), 0);
    assert_eq!(resumed.log().len(), engine.log().len());
    assert_eq!(resumed.try_state_at(500).unwrap(), engine.state_at(500));
    assert_eq!(resumed.state_at(1_999), engine.state_at(1_999));
    assert_eq!(crate::codec::export(resumed.log()), crate::codec::export(engine.log()));
}

#[test]
fn backfilling_with_the_lines_of_another_log_is_refused_and_changes_nothing() {
    let engine = crate::synth::fair_log(300, 8);
    let other = crate::synth::fair_log(300, 9);
    let mut resumed = resumed_at(&engine, 200);
    let earlier: Vec<_> = lines(&other).into_iter().take(200).collect();
    assert!(resumed.backfill(earlier).is_err());
    assert_eq!(resumed.history_starts_at(), 200);
    assert_eq!(resumed.state(), engine.state());
}

#[test]
fn a_snapshot_of_another_log_is_refused() {
    let a = small();
    let b = crate::synth::season_log(120, 6);
    let k = 60;
    let snapshot = decode(&snapshot_at(&a, k)).unwrap();
    let b_lines = lines(&b);
    let covered = b_lines[k as usize - 1].1.clone();
    let refused = Engine::resume(snapshot.clone(), covered.as_deref(), b_lines[k as usize..].iter().cloned());
    assert_eq!(refused.err(), Some(ResumeError::OtherLog { seq: k }));
    let short = Engine::resume(snapshot, None, Vec::<(u64, Option<String>)>::new());
    assert_eq!(short.err(), Some(ResumeError::LogTooShort { seq: k }));
}

#[test]
fn a_tail_that_does_not_chain_to_the_snapshot_stops_where_it_breaks() {
    let engine = small();
    let all = lines(&engine);
    let k = 50u64;
    let snapshot = decode(&snapshot_at(&engine, k)).unwrap();
    let covered = all[k as usize - 1].1.clone();
    let mut tail: Vec<_> = all[k as usize..].to_vec();
    tail.remove(0);
    let (resumed, problem) = Engine::resume(snapshot, covered.as_deref(), tail).unwrap();
    assert_eq!(problem, Some(crate::engine::RestoreProblem::OutOfOrder { key: k + 2, expected: k + 1 }));
    assert_eq!(resumed.log().last_seq(), k);
}

#[test]
fn every_truncation_of_a_snapshot_is_refused_as_truncated() {
    let bytes = encode(&small());
    for len in 0..bytes.len() {
        match decode(&bytes[..len]) {
            Err(SnapshotError::Truncated { needed, .. }) => assert!(needed > len as u64),
            other => panic!("{len} bytes: {other:?}"),
        }
    }
}

#[test]
fn a_snapshot_of_another_format_version_or_build_is_refused() {
    let bytes = encode(&small());
    let mut other = bytes.clone();
    other[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        decode(&other),
        Err(SnapshotError::OtherVersion { found: FORMAT_VERSION + 1, expected: FORMAT_VERSION })
    );
    let mut other = bytes.clone();
    other[10..18].copy_from_slice(&(fingerprint() ^ 1).to_le_bytes());
    assert_eq!(decode(&other), Err(SnapshotError::OtherBuild { found: fingerprint() ^ 1, expected: fingerprint() }));
    let mut other = bytes;
    other[0] = b'X';
    assert_eq!(decode(&other), Err(SnapshotError::WrongMagic));
    assert_eq!(decode(b"{\"format\":\"fairlog.events\"}"), Err(SnapshotError::WrongMagic));
}

#[test]
fn a_snapshot_with_any_byte_flipped_is_refused() {
    let bytes = encode(&crate::synth::fair_log(30, 2));
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x20;
        assert!(decode(&damaged).is_err(), "byte {i} flipped still decodes");
    }
    let mut longer = bytes;
    longer.push(0);
    assert!(matches!(decode(&longer), Err(SnapshotError::Corrupt { .. })));
}

#[test]
fn errors_have_codes() {
    assert_eq!(SnapshotError::WrongMagic.code(), "snapshot.wrong_magic");
    assert_eq!(ResumeError::OtherLog { seq: 3 }.code(), "snapshot.other_log");
}

#[test]
fn a_crafted_body_claiming_billions_of_entries_is_refused_without_reserving_memory_for_them() {
    // given the body the snapshot fuzz target found: a state whose first map claims about 10^16
    // entries (postcard varint), with a handful of bytes behind it
    let body = [0u8, 0, 10, 194, 194, 194, 194, 194, 194, 46];
    // when it is decoded past the checksum
    let answer = decode_body(&body);
    // then it is refused as corrupt (before the fix: an allocation of that size, and an abort)
    assert!(matches!(answer, Err(SnapshotError::Corrupt { .. })), "{answer:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// For any generated season and any cut point k: the snapshot at k plus the lines after it
    /// reach the state and cursor of the full replay.
    #[test]
    fn snapshot_at_any_cut_plus_the_rest_is_the_full_replay(seed in 0u64..10_000, events in 1usize..400, cut in 0.0f64..=1.0) {
        let engine = if seed % 3 == 0 { crate::synth::fair_log(events, seed) } else { crate::synth::season_log(events, seed) };
        let k = (engine.log().last_seq() as f64 * cut) as u64;
        let resumed = resumed_at(&engine, k);
        prop_assert_eq!(resumed.state(), engine.state());
        prop_assert_eq!(resumed.log().cursor(), engine.log().cursor());
    }

    /// Arbitrary bytes never panic the decoder.
    #[test]
    fn arbitrary_bytes_are_refused_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&bytes);
        let mut framed = MAGIC.to_vec();
        framed.extend_from_slice(&bytes);
        prop_assert!(decode(&framed).is_err());
    }
}

/// `audience`'s filtered stream of `engine`'s whole log, as the server sends it.
fn filtered_stream(engine: &Engine, audience: &crate::privacy::Audience) -> Vec<(u64, Option<String>)> {
    engine
        .log()
        .entries()
        .iter()
        .filter_map(|e| {
            let line = to_line(e);
            crate::privacy::filter_line(engine.state(), audience, &line).unwrap().map(|l| (e.seq, Some(l.into_owned())))
        })
        .collect()
}

/// An enterprise of the season (the `pick`th, wrapping), or the public when there is none.
fn some_audience(engine: &Engine, pick: usize) -> crate::privacy::Audience {
    let ids: Vec<_> = engine.state().enterprises.keys().copied().collect();
    match ids.len() {
        0 => crate::privacy::Audience::Public,
        n => crate::privacy::Audience::Enterprise(ids[pick % n]),
    }
}

#[test]
fn a_filtered_snapshot_whose_covered_line_is_not_the_audience_s_is_refused() {
    // Given an enterprise's filtered replica of a season, and its snapshot after 40 lines
    let engine = small();
    let audience = some_audience(&engine, 1);
    let stream = filtered_stream(&engine, &audience);
    let (prefix, problem) = Engine::restore_filtered(stream[..40].iter().cloned());
    assert_eq!(problem, None);
    let snapshot = decode(&encode(&prefix)).unwrap();
    // When it is resumed with another line in place of the 40th
    let other = stream[38].1.clone();
    let answer = Engine::resume_filtered(snapshot.clone(), other.as_deref(), stream[40..].iter().cloned());
    // Then it is refused as a snapshot of another log, and so it is with no line at all
    assert_eq!(answer.err(), Some(ResumeError::OtherLog { seq: snapshot.cursor.seq }));
    let answer = Engine::resume_filtered(snapshot.clone(), None, stream[40..].iter().cloned());
    assert_eq!(answer.err(), Some(ResumeError::LogTooShort { seq: snapshot.cursor.seq }));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// For any season, audience and cut after k held lines of its filtered stream: the filtered
    /// engine's snapshot at k, resumed with the lines after it, reaches the state and cursor of
    /// the filtered replay of the whole stream; and backfilling the first k lines gives the same
    /// log (what the server's per-audience snapshot and the history page rely on).
    #[test]
    fn a_filtered_snapshot_at_any_cut_plus_the_rest_is_the_filtered_replay(seed in 0u64..10_000, events in 20usize..300, pick in 0usize..50, cut in 0.0f64..=1.0) {
        let engine = crate::synth::season_log(events, seed);
        let audience = some_audience(&engine, pick);
        let stream = filtered_stream(&engine, &audience);
        let (full, problem) = Engine::restore_filtered(stream.iter().cloned());
        prop_assert_eq!(problem, None);
        let k = ((stream.len() as f64 * cut) as usize).max(1).min(stream.len());
        let (prefix, problem) = Engine::restore_filtered(stream[..k].iter().cloned());
        prop_assert_eq!(problem, None);
        let snapshot = decode(&encode(&prefix)).expect("decodes");
        prop_assert_eq!(snapshot.cursor.seq, stream[k - 1].0);
        let (mut resumed, problem) =
            Engine::resume_filtered(snapshot, stream[k - 1].1.as_deref(), stream[k..].iter().cloned()).expect("the snapshot is of this stream");
        prop_assert_eq!(problem, None);
        prop_assert_eq!(resumed.state(), full.state());
        prop_assert_eq!(resumed.log().cursor(), full.log().cursor());
        prop_assert!(!resumed.log().is_complete());
        resumed.backfill_filtered(stream[..k].iter().cloned()).expect("the earlier lines end at the base");
        prop_assert!(resumed.log().is_complete());
        prop_assert_eq!(resumed.log().entries(), full.log().entries());
    }

    /// For any season and audience: the state folded from the stored lines (the server's way to
    /// its per-audience snapshot) is the state and cursor of the browser's filtered replay.
    #[test]
    fn the_folded_replica_state_is_the_filtered_replay(seed in 0u64..10_000, events in 1usize..300, pick in 0usize..50) {
        let engine = crate::synth::season_log(events, seed);
        let audience = some_audience(&engine, pick);
        let (replayed, problem) = Engine::restore_filtered(filtered_stream(&engine, &audience));
        prop_assert_eq!(problem, None);
        let stored: Vec<(u64, String, String)> = engine
            .log()
            .entries()
            .iter()
            .map(|e| { let l = to_line(e); let h = crate::log::hash_line(&l); (e.seq, l, h) })
            .collect();
        let (state, cursor) = crate::privacy::replica_state(
            engine.state(),
            &audience,
            stored.iter().map(|(s, l, h)| (*s, l.as_str(), h.as_str())),
        )
        .expect("the lines parse");
        prop_assert_eq!(&state, replayed.state());
        prop_assert_eq!(cursor, replayed.log().cursor());
    }
}

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct AnInstant(#[serde(with = "crate::snapshot::form::instant")] chrono::DateTime<chrono::Utc>);

proptest! {
    /// Given any instant chrono represents (nanoseconds included), when written through the
    /// state's instant form, then JSON is chrono's own text and postcard reads back the same
    /// instant, in fewer bytes than the text.
    #[test]
    fn an_instant_is_exact_in_both_forms(secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000) {
        let t = chrono::DateTime::from_timestamp(secs, nanos).unwrap();
        let json = serde_json::to_string(&AnInstant(t)).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&t).unwrap());
        prop_assert_eq!(serde_json::from_str::<AnInstant>(&json).unwrap(), AnInstant(t));
        let bin = postcard::to_allocvec(&AnInstant(t)).unwrap();
        prop_assert!(bin.len() < postcard::to_allocvec(&t).unwrap().len());
        prop_assert_eq!(postcard::from_bytes::<AnInstant>(&bin).unwrap(), AnInstant(t));
    }
}

/// Given postcard bytes of an instant out of chrono's range, when read, then it is an error,
/// not a panic or a wrong instant.
#[test]
fn an_instant_out_of_range_is_refused() {
    let bin = postcard::to_allocvec(&(i64::MAX, 0u32)).unwrap();
    assert!(postcard::from_bytes::<AnInstant>(&bin).is_err());
    let bin = postcard::to_allocvec(&(0i64, 3_000_000_000u32)).unwrap();
    assert!(postcard::from_bytes::<AnInstant>(&bin).is_err());
}
