//! The demo season's floor plans, enterprises, posts and bookings, issued as real commands by
//! the people who would issue them (enterprises request their own booths; the organizer approves).
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::booking::{BookingCommand, BoothTarget};
use crate::command::{Command, Intent};
use crate::credit_code;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile, KeyCategory};
use crate::envelope::{Actor, Role};
use crate::fair::{FairCommand, FairOutcome};
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::ids::*;
use crate::industry::Industry;
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};

pub struct DemoFairs {
    pub xuhui: FairId,
    pub changning: FairId,
    pub baoshan: FairId,
    pub dali: FairId,
    pub online: FairId,
    pub minhang: FairId,
}

struct Ent {
    name: &'static str,
    code17: &'static str,
    industry: Industry,
    district: District,
    size: CompanySize,
    contact: &'static str,
    phone: &'static str,
    key: Option<KeyCategory>,
    commissioner: Option<&'static str>,
    posts: &'static [(&'static str, PostCategory, u32, u32, u32)],
}

const ENTERPRISES: &[Ent] = &[
    Ent {
        name: "上海电气集团股份有限公司",
        code17: "91310000132231230",
        industry: Industry::Manufacturing,
        district: District::Minhang,
        size: CompanySize::Large,
        contact: "陈红",
        phone: "021-64321234",
        key: Some(KeyCategory::MajorProject),
        commissioner: Some("王敏"),
        posts: &[
            ("数控车床操作工", PostCategory::Production, 30, 7000, 9500),
            ("电气工程师", PostCategory::Technical, 12, 12000, 20000),
        ],
    },
    Ent {
        name: "上汽大众汽车有限公司",
        code17: "91310000607223210",
        industry: Industry::Automotive,
        district: District::Jiading,
        size: CompanySize::Large,
        contact: "周强",
        phone: "13916001234",
        key: Some(KeyCategory::KeyIndustry),
        commissioner: Some("李华"),
        posts: &[
            ("总装线操作工", PostCategory::Production, 80, 6500, 8500),
            ("质量检验员", PostCategory::Technical, 15, 7000, 10000),
        ],
    },
    Ent {
        name: "上海联影医疗科技股份有限公司",
        code17: "91310000MA1FL0100",
        industry: Industry::Biomedicine,
        district: District::Jiading,
        size: CompanySize::Large,
        contact: "吴婷",
        phone: "13801880123",
        key: Some(KeyCategory::KeyIndustry),
        commissioner: Some("王敏"),
        posts: &[("医疗设备装配技术员", PostCategory::Technical, 20, 8000, 12000)],
    },
    Ent {
        name: "宝山钢铁股份有限公司",
        code17: "91310000631696382",
        industry: Industry::Manufacturing,
        district: District::Baoshan,
        size: CompanySize::Large,
        contact: "孙伟",
        phone: "021-26641234",
        key: Some(KeyCategory::SupplyGuarantee),
        commissioner: Some("李华"),
        posts: &[
            ("设备点检员", PostCategory::Technical, 25, 8000, 11000),
            ("行车操作工", PostCategory::Production, 18, 7000, 9000),
        ],
    },
    Ent {
        name: "京东物流上海分公司",
        code17: "91310114MA1GT3120",
        industry: Industry::Logistics,
        district: District::Jiading,
        size: CompanySize::Large,
        contact: "刘洋",
        phone: "13764001122",
        key: None,
        commissioner: None,
        posts: &[
            ("快递员", PostCategory::Logistics, 120, 7000, 12000),
            ("仓储分拣员", PostCategory::Logistics, 60, 6000, 8000),
        ],
    },
    Ent {
        name: "顺丰速运（上海）有限公司",
        code17: "91310118MA1JL4560",
        industry: Industry::Logistics,
        district: District::Qingpu,
        size: CompanySize::Large,
        contact: "郑敏",
        phone: "13601770988",
        key: Some(KeyCategory::SupplyGuarantee),
        commissioner: Some("王敏"),
        posts: &[("收派员", PostCategory::Logistics, 90, 7500, 13000)],
    },
    Ent {
        name: "盒马（上海）网络科技有限公司",
        code17: "91310115MA1HB7890",
        industry: Industry::Retail,
        district: District::Pudong,
        size: CompanySize::Medium,
        contact: "黄丽",
        phone: "13512345670",
        key: None,
        commissioner: None,
        posts: &[
            ("门店理货员", PostCategory::Service, 40, 5500, 7000),
            ("生鲜加工员", PostCategory::Service, 20, 6000, 7500),
        ],
    },
    Ent {
        name: "锦江国际酒店管理有限公司",
        code17: "91310106MA1FY2340",
        industry: Industry::Hospitality,
        district: District::Jingan,
        size: CompanySize::Large,
        contact: "林静",
        phone: "021-62581234",
        key: None,
        commissioner: None,
        posts: &[("客房服务员", PostCategory::Service, 35, 5000, 6500)],
    },
    Ent {
        name: "上海长宁数字科技有限公司",
        code17: "91310105MA1FW5670",
        industry: Industry::Digital,
        district: District::Changning,
        size: CompanySize::Small,
        contact: "杨帆",
        phone: "13482001234",
        key: None,
        commissioner: None,
        posts: &[
            ("前端开发工程师", PostCategory::Technical, 6, 15000, 25000),
            ("数据标注员", PostCategory::Technical, 20, 6000, 8000),
        ],
    },
    Ent {
        name: "上海浦东建设发展有限公司",
        code17: "91310115MA1K88990",
        industry: Industry::Construction,
        district: District::Pudong,
        size: CompanySize::Large,
        contact: "何军",
        phone: "13621661234",
        key: Some(KeyCategory::MajorProject),
        commissioner: Some("李华"),
        posts: &[
            ("钢筋工", PostCategory::Production, 50, 9000, 13000),
            ("施工安全员", PostCategory::Administration, 8, 8000, 11000),
        ],
    },
];

