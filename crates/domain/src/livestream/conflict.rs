//! Conflict detection for livestream sessions, and the interval index that keeps it fast.
//!
//! Every scheduled or live session is entered in one persistent ordered map keyed by
//! `(lane, start, session)` with the end as value, where a lane is a host, a channel or a featured
//! enterprise (whose interval is its slot, not the whole session). Sessions last at most
//! [`MAX_SESSION_MINUTES`], so the sessions that can overlap `[start, end)` in a lane all start in
//! `(start − MAX, end)`: checking one move reads only that range of each lane it touches,
//! O(log n + neighbours), never the whole schedule.
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveTime, Utc};

use crate::time::shifted;
use imbl::OrdMap;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Featured, Invitation, LiveSession, SessionPlan, MAX_SESSION_MINUTES};
use crate::booking::BookingStatus;
use crate::ids::{ChannelId, EnterpriseId, FairId, HostId, SessionId};
use crate::state::State;
use crate::time::{from_local, to_local};

/// Under this many minutes between two sessions of one host, a soft conflict warns.
pub const BACK_TO_BACK_MINUTES: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks scheduling and moving.
    Hard,
    /// Warns; the command goes through only if it carries the conflict as accepted.
    Soft,
}

/// What is wrong, with the facts needed to say it in words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The host is on air in another session at the same time.
    HostDoubleBooked { host: HostId, other: SessionId },
    /// The session falls outside every availability window the host declared.
    HostUnavailable { host: HostId },
    /// Less than [`BACK_TO_BACK_MINUTES`] between this session and another of the same host.
    HostBackToBack { host: HostId, other: SessionId, gap_minutes: i64 },
    /// The channel carries another session at the same time.
    ChannelDoubleBooked { channel: ChannelId, other: SessionId },
    /// A featured enterprise's slot overlaps its slot in another session.
    EnterpriseDoubleBooked { enterprise: EnterpriseId, other: SessionId },
    /// A featured enterprise's slot falls in the booth hours of a fair where it has an active
    /// booking (requested, offered or booked). Soft: another representative may staff the booth.
    EnterpriseAtBooth { enterprise: EnterpriseId, fair: FairId },
    /// The session is linked to a fair but is not within the fair's dates. Soft: a preview the
    /// evening before is common, and a fair's dates are changed by the fair's own module.
    OutsideFairDates { fair: FairId },
    /// A featured enterprise's slot ends after the session does.
    LineupOverflow { enterprise: EnterpriseId, overflow_minutes: i64 },
}

impl ConflictKind {
    pub fn severity(&self) -> Severity {
        use ConflictKind::*;
        match self {
            HostDoubleBooked { .. }
            | HostUnavailable { .. }
            | ChannelDoubleBooked { .. }
            | EnterpriseDoubleBooked { .. }
            | LineupOverflow { .. } => Severity::Hard,
            HostBackToBack { .. } | EnterpriseAtBooth { .. } | OutsideFairDates { .. } => Severity::Soft,
        }
    }

    /// Stable code, e.g. `host_double_booked`.
    pub fn code(&self) -> &'static str {
        use ConflictKind::*;
        match self {
            HostDoubleBooked { .. } => "host_double_booked",
            HostUnavailable { .. } => "host_unavailable",
            HostBackToBack { .. } => "host_back_to_back",
            ChannelDoubleBooked { .. } => "channel_double_booked",
            EnterpriseDoubleBooked { .. } => "enterprise_double_booked",
            EnterpriseAtBooth { .. } => "enterprise_at_booth",
            OutsideFairDates { .. } => "outside_fair_dates",
            LineupOverflow { .. } => "lineup_overflow",
        }
    }
}

/// One conflict: its kind and parameters, and how much it matters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Conflict {
    pub severity: Severity,
    pub kind: ConflictKind,
}

impl From<ConflictKind> for Conflict {
    fn from(kind: ConflictKind) -> Self {
        Conflict { severity: kind.severity(), kind }
    }
}

impl Conflict {
    pub fn is_hard(&self) -> bool {
        self.severity == Severity::Hard
    }
}

