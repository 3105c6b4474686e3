//! Read models for the organizer's screens: the fair list and calendar, a floor plan with each
//! booth's state and enterprise, the approval queue of a fair, the service commissioner's list,
//! and the enterprises a change to a fair affects.
//!
//! Every function here reads [`State`] (and its indexes) as it stands; none replays the log, and
//! none decides anything: rules stay in the concept modules.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};

use crate::booking::{booth_state, Booking, BookingStatus, BoothState};
use crate::enterprise::{Enterprise, KeyCategory};
use crate::fair::{Fair, FairChange, FairMode, FairStatusKind};
use crate::floor_plan::{Amenities, Booth, FloorPlan, Rect, Zone};
use crate::ids::{BookingId, BoothId, EnterpriseId, FairId, SeriesId, ZoneId};
use crate::industry::Industry;
use crate::place::District;
use crate::post::{Post, PostStatus};
use crate::state::State;
use crate::time::to_local;

mod lists;
pub use lists::{enterprise_list, EnterpriseIndex, EnterpriseQuery};

// ---------------------------------------------------------------------------------------------
// Fair list and calendar

/// What the organizer filters the fair list and calendar by. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FairFilter {
    pub series: Option<SeriesId>,
    pub district: Option<District>,
    pub industry: Option<Industry>,
    pub mode: Option<FairMode>,
    pub status: Option<FairStatusKind>,
    /// Part of the name, any case, surrounding spaces ignored.
    pub text: String,
}

impl FairFilter {
    pub fn matches(&self, f: &Fair) -> bool {
        let d = &f.details;
        let text = self.text.trim().to_lowercase();
        self.series.is_none_or(|s| d.series == Some(s))
            && self.district.is_none_or(|x| d.venue.as_ref().and_then(|v| v.district()) == Some(x))
            && self.industry.is_none_or(|i| d.industry == i)
            && self.mode.is_none_or(|m| d.mode == m)
            && self.status.is_none_or(|s| f.status.kind() == s)
            && (text.is_empty() || d.name.to_lowercase().contains(&text))
    }

    pub fn is_empty(&self) -> bool {
        self.series.is_none()
            && self.district.is_none()
            && self.industry.is_none()
            && self.mode.is_none()
            && self.status.is_none()
            && self.text.trim().is_empty()
    }
}

/// The fairs that pass the filter, soonest first; unscheduled ones last, by name.
pub fn fairs<'a>(state: &'a State, filter: &FairFilter) -> Vec<&'a Fair> {
    let mut out: Vec<&Fair> = state.fairs.values().filter(|f| filter.matches(f)).collect();
    out.sort_by(|a, b| {
        let key = |f: &'a Fair| (f.details.schedule.is_none(), f.details.schedule.map(|s| s.start), &f.details.name);
        key(a).cmp(&key(b))
    });
    out
}

/// The fairs that pass the filter on each Shanghai date from `from` to `to` (inclusive), for
/// the month and week calendars. A fair over several days is listed on each of them.
pub fn fairs_by_day<'a>(
    state: &'a State,
    filter: &FairFilter,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<NaiveDate, Vec<&'a Fair>> {
    let mut out: BTreeMap<NaiveDate, Vec<&Fair>> = BTreeMap::new();
    for f in fairs(state, filter) {
        let Some(s) = f.details.schedule else { continue };
        let (first, last) = (to_local(s.start).date(), to_local(s.end).date());
        let mut day = first.max(from);
        while day <= last.min(to) {
            out.entry(day).or_default().push(f);
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Floor plans

/// One booth as the plan shows it: where, what state (by colour and by text), and for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoothView {
    pub id: BoothId,
    pub zone_id: ZoneId,
    pub code: String,
    pub rect: Rect,
    pub amenities: Amenities,
    pub state: BoothState,
    pub booking_id: Option<BookingId>,
    pub enterprise_id: Option<EnterpriseId>,
    pub enterprise: Option<String>,
    pub key: Option<KeyCategory>,
    /// Why the organizer blocked the booth.
    pub blocked: Option<String>,
}

/// A fair's floor plan, ready to draw. An online fair has no layout, only virtual booths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanView {
    pub width: u16,
    pub depth: u16,
    pub zones: Vec<Zone>,
    pub booths: Vec<BoothView>,
    pub virtual_booths: u32,
    pub virtual_taken: u32,
}

