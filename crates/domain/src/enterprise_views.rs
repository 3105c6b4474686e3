//! Read models for enterprises and for the organizer's view of them: an enterprise's bookings,
//! posts and waitlist places, jobs offered per fair, a fair's waitlist in order with the reason
//! for each promotion, bookable fairs and free booths by zone.
//!
//! Every function reads [`State`] through its indexes (`enterprise_bookings`, `enterprise_posts`,
//! `fair_posts`, `waitlist_order`, ...); none replays the log.
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::booking::{booth_state, rules_of, Booking, BoothState, WaitlistEntry, WaitlistStatus};
use crate::fair::{BoothKind, Fair, FairMode, FairStatus};
use crate::floor_plan::{Booth, Zone};
use crate::ids::{BoothId, EnterpriseId, FairId, ZoneId};
use crate::industry::Industry;
use crate::place::District;
use crate::post::{jobs_offered, Post, PostStatus};
use crate::state::State;
use crate::time::to_local;

// ---------------------------------------------------------------------------------------------
// One enterprise

/// The enterprise's bookings, newest first (active and past).
pub fn enterprise_bookings(state: &State, enterprise: EnterpriseId) -> Vec<&Booking> {
    let mut v: Vec<&Booking> = state
        .enterprise_bookings
        .get(&enterprise)
        .map(|ids| ids.iter().filter_map(|id| state.bookings.get(id)).collect())
        .unwrap_or_default();
    v.sort_by_key(|b| std::cmp::Reverse(b.created_seq));
    v
}

/// The enterprise's active bookings (requested, offered, booked) at one fair.
pub fn active_bookings_at(state: &State, enterprise: EnterpriseId, fair: FairId) -> Vec<&Booking> {
    let mut v: Vec<&Booking> = enterprise_bookings(state, enterprise)
        .into_iter()
        .filter(|b| b.fair_id == fair && b.status.is_active())
        .collect();
    v.reverse();
    v
}

/// The enterprise's posts: open ones first, then filled and withdrawn; newest first within each.
pub fn enterprise_posts(state: &State, enterprise: EnterpriseId) -> Vec<&Post> {
    let mut v: Vec<&Post> = state
        .enterprise_posts
        .get(&enterprise)
        .map(|ids| ids.iter().filter_map(|id| state.posts.get(id)).collect())
        .unwrap_or_default();
    v.sort_by_key(|p| (p.status != PostStatus::Open, std::cmp::Reverse(p.opened_at), p.id));
    v
}

/// Jobs offered (提供岗位数) by the enterprise: Σ headcount of its open posts.
pub fn jobs_offered_by(state: &State, enterprise: EnterpriseId) -> u64 {
    let ids = state.enterprise_posts.get(&enterprise);
    jobs_offered(ids.into_iter().flat_map(|ids| ids.iter().filter_map(|id| state.posts.get(id))), |_| true)
}

/// Posts offered at a fair (any status), optionally only one enterprise's.
pub fn posts_at_fair(state: &State, fair: FairId, enterprise: Option<EnterpriseId>) -> Vec<&Post> {
    let mut v: Vec<&Post> = state
        .fair_posts
        .get(&fair)
        .map(|ids| {
            ids.iter()
                .filter_map(|id| state.posts.get(id))
                .filter(|p| enterprise.is_none_or(|e| p.enterprise_id == e))
                .collect()
        })
        .unwrap_or_default();
    v.sort_by_key(|p| (p.enterprise_id, p.opened_at, p.id));
    v
}

/// Jobs offered at a fair: Σ headcount of the open posts offered there (never a count of rows).
pub fn jobs_offered_at_fair(state: &State, fair: FairId) -> u64 {
    let ids = state.fair_posts.get(&fair);
    jobs_offered(ids.into_iter().flat_map(|ids| ids.iter().filter_map(|id| state.posts.get(id))), |_| true)
}

/// A place on a waitlist, with its position among those still waiting (1 = next).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistLine<'a> {
    pub entry: &'a WaitlistEntry,
    pub position: Option<usize>,
}

