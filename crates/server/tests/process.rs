//! The real binary, really started: live updates over SSE that resume after a restart, and a
//! server killed with SIGKILL between deciding a push and answering it.
mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{organizer, push_body};
use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::FairId;
use fairlog_domain::Intent;
use fairlog_domain::Role;
use fairlog_server::rush::{HttpSession, Login};
use fairlog_server::store::{EventStore, SqlStore};
use futures_util::StreamExt;
use serde_json::{json, Value};
use uuid::Uuid;

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(database_url: &str, pause: Option<&str>) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fairlog-server"));
        cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--data", "/nonexistent-unused"])
            .args(["--database-url", database_url])
            .env("FAIRLOG_TEST_FAST_HASH", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match pause {
            Some(p) => cmd.env("FAIRLOG_TEST_PAUSE", p),
            None => cmd.env_remove("FAIRLOG_TEST_PAUSE"),
        };
        let child = cmd.spawn().expect("start fairlog-server");
        let server = Server { child, url: format!("http://127.0.0.1:{port}") };
        server.wait_ready();
        server
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(self.url.trim_start_matches("http://")).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("fairlog-server did not start");
    }

    /// SIGKILL: no shutdown, no flush.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn create_fair(name: &str) -> Intent {
    FairCommand::CreateFair { fair_id: FairId(Uuid::new_v4()), details: fairlog_domain::testing::xuhui_fair(name) }
        .into()
}

async fn push(http: &reqwest::Client, url: &str, body: &Value) -> Result<Value, reqwest::Error> {
    let who = signed_in(http, url).await;
    who.post(http, format!("{url}/api/push")).json(body).send().await?.json().await
}

/// The organizer's login the process tests use (created in the store before the server starts).
fn login() -> Login {
    Login { name: common::ORGANIZER.into(), password: common::PASSWORD.into() }
}

/// Create the organizer in the store (once; a restarted server finds it there).
async fn given_an_organizer(store: &dyn EventStore) {
    let _ =
        fairlog_server::auth::create_account(store, common::ORGANIZER, Role::Organizer, None, common::PASSWORD, true)
            .await;
}

/// A session of the organizer on the server at `url` (signed in once per server and kept).
async fn signed_in(http: &reqwest::Client, url: &str) -> HttpSession {
    static SESSIONS: std::sync::Mutex<Vec<(String, HttpSession)>> = std::sync::Mutex::new(Vec::new());
    if let Some((_, s)) = SESSIONS.lock().unwrap().iter().find(|(u, _)| u == url) {
        return s.clone();
    }
    let s = fairlog_server::rush::sign_in(http, url, &login()).await.expect("the organizer signs in");
    SESSIONS.lock().unwrap().push((url.to_owned(), s.clone()));
    s
}

