use chrono::{Datelike, Duration, NaiveDate};
use fairlog_domain::csv_export;
use fairlog_domain::fair::FairMode;
use fairlog_domain::figures::{compute, series_span, Figures, Filter, Rows};
use fairlog_domain::ids::SeriesId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::time::to_local;
use fairlog_domain::State;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, select_value, Bar, BarChart, VirtualList, WeekChart, WeekColumn};
use crate::download::{download_text, stamped_name};
use crate::format;
use crate::i18n::{fill, mode, status, Lang};
use crate::session::use_prefs;
use crate::store::{now, use_app};

crate::texts! {
    pub enum DashT {
        Title => "公开数据看板", "Public figures";
        Intro => "所有数字都由事件日志计算得出，点击数字可查看背后的招聘会、企业、岗位和展位。", "Every figure is computed from the event log; select a figure to see the fairs, enterprises, posts and booths behind it.";
        Report => "招聘活动报告", "Campaign report";
        From => "从", "From";
        To => "到", "To";
        Series => "系列活动", "Series";
        District => "区", "District";
        All => "全部", "All";
        ThisWeek => "本周", "This week";
        ThisMonth => "本月", "This month";
        AllTime => "全部时间", "All time";
        FairsHeld => "举办招聘会（场）", "Job fairs held";
        Enterprises => "参会企业（家）", "Enterprises taking part";
        JobsOffered => "提供岗位（个）", "Jobs offered";
        Booths => "已预订展位 / 展位", "Booths booked / booths";
        Visitors => "参会人数", "Visitors";
        Hires => "录用人数", "Hires";
        BackToWork => "帮助返岗复工（人）", "Helped back to work";
        Sessions => "直播带岗（场）", "Livestream sessions";
        SessionViewers => "直播最高观看（人次）", "Livestream peak viewers";
        SessionApplications => "直播收到简历（份）", "Livestream applications";
        Session => "直播", "Session";
        Applications => "投递简历（份）", "Applications";
        ByMode => "按形式", "By mode";
        Breakdown => "举办招聘会的分布（点击数字只看这些招聘会）", "Fairs held, broken down (select a number to see only those fairs)";
        BySeries => "按系列活动", "By series";
        ByDistrict => "按区", "By district";
        ByIndustry => "按行业", "By industry";
        Mode => "形式", "Mode";
        Campaign => "活动期间", "Campaign dates";
        CampaignHint => "先选择系列活动，再按其招聘会的起止日期统计", "Choose a series first to use the dates of its fairs";
        ClearFilters => "清除筛选", "Clear the filters";
        WeekChartTitle => "每周招聘会与岗位", "Fairs and jobs per week";
        WeekChartDesc => "每周举办的招聘会场数（左）和提供的岗位数（右）", "Job fairs held each week (left) and jobs offered at them (right)";
        Week => "周（周一）", "Week (Monday)";
        Fairs => "招聘会", "Job fairs";
        Jobs => "岗位", "Jobs";
        IndustryChart => "各行业提供岗位", "Jobs offered by industry";
        IndustryDesc => "按企业所属行业统计的岗位数（招聘人数之和）", "Jobs offered (sum of headcounts) by the enterprise's industry";
        Industry => "行业", "Industry";
        FillChart => "各区展位预订率", "Booth fill rate by district";
        FillDesc => "各区已预订展位占全部展位的比例", "Share of booths booked in each district";
        Rate => "预订率", "Fill rate";
        ExportTitle => "导出 CSV（Excel 可直接打开）", "Export CSV (opens in Excel)";
        ExportFairs => "招聘会", "Job fairs";
        ExportBookings => "展位预订", "Bookings";
        ExportPosts => "岗位", "Posts";
        Print => "打印报告", "Print the report";
        Behind => "数字背后：{what}", "Behind the figure: {what}";
        Events => "相关事件", "Events";
        NoRows => "没有数据。", "Nothing here.";
        DrillCount => "共 {n} 行", "{n} rows";
        Name => "名称", "Name";
        When => "时间", "When";
        Status => "状态", "Status";
        Enterprise => "企业", "Enterprise";
        CreditCode => "统一社会信用代码", "Credit code";
        Key => "重点企业", "Key enterprise";
        Post => "岗位", "Post";
        Headcount => "招聘人数", "Headcount";
        Booth => "展位", "Booth";
        Fair => "招聘会", "Job fair";
        NoData => "所选范围内没有已发布的招聘会。", "No published job fairs in this selection.";
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Drill {
    Fairs,
    Enterprises,
    Jobs,
    Bookings,
    Outcomes,
    Sessions,
}

fn num(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The organizers' dashboard: figures, drill-down, charts, CSV exports, printable.
#[component]
pub fn DashboardPage() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let filter = use_state(Filter::default);
    let drill = use_state(|| None::<Drill>);
    // Recomputed from the state (which every event updates in place) only when it, the point in
    // time or the filter changes; opening a drill-down or a chart table reuses the result.
    let computed = {
        let app = app.clone();
        use_memo(((*filter).clone(), app.revision, app.travel()), move |(filter, _, _)| compute(&app.view(), filter))
    };
    let (figures, rows) = (&computed.0, &computed.1);
    let state = app.view();

    let set_date = |apply: fn(&mut Filter, Option<NaiveDate>)| {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filter).clone();
            apply(&mut f, NaiveDate::parse_from_str(&input_value(&e), "%Y-%m-%d").ok());
            filter.set(f);
        })
    };
    let today = to_local(now()).date();
    let preset = |from: Option<NaiveDate>, to: Option<NaiveDate>| {
        let filter = filter.clone();
        Callback::from(move |_| filter.set(Filter { from, to, ..(*filter).clone() }))
    };
    let campaign = f_series_span(&state, filter.series);
    let week_start = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let month_start = today.with_day(1).unwrap_or(today);
    let month_end = (month_start + Duration::days(32)).with_day(1).map(|d| d - Duration::days(1));

    let open = |d: Drill| {
        let drill = drill.clone();
        Callback::from(move |_| drill.set(if *drill == Some(d) { None } else { Some(d) }))
    };
    let card = |id: &'static str, label: &str, value: String, d: Drill| {
        let selected = *drill == Some(d);
        html! {
            <button type="button" class={classes!("figure", selected.then_some("selected"))} id={id} aria-pressed={selected.to_string()} onclick={open(d)}>
                <span class="figure-value">{ value }</span>
                <span class="figure-label">{ label.to_owned() }</span>
            </button>
        }
    };
    let csv = |which: &'static str| {
        let app = app.clone();
        let filter = (*filter).clone();
        Callback::from(move |_| {
            let l = &crate::words::CsvTable(lang);
            let engine = app.view();
            let text = match which {
                "fairs" => csv_export::fairs(&engine, &filter, l),
                "bookings" => csv_export::bookings(&engine, &filter, l),
                "sessions" => csv_export::sessions(&engine, &filter, l),
                _ => csv_export::posts(&engine, &filter, l),
            };
            let _ = download_text(&stamped_name(&format!("fairlog-{which}"), "csv"), "text/csv;charset=utf-8", &text);
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let f = &*filter;

    html! {
        <section class="dashboard" aria-labelledby="dash-title">
            <h1 id="dash-title">{ DashT::Title.get(lang) }</h1>
            <p class="print-only report-title">{ DashT::Report.get(lang) }{ " · " }{ period_text(f).unwrap_or_else(|| DashT::AllTime.get(lang).to_owned()) }</p>
            <p class="muted no-print">{ DashT::Intro.get(lang) }</p>
            <form class="filters no-print" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ DashT::From.get(lang) }<input id="dash-from" type="date" value={f.from.map(|d| d.to_string()).unwrap_or_default()} onchange={set_date(|f, d| f.from = d)} /></label>
                <label>{ DashT::To.get(lang) }<input id="dash-to" type="date" value={f.to.map(|d| d.to_string()).unwrap_or_default()} onchange={set_date(|f, d| f.to = d)} /></label>
                <label>{ DashT::Series.get(lang) }
                    <select id="dash-series" onchange={{ let filter = filter.clone(); Callback::from(move |e: Event| { let mut x = (*filter).clone(); x.series = select_value(&e).parse::<SeriesId>().ok(); filter.set(x); }) }}>
                        <option value="" selected={f.series.is_none()}>{ DashT::All.get(lang) }</option>
                        { for state.series.values().map(|s| html! { <option value={s.id.to_string()} selected={f.series == Some(s.id)}>{ s.name.clone() }</option> }) }
                    </select>
                </label>
                <label>{ DashT::District.get(lang) }
                    <select id="dash-district" onchange={{ let filter = filter.clone(); Callback::from(move |e: Event| { let mut x = (*filter).clone(); x.district = District::from_key(&select_value(&e)); filter.set(x); }) }}>
                        <option value="" selected={f.district.is_none()}>{ DashT::All.get(lang) }</option>
                        { for District::ALL.iter().map(|d| html! { <option value={d.key()} selected={f.district == Some(*d)}>{ lang.pick(d.zh(), d.en()) }</option> }) }
                    </select>
                </label>
                <label>{ DashT::Industry.get(lang) }
                    <select id="dash-industry" onchange={{ let filter = filter.clone(); Callback::from(move |e: Event| { let mut x = (*filter).clone(); x.industry = Industry::from_key(&select_value(&e)); filter.set(x); }) }}>
                        <option value="" selected={f.industry.is_none()}>{ DashT::All.get(lang) }</option>
                        { for Industry::ALL.iter().map(|i| html! { <option value={i.key()} selected={f.industry == Some(*i)}>{ lang.pick(i.zh(), i.en()) }</option> }) }
                    </select>
                </label>
                <label>{ DashT::Mode.get(lang) }
                    <select id="dash-mode" onchange={{ let filter = filter.clone(); Callback::from(move |e: Event| { let mut x = (*filter).clone(); x.mode = FairMode::from_key(&select_value(&e)); filter.set(x); }) }}>
                        <option value="" selected={f.mode.is_none()}>{ DashT::All.get(lang) }</option>
                        { for FairMode::ALL.iter().map(|m| html! { <option value={m.key()} selected={f.mode == Some(*m)}>{ mode(lang, *m) }</option> }) }
                    </select>
                </label>
                <div class="presets">
                    <button type="button" class="secondary" id="preset-week" onclick={preset(Some(week_start), Some(week_start + Duration::days(6)))}>{ DashT::ThisWeek.get(lang) }</button>
                    <button type="button" class="secondary" id="preset-month" onclick={preset(Some(month_start), month_end)}>{ DashT::ThisMonth.get(lang) }</button>
                    <button type="button" class="secondary" id="preset-campaign" disabled={campaign.is_none()} title={DashT::CampaignHint.get(lang)}
                        onclick={preset(campaign.map(|c| c.0), campaign.map(|c| c.1))}>{ DashT::Campaign.get(lang) }</button>
                    <button type="button" class="secondary" id="preset-all" onclick={preset(None, None)}>{ DashT::AllTime.get(lang) }</button>
                    if *f != Filter::default() {
                        <button type="button" class="link" id="clear-filters" onclick={{ let filter = filter.clone(); Callback::from(move |_| filter.set(Filter::default())) }}>{ DashT::ClearFilters.get(lang) }</button>
                    }
                </div>
            </form>

            if figures.fairs_held == 0 { <p class="empty" id="dash-empty">{ DashT::NoData.get(lang) }</p> }
            <div class="figures" role="group" aria-label={DashT::Title.get(lang)}>
                { card("fig-fairs", DashT::FairsHeld.get(lang), num(figures.fairs_held), Drill::Fairs) }
                { card("fig-enterprises", DashT::Enterprises.get(lang), num(figures.enterprises), Drill::Enterprises) }
                { card("fig-jobs", DashT::JobsOffered.get(lang), num(figures.jobs_offered), Drill::Jobs) }
                { card("fig-booths", DashT::Booths.get(lang), format!("{} / {} ({:.0}%)", num(figures.booths_booked), num(figures.booths), figures.fill_rate() * 100.0), Drill::Bookings) }
                { card("fig-visitors", DashT::Visitors.get(lang), num(figures.visitors), Drill::Outcomes) }
                { card("fig-applications", DashT::Applications.get(lang), num(figures.applications), Drill::Outcomes) }
                { card("fig-hires", DashT::Hires.get(lang), num(figures.hires), Drill::Outcomes) }
                { card("fig-back", DashT::BackToWork.get(lang), num(figures.returned_to_work), Drill::Outcomes) }
                { card("fig-sessions", DashT::Sessions.get(lang), num(figures.sessions), Drill::Sessions) }
                { card("fig-viewers", DashT::SessionViewers.get(lang), num(figures.session_viewers), Drill::Sessions) }
                { card("fig-session-applications", DashT::SessionApplications.get(lang), num(figures.session_applications), Drill::Sessions) }
            </div>
            <Breakdowns figures={FiguresProp(figures.clone())} filter={f.clone()} on_pick={{
                let (filter, drill) = (filter.clone(), drill.clone());
                Callback::from(move |next: Filter| { filter.set(next); drill.set(Some(Drill::Fairs)); })
            }} />
            if let Some(d) = *drill { <DrillDown which={d as u8} rows={RowsProp(rows.clone())} /> }

            <div class="charts">
                <WeekChart id="chart-weeks" title={DashT::WeekChartTitle.get(lang)} desc={DashT::WeekChartDesc.get(lang)}
                    fairs_label={DashT::Fairs.get(lang)} jobs_label={DashT::Jobs.get(lang)} week_label={DashT::Week.get(lang)}
                    weeks={figures.per_week.iter().map(|(d, (fa, jo))| WeekColumn { label: d.format("%m-%d").to_string(), fairs: *fa, jobs: *jo }).collect::<Vec<_>>()} />
                <BarChart id="chart-industry" title={DashT::IndustryChart.get(lang)} desc={DashT::IndustryDesc.get(lang)}
                    columns={(AttrValue::from(DashT::Industry.get(lang)), AttrValue::from(DashT::Jobs.get(lang)))}
                    bars={industry_bars(lang, figures)} />
                <BarChart id="chart-fill" title={DashT::FillChart.get(lang)} desc={DashT::FillDesc.get(lang)}
                    columns={(AttrValue::from(DashT::District.get(lang)), AttrValue::from(DashT::Rate.get(lang)))}
                    bars={fill_bars(lang, figures)} />
            </div>

            <h2 class="no-print">{ DashT::ExportTitle.get(lang) }</h2>
            <div class="actions no-print">
                <button type="button" id="csv-fairs" onclick={csv("fairs")}>{ DashT::ExportFairs.get(lang) }</button>
                <button type="button" class="secondary" id="csv-bookings" onclick={csv("bookings")}>{ DashT::ExportBookings.get(lang) }</button>
                <button type="button" class="secondary" id="csv-posts" onclick={csv("posts")}>{ DashT::ExportPosts.get(lang) }</button>
                <button type="button" class="secondary" id="csv-sessions" onclick={csv("sessions")}>{ DashT::Sessions.get(lang) }</button>
                <button type="button" class="secondary" id="print-report" onclick={print}>{ DashT::Print.get(lang) }</button>
            </div>
        </section>
    }
}

