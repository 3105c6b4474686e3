//! Demo enterprises, their posts and booth bookings, added to the first-run demo season.
//!
//! Built as real commands, each by the actor who would send it (an enterprise acts for itself,
//! with `subject` = its id; the organizer lays out halls and approves). The commands before ours
//! are replayed on a scratch engine so that fairs are found by name and a floor plan is created
//! only when the fair has none; every command is tried there first and kept only if the domain
//! accepts it, so this demo stays valid whatever other demo files add.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::booking::{BookingCommand, BoothTarget};
use crate::command::{Command, Intent};
use crate::credit_code;
use crate::demo::demo_actor;
use crate::engine::Engine;
use crate::enterprise::{CompanySize, EnterpriseCommand, EnterpriseProfile, KeyCategory};
use crate::envelope::{Actor, Role};
use crate::fair::Fair;
use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, PostId, ZoneId};
use crate::industry::Industry;
use crate::place::District;
use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};

/// The onsite fair whose booths the demo enterprises book.
pub const BOOTH_FAIR: &str = "宝山区先进制造业专场招聘会";
const HYBRID_FAIR: &str = "千企万岗·长宁“人社服务进楼宇”专场";
const ONLINE_FAIR: &str = "千企万岗·物流快递线上招聘会";

struct Demo {
    scratch: Engine,
    out: Vec<Command>,
    now: DateTime<Utc>,
}

impl Demo {
    /// Keep the command if the domain accepts it after everything before it.
    fn try_run(&mut self, actor: &Actor, intent: impl Into<Intent>) -> bool {
        let cmd = Command { actor: actor.clone(), now: self.now, intent: intent.into() };
        let (base, mut n) = (0xDE30_0000 + self.scratch.log().len() as u128 * 64, 0u128);
        let ids = || {
            n += 1;
            Uuid::from_u128(base + n)
        };
        let ok = self.scratch.execute(cmd.clone(), ids).is_ok();
        if ok {
            self.out.push(cmd);
        }
        ok
    }

    fn fair(&self, name: &str) -> Option<&Fair> {
        self.scratch.state().fairs.values().find(|f| f.details.name == name)
    }
}

struct E {
    name: &'static str,
    code17: &'static str,
    industry: Industry,
    district: District,
    size: CompanySize,
    contact: &'static str,
    phone: &'static str,
    description: &'static str,
}

const ENTERPRISES: [E; 5] = [
    E {
        name: "上海申江智能装备有限公司",
        code17: "91310113MA1GK3R2X",
        industry: Industry::Manufacturing,
        district: District::Baoshan,
        size: CompanySize::Medium,
        contact: "陈红",
        phone: "138 1762 0451",
        description: "工业机器人与智能产线集成。",
    },
    E {
        name: "上海浦江生物医药有限公司",
        code17: "91310115MA1HB7W4P",
        industry: Industry::Biomedicine,
        district: District::Pudong,
        size: CompanySize::Large,
        contact: "刘洋",
        phone: "021-5080 3366",
        description: "创新药研发与生产。",
    },
    E {
        name: "上海沪通快递物流有限公司",
        code17: "91310118MA1JL2N6C",
        industry: Industry::Logistics,
        district: District::Qingpu,
        size: CompanySize::Large,
        contact: "周敏",
        phone: "139 1608 7723",
        description: "城市快递与仓储配送。",
    },
    E {
        name: "上海虹桥数智科技有限公司",
        code17: "91310105MA1FW8D1T",
        industry: Industry::Digital,
        district: District::Changning,
        size: CompanySize::Small,
        contact: "王磊",
        phone: "186 2133 9088",
        description: "企业数字化与数据服务。",
    },
    E {
        name: "上海宝联精密制造有限公司",
        code17: "91310113MA1GN5Q0A",
        industry: Industry::Manufacturing,
        district: District::Baoshan,
        size: CompanySize::Medium,
        contact: "赵静",
        phone: "137 6451 2208",
        description: "汽车零部件精密加工。",
    },
];

fn enterprise_actor(id: EnterpriseId, contact: &str) -> Actor {
    Actor { role: Role::Enterprise, name: contact.to_owned(), subject: Some(id.0) }
}

#[allow(clippy::too_many_arguments)]
fn post(
    title: &str,
    category: PostCategory,
    headcount: u32,
    salary: (u32, u32),
    education: Education,
    experience: Experience,
    district: District,
    fairs: &[FairId],
) -> PostDetails {
    PostDetails {
        title: title.into(),
        category,
        headcount,
        salary_min: salary.0,
        salary_max: salary.1,
        education,
        experience,
        district,
        fairs: fairs.iter().copied().collect::<BTreeSet<_>>(),
    }
}

