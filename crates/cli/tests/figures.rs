//! The dashboard's figures (the domain's `figures::compute`, which `fairlog figures` prints) equal
//! an independent computation over the exported log (`tests/tools/figures.py`, which replays the
//! events itself), key by key, for the demo season, the demo season after a day of edits, a
//! generated season and a generated log of fairs, unfiltered and with every filter.
use std::process::Command;

use serde_json::Value;

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("fairlog-figures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fairlog")).args(args).output().expect("fairlog runs")
}

fn cli(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "fairlog {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn python(args: &[&str]) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/tools/figures.py");
    let out = Command::new("python3").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "figures.py {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not a count"))
}

/// The sum of a map's counts, or of the `i`th member of its pairs.
fn sum(m: &Value, i: Option<usize>) -> u64 {
    m.as_object().unwrap().values().map(|v| n(i.map_or(v, |i| &v[i]))).sum()
}

/// Runs both computations and compares every key either prints (`fill_rate`, a float, within a
/// tolerance); checks that the breakdowns add up to the totals. Returns the figures.
fn compare(file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["figures", file];
    args.extend(extra);
    let ours: Value = serde_json::from_str(&cli(&args)).unwrap();
    let mut pargs = vec![file];
    pargs.extend(extra);
    let theirs = python(&pargs);
    let (o, t) = (ours.as_object().unwrap(), theirs.as_object().unwrap());
    let keys: std::collections::BTreeSet<&String> = o.keys().chain(t.keys()).collect();
    assert!(keys.len() >= 21, "all the figures are printed: {keys:?}");
    for key in keys {
        let (a, b) = (&ours[key.as_str()], &theirs[key.as_str()]);
        if key == "fill_rate" {
            let (a, b) = (a.as_f64().expect("a rate"), b.as_f64().expect("a rate"));
            assert!((a - b).abs() < 1e-9, "fill_rate differs for {file} {extra:?}: {a} vs {b}");
        } else {
            assert_eq!(a, b, "{key} differs for {file} {extra:?} (left: fairlog, right: figures.py)");
        }
    }
    let held = n(&ours["fairs_held"]);
    assert_eq!(sum(&ours["by_mode"], None), held);
    assert_eq!(sum(&ours["by_industry"], None), held);
    assert!(sum(&ours["by_series"], None) <= held && sum(&ours["by_district"], None) <= held);
    assert_eq!(sum(&ours["per_week"], Some(0)), held, "each held fair in one week");
    assert_eq!(sum(&ours["per_week"], Some(1)), n(&ours["jobs_offered"]), "each post in one week");
    assert!(sum(&ours["jobs_by_industry"], None) <= n(&ours["jobs_offered"]));
    assert!(sum(&ours["fill_by_district"], Some(0)) <= n(&ours["booths_booked"]));
    assert!(sum(&ours["fill_by_district"], Some(1)) <= n(&ours["booths"]));
    ours
}

/// The series created in an exported log, read from the file itself.
fn series_ids(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["event"]["series"]["SeriesCreated"]["series_id"].as_str().map(String::from)
        })
        .collect()
}

/// Compares with each series, district, industry and mode of the unfiltered figures (and the
/// modes they lack): each filter picks exactly the fairs its breakdown counts. Returns the
/// figures per filter.
fn compare_each_filter(file: &str, all: &Value) -> Vec<(Vec<String>, Value)> {
    let mut out = Vec::new();
    let mut with = |flag: &str, key: &str, breakdown: &str, expected: u64| {
        let f = compare(file, &[flag, key]);
        assert_eq!(n(&f["fairs_held"]), expected, "{flag} {key} picks the fairs of {breakdown}");
        out.push((vec![flag.to_string(), key.to_string()], f));
    };
    for id in series_ids(file) {
        with("--series", &id, "by_series", all["by_series"][&id].as_u64().unwrap_or(0));
    }
    for (key, count) in all["by_industry"].as_object().unwrap() {
        with("--industry", key, "by_industry", n(count));
    }
    for key in ["onsite", "online", "hybrid"] {
        with("--mode", key, "by_mode", all["by_mode"][key].as_u64().unwrap_or(0));
    }
    out
}

