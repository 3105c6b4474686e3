//! "My agenda" (我的日程): an enterprise's fairs with its booths, the posts it offers at each,
//! its waitlist places, and other concepts' sessions it is featured in (livestreams), plus the
//! export of that agenda as an iCalendar file (RFC 5545, written by `ics`'s writer).
//!
//! Times in the file are UTC (`DTSTART:20260314T010000Z`), which every calendar shows in its
//! user's zone; the calendar also names Asia/Shanghai (`X-WR-TIMEZONE`), and each description
//! repeats the Shanghai wall-clock time. UIDs derive from ids, so a re-exported agenda updates
//! the same calendar entries instead of duplicating them.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::booking::{Booking, BookingStatus, WaitlistEntry, WaitlistStatus};
use crate::enterprise_views::{booth_code, enterprise_bookings, enterprise_posts};
use crate::fair::{Fair, FairStatus, Venue};
use crate::ids::{EnterpriseId, FairId};
use crate::post::{Post, PostStatus};
use crate::state::State;
use crate::time::to_local;

/// One fair on an enterprise's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaFair<'a> {
    pub fair: &'a Fair,
    /// Active bookings (requested, offered, booked) at this fair.
    pub bookings: Vec<&'a Booking>,
    /// The enterprise's open posts offered at this fair.
    pub posts: Vec<&'a Post>,
    /// Its place on the fair's waitlist, while it waits.
    pub waiting: Option<&'a WaitlistEntry>,
}

impl AgendaFair<'_> {
    /// Has at least one booth been confirmed by the organizer?
    pub fn confirmed(&self) -> bool {
        self.bookings.iter().any(|b| b.status == BookingStatus::Booked)
    }

    /// Jobs offered by the enterprise at this fair (Σ headcount of its open posts there).
    pub fn jobs_offered(&self) -> u64 {
        self.posts.iter().map(|p| p.details.headcount as u64).sum()
    }
}

/// The enterprise's fairs: those where it has an active booking, an open post offered, or a
/// waitlist place; soonest first (unscheduled last).
pub fn enterprise_agenda(state: &State, enterprise: EnterpriseId) -> Vec<AgendaFair<'_>> {
    let mut fairs: BTreeMap<FairId, AgendaFair<'_>> = BTreeMap::new();
    fn at<'m, 'a>(
        fairs: &'m mut BTreeMap<FairId, AgendaFair<'a>>,
        state: &'a State,
        id: FairId,
    ) -> Option<&'m mut AgendaFair<'a>> {
        let fair = state.fairs.get(&id)?;
        Some(fairs.entry(id).or_insert_with(|| AgendaFair { fair, bookings: vec![], posts: vec![], waiting: None }))
    }
    for b in enterprise_bookings(state, enterprise).into_iter().rev().filter(|b| b.status.is_active()) {
        if let Some(a) = at(&mut fairs, state, b.fair_id) {
            a.bookings.push(b);
        }
    }
    for p in enterprise_posts(state, enterprise).into_iter().filter(|p| p.status == PostStatus::Open) {
        for f in &p.details.fairs {
            if let Some(a) = at(&mut fairs, state, *f) {
                a.posts.push(p);
            }
        }
    }
    for w in state.waitlist.values().filter(|w| w.enterprise_id == enterprise && w.status == WaitlistStatus::Waiting) {
        if let Some(a) = at(&mut fairs, state, w.fair_id) {
            a.waiting = Some(w);
        }
    }
    let mut v: Vec<AgendaFair<'_>> = fairs.into_values().collect();
    v.sort_by_key(|a| (a.fair.details.schedule.is_none(), a.fair.details.schedule.map(|s| s.start), a.fair.id));
    v
}

