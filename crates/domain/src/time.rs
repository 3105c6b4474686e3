//! Asia/Shanghai wall-clock time.
//!
//! Shanghai has used UTC+8 without daylight saving since 1991, so a fixed offset is exact for every
//! date this product handles. We use `chrono::FixedOffset` rather than `chrono-tz`: the full tz
//! database would add hundreds of KiB to the wasm bundle for one zone whose rule never changes.
//! Events store UTC; the UI shows and reads Shanghai time through these helpers.
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

pub const SHANGHAI_OFFSET_SECS: i32 = 8 * 3600;
pub const TZID: &str = "Asia/Shanghai";

pub fn shanghai() -> FixedOffset {
    FixedOffset::east_opt(SHANGHAI_OFFSET_SECS).expect("+08:00 is a valid offset")
}

/// `t` moved by `d`, held at the ends of the calendar: a time read from a hostile log never
/// overflows (`DateTime + Duration` panics on overflow).
pub fn shifted(t: DateTime<Utc>, d: chrono::Duration) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(if d < chrono::Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// Shanghai wall-clock time of an instant.
pub fn to_local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&shanghai()).naive_local()
}

/// The instant of a Shanghai wall-clock time (always unambiguous: no DST).
pub fn from_local(t: NaiveDateTime) -> DateTime<Utc> {
    shanghai()
        .from_local_datetime(&t)
        .single()
        .expect("a fixed offset maps every local time to one instant")
        .with_timezone(&Utc)
}

/// Parse the value of an `<input type="datetime-local">` (`2026-03-14T09:00` or with seconds)
/// as Shanghai time.
pub fn parse_local_input(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(from_local)
}

/// The value for an `<input type="datetime-local">`.
pub fn format_local_input(t: DateTime<Utc>) -> String {
    to_local(t).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shanghai_morning_is_utc_night_before() {
        let t = parse_local_input("2026-03-14T07:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-13T23:30:00+00:00");
        assert_eq!(format_local_input(t), "2026-03-14T07:30");
    }

    #[test]
    fn garbage_is_not_a_time() {
        assert!(parse_local_input("tomorrow").is_none());
        assert!(parse_local_input("2026-02-30T10:00").is_none());
    }
}
