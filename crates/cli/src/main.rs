//! `fairlog`: work with exported Fairlog logs (JSON Lines) outside the browser.
//!
//! ```text
//! fairlog verify  FILE            check header, sequences, hash chain and the domain's rules for every
//!                                 event; exit 1 naming the line, the event and the rule if anything is wrong
//! fairlog summary FILE [--json]   replay and count fairs, booths, bookings, jobs offered, ...
//! fairlog replay  FILE            time the replay
//! fairlog figures FILE [--from D] [--to D] [--series UUID] [--district K] [--industry K] [--mode K]
//! fairlog generate --events N [--seed S] [--season] [--out FILE]
//! fairlog generate --seed-scale [--divide-by D] [--seed S] [--out FILE]   the season at the seeds' scale
//! ```
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use fairlog_domain::booking::BookingStatus;
use fairlog_domain::codec::{self, Imported};
use fairlog_domain::fair::FairMode;
use fairlog_domain::figures::Filter;
use fairlog_domain::ids::SeriesId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::post::jobs_offered;
use fairlog_domain::{synth, State};

#[derive(Parser)]
#[command(name = "fairlog", version, about = "Validate, verify, replay, summarise and generate Fairlog event logs")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check a log file: header, JSON, event shapes, sequences, ids, the SHA-256 hash chain, and
    /// that the domain could have decided every event where it stands (who, values, state).
    Verify { file: PathBuf },
    /// Replay a log and print what it contains.
    Summary {
        file: PathBuf,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Time the verification and the replay of a log.
    Replay { file: PathBuf },
    /// Write a generated log of at least N events (valid commands, deterministic for a seed), or
    /// with --seed-scale the season at the seeds' scale (1,100+ fairs held, 25,600 enterprises,
    /// 480,000+ jobs offered).
    Generate {
        #[arg(long, required_unless_present = "seed_scale")]
        events: Option<usize>,
        /// The season at the seeds' scale (fairs, series, enterprises, posts, bookings, waitlists,
        /// key enterprises, livestream sessions, outcomes); --events and --season do not apply.
        #[arg(long, conflicts_with_all = ["events", "season"])]
        seed_scale: bool,
        /// With --seed-scale: a season this many times smaller, of the same structure.
        #[arg(long, default_value_t = 1, requires = "seed_scale")]
        divide_by: u32,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// A whole season (fairs, floor plans, enterprises, posts, bookings, outcomes) rather
        /// than fair events only.
        #[arg(long)]
        season: bool,
        /// Output file (standard output if absent).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the dashboard's public figures for a log, as JSON (the same computation as the app).
    Figures {
        file: PathBuf,
        /// First day (Shanghai date, YYYY-MM-DD).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Last day (Shanghai date, YYYY-MM-DD).
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// District key, e.g. Baoshan.
        #[arg(long)]
        district: Option<String>,
        /// Series (campaign) id, a UUID of a series in the log.
        #[arg(long)]
        series: Option<String>,
        /// Industry of the fairs (snake_case), e.g. manufacturing.
        #[arg(long)]
        industry: Option<String>,
        /// Mode of the fairs: onsite, online or hybrid.
        #[arg(long)]
        mode: Option<String>,
    },
    /// Write the first-run demo season as a log (dated around NOW, an RFC 3339 instant).
    Demo {
        #[arg(long)]
        now: chrono::DateTime<chrono::Utc>,
        #[arg(long)]
        out: PathBuf,
    },
}

/// The CLI reads files natively, up to what the browser streams into an empty store (1 GiB; the
/// seed-scale season is about 73 MiB), read into memory.
const NATIVE_MAX_IMPORT_BYTES: usize = codec::MAX_STREAM_IMPORT_BYTES as usize;

fn load(file: &PathBuf) -> Result<Imported, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    codec::import_within(&text, NATIVE_MAX_IMPORT_BYTES).map_err(|e| format!("{}: {e}", file.display()))
}

/// The figures of a replayed state, as `summary` prints them.
pub fn figures(state: &State, events: usize) -> BTreeMap<String, u64> {
    let mut f = BTreeMap::new();
    f.insert("events".into(), events as u64);
    f.insert("series".into(), state.series.len() as u64);
    f.insert("fairs".into(), state.fairs.len() as u64);
    for fair in state.fairs.values() {
        *f.entry(format!("fairs.status.{}", fair.status.kind().key())).or_default() += 1;
        *f.entry(format!("fairs.mode.{}", fair.details.mode.key())).or_default() += 1;
        if let Some(d) = fair.details.venue.as_ref().and_then(|v| v.district()) {
            *f.entry(format!("fairs.district.{}", d.key())).or_default() += 1;
        }
    }
    f.insert("enterprises".into(), state.enterprises.len() as u64);
    f.insert("enterprises.key".into(), state.enterprises.values().filter(|e| e.key.is_some()).count() as u64);
    f.insert("booths".into(), state.booth_fair.len() as u64);
    f.insert(
        "bookings.booked".into(),
        state.bookings.values().filter(|b| b.status == BookingStatus::Booked).count() as u64,
    );
    f.insert("bookings.active".into(), state.bookings.values().filter(|b| b.status.is_active()).count() as u64);
    f.insert("posts".into(), state.posts.len() as u64);
    f.insert("jobs_offered".into(), jobs_offered(state.posts.values(), |_| true));
    f
}

fn one_of<'a>(keys: impl IntoIterator<Item = &'a str>) -> String {
    keys.into_iter().collect::<Vec<_>>().join(", ")
}

