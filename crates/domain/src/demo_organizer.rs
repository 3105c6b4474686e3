//! The organizer's part of the first-run demo: floor plans for the demo fairs, enterprises (some
//! of them key enterprises with a service commissioner), their posts, booth requests and the
//! organizer's approvals. Built, like the rest of the demo, by issuing real commands, each by the
//! actor who would send it (an enterprise requests its booth, the organizer approves).
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::booking::{BookingCommand, BoothTarget};
use crate::command::{Command, Intent};
use crate::credit_code;
use crate::demo::demo_actor;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile, KeyCategory};
use crate::envelope::{Actor, Role};
use crate::fair::{FairCommand, FairDetails, FairMode, Venue};
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, PostId, ZoneId};
use crate::industry::Industry;
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};

/// A second organizer staff member, serving some of the key enterprises.
pub const SECOND_COMMISSIONER: &str = "李强";

struct Ent {
    name: &'static str,
    industry: Industry,
    district: District,
    division: &'static str,
    size: CompanySize,
    contact: &'static str,
    phone: &'static str,
    key: Option<KeyCategory>,
    commissioner: Option<&'static str>,
    post: (&'static str, PostCategory, u32, u32, u32),
}

const ENTERPRISES: &[Ent] = &[
    Ent {
        name: "上海宝联精密机械有限公司",
        industry: Industry::Manufacturing,
        district: District::Baoshan,
        division: "310113",
        size: CompanySize::Large,
        contact: "周建国",
        phone: "13916200101",
        key: Some(KeyCategory::MajorProject),
        commissioner: Some("王敏"),
        post: ("数控机床操作工", PostCategory::Production, 40, 7000, 10000),
    },
    Ent {
        name: "上海顾村新材料科技有限公司",
        industry: Industry::Manufacturing,
        district: District::Baoshan,
        division: "310113",
        size: CompanySize::Medium,
        contact: "沈丽",
        phone: "13816200102",
        key: Some(KeyCategory::KeyIndustry),
        commissioner: Some("王敏"),
        post: ("材料检测工程师", PostCategory::Technical, 8, 9000, 14000),
    },
    Ent {
        name: "上海吴淞口港航物流有限公司",
        industry: Industry::Logistics,
        district: District::Baoshan,
        division: "310113",
        size: CompanySize::Large,
        contact: "陆海峰",
        phone: "13761200103",
        key: Some(KeyCategory::SupplyGuarantee),
        commissioner: Some(SECOND_COMMISSIONER),
        post: ("仓储管理员", PostCategory::Logistics, 25, 6000, 8000),
    },
    Ent {
        name: "上海申程快递服务有限公司",
        industry: Industry::Logistics,
        district: District::Pudong,
        division: "310115",
        size: CompanySize::Large,
        contact: "王芳",
        phone: "13661200104",
        key: Some(KeyCategory::SupplyGuarantee),
        commissioner: Some("王敏"),
        post: ("快递分拣员", PostCategory::Logistics, 120, 6500, 9000),
    },
    Ent {
        name: "上海虹桥数智科技有限公司",
        industry: Industry::Digital,
        district: District::Changning,
        division: "310105",
        size: CompanySize::Small,
        contact: "赵敏",
        phone: "13512200105",
        key: None,
        commissioner: None,
        post: ("Java 开发工程师", PostCategory::Technical, 6, 15000, 25000),
    },
    Ent {
        name: "上海张江联动医疗器械有限公司",
        industry: Industry::Biomedicine,
        district: District::Pudong,
        division: "310115",
        size: CompanySize::Medium,
        contact: "钱蕾",
        phone: "13816200106",
        key: Some(KeyCategory::KeyIndustry),
        commissioner: Some(SECOND_COMMISSIONER),
        post: ("质量检验员", PostCategory::Production, 15, 6500, 9000),
    },
    Ent {
        name: "上海浦东机场地勤服务有限公司",
        industry: Industry::Hospitality,
        district: District::Pudong,
        division: "310115",
        size: CompanySize::Large,
        contact: "孙浩",
        phone: "13916200107",
        key: None,
        commissioner: None,
        post: ("机场地勤服务员", PostCategory::Service, 60, 6000, 8500),
    },
    Ent {
        name: "上海闵联汽车零部件有限公司",
        industry: Industry::Automotive,
        district: District::Minhang,
        division: "310112",
        size: CompanySize::Medium,
        contact: "李娜",
        phone: "13611200108",
        key: None,
        commissioner: Some("王敏"),
        post: ("装配工", PostCategory::Production, 30, 6500, 9000),
    },
    Ent {
        name: "上海临港海事工程有限公司",
        industry: Industry::Construction,
        district: District::Pudong,
        division: "310115",
        size: CompanySize::Large,
        contact: "吴刚",
        phone: "13817200109",
        key: Some(KeyCategory::MajorProject),
        commissioner: Some(SECOND_COMMISSIONER),
        post: ("焊工", PostCategory::Production, 20, 8000, 12000),
    },
];

/// A zone and its booths, laid out in rows.
struct Layout {
    zone: &'static str,
    prefix: &'static str,
    /// (x, y, count, w, h): a row of `count` booths of w × h metres from (x, y).
    rows: &'static [(u16, u16, u16, u16, u16)],
}

struct Plan {
    width: u16,
    depth: u16,
    zones: &'static [Layout],
    virtual_booths: u32,
}

const BAOSHAN: Plan = Plan {
    width: 44,
    depth: 26,
    zones: &[
        Layout { zone: "先进制造A馆", prefix: "A-", rows: &[(2, 2, 8, 3, 3), (2, 5, 8, 3, 3)] },
        Layout { zone: "新材料与物流B馆", prefix: "B-", rows: &[(2, 11, 5, 3, 6), (2, 20, 6, 3, 3)] },
    ],
    virtual_booths: 0,
};

const CHANGNING: Plan = Plan {
    width: 20,
    depth: 12,
    zones: &[Layout { zone: "楼宇大堂", prefix: "C-", rows: &[(2, 2, 5, 3, 3), (2, 7, 5, 3, 3)] }],
    virtual_booths: 30,
};

const DALI: Plan = Plan {
    width: 30,
    depth: 16,
    zones: &[
        Layout { zone: "浦东企业展区", prefix: "P-", rows: &[(2, 2, 8, 3, 3)] },
        Layout { zone: "劳务协作服务区", prefix: "D-", rows: &[(2, 9, 4, 3, 6)] },
    ],
    virtual_booths: 0,
};

const MINHANG: Plan = Plan {
    width: 36,
    depth: 20,
    zones: &[Layout { zone: "生物医药展区", prefix: "M-", rows: &[(2, 2, 6, 3, 3), (2, 8, 6, 3, 3)] }],
    virtual_booths: 0,
};

const ONLINE: Plan = Plan { width: 0, depth: 0, zones: &[], virtual_booths: 60 };

fn enterprise_actor(e: &Ent, id: EnterpriseId) -> Actor {
    Actor { role: Role::Enterprise, name: e.contact.into(), subject: Some(id.0) }
}

/// Find a demo fair among the commands already built, by its mode and where it takes place.
fn find_fair(cmds: &[Command], pick: impl Fn(&FairDetails) -> bool) -> Option<FairId> {
    cmds.iter().find_map(|c| match &c.intent {
        Intent::Fair(FairCommand::CreateFair { fair_id, details }) if pick(details) => Some(*fair_id),
        _ => None,
    })
}

fn in_district(d: &FairDetails, district: District) -> bool {
    d.venue.as_ref().and_then(Venue::district) == Some(district)
}

/// Draw a plan; returns the booths made, by code.
fn draw(
    fair_id: FairId,
    plan: &Plan,
    new_id: &mut impl FnMut() -> Uuid,
    out: &mut Vec<Intent>,
) -> Vec<(String, BoothId)> {
    let mut made = Vec::new();
    if plan.width > 0 {
        out.push(FloorPlanCommand::SizeHall { fair_id, width: plan.width, depth: plan.depth }.into());
    }
    for layout in plan.zones {
        let zone_id = ZoneId(new_id());
        out.push(FloorPlanCommand::AddZone { fair_id, zone_id, name: layout.zone.into() }.into());
        let mut booths = Vec::new();
        let mut n = 0;
        for &(x, y, count, w, h) in layout.rows {
            for i in 0..count {
                n += 1;
                let code = format!("{}{n:02}", layout.prefix);
                let booth_id = BoothId(new_id());
                let amenities = Amenities { power: true, table: w * h <= 9, screen: w * h > 9 };
                booths.push(NewBooth {
                    booth_id,
                    zone_id,
                    code: code.clone(),
                    rect: Rect { x: x + i * w, y, w, h },
                    amenities,
                });
                made.push((code, booth_id));
            }
        }
        out.push(FloorPlanCommand::AddBooths { fair_id, booths }.into());
    }
    if plan.virtual_booths > 0 {
        out.push(FloorPlanCommand::SetVirtualBooths { fair_id, count: plan.virtual_booths }.into());
    }
    made
}

/// The organizer's demo commands, to follow `cmds` (the demo's series and fairs).
pub fn booths_and_bookings(now: DateTime<Utc>, cmds: &[Command], new_id: &mut impl FnMut() -> Uuid) -> Vec<Command> {
    let organizer = |intent: Intent| Command { actor: demo_actor(), now, intent };
    let mut out: Vec<Command> = Vec::new();

    // Enterprises, registered by the organizer on their behalf (as at a service counter).
    let ids: Vec<EnterpriseId> = ENTERPRISES.iter().map(|_| EnterpriseId(new_id())).collect();
    for (i, (e, id)) in ENTERPRISES.iter().zip(&ids).enumerate() {
        let profile = EnterpriseProfile {
            name: e.name.into(),
            credit_code: credit_code::complete(&format!("91{}MA1GK{:04}", e.division, 101 + i)),
            industry: e.industry,
            district: e.district,
            size: e.size,
            contact_name: e.contact.into(),
            contact_phone: e.phone.into(),
            description: String::new(),
        };
        out.push(organizer(EnterpriseCommand::RegisterEnterprise { enterprise_id: *id, profile }.into()));
        if let Some(category) = e.key {
            out.push(organizer(EnterpriseCommand::MarkKeyEnterprise { enterprise_id: *id, category }.into()));
        }
        if let Some(c) = e.commissioner {
            out.push(organizer(
                EnterpriseCommand::AssignCommissioner { enterprise_id: *id, commissioner: c.into() }.into(),
            ));
        }
    }

    let baoshan = find_fair(cmds, |d| d.mode == FairMode::Onsite && in_district(d, District::Baoshan));
    let changning = find_fair(cmds, |d| d.mode == FairMode::Hybrid && in_district(d, District::Changning));
    let dali = find_fair(cmds, |d| matches!(&d.venue, Some(Venue::Remote { region, .. }) if region.contains("大理")));
    let minhang = find_fair(cmds, |d| in_district(d, District::Minhang));
    let online = find_fair(cmds, |d| d.mode == FairMode::Online);

    // Floor plans, drawn by the organizer.
    let mut plans: Vec<Intent> = Vec::new();
    let mut booths = std::collections::BTreeMap::new();
    for (fair, plan) in
        [(baoshan, &BAOSHAN), (changning, &CHANGNING), (dali, &DALI), (minhang, &MINHANG), (online, &ONLINE)]
    {
        if let Some(fair_id) = fair {
            booths.insert(fair_id, draw(fair_id, plan, new_id, &mut plans));
        }
    }
    out.extend(plans.into_iter().map(organizer));
    let booth =
        |fair: FairId, code: &str| booths.get(&fair).and_then(|v| v.iter().find(|(c, _)| c == code)).map(|(_, id)| *id);
    if let Some(b) = baoshan.and_then(|f| booth(f, "B-06")) {
        out.push(organizer(FloorPlanCommand::BlockBooth { booth_id: b, reason: "服务台".into() }.into()));
    }

    // Posts, opened by each enterprise for the fairs it attends.
    let fairs_of = |i: usize| -> Vec<FairId> {
        match i {
            0..=2 => vec![baoshan],
            3 => vec![online, baoshan],
            4 => vec![changning],
            5 => vec![dali, minhang],
            6 => vec![dali],
            7 => vec![baoshan],
            _ => vec![dali],
        }
        .into_iter()
        .flatten()
        .collect()
    };
    for (i, (e, id)) in ENTERPRISES.iter().zip(&ids).enumerate() {
        let (title, category, headcount, salary_min, salary_max) = e.post;
        out.push(Command {
            actor: enterprise_actor(e, *id),
            now,
            intent: PostCommand::OpenPost {
                post_id: PostId(new_id()),
                enterprise_id: *id,
                details: PostDetails {
                    title: title.into(),
                    category,
                    headcount,
                    salary_min,
                    salary_max,
                    education: if category == PostCategory::Technical {
                        Education::Bachelor
                    } else {
                        Education::HighSchool
                    },
                    experience: Experience::OneYear,
                    district: e.district,
                    fairs: fairs_of(i).into_iter().collect(),
                },
            }
            .into(),
        });
    }

    // Booth requests by the enterprises; the organizer approves some, others wait in the queue.
    // (enterprise, fair, booth code or None for a virtual booth, approved?)
    let requests: Vec<(usize, Option<FairId>, Option<&str>, bool)> = vec![
        (0, baoshan, Some("A-01"), true),
        (1, baoshan, Some("A-02"), true),
        (2, baoshan, Some("B-01"), true),
        (3, baoshan, Some("B-02"), true),
        (7, baoshan, Some("A-09"), true),
        (6, baoshan, Some("A-03"), false),
        (5, baoshan, Some("B-07"), false),
        (8, baoshan, Some("A-10"), false),
        (4, changning, Some("C-01"), true),
        (3, online, None, true),
        (1, online, None, true),
        (6, online, None, false),
        (5, dali, Some("P-01"), true),
        (6, dali, Some("P-02"), true),
        (8, dali, Some("D-01"), false),
    ];
    let mut approve = Vec::new();
    for (e, fair, code, approved) in requests {
        let Some(fair_id) = fair else { continue };
        let target = match code {
            Some(c) => match booth(fair_id, c) {
                Some(booth_id) => BoothTarget::Booth { booth_id },
                None => continue,
            },
            None => BoothTarget::Virtual,
        };
        let booking_id = BookingId(new_id());
        out.push(Command {
            actor: enterprise_actor(&ENTERPRISES[e], ids[e]),
            now,
            intent: BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: ids[e], target }.into(),
        });
        if approved {
            approve.push(booking_id);
        }
    }
    if !approve.is_empty() {
        out.push(organizer(BookingCommand::ApproveBookings { booking_ids: approve }.into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::booking::BoothState;
    use crate::demo::demo_commands;
    use crate::engine::Engine;
    use crate::testing::{counter_ids, t};
    use crate::views;

    #[test]
    fn the_demo_season_has_plans_with_booked_and_free_booths_and_a_queue() {
        let mut engine = Engine::new();
        let now = t("2026-11-24T10:00");
        let mut ids = counter_ids(0);
        for c in demo_commands(now, &mut ids) {
            let name = format!("{:?}", c.intent);
            engine.execute(c, &mut ids).unwrap_or_else(|e| panic!("demo command refused: {e:?}\n{name}"));
        }
        let s = engine.state();
        let by_name = |part: &str| s.fairs.values().find(|f| f.details.name.contains(part)).unwrap().id;
        let baoshan = views::floor_plan(s, by_name("宝山"));
        let c = baoshan.counts();
        assert_eq!(baoshan.booths.len(), 27);
        assert_eq!((c.booked, c.requested, c.blocked), (5, 3, 1));
        assert!(c.free >= 15);
        assert_eq!(views::approval_queue(s, by_name("宝山"), now).len(), 3);
        assert!(views::approval_queue(s, by_name("宝山"), now).iter().any(|r| r.key.is_some()));
        let online = views::floor_plan(s, by_name("线上"));
        assert_eq!((online.virtual_booths, online.virtual_taken), (60, 3));
        assert!(online.booths.is_empty());
        let dali = views::floor_plan(s, by_name("大理"));
        assert!(dali.booths.iter().any(|b| b.state == BoothState::Booked));
        assert!(views::floor_plan(s, by_name("闵行")).booths.iter().all(|b| b.state == BoothState::Free));
        let mine = views::commissioner_enterprises(s, "王敏");
        assert_eq!(mine.len(), 4);
        assert!(mine.iter().all(|c| !c.open_posts.is_empty()));
        assert!(mine.iter().any(|c| !c.bookings.is_empty()));
        assert_eq!(views::commissioners(s).len(), 2);
    }
}