/// How many booths are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub free: usize,
    pub held: usize,
    pub requested: usize,
    pub booked: usize,
    pub blocked: usize,
}

impl PlanView {
    pub fn counts(&self) -> PlanCounts {
        let mut c = PlanCounts::default();
        for b in &self.booths {
            match b.state {
                BoothState::Free => c.free += 1,
                BoothState::Held => c.held += 1,
                BoothState::Requested => c.requested += 1,
                BoothState::Booked => c.booked += 1,
                BoothState::Blocked => c.blocked += 1,
            }
        }
        c
    }

    pub fn booth(&self, id: BoothId) -> Option<&BoothView> {
        self.booths.iter().find(|b| b.id == id)
    }

    pub fn zone_name(&self, id: ZoneId) -> Option<&str> {
        self.zones.iter().find(|z| z.id == id).map(|z| z.name.as_str())
    }

    /// The booths sorted by code (for lists and the printed plan).
    pub fn by_code(&self) -> Vec<&BoothView> {
        let mut v: Vec<&BoothView> = self.booths.iter().collect();
        v.sort_by_key(|a| natural_key(&a.code));
        v
    }

    /// The booth whose area covers this point of the grid, if any.
    pub fn booth_at(&self, x: u16, y: u16) -> Option<&BoothView> {
        let p = Rect { x, y, w: 1, h: 1 };
        self.booths.iter().find(|b| b.rect.overlaps(&p))
    }
}

pub fn booth_view(state: &State, booth: &Booth) -> BoothView {
    let (st, booking) = booth_state(state, booth);
    let enterprise = booking.and_then(|b| state.enterprises.get(&b.enterprise_id));
    BoothView {
        id: booth.id,
        zone_id: booth.zone_id,
        code: booth.code.clone(),
        rect: booth.rect,
        amenities: booth.amenities,
        state: st,
        booking_id: booking.map(|b| b.id),
        enterprise_id: booking.map(|b| b.enterprise_id),
        enterprise: enterprise.map(|e| e.profile.name.clone()),
        key: enterprise.and_then(|e| e.key),
        blocked: booth.blocked.clone(),
    }
}

/// The floor plan of a fair (an empty one if nothing was drawn yet).
pub fn floor_plan(state: &State, fair: FairId) -> PlanView {
    let Some(plan) = state.floor_plans.get(&fair) else { return PlanView::default() };
    PlanView {
        width: plan.width,
        depth: plan.depth,
        zones: plan.zones.values().cloned().collect(),
        booths: plan.booths.values().map(|b| booth_view(state, b)).collect(),
        virtual_booths: plan.virtual_booths,
        virtual_taken: state.virtual_taken.get(&fair).copied().unwrap_or(0),
    }
}

/// "A-9" sorts before "A-10".
fn natural_key(code: &str) -> (String, u64, String) {
    let split = code.find(|c: char| c.is_ascii_digit()).unwrap_or(code.len());
    let (head, tail) = code.split_at(split);
    let digits: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = tail[digits.len()..].to_owned();
    (head.to_owned(), digits.parse().unwrap_or(0), rest)
}