/// A fair's waitlist in joining order: who waits, in which position, who was offered a booth,
/// when and why (the entry's `promotion`).
pub fn fair_waitlist(state: &State, fair: FairId) -> Vec<WaitlistLine<'_>> {
    let mut waiting = 0;
    state
        .waitlist_order
        .get(&fair)
        .map(|order| {
            order
                .iter()
                .filter_map(|w| state.waitlist.get(w))
                .map(|entry| {
                    let position = (entry.status == WaitlistStatus::Waiting).then(|| {
                        waiting += 1;
                        waiting
                    });
                    WaitlistLine { entry, position }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The enterprise's places on waitlists (every fair), with positions.
pub fn enterprise_waitlist(state: &State, enterprise: EnterpriseId) -> Vec<WaitlistLine<'_>> {
    let mut fairs: Vec<FairId> =
        state.waitlist.values().filter(|e| e.enterprise_id == enterprise).map(|e| e.fair_id).collect();
    fairs.sort();
    fairs.dedup();
    fairs
        .into_iter()
        .flat_map(|f| fair_waitlist(state, f).into_iter().filter(|l| l.entry.enterprise_id == enterprise))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Browsing fairs and booths

/// What an enterprise filters the published fairs by. `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FairFilter {
    pub industry: Option<Industry>,
    pub district: Option<District>,
    pub mode: Option<FairMode>,
    /// Shanghai dates, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl FairFilter {
    pub fn matches(&self, fair: &Fair) -> bool {
        let d = &fair.details;
        let date = d.schedule.map(|s| to_local(s.start).date());
        self.industry.is_none_or(|i| d.industry == i)
            && self.mode.is_none_or(|m| d.mode == m)
            && self.district.is_none_or(|w| d.venue.as_ref().and_then(|v| v.district()) == Some(w))
            && self.from.is_none_or(|f| date.is_some_and(|x| x >= f))
            && self.to.is_none_or(|t| date.is_some_and(|x| x <= t))
    }
}

/// Published fairs that pass the filter, soonest first.
pub fn bookable_fairs<'a>(state: &'a State, filter: &FairFilter) -> Vec<&'a Fair> {
    let mut v: Vec<&Fair> =
        state.fairs.values().filter(|f| f.status == FairStatus::Published && filter.matches(f)).collect();
    v.sort_by_key(|f| (f.details.schedule.map(|s| s.start), f.id));
    v
}

/// When requests by enterprises close for this fair (start − cut-off hours), if it is scheduled.
pub fn requests_close_at(state: &State, fair: &Fair) -> Option<DateTime<Utc>> {
    let hours = rules_of(state, fair.id).cutoff_hours as i64;
    fair.details.schedule.map(|s| crate::time::shifted(s.start, -Duration::hours(hours)))
}

/// Are booth requests still open at `now`?
pub fn requests_open(state: &State, fair: &Fair, now: DateTime<Utc>) -> bool {
    fair.status == FairStatus::Published && requests_close_at(state, fair).is_none_or(|c| now < c)
}

/// A zone with its booths (by code) and what each one shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneBooths<'a> {
    pub zone: &'a Zone,
    pub booths: Vec<(&'a Booth, BoothState)>,
    pub free: usize,
}

/// Does the fair's mode have booths of this kind? (A fair that became online keeps its floor plan,
/// one that became onsite its count of virtual booths; neither can be booked, so neither shows.)
fn offers(state: &State, fair: FairId, kind: BoothKind) -> bool {
    state.fairs.get(&fair).is_some_and(|f| f.details.mode.has_booths(kind))
}

/// The fair's zones (by name) and their booths, for a booth picker; none at an online fair.
pub fn booths_by_zone(state: &State, fair: FairId) -> Vec<ZoneBooths<'_>> {
    let Some(plan) = state.floor_plans.get(&fair).filter(|_| offers(state, fair, BoothKind::Physical)) else {
        return Vec::new();
    };
    let mut zones: Vec<ZoneBooths<'_>> = plan
        .zones
        .values()
        .map(|zone| {
            let mut booths: Vec<(&Booth, BoothState)> =
                plan.booths_in_zone(zone.id).map(|b| (b, booth_state(state, b).0)).collect();
            booths.sort_by(|a, b| a.0.code.cmp(&b.0.code));
            let free = booths.iter().filter(|(_, s)| *s == BoothState::Free).count();
            ZoneBooths { zone, booths, free }
        })
        .collect();
    zones.sort_by(|a, b| a.zone.name.cmp(&b.zone.name));
    zones
}

/// Virtual booths of an online or hybrid fair: (free, total), if it has any.
pub fn virtual_booths(state: &State, fair: FairId) -> Option<(u32, u32)> {
    if !offers(state, fair, BoothKind::Virtual) {
        return None;
    }
    let cap = state.floor_plans.get(&fair).map(|p| p.virtual_booths).filter(|c| *c > 0)?;
    let taken = state.virtual_taken.get(&fair).copied().unwrap_or(0);
    Some((cap.saturating_sub(taken), cap))
}

