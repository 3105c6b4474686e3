//! Public figures (公开数据) derived from the state the log adds up to: fairs held, enterprises
//! taking part, jobs offered, booths booked and fill rate, outcomes. Every figure comes with the
//! rows behind it (drill-down), and each is a pure function of the state, which is itself updated
//! event by event: recomputing after a new event never replays the log.
//!
//! Definitions (shared by the dashboard, the CSV exports, the CLI and the independent checker in
//! `tests/tools/figures.py`):
//! - a fair is **held** in the period when it is published or closed (not a draft, not cancelled)
//!   and its start falls in the period (Shanghai dates, inclusive);
//! - **enterprises taking part**: distinct enterprises with a booked booth (or virtual booth) at a
//!   held fair;
//! - **jobs offered**: the sum of headcounts of open posts offered at one or more held fairs, each
//!   post counted once;
//! - **booths**: booths of held fairs that are not blocked, plus their virtual booths; **booked**:
//!   bookings in the booked state; **fill rate** = booked / booths;
//! - **outcomes**: the sums of recorded visitors, applications, hires and people back to work;
//! - **livestream sessions**: sessions that ended, starting in the period (and, with a series,
//!   district, industry or mode filter, linked to a held fair), with the sums of their peak
//!   viewers and of the applications their featured enterprises received.
//! - the filter picks fairs by period (start date), series (a campaign), district, industry and
//!   mode; `series_span` gives a campaign's dates for the period.
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::booking::BookingStatus;
use crate::fair::{Fair, FairMode, FairStatus};
use crate::ids::{BookingId, EnterpriseId, FairId, PostId, SeriesId};
use crate::industry::Industry;
use crate::livestream::{LiveSession, SessionStatus};
use crate::place::District;
use crate::post::PostStatus;
use crate::state::State;
use crate::time::to_local;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Filter {
    /// First and last day (Shanghai dates), inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub series: Option<SeriesId>,
    pub district: Option<District>,
    pub industry: Option<Industry>,
    pub mode: Option<FairMode>,
}

impl Filter {
    /// Does the filter pick fairs by what they are (series, district, industry, mode), beyond
    /// the period? Then livestream sessions count only when linked to a held fair.
    pub fn narrows_fairs(&self) -> bool {
        self.series.is_some() || self.district.is_some() || self.industry.is_some() || self.mode.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub fairs_held: u64,
    pub by_mode: BTreeMap<FairMode, u64>,
    pub by_series: BTreeMap<SeriesId, u64>,
    pub by_district: BTreeMap<District, u64>,
    pub by_industry: BTreeMap<Industry, u64>,
    pub enterprises: u64,
    pub jobs_offered: u64,
    pub posts: u64,
    pub booths: u64,
    pub booths_booked: u64,
    pub visitors: u64,
    pub applications: u64,
    pub hires: u64,
    pub returned_to_work: u64,
    /// Livestream sessions (直播带岗) that took place (ended) in the period, with their outcomes.
    pub sessions: u64,
    pub session_viewers: u64,
    pub session_applications: u64,
    /// Week (Monday) → (fairs held that week, jobs offered at them).
    pub per_week: BTreeMap<NaiveDate, (u64, u64)>,
    pub jobs_by_industry: BTreeMap<Industry, u64>,
    /// District → (booked, booths).
    pub fill_by_district: BTreeMap<District, (u64, u64)>,
}

impl Figures {
    /// Booked booths per booth, 0 when there are none.
    pub fn fill_rate(&self) -> f64 {
        if self.booths == 0 {
            0.0
        } else {
            self.booths_booked as f64 / self.booths as f64
        }
    }
}

/// The rows behind the figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub fairs: Vec<FairId>,
    pub enterprises: BTreeSet<EnterpriseId>,
    pub posts: Vec<PostId>,
    pub bookings: Vec<BookingId>,
    pub sessions: Vec<crate::ids::SessionId>,
}

