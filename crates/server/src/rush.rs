//! The 10:00 rush: a fair with M booths opens and N enterprises ask for booths at the same moment,
//! over the real API, each in its own session (an organizer signs in, invites the enterprises, and
//! each joins). Prints one JSON line of figures, the log read back and checked.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use fairlog_domain::booking::{BookingCommand, BookingRules, BoothTarget};
use fairlog_domain::enterprise::EnterpriseCommand;
use fairlog_domain::fair::{FairCommand, FairDetails, FairMode, Schedule, Venue};
use fairlog_domain::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use fairlog_domain::ids::{BookingId, BoothId, EnterpriseId, FairId, ZoneId};
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::{Actor, Engine, Intent, Role};
use serde::Serialize;
use tokio::sync::Barrier;
use uuid::Uuid;

use crate::protocol::{Mutation, PullResponse, PushRequest, PushResponse, MAX_MUTATIONS_PER_PUSH};

#[derive(Debug, Clone, Serialize)]
pub struct RushReport {
    pub clients: usize,
    pub booths: usize,
    pub rounds: usize,
    pub accepted: usize,
    pub refused: usize,
    pub failed: usize,
    pub double_booked: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub rush_s: f64,
    pub accepted_per_s: f64,
    pub events: u64,
}

const ROW: usize = 50;

/// An organizer's name and password, for the rush to sign in with.
#[derive(Debug, Clone)]
pub struct Login {
    pub name: String,
    pub password: String,
}

/// A signed-in session over HTTP, as a browser holds it: the session cookie and the CSRF token.
#[derive(Debug, Clone)]
pub struct HttpSession {
    pub cookie: String,
    pub csrf: String,
    pub account: serde_json::Value,
}

impl HttpSession {
    /// A request with this session's cookie and CSRF header.
    pub fn post(&self, http: &reqwest::Client, url: String) -> reqwest::RequestBuilder {
        http.post(url).header("cookie", &self.cookie).header("x-fairlog-csrf", &self.csrf)
    }

    pub fn get(&self, http: &reqwest::Client, url: String) -> reqwest::RequestBuilder {
        http.get(url).header("cookie", &self.cookie)
    }
}

/// Sign-in or join: read the session cookie and the CSRF token from the answer.
async fn session_from(res: reqwest::Response) -> Result<HttpSession, String> {
    let status = res.status();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("fairlog_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let body: serde_json::Value = res.json().await.map_err(|e| e.to_string())?;
    match (status.is_success(), cookie) {
        (true, Some(cookie)) => Ok(HttpSession {
            cookie,
            csrf: body["csrf"].as_str().unwrap_or_default().to_owned(),
            account: body["account"].clone(),
        }),
        _ => Err(format!("{status}: {body}")),
    }
}

pub async fn sign_in(http: &reqwest::Client, base: &str, login: &Login) -> Result<HttpSession, String> {
    let body = serde_json::json!({"name": login.name, "password": login.password});
    let res = http.post(format!("{base}/api/auth/sign-in")).json(&body).send().await.map_err(|e| e.to_string())?;
    session_from(res).await
}

/// An organizer invites an enterprise (a fresh enterprise id) or a host; returns (token, subject).
pub async fn invite(
    http: &reqwest::Client,
    base: &str,
    organizer: &HttpSession,
    role: &str,
    subject: Option<Uuid>,
) -> Result<(String, Option<Uuid>), String> {
    let body = serde_json::json!({"role": role, "subject": subject});
    let res =
        organizer.post(http, format!("{base}/api/invitations")).json(&body).send().await.map_err(|e| e.to_string())?;
    let status = res.status();
    let v: serde_json::Value = res.json().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("invite: {status}: {v}"));
    }
    let subject = v["subject"].as_str().and_then(|s| Uuid::parse_str(s).ok());
    Ok((v["token"].as_str().unwrap_or_default().to_owned(), subject))
}

pub async fn join(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    name: &str,
    password: &str,
) -> Result<HttpSession, String> {
    let body = serde_json::json!({"token": token, "name": name, "password": password});
    let res = http.post(format!("{base}/api/auth/join")).json(&body).send().await.map_err(|e| e.to_string())?;
    session_from(res).await
}

/// A client with its own id and counter, as a browser is, pushing in its session.
struct Client {
    http: reqwest::Client,
    base: String,
    id: Uuid,
    n: u64,
    actor: Actor,
    session: HttpSession,
}

impl Client {
    fn new(http: &reqwest::Client, base: &str, actor: Actor, session: HttpSession) -> Self {
        Self {
            http: http.clone(),
            base: base.trim_end_matches('/').to_owned(),
            id: Uuid::new_v4(),
            n: 0,
            actor,
            session,
        }
    }