/// The words an exported agenda uses, in the user's language (the web crate supplies them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLabels<'a> {
    pub calendar_name: &'a str,
    pub booth: &'a str,
    pub virtual_booth: &'a str,
    pub posts: &'a str,
    pub people: &'a str,
    pub awaiting_approval: &'a str,
    pub offered: &'a str,
    pub waitlist: &'a str,
    pub online: &'a str,
    pub cancelled: &'a str,
    pub shanghai_time: &'a str,
    /// "直播带岗" before a session's title.
    pub livestream: &'a str,
    /// "你的时段" before the enterprise's own slot in a session.
    pub your_slot: &'a str,
    /// District names in English rather than Chinese.
    pub english: bool,
}

/// One calendar entry, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaEvent {
    /// Stable: derived from ids (`fair-<fair>.enterprise-<enterprise>@fairlog`).
    pub uid: String,
    pub summary: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub location: Option<String>,
    pub description: String,
    pub status: AgendaStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

/// The UID of an enterprise's entry for a fair.
pub fn fair_uid(fair: FairId, enterprise: EnterpriseId) -> String {
    format!("fair-{fair}.enterprise-{enterprise}@fairlog")
}

fn location(fair: &Fair, l: &AgendaLabels<'_>) -> Option<String> {
    let district = |d: crate::place::District| if l.english { d.en() } else { d.zh() };
    Some(match &fair.details.venue {
        None if !fair.details.mode.is_physical() => l.online.to_owned(),
        None => return None,
        Some(Venue::Hall { district: d, address }) => format!("{} {address}", district(*d)),
        Some(Venue::ServiceStation { district: d, station }) => format!("{} {station}", district(*d)),
        Some(Venue::Remote { region, address }) => format!("{region} {address}"),
    })
}

/// Calendar entries for the enterprise's scheduled agenda fairs.
pub fn agenda_events(state: &State, enterprise: EnterpriseId, l: &AgendaLabels<'_>) -> Vec<AgendaEvent> {
    enterprise_agenda(state, enterprise)
        .into_iter()
        .filter_map(|a| {
            let s = a.fair.details.schedule?;
            let mut lines = vec![format!(
                "{}: {} – {}",
                l.shanghai_time,
                to_local(s.start).format("%Y-%m-%d %H:%M"),
                to_local(s.end).format("%H:%M")
            )];
            for b in &a.bookings {
                let what = match b.booth_id {
                    Some(id) => format!("{} {}", l.booth, booth_code(state, id).unwrap_or("?")),
                    None => l.virtual_booth.to_owned(),
                };
                let status = match b.status {
                    BookingStatus::Requested { .. } => format!(" ({})", l.awaiting_approval),
                    BookingStatus::Offered { .. } => format!(" ({})", l.offered),
                    _ => String::new(),
                };
                lines.push(format!("{what}{status}"));
            }
            if a.waiting.is_some() {
                lines.push(l.waitlist.to_owned());
            }
            if !a.posts.is_empty() {
                lines.push(format!("{} ({} {}):", l.posts, a.jobs_offered(), l.people));
                for p in &a.posts {
                    lines.push(format!("- {} × {}", p.details.title, p.details.headcount));
                }
            }
            let cancelled = matches!(a.fair.status, FairStatus::Cancelled { .. });
            let status = match (cancelled, a.confirmed()) {
                (true, _) => AgendaStatus::Cancelled,
                (false, true) => AgendaStatus::Confirmed,
                (false, false) => AgendaStatus::Tentative,
            };
            let mut summary = a.fair.details.name.clone();
            let codes: Vec<&str> =
                a.bookings.iter().filter_map(|b| b.booth_id).filter_map(|b| booth_code(state, b)).collect();
            if !codes.is_empty() {
                summary = format!("{summary} · {} {}", l.booth, codes.join(", "));
            }
            if cancelled {
                summary = format!("[{}] {summary}", l.cancelled);
            }
            Some(AgendaEvent {
                uid: fair_uid(a.fair.id, enterprise),
                summary,
                start: s.start,
                end: s.end,
                location: location(a.fair, l),
                description: lines.join("\n"),
                status,
            })
        })
        .collect()
}

