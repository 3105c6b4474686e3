//! Texts and small helpers shared by the organizer's pages (series, floor plans, approvals, key
//! enterprises, commissioners).
use fairlog_domain::booking::BookingStatus;
use fairlog_domain::enterprise::KeyCategory;
use fairlog_domain::fair::{FairChangeKind, Schedule};
use yew::Callback;

use crate::components::ui_error;
use crate::i18n::{fill, Lang};
use crate::store::UiError;

crate::texts! {
pub enum OT {
    // Series
    SeriesTitle => "系列活动", "Series";
    NewSeries => "新建系列活动", "New series";
    SeriesName => "系列活动名称", "Series name";
    SeriesKind => "类型", "Kind";
    KindThousands => "千企万岗", "Thousands of Enterprises, Thousands of Posts";
    KindIndustry => "行业专场系列", "Industry special series";
    KindTour => "劳务协作招聘行", "Recruitment tour to a partner region";
    KindCampaign => "专项行动", "Campaign";
    PartnerRegion => "对口地区", "Partner region";
    CreateSeries => "创建系列活动", "Create series";
    FairsInSeries => "{n} 场招聘会", "{n} {n|fair|fairs}";
    NoSeriesYet => "还没有系列活动。", "No series yet.";
    ShowFairs => "查看招聘会", "Show its fairs";
    // Fair list and calendar
    Search => "按名称搜索", "Search by name";
    AllSeries => "全部系列", "All series";
    AllDistricts => "全部区", "All districts";
    AllIndustries => "全部行业", "All industries";
    AllModes => "全部形式", "All modes";
    AllStatuses => "全部状态", "All statuses";
    ClearFilters => "清除筛选", "Clear filters";
    Filters => "筛选", "Filters";
    ViewList => "列表", "List";
    ViewMonth => "月历", "Month";
    ViewWeek => "周历", "Week";
    Previous => "上一页", "Previous";
    Next => "下一页", "Next";
    Today => "今天", "Today";
    MatchCount => "符合条件 {n} 场（共 {total} 场）", "{n} of {total} {total|fair|fairs}";
    NoMatch => "没有符合条件的招聘会。", "No job fair matches these filters.";
    Unscheduled => "未排期：{n} 场", "Not scheduled: {n}";
    CalendarOf => "{y} 年 {m} 月", "{m}/{y}";
    WeekOf => "{from} 至 {to}", "{from} to {to}";
    // Fair page
    FloorPlanLink => "展位图", "Floor plan";
    RequestsLink => "展位申请审批（{n} 待审批）", "Booth requests ({n} waiting)";
    BoothSummary => "展位：共 {total} 个，空闲 {free}，待审批 {requested}，已预订 {booked}，不可用 {blocked}", "Booths: {total} in all, {free} free, {requested} awaiting approval, {booked} booked, {blocked} blocked";
    VirtualSummary => "虚拟展位：{taken} / {total} 已占用", "Virtual booths: {taken} of {total} taken";
    AffectedCount => "已有 {n} 家企业申请或预订了展位；修改时间、地点或取消都会通知他们：", "{n} {n|enterprise has|enterprises have} requested or booked booths; new dates, a new venue or a cancellation will be shown to them:";
    ReloadLatest => "载入最新版本后再修改", "Load the latest version and edit again";
    // Fair changes shown to enterprises
    NoticesTitle => "你预订的招聘会有变动", "Changes to fairs you booked";
    ChangeRescheduled => "时间改为 {to}（原为 {from}）", "Now {to} (was {from})";
    ChangeMoved => "地点改为 {to}（原为 {from}）", "Now at {to} (was {from})";
    ChangeCancelled => "已取消，原因：{reason}", "Cancelled: {reason}";
    ChangePostponed => "延期举办：{from} → {to}，原因：{reason}", "Postponed: {from} → {to}; reason: {reason}";
    ChangedAt => "变更时间 {at}", "changed {at}";
    // Key enterprises
    KeyTitle => "重点企业与服务专员", "Key enterprises and service commissioners";
    KeyIntro => "标记重点企业（重大项目、重点产业、保供企业），并为企业指定就业服务专员。", "Mark key enterprises (major project, key industry, supply guarantee) and assign each an employment service commissioner.";
    ColEnterprise => "企业", "Enterprise";
    ColKey => "重点企业类别", "Key enterprise";
    ColCommissioner => "就业服务专员", "Service commissioner";
    ColBookings => "展位", "Booths";
    NotKey => "非重点企业", "Not a key enterprise";
    Assign => "指定", "Assign";
    Unassign => "撤销指派", "Unassign";
    Rename => "重命名", "Rename";
    CancelEdit => "取消", "Cancel";
    OnlyKey => "只看重点企业", "Key enterprises only";
    NoEnterprises => "还没有登记的企业。", "No enterprises registered yet.";
    // Commissioner
    CommissionerTitle => "服务专员的企业", "A commissioner's enterprises";
    CommissionerPick => "服务专员", "Commissioner";
    NoCommissioned => "{name} 还没有负责的企业。重点企业页面可以指定服务专员。", "{name} serves no enterprise yet. Assign commissioners on the key enterprises page.";
    OpenPosts => "在招岗位", "Open posts";
    JobsOffered => "提供岗位 {n} 个", "{n} {n|job|jobs} offered";
    NoPosts => "暂无在招岗位", "No open posts";
    NoBookings => "暂无展位申请", "No booth requests";
    Contact => "联系人", "Contact";
    Headcount => "招聘 {n} 人", "{n} wanted";
    VirtualBooth => "虚拟展位", "Virtual booth";
}
}

