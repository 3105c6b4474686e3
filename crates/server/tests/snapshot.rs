//! `GET /api/snapshot`: a new browser starts from the server's snapshot and the lines after it,
//! and reaches the same state as a replay of what it may read: the whole log for an organizer,
//! its filtered stream for an enterprise. On SQLite and PostgreSQL.
mod common;

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fairlog_domain::{codec, snapshot, Engine};
use fairlog_server::snapshots::SNAPSHOT_FROM;
use http_body_util::BodyExt;

/// GET `path` as `who` with `accept-encoding`; the status, the `content-encoding` and the body.
async fn get_bytes(
    api: &common::Api,
    who: &common::Who,
    path: &str,
    encoding: Option<&str>,
) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut req = Request::get(path).header("cookie", who.cookie.as_str());
    if let Some(e) = encoding {
        req = req.header("accept-encoding", e);
    }
    let res = tower::ServiceExt::oneshot(api.router.clone(), req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let enc = res.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_owned());
    (status, enc, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("gzip");
    out
}

/// The store holds a generated season of `events` events; the engine that replays it.
async fn season(store: &dyn fairlog_server::store::EventStore, events: usize) -> Engine {
    let engine = fairlog_domain::synth::season_log(events, 11);
    fairlog_server::import::import(store, &codec::export(engine.log())).await.unwrap();
    engine
}