/// A row of the interval index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lane {
    Host(HostId),
    Channel(ChannelId),
    Enterprise(EnterpriseId),
}

/// The livestream indexes kept in [`State`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Index {
    /// Scheduled and live sessions: `(lane, start, session) -> end`.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub busy: OrdMap<(Lane, DateTime<Utc>, SessionId), DateTime<Utc>>,
    /// Every session that is not cancelled, by start: for timelines and calendars.
    #[serde(deserialize_with = "crate::snapshot::cautious::map")]
    pub by_start: OrdMap<(DateTime<Utc>, SessionId), ()>,
}

fn lanes_of(s: &LiveSession) -> Vec<(Lane, DateTime<Utc>, DateTime<Utc>)> {
    let (start, end) = (s.plan.start, s.plan.end());
    let mut v: Vec<_> = s.plan.hosts.iter().map(|h| (Lane::Host(*h), start, end)).collect();
    v.push((Lane::Channel(s.plan.channel), start, end));
    for f in s.lineup.iter().filter(|f| f.counts()) {
        let (a, b) = f.slot.interval(start);
        v.push((Lane::Enterprise(f.enterprise_id), a, b));
    }
    v
}

/// Enter a session in the indexes (by its current plan, status and line-up).
pub(crate) fn index(ix: &mut Index, s: &LiveSession) {
    if s.status.is_listed() {
        ix.by_start.insert((s.plan.start, s.id), ());
    }
    if s.status.is_active() {
        for (lane, a, b) in lanes_of(s) {
            ix.busy.insert((lane, a, s.id), b);
        }
    }
}

/// Remove a session from the indexes (as it was entered).
pub(crate) fn unindex(ix: &mut Index, s: &LiveSession) {
    ix.by_start.remove(&(s.plan.start, s.id));
    for (lane, a, _) in lanes_of(s) {
        ix.busy.remove(&(lane, a, s.id));
    }
}

const NIL: SessionId = SessionId(Uuid::nil());

/// Intervals of a lane that start in `[from, to)`, except `me`'s.
fn lane_range(
    state: &State,
    lane: Lane,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    me: SessionId,
) -> impl Iterator<Item = (SessionId, DateTime<Utc>, DateTime<Utc>)> + '_ {
    let iter = if from < to { Some(state.live_index.busy.range((lane, from, NIL)..(lane, to, NIL))) } else { None };
    iter.into_iter().flatten().filter(move |((_, _, id), _)| *id != me).map(|((_, s, id), e)| (*id, *s, *e))
}

fn max_len() -> Duration {
    Duration::minutes(MAX_SESSION_MINUTES as i64)
}