/// The next free code with this prefix: `A-` → `A-01`, then `A-02`, … after the highest used.
pub fn next_booth_code(plan: Option<&FloorPlan>, prefix: &str) -> String {
    let prefix = prefix.trim().to_uppercase();
    let highest = plan
        .map(|p| {
            p.booths
                .values()
                .filter_map(|b| b.code.strip_prefix(prefix.as_str()))
                .filter_map(|n| n.parse::<u32>().ok())
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    format!("{prefix}{:02}", highest + 1)
}

/// Booths of the fair that are free (not blocked, not held or booked), by code: where a request
/// can be moved to.
pub fn free_booths(state: &State, fair: FairId) -> Vec<&Booth> {
    let Some(plan) = state.floor_plans.get(&fair) else { return Vec::new() };
    let mut v: Vec<&Booth> =
        plan.booths.values().filter(|b| b.blocked.is_none() && !state.booth_taken.contains_key(&b.id)).collect();
    v.sort_by_key(|a| natural_key(&a.code));
    v
}

// ---------------------------------------------------------------------------------------------
// Booking approvals

/// One booking as the organizer's queue and history show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub booking_id: BookingId,
    pub fair_id: FairId,
    pub enterprise_id: EnterpriseId,
    pub enterprise: String,
    pub key: Option<KeyCategory>,
    pub commissioner: Option<String>,
    pub booth_id: Option<BoothId>,
    pub booth_code: Option<String>,
    pub zone: Option<String>,
    pub status: BookingStatus,
    pub requested_at: DateTime<Utc>,
    /// The request's hold has run out (the next booking command will record the expiry).
    pub hold_passed: bool,
    pub via_waitlist: bool,
    pub seq: u64,
}

fn request_row(state: &State, b: &Booking, now: DateTime<Utc>) -> RequestRow {
    let ent = state.enterprises.get(&b.enterprise_id);
    let plan = state.floor_plans.get(&b.fair_id);
    let booth = b.booth_id.and_then(|id| plan.and_then(|p| p.booths.get(&id)));
    let zone = booth.map(|bo| bo.zone_id).or(b.zone_id).and_then(|z| plan.and_then(|p| p.zones.get(&z)));
    RequestRow {
        booking_id: b.id,
        fair_id: b.fair_id,
        enterprise_id: b.enterprise_id,
        enterprise: ent.map(|e| e.profile.name.clone()).unwrap_or_else(|| b.enterprise_id.to_string()),
        key: ent.and_then(|e| e.key),
        commissioner: ent.and_then(|e| e.commissioner.clone()),
        booth_id: b.booth_id,
        booth_code: booth.map(|bo| bo.code.clone()),
        zone: zone.map(|z| z.name.clone()),
        status: b.status.clone(),
        requested_at: b.requested_at,
        hold_passed: b.status.deadline().is_some_and(|d| d <= now),
        via_waitlist: b.via_waitlist.is_some(),
        seq: b.created_seq,
    }
}

fn bookings_of_fair(state: &State, fair: FairId) -> impl Iterator<Item = &Booking> {
    state.fair_bookings.get(&fair).into_iter().flat_map(|ids| ids.iter()).filter_map(|id| state.bookings.get(id))
}

/// Requests of a fair waiting for the organizer's decision, oldest first.
pub fn approval_queue(state: &State, fair: FairId, now: DateTime<Utc>) -> Vec<RequestRow> {
    let mut v: Vec<RequestRow> = bookings_of_fair(state, fair)
        .filter(|b| matches!(b.status, BookingStatus::Requested { .. }))
        .map(|b| request_row(state, b, now))
        .collect();
    v.sort_by_key(|r| r.seq);
    v
}

/// Every other booking of the fair (booked, offered, rejected, cancelled, …), newest first.
pub fn decided_bookings(state: &State, fair: FairId, now: DateTime<Utc>) -> Vec<RequestRow> {
    let mut v: Vec<RequestRow> = bookings_of_fair(state, fair)
        .filter(|b| !matches!(b.status, BookingStatus::Requested { .. }))
        .map(|b| request_row(state, b, now))
        .collect();
    v.sort_by_key(|r| std::cmp::Reverse(r.seq));
    v
}

// ---------------------------------------------------------------------------------------------
// Key enterprises and service commissioners

/// Commissioners named on enterprises, with how many enterprises each serves.
pub fn commissioners(state: &State) -> Vec<(String, usize)> {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for e in state.enterprises.values() {
        if let Some(c) = &e.commissioner {
            *m.entry(c.as_str()).or_default() += 1;
        }
    }
    m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A booking of an enterprise, with its fair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingLine {
    pub booking_id: BookingId,
    pub fair_id: FairId,
    pub fair_name: String,
    pub fair_start: Option<DateTime<Utc>>,
    pub booth_code: Option<String>,
    pub status: BookingStatus,
}

/// An enterprise's bookings, soonest fair first.
pub fn enterprise_bookings(state: &State, enterprise: EnterpriseId) -> Vec<BookingLine> {
    let mut v: Vec<BookingLine> = state
        .enterprise_bookings
        .get(&enterprise)
        .into_iter()
        .flat_map(|ids| ids.iter())
        .filter_map(|id| state.bookings.get(id))
        .map(|b| {
            let fair = state.fairs.get(&b.fair_id);
            BookingLine {
                booking_id: b.id,
                fair_id: b.fair_id,
                fair_name: fair.map(|f| f.details.name.clone()).unwrap_or_default(),
                fair_start: fair.and_then(|f| f.details.schedule).map(|s| s.start),
                booth_code: b
                    .booth_id
                    .and_then(|id| state.floor_plans.get(&b.fair_id).and_then(|p| p.booths.get(&id)))
                    .map(|bo| bo.code.clone()),
                status: b.status.clone(),
            }
        })
        .collect();
    v.sort_by_key(|a| (a.fair_start.is_none(), a.fair_start));
    v
}

/// One enterprise on a commissioner's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionedEnterprise<'a> {
    pub enterprise: &'a Enterprise,
    pub bookings: Vec<BookingLine>,
    pub open_posts: Vec<&'a Post>,
    /// Sum of the headcounts of the open posts (提供岗位数).
    pub jobs_offered: u64,
}

/// The enterprises a service commissioner serves (by the name the organizer assigned), key
/// enterprises first, then by name; each with its bookings and open posts.
pub fn commissioner_enterprises<'a>(state: &'a State, commissioner: &str) -> Vec<CommissionedEnterprise<'a>> {
    let name = commissioner.trim();
    let mine: Vec<&Enterprise> =
        state.enterprises.values().filter(|e| e.commissioner.as_deref() == Some(name)).collect();
    let ids: BTreeSet<EnterpriseId> = mine.iter().map(|e| e.id).collect();
    let mut posts: BTreeMap<EnterpriseId, Vec<&Post>> = BTreeMap::new();
    if !ids.is_empty() {
        for p in state.posts.values() {
            if p.status == PostStatus::Open && ids.contains(&p.enterprise_id) {
                posts.entry(p.enterprise_id).or_default().push(p);
            }
        }
    }
    let mut out: Vec<CommissionedEnterprise> = mine
        .into_iter()
        .map(|e| {
            let open_posts = posts.remove(&e.id).unwrap_or_default();
            let jobs_offered = open_posts.iter().map(|p| p.details.headcount as u64).sum();
            CommissionedEnterprise {
                enterprise: e,
                bookings: enterprise_bookings(state, e.id),
                open_posts,
                jobs_offered,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.enterprise.key.is_none(), &a.enterprise.profile.name)
            .cmp(&(b.enterprise.key.is_none(), &b.enterprise.profile.name))
    });
    out
}

