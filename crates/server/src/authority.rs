//! The authority: one task that owns the domain engine and decides every pushed command, in the
//! order the server receives them, with the server's clock.
//!
//! Concurrent pushes queue up; the task takes what has queued (group commit), decides each
//! mutation on the state the previous ones left, and writes all their events and answers in one
//! store transaction. Only then are the answers sent and the new head announced, so nothing is
//! acknowledged or shown to a reader before it is durable. If the write fails, the in-memory
//! engine (which already holds the undurable events) is rebuilt from the store.
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use fairlog_domain::{Command, Engine, Intent};
use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use crate::protocol::{MutationResult, PushRequest, PushResponse, MAX_MUTATIONS_PER_PUSH};
use crate::store::{EventStore, Head, MutationRecord, StoreError, StoredEvent};

/// The most pushes decided in one store transaction.
const MAX_PUSHES_PER_BATCH: usize = 256;
/// Rows read per query when loading the log.
const LOAD_PAGE: u64 = 5000;

#[derive(Debug, thiserror::Error)]
pub enum AuthorityError {
    #[error("the store is unavailable: {0}")]
    Store(#[from] StoreError),
    #[error("the server is shutting down")]
    Closed,
    #[error("the stored log is damaged at {0}")]
    Damaged(String),
    /// A batch could not be written; nothing of it is durable. Try again.
    #[error("{0}")]
    Unavailable(String),
}

struct Job {
    push: PushRequest,
    /// Who pushed: every mutation is decided as this actor (the session's).
    actor: fairlog_domain::Actor,
    reply: oneshot::Sender<Result<PushResponse, AuthorityError>>,
}

/// A handle to the authority task. Cheap to clone.
#[derive(Clone)]
pub struct Authority {
    jobs: mpsc::Sender<Job>,
    head: watch::Receiver<Head>,
    snapshot: watch::Receiver<Arc<Snapshot>>,
}

/// The decided state as of a durable sequence, published after every commit (before the head
/// moves), for the readers that filter the log per audience: they look up who owns a booking
/// there (ownership never changes, so a newer state than the line is as good) without asking
/// the authority task. A clone of the state is O(1) (persistent maps).
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub last_seq: u64,
    pub state: fairlog_domain::State,
    /// Where the state stands in the log: `last_seq`, the hash of its stored line and the count
    /// of events (what `fairlog_domain::snapshot` writes with the state).
    pub cursor: fairlog_domain::log::Cursor,
}

impl Snapshot {
    fn of(engine: &Engine) -> Arc<Self> {
        Arc::new(Snapshot {
            last_seq: engine.log().last_seq(),
            state: engine.state().clone(),
            cursor: engine.log().cursor(),
        })
    }
}

/// A pause the tests put between deciding and replying, to kill the server there
/// (`FAIRLOG_TEST_PAUSE=before_commit|after_commit:MILLIS`). Unset in real use.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pause {
    BeforeCommit(Duration),
    AfterCommit(Duration),
}

fn test_pause() -> Option<Pause> {
    let v = std::env::var("FAIRLOG_TEST_PAUSE").ok()?;
    let (at, ms) = v.split_once(':')?;
    let d = Duration::from_millis(ms.parse().ok()?);
    match at {
        "before_commit" => Some(Pause::BeforeCommit(d)),
        "after_commit" => Some(Pause::AfterCommit(d)),
        _ => None,
    }
}

/// Rebuild the engine from every stored event, checking sequence and chain.
pub async fn load_engine(store: &dyn EventStore) -> Result<Engine, AuthorityError> {
    let mut engine = Engine::new();
    loop {
        let rows = store.read_after(engine.log().last_seq(), LOAD_PAGE).await?;
        if rows.is_empty() {
            break;
        }
        engine
            .extend_stored(rows.into_iter().map(|r| (r.seq, Some(r.line))))
            .map_err(|p| AuthorityError::Damaged(format!("{p:?}")))?;
    }
    let head = store.head().await?;
    if head.last_seq != engine.log().last_seq() || head.last_hash != engine.log().last_hash() {
        return Err(AuthorityError::Damaged(format!(
            "head says {} but the events end at {}",
            head.last_seq,
            engine.log().last_seq()
        )));
    }
    Ok(engine)
}

