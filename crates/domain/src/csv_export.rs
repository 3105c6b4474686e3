//! CSV exports of fairs, bookings and posts, for Excel in Chinese: UTF-8 with a byte-order mark,
//! headers in the user's language, and any cell that a spreadsheet would read as a formula
//! (starting with = + - @, a tab or a carriage return) neutralised with a leading apostrophe.
//! States (a fair's status, a booking's, a post's category, …) are written in words the caller
//! supplies (`CsvWords`): the web app passes the same table its pages use, so a spreadsheet says
//! what the screen says. `Keys` writes the stable keys instead (for machines and tests).
use crate::booking::BookingStatus;
use crate::enterprise::KeyCategory;
use crate::fair::{FairMode, FairStatusKind};
use crate::figures::{compute, Filter};
use crate::livestream::SessionStatus;
use crate::post::{Education, Experience, PostCategory, PostStatus};
use crate::state::State;
use crate::time::to_local;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvLang {
    Zh,
    En,
}

impl CsvLang {
    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            CsvLang::Zh => zh,
            CsvLang::En => en,
        }
    }
}

/// The words for the states a CSV shows, in the language of its headers.
pub trait CsvWords {
    fn lang(&self) -> CsvLang;
    fn fair_status(&self, s: FairStatusKind) -> String;
    fn mode(&self, m: FairMode) -> String;
    fn key_category(&self, k: KeyCategory) -> String;
    fn booking_status(&self, s: &BookingStatus) -> String;
    fn post_category(&self, c: PostCategory) -> String;
    fn education(&self, e: Education) -> String;
    fn experience(&self, e: Experience) -> String;
    fn post_status(&self, s: PostStatus) -> String;
    fn session_status(&self, s: &SessionStatus) -> String;
}

/// Headers in a language, states as their stable keys (`published`, `booked`, `one_year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keys(pub CsvLang);

impl CsvWords for Keys {
    fn lang(&self) -> CsvLang {
        self.0
    }
    fn fair_status(&self, s: FairStatusKind) -> String {
        match s {
            FairStatusKind::Draft => "draft",
            FairStatusKind::Published => "published",
            FairStatusKind::Closed => "closed",
            FairStatusKind::Cancelled => "cancelled",
        }
        .into()
    }
    fn mode(&self, m: FairMode) -> String {
        m.key().into()
    }
    fn key_category(&self, k: KeyCategory) -> String {
        k.key().into()
    }
    fn booking_status(&self, s: &BookingStatus) -> String {
        s.key().into()
    }
    fn post_category(&self, c: PostCategory) -> String {
        c.key().into()
    }
    fn education(&self, e: Education) -> String {
        e.key().into()
    }
    fn experience(&self, e: Experience) -> String {
        e.key().into()
    }
    fn post_status(&self, s: PostStatus) -> String {
        match s {
            PostStatus::Open => "open",
            PostStatus::Filled => "filled",
            PostStatus::Withdrawn => "withdrawn",
        }
        .into()
    }
    fn session_status(&self, s: &SessionStatus) -> String {
        s.key().into()
    }
}

/// Make a text cell safe to open in a spreadsheet.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    to_local(t).format("%Y-%m-%d %H:%M").to_string()
}