#[test]
fn the_demo_season_figures_match_an_independent_computation() {
    let file = tmp("demo.jsonl");
    cli(&["demo", "--now", "2026-11-24T02:00:00Z", "--out", &file]);
    let all = compare(&file, &[]);
    assert_eq!(all["fairs_held"], 5);
    assert!(n(&all["jobs_offered"]) > 100);
    assert!(n(&all["visitors"]) > 0);
    assert!(n(&all["sessions"]) > 0, "the demo has an ended livestream session");
    for key in ["by_series", "by_district", "by_industry", "per_week", "jobs_by_industry", "fill_by_district"] {
        assert!(all[key].as_object().unwrap().len() > 1, "{key} has several entries: {}", all[key]);
    }
    let series = series_ids(&file);
    assert_eq!(series.len(), 4, "the demo has four series");

    let filtered = compare_each_filter(&file, &all);
    for flag in ["--series", "--industry", "--mode"] {
        let of_flag: Vec<&Value> = filtered.iter().filter(|(a, _)| a[0] == flag).map(|(_, f)| f).collect();
        assert!(of_flag.iter().any(|f| n(&f["fairs_held"]) > 0 && n(&f["jobs_offered"]) > 0), "{flag}");
        assert!(of_flag.iter().all(|f| n(&f["fairs_held"]) < n(&all["fairs_held"])), "{flag} narrows");
        // With a filter on the fairs, a session counts only when linked to a held fair.
        assert!(of_flag.iter().any(|f| n(&f["sessions"]) == 1), "{flag}: the session's fair");
        assert!(of_flag.iter().any(|f| f["sessions"] == 0), "{flag}: other fairs");
    }

    compare(&file, &["--district", "Xuhui"]);
    compare(&file, &["--district", "Baoshan"]);
    compare(&file, &["--from", "2026-11-20", "--to", "2026-12-31"]);
    let both = compare(&file, &["--from", "2026-11-20", "--series", &series[1]]);
    assert!(n(&both["fairs_held"]) > 0);
    let narrow = compare(&file, &["--industry", "general", "--mode", "onsite", "--district", "Xuhui"]);
    assert_eq!(narrow["fairs_held"], 1);
    assert_eq!(narrow["sessions"], 1);
}