impl Authority {
    /// Load the log from the store and start deciding.
    pub async fn start(store: Arc<dyn EventStore>) -> Result<Self, AuthorityError> {
        let engine = load_engine(store.as_ref()).await?;
        let head = Head { last_seq: engine.log().last_seq(), last_hash: engine.log().last_hash().to_owned() };
        let (head_tx, head_rx) = watch::channel(head);
        let (snapshot_tx, snapshot_rx) = watch::channel(Snapshot::of(&engine));
        let (jobs_tx, jobs_rx) = mpsc::channel(4096);
        let counters = store.client_counters().await?;
        let worker =
            Worker { engine, store, counters, head: head_tx, snapshot: snapshot_tx, dirty: false, pause: test_pause() };
        tokio::spawn(worker.run(jobs_rx));
        Ok(Self { jobs: jobs_tx, head: head_rx, snapshot: snapshot_rx })
    }

    /// Decide a client's pending commands; answers once they are durable.
    pub async fn push(&self, push: PushRequest, actor: fairlog_domain::Actor) -> Result<PushResponse, AuthorityError> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job { push, actor, reply }).await.map_err(|_| AuthorityError::Closed)?;
        answer.await.map_err(|_| AuthorityError::Closed)?
    }

    /// The durable head, and a way to wait for it to move.
    pub fn head(&self) -> watch::Receiver<Head> {
        self.head.clone()
    }

    /// The state as of the latest durable sequence (see [`Snapshot`]).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }
}

struct Worker {
    engine: Engine,
    store: Arc<dyn EventStore>,
    /// Last mutation number per client, as durable: loaded on start and kept by this process,
    /// the only writer (another writer is noticed by a stale head, and everything is reloaded).
    counters: HashMap<Uuid, u64>,
    head: watch::Sender<Head>,
    snapshot: watch::Sender<Arc<Snapshot>>,
    /// The engine holds events the store refused: rebuild before deciding again.
    dirty: bool,
    pause: Option<Pause>,
}

/// What one batch decided, before it is written.
struct Decided {
    events: Vec<StoredEvent>,
    records: Vec<MutationRecord>,
    answers: Vec<Vec<serde_json::Value>>,
    counters: HashMap<Uuid, u64>,
}