#[tokio::test]
async fn a_new_organizer_starts_from_the_snapshot_and_the_tail_and_reaches_the_replayed_state() {
    for (kind, store) in common::stores().await {
        // Given a server whose log is longer than SNAPSHOT_FROM
        let full = season(store.as_ref(), SNAPSHOT_FROM as usize + 500).await;
        let api = common::Api::over(store).await;
        let head = full.log().last_seq();
        // When the organizer asks for the snapshot, taking gzip
        let (status, enc, body) = get_bytes(&api, &api.organizer, "/api/snapshot", Some("gzip, br")).await;
        // Then it is gzip of a snapshot of the whole state at the head
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert_eq!(enc.as_deref(), Some("gzip"), "{kind}");
        let raw = gunzip(&body);
        let snap = snapshot::decode(&raw).expect("a snapshot this build reads");
        assert_eq!(snap.cursor, full.log().cursor(), "{kind}");
        assert_eq!(&snap.state, full.state(), "{kind}");
        // And without gzip the same bytes come raw
        let (_, enc, plain) = get_bytes(&api, &api.organizer, "/api/snapshot", None).await;
        assert_eq!((enc, plain == raw), (None, true), "{kind}");

        // When one more command is decided, the same snapshot still serves (the tail is short)
        let client = uuid::Uuid::new_v4();
        let intent: fairlog_domain::Intent = fairlog_domain::fair::FairCommand::CreateFair {
            fair_id: fairlog_domain::ids::FairId(uuid::Uuid::new_v4()),
            details: fairlog_domain::testing::xuhui_fair("快照之后"),
        }
        .into();
        let (status, v) = api.push(&common::push_body(client, &common::organizer(), 1, &[intent])).await;
        assert_eq!(status, StatusCode::OK, "{kind} {v}");
        let (_, _, again) = get_bytes(&api, &api.organizer, "/api/snapshot", Some("gzip")).await;
        assert_eq!(snapshot::decode(&gunzip(&again)).unwrap().cursor.seq, head, "{kind}");

        // And the snapshot, the line it covers and the lines after it resume to the server's state
        let (status, page) = api.get(&format!("/api/events?after={}", head - 1)).await;
        assert_eq!(status, StatusCode::OK, "{kind} {page}");
        let lines: Vec<String> =
            page["events"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect();
        assert!(lines.len() >= 2, "{kind}: the covered line and the new command's events");
        let tail = lines[1..].iter().enumerate().map(|(i, l)| (head + 1 + i as u64, Some(l.as_str())));
        let (resumed, problem) = Engine::resume(snap, Some(&lines[0]), tail).expect("resumes");
        assert_eq!(problem, None, "{kind}");
        let replayed = common::replay(&api.pull_all().await);
        assert_eq!(resumed.state(), replayed.state(), "{kind}");
        assert_eq!(resumed.log().cursor(), replayed.log().cursor(), "{kind}");
    }
}

/// `who`'s filtered stream, pulled page by page as its browser pulls it: `(seq, line)`.
async fn pull_filtered(api: &common::Api, who: &common::Who, after: u64) -> Vec<(u64, String)> {
    let (mut after, mut hash, mut lines) = (after, String::new(), Vec::new());
    loop {
        let path = match hash.as_str() {
            "" => format!("/api/events?after={after}"),
            h => format!("/api/events?after={after}&hash={h}"),
        };
        let (status, v) = api.get_as(Some(who), &path).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        for l in v["events"].as_array().unwrap() {
            let l = l.as_str().unwrap().to_owned();
            lines.push((codec::parse_line(&l).unwrap().seq, l));
        }
        after = v["scanned"].as_u64().expect("a filtered page says how far it looked");
        hash = v["scanned_hash"].as_str().unwrap().to_owned();
        if v["more"] != true {
            return lines;
        }
    }
}

#[tokio::test]
async fn a_new_enterprise_starts_from_its_own_filtered_snapshot_and_reaches_its_replayed_stream() {
    for (kind, store) in common::stores().await {
        // Given a long log and an account of one of its enterprises
        let full = season(store.as_ref(), SNAPSHOT_FROM as usize + 500).await;
        let api = common::Api::over(store).await;
        let mine = *full.state().enterprises.keys().nth(3).expect("the season has enterprises");
        let (enterprise, _) = api.account("enterprise", Some(mine.0), "企业甲").await;
        // When it asks for the snapshot
        let (status, enc, body) = get_bytes(&api, &enterprise, "/api/snapshot", Some("gzip")).await;
        // Then it is its replica's: the state and cursor of replaying its own filtered stream
        assert_eq!((status, enc.as_deref()), (StatusCode::OK, Some("gzip")), "{kind}");
        let snap = snapshot::decode(&gunzip(&body)).expect("a snapshot this build reads");
        let stream = pull_filtered(&api, &enterprise, 0).await;
        let (replayed, problem) = Engine::restore_filtered(stream.iter().map(|(s, l)| (*s, Some(l.as_str()))));
        assert_eq!(problem, None, "{kind}");
        assert_eq!(&snap.state, replayed.state(), "{kind}");
        assert_eq!(snap.cursor, replayed.log().cursor(), "{kind}");
        // And it holds nothing the stream withholds: no other enterprise's contact, no key marks
        // but its own
        let others: Vec<_> = snap.state.enterprises.values().filter(|e| e.id != mine).collect();
        assert!(others.len() > 10, "{kind}");
        for e in others {
            assert!(e.profile.contact_name.is_empty() && e.profile.contact_phone.is_empty(), "{kind}: {:?}", e.profile);
            assert_eq!((e.key, e.commissioner.as_deref()), (None, None), "{kind}");
        }
        assert!(!snap.state.enterprises[&mine].profile.contact_name.is_empty(), "{kind}");
        // And the organizer's snapshot is another (the whole state)
        let (_, _, whole) = get_bytes(&api, &api.organizer, "/api/snapshot", Some("gzip")).await;
        assert_eq!(&snapshot::decode(&gunzip(&whole)).unwrap().state, full.state(), "{kind}");

        // When the log grows, the kept snapshot still serves, and resumes with the lines from its
        // sequence on to the replay of the whole stream
        let client = uuid::Uuid::new_v4();
        let intent: fairlog_domain::Intent = fairlog_domain::fair::FairCommand::CreateFair {
            fair_id: fairlog_domain::ids::FairId(uuid::Uuid::new_v4()),
            details: fairlog_domain::testing::xuhui_fair("快照之后"),
        }
        .into();
        let (status, v) = api.push(&common::push_body(client, &common::organizer(), 1, &[intent])).await;
        assert_eq!(status, StatusCode::OK, "{kind} {v}");
        let (_, _, again) = get_bytes(&api, &enterprise, "/api/snapshot", Some("gzip")).await;
        let snap = snapshot::decode(&gunzip(&again)).unwrap();
        let seq = snap.cursor.seq;
        let lines = pull_filtered(&api, &enterprise, seq - 1).await;
        assert_eq!(lines[0].0, seq, "{kind}: the line it covers comes first");
        let tail = lines[1..].iter().map(|(s, l)| (*s, Some(l.as_str())));
        let (resumed, problem) = Engine::resume_filtered(snap, Some(&lines[0].1), tail).expect("resumes");
        assert_eq!(problem, None, "{kind}");
        let stream = pull_filtered(&api, &enterprise, 0).await;
        let (replayed, _) = Engine::restore_filtered(stream.iter().map(|(s, l)| (*s, Some(l.as_str()))));
        assert!(replayed.log().last_seq() > seq, "{kind}: the new fair reached the enterprise");
        assert_eq!(resumed.state(), replayed.state(), "{kind}");
        assert_eq!(resumed.log().cursor(), replayed.log().cursor(), "{kind}");
    }
}

#[tokio::test]
async fn a_short_log_has_no_snapshot() {
    for (kind, store) in common::stores().await {
        // Given a server with a log shorter than SNAPSHOT_FROM and an enterprise account
        season(store.as_ref(), 300).await;
        let api = common::Api::over(store).await;
        let (enterprise, _) = api.account("enterprise", None, "企业甲").await;
        // When the organizer or the enterprise asks for a snapshot, then there is none: pull instead
        for who in [&api.organizer, &enterprise] {
            let (status, _, body) = get_bytes(&api, who, "/api/snapshot", Some("gzip")).await;
            assert_eq!((status, body.len()), (StatusCode::NO_CONTENT, 0), "{kind}");
        }
        // And nobody signed in gets nothing at all
        let (status, _) = api.get_as(None, "/api/snapshot").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{kind}");
    }
}