#[test]
fn the_figures_filters_refuse_unknown_values() {
    let file = tmp("demo-refuse.jsonl");
    cli(&["demo", "--now", "2026-11-24T02:00:00Z", "--out", &file]);
    for (args, message) in [
        (
            &["--industry", "Manufacturing"][..],
            "unknown industry \"Manufacturing\", expected one of general, manufacturing",
        ),
        (&["--industry", "mining"], "unknown industry"),
        (&["--mode", "offline"], "unknown mode \"offline\", expected one of onsite, online, hybrid"),
        (&["--district", "Atlantis"], "unknown district \"Atlantis\", expected one of Huangpu"),
        (&["--series", "spring"], "--series \"spring\" is not a series id"),
        (&["--series", "00000000-0000-0000-0000-0000000000ff"], "unknown series 00000000-0000-0000-0000-0000000000ff"),
    ] {
        let mut all = vec!["figures", file.as_str()];
        all.extend(args);
        let out = run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && out.stdout.is_empty(), "{args:?} is refused");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

/// The demo season, then a day of edits the demo itself never makes: an enterprise changes
/// industry, posts are re-offered at an earlier fair, filled and withdrawn, a booth is blocked,
/// a fair moves to another district, series, industry and week, and another is cancelled.
fn edited_demo(file: &str) {
    use fairlog_domain::enterprise::EnterpriseCommand;
    use fairlog_domain::fair::{FairCommand, FairMode, FairStatus, Venue};
    use fairlog_domain::floor_plan::FloorPlanCommand;
    use fairlog_domain::industry::Industry;
    use fairlog_domain::place::District;
    use fairlog_domain::post::{PostCommand, PostStatus};
    use fairlog_domain::{Actor, Command, Engine, Intent};

    let now: chrono::DateTime<chrono::Utc> = "2026-11-24T02:00:00Z".parse().unwrap();
    let mut engine = Engine::new();
    let mut next = 0u128;
    let mut ids = move || {
        next += 1;
        uuid::Uuid::from_u128(next)
    };
    for c in fairlog_domain::demo::demo_commands(now, &mut ids) {
        engine.execute(c, &mut ids).expect("demo command");
    }
    let mut exec = |engine: &mut Engine, intent: Intent| {
        let cmd = Command { actor: Actor::organizer("核对员"), now, intent };
        engine.execute(cmd, &mut ids).map(|_| ()).unwrap_or_else(|e| panic!("refused: {e}"));
    };
    let s = engine.state().clone();
    let published: Vec<_> = s.fairs.values().filter(|f| f.status == FairStatus::Published).collect();
    let start = |f: &fairlog_domain::fair::Fair| f.details.schedule.unwrap().start;
    let earliest = published.iter().min_by_key(|f| start(f)).unwrap().id;
    let latest = published.iter().max_by_key(|f| start(f)).unwrap().id;
    let open: Vec<_> = s.posts.values().filter(|p| p.status == PostStatus::Open).collect();

    // The enterprise of the first open post goes into education (no demo enterprise is).
    let ent = &s.enterprises[&open[0].enterprise_id];
    let profile =
        fairlog_domain::enterprise::EnterpriseProfile { industry: Industry::Education, ..(*ent.profile).clone() };
    let edit = EnterpriseCommand::EditEnterprise { enterprise_id: ent.id, expected_version: ent.version, profile };
    exec(&mut engine, edit.into());
    // Posts of the latest fair are offered at the earliest published one too: their jobs move
    // to its week.
    let mut moved = 0;
    for p in open.iter().filter(|p| p.details.fairs.contains(&latest)) {
        let mut details = p.details.clone();
        details.fairs.insert(earliest);
        exec(&mut engine, PostCommand::EditPost { post_id: p.id, details: *details }.into());
        moved += 1;
    }
    assert!(moved > 0);
    let others: Vec<_> =
        open.iter().filter(|p| !p.details.fairs.contains(&latest) && p.enterprise_id != ent.id).collect();
    exec(&mut engine, PostCommand::FillPost { post_id: others[0].id }.into());
    exec(&mut engine, PostCommand::WithdrawPost { post_id: others[1].id }.into());
    // A free booth of a fair with bookings is blocked.
    let booked: std::collections::BTreeSet<_> = s.bookings.values().filter_map(|b| b.booth_id).collect();
    let (_, plan) =
        s.floor_plans.iter().find(|(id, p)| published.iter().any(|f| f.id == **id) && !p.booths.is_empty()).unwrap();
    let free = plan.booths.keys().find(|b| !booked.contains(b)).expect("a free booth");
    exec(&mut engine, FloorPlanCommand::BlockBooth { booth_id: *free, reason: "立柱".into() }.into());
    // The remote fair moves to a Pudong hall, another series and industry, a week later.
    let remote = published.iter().find(|f| matches!(f.details.venue, Some(Venue::Remote { .. }))).unwrap();
    let other_series = s.series.keys().find(|id| Some(**id) != remote.details.series).copied();
    let mut details = remote.details.clone();
    let mut sched = details.schedule.unwrap();
    sched.start += chrono::Duration::days(7);
    sched.end += chrono::Duration::days(7);
    details.schedule = Some(sched);
    details.venue = Some(Venue::Hall { district: District::Pudong, address: "浦东新区世纪大道 1 号".into() });
    details.series = other_series;
    details.industry = Industry::Finance;
    details.mode = FairMode::Hybrid;
    exec(
        &mut engine,
        FairCommand::EditFair { fair_id: remote.id, expected_version: remote.version, details: *details }.into(),
    );
    // The online fair is cancelled.
    let online = published.iter().find(|f| f.details.mode == FairMode::Online).unwrap();
    exec(&mut engine, FairCommand::CancelFair { fair_id: online.id, reason: "平台维护".into() }.into());
    std::fs::write(file, fairlog_domain::codec::export(engine.log())).unwrap();
}

#[test]
fn an_edited_demo_season_figures_match_an_independent_computation() {
    let file = tmp("demo-edited.jsonl");
    edited_demo(&file);
    let all = compare(&file, &[]);
    assert_eq!(all["fairs_held"], 4, "one fair cancelled");
    assert!(n(&all["jobs_by_industry"]["education"]) > 0, "the edited enterprise's jobs");
    assert_eq!(all["by_district"]["pudong"], 1);
    assert_eq!(all["by_industry"]["finance"], 1);
    let filtered = compare_each_filter(&file, &all);
    assert!(filtered.iter().any(|(a, f)| a[0] == "--series" && n(&f["fairs_held"]) > 0));
    let hybrid = compare(&file, &["--mode", "hybrid", "--district", "Pudong"]);
    assert_eq!(hybrid["fairs_held"], 1);
    compare(&file, &["--industry", "finance", "--from", "2026-12-01"]);
    compare(&file, &["--from", "2026-11-20", "--to", "2026-11-30"]);
}

#[test]
fn a_generated_season_figures_match_an_independent_computation() {
    let file = tmp("season.jsonl");
    cli(&["generate", "--season", "--events", "20000", "--seed", "5", "--out", &file]);
    let all = compare(&file, &[]);
    assert!(n(&all["fairs_held"]) > 50);
    assert!(n(&all["booths_booked"]) > 100);
    assert!(n(&all["hires"]) > 0);
    assert!(all["per_week"].as_object().unwrap().len() > 20);
    assert_eq!(all["jobs_by_industry"].as_object().unwrap().len(), 12);
    compare(&file, &["--from", "2026-02-01", "--to", "2026-03-31"]);
    compare(&file, &["--district", "Pudong"]);
    // The generated season has onsite fairs only and no series: a series id from elsewhere (the
    // demo's) is refused, and the modes give all or nothing.
    assert!(series_ids(&file).is_empty());
    let out = run(&["figures", &file, "--series", "00000000-0000-0000-0000-000000000001"]);
    assert!(!out.status.success());
    assert_eq!(compare(&file, &["--mode", "onsite"])["fairs_held"], all["fairs_held"]);
    assert_eq!(compare(&file, &["--mode", "hybrid"])["fairs_held"], 0);
    let industries: Vec<&String> = all["by_industry"].as_object().unwrap().keys().collect();
    for key in [industries[0], industries[industries.len() - 1]] {
        let f = compare(&file, &["--industry", key]);
        assert_eq!(f["fairs_held"], all["by_industry"][key]);
        assert!(n(&f["jobs_offered"]) > 0 && n(&f["booths_booked"]) > 0, "{key}");
    }
    let some = compare(&file, &["--industry", industries[1], "--mode", "onsite", "--from", "2026-06-01"]);
    assert!(n(&some["fairs_held"]) > 0);
}

#[test]
fn a_generated_log_of_fairs_figures_match_an_independent_computation() {
    // Fairs of every mode, edited (moved, renamed, re-themed), published, closed and cancelled.
    let file = tmp("fairs.jsonl");
    cli(&["generate", "--events", "3000", "--seed", "3", "--out", &file]);
    let all = compare(&file, &[]);
    assert!(n(&all["fairs_held"]) > 100);
    for mode in ["onsite", "online", "hybrid"] {
        let f = compare(&file, &["--mode", mode]);
        assert!(n(&f["fairs_held"]) > 0 && f["fairs_held"] == all["by_mode"][mode], "{mode}");
    }
    let industry = all["by_industry"].as_object().unwrap().keys().next().unwrap().clone();
    let f =
        compare(&file, &["--industry", &industry, "--mode", "hybrid", "--from", "2026-03-01", "--to", "2026-09-30"]);
    assert!(n(&f["fairs_held"]) > 0);
    compare(&file, &["--district", "Putuo"]);
}