impl Worker {
    async fn run(mut self, mut jobs: mpsc::Receiver<Job>) {
        while let Some(first) = jobs.recv().await {
            let mut batch = vec![first];
            while batch.len() < MAX_PUSHES_PER_BATCH {
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            match self.process(&batch).await {
                Ok(answers) => {
                    let last_seq = self.engine.log().last_seq();
                    for (job, results) in batch.into_iter().zip(answers) {
                        let _ = job.reply.send(Ok(PushResponse { results, last_seq }));
                    }
                }
                Err(e) => {
                    tracing::warn!("push batch failed: {e}");
                    let text = e.to_string();
                    for job in batch {
                        let _ = job.reply.send(Err(AuthorityError::Unavailable(text.clone())));
                    }
                }
            }
        }
    }

    async fn process(&mut self, batch: &[Job]) -> Result<Vec<Vec<serde_json::Value>>, AuthorityError> {
        for _attempt in 0..3 {
            if self.dirty {
                self.engine = load_engine(self.store.as_ref()).await?;
                self.counters = self.store.client_counters().await?;
                self.dirty = false;
            }
            let expected =
                Head { last_seq: self.engine.log().last_seq(), last_hash: self.engine.log().last_hash().to_owned() };
            let decided = self.decide_batch(batch).await;
            let decided = match decided {
                Ok(d) => d,
                Err(e) => {
                    self.dirty = true;
                    return Err(e);
                }
            };
            if decided.events.is_empty() && decided.records.is_empty() {
                return Ok(decided.answers);
            }
            if let Some(Pause::BeforeCommit(d)) = self.pause {
                tokio::time::sleep(d).await;
            }
            match self.store.append(&expected, &decided.events, &decided.records).await {
                Ok(head) => {
                    self.counters.extend(decided.counters);
                    if let Some(Pause::AfterCommit(d)) = self.pause {
                        tokio::time::sleep(d).await;
                    }
                    // The state first, so that a reader who sees the new head finds it.
                    self.snapshot.send_replace(Snapshot::of(&self.engine));
                    self.head.send_replace(head);
                    return Ok(decided.answers);
                }
                Err(StoreError::Stale { .. }) => {
                    // Another server wrote to the same database: catch up and decide again.
                    self.dirty = true;
                }
                Err(e) => {
                    self.dirty = true;
                    return Err(e.into());
                }
            }
        }
        Err(AuthorityError::Unavailable("the log kept moving; try again".into()))
    }

    fn counter(&self, pending: &HashMap<Uuid, u64>, client: Uuid) -> u64 {
        pending.get(&client).or_else(|| self.counters.get(&client)).copied().unwrap_or(0)
    }

    /// Decide every mutation of the batch in order, applying accepted events to the engine.
    async fn decide_batch(&mut self, batch: &[Job]) -> Result<Decided, AuthorityError> {
        let mut out = Decided {
            events: vec![],
            records: vec![],
            answers: Vec::with_capacity(batch.len()),
            counters: HashMap::new(),
        };
        let mut recorded: HashMap<(Uuid, u64), serde_json::Value> = HashMap::new();
        for job in batch {
            let client = job.push.client_id;
            let mut answers = Vec::with_capacity(job.push.mutations.len());
            let mut gap: Option<u64> = None;
            for (i, m) in job.push.mutations.iter().enumerate() {
                if i >= MAX_MUTATIONS_PER_PUSH {
                    answers.push(to_value(&MutationResult::Deferred { n: m.n }));
                    continue;
                }
                if let Some(expected) = gap {
                    answers.push(to_value(&MutationResult::OutOfOrder { n: m.n, expected }));
                    continue;
                }
                let last = self.counter(&out.counters, client);
                if m.n <= last {
                    // A repeat: the answer it had, word for word.
                    let answer = match recorded.get(&(client, m.n)) {
                        Some(v) => v.clone(),
                        None => match self.store.mutation(client, m.n).await? {
                            Some(text) => serde_json::from_str(&text)
                                .map_err(|_| AuthorityError::Damaged(format!("mutation {client}/{}", m.n)))?,
                            // Recorded as seen but not kept (cannot happen with this schema).
                            None => to_value(&MutationResult::OutOfOrder { n: m.n, expected: last + 1 }),
                        },
                    };
                    answers.push(answer);
                    continue;
                }
                if m.n != last + 1 {
                    gap = Some(last + 1);
                    answers.push(to_value(&MutationResult::OutOfOrder { n: m.n, expected: last + 1 }));
                    continue;
                }
                let result = self.decide_one(m, &job.actor, &mut out.events)?;
                let value = to_value(&result);
                out.records.push(MutationRecord { client_id: client, n: m.n, result: value.to_string() });
                out.counters.insert(client, m.n);
                recorded.insert((client, m.n), value.clone());
                answers.push(value);
            }
            out.answers.push(answers);
        }
        Ok(out)
    }

    fn decide_one(
        &mut self,
        m: &crate::protocol::Mutation,
        actor: &fairlog_domain::Actor,
        events: &mut Vec<StoredEvent>,
    ) -> Result<MutationResult, AuthorityError> {
        let intent: Intent = match serde_json::from_value(m.intent.clone()) {
            Ok(intent) => intent,
            Err(e) => {
                return Ok(MutationResult::Refused {
                    n: m.n,
                    code: "sync.unknown_command".into(),
                    error: None,
                    field: None,
                    message: Some(e.to_string()),
                })
            }
        };
        // The session's actor; `m.actor` (what the client claims) is not read.
        let cmd = Command { actor: actor.clone(), now: Utc::now(), intent };
        match self.engine.prepare(cmd, Uuid::new_v4) {
            Err(error) => Ok(MutationResult::refused(m.n, error)),
            Ok(receipt) => {
                let first_seq = receipt.sealed.first().map(|s| s.envelope.seq);
                let last_seq = receipt.sealed.last().map(|s| s.envelope.seq);
                for s in &receipt.sealed {
                    events.push(StoredEvent {
                        seq: s.envelope.seq,
                        id: s.envelope.id,
                        line: s.line.clone(),
                        hash: fairlog_domain::log::hash_line(&s.line),
                    });
                }
                self.engine.commit(receipt).map_err(|e| AuthorityError::Damaged(e.to_string()))?;
                Ok(MutationResult::Accepted { n: m.n, first_seq, last_seq })
            }
        }
    }
}

fn to_value(r: &MutationResult) -> serde_json::Value {
    serde_json::to_value(r).unwrap_or(serde_json::Value::Null)
}