pub fn key_category(lang: Lang, k: KeyCategory) -> &'static str {
    crate::words::key_category(lang, k)
}

pub fn booking_status(lang: Lang, s: &BookingStatus) -> &'static str {
    crate::words::booking_status(lang, s)
}

/// What changed at a fair, in a sentence.
pub fn fair_change(lang: Lang, kind: &FairChangeKind) -> String {
    let sched = |s: &Option<Schedule>| crate::format::schedule(lang, s.as_ref());
    let venue = |v: &Option<fairlog_domain::fair::Venue>| match v {
        None => "—".to_owned(),
        Some(v) => crate::format::place(lang, v),
    };
    match kind {
        FairChangeKind::Rescheduled { from, to } => {
            fill(OT::ChangeRescheduled.get(lang), &[("from", sched(from)), ("to", sched(to))])
        }
        FairChangeKind::Moved { from, to } => {
            fill(OT::ChangeMoved.get(lang), &[("from", venue(from)), ("to", venue(to))])
        }
        FairChangeKind::Cancelled { reason } => fill(OT::ChangeCancelled.get(lang), &[("reason", reason.clone())]),
        FairChangeKind::Postponed { from, to, reason } => fill(
            OT::ChangePostponed.get(lang),
            &[("from", sched(from)), ("to", sched(&Some(*to))), ("reason", reason.clone())],
        ),
    }
}

/// A refusal, and the form field it is about (if the domain names one). `use_command` keeps
/// the last one of its form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problem {
    pub field: Option<&'static str>,
    pub text: String,
}

impl Problem {
    pub fn of(lang: Lang, e: &UiError) -> Problem {
        let field = match e {
            UiError::Rule(r) => r.field(),
            _ => None,
        };
        Problem { field, text: ui_error(lang, e) }
    }

    /// The message if it is about `field`.
    pub fn at(p: &Option<Problem>, field: &str) -> Option<String> {
        p.as_ref().filter(|p| p.field == Some(field)).map(|p| p.text.clone())
    }

    /// The message if it is about none of `fields` (shown above the form).
    pub fn other(p: &Option<Problem>, fields: &[&str]) -> Option<String> {
        p.as_ref().filter(|p| p.field.is_none_or(|f| !fields.contains(&f))).map(|p| p.text.clone())
    }
}

/// A callback that stores a text input's value.
pub fn set_text(state: &yew::UseStateHandle<String>) -> Callback<yew::InputEvent> {
    let state = state.clone();
    Callback::from(move |e: yew::InputEvent| state.set(crate::components::input_value(&e)))
}

/// A callback that stores a select's value.
pub fn set_choice(state: &yew::UseStateHandle<String>) -> Callback<yew::Event> {
    let state = state.clone();
    Callback::from(move |e: yew::Event| state.set(crate::components::input_value(&e)))
}
