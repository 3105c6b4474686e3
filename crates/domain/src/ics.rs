//! iCalendar (RFC 5545): the one writer of every calendar file (content lines, escaping,
//! folding, the calendar's header), and the export of livestream sessions: per host, per channel,
//! per fair, or all. (An enterprise's agenda, `agenda::to_ics`, is written with the same pieces.)
//!
//! * Times are written in Asia/Shanghai with a `VTIMEZONE` (fixed +08:00, no daylight saving
//!   since 1991, so one STANDARD rule is exact).
//! * UIDs are `<session id>@fairlog`: stable across exports, so a calendar that imports the file
//!   again updates its entries instead of duplicating them. `SEQUENCE` is the session's version
//!   (the log sequence of its last change, which only grows) and `DTSTAMP` the time of that change,
//!   so the same state always gives the same bytes.
//! * Cancelled sessions stay in the file with `STATUS:CANCELLED`, so a re-import removes them.
//!
//! Lines end in CRLF, text is escaped, and lines longer than 75 octets are folded without
//! splitting a UTF-8 character. Tests parse the output with the `icalendar` crate's parser.
use chrono::{DateTime, Utc};

use crate::ids::{ChannelId, FairId, HostId, SessionId};
use crate::livestream::{LiveSession, SessionStatus};
use crate::state::State;
use crate::time::{to_local, TZID};

pub const PRODID: &str = "-//Fairlog//Livestream schedule//ZH";
pub const UID_DOMAIN: &str = "fairlog";

/// Which sessions a calendar holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Host(HostId),
    Channel(ChannelId),
    Fair(FairId),
    /// Every session on the schedule (the public calendar).
    All,
}

impl Scope {
    fn includes(&self, s: &LiveSession) -> bool {
        match self {
            Scope::Host(h) => s.plan.hosts.contains(h),
            Scope::Channel(c) => s.plan.channel == *c,
            Scope::Fair(f) => s.plan.fair == Some(*f),
            Scope::All => true,
        }
    }
}

/// The stable UID of a session's calendar entry.
pub fn uid(id: SessionId) -> String {
    format!("{id}@{UID_DOMAIN}")
}

/// Escape a TEXT value (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Append one content line, folded at 75 octets (RFC 5545 §3.1), ending in CRLF. Control
/// characters (CR, LF, ...) never reach the file from a value: one call writes one content line,
/// whatever it is given, so no value can start a property or a component of its own.
pub(crate) fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars().filter(|c| !c.is_control()) {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn local_stamp(t: DateTime<Utc>) -> String {
    to_local(t).format("%Y%m%dT%H%M%S").to_string()
}

pub(crate) fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The start of a calendar: version, product, scale, method, display name and time zone name.
pub(crate) fn begin(prodid: &str, name: &str) -> String {
    let mut out = String::new();
    for l in ["BEGIN:VCALENDAR", "VERSION:2.0", &format!("PRODID:{prodid}"), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"] {
        line(&mut out, l);
    }
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, &format!("X-WR-TIMEZONE:{TZID}"));
    out
}

/// The calendar's display name, chosen by the caller (in the user's language).
pub fn calendar(state: &State, scope: Scope, name: &str) -> String {
    let mut sessions: Vec<&LiveSession> =
        state.live_sessions.values().filter(|s| s.status != SessionStatus::Draft && scope.includes(s)).collect();
    sessions.sort_by_key(|s| (s.plan.start, s.id));

    let mut out = begin(PRODID, name);
    for l in [
        "BEGIN:VTIMEZONE",
        &format!("TZID:{TZID}"),
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "TZNAME:CST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        line(&mut out, l);
    }
    for s in sessions {
        event(&mut out, state, s);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn event(out: &mut String, state: &State, s: &LiveSession) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", uid(s.id)));
    line(out, &format!("SEQUENCE:{}", s.version));
    line(out, &format!("DTSTAMP:{}", utc_stamp(s.updated_at)));
    line(out, &format!("DTSTART;TZID={TZID}:{}", local_stamp(s.plan.start)));
    line(out, &format!("DTEND;TZID={TZID}:{}", local_stamp(s.plan.end())));
    line(out, &format!("SUMMARY:{}", escape(&s.plan.title)));
    let status = match s.status {
        SessionStatus::Cancelled { .. } => "CANCELLED",
        _ => "CONFIRMED",
    };
    line(out, &format!("STATUS:{status}"));
    if let Some(c) = state.channels.get(&s.plan.channel) {
        line(out, &format!("LOCATION:{}", escape(&c.details.name)));
        // A URI value is not TEXT (no escaping): it is checked again instead, shape and
        // allowlist, as the command checked it; a link that fails is left out.
        if let Ok(url) = crate::host::check_stream_url(state, &c.details.stream_url) {
            line(out, &format!("URL:{url}"));
        }
    }
    let mut desc: Vec<String> = Vec::new();
    let hosts: Vec<String> = s
        .plan
        .hosts
        .iter()
        .filter_map(|h| state.hosts.get(h))
        .map(|h| format!("{} {}（{}）", h.profile.name, h.profile.title, h.profile.organisation))
        .collect();
    if !hosts.is_empty() {
        desc.push(format!("主播 Hosts: {}", hosts.join("、")));
    }
    if let Some(f) = s.plan.fair.and_then(|f| state.fairs.get(&f)) {
        desc.push(format!("招聘会 Fair: {}", f.details.name));
    }
    for f in s.lineup.iter().filter(|f| f.counts()) {
        let Some(e) = state.enterprises.get(&f.enterprise_id) else { continue };
        let (a, b) = f.slot.interval(s.plan.start);
        let posts: Vec<&str> =
            f.posts.iter().filter_map(|p| state.posts.get(p)).map(|p| p.details.title.as_str()).collect();
        desc.push(format!(
            "{}–{} {}: {}",
            to_local(a).format("%H:%M"),
            to_local(b).format("%H:%M"),
            e.profile.name,
            posts.join("、")
        ));
    }
    if let SessionStatus::Cancelled { reason } = &s.status {
        desc.push(format!("已取消 Cancelled: {reason}"));
    }
    if !desc.is_empty() {
        line(out, &format!("DESCRIPTION:{}", escape(&desc.join("\n"))));
    }
    line(out, "END:VEVENT");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "直播带岗".repeat(20));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{text}\r\n"));
    }

    #[test]
    fn a_value_with_cr_lf_stays_in_its_content_line() {
        // Given a name that tries to close the event and open another
        let hostile = "会\r\nEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:假";
        // When it is written as a line, escaped or not
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", escape(hostile)));
        line(&mut out, &format!("X-RAW:{hostile}"));
        // Then the file has exactly two content lines
        assert_eq!(out.matches("\r\n").count(), 2, "{out:?}");
        assert_eq!(
            out,
            "SUMMARY:会\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:假\r\nX-RAW:会END:VEVENTBEGIN:VEVENTSUMMARY:假\r\n"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
