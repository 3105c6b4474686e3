//! A generated week of livestreams for benchmarks and the timeline's render measurement:
//! `channels` channels, up to six sessions a day on each (08:00, 10:00, … 18:00 Shanghai time,
//! 60 or 90 minutes), three featured enterprises per session, hosts and enterprises spread so
//! that the whole week is free of conflicts. Built from commands the domain accepts.
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::{LivestreamCommand, SessionPlan, Slot};
use crate::command::{Command, Intent};
use crate::credit_code;
use crate::engine::Engine;
use crate::enterprise::EnterpriseCommand;
use crate::envelope::Actor;
use crate::host::{ChannelDetails, HostCommand, HostProfile, Platform};
use crate::ids::{ChannelId, EnterpriseId, HostId, PostId, SessionId};
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
use crate::time::{from_local, to_local};

pub const SLOTS_PER_DAY: u32 = 6;
const HOST_GROUPS: u32 = 6;
const ENTERPRISE_GROUPS: u32 = 4;

pub fn channel_id(c: u32) -> ChannelId {
    ChannelId::from_u128(0x1000_0000 + c as u128)
}
pub fn host_id(h: u32) -> HostId {
    HostId::from_u128(0x2000_0000 + h as u128)
}
pub fn enterprise_id(e: u32) -> EnterpriseId {
    EnterpriseId::from_u128(0x3000_0000 + e as u128)
}
fn post_id(e: u32) -> PostId {
    PostId::from_u128(0x4000_0000 + e as u128)
}
pub fn session_id(n: u32) -> SessionId {
    SessionId::from_u128(0x5000_0000 + n as u128)
}

/// The commands for a week from the local midnight of `monday` with `sessions` sessions spread
/// over `channels` channels (at most `channels × 7 × 6`).
pub fn week_commands(monday: DateTime<Utc>, channels: u32, sessions: u32) -> Vec<Command> {
    let org = Actor::organizer("王敏");
    let now = monday - Duration::days(1);
    let mut v: Vec<Intent> = vec![HostCommand::AllowStreamDomain { domain: "zhibo.shggzp.example".into() }.into()];
    let hosts = channels * HOST_GROUPS;
    let ents = channels * 3 * ENTERPRISE_GROUPS;
    for c in 0..channels {
        v.push(
            HostCommand::AddChannel {
                channel_id: channel_id(c),
                details: ChannelDetails {
                    name: format!("直播间 {:02}", c + 1),
                    platform: Platform::PublicPlatform,
                    stream_url: format!("https://zhibo.shggzp.example/room/{c}"),
                },
            }
            .into(),
        );
    }
    for h in 0..hosts {
        v.push(
            HostCommand::RegisterHost {
                host_id: host_id(h),
                profile: HostProfile {
                    name: format!("主播{h}"),
                    title: "主持人".into(),
                    organisation: "上海市公共招聘服务中心".into(),
                },
            }
            .into(),
        );
    }
    for e in 0..ents {
        v.push(
            EnterpriseCommand::RegisterEnterprise {
                enterprise_id: enterprise_id(e),
                profile: crate::enterprise::EnterpriseProfile {
                    name: format!("企业{e}"),
                    credit_code: credit_code::complete(&format!("91310000MA1FL{:04}", e)),
                    industry: crate::industry::Industry::General,
                    district: District::Xuhui,
                    size: crate::enterprise::CompanySize::Small,
                    contact_name: "陈红".into(),
                    contact_phone: "13812345678".into(),
                    description: String::new(),
                },
            }
            .into(),
        );
        v.push(
            PostCommand::OpenPost {
                post_id: post_id(e),
                enterprise_id: enterprise_id(e),
                details: PostDetails {
                    title: "普工".into(),
                    category: PostCategory::Production,
                    headcount: 10,
                    salary_min: 6000,
                    salary_max: 8000,
                    education: Education::Any,
                    experience: Experience::None,
                    district: District::Xuhui,
                    fairs: BTreeSet::new(),
                },
            }
            .into(),
        );
    }
    let day0 = to_local(monday).date();
    let mut n = 0;
    'outer: for day in 0..7u32 {
        for j in 0..SLOTS_PER_DAY {
            for c in 0..channels {
                if n == sessions {
                    break 'outer;
                }
                let date = day0 + Duration::days(day as i64);
                let start = from_local(date.and_time(NaiveTime::from_hms_opt(8 + 2 * j, 0, 0).expect("valid")));
                let id = session_id(n);
                v.push(
                    LivestreamCommand::PlanSession {
                        session_id: id,
                        plan: SessionPlan {
                            title: format!("直播带岗 #{n}"),
                            hosts: vec![host_id(c + channels * j)],
                            channel: channel_id(c),
                            start,
                            minutes: if (n + day) % 3 == 0 { 90 } else { 60 },
                            fair: None,
                        },
                    }
                    .into(),
                );
                for i in 0..3 {
                    let e = c * 3 + i + channels * 3 * (j % ENTERPRISE_GROUPS);
                    v.push(
                        LivestreamCommand::InviteEnterprise {
                            session_id: id,
                            enterprise_id: enterprise_id(e),
                            posts: vec![post_id(e)],
                            slot: Slot { offset_minutes: 5 + 20 * i, minutes: 15 },
                            accept: vec![],
                        }
                        .into(),
                    );
                }
                v.push(LivestreamCommand::ScheduleSession { session_id: id, accept: vec![] }.into());
                n += 1;
            }
        }
    }
    v.into_iter().map(|intent| Command { actor: org.clone(), now, intent }).collect()
}

/// An engine holding the generated week.
pub fn week(monday: DateTime<Utc>, channels: u32, sessions: u32) -> Engine {
    let mut engine = Engine::new();
    let mut n = 0u128;
    let mut ids = move || {
        n += 1;
        uuid::Uuid::from_u128(0x9000_0000_0000 + n)
    };
    for cmd in week_commands(monday, channels, sessions) {
        engine.execute(cmd, &mut ids).expect("the generated week has no conflict");
    }
    engine
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::t;

    #[test]
    fn a_generated_week_is_accepted() {
        let e = week(t("2026-03-09T00:00"), 5, 200);
        assert_eq!(e.state().live_sessions.len(), 200);
        assert!(e.state().live_sessions.values().all(|s| s.status == super::super::SessionStatus::Scheduled));
    }
}