/// Fairs held under `filter` (see `figures`), one row each.
pub fn fairs(state: &State, filter: &Filter, words: &dyn CsvWords) -> String {
    let lang = words.lang();
    let l = |zh, en| lang.pick(zh, en);
    let header = [
        l("名称", "Name"),
        l("系列活动", "Series"),
        l("行业", "Industry"),
        l("形式", "Mode"),
        l("区", "District"),
        l("地点", "Venue"),
        l("开始", "Start"),
        l("结束", "End"),
        l("状态", "Status"),
        l("展位", "Booths"),
        l("已预订", "Booked"),
        l("参会人数", "Visitors"),
        l("投递", "Applications"),
        l("录用", "Hires"),
        l("返岗复工", "Back to work"),
    ];
    let (_, rows) = compute(state, filter);
    let out = rows.fairs.iter().filter_map(|id| state.fairs.get(id)).map(|f| {
        let d = &f.details;
        let plan = state.floor_plans.get(&f.id);
        let booths = plan
            .map(|p| p.booths.values().filter(|b| b.blocked.is_none()).count() as u64 + p.virtual_booths as u64)
            .unwrap_or(0);
        let booked = state
            .fair_bookings
            .get(&f.id)
            .map(|ids| {
                ids.iter()
                    .filter(|id| state.bookings.get(id).is_some_and(|b| b.status == BookingStatus::Booked))
                    .count()
            })
            .unwrap_or(0);
        let o = f.outcome.unwrap_or_default();
        let district = d.venue.as_ref().and_then(|v| v.district());
        vec![
            d.name.clone(),
            d.series.and_then(|s| state.series.get(&s)).map(|s| s.name.clone()).unwrap_or_default(),
            lang.pick(d.industry.zh(), d.industry.en()).into(),
            words.mode(d.mode),
            district.map(|x| lang.pick(x.zh(), x.en()).to_owned()).unwrap_or_default(),
            d.venue.as_ref().map(|v| v.place_text().to_owned()).unwrap_or_default(),
            d.schedule.map(|s| time(s.start)).unwrap_or_default(),
            d.schedule.map(|s| time(s.end)).unwrap_or_default(),
            words.fair_status(f.status.kind()),
            booths.to_string(),
            booked.to_string(),
            o.visitors.to_string(),
            o.applications.to_string(),
            o.hires.to_string(),
            o.returned_to_work.to_string(),
        ]
    });
    write(&header, out)
}

/// Every booking at fairs held under `filter`.
pub fn bookings(state: &State, filter: &Filter, words: &dyn CsvWords) -> String {
    let lang = words.lang();
    let l = |zh, en| lang.pick(zh, en);
    let header = [
        l("招聘会", "Job fair"),
        l("企业", "Enterprise"),
        l("统一社会信用代码", "Credit code"),
        l("重点企业", "Key enterprise"),
        l("展位", "Booth"),
        l("状态", "Status"),
        l("申请时间", "Requested at"),
    ];
    let (_, rows) = compute(state, filter);
    let out = rows
        .fairs
        .iter()
        .flat_map(|fid| {
            state.fair_bookings.get(fid).into_iter().flat_map(|ids| ids.iter().copied().collect::<Vec<_>>())
        })
        .filter_map(|id| state.bookings.get(&id))
        .map(|b| {
            let e = state.enterprises.get(&b.enterprise_id);
            let booth = b.booth_id.and_then(|id| {
                state.floor_plans.get(&b.fair_id).and_then(|p| p.booths.get(&id)).map(|x| x.code.clone())
            });
            vec![
                state.fairs.get(&b.fair_id).map(|f| f.details.name.clone()).unwrap_or_default(),
                e.map(|e| e.profile.name.clone()).unwrap_or_default(),
                e.map(|e| e.profile.credit_code.clone()).unwrap_or_default(),
                e.and_then(|e| e.key).map(|k| words.key_category(k)).unwrap_or_default(),
                booth.unwrap_or_else(|| l("虚拟展位", "virtual").into()),
                words.booking_status(&b.status),
                time(b.requested_at),
            ]
        });
    write(&header, out)
}