async fn wait_for_seq(store: &dyn EventStore, seq: u64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while store.head().await.unwrap().last_seq < seq {
        assert!(Instant::now() < deadline, "the push never became durable");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_push_killed_after_its_commit_is_answered_once_on_retry() {
    for (kind, url) in common::store_urls().await {
        let store = SqlStore::open(&url).await.unwrap();
        given_an_organizer(&store).await;
        let http = reqwest::Client::new();
        let server = Server::start(&url, Some("after_commit:60000"));
        let body = push_body(Uuid::new_v4(), &organizer(), 1, &[create_fair("断电前已保存")]);
        let pending = tokio::spawn({
            let (http, url, body) = (http.clone(), server.url.clone(), body.clone());
            async move { push(&http, &url, &body).await }
        });
        wait_for_seq(&store, 1).await;
        server.kill();
        assert!(pending.await.unwrap().is_err(), "{kind}: the client got no answer");

        let server = Server::start(&url, None);
        let answer = push(&http, &server.url, &body).await.unwrap();
        assert_eq!(answer["results"][0]["status"], "accepted", "{kind}: {answer}");
        assert_eq!(answer["results"][0]["first_seq"], 1, "{kind}: the answer it had");
        assert_eq!(store.head().await.unwrap().last_seq, 1, "{kind}: applied exactly once");
    }
}

#[tokio::test]
async fn a_push_killed_before_its_commit_is_applied_once_on_retry() {
    for (kind, url) in common::store_urls().await {
        let store = SqlStore::open(&url).await.unwrap();
        given_an_organizer(&store).await;
        let http = reqwest::Client::new();
        let server = Server::start(&url, Some("before_commit:60000"));
        let body = push_body(Uuid::new_v4(), &organizer(), 1, &[create_fair("断电前未保存")]);
        let pending = tokio::spawn({
            let (http, url, body) = (http.clone(), server.url.clone(), body.clone());
            async move { push(&http, &url, &body).await }
        });
        tokio::time::sleep(Duration::from_millis(500)).await;
        server.kill();
        assert!(pending.await.unwrap().is_err(), "{kind}");
        assert_eq!(store.head().await.unwrap().last_seq, 0, "{kind}: nothing was durable");

        let server = Server::start(&url, None);
        let answer = push(&http, &server.url, &body).await.unwrap();
        assert_eq!(answer["results"][0]["status"], "accepted", "{kind}: {answer}");
        let again = push(&http, &server.url, &body).await.unwrap();
        assert_eq!(again["results"], answer["results"], "{kind}");
        assert_eq!(store.head().await.unwrap().last_seq, 1, "{kind}: applied exactly once");
    }
}

/// Read SSE frames until `n` events arrived; returns their (id, data).
async fn read_events(
    stream: &mut (impl futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin),
    buf: &mut String,
    n: usize,
) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    while out.len() < n {
        if let Some(end) = buf.find("\n\n") {
            let frame: String = buf.drain(..end + 2).collect();
            let (mut id, mut data) = (None, None);
            for line in frame.lines() {
                if let Some(v) = line.strip_prefix("id: ").or_else(|| line.strip_prefix("id:")) {
                    id = v.trim().parse().ok();
                }
                if let Some(v) = line.strip_prefix("data: ").or_else(|| line.strip_prefix("data:")) {
                    data = Some(v.to_owned());
                }
            }
            if let (Some(id), Some(data)) = (id, data) {
                out.push((id, data));
            }
            continue;
        }
        let chunk = tokio::time::timeout(Duration::from_secs(20), stream.next()).await.expect("an event in time");
        buf.push_str(&String::from_utf8_lossy(&chunk.expect("stream open").expect("bytes")));
    }
    out
}

#[tokio::test]
async fn the_live_stream_catches_up_follows_and_resumes_after_a_restart() {
    for (kind, url) in common::store_urls().await {
        given_an_organizer(&SqlStore::open(&url).await.unwrap()).await;
        let http = reqwest::Client::new();
        let server = Server::start(&url, None);
        let client = Uuid::new_v4();
        push(&http, &server.url, &push_body(client, &organizer(), 1, &[create_fair("一"), create_fair("二")]))
            .await
            .unwrap();

        let who = signed_in(&http, &server.url).await;
        let res = who.get(&http, format!("{}/api/stream?after=0", server.url)).send().await.unwrap();
        assert_eq!(res.headers()["content-type"], "text/event-stream", "{kind}");
        let mut stream = res.bytes_stream();
        let mut buf = String::new();
        let caught_up = read_events(&mut stream, &mut buf, 2).await;
        assert_eq!(caught_up.iter().map(|e| e.0).collect::<Vec<_>>(), vec![1, 2], "{kind}");

        push(&http, &server.url, &push_body(client, &organizer(), 3, &[create_fair("三")])).await.unwrap();
        let live = read_events(&mut stream, &mut buf, 1).await;
        assert_eq!(live[0].0, 3, "{kind}: a live event, without asking again");
        assert!(live[0].1.contains("三"), "{kind}");

        // The server goes away and comes back; events were written meanwhile.
        server.kill();
        let server = Server::start(&url, None);
        push(&http, &server.url, &push_body(client, &organizer(), 4, &[create_fair("四"), create_fair("五")]))
            .await
            .unwrap();
        let who = signed_in(&http, &server.url).await;
        let res =
            who.get(&http, format!("{}/api/stream", server.url)).header("Last-Event-ID", "3").send().await.unwrap();
        let mut stream = res.bytes_stream();
        let mut buf = String::new();
        let resumed = read_events(&mut stream, &mut buf, 2).await;
        assert_eq!(
            resumed.iter().map(|e| e.0).collect::<Vec<_>>(),
            vec![4, 5],
            "{kind}: nothing missed, nothing twice"
        );
        let lines: Vec<String> = caught_up.into_iter().chain(live).chain(resumed).map(|e| e.1).collect();
        common::replay(&lines);
    }
}

#[tokio::test]
async fn a_slow_stream_reader_holds_up_no_one() {
    for (kind, url) in common::store_urls().await {
        given_an_organizer(&SqlStore::open(&url).await.unwrap()).await;
        let http = reqwest::Client::new();
        let server = Server::start(&url, None);
        // Opened and never read.
        let who = signed_in(&http, &server.url).await;
        let _slow = who.get(&http, format!("{}/api/stream?after=0", server.url)).send().await.unwrap();
        let client = Uuid::new_v4();
        for round in 0..20u64 {
            let intents: Vec<Intent> = (0..100).map(|i| create_fair(&format!("第{round}批{i}"))).collect();
            let v =
                push(&http, &server.url, &push_body(client, &organizer(), round * 100 + 1, &intents)).await.unwrap();
            assert_eq!(v["results"][99]["status"], "accepted", "{kind}: {v}");
        }
        let health: Value = http.get(format!("{}/api/health", server.url)).send().await.unwrap().json().await.unwrap();
        assert_eq!(health["last_seq"], 2000, "{kind}");
    }
}

#[tokio::test]
async fn the_rush_books_each_booth_once_and_refuses_the_rest() {
    for (kind, url) in common::store_urls().await {
        given_an_organizer(&SqlStore::open(&url).await.unwrap()).await;
        let server = Server::start(&url, None);
        let report = fairlog_server::rush::run(&server.url, &login(), 200, 50, 1).await.unwrap();
        assert_eq!((report.accepted, report.refused, report.failed), (50, 150, 0), "{kind}: {report:?}");
        assert_eq!(report.double_booked, 0, "{kind}");
    }
}

#[tokio::test]
async fn a_database_connection_dropped_mid_transaction_loses_nothing_and_applies_nothing_twice() {
    // PostgreSQL only: a connection another session can end while it is inside a transaction.
    for (kind, url) in common::store_urls().await.into_iter().filter(|(k, _)| *k == "postgres") {
        let store = SqlStore::open(&url).await.unwrap();
        given_an_organizer(&store).await;
        let http = reqwest::Client::new();
        let server = Server::start(&url, Some("in_transaction:4000"));
        let body = push_body(Uuid::new_v4(), &organizer(), 1, &[create_fair("连接中断")]);
        let pending = tokio::spawn({
            let (http, url, body) = (http.clone(), server.url.clone(), body.clone());
            async move {
                let who = signed_in(&http, &url).await;
                who.post(&http, format!("{url}/api/push")).json(&body).send().await.unwrap()
            }
        });
        // Wait until the server's append holds its transaction open, then end that connection.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let rows = sqlx::query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE state = 'idle in transaction' AND pid <> pg_backend_pid() AND datname = current_database()",
            )
            .fetch_all(store.pool())
            .await
            .unwrap();
            if !rows.is_empty() {
                break;
            }
            assert!(Instant::now() < deadline, "{kind}: the append never opened its transaction");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let answer = pending.await.unwrap();
        assert_eq!(answer.status(), 503, "{kind}");
        let v: Value = answer.json().await.unwrap();
        assert_eq!(v["code"], "store.unavailable", "{kind}");
        assert_eq!(store.head().await.unwrap().last_seq, 0, "{kind}: nothing of it is durable");

        // The retry goes through once; the server's memory did not keep the lost event.
        let retry = push(&http, &server.url, &body).await.unwrap();
        assert_eq!(retry["results"][0]["status"], "accepted", "{kind}: {retry}");
        assert_eq!(retry["results"][0]["first_seq"], 1, "{kind}");
        assert_eq!(store.head().await.unwrap().last_seq, 1, "{kind}");
        let health: Value = http.get(format!("{}/api/health", server.url)).send().await.unwrap().json().await.unwrap();
        assert_eq!(health["last_seq"], 1, "{kind}");
    }
}

