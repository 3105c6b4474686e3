//! Arbitrary — not only accepted — events and commands built from bytes, for the fuzz target
//! (`fuzz/`, cargo-fuzz) and the property tests.
//!
//! Every event and command kind the demo season and the generators produce serves as a template.
//! The bytes pick templates and change them: ids swapped among the ids those logs use (so that
//! events name entities that exist, but the wrong ones), texts replaced by hostile ones (empty,
//! huge, `javascript:`, CR/LF), numbers by extremes, times moved (backwards too), actors and
//! command groups changed. [`exercise`] then drives them through everything that must never
//! panic: `Engine::restore` (judged), `evolve` (unjudged: totality), and `decide` on both states.
use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::command::{decide, decide_into, Command, Intent};
use crate::engine::Engine;
use crate::envelope::{Actor, EventEnvelope, Role, SCHEMA_VERSION};
use crate::event::Event;
use crate::log::{hash_line, to_line};
use crate::state::{evolve, State};

/// Reads the fuzzer's bytes; zeros once they run out.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn pick<'p, T>(&mut self, from: &'p [T]) -> Option<&'p T> {
        if from.is_empty() {
            None
        } else {
            from.get(self.u16() as usize % from.len())
        }
    }
}

/// The templates: events and intents as JSON, and the ids and times they use.
pub struct Pool {
    pub events: Vec<Value>,
    pub intents: Vec<Value>,
    pub uuids: Vec<String>,
    pub start: DateTime<Utc>,
}

const HOSTILE_TEXT: &[&str] = &[
    "",
    " ",
    "A-12",
    "javascript:alert(1)",
    "https://live.example.com/a\r\nBEGIN:VEVENT",
    "https://evil.example/live",
    "http://live.example.com/",
    "徐汇区春季招聘会",
    "\u{0}\u{202e}",
];

fn collect_uuids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if Uuid::parse_str(s).is_ok() && !out.contains(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| collect_uuids(v, out)),
        Value::Object(o) => o.values().for_each(|v| collect_uuids(v, out)),
        _ => {}
    }
}

/// The templates, built once from the demo season, a generated log and a livestream week.
pub fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let now = crate::testing::t("2026-11-24T10:00");
        let mut ids = crate::testing::counter_ids(0);
        let mut commands = crate::demo::demo_commands(now, &mut ids);
        commands.extend(crate::livestream::synth::week_commands(now, 2, 6));
        let mut engines = vec![crate::testing::demo_engine(), crate::synth::fair_log(400, 7)];
        engines.push(crate::livestream::synth::week(now, 2, 6));
        // Up to four templates of each kind (the first ones seen).
        let mut events: Vec<Value> = Vec::new();
        let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
        let mut uuids = Vec::new();
        for e in engines.iter().flat_map(|e| e.log().entries().iter()) {
            let n = kinds.entry(e.event.type_name().into()).or_default();
            if *n < 4 {
                *n += 1;
                let v = serde_json::to_value(&e.event).expect("events serialize");
                collect_uuids(&v, &mut uuids);
                events.push(v);
            }
        }
        let mut intents: Vec<Value> = Vec::new();
        let mut kinds: std::collections::BTreeMap<String, usize> = Default::default();
        for c in &commands {
            let v = serde_json::to_value(&c.intent).expect("intents serialize");
            let kind = v.as_object().and_then(|o| o.values().next()).map(|v| match v {
                Value::Object(o) => o.keys().next().cloned().unwrap_or_default(),
                Value::String(s) => s.clone(),
                _ => String::new(),
            });
            let n = kinds.entry(kind.unwrap_or_default()).or_default();
            if *n < 3 {
                *n += 1;
                collect_uuids(&v, &mut uuids);
                intents.push(v);
            }
        }
        uuids.truncate(200);
        Pool { events, intents, uuids, start: crate::testing::t("2026-03-01T09:00") }
    })
}