/// Every conflict the session `id` would have with this plan and line-up, against the scheduled
/// and live sessions in `state` (other than itself), the hosts' availability, the fairs' dates
/// and the enterprises' booth bookings. Deterministic order: hosts, channel, line-up, fair.
pub fn conflicts(state: &State, id: SessionId, plan: &SessionPlan, lineup: &[Featured]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let (start, end) = (plan.start, plan.end());
    let b2b = Duration::minutes(BACK_TO_BACK_MINUTES);
    for &host in &plan.hosts {
        if state.hosts.get(&host).is_some_and(|h| !h.available(start, end)) {
            out.push(ConflictKind::HostUnavailable { host }.into());
        }
        for (other, s2, e2) in
            lane_range(state, Lane::Host(host), shifted(start, -(b2b + max_len())), shifted(end, b2b), id)
        {
            if s2 < end && start < e2 {
                out.push(ConflictKind::HostDoubleBooked { host, other }.into());
            } else {
                let gap = if e2 <= start { start - e2 } else { s2 - end };
                if gap < b2b {
                    out.push(ConflictKind::HostBackToBack { host, other, gap_minutes: gap.num_minutes() }.into());
                }
            }
        }
    }
    let channel = plan.channel;
    for (other, _, e2) in lane_range(state, Lane::Channel(channel), shifted(start, -max_len()), end, id) {
        if start < e2 {
            out.push(ConflictKind::ChannelDoubleBooked { channel, other }.into());
        }
    }
    for f in lineup.iter().filter(|f| f.counts()) {
        let enterprise = f.enterprise_id;
        let (a, b) = f.slot.interval(start);
        if b > end {
            out.push(ConflictKind::LineupOverflow { enterprise, overflow_minutes: (b - end).num_minutes() }.into());
        }
        for (other, _, e2) in lane_range(state, Lane::Enterprise(enterprise), shifted(a, -max_len()), b, id) {
            if a < e2 {
                out.push(ConflictKind::EnterpriseDoubleBooked { enterprise, other }.into());
            }
        }
        let mut fairs = BTreeSet::new();
        for bid in state.enterprise_bookings.get(&enterprise).into_iter().flat_map(|ids| ids.iter()) {
            let Some(bk) = state.bookings.get(bid) else { continue };
            if !matches!(
                bk.status,
                BookingStatus::Requested { .. } | BookingStatus::Offered { .. } | BookingStatus::Booked
            ) {
                continue;
            }
            if fairs.contains(&bk.fair_id) {
                continue;
            }
            if booth_hours(state, bk.fair_id).iter().any(|(fa, fb)| a < *fb && *fa < b) {
                fairs.insert(bk.fair_id);
            }
        }
        out.extend(fairs.into_iter().map(|fair| ConflictKind::EnterpriseAtBooth { enterprise, fair }.into()));
    }
    if let Some(fair) = plan.fair {
        if let Some((a, b)) = fair_dates(state, fair) {
            if start < a || end > b {
                out.push(ConflictKind::OutsideFairDates { fair }.into());
            }
        }
    }
    out
}

/// The conflicts a session would have if moved to `start` for `minutes` (everything else kept).
pub fn conflicts_if_moved(state: &State, id: SessionId, start: DateTime<Utc>, minutes: u32) -> Vec<Conflict> {
    let Some(s) = state.live_sessions.get(&id) else { return Vec::new() };
    let plan = s.plan.moved(start, minutes);
    conflicts(state, id, &plan, &s.lineup)
}

/// The conflicts a session has where it stands now.
pub fn conflicts_now(state: &State, id: SessionId) -> Vec<Conflict> {
    let Some(s) = state.live_sessions.get(&id) else { return Vec::new() };
    conflicts(state, id, &s.plan, &s.lineup)
}

/// A fair's dates as instants: from local midnight of its first day to local midnight after its
/// last day (Asia/Shanghai). `None` when the fair is unknown or has no dates yet.
pub fn fair_dates(state: &State, fair: FairId) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let s = state.fairs.get(&fair)?.details.schedule?;
    let first = to_local(s.start).date();
    let last = to_local(s.end).date();
    let after = last.succ_opt().unwrap_or(last);
    Some((from_local(first.and_time(NaiveTime::MIN)), from_local(after.and_time(NaiveTime::MIN))))
}

/// When an enterprise with a booking at this fair is due at its booth: every day of the fair from
/// its opening to its closing time of day (one span when that is not a daily rhythm).
pub fn booth_hours(state: &State, fair: FairId) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let Some(f) = state.fairs.get(&fair) else { return Vec::new() };
    if matches!(f.status, crate::fair::FairStatus::Cancelled { .. }) {
        return Vec::new();
    }
    let Some(s) = f.details.schedule else { return Vec::new() };
    let (a, b) = (to_local(s.start), to_local(s.end));
    if a.date() == b.date() || b.time() <= a.time() {
        return vec![(s.start, s.end)];
    }
    let mut out = Vec::new();
    let mut d = a.date();
    // At most a fair's longest run of days (a schedule from a hostile log may span centuries).
    while d <= b.date() && out.len() <= crate::fair::MAX_FAIR_DAYS as usize {
        out.push((from_local(d.and_time(a.time())), from_local(d.and_time(b.time()))));
        let Some(next) = d.succ_opt() else { break };
        d = next;
    }
    out
}

impl Featured {
    /// Does this line-up entry occupy the enterprise (invited or accepted, not declined)?
    pub fn counts(&self) -> bool {
        !matches!(self.invitation, Invitation::Declined { .. })
    }
}