/// Maps local to one computation, keyed by ids (random v4 UUIDs): FxHash is much cheaper than
/// SipHash, and nobody outside chooses these keys.
type IdMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Is this fair held in the filter's period and selection? (See the definitions above.)
pub fn held(f: &Fair, filter: &Filter) -> bool {
    if !matches!(f.status, FairStatus::Published | FairStatus::Closed) {
        return false;
    }
    let Some(s) = f.details.schedule else { return false };
    let day = to_local(s.start).date();
    if filter.from.is_some_and(|d| day < d) || filter.to.is_some_and(|d| day > d) {
        return false;
    }
    if filter.series.is_some_and(|s| f.details.series != Some(s)) {
        return false;
    }
    if filter.district.is_some() && f.details.venue.as_ref().and_then(|v| v.district()) != filter.district {
        return false;
    }
    if filter.industry.is_some_and(|i| f.details.industry != i) || filter.mode.is_some_and(|m| f.details.mode != m) {
        return false;
    }
    true
}

/// Does this livestream session count in the filter: ended, starting in the period, and, when
/// the filter narrows the fairs, linked to a held fair?
pub fn session_counts(state: &State, session: &LiveSession, filter: &Filter) -> bool {
    if session.status != SessionStatus::Ended || session.outcome.is_none() {
        return false;
    }
    let day = to_local(session.plan.start).date();
    if filter.from.is_some_and(|d| day < d) || filter.to.is_some_and(|d| day > d) {
        return false;
    }
    !filter.narrows_fairs() || session.plan.fair.and_then(|id| state.fairs.get(&id)).is_some_and(|f| held(f, filter))
}