    async fn push(&mut self, intents: Vec<Intent>) -> Result<PushResponse, String> {
        let mutations = intents
            .into_iter()
            .map(|intent| {
                self.n += 1;
                Mutation { n: self.n, actor: self.actor.clone(), intent: serde_json::to_value(intent).expect("intent") }
            })
            .collect();
        let body = PushRequest { client_id: self.id, mutations };
        let res = self
            .session
            .post(&self.http, format!("{}/api/push", self.base))
            .json(&body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !res.status().is_success() {
            return Err(format!("{}: {}", res.status(), res.text().await.unwrap_or_default()));
        }
        res.json().await.map_err(|e| e.to_string())
    }

    /// Push and insist that every mutation was accepted (set-up steps).
    async fn push_all(&mut self, intents: Vec<Intent>) -> Result<(), String> {
        for chunk in intents.chunks(MAX_MUTATIONS_PER_PUSH) {
            let res = self.push(chunk.to_vec()).await?;
            for r in res.results {
                if r["status"] != "accepted" {
                    return Err(format!("set-up refused: {r}"));
                }
            }
        }
        Ok(())
    }
}

pub fn set_up_fair(fair_id: FairId, booths: usize, zone_id: ZoneId) -> Vec<Intent> {
    let start = Utc::now() + chrono::Duration::days(30);
    let district = District::ALL[0];
    let details = FairDetails {
        name: format!("10 点开抢招聘会 {}", &fair_id.0.to_string()[..8]),
        series: None,
        industry: Industry::ALL[0],
        mode: FairMode::Onsite,
        venue: Some(Venue::Hall { district, address: "会展路 1 号".into() }),
        schedule: Some(Schedule { start, end: start + chrono::Duration::hours(7) }),
        capacity: Some(100_000),
    };
    let depth = (booths.div_ceil(ROW) * 4).max(4) as u16;
    let mut out: Vec<Intent> = vec![
        FairCommand::CreateFair { fair_id, details }.into(),
        FloorPlanCommand::SizeHall { fair_id, width: (ROW * 4) as u16, depth }.into(),
        FloorPlanCommand::AddZone { fair_id, zone_id, name: "综合展区".into() }.into(),
        BookingCommand::SetBookingRules {
            fair_id,
            rules: BookingRules { max_booths_per_enterprise: 1, ..BookingRules::default() },
        }
        .into(),
    ];
    let all: Vec<usize> = (0..booths).collect();
    for chunk in all.chunks(100) {
        let booths = chunk
            .iter()
            .map(|&k| NewBooth {
                booth_id: BoothId(Uuid::new_v4()),
                zone_id,
                code: format!("R-{k:04}"),
                rect: Rect { x: (k % ROW) as u16 * 4, y: (k / ROW) as u16 * 4, w: 3, h: 3 },
                amenities: Amenities::default(),
            })
            .collect();
        out.push(FloorPlanCommand::AddBooths { fair_id, booths }.into());
    }
    out.push(FairCommand::PublishFair { fair_id }.into());
    out
}

/// The log's enterprise number `i` (credit codes must be unique in a log: a run numbers its
/// enterprises after those already registered).
pub fn enterprise(i: usize, enterprise_id: EnterpriseId) -> Intent {
    let name = format!("抢位企业{i:05}-{}", &enterprise_id.0.to_string()[..6]);
    let profile = fairlog_domain::synth_booths::generated_profile(i, name);
    EnterpriseCommand::RegisterEnterprise { enterprise_id, profile }.into()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Read the whole log back and count booths held by more than one active booking.
async fn read_back(http: &reqwest::Client, base: &str, session: &HttpSession) -> Result<(u64, usize), String> {
    let engine = restore(http, base, session).await?;
    let mut per_booth: HashMap<BoothId, usize> = HashMap::new();
    for b in engine.state().bookings.values() {
        if let (true, Some(booth)) = (b.status.is_active(), b.booth_id) {
            *per_booth.entry(booth).or_default() += 1;
        }
    }
    Ok((engine.log().last_seq(), per_booth.values().filter(|&&n| n > 1).count()))
}

/// Run the rush: set up, then `rounds` times a fair of `booths` booths and `clients` enterprises
/// asking at once (one request each).
pub async fn run(url: &str, login: &Login, clients: usize, booths: usize, rounds: usize) -> Result<RushReport, String> {
    let base = url.trim_end_matches('/').to_owned();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients.max(1))
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let organizer_session = sign_in(&http, &base, login).await?;
    let mut organizer = Client::new(&http, &base, Actor::organizer("抢位测试"), organizer_session.clone());
    let password = format!("rush-{}", Uuid::new_v4().simple());

    let mut latencies: Vec<f64> = Vec::new();
    let (mut accepted, mut refused, mut failed) = (0, 0, 0);
    let mut rush_time = Duration::ZERO;
    let registered = restore(&http, &base, &organizer_session).await?.state().enterprises.len();
    for round in 0..rounds.max(1) {
        let fair_id = FairId(Uuid::new_v4());
        let zone_id = ZoneId(Uuid::new_v4());
        organizer.push_all(set_up_fair(fair_id, booths, zone_id)).await?;
        let booth_ids = read_booths(&http, &base, &organizer_session, fair_id).await?;
        // Each enterprise is invited (its id is the invitation's) and joins with its own account.
        let mut enterprises: Vec<EnterpriseId> = Vec::with_capacity(clients);
        let mut joining = Vec::with_capacity(clients);
        for _ in 0..clients {
            let (token, subject) = invite(&http, &base, &organizer_session, "enterprise", None).await?;
            let id = EnterpriseId(subject.ok_or("the invitation names no enterprise")?);
            enterprises.push(id);
            let (http, base, password) = (http.clone(), base.clone(), password.clone());
            joining.push(tokio::spawn(async move {
                let name = format!("抢位企业-{}", &id.0.simple().to_string()[..12]);
                join(&http, &base, &token, &name, &password).await
            }));
        }
        let mut sessions = Vec::with_capacity(clients);
        for j in joining {
            sessions.push(j.await.map_err(|e| e.to_string())??);
        }
        organizer
            .push_all(
                enterprises.iter().enumerate().map(|(i, e)| enterprise(registered + round * clients + i, *e)).collect(),
            )
            .await?;

        let barrier = Arc::new(Barrier::new(clients + 1));
        let mut tasks = Vec::with_capacity(clients);
        for ((i, e), session) in enterprises.iter().enumerate().zip(sessions) {
            // What the client claims; the server records the session's actor instead.
            let actor = Actor { role: Role::Enterprise, name: format!("企业{i}"), subject: Some(e.0), account: None };
            let mut client = Client::new(&http, &base, actor, session);
            let booth_id = booth_ids[i % booth_ids.len()];
            let intent: Intent = BookingCommand::RequestBooth {
                booking_id: BookingId(Uuid::new_v4()),
                fair_id,
                enterprise_id: *e,
                target: BoothTarget::Booth { booth_id },
            }
            .into();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let t = Instant::now();
                let res = client.push(vec![intent]).await;
                (t.elapsed(), res)
            }));
        }
        barrier.wait().await;
        let started = Instant::now();
        for task in tasks {
            let (took, res) = task.await.map_err(|e| e.to_string())?;
            latencies.push(took.as_secs_f64() * 1000.0);
            match res {
                Ok(r) if r.results.first().is_some_and(|v| v["status"] == "accepted") => accepted += 1,
                Ok(_) => refused += 1,
                Err(_) => failed += 1,
            }
        }
        rush_time += started.elapsed();
    }
    let (events, double_booked) = read_back(&http, &base, &organizer_session).await?;
    latencies.sort_by(|a, b| a.total_cmp(b));
    let secs = rush_time.as_secs_f64();
    Ok(RushReport {
        clients,
        booths,
        rounds: rounds.max(1),
        accepted,
        refused,
        failed,
        double_booked,
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
        max_ms: latencies.last().copied().unwrap_or_default(),
        rush_s: secs,
        accepted_per_s: if secs > 0.0 { accepted as f64 / secs } else { 0.0 },
        events,
    })
}

/// The fair's booths in code order, read from the log as any client would.
async fn read_booths(
    http: &reqwest::Client,
    base: &str,
    session: &HttpSession,
    fair_id: FairId,
) -> Result<Vec<BoothId>, String> {
    let engine = restore(http, base, session).await?;
    let plan = engine.state().floor_plans.get(&fair_id).ok_or("the fair has no floor plan")?;
    let mut booths: Vec<_> = plan.booths.values().map(|b| (b.code.clone(), b.id)).collect();
    booths.sort();
    Ok(booths.into_iter().map(|(_, id)| id).collect())
}

/// The whole log, pulled and replayed.
async fn restore(http: &reqwest::Client, base: &str, session: &HttpSession) -> Result<Engine, String> {
    let mut lines = Vec::new();
    let mut after = 0;
    loop {
        let res: PullResponse = session
            .get(http, format!("{base}/api/events?after={after}"))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        for line in res.events {
            after += 1;
            lines.push((after, Some(line)));
        }
        if !res.more {
            break;
        }
    }
    match Engine::restore(lines) {
        (engine, None) => Ok(engine),
        (_, Some(p)) => Err(format!("the log read back does not verify: {p:?}")),
    }
}
