//! The demo's "live broadcasting with posts": hosts (a district bureau director among them),
//! channels on allowed streaming sites, three enterprises with posts, and sessions linked to the
//! demo fairs: one ended with outcomes, two scheduled (one invitation accepted by the enterprise
//! itself, one still open), one draft. Built from real commands like the rest of the demo.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use uuid::Uuid;

use crate::command::{Command, Intent};
use crate::credit_code;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile};
use crate::envelope::{Actor, Role};
use crate::fair::FairCommand;
use crate::host::{ChannelDetails, HostCommand, HostProfile, Platform, Window};
use crate::ids::{ChannelId, EnterpriseId, FairId, HostId, PostId, SessionId};
use crate::industry::Industry;
use crate::livestream::{LivestreamCommand, Outcome, SessionPlan, Slot};
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use crate::time::{from_local, to_local};

/// The demo's streaming sites (reserved `.example` names: nothing real is linked).
pub const DEMO_DOMAINS: [&str; 3] = ["zhibo.shggzp.example", "channels.weixin.example", "live.douyin.example"];

/// Append the livestream demo to the demo season's commands (it finds the fairs it links to by
/// name among them).
pub(crate) fn extend(mut cmds: Vec<Command>, now: DateTime<Utc>, mut new_id: impl FnMut() -> Uuid) -> Vec<Command> {
    let fair_named = |cmds: &[Command], prefix: &str| -> Option<FairId> {
        cmds.iter().find_map(|c| match &c.intent {
            Intent::Fair(FairCommand::CreateFair { fair_id, details }) if details.name.starts_with(prefix) => {
                Some(*fair_id)
            }
            _ => None,
        })
    };
    let xuhui = fair_named(&cmds, "春季促进就业专项行动·徐汇区");
    let changning = fair_named(&cmds, "千企万岗·长宁");
    let baoshan = fair_named(&cmds, "宝山区先进制造业");
    let logistics = fair_named(&cmds, "千企万岗·物流快递");

    let at = |offset: i64, h: u32, m: u32| -> DateTime<Utc> {
        let date = to_local(now).date() + Duration::days(offset);
        from_local(date.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")))
    };
    let organizer = crate::demo::demo_actor();
    let mut push = |actor: &Actor, when: DateTime<Utc>, intent: Intent| {
        cmds.push(Command { actor: actor.clone(), now: when, intent })
    };
    // Commands that set the scene are dated two weeks back, so the ended session can be replayed.
    let past = at(-14, 9, 0);

    for d in DEMO_DOMAINS {
        push(&organizer, past, HostCommand::AllowStreamDomain { domain: d.into() }.into());
    }
    let public = ChannelId(new_id());
    let wechat = ChannelId(new_id());
    let douyin = ChannelId(new_id());
    for (id, name, platform, url) in [
        (public, "上海公共招聘新平台直播间", Platform::PublicPlatform, "https://zhibo.shggzp.example/room/1"),
        (wechat, "徐汇就业视频号", Platform::WeChatChannels, "https://channels.weixin.example/xuhui-jiuye"),
        (douyin, "宝山人社抖音直播间", Platform::Douyin, "https://live.douyin.example/baoshan-rs"),
    ] {
        let details = ChannelDetails { name: name.into(), platform, stream_url: url.into() };
        push(&organizer, past, HostCommand::AddChannel { channel_id: id, details }.into());
    }

    let director = HostId(new_id());
    let deputy = HostId(new_id());
    let anchor = HostId(new_id());
    for (id, name, title, org) in [
        (director, "李明", "局长", "徐汇区人力资源和社会保障局"),
        (deputy, "王芳", "副局长", "宝山区人力资源和社会保障局"),
        (anchor, "陈静", "主持人", "上海市公共招聘服务中心"),
    ] {
        let profile = HostProfile { name: name.into(), title: title.into(), organisation: org.into() };
        push(&organizer, past, HostCommand::RegisterHost { host_id: id, profile }.into());
    }
    let as_host =
        |h: HostId, name: &str| Actor { role: Role::Host, name: name.into(), subject: Some(h.0), account: None };
    let as_ent = |e: EnterpriseId, name: &str| Actor {
        role: Role::Enterprise,
        name: name.into(),
        subject: Some(e.0),
        account: None,
    };

    struct Ent {
        name: &'static str,
        industry: Industry,
        district: District,
        posts: [(&'static str, PostCategory, u32, u32, u32); 2],
    }
    let ents = [
        Ent {
            name: "上海临港智能装备有限公司",
            industry: Industry::Manufacturing,
            district: District::Pudong,
            posts: [
                ("数控机床操作工", PostCategory::Production, 20, 7000, 9500),
                ("设备维修技术员", PostCategory::Technical, 8, 8000, 12000),
            ],
        },
        Ent {
            name: "徐汇云数信息科技有限公司",
            industry: Industry::Digital,
            district: District::Xuhui,
            posts: [
                ("Java 开发工程师", PostCategory::Technical, 6, 15000, 25000),
                ("数据标注员", PostCategory::Technical, 30, 6000, 8000),
            ],
        },
        Ent {
            name: "宝山顺达物流有限公司",
            industry: Industry::Logistics,
            district: District::Baoshan,
            posts: [
                ("仓储管理员", PostCategory::Logistics, 15, 6500, 8500),
                ("快递分拣员", PostCategory::Logistics, 40, 6000, 7500),
            ],
        },
    ];
    let mut ent_ids = Vec::new();
    let mut post_ids: Vec<Vec<PostId>> = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        let id = EnterpriseId(new_id());
        let profile = EnterpriseProfile {
            name: e.name.into(),
            credit_code: credit_code::complete(&format!("91310113MA1LT{:04}", 7001 + i)),
            industry: e.industry,
            district: e.district,
            size: CompanySize::Medium,
            contact_name: "招聘负责人".into(),
            contact_phone: "021-64870000".into(),
            description: String::new(),
        };
        push(&organizer, past, EnterpriseCommand::RegisterEnterprise { enterprise_id: id, profile }.into());
        let mut ps = Vec::new();
        for (title, category, headcount, lo, hi) in e.posts {
            let post_id = PostId(new_id());
            let details = PostDetails {
                title: title.into(),
                category,
                headcount,
                salary_min: lo,
                salary_max: hi,
                education: Education::HighSchool,
                experience: Experience::None,
                district: e.district,
                fairs: BTreeSet::new(),
            };
            push(&organizer, past, PostCommand::OpenPost { post_id, enterprise_id: id, details }.into());
            ps.push(post_id);
        }
        ent_ids.push(id);
        post_ids.push(ps);
    }
    let slot = |offset: u32, minutes: u32| Slot { offset_minutes: offset, minutes };

    // 1. Ten days ago, during the Xuhui fair: ended, with outcomes.
    let s1 = SessionId(new_id());
    let li = as_host(director, "李明");
    push(
        &li,
        past,
        LivestreamCommand::PlanSession {
            session_id: s1,
            plan: SessionPlan {
                title: "春季专项行动·徐汇区局长直播带岗".into(),
                hosts: vec![director, anchor],
                channel: public,
                start: at(-10, 10, 0),
                minutes: 90,
                fair: xuhui,
            },
        }
        .into(),
    );
    for (i, (offset, minutes)) in [(10, 35), (45, 35)].into_iter().enumerate() {
        let intent = LivestreamCommand::InviteEnterprise {
            session_id: s1,
            enterprise_id: ent_ids[i],
            posts: post_ids[i].clone(),
            slot: slot(offset, minutes),
            accept: vec![],
        };
        push(&li, past, intent.into());
        push(
            &as_ent(ent_ids[i], "招聘负责人"),
            past,
            LivestreamCommand::AcceptInvitation { session_id: s1, enterprise_id: ent_ids[i] }.into(),
        );
    }
    push(&li, past, LivestreamCommand::ScheduleSession { session_id: s1, accept: vec![] }.into());
    push(&li, at(-10, 9, 50), LivestreamCommand::StartSession { session_id: s1 }.into());
    let outcome = Outcome { peak_viewers: 12_800, applications: BTreeMap::from([(ent_ids[0], 146), (ent_ids[1], 93)]) };
    push(&li, at(-10, 11, 35), LivestreamCommand::EndSession { session_id: s1, outcome }.into());

    // The director's availability for the coming week.
    let windows =
        vec![Window { start: at(3, 18, 0), end: at(3, 22, 0) }, Window { start: at(6, 9, 0), end: at(6, 17, 0) }];
    push(&li, now, HostCommand::SetAvailability { host_id: director, windows }.into());

    // 2. The evening of the Changning fair: scheduled; one enterprise accepted, one not yet.
    let s2 = SessionId(new_id());
    push(
        &li,
        now,
        LivestreamCommand::PlanSession {
            session_id: s2,
            plan: SessionPlan {
                title: "千企万岗·局长带你看岗位（数字经济专场）".into(),
                hosts: vec![director, anchor],
                channel: public,
                start: at(3, 19, 0),
                minutes: 90,
                fair: changning,
            },
        }
        .into(),
    );
    for (i, (offset, minutes)) in [(1usize, (10, 35)), (0, (45, 35))] {
        let intent = LivestreamCommand::InviteEnterprise {
            session_id: s2,
            enterprise_id: ent_ids[i],
            posts: post_ids[i].clone(),
            slot: slot(offset, minutes),
            accept: vec![],
        };
        push(&li, now, intent.into());
    }
    push(&li, now, LivestreamCommand::ScheduleSession { session_id: s2, accept: vec![] }.into());
    push(
        &as_ent(ent_ids[1], "招聘负责人"),
        now,
        LivestreamCommand::AcceptInvitation { session_id: s2, enterprise_id: ent_ids[1] }.into(),
    );

    // 3. During the Baoshan manufacturing fair, on the district's Douyin channel: scheduled.
    let s3 = SessionId(new_id());
    let wang = as_host(deputy, "王芳");
    push(
        &wang,
        now,
        LivestreamCommand::PlanSession {
            session_id: s3,
            plan: SessionPlan {
                title: "宝山先进制造业直播带岗".into(),
                hosts: vec![deputy],
                channel: douyin,
                start: at(5, 10, 0),
                minutes: 60,
                fair: baoshan,
            },
        }
        .into(),
    );
    push(
        &wang,
        now,
        LivestreamCommand::InviteEnterprise {
            session_id: s3,
            enterprise_id: ent_ids[0],
            posts: post_ids[0].clone(),
            slot: slot(5, 40),
            accept: vec![],
        }
        .into(),
    );
    push(&wang, now, LivestreamCommand::ScheduleSession { session_id: s3, accept: vec![] }.into());

    // 4. A draft for the online logistics fair, on the Xuhui WeChat channel.
    let s4 = SessionId(new_id());
    push(
        &as_host(anchor, "陈静"),
        now,
        LivestreamCommand::PlanSession {
            session_id: s4,
            plan: SessionPlan {
                title: "物流快递岗位直播".into(),
                hosts: vec![anchor],
                channel: wechat,
                start: at(10, 14, 0),
                minutes: 60,
                fair: logistics,
            },
        }
        .into(),
    );
    push(
        &as_host(anchor, "陈静"),
        now,
        LivestreamCommand::InviteEnterprise {
            session_id: s4,
            enterprise_id: ent_ids[2],
            posts: post_ids[2].clone(),
            slot: slot(10, 40),
            accept: vec![],
        }
        .into(),
    );
    cmds
}

#[cfg(test)]
mod tests {
    use crate::demo::demo_commands;
    use crate::engine::Engine;
    use crate::livestream::{conflicts_now, SessionStatus};
    use crate::testing::{counter_ids, t};

    #[test]
    fn the_livestream_demo_is_accepted_and_has_no_hard_conflict() {
        for now in [t("2026-11-24T10:00"), t("2026-03-01T23:30")] {
            let mut engine = Engine::new();
            let mut ids = counter_ids(0);
            for c in demo_commands(now, &mut ids) {
                let name = format!("{:?}", c.intent);
                engine.execute(c, &mut ids).unwrap_or_else(|e| panic!("demo command refused: {e:?}\n{name}"));
            }
            let s = engine.state();
            assert_eq!(s.hosts.len(), 3);
            assert_eq!(s.channels.len(), 3);
            assert_eq!(s.live_sessions.len(), 4);
            let count = |k: &str| s.live_sessions.values().filter(|x| x.status.key() == k).count();
            assert_eq!((count("ended"), count("scheduled"), count("draft")), (1, 2, 1));
            for x in s.live_sessions.values().filter(|x| x.status == SessionStatus::Scheduled) {
                assert!(conflicts_now(s, x.id).iter().all(|c| !c.is_hard()), "{:?}", conflicts_now(s, x.id));
            }
        }
    }
}