#[tokio::test]
async fn admin_create_prints_a_one_time_link_for_the_first_organizer() {
    for (kind, url) in common::store_urls().await {
        // Given a fresh store, when `admin create` runs
        let run = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_fairlog-server"))
                .args(["admin", "create", "--database-url", &url])
                .args(args)
                .output()
                .expect("admin create")
        };
        let out = run(&["--name", "王敏", "--if-none"]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let token = text.split("/#/join/").nth(1).expect("a link").trim().to_owned();
        // The link names the organizer; joining through it makes the account.
        let server = Server::start(&url, None);
        let http = reqwest::Client::new();
        let info: Value =
            http.get(format!("{}/api/invitations/{token}", server.url)).send().await.unwrap().json().await.unwrap();
        assert_eq!((info["role"].clone(), info["name"].clone()), (json!("organizer"), json!("王敏")), "{kind}");
        let who = fairlog_server::rush::join(&http, &server.url, &token, "", common::PASSWORD).await.unwrap();
        assert_eq!(who.account["name"], "王敏", "{kind}");
        assert_eq!(who.account["role"], "organizer", "{kind}");
        // Then the link is spent, and the organizer signs in with the password chosen
        assert!(fairlog_server::rush::join(&http, &server.url, &token, "", common::PASSWORD).await.is_err(), "{kind}");
        assert!(fairlog_server::rush::sign_in(&http, &server.url, &login()).await.is_ok(), "{kind}");
        let again = run(&["--name", "王敏"]);
        assert!(!again.status.success(), "{kind}: the name is taken");
        let quiet = run(&["--name", "别人", "--if-none"]);
        assert!(quiet.status.success() && quiet.stdout.is_empty(), "{kind}: accounts exist, nothing to do");
    }
}
