//! The first-run demo: a small season modelled on the seed articles (the 2022 spring employment
//! action, "Thousands of Enterprises, Thousands of Posts", the Pudong recruitment tour to Yunnan),
//! built by issuing real commands, so every demo fact is in the log like any other.
use chrono::{DateTime, Duration, NaiveTime, Utc};
use uuid::Uuid;

use crate::command::{Command, Intent};
use crate::envelope::Actor;
use crate::fair::{FairCommand, FairDetails, FairMode, Schedule, Venue};
use crate::ids::{FairId, SeriesId};
use crate::industry::Industry;
use crate::place::District;
use crate::series::{SeriesCommand, SeriesKind};
use crate::time::{from_local, to_local};

/// The organizer who "planned" the demo season.
pub fn demo_actor() -> Actor {
    Actor::organizer("王敏")
}

/// Commands that build the demo season, dated around `now` so that it looks current.
/// `new_id` makes entity ids (uuid v4 in the app, a counter in tests).
pub fn demo_commands(now: DateTime<Utc>, mut new_id: impl FnMut() -> Uuid) -> Vec<Command> {
    let day = |offset: i64, h: u32, m: u32| -> DateTime<Utc> {
        let date = to_local(now).date() + Duration::days(offset);
        from_local(date.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")))
    };
    let sched = |offset: i64, from: (u32, u32), to: (u32, u32)| {
        Some(Schedule { start: day(offset, from.0, from.1), end: day(offset, to.0, to.1) })
    };

    let spring = SeriesId(new_id());
    let qiqi = SeriesId(new_id());
    let yunnan = SeriesId(new_id());
    let manuf = SeriesId(new_id());

    let mut intents: Vec<Intent> = vec![
        SeriesCommand::CreateSeries {
            series_id: spring,
            name: "春季促进就业专项行动".into(),
            kind: SeriesKind::Campaign,
        }
        .into(),
        SeriesCommand::CreateSeries {
            series_id: qiqi, name: "千企万岗".into(), kind: SeriesKind::ThousandsOfPosts
        }
        .into(),
        SeriesCommand::CreateSeries {
            series_id: yunnan,
            name: "就在浦东·大篷车招聘云南行".into(),
            kind: SeriesKind::RecruitmentTour { partner_region: "云南大理、怒江".into() },
        }
        .into(),
        SeriesCommand::CreateSeries {
            series_id: manuf,
            name: "重点产业专场招聘".into(),
            kind: SeriesKind::IndustrySpecial,
        }
        .into(),
    ];

    struct F {
        name: &'static str,
        series: SeriesId,
        industry: Industry,
        mode: FairMode,
        venue: Option<Venue>,
        schedule: Option<Schedule>,
        capacity: Option<u32>,
        publish: bool,
        close: bool,
    }
    let fairs = [
        F {
            name: "春季促进就业专项行动·徐汇区综合招聘会",
            series: spring,
            industry: Industry::General,
            mode: FairMode::Onsite,
            venue: Some(Venue::Hall {
                district: District::Xuhui,
                address: "漕溪北路 1111 号 徐汇区就业促进中心".into(),
            }),
            schedule: sched(-10, (9, 0), (15, 30)),
            capacity: Some(3000),
            publish: true,
            close: true,
        },
        F {
            name: "千企万岗·长宁“人社服务进楼宇”专场",
            series: qiqi,
            industry: Industry::Digital,
            mode: FairMode::Hybrid,
            venue: Some(Venue::ServiceStation {
                district: District::Changning, station: "“虹桥”人社服务站".into()
            }),
            schedule: sched(3, (13, 30), (17, 0)),
            capacity: Some(800),
            publish: true,
            close: false,
        },
        F {
            name: "宝山区先进制造业专场招聘会",
            series: manuf,
            industry: Industry::Manufacturing,
            mode: FairMode::Onsite,
            venue: Some(Venue::Hall { district: District::Baoshan, address: "宝山区友谊路 1588 号".into() }),
            schedule: sched(5, (9, 0), (16, 0)),
            capacity: Some(5000),
            publish: true,
            close: false,
        },
        F {
            name: "就在浦东·云南大理专场招聘会",
            series: yunnan,
            industry: Industry::General,
            mode: FairMode::Onsite,
            venue: Some(Venue::Remote { region: "云南大理".into(), address: "大理市人力资源市场".into() }),
            schedule: sched(8, (9, 30), (16, 0)),
            capacity: Some(2000),
            publish: true,
            close: false,
        },
        F {
            name: "千企万岗·物流快递线上招聘会",
            series: qiqi,
            industry: Industry::Logistics,
            mode: FairMode::Online,
            venue: None,
            schedule: sched(10, (10, 0), (20, 0)),
            capacity: None,
            publish: true,
            close: false,
        },
        F {
            name: "闵行区生物医药专场招聘会",
            series: manuf,
            industry: Industry::Biomedicine,
            mode: FairMode::Onsite,
            venue: Some(Venue::Hall { district: District::Minhang, address: "闵行区沪闵路 6258 号".into() }),
            schedule: sched(17, (9, 0), (15, 0)),
            capacity: Some(1500),
            publish: false,
            close: false,
        },
    ];

    // The season was planned three weeks ago; the demo log reads like it.
    let t0 = now - Duration::days(21);
    let mut fair_ids = Vec::new();
    let mut closing = Vec::new();
    for f in fairs {
        let fair_id = FairId(new_id());
        fair_ids.push(fair_id);
        intents.push(
            FairCommand::CreateFair {
                fair_id,
                details: FairDetails {
                    name: f.name.into(),
                    series: Some(f.series),
                    industry: f.industry,
                    mode: f.mode,
                    venue: f.venue,
                    schedule: f.schedule,
                    capacity: f.capacity,
                },
            }
            .into(),
        );
        if f.publish {
            intents.push(FairCommand::PublishFair { fair_id }.into());
        }
        if f.close {
            closing.push(FairCommand::CloseFair { fair_id });
        }
    }
    let mut cmds: Vec<Command> = intents
        .into_iter()
        .enumerate()
        .map(|(i, intent)| Command { actor: demo_actor(), now: t0 + Duration::minutes(i as i64), intent })
        .collect();
    let fairs = crate::demo_season::DemoFairs {
        xuhui: fair_ids[0],
        changning: fair_ids[1],
        baoshan: fair_ids[2],
        dali: fair_ids[3],
        online: fair_ids[4],
        minhang: fair_ids[5],
    };
    cmds.extend(crate::demo_season::commands(&fairs, t0, now, closing, &mut new_id));
    let mut cmds = crate::demo_livestream::extend(cmds, now, new_id);
    // One timeline: every part of the demo is dated; issue them in time order (stable, so each
    // part keeps its own order).
    cmds.sort_by_key(|c| c.now);
    cmds
}

/// The demo season for a shared server. fairlog-server decides every push as the signed-in
/// account, at its own clock, so the season's past (the livestream that ended ten days ago, the
/// requests made before a cut-off that has passed since) cannot be recorded there as it can in
/// a browser's own log. This is [`demo_commands`] issued by `actor` at `now`, keeping the
/// commands the domain accepts in that order and leaving out those it would refuse (and so the
/// server would answer with a refusal each), so loading the demo shows no refused changes.
pub fn demo_commands_for_server(actor: &Actor, now: DateTime<Utc>, mut new_id: impl FnMut() -> Uuid) -> Vec<Command> {
    let mut engine = crate::engine::Engine::new();
    demo_commands(now, &mut new_id)
        .into_iter()
        .map(|c| Command { actor: actor.clone(), now, intent: c.intent })
        .filter(|c| engine.execute(c.clone(), &mut new_id).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::fair::FairStatusKind;
    use crate::testing::{counter_ids, t};

    #[test]
    fn the_demo_is_built_from_commands_the_domain_accepts() {
        let mut engine = Engine::new();
        let now = t("2026-11-24T10:00");
        let mut ids = counter_ids(0);
        let cmds = demo_commands(now, &mut ids);
        for c in cmds {
            let what = format!("{:?}", c.intent);
            engine.execute(c, &mut ids).unwrap_or_else(|e| panic!("demo command refused: {e:?}\n{what}"));
        }
        assert!(
            engine.log().entries().windows(2).all(|w| w[0].recorded_at <= w[1].recorded_at),
            "demo time runs forward"
        );
        assert!(engine.log().entries().iter().all(|e| e.recorded_at <= now));
        let s = engine.state();
        assert_eq!(s.series.len(), 4);
        assert_eq!(s.fairs.len(), 6);
        let count = |k| s.fairs.values().filter(|f| f.status.kind() == k).count();
        assert_eq!(count(FairStatusKind::Closed), 1);
        assert_eq!(count(FairStatusKind::Published), 4);
        assert_eq!(count(FairStatusKind::Draft), 1);
        assert!(s.fairs.values().any(|f| f.details.mode == FairMode::Online));
        assert!(s.fairs.values().any(|f| matches!(f.details.venue, Some(Venue::Remote { .. }))));
    }

    #[test]
    fn the_demo_for_a_server_is_accepted_whole_at_the_servers_clock() {
        // given a signed-in organizer and the server's clock
        let organizer = Actor { account: Some(Uuid::from_u128(7)), ..Actor::new(crate::Role::Organizer, "王敏") };
        let now = t("2026-11-24T10:00");
        let mut ids = counter_ids(0);
        // when the demo is made for the server
        let cmds = demo_commands_for_server(&organizer, now, &mut ids);
        // then every command is the account's, at that clock, and the server's decide (a new
        // engine, in the same order) accepts every one of them
        assert!(cmds.iter().all(|c| c.actor == organizer && c.now == now));
        let mut server = Engine::new();
        for c in &cmds {
            let what = format!("{:?}", c.intent);
            server.execute(c.clone(), &mut ids).unwrap_or_else(|e| panic!("the server would refuse: {e:?}\n{what}"));
        }
        // and the season is still there: series, fairs, enterprises, bookings, sessions
        let s = server.state();
        assert_eq!(s.series.len(), 4);
        assert_eq!(s.fairs.len(), 6);
        assert!(!s.enterprises.is_empty() && !s.bookings.is_empty() && !s.live_sessions.is_empty());
        // and what is left out is only what the domain refuses at that clock
        let all = demo_commands(now, &mut counter_ids(0)).len();
        assert!(cmds.len() < all && cmds.len() * 10 > all * 9, "{} of {all}", cmds.len());
    }
}