fn leaves(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.iter().map(leaves).sum::<usize>() + 1,
        Value::Object(o) => o.values().map(leaves).sum::<usize>(),
        _ => 1,
    }
}

fn replace_leaf(v: &mut Value, mut at: usize, b: &mut Bytes<'_>, pool: &Pool) -> Option<usize> {
    match v {
        Value::Array(a) => {
            if at == 0 {
                // An array: drop, double or keep its elements.
                match b.u8() % 3 {
                    0 => a.clear(),
                    1 => {
                        let copy = a.clone();
                        a.extend(copy)
                    }
                    _ => {}
                }
                return None;
            }
            at -= 1;
            for x in a.iter_mut() {
                at = replace_leaf(x, at, b, pool)?;
            }
            Some(at)
        }
        Value::Object(o) => {
            for x in o.values_mut() {
                at = replace_leaf(x, at, b, pool)?;
            }
            Some(at)
        }
        leaf if at > 0 => {
            let _ = leaf;
            Some(at - 1)
        }
        leaf => {
            *leaf = mutated(leaf, b, pool);
            None
        }
    }
}

fn mutated(leaf: &Value, b: &mut Bytes<'_>, pool: &Pool) -> Value {
    match leaf {
        Value::String(s) if Uuid::parse_str(s).is_ok() => match b.pick(&pool.uuids) {
            Some(u) => Value::String(u.clone()),
            None => leaf.clone(),
        },
        Value::String(s) if s.parse::<DateTime<Utc>>().is_ok() => {
            let t: DateTime<Utc> = s.parse().unwrap_or(pool.start);
            let shifted = match b.u8() % 8 {
                0 => DateTime::<Utc>::MIN_UTC,
                1 => DateTime::<Utc>::MAX_UTC,
                _ => t.checked_add_signed(Duration::minutes(b.u16() as i64 - 32768)).unwrap_or(t),
            };
            Value::String(shifted.to_rfc3339())
        }
        Value::String(_) => match b.u8() % 12 {
            0 => Value::String("长".repeat(5_000)),
            1 => Value::String(format!("https://{}.example.com/", "a".repeat(300))),
            n => Value::String(HOSTILE_TEXT[n as usize % HOSTILE_TEXT.len()].into()),
        },
        Value::Number(n) => {
            let v = match b.u8() % 9 {
                0 => 0,
                1 => 1,
                2 => 255,
                3 => 65_535,
                4 => u32::MAX as i64,
                5 => -1,
                6 => i64::MAX,
                7 => b.u16() as i64,
                _ => n.as_i64().unwrap_or(0).saturating_add(1),
            };
            Value::from(v)
        }
        Value::Bool(x) => Value::Bool(!x),
        Value::Null => match b.pick(&pool.uuids) {
            Some(u) => Value::String(u.clone()),
            None => Value::Null,
        },
        other => other.clone(),
    }
}

/// A template changed by up to three mutations, or the template itself if the result does not
/// deserialize.
fn variant<T: serde::de::DeserializeOwned>(template: &Value, b: &mut Bytes<'_>, pool: &Pool) -> Option<T> {
    let mut v = template.clone();
    for _ in 0..b.u8() % 4 {
        let n = leaves(&v).max(1);
        replace_leaf(&mut v, b.u16() as usize % n, b, pool);
    }
    serde_json::from_value(v).ok().or_else(|| serde_json::from_value(template.clone()).ok())
}

fn actor(b: &mut Bytes<'_>, pool: &Pool) -> Actor {
    let role = [Role::Organizer, Role::Enterprise, Role::Host][b.u8() as usize % 3];
    let subject = if b.u8() % 2 == 0 { None } else { b.pick(&pool.uuids).and_then(|u| Uuid::parse_str(u).ok()) };
    Actor { role, name: "王敏".into(), subject, account: None }
}