/// Livestream sessions the enterprise is featured in and has not declined, soonest first.
pub fn enterprise_sessions(state: &State, enterprise: EnterpriseId) -> Vec<&crate::livestream::LiveSession> {
    use crate::livestream::{Invitation, SessionStatus};
    let mut v: Vec<_> = state
        .live_sessions
        .values()
        .filter(|s| !matches!(s.status, SessionStatus::Draft))
        .filter(|s| s.featured(enterprise).is_some_and(|f| !matches!(f.invitation, Invitation::Declined { .. })))
        .collect();
    v.sort_by_key(|s| (s.plan.start, s.id));
    v
}

/// The UID of an enterprise's entry for a livestream session.
pub fn session_uid(session: crate::ids::SessionId, enterprise: EnterpriseId) -> String {
    format!("session-{session}.enterprise-{enterprise}@fairlog")
}

/// Calendar entries for the enterprise's own slots in livestream sessions.
pub fn session_events(state: &State, enterprise: EnterpriseId, l: &AgendaLabels<'_>) -> Vec<AgendaEvent> {
    use crate::livestream::{Invitation, SessionStatus};
    enterprise_sessions(state, enterprise)
        .into_iter()
        .filter_map(|s| {
            let f = s.featured(enterprise)?;
            let (start, end) = f.slot.interval(s.plan.start);
            let channel = state.channels.get(&s.plan.channel).map(|c| c.details.name.clone());
            let session_end = s.plan.start + chrono::Duration::minutes(s.plan.minutes as i64);
            let mut lines = vec![
                format!(
                    "{}: {} – {}",
                    l.shanghai_time,
                    to_local(s.plan.start).format("%Y-%m-%d %H:%M"),
                    to_local(session_end).format("%H:%M")
                ),
                format!("{}: {} – {}", l.your_slot, to_local(start).format("%H:%M"), to_local(end).format("%H:%M")),
            ];
            let titles: Vec<String> = f
                .posts
                .iter()
                .filter_map(|p| state.posts.get(p))
                .map(|p| format!("- {} × {}", p.details.title, p.details.headcount))
                .collect();
            if !titles.is_empty() {
                lines.push(format!("{}:", l.posts));
                lines.extend(titles);
            }
            let cancelled = matches!(s.status, SessionStatus::Cancelled { .. });
            let mut summary = format!("{}：{}", l.livestream, s.plan.title);
            if cancelled {
                summary = format!("[{}] {summary}", l.cancelled);
            }
            Some(AgendaEvent {
                uid: session_uid(s.id, enterprise),
                summary,
                start,
                end,
                location: channel,
                description: lines.join("\n"),
                status: match (cancelled, &f.invitation) {
                    (true, _) => AgendaStatus::Cancelled,
                    (false, Invitation::Accepted) => AgendaStatus::Confirmed,
                    _ => AgendaStatus::Tentative,
                },
            })
        })
        .collect()
}

/// Write entries as an iCalendar file, with the writer of `ics` (times in UTC, which every
/// calendar shows in its user's zone). `stamp` is the export time (DTSTAMP), passed in so the
/// output depends only on its inputs.
pub fn to_ics(calendar_name: &str, events: &[AgendaEvent], stamp: DateTime<Utc>) -> String {
    use crate::ics::{escape, line, utc_stamp};
    let mut out = crate::ics::begin("-//Fairlog//Enterprise agenda//ZH", calendar_name);
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", e.uid));
        line(&mut out, &format!("DTSTAMP:{}", utc_stamp(stamp)));
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        line(&mut out, &format!("DTSTART:{}", utc_stamp(e.start)));
        line(&mut out, &format!("DTEND:{}", utc_stamp(e.end)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        let status = match e.status {
            AgendaStatus::Confirmed => "CONFIRMED",
            AgendaStatus::Tentative => "TENTATIVE",
            AgendaStatus::Cancelled => "CANCELLED",
        };
        line(&mut out, &format!("STATUS:{status}"));
        if let Some(loc) = &e.location {
            line(&mut out, &format!("LOCATION:{}", escape(loc)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests;