// ---------------------------------------------------------------------------------------------
// Changes to fairs that booked enterprises must see

/// An enterprise with an active booking (requested, offered or booked) at a fair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedEnterprise {
    pub enterprise_id: EnterpriseId,
    pub name: String,
    pub booking_id: BookingId,
    pub booth_code: Option<String>,
    pub status: BookingStatus,
}

/// Who a change of dates or venue, or a cancellation, of this fair would reach.
pub fn affected_by_fair_change(state: &State, fair: FairId) -> Vec<AffectedEnterprise> {
    let mut v: Vec<AffectedEnterprise> = bookings_of_fair(state, fair)
        .filter(|b| b.status.is_active())
        .map(|b| AffectedEnterprise {
            enterprise_id: b.enterprise_id,
            name: state.enterprises.get(&b.enterprise_id).map(|e| e.profile.name.clone()).unwrap_or_default(),
            booking_id: b.id,
            booth_code: b
                .booth_id
                .and_then(|id| state.floor_plans.get(&fair).and_then(|p| p.booths.get(&id)))
                .map(|bo| bo.code.clone()),
            status: b.status.clone(),
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// A change to a fair where the enterprise holds a booking made before the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FairNotice<'a> {
    pub fair: &'a Fair,
    pub change: &'a FairChange,
}

/// What changed, since they booked, at the fairs where this enterprise holds an active booking;
/// newest first.
pub fn fair_notices_for(state: &State, enterprise: EnterpriseId) -> Vec<FairNotice<'_>> {
    // The earliest active booking per fair: changes after it concern the enterprise.
    let mut since: BTreeMap<FairId, u64> = BTreeMap::new();
    for id in state.enterprise_bookings.get(&enterprise).into_iter().flat_map(|ids| ids.iter()) {
        if let Some(b) = state.bookings.get(id).filter(|b| b.status.is_active()) {
            let s = since.entry(b.fair_id).or_insert(b.created_seq);
            *s = (*s).min(b.created_seq);
        }
    }
    let mut out: Vec<FairNotice> = Vec::new();
    for (fair_id, seq) in since {
        let (Some(fair), Some(changes)) = (state.fairs.get(&fair_id), state.fair_changes.get(&fair_id)) else {
            continue;
        };
        out.extend(changes.iter().filter(|c| c.seq > seq).map(|change| FairNotice { fair, change }));
    }
    out.sort_by_key(|n| std::cmp::Reverse(n.change.seq));
    out
}

#[cfg(test)]
mod tests;