/// A series of the log, by id.
fn parse_series(state: &State, s: &str) -> Result<SeriesId, String> {
    let id: SeriesId = s.trim().parse().map_err(|e| format!("--series {s:?} is not a series id (a UUID): {e}"))?;
    if !state.series.contains_key(&id) {
        return Err(format!("unknown series {id}: the log has {} series", state.series.len()));
    }
    Ok(id)
}

fn parse_district(k: &str) -> Result<District, String> {
    District::from_key(k).ok_or_else(|| {
        format!("unknown district {k:?}, expected one of {}", one_of(District::ALL.iter().map(|d| d.key())))
    })
}

/// An industry by its snake_case (serde) name, as the log writes it.
fn parse_industry(k: &str) -> Result<Industry, String> {
    serde_json::from_value(serde_json::Value::String(k.into())).map_err(|_| {
        let names: Vec<String> =
            Industry::ALL.iter().filter_map(|i| serde_json::to_value(i).ok()?.as_str().map(String::from)).collect();
        format!("unknown industry {k:?}, expected one of {}", names.join(", "))
    })
}

fn parse_mode(k: &str) -> Result<FairMode, String> {
    FairMode::from_key(k)
        .ok_or_else(|| format!("unknown mode {k:?}, expected one of {}", one_of(FairMode::ALL.iter().map(|m| m.key()))))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Cmd::Verify { file } => {
            let imported = load(&file)?;
            println!(
                "OK {} events, schema {}, last hash {}",
                imported.header.count,
                imported.header.schema,
                if imported.header.last_hash.is_empty() { "-" } else { &imported.header.last_hash }
            );
        }
        Cmd::Summary { file, json } => {
            let imported = load(&file)?;
            let state = State::replay(imported.envelopes.iter());
            let f = figures(&state, imported.envelopes.len());
            if json {
                println!("{}", serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?);
            } else {
                for (k, v) in f {
                    println!("{k:<32} {v}");
                }
            }
        }
        Cmd::Replay { file } => {
            let t0 = Instant::now();
            let imported = load(&file)?;
            let t1 = Instant::now();
            let state = State::replay(imported.envelopes.iter());
            let t2 = Instant::now();
            println!(
                "{} events: verify+parse {:.1} ms, replay {:.1} ms ({} fairs)",
                imported.envelopes.len(),
                (t1 - t0).as_secs_f64() * 1e3,
                (t2 - t1).as_secs_f64() * 1e3,
                state.fairs.len()
            );
        }
        Cmd::Figures { file, from, to, district, series, industry, mode } => {
            // Keys are checked before the log is read; a series must be one of the log's.
            let district = district.map(|k| parse_district(&k)).transpose()?;
            let industry = industry.map(|k| parse_industry(&k)).transpose()?;
            let mode = mode.map(|k| parse_mode(&k)).transpose()?;
            let imported = load(&file)?;
            let state = State::replay(imported.envelopes.iter());
            let series = series.map(|s| parse_series(&state, &s)).transpose()?;
            let filter = Filter { from, to, series, district, industry, mode };
            let (f, _) = fairlog_domain::figures::compute(&state, &filter);
            let mut v = serde_json::to_value(&f).map_err(|e| e.to_string())?;
            v["fill_rate"] = serde_json::json!(f.fill_rate());
            println!("{}", serde_json::to_string(&v).map_err(|e| e.to_string())?);
        }
        Cmd::Demo { now, out } => {
            let mut engine = fairlog_domain::Engine::new();
            let mut n = 0u128;
            let mut ids = || {
                n += 1;
                uuid::Uuid::from_u128(n)
            };
            for c in fairlog_domain::demo::demo_commands(now, &mut ids) {
                engine.execute(c, &mut ids).map_err(|e| format!("demo command refused: {e}"))?;
            }
            std::fs::write(&out, codec::export(engine.log()))
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        }
        Cmd::Generate { events, seed_scale, divide_by, seed, season, out } => {
            let t0 = Instant::now();
            let engine = if seed_scale {
                let scale = fairlog_domain::seed_season::SeedScale::SEEDS.divided_by(divide_by);
                let generated = fairlog_domain::seed_season::seed_season(scale, seed);
                if let Some(first) = generated.refused.first() {
                    return Err(format!(
                        "{} generated commands were refused, the first: {first}",
                        generated.refused.len()
                    ));
                }
                generated.engine
            } else {
                let events = events.unwrap_or(0);
                if season {
                    synth::season_log(events, seed)
                } else {
                    synth::fair_log(events, seed)
                }
            };
            let generated_in = t0.elapsed();
            let text = codec::export(engine.log());
            if text.len() > codec::MAX_IMPORT_BYTES {
                eprintln!(
                    "fairlog: note: {} events make {:.1} MiB: the app imports it into an empty store \
                     (streamed, up to {} MiB), not as a merge into a log it already has (up to {} MiB)",
                    engine.log().len(),
                    text.len() as f64 / (1024.0 * 1024.0),
                    codec::MAX_STREAM_IMPORT_BYTES / (1024 * 1024),
                    codec::MAX_IMPORT_BYTES / (1024 * 1024),
                );
            }
            match out {
                Some(path) => {
                    std::fs::write(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    eprintln!(
                        "fairlog: {} events, {} bytes, generated in {:.1} s",
                        engine.log().len(),
                        text.len(),
                        generated_in.as_secs_f64()
                    );
                }
                None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| e.to_string())?,
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fairlog: {e}");
            ExitCode::FAILURE
        }
    }
}