/// `n` booths in a row from `first` (its size repeated, 1 m apart), coded `prefix-from`, ….
fn row(
    prefix: &str,
    zone: ZoneId,
    from: usize,
    n: usize,
    first: Rect,
    new_id: &mut impl FnMut() -> Uuid,
) -> Vec<NewBooth> {
    (0..n)
        .map(|i| NewBooth {
            booth_id: BoothId(new_id()),
            zone_id: zone,
            code: format!("{prefix}-{:02}", from + i),
            rect: Rect { x: first.x + i as u16 * (first.w + 1), ..first },
            amenities: Amenities { power: true, table: true, screen: i % 4 == 0 },
        })
        .collect()
}

/// Everything after the fairs themselves, in time order from `t0` (three weeks ago) to `now`.
pub fn commands(
    f: &DemoFairs,
    t0: DateTime<Utc>,
    now: DateTime<Utc>,
    closing: Vec<FairCommand>,
    new_id: &mut impl FnMut() -> Uuid,
) -> Vec<Command> {
    let organizer = Actor::organizer("王敏");
    let mut out: Vec<Command> = Vec::new();
    let mut at = |when: DateTime<Utc>, actor: &Actor, intents: Vec<Intent>| {
        for (i, intent) in intents.into_iter().enumerate() {
            out.push(Command { actor: actor.clone(), now: when + Duration::seconds(i as i64), intent });
        }
    };

    // Floor plans (organizer), two hours after the fairs were created.
    let mut plans: Vec<Intent> = Vec::new();
    let zone = |fair: FairId, name: &str, plans: &mut Vec<Intent>, new_id: &mut dyn FnMut() -> Uuid| {
        let zone_id = ZoneId(new_id());
        plans.push(FloorPlanCommand::AddZone { fair_id: fair, zone_id, name: name.into() }.into());
        zone_id
    };
    let mut nid = || new_id();
    plans.push(FloorPlanCommand::SizeHall { fair_id: f.xuhui, width: 30, depth: 14 }.into());
    let xz = zone(f.xuhui, "综合招聘区", &mut plans, &mut nid);
    let xuhui_booths = row("A", xz, 1, 7, Rect { x: 1, y: 2, w: 3, h: 3 }, &mut nid);
    plans.push(FloorPlanCommand::AddBooths { fair_id: f.xuhui, booths: xuhui_booths.clone() }.into());

    plans.push(FloorPlanCommand::SizeHall { fair_id: f.changning, width: 24, depth: 12 }.into());
    let cz = zone(f.changning, "楼宇招聘区", &mut plans, &mut nid);
    let changning_booths = row("L", cz, 1, 6, Rect { x: 1, y: 2, w: 3, h: 3 }, &mut nid);
    plans.push(FloorPlanCommand::AddBooths { fair_id: f.changning, booths: changning_booths.clone() }.into());
    plans.push(FloorPlanCommand::SetVirtualBooths { fair_id: f.changning, count: 50 }.into());

    plans.push(FloorPlanCommand::SizeHall { fair_id: f.baoshan, width: 48, depth: 26 }.into());
    let ba = zone(f.baoshan, "先进制造A馆", &mut plans, &mut nid);
    let bb = zone(f.baoshan, "新能源汽车B馆", &mut plans, &mut nid);
    let mut baoshan_booths = row("A", ba, 1, 10, Rect { x: 2, y: 2, w: 3, h: 3 }, &mut nid);
    baoshan_booths.extend(row("A", ba, 11, 10, Rect { x: 2, y: 8, w: 3, h: 3 }, &mut nid));
    baoshan_booths.extend(row("B", bb, 1, 2, Rect { x: 2, y: 16, w: 3, h: 6 }, &mut nid));
    plans.push(FloorPlanCommand::AddBooths { fair_id: f.baoshan, booths: baoshan_booths.clone() }.into());
    plans.push(FloorPlanCommand::BlockBooth { booth_id: baoshan_booths[9].booth_id, reason: "消防通道".into() }.into());

    plans.push(FloorPlanCommand::SizeHall { fair_id: f.dali, width: 30, depth: 12 }.into());
    let dz = zone(f.dali, "沪滇劳务协作区", &mut plans, &mut nid);
    let dali_booths = row("D", dz, 1, 7, Rect { x: 1, y: 2, w: 3, h: 3 }, &mut nid);
    plans.push(FloorPlanCommand::AddBooths { fair_id: f.dali, booths: dali_booths.clone() }.into());
    plans.push(FloorPlanCommand::SetVirtualBooths { fair_id: f.online, count: 200 }.into());
    let _ = f.minhang;
    at(t0 + Duration::hours(2), &organizer, plans);

    // Enterprises register themselves; the organizer marks key enterprises and commissioners.
    let mut ents: Vec<(EnterpriseId, Actor)> = Vec::new();
    for (i, e) in ENTERPRISES.iter().enumerate() {
        let id = EnterpriseId(new_id());
        let actor = Actor { role: Role::Enterprise, name: e.contact.into(), subject: Some(id.0), account: None };
        let profile = EnterpriseProfile {
            name: e.name.into(),
            credit_code: credit_code::complete(e.code17),
            industry: e.industry,
            district: e.district,
            size: e.size,
            contact_name: e.contact.into(),
            contact_phone: e.phone.into(),
            description: String::new(),
        };
        at(
            t0 + Duration::days(1) + Duration::minutes(i as i64 * 7),
            &actor,
            vec![EnterpriseCommand::RegisterEnterprise { enterprise_id: id, profile }.into()],
        );
        ents.push((id, actor));
    }
    let mut marks: Vec<Intent> = Vec::new();
    for ((id, _), e) in ents.iter().zip(ENTERPRISES) {
        if let Some(category) = e.key {
            marks.push(EnterpriseCommand::MarkKeyEnterprise { enterprise_id: *id, category }.into());
        }
        if let Some(c) = e.commissioner {
            marks.push(EnterpriseCommand::AssignCommissioner { enterprise_id: *id, commissioner: c.into() }.into());
        }
    }
    at(t0 + Duration::days(1) + Duration::hours(3), &organizer, marks);

    // Posts, offered at the fairs that fit them.
    for (i, ((id, actor), e)) in ents.iter().zip(ENTERPRISES).enumerate() {
        let fairs: BTreeSet<FairId> = match e.industry {
            Industry::Logistics => [f.online, f.changning].into(),
            Industry::Digital => [f.changning].into(),
            Industry::Retail | Industry::Hospitality => [f.dali, f.online].into(),
            _ => [f.baoshan, f.dali].into(),
        };
        let posts = e
            .posts
            .iter()
            .map(|(title, category, headcount, lo, hi)| {
                PostCommand::OpenPost {
                    post_id: PostId(new_id()),
                    enterprise_id: *id,
                    details: PostDetails {
                        title: (*title).into(),
                        category: *category,
                        headcount: *headcount,
                        salary_min: *lo,
                        salary_max: *hi,
                        education: if *category == PostCategory::Technical {
                            Education::College
                        } else {
                            Education::HighSchool
                        },
                        experience: if *hi > 12000 { Experience::ThreeYears } else { Experience::None },
                        district: e.district,
                        fairs: fairs.clone(),
                    },
                }
                .into()
            })
            .collect();
        at(t0 + Duration::days(2) + Duration::minutes(i as i64 * 5), actor, posts);
    }

    // The closed Xuhui fair: booths requested and approved before it took place, then closed.
    let mut approvals = Vec::new();
    for (i, (id, actor)) in ents.iter().take(6).enumerate() {
        let booking_id = BookingId(new_id());
        let target = BoothTarget::Booth { booth_id: xuhui_booths[i].booth_id };
        at(
            t0 + Duration::days(3) + Duration::minutes(i as i64 * 11),
            actor,
            vec![BookingCommand::RequestBooth { booking_id, fair_id: f.xuhui, enterprise_id: *id, target }.into()],
        );
        approvals.push(booking_id);
    }
    at(t0 + Duration::days(4), &organizer, vec![BookingCommand::ApproveBookings { booking_ids: approvals }.into()]);
    let closed: Vec<FairId> = closing
        .iter()
        .filter_map(|c| match c {
            FairCommand::CloseFair { fair_id } => Some(*fair_id),
            _ => None,
        })
        .collect();
    at(now - Duration::days(9), &organizer, closing.into_iter().map(Intent::from).collect());
    // What the closed fair achieved (the spring action's first fair).
    let outcome = FairOutcome { visitors: 3200, applications: 1850, hires: 412, returned_to_work: 96 };
    at(
        now - Duration::days(8),
        &organizer,
        closed.into_iter().map(|fair_id| FairCommand::RecordFairOutcome { fair_id, outcome }.into()).collect(),
    );

    // Dali and Changning: booked. Online: virtual booths booked.
    let booth = |b: &NewBooth| BoothTarget::Booth { booth_id: b.booth_id };
    let dali_ents = ents.iter().enumerate().filter(|(i, _)| *i != 4 && *i != 5).map(|(_, e)| e).take(6);
    let dali = dali_ents.zip(dali_booths.iter().map(booth)).collect();
    let dali = request_booths(&mut at, new_id, f.dali, dali, (now - Duration::days(6), 9));
    let approve = |booking_ids: &[BookingId]| -> Vec<Intent> {
        vec![BookingCommand::ApproveBookings { booking_ids: booking_ids.to_vec() }.into()]
    };
    at(now - Duration::days(5) - Duration::hours(12), &organizer, approve(&dali));
    let changning = [8usize, 4, 5, 6].iter().map(|i| &ents[*i]).zip(changning_booths.iter().map(booth)).collect();
    let changning = request_booths(&mut at, new_id, f.changning, changning, (now - Duration::days(5), 13));
    at(now - Duration::days(4) - Duration::hours(12), &organizer, approve(&changning));
    let online = [4usize, 5, 6, 7].iter().map(|i| (&ents[*i], BoothTarget::Virtual)).collect();
    let online = request_booths(&mut at, new_id, f.online, online, (now - Duration::days(4), 17));
    at(now - Duration::days(3), &organizer, approve(&online));

    // Baoshan, in five days: six booked (B-01 among them, leaving B-02 the last free booth of
    // hall B), two requests waiting for the organizer; A-10 is blocked.
    let code = |c: &str| baoshan_booths.iter().find(|b| b.code == c).map(|b| b.booth_id).expect("demo booth");
    let baoshan =
        [(0usize, "A-01"), (1, "B-01"), (2, "A-03"), (3, "A-04"), (9, "A-05"), (7, "A-06"), (5, "A-07"), (6, "A-08")]
            .into_iter()
            .map(|(i, c)| (&ents[i], BoothTarget::Booth { booth_id: code(c) }))
            .collect();
    let baoshan = request_booths(&mut at, new_id, f.baoshan, baoshan, (now - Duration::hours(20), 6));
    at(now - Duration::hours(18), &organizer, approve(&baoshan[..6]));
    out
}

/// Each enterprise asks for its booth at `fair_id`, the first at `from` and each next one `step`
/// minutes later; the new bookings' ids, in that order.
fn request_booths(
    at: &mut impl FnMut(DateTime<Utc>, &Actor, Vec<Intent>),
    new_id: &mut impl FnMut() -> Uuid,
    fair_id: FairId,
    requests: Vec<(&(EnterpriseId, Actor), BoothTarget)>,
    (from, step): (DateTime<Utc>, i64),
) -> Vec<BookingId> {
    let mut ids = Vec::new();
    for (j, ((enterprise_id, actor), target)) in requests.into_iter().enumerate() {
        let booking_id = BookingId(new_id());
        let request = BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: *enterprise_id, target };
        at(from + Duration::minutes(j as i64 * step), actor, vec![request.into()]);
        ids.push(booking_id);
    }
    ids
}