/// Commands for the demo enterprises, to run after `before` (the rest of the demo).
pub fn demo_enterprise_commands(
    before: &[Command],
    now: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> Uuid,
) -> Vec<Command> {
    let mut scratch = Engine::new();
    let mut n = 0u128;
    for c in before {
        let _ = scratch.execute(c.clone(), || {
            n += 1;
            Uuid::from_u128(0xDE20_0000 + n)
        });
    }
    let mut d = Demo { scratch, out: Vec::new(), now };
    let organizer = demo_actor();

    let ids: Vec<EnterpriseId> = ENTERPRISES.iter().map(|_| EnterpriseId(new_id())).collect();
    let actors: Vec<Actor> = ENTERPRISES.iter().zip(&ids).map(|(e, id)| enterprise_actor(*id, e.contact)).collect();
    for ((e, id), actor) in ENTERPRISES.iter().zip(&ids).zip(&actors) {
        let profile = EnterpriseProfile {
            name: e.name.into(),
            credit_code: credit_code::complete(e.code17),
            industry: e.industry,
            district: e.district,
            size: e.size,
            contact_name: e.contact.into(),
            contact_phone: e.phone.into(),
            description: e.description.into(),
        };
        d.try_run(actor, EnterpriseCommand::RegisterEnterprise { enterprise_id: *id, profile });
    }
    d.try_run(
        &organizer,
        EnterpriseCommand::MarkKeyEnterprise { enterprise_id: ids[1], category: KeyCategory::KeyIndustry },
    );

    // A small hall for the booth fair, only if nobody laid one out.
    let booth_fair = d.fair(BOOTH_FAIR).map(|f| f.id);
    let mut zones: Vec<ZoneId> = Vec::new();
    let mut booths: Vec<BoothId> = Vec::new();
    if let Some(fair_id) = booth_fair {
        let has_plan = d.scratch.state().floor_plans.get(&fair_id).is_some_and(|p| !p.booths.is_empty());
        if has_plan {
            let plan = &d.scratch.state().floor_plans[&fair_id];
            zones = plan.zones.keys().copied().collect();
        } else {
            d.try_run(&organizer, FloorPlanCommand::SizeHall { fair_id, width: 32, depth: 14 });
            for name in ["A区（智能制造）", "B区（装备制造）"] {
                let zone_id = ZoneId(new_id());
                if d.try_run(&organizer, FloorPlanCommand::AddZone { fair_id, zone_id, name: name.into() }) {
                    zones.push(zone_id);
                }
            }
            let mut new = Vec::new();
            let layout: [(usize, &str, u16, u16); 8] = [
                (0, "A-01", 1, 1),
                (0, "A-02", 5, 1),
                (0, "A-03", 9, 1),
                (0, "A-04", 13, 1),
                (0, "A-05", 1, 6),
                (0, "A-06", 5, 6),
                (1, "B-01", 20, 1),
                (1, "B-02", 24, 1),
            ];
            for (z, code, x, y) in layout {
                let Some(zone_id) = zones.get(z).copied() else { continue };
                let booth_id = BoothId(new_id());
                booths.push(booth_id);
                new.push(NewBooth {
                    booth_id,
                    zone_id,
                    code: code.into(),
                    rect: Rect { x, y, w: 3, h: 3 },
                    amenities: Amenities { power: true, table: true, screen: z == 1 },
                });
            }
            if !d.try_run(&organizer, FloorPlanCommand::AddBooths { fair_id, booths: new }) {
                booths.clear();
            }
        }
    }

    // Virtual booths for the online fair, only if it has none.
    let online = d.fair(ONLINE_FAIR).map(|f| f.id);
    if let Some(fair_id) = online {
        if d.scratch.state().floor_plans.get(&fair_id).is_none_or(|p| p.virtual_booths == 0) {
            d.try_run(&organizer, FloorPlanCommand::SetVirtualBooths { fair_id, count: 30 });
        }
    }

    // Posts, offered at the fairs they suit.
    let hybrid = d.fair(HYBRID_FAIR).map(|f| f.id);
    let at = |f: Option<FairId>| f.into_iter().collect::<Vec<_>>();
    use Education as Ed;
    use Experience as Ex;
    use PostCategory as C;
    let posts: Vec<(usize, PostDetails)> = vec![
        (
            0,
            post(
                "工业机器人运维工程师",
                C::Technical,
                6,
                (9000, 14000),
                Ed::College,
                Ex::ThreeYears,
                District::Baoshan,
                &at(booth_fair),
            ),
        ),
        (
            0,
            post(
                "数控车床操作工",
                C::Production,
                12,
                (7000, 9500),
                Ed::HighSchool,
                Ex::OneYear,
                District::Baoshan,
                &at(booth_fair),
            ),
        ),
        (1, post("制剂工艺技术员", C::Technical, 8, (8000, 12000), Ed::Bachelor, Ex::OneYear, District::Pudong, &[])),
        (1, post("GMP 质量检验员", C::Healthcare, 5, (7500, 10000), Ed::College, Ex::None, District::Pudong, &[])),
        (2, post("快递分拣员", C::Logistics, 40, (6500, 8500), Ed::Any, Ex::None, District::Qingpu, &at(online))),
        (
            2,
            post(
                "城市配送司机",
                C::Logistics,
                15,
                (8000, 11000),
                Ed::JuniorHigh,
                Ex::OneYear,
                District::Qingpu,
                &at(online),
            ),
        ),
        (
            3,
            post(
                "数据分析师",
                C::Technical,
                3,
                (12000, 20000),
                Ed::Bachelor,
                Ex::ThreeYears,
                District::Changning,
                &at(hybrid),
            ),
        ),
        (
            3,
            post(
                "客户成功专员",
                C::Sales,
                4,
                (8000, 12000),
                Ed::College,
                Ex::OneYear,
                District::Changning,
                &at(hybrid),
            ),
        ),
        (
            4,
            post(
                "精密磨床技工",
                C::Production,
                10,
                (7500, 10500),
                Ed::HighSchool,
                Ex::ThreeYears,
                District::Baoshan,
                &at(booth_fair),
            ),
        ),
    ];
    for (who, details) in posts {
        let post_id = PostId(new_id());
        d.try_run(&actors[who], PostCommand::OpenPost { post_id, enterprise_id: ids[who], details });
    }

    // Booth requests at the booth fair: one approved in each zone, one waiting for approval.
    if let Some(fair_id) = booth_fair {
        let target = |i: usize, zone: usize| match booths.get(i) {
            Some(b) => Some(BoothTarget::Booth { booth_id: *b }),
            None => zones.get(zone).map(|z| BoothTarget::AnyInZone { zone_id: *z }),
        };
        let requests = [(0, target(0, 0), true), (4, target(6, 1), true), (1, target(1, 0), false)];
        for (who, target, approve) in requests {
            let Some(target) = target else { continue };
            let booking_id = BookingId(new_id());
            let asked = d.try_run(
                &actors[who],
                BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: ids[who], target },
            );
            if asked && approve {
                d.try_run(&organizer, BookingCommand::ApproveBooking { booking_id });
            }
        }
    }
    // A virtual booth at the online fair.
    if let Some(fair_id) = online {
        let booking_id = BookingId(new_id());
        if d.try_run(
            &actors[2],
            BookingCommand::RequestBooth { booking_id, fair_id, enterprise_id: ids[2], target: BoothTarget::Virtual },
        ) {
            d.try_run(&organizer, BookingCommand::ApproveBooking { booking_id });
        }
    }
    d.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::booking::BookingStatus;
    use crate::demo::demo_commands;
    use crate::enterprise_views::{booths_by_zone, jobs_offered_at_fair};
    use crate::testing::{counter_ids, t};

    #[test]
    fn the_demo_enterprises_register_post_and_book() {
        let mut engine = Engine::new();
        let mut ids = counter_ids(0);
        for c in demo_commands(t("2026-11-24T10:00"), &mut ids) {
            engine.execute(c, &mut ids).expect("every demo command is valid");
        }
        let s = engine.state();
        assert_eq!(s.enterprises.len(), 5);
        assert_eq!(s.posts.len(), 9);
        let fair = s.fairs.values().find(|f| f.details.name == BOOTH_FAIR).unwrap();
        assert_eq!(jobs_offered_at_fair(s, fair.id), 6 + 12 + 10);
        let booked = s.bookings.values().filter(|b| b.status == BookingStatus::Booked).count();
        let requested = s.bookings.values().filter(|b| matches!(b.status, BookingStatus::Requested { .. })).count();
        assert_eq!((booked, requested), (3, 1));
        // Zone B keeps exactly one free booth (the Playwright flow books it, then waits for it).
        let zones = booths_by_zone(s, fair.id);
        assert_eq!(zones.iter().map(|z| z.free).collect::<Vec<_>>(), [4, 1]);
        // Enterprise commands are recorded with the enterprise as the actor.
        for env in engine.log().entries() {
            if let crate::Event::Post(crate::post::PostEvent::PostOpened { enterprise_id, .. }) = &env.event {
                assert_eq!(env.actor.role, Role::Enterprise);
                assert_eq!(env.actor.subject, Some(enterprise_id.0));
            }
        }
    }
}