/// Every post offered at fairs held under `filter`, open or not.
pub fn posts(state: &State, filter: &Filter, words: &dyn CsvWords) -> String {
    let lang = words.lang();
    let l = |zh, en| lang.pick(zh, en);
    let header = [
        l("企业", "Enterprise"),
        l("岗位", "Post"),
        l("类别", "Category"),
        l("招聘人数", "Headcount"),
        l("最低月薪", "Salary from"),
        l("最高月薪", "Salary to"),
        l("学历", "Education"),
        l("经验", "Experience"),
        l("工作地区", "District"),
        l("状态", "Status"),
        l("招聘会", "Job fairs"),
    ];
    let (_, rows) = compute(state, filter);
    let held: std::collections::BTreeSet<_> = rows.fairs.iter().copied().collect();
    // Posts offered at no fair are the enterprise's own: listed unless the filter narrows fairs.
    let unlinked_too = !filter.narrows_fairs();
    let out = state
        .posts
        .values()
        .filter(|p| p.details.fairs.iter().any(|f| held.contains(f)) || (unlinked_too && p.details.fairs.is_empty()))
        .map(|p| {
            let d = &p.details;
            vec![
                state.enterprises.get(&p.enterprise_id).map(|e| e.profile.name.clone()).unwrap_or_default(),
                d.title.clone(),
                words.post_category(d.category),
                d.headcount.to_string(),
                d.salary_min.to_string(),
                d.salary_max.to_string(),
                words.education(d.education),
                words.experience(d.experience),
                lang.pick(d.district.zh(), d.district.en()).into(),
                words.post_status(p.status),
                d.fairs
                    .iter()
                    .filter_map(|f| state.fairs.get(f))
                    .map(|f| f.details.name.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
            ]
        });
    write(&header, out)
}

/// Every livestream session starting in the filter's period (all statuses), with its outcome.
pub fn sessions(state: &State, filter: &Filter, words: &dyn CsvWords) -> String {
    let lang = words.lang();
    let l = |zh, en| lang.pick(zh, en);
    let header = [
        l("直播", "Session"),
        l("开始", "Start"),
        l("时长（分钟）", "Minutes"),
        l("主播", "Hosts"),
        l("直播间", "Channel"),
        l("招聘会", "Job fair"),
        l("状态", "Status"),
        l("参与企业", "Enterprises"),
        l("最高观看", "Peak viewers"),
        l("收到简历", "Applications"),
    ];
    let out = state
        .live_sessions
        .values()
        .filter(|x| {
            let day = to_local(x.plan.start).date();
            let in_period = !(filter.from.is_some_and(|d| day < d) || filter.to.is_some_and(|d| day > d));
            // Narrowed to some fairs (series, district, ...): the sessions linked to them.
            in_period
                && (!filter.narrows_fairs()
                    || x.plan.fair.and_then(|f| state.fairs.get(&f)).is_some_and(|f| crate::figures::held(f, filter)))
        })
        .map(|x| {
            let p = &x.plan;
            vec![
                p.title.clone(),
                time(p.start),
                p.minutes.to_string(),
                p.hosts
                    .iter()
                    .filter_map(|h| state.hosts.get(h))
                    .map(|h| h.profile.name.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
                state.channels.get(&p.channel).map(|c| c.details.name.clone()).unwrap_or_default(),
                p.fair.and_then(|f| state.fairs.get(&f)).map(|f| f.details.name.clone()).unwrap_or_default(),
                words.session_status(&x.status),
                x.lineup
                    .iter()
                    .filter_map(|f| state.enterprises.get(&f.enterprise_id))
                    .map(|e| e.profile.name.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
                x.outcome.as_ref().map(|o| o.peak_viewers.to_string()).unwrap_or_default(),
                x.outcome.as_ref().map(|o| o.total_applications().to_string()).unwrap_or_default(),
            ]
        });
    write(&header, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::demo_engine as demo;

    #[test]
    fn formulas_are_neutralised_and_text_is_kept() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+86 138"), "'+86 138");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("上海电气"), "上海电气");
    }

    #[test]
    fn csv_starts_with_a_bom_and_round_trips_chinese_text() {
        let e = demo();
        let text = fairs(e.state(), &Filter::default(), &Keys(CsvLang::Zh));
        assert!(text.starts_with('\u{feff}'));
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        assert_eq!(r.headers().unwrap().get(0), Some("名称"));
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().any(|r| r.get(0) == Some("宝山区先进制造业专场招聘会")));
        let live = sessions(e.state(), &Filter::default(), &Keys(CsvLang::Zh));
        let titles: Vec<String> = csv::Reader::from_reader(live.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap()[0].to_owned())
            .collect();
        assert!(titles.len() >= 3);
        for s in e.state().live_sessions.values() {
            assert!(titles.contains(&s.plan.title), "{} is missing", s.plan.title);
        }
        // Narrowed to a district: only sessions linked to that district's held fairs.
        let baoshan = Filter { district: Some(crate::place::District::Baoshan), ..Filter::default() };
        let narrowed = sessions(e.state(), &baoshan, &Keys(CsvLang::Zh));
        let n = csv::Reader::from_reader(narrowed.trim_start_matches('\u{feff}').as_bytes()).records().count();
        let linked = e
            .state()
            .live_sessions
            .values()
            .filter(|s| {
                s.plan.fair.and_then(|f| e.state().fairs.get(&f)).is_some_and(|f| crate::figures::held(f, &baoshan))
            })
            .count();
        assert_eq!(n, linked);
        assert!(n < titles.len());
        let posts = posts(e.state(), &Filter::default(), &Keys(CsvLang::En));
        let n = csv::Reader::from_reader(posts.trim_start_matches('\u{feff}').as_bytes()).records().count();
        assert!(n > 5);
    }
}