/// A campaign's dates: the first and last day of the series' published or closed fairs.
pub fn series_span(state: &State, series: SeriesId) -> Option<(NaiveDate, NaiveDate)> {
    let days = state
        .fairs
        .values()
        .filter(|f| f.details.series == Some(series) && matches!(f.status, FairStatus::Published | FairStatus::Closed))
        .filter_map(|f| f.details.schedule)
        .map(|s| (to_local(s.start).date(), to_local(s.end).date()));
    days.fold(None, |acc, (a, b)| match acc {
        None => Some((a, b)),
        Some((x, y)) => Some((x.min(a), y.max(b))),
    })
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The figures for a filter, and the rows behind them. One pass over fairs, bookings and posts,
/// with the held fairs in a hash map (lookups into the persistent maps are what cost).
pub fn compute(state: &State, filter: &Filter) -> (Figures, Rows) {
    let mut f = Figures::default();
    let mut rows = Rows::default();
    // Held fair → (week of its start, its district, its start).
    let mut held_fairs: IdMap<FairId, (NaiveDate, Option<District>)> = IdMap::default();
    for fair in state.fairs.values().filter(|x| held(x, filter)) {
        rows.fairs.push(fair.id);
        f.fairs_held += 1;
        *f.by_mode.entry(fair.details.mode).or_default() += 1;
        if let Some(s) = fair.details.series {
            *f.by_series.entry(s).or_default() += 1;
        }
        let district = fair.details.venue.as_ref().and_then(|v| v.district());
        if let Some(d) = district {
            *f.by_district.entry(d).or_default() += 1;
        }
        *f.by_industry.entry(fair.details.industry).or_default() += 1;
        if let Some(o) = fair.outcome {
            f.visitors += o.visitors as u64;
            f.applications += o.applications as u64;
            f.hires += o.hires as u64;
            f.returned_to_work += o.returned_to_work as u64;
        }
        let week = monday(to_local(fair.details.schedule.expect("held fairs are scheduled").start).date());
        f.per_week.entry(week).or_default().0 += 1;
        let booths = state
            .floor_plans
            .get(&fair.id)
            .map(|p| (p.booths.len() as u64).saturating_sub(p.blocked as u64) + p.virtual_booths as u64)
            .unwrap_or(0);
        f.booths += booths;
        if let Some(d) = district {
            f.fill_by_district.entry(d).or_default().1 += booths;
        }
        held_fairs.insert(fair.id, (week, district));
    }
    for session in state.live_sessions.values() {
        let Some(outcome) = session.outcome.as_ref().filter(|_| session_counts(state, session, filter)) else {
            continue;
        };
        rows.sessions.push(session.id);
        f.sessions += 1;
        f.session_viewers += outcome.peak_viewers as u64;
        f.session_applications += outcome.total_applications();
    }
    if held_fairs.is_empty() {
        return (f, rows);
    }
    let mut taking_part: rustc_hash::FxHashSet<EnterpriseId> = Default::default();
    for b in state.bookings.values().filter(|b| b.status == BookingStatus::Booked) {
        let Some((_, district)) = held_fairs.get(&b.fair_id) else { continue };
        f.booths_booked += 1;
        rows.bookings.push(b.id);
        taking_part.insert(b.enterprise_id);
        if let Some(d) = district {
            f.fill_by_district.entry(*d).or_default().0 += 1;
        }
    }
    rows.enterprises = taking_part.into_iter().collect();
    f.enterprises = rows.enterprises.len() as u64;
    let mut industry_of: IdMap<EnterpriseId, Option<Industry>> = IdMap::default();
    for post in state.posts.values().filter(|p| p.status == PostStatus::Open) {
        // Counted once, in the week of the earliest held fair it is offered at.
        let Some(week) = post.details.fairs.iter().filter_map(|id| held_fairs.get(id)).map(|(w, _)| *w).min() else {
            continue;
        };
        rows.posts.push(post.id);
        f.posts += 1;
        let n = post.details.headcount as u64;
        f.jobs_offered += n;
        f.per_week.entry(week).or_default().1 += n;
        let industry = *industry_of
            .entry(post.enterprise_id)
            .or_insert_with(|| state.enterprises.get(&post.enterprise_id).map(|e| e.profile.industry));
        if let Some(i) = industry {
            *f.jobs_by_industry.entry(i).or_default() += n;
        }
    }
    (f, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::demo_engine as demo;

    #[test]
    fn the_demo_season_adds_up() {
        let e = demo();
        let (f, rows) = compute(e.state(), &Filter::default());
        // Five fairs published (one of them closed); the Minhang draft does not count.
        assert_eq!(f.fairs_held, 5);
        assert_eq!(rows.fairs.len(), 5);
        assert_eq!(f.by_mode[&FairMode::Online], 1);
        // Jobs offered is a sum of headcounts, never a count of rows.
        let headcounts: u64 = rows.posts.iter().map(|p| e.state().posts[p].details.headcount as u64).sum();
        assert_eq!(f.jobs_offered, headcounts);
        assert!(f.jobs_offered > f.posts);
        assert!(f.booths_booked > 0 && f.booths_booked <= f.booths);
        assert_eq!(f.enterprises as usize, rows.enterprises.len());
    }

    #[test]
    fn a_period_and_a_district_narrow_the_figures() {
        let e = demo();
        let all = compute(e.state(), &Filter::default()).0;
        let baoshan = compute(e.state(), &Filter { district: Some(District::Baoshan), ..Filter::default() }).0;
        assert_eq!(baoshan.fairs_held, 1);
        assert!(baoshan.jobs_offered <= all.jobs_offered);
        let future = Filter { from: Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()), ..Filter::default() };
        assert_eq!(compute(e.state(), &future).0, Figures::default());
    }

    #[test]
    fn industry_and_mode_filters_pick_the_fairs_of_their_breakdown() {
        let e = demo();
        let all = compute(e.state(), &Filter::default()).0;
        for (mode, n) in &all.by_mode {
            let f = compute(e.state(), &Filter { mode: Some(*mode), ..Filter::default() }).0;
            assert_eq!(f.fairs_held, *n, "{mode:?}");
            assert_eq!(f.by_mode.len(), 1);
        }
        for (industry, n) in &all.by_industry {
            let f = compute(e.state(), &Filter { industry: Some(*industry), ..Filter::default() }).0;
            assert_eq!(f.fairs_held, *n, "{industry:?}");
        }
        let by_series: u64 = all.by_series.values().sum();
        assert!(by_series > 0 && by_series <= all.fairs_held);
    }

    #[test]
    fn a_campaign_spans_its_published_fairs() {
        let e = demo();
        let s = e.state();
        let (id, _) = compute(s, &Filter::default()).0.by_series.into_iter().next().expect("a series with fairs");
        let (from, to) = series_span(s, id).expect("dates");
        assert!(from <= to);
        let held = compute(s, &Filter { series: Some(id), ..Filter::default() }).0.fairs_held;
        let within = compute(s, &Filter { series: Some(id), from: Some(from), to: Some(to), ..Filter::default() });
        assert_eq!(within.0.fairs_held, held, "every fair of the campaign starts within its dates");
        let before = compute(s, &Filter { series: Some(id), to: from.pred_opt(), ..Filter::default() });
        assert_eq!(before.0.fairs_held, 0);
    }
}