/// A campaign's dates, when a series is chosen.
fn f_series_span(state: &State, series: Option<SeriesId>) -> Option<(NaiveDate, NaiveDate)> {
    series.and_then(|s| series_span(state, s))
}

#[derive(Clone)]
struct FiguresProp(Figures);

impl PartialEq for FiguresProp {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

#[derive(Properties, PartialEq)]
struct BreakdownProps {
    figures: FiguresProp,
    filter: Filter,
    /// A number was chosen: narrow the filter to its fairs.
    on_pick: Callback<Filter>,
}

/// Fairs held by mode, series, district and industry; each number narrows the dashboard to its
/// fairs and opens the list of them.
#[component]
fn Breakdowns(props: &BreakdownProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let state: &State = &app.view();
    let f = &props.figures.0;
    let pick = |next: Filter| {
        let on_pick = props.on_pick.clone();
        Callback::from(move |_: MouseEvent| on_pick.emit(next.clone()))
    };
    let base = props.filter.clone();
    let group = |id: &'static str, title: DashT, items: Vec<(String, u64, Filter)>| {
        html! {
            <div class="breakdown" id={id}>
                <h3>{ title.get(lang) }</h3>
                <ul>
                    { for items.into_iter().map(|(label, n, next)| html! {
                        <li>
                            <span class="breakdown-label">{ label.clone() }</span>
                            <button type="button" class="link breakdown-count" aria-label={format!("{label}{}{n}", crate::i18n::colon(lang))} onclick={pick(next)}>{ num(n) }</button>
                        </li>
                    }) }
                </ul>
            </div>
        }
    };
    let modes = f
        .by_mode
        .iter()
        .map(|(m, n)| (mode(lang, *m).to_owned(), *n, Filter { mode: Some(*m), ..base.clone() }))
        .collect();
    let series = f
        .by_series
        .iter()
        .map(|(id, n)| {
            let name = state.series.get(id).map(|s| s.name.clone()).unwrap_or_else(|| id.to_string());
            (name, *n, Filter { series: Some(*id), ..base.clone() })
        })
        .collect();
    let districts = f
        .by_district
        .iter()
        .map(|(d, n)| (lang.pick(d.zh(), d.en()).to_owned(), *n, Filter { district: Some(*d), ..base.clone() }))
        .collect();
    let industries = f
        .by_industry
        .iter()
        .map(|(i, n)| (lang.pick(i.zh(), i.en()).to_owned(), *n, Filter { industry: Some(*i), ..base.clone() }))
        .collect();
    if f.fairs_held == 0 {
        return html! {};
    }
    html! {
        <section class="breakdowns" aria-labelledby="breakdown-title">
            <h2 id="breakdown-title">{ DashT::Breakdown.get(lang) }</h2>
            <div class="breakdown-groups">
                { group("by-mode", DashT::ByMode, modes) }
                { group("by-series", DashT::BySeries, series) }
                { group("by-district", DashT::ByDistrict, districts) }
                { group("by-industry", DashT::ByIndustry, industries) }
            </div>
        </section>
    }
}