/// A booth's code ("A-01"), if the booth exists.
pub fn booth_code(state: &State, booth: BoothId) -> Option<&str> {
    let fair = state.booth_fair.get(&booth)?;
    state.floor_plans.get(fair)?.booths.get(&booth).map(|b| b.code.as_str())
}

/// A zone's name, if the zone exists.
pub fn zone_name(state: &State, fair: FairId, zone: ZoneId) -> Option<&str> {
    state.floor_plans.get(&fair)?.zones.get(&zone).map(|z| z.name.as_str())
}

/// A fair's bookings in the order they were made (for the organizer).
pub fn fair_bookings(state: &State, fair: FairId) -> Vec<&Booking> {
    let mut v: Vec<&Booking> = state
        .fair_bookings
        .get(&fair)
        .map(|ids| ids.iter().filter_map(|id| state.bookings.get(id)).collect())
        .unwrap_or_default();
    v.sort_by_key(|b| b.created_seq);
    v
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::booking::{BookingCommand, BoothTarget, FreedBy};
    use crate::enterprise::{EnterpriseCommand, EnterpriseProfile};
    use crate::fair::FairCommand;
    use crate::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
    use crate::ids::{BookingId, PostId, WaitlistId};
    use crate::post::{Education, Experience, PostCategory, PostCommand, PostDetails};
    use crate::testing::{counter_ids, organizer, sample_profile, t, xuhui_fair};
    use crate::{Actor, Command, Engine, Intent, Role};

    fn fair() -> FairId {
        FairId::from_u128(1)
    }
    fn ent(n: u128) -> EnterpriseId {
        EnterpriseId::from_u128(200 + n)
    }
    fn zone(n: u128) -> ZoneId {
        ZoneId::from_u128(10 + n)
    }
    fn booth(n: u128) -> BoothId {
        BoothId::from_u128(100 + n)
    }

    fn as_ent(n: u128) -> Actor {
        Actor { role: Role::Enterprise, name: format!("企业{n}"), subject: Some(ent(n).0), account: None }
    }

    fn run(engine: &mut Engine, actor: Actor, at: &str, intent: impl Into<Intent>) {
        engine
            .execute(Command { actor, now: t(at), intent: intent.into() }, counter_ids(engine.log().len() as u128 * 10))
            .expect("accepted");
    }

    fn post(title: &str, headcount: u32, fairs: &[FairId]) -> PostDetails {
        PostDetails {
            title: title.into(),
            category: PostCategory::Production,
            headcount,
            salary_min: 6000,
            salary_max: 9000,
            education: Education::HighSchool,
            experience: Experience::None,
            district: District::Xuhui,
            fairs: fairs.iter().copied().collect::<BTreeSet<_>>(),
        }
    }

    /// A published fair with zone A and zone B (B-01, B-02), three enterprises.
    fn engine() -> Engine {
        let mut e = Engine::new();
        let o = organizer();
        let at = "2026-03-01T09:00";
        run(
            &mut e,
            o.clone(),
            at,
            FairCommand::CreateFair { fair_id: fair(), details: xuhui_fair("徐汇区春季招聘会") },
        );
        run(&mut e, o.clone(), at, FairCommand::PublishFair { fair_id: fair() });
        run(&mut e, o.clone(), at, FloorPlanCommand::SizeHall { fair_id: fair(), width: 20, depth: 10 });
        for (z, name) in [(0, "A区"), (1, "B区")] {
            run(
                &mut e,
                o.clone(),
                at,
                FloorPlanCommand::AddZone { fair_id: fair(), zone_id: zone(z), name: name.into() },
            );
        }
        for (n, z, code) in [(1, 0, "A-01"), (2, 1, "B-02"), (3, 1, "B-01")] {
            let booth = NewBooth {
                booth_id: booth(n),
                zone_id: zone(z),
                code: code.into(),
                rect: Rect { x: n as u16 * 4, y: 0, w: 3, h: 3 },
                amenities: Amenities::default(),
            };
            run(&mut e, o.clone(), at, FloorPlanCommand::AddBooth { fair_id: fair(), booth });
        }
        for n in 1..=3 {
            let profile = EnterpriseProfile {
                name: format!("企业{n}"),
                credit_code: crate::credit_code::complete(&format!("91310000MA1FL{n:04}")),
                ..sample_profile()
            };
            run(&mut e, as_ent(n), at, EnterpriseCommand::RegisterEnterprise { enterprise_id: ent(n), profile });
        }
        e
    }

    #[test]
    fn jobs_offered_is_the_sum_of_open_headcounts_per_fair_and_per_enterprise() {
        let mut e = engine();
        let at = "2026-03-01T10:00";
        let open = |e: &mut Engine, n: u128, who: u128, d: PostDetails| {
            run(
                e,
                as_ent(who),
                at,
                PostCommand::OpenPost { post_id: PostId::from_u128(n), enterprise_id: ent(who), details: d },
            )
        };
        open(&mut e, 1, 1, post("数控车床操作工", 12, &[fair()]));
        open(&mut e, 2, 1, post("质检员", 3, &[]));
        open(&mut e, 3, 2, post("仓库管理员", 5, &[fair()]));
        let s = e.state();
        assert_eq!(jobs_offered_at_fair(s, fair()), 17);
        assert_eq!(jobs_offered_by(s, ent(1)), 15);
        assert_eq!(posts_at_fair(s, fair(), Some(ent(1))).len(), 1);

        // Filled posts no longer count; a post moved off the fair leaves its figure.
        run(&mut e, as_ent(1), at, PostCommand::FillPost { post_id: PostId::from_u128(1) });
        run(
            &mut e,
            as_ent(2),
            at,
            PostCommand::EditPost { post_id: PostId::from_u128(3), details: post("仓库管理员", 5, &[]) },
        );
        run(
            &mut e,
            as_ent(1),
            at,
            PostCommand::EditPost { post_id: PostId::from_u128(2), details: post("质检员", 4, &[fair()]) },
        );
        let s = e.state();
        assert_eq!(jobs_offered_at_fair(s, fair()), 4);
        assert_eq!(jobs_offered_by(s, ent(1)), 4);
        assert_eq!(jobs_offered_by(s, ent(2)), 5);
        let mine: Vec<_> = enterprise_posts(s, ent(1)).iter().map(|p| p.details.title.as_str()).collect();
        assert_eq!(mine, ["质检员", "数控车床操作工"], "open posts first");
    }

    #[test]
    fn an_enterprise_sees_only_its_own_bookings() {
        let mut e = engine();
        let req = |n: u128, who: u128, b: u128| BookingCommand::RequestBooth {
            booking_id: BookingId::from_u128(n),
            fair_id: fair(),
            enterprise_id: ent(who),
            target: BoothTarget::Booth { booth_id: booth(b) },
        };
        run(&mut e, as_ent(1), "2026-03-01T10:00", req(1, 1, 1));
        run(&mut e, as_ent(2), "2026-03-01T10:05", req(2, 2, 2));
        let s = e.state();
        let mine: Vec<_> = enterprise_bookings(s, ent(1)).iter().map(|b| b.id).collect();
        assert_eq!(mine, [BookingId::from_u128(1)]);
        assert_eq!(active_bookings_at(s, ent(2), fair()).len(), 1);
        assert!(enterprise_bookings(s, ent(3)).is_empty());
        assert_eq!(fair_bookings(s, fair()).len(), 2);
    }

    #[test]
    fn booths_are_listed_by_zone_and_code_with_their_state() {
        let mut e = engine();
        run(
            &mut e,
            as_ent(1),
            "2026-03-01T10:00",
            BookingCommand::RequestBooth {
                booking_id: BookingId::from_u128(1),
                fair_id: fair(),
                enterprise_id: ent(1),
                target: BoothTarget::Booth { booth_id: booth(3) },
            },
        );
        let zones = booths_by_zone(e.state(), fair());
        type Line<'a> = (String, Vec<(&'a str, BoothState)>, usize);
        let view: Vec<Line<'_>> = zones
            .iter()
            .map(|z| (z.zone.name.clone(), z.booths.iter().map(|(b, s)| (b.code.as_str(), *s)).collect(), z.free))
            .collect();
        assert_eq!(
            view,
            [
                ("A区".to_string(), vec![("A-01", BoothState::Free)], 1),
                ("B区".to_string(), vec![("B-01", BoothState::Requested), ("B-02", BoothState::Free)], 1),
            ]
        );
        assert_eq!(booth_code(e.state(), booth(2)), Some("B-02"));
        assert_eq!(zone_name(e.state(), fair(), zone(1)), Some("B区"));
        assert_eq!(virtual_booths(e.state(), fair()), None);
    }

    #[test]
    fn the_booth_picker_offers_only_the_booth_kinds_of_the_fair_s_mode() {
        let mut e = engine();
        let at = "2026-03-01T10:00";
        let to = |e: &Engine, mode: FairMode| {
            let f = &e.state().fairs[&fair()];
            let venue = mode.is_physical().then(crate::testing::hall);
            let details = crate::fair::FairDetails { mode, venue, ..(*f.details).clone() };
            FairCommand::EditFair { fair_id: fair(), expected_version: f.version, details }
        };
        let hybrid = to(&e, FairMode::Hybrid);
        run(&mut e, organizer(), at, hybrid);
        run(&mut e, organizer(), at, FloorPlanCommand::SetVirtualBooths { fair_id: fair(), count: 5 });
        assert_eq!(booths_by_zone(e.state(), fair()).len(), 2);
        assert_eq!(virtual_booths(e.state(), fair()), Some((5, 5)));

        let online = to(&e, FairMode::Online);
        run(&mut e, organizer(), at, online);
        assert!(booths_by_zone(e.state(), fair()).is_empty(), "the floor plan stays, hidden");
        assert_eq!(virtual_booths(e.state(), fair()), Some((5, 5)));

        let onsite = to(&e, FairMode::Onsite);
        run(&mut e, organizer(), at, onsite);
        assert_eq!(booths_by_zone(e.state(), fair()).len(), 2);
        assert_eq!(virtual_booths(e.state(), fair()), None, "the count stays, hidden");
    }

    #[test]
    fn the_waitlist_shows_positions_and_why_each_promotion_happened() {
        let mut e = engine();
        let at = "2026-03-01T10:00";
        // Zone B is full (B-01 and B-02 requested by 1 and 2); 3 waits for zone B.
        for (n, b) in [(1, 3), (2, 2)] {
            run(
                &mut e,
                as_ent(n),
                at,
                BookingCommand::RequestBooth {
                    booking_id: BookingId::from_u128(n),
                    fair_id: fair(),
                    enterprise_id: ent(n),
                    target: BoothTarget::Booth { booth_id: booth(b) },
                },
            );
        }
        run(
            &mut e,
            as_ent(3),
            at,
            BookingCommand::JoinWaitlist {
                waitlist_id: WaitlistId::from_u128(9),
                fair_id: fair(),
                enterprise_id: ent(3),
                zone_id: Some(zone(1)),
            },
        );
        let lines = fair_waitlist(e.state(), fair());
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].position, Some(1));
        assert!(lines[0].entry.promotion.is_none());

        run(
            &mut e,
            as_ent(2),
            "2026-03-01T11:00",
            BookingCommand::CancelBooking { booking_id: BookingId::from_u128(2) },
        );
        let lines = fair_waitlist(e.state(), fair());
        assert_eq!(lines[0].position, None, "an offered entry no longer waits");
        let p = lines[0].entry.promotion.as_ref().expect("promoted");
        assert_eq!(p.freed_by, FreedBy::Cancelled);
        assert_eq!(p.freed_from, BookingId::from_u128(2));
        assert_eq!(p.booth_id, Some(booth(2)));
        assert_eq!(p.offered_at, t("2026-03-01T11:00"));
        assert_eq!(p.until, t("2026-03-03T11:00"));
        assert_eq!(enterprise_waitlist(e.state(), ent(3)).len(), 1);
        assert!(p.skipped.is_empty(), "nobody was ahead of the only entry");
    }

    #[test]
    fn fairs_are_filtered_by_industry_district_mode_and_date() {
        let e = engine();
        let s = e.state();
        let all = FairFilter::default();
        assert_eq!(bookable_fairs(s, &all).len(), 1);
        let xuhui = FairFilter { district: Some(District::Xuhui), ..all.clone() };
        assert_eq!(bookable_fairs(s, &xuhui).len(), 1);
        let pudong = FairFilter { district: Some(District::Pudong), ..all.clone() };
        assert!(bookable_fairs(s, &pudong).is_empty());
        let online = FairFilter { mode: Some(FairMode::Online), ..all.clone() };
        assert!(bookable_fairs(s, &online).is_empty());
        let finance = FairFilter { industry: Some(Industry::Finance), ..all.clone() };
        assert!(bookable_fairs(s, &finance).is_empty());
        // The fair is on 2026-03-14 (Shanghai).
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            bookable_fairs(s, &FairFilter { from: d("2026-03-14"), to: d("2026-03-14"), ..all.clone() }).len(),
            1
        );
        assert!(bookable_fairs(s, &FairFilter { from: d("2026-03-15"), ..all.clone() }).is_empty());
        assert!(bookable_fairs(s, &FairFilter { to: d("2026-03-13"), ..all }).is_empty());
    }

    #[test]
    fn requests_close_at_the_cutoff() {
        let e = engine();
        let f = &e.state().fairs[&fair()];
        // 2026-03-14 09:00 start, 24 h cut-off by default.
        assert_eq!(requests_close_at(e.state(), f), Some(t("2026-03-13T09:00")));
        assert!(requests_open(e.state(), f, t("2026-03-13T08:59")));
        assert!(!requests_open(e.state(), f, t("2026-03-13T09:00")));
    }
}