fn later(at: DateTime<Utc>, b: &mut Bytes<'_>) -> DateTime<Utc> {
    let minutes = match b.u8() % 16 {
        0 => -(b.u16() as i64),
        1 => 60 * 24 * b.u16() as i64,
        n => n as i64,
    };
    at.checked_add_signed(Duration::minutes(minutes)).unwrap_or(at)
}

/// Up to 48 envelopes, numbered from 1, chained by `prev` as storage would chain their lines.
pub fn envelopes(b: &mut Bytes<'_>) -> Vec<EventEnvelope> {
    let pool = pool();
    let n = b.u8() % 49;
    let mut out: Vec<EventEnvelope> = Vec::new();
    let mut at = pool.start;
    let mut prev = String::new();
    for i in 0..n {
        let Some(template) = b.pick(&pool.events) else { break };
        let Some(event) = variant::<Event>(template, b, pool) else { continue };
        let same_command = i > 0 && b.u8() % 3 == 0;
        let (actor, cmd) = match out.last() {
            Some(last) if same_command => (last.actor.clone(), Some(last.command_id())),
            _ => {
                at = later(at, b);
                (actor(b, pool), None)
            }
        };
        let env = EventEnvelope {
            id: Uuid::from_u128(0xF000_0000 + i as u128),
            seq: out.len() as u64 + 1,
            recorded_at: at,
            actor,
            schema: SCHEMA_VERSION,
            prev: std::mem::take(&mut prev),
            cmd,
            event,
            redacted: None,
        };
        prev = hash_line(&to_line(&env));
        out.push(env);
    }
    out
}

/// Up to 16 commands, at times after `at`.
pub fn commands(b: &mut Bytes<'_>, mut at: DateTime<Utc>) -> Vec<Command> {
    let pool = pool();
    let mut out = Vec::new();
    for _ in 0..b.u8() % 17 {
        let Some(template) = b.pick(&pool.intents) else { break };
        let Some(intent) = variant::<Intent>(template, b, pool) else { continue };
        at = later(at, b);
        out.push(Command { actor: actor(b, pool), now: at, intent });
    }
    out
}

/// Everything that must not panic, on the events and commands these bytes make: restoring the
/// stored lines (judged), replaying the events without judging (`evolve` is total), then every
/// command on both states. Also checks that what restore admits, import admits too.
pub fn exercise(data: &[u8]) {
    let mut b = Bytes::new(data);
    let envs = envelopes(&mut b);
    let records: Vec<(u64, Option<String>)> = envs.iter().map(|e| (e.seq, Some(to_line(e)))).collect();
    let (mut engine, _problem) = Engine::restore(records);
    assert_eq!(engine.state(), &State::replay(engine.log().entries()), "restore applies what it admits");
    // Import admits what restore admits, except events recorded before the one they follow
    // (restore opens the app's own store even so: `Judge::for_own_store`).
    match crate::codec::import(&crate::codec::export(engine.log())) {
        Ok(_)
        | Err(crate::codec::CodecError::Refused {
            error: crate::DomainError::Log(crate::judge::LogRuleError::Backdated { .. }),
            ..
        }) => {}
        Err(e) => panic!("import refuses what restore admitted: {e:?}"),
    }
    let mut raw = State::default();
    for e in &envs {
        evolve(&mut raw, e);
    }
    let at = envs.last().map(|e| e.recorded_at).unwrap_or(pool().start);
    let mut ids = crate::testing::counter_ids(0xE000_0000);
    for cmd in commands(&mut b, at) {
        let _ = decide(&raw, cmd.clone());
        let _ = decide_into(&mut raw, cmd.clone());
        let _ = engine.execute(cmd, &mut ids);
    }
    // The judged engine's log restores again, whole.
    let records: Vec<(u64, Option<String>)> =
        engine.log().entries().iter().map(|e| (e.seq, Some(to_line(e)))).collect();
    let (again, problem) = Engine::restore(records);
    assert_eq!(problem, None, "a log the engine wrote restores");
    assert_eq!(again.state(), engine.state());
}