fn period_text(f: &Filter) -> Option<String> {
    match (f.from, f.to) {
        (None, None) => None,
        (a, b) => Some(format!(
            "{} – {}",
            a.map(|d| d.to_string()).unwrap_or_default(),
            b.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
}

fn industry_bars(lang: Lang, f: &Figures) -> Vec<Bar> {
    let mut v: Vec<_> = f.jobs_by_industry.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1));
    v.into_iter()
        .map(|(i, n)| Bar { label: lang.pick(i.zh(), i.en()).into(), value: *n as f64, text: num(*n) })
        .collect()
}

fn fill_bars(lang: Lang, f: &Figures) -> Vec<Bar> {
    f.fill_by_district
        .iter()
        .filter(|(_, (_, total))| *total > 0)
        .map(|(d, (booked, total))| {
            let rate = *booked as f64 / *total as f64;
            Bar {
                label: lang.pick(d.zh(), d.en()).into(),
                value: rate,
                text: format!("{:.0}% ({booked}/{total})", rate * 100.0),
            }
        })
        .collect()
}

#[derive(Clone)]
struct RowsProp(Rows);

impl PartialEq for RowsProp {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

#[derive(Properties, PartialEq)]
struct DrillProps {
    which: u8,
    rows: RowsProp,
}

/// Each row of a drill-down, in CSS pixels.
const DRILL_ROW_HEIGHT: u32 = 44;

/// The ids behind the figure a drill-down shows, in its order (the row callback asks by place).
fn drill_ids(which: u8, rows: &Rows) -> Vec<uuid::Uuid> {
    match which {
        x if x == Drill::Enterprises as u8 => rows.enterprises.iter().map(|e| e.0).collect(),
        x if x == Drill::Jobs as u8 => rows.posts.iter().map(|p| p.0).collect(),
        x if x == Drill::Bookings as u8 => rows.bookings.iter().map(|b| b.0).collect(),
        x if x == Drill::Sessions as u8 => rows.sessions.iter().map(|x| x.0).collect(),
        _ => rows.fairs.iter().map(|f| f.0).collect(),
    }
}

/// The rows behind a figure, each linking to its page and to the events about it. A city's
/// season has tens of thousands (25,600 enterprises, 30,000 posts, 27,000 bookings): only the
/// rows in view are rendered.
#[component]
fn DrillDown(props: &DrillProps) -> Html {
    use fairlog_domain::ids::{BookingId, EnterpriseId, FairId, PostId, SessionId};
    let app = use_app();
    let lang = use_prefs().lang;
    let which = props.which;
    let ids = use_memo((which, props.rows.clone()), |(which, rows)| drill_ids(*which, &rows.0));
    let th = |t: DashT| html! { <div role="columnheader">{ t.get(lang) }</div> };
    let num_th = |t: DashT| html! { <div role="columnheader" class="num">{ t.get(lang) }</div> };
    let blank = html! { <div role="columnheader"></div> };
    let (title, class, header) = match which {
        x if x == Drill::Fairs as u8 || x == Drill::Outcomes as u8 => (
            DashT::FairsHeld,
            "drill-fairs",
            html! { <>
                { th(DashT::Name) }{ th(DashT::When) }{ th(DashT::Status) }{ num_th(DashT::Visitors) }
                { num_th(DashT::Applications) }{ num_th(DashT::Hires) }{ num_th(DashT::BackToWork) }{ blank }
            </> },
        ),
        x if x == Drill::Sessions as u8 => (
            DashT::Sessions,
            "drill-sessions",
            html! { <>
                { th(DashT::Session) }{ th(DashT::When) }{ num_th(DashT::SessionViewers) }{ num_th(DashT::SessionApplications) }{ blank }
            </> },
        ),
        x if x == Drill::Enterprises as u8 => (
            DashT::Enterprises,
            "drill-enterprises",
            html! { <>{ th(DashT::Enterprise) }{ th(DashT::CreditCode) }{ th(DashT::Key) }{ blank }</> },
        ),
        x if x == Drill::Jobs as u8 => (
            DashT::JobsOffered,
            "drill-posts",
            html! { <>{ th(DashT::Post) }{ th(DashT::Enterprise) }{ num_th(DashT::Headcount) }{ th(DashT::Fair) }{ blank }</> },
        ),
        _ => (
            DashT::Booths,
            "drill-bookings",
            html! { <>{ th(DashT::Enterprise) }{ th(DashT::Fair) }{ th(DashT::Booth) }{ blank }</> },
        ),
    };
    let row = {
        let (app, ids) = (app.clone(), ids.clone());
        Callback::from(move |i: usize| {
            let view = app.view();
            let state: &State = &view;
            let Some(id) = ids.get(i).copied() else { return html! {} };
            let events = |id: uuid::Uuid| html! { <div role="cell"><a class="events-link" href={format!("#/history?entity={id}")}>{ DashT::Events.get(lang) }</a></div> };
            let fair_name = |id: &FairId| state.fairs.get(id).map(|f| f.details.name.clone()).unwrap_or_default();
            let cells = match which {
                x if x == Drill::Fairs as u8 || x == Drill::Outcomes as u8 => {
                    let Some(f) = state.fairs.get(&FairId(id)) else { return html! {} };
                    let o = f.outcome.unwrap_or_default();
                    html! { <>
                        <div role="cell"><Link<Route> to={Route::Fair { id: f.id.to_string() }}>{ f.details.name.clone() }</Link<Route>></div>
                        <div role="cell" class="nowrap">{ format::schedule(lang, f.details.schedule.as_ref()) }</div>
                        <div role="cell">{ status(lang, f.status.kind()) }</div>
                        <div role="cell" class="num">{ num(o.visitors as u64) }</div>
                        <div role="cell" class="num">{ num(o.applications as u64) }</div>
                        <div role="cell" class="num">{ num(o.hires as u64) }</div>
                        <div role="cell" class="num">{ num(o.returned_to_work as u64) }</div>
                        <div role="cell"><a class="events-link" href={format!("#/history?fair={}", f.id)}>{ DashT::Events.get(lang) }</a></div>
                    </> }
                }
                x if x == Drill::Sessions as u8 => {
                    let Some(x) = state.live_sessions.get(&SessionId(id)) else { return html! {} };
                    let o = x.outcome.as_ref();
                    html! { <>
                        <div role="cell"><Link<Route> to={Route::LiveSession { id: x.id.to_string() }}>{ x.plan.title.clone() }</Link<Route>></div>
                        <div role="cell" class="nowrap">{ to_local(x.plan.start).format("%Y-%m-%d %H:%M").to_string() }</div>
                        <div role="cell" class="num">{ o.map(|o| num(o.peak_viewers as u64)).unwrap_or_default() }</div>
                        <div role="cell" class="num">{ o.map(|o| num(o.total_applications())).unwrap_or_default() }</div>
                        { events(x.id.0) }
                    </> }
                }
                x if x == Drill::Enterprises as u8 => {
                    let Some(e) = state.enterprises.get(&EnterpriseId(id)) else { return html! {} };
                    html! { <>
                        <div role="cell">{ e.profile.name.clone() }</div>
                        <div role="cell">{ e.profile.credit_code.clone() }</div>
                        <div role="cell">{ if e.key.is_some() { "★" } else { "" } }</div>
                        { events(e.id.0) }
                    </> }
                }
                x if x == Drill::Jobs as u8 => {
                    let Some(p) = state.posts.get(&PostId(id)) else { return html! {} };
                    html! { <>
                        <div role="cell">{ p.details.title.clone() }</div>
                        <div role="cell">{ state.enterprises.get(&p.enterprise_id).map(|e| e.profile.name.clone()).unwrap_or_default() }</div>
                        <div role="cell" class="num">{ p.details.headcount }</div>
                        <div role="cell">{ p.details.fairs.iter().map(fair_name).collect::<Vec<_>>().join("；") }</div>
                        { events(p.id.0) }
                    </> }
                }
                _ => {
                    let Some(b) = state.bookings.get(&BookingId(id)) else { return html! {} };
                    let booth = b
                        .booth_id
                        .and_then(|id| {
                            state.floor_plans.get(&b.fair_id).and_then(|p| p.booths.get(&id)).map(|x| x.code.clone())
                        })
                        .unwrap_or_else(|| lang.pick("虚拟展位", "virtual").into());
                    html! { <>
                        <div role="cell">{ state.enterprises.get(&b.enterprise_id).map(|e| e.profile.name.clone()).unwrap_or_default() }</div>
                        <div role="cell">{ fair_name(&b.fair_id) }</div>
                        <div role="cell">{ booth }</div>
                        { events(b.id.0) }
                    </> }
                }
            };
            html! { <div class="vlist-cells" key={id.to_string()}>{ cells }</div> }
        })
    };
    let count = fill(DashT::DrillCount.get(lang), &[("n", num(ids.len() as u64))]);
    html! {
        <section class="drill" id="drill">
            <h2>{ fill(DashT::Behind.get(lang), &[("what", title.get(lang).to_owned())]) }</h2>
            if ids.is_empty() {
                <p class="muted">{ DashT::NoRows.get(lang) }</p>
            } else {
                <VirtualList id="drill-list" class={classes!(class)} len={ids.len()} row_height={DRILL_ROW_HEIGHT}
                    label={fill(DashT::Behind.get(lang), &[("what", title.get(lang).to_owned())])}
                    count={AttrValue::from(count)} header={header} row={row} reset={format!("{which}")} />
            }
        </section>
    }
}
