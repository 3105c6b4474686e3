//! Texts of the livestream ("直播带岗") screens, and the livestream conflicts in words (its broken
//! rules are in `error_text`, with every other domain error).
use fairlog_domain::host::{Platform, UrlProblem};
use fairlog_domain::livestream::{Conflict, ConflictKind, Invitation, SessionStatus, Severity};
use fairlog_domain::State;

use crate::i18n::{fill, Lang};

crate::texts! {
pub enum LT {
    NavLive => "直播带岗", "Livestreams";
    ActingFor => "代表", "Acting for";
    ChooseSubject => "（选择主播或单位）", "(choose host or enterprise)";
    LiveTitle => "直播带岗排期", "Livestream schedule";
    NewSession => "新建直播", "New session";
    Setup => "主播与直播间", "Hosts and channels";
    Invitations => "直播邀请", "Invitations";
    PublicSchedule => "公开排期（可打印）", "Public schedule (printable)";
    ViewWeek => "周视图", "Week";
    ViewDay => "日视图", "Day";
    ByChannel => "按直播间", "By channel";
    ByHost => "按主播", "By host";
    Previous => "上一段", "Previous";
    Next => "下一段", "Next";
    Today => "本周", "This week";
    TimelineLabel => "直播时间轴", "Livestream timeline";
    TimelineHelp => "拖动直播块可改期（可跨天），拖动右边缘可调整时长。键盘：选中直播块后，←/→ 移动 15 分钟，↑/↓ 移动一天，Shift+←/→ 调整时长，Enter 确认，Esc 取消。拖动时下方实时显示冲突。",
        "Drag a session to move it (also to another day), drag its right edge to change its length. Keyboard: focus a session, ←/→ moves 15 minutes, ↑/↓ one day, Shift+←/→ changes the length, Enter confirms, Esc cancels. Conflicts show below while you move.";
    NoChannels => "还没有直播间。组织方可在“主播与直播间”中添加。", "No channels yet. Organizers add them under “Hosts and channels”.";
    NoHosts => "还没有主播。", "No hosts yet.";
    LiveConflicts => "此位置的冲突", "Conflicts at this position";
    NoConflictHere => "此位置没有冲突。", "No conflict at this position.";
    HardLabel => "冲突（不能排期）", "Conflict (blocks scheduling)";
    SoftLabel => "提醒（可接受）", "Warning (may be accepted)";
    MovePending => "移动“{title}”到 {when}？", "Move “{title}” to {when}?";
    AcceptAndMove => "接受提醒并移动", "Accept the warnings and move";
    AcceptAndSchedule => "接受提醒并排期", "Accept the warnings and schedule";
    AcceptAndSave => "接受提醒并保存", "Accept the warnings and save";
    Refused => "未保存：", "Not saved:";
    WarningsNeedAcceptance => "有以下提醒，确认后才会保存：", "These warnings must be accepted before saving:";
    Dismiss => "关闭", "Dismiss";
    KeepAsIs => "保持原样", "Keep as it was";
    Sessions => "直播场次", "Sessions";
    ColTitle => "直播", "Session";
    ColWhen => "时间（北京时间）", "When (Shanghai time)";
    ColHosts => "主播", "Hosts";
    ColChannel => "直播间", "Channel";
    ColFair => "关联招聘会", "Linked fair";
    ColStatus => "状态", "Status";
    ColLineup => "参与单位", "Line-up";
    NoSessions => "还没有直播场次。", "No sessions yet.";
    FieldTitle => "直播标题", "Title";
    FieldHosts => "主播（可多选）", "Hosts (one or more)";
    FieldChannel => "直播间", "Channel";
    FieldStart => "开始时间", "Start";
    FieldMinutes => "时长（分钟）", "Length (minutes)";
    FieldFair => "关联招聘会（可选）", "Linked fair (optional)";
    NoFair => "（不关联）", "(none)";
    SavePlan => "保存为草稿", "Save as draft";
    SaveChanges => "保存修改", "Save changes";
    NewSessionTitle => "新建直播（草稿）", "New session (draft)";
    EditSessionTitle => "修改直播", "Change session";
    SessionNotFound => "找不到这场直播。", "This session does not exist.";
    Schedule => "排期（发布到日程）", "Put on the schedule";
    GoLive => "开始直播", "Go live";
    EndSession => "结束直播并登记成效", "End and record outcomes";
    CancelSession => "取消直播", "Cancel session";
    ConfirmCancel => "确认取消", "Confirm cancellation";
    CancelReason => "取消原因", "Reason";
    Edit => "修改", "Change";
    Lineup => "参与单位与岗位", "Line-up: enterprises and posts";
    LineupEmpty => "还没有邀请单位。", "No enterprise invited yet.";
    Invite => "邀请单位", "Invite an enterprise";
    FieldEnterprise => "单位", "Enterprise";
    FieldPosts => "推介岗位", "Posts to present";
    FieldSlotStart => "从第几分钟开始", "Starts at minute";
    FieldSlotMinutes => "时长（分钟）", "Minutes";
    SendInvitation => "发送邀请", "Send invitation";
    ChangeSlot => "修改时段", "Change slot";
    SaveFeature => "保存时段与岗位", "Save slot and posts";
    Remove => "移出", "Remove";
    Slot => "时段", "Slot";
    Answer => "答复", "Answer";
    Accept => "接受", "Accept";
    Decline => "婉拒", "Decline";
    DeclineReason => "婉拒原因", "Reason for declining";
    PeakViewers => "最高在线人数", "Peak viewers";
    Applications => "收到简历 / 报名", "Applications received";
    SaveOutcome => "结束并保存", "End and save";
    Outcomes => "直播成效", "Outcomes";
    TotalApplications => "合计 {n} 份", "{n} in all";
    ConflictsNow => "当前冲突与提醒", "Conflicts and warnings now";
    AcceptedWarnings => "已接受的提醒", "Accepted warnings";
    ExportIcs => "导出日历 (ICS)", "Export calendar (ICS)";
    ExportHostIcs => "主播日历", "Host calendar";
    ExportChannelIcs => "直播间日历", "Channel calendar";
    ExportFairIcs => "招聘会直播日历", "Fair's livestream calendar";
    ExportAllIcs => "全部直播日历", "Calendar of all sessions";
    Print => "打印", "Print";
    OnlyManagers => "只有组织方和本场主播可以修改这场直播。请在右上角切换身份。", "Only organizers and this session's hosts can change it. Switch role at the top right.";
    OnlyOrganizers => "只有组织方可以管理直播间和白名单。", "Only organizers manage channels and the allowlist.";
    ChooseEnterpriseFirst => "请先在右上角选择你代表的单位。", "First choose the enterprise you act for at the top right.";
    NoInvitations => "暂无直播邀请。", "No invitations.";
    InvitationsFor => "{name} 的直播邀请", "Invitations for {name}";
    Hosts => "主播", "Hosts";
    Channels => "直播间", "Channels";
    Allowlist => "直播地址白名单", "Streaming sites allowlist";
    AllowlistHint => "直播间地址必须是 https:// 开头，且域名在此名单中（含其子域名）。", "A channel's stream URL must start with https:// and its domain must be on this list (subdomains included).";
    FieldDomain => "域名", "Domain";
    AddDomain => "加入白名单", "Add to the list";
    RegisterHost => "登记主播", "Register a host";
    FieldName => "姓名", "Name";
    FieldHostTitle => "职务", "Title";
    FieldOrganisation => "单位", "Organisation";
    Availability => "可出镜时间", "Availability";
    AvailabilityAny => "未填写（任何时间）", "Not stated (any time)";
    AddWindow => "添加时间段", "Add a window";
    FieldWindowStart => "从", "From";
    FieldWindowEnd => "到", "To";
    AddChannel => "添加直播间", "Add a channel";
    FieldChannelName => "直播间名称", "Channel name";
    FieldPlatform => "平台", "Platform";
    FieldStreamUrl => "直播地址", "Stream URL";
    Add => "添加", "Add";
    Clear => "清空", "Clear";
    PublicTitle => "直播带岗日程", "Livestream schedule";
    PublicIntro => "以下为已排期的直播带岗场次（北京时间）。", "Scheduled livestream sessions (Shanghai time).";
    BenchTitle => "时间轴性能测量", "Timeline measurement";
    Minutes => "{n} 分钟", "{n} min";
}
}

pub fn status(lang: Lang, s: &SessionStatus) -> &'static str {
    crate::words::session_status(lang, s)
}

/// "Java 开发工程师（6 人）" / "Java developer (6 people)".
pub fn post_with_headcount(lang: Lang, title: &str, headcount: u32) -> String {
    fill(
        lang.pick("{t}（{n} 人）", "{t} ({n} {n|person|people})"),
        &[("t", title.to_owned()), ("n", headcount.to_string())],
    )
}

pub fn invitation(lang: Lang, i: &Invitation) -> String {
    match i {
        Invitation::Invited => lang.pick("待答复", "Awaiting answer").into(),
        Invitation::Accepted => lang.pick("已接受", "Accepted").into(),
        Invitation::Declined { reason } => format!("{}：{reason}", lang.pick("已婉拒", "Declined")),
    }
}

pub fn platform(lang: Lang, p: Platform) -> &'static str {
    match p {
        Platform::PublicPlatform => lang.pick("公共招聘平台", "Public employment platform"),
        Platform::WeChatChannels => lang.pick("微信视频号", "WeChat Channels"),
        Platform::Douyin => lang.pick("抖音", "Douyin"),
        Platform::Kuaishou => lang.pick("快手", "Kuaishou"),
        Platform::Bilibili => lang.pick("哔哩哔哩", "Bilibili"),
        Platform::Other => lang.pick("其他", "Other"),
    }
}

fn p(lang: Lang, zh: &str, en: &str, params: &[(&str, String)]) -> String {
    fill(lang.pick(zh, en), params)
}

pub fn url_problem(lang: Lang, e: &UrlProblem) -> String {
    match e {
        UrlProblem::Empty => p(lang, "请填写直播地址", "Enter the stream URL", &[]),
        UrlProblem::TooLong { max } => p(
            lang,
            "地址不能超过 {max} 个字符",
            "The URL can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        UrlProblem::NotHttps => p(lang, "只接受以 https:// 开头的地址", "Only https:// addresses are accepted", &[]),
        UrlProblem::Malformed => p(lang, "地址格式不正确", "The address is not well formed", &[]),
        UrlProblem::HasCredentials => {
            p(lang, "地址中不能包含用户名或密码（@）", "An address cannot contain a user name or password (@)", &[])
        }
        UrlProblem::HostNotAllowed { host } => p(
            lang,
            "{host} 不在组织方的直播地址白名单中",
            "{host} is not on the organizer's list of streaming sites",
            &[("host", host.clone())],
        ),
    }
}

/// Names for a conflict's parameters, when the state is at hand.
pub(crate) struct Names<'a>(pub(crate) Option<&'a State>);

impl Names<'_> {
    pub(crate) fn host(&self, lang: Lang, id: fairlog_domain::ids::HostId) -> String {
        self.0
            .and_then(|s| s.hosts.get(&id))
            .map(|h| format!("{}{}", h.profile.name, h.profile.title))
            .unwrap_or_else(|| lang.pick("该主播", "the host").into())
    }
    pub(crate) fn session(&self, lang: Lang, id: fairlog_domain::ids::SessionId) -> String {
        self.0
            .and_then(|s| s.live_sessions.get(&id))
            .map(|x| crate::i18n::paren(lang, &format!("“{}”", x.plan.title), &span(x.plan.start, x.plan.end())))
            .unwrap_or_else(|| lang.pick("另一场直播", "another session").into())
    }
    pub(crate) fn channel(&self, lang: Lang, id: fairlog_domain::ids::ChannelId) -> String {
        self.0
            .and_then(|s| s.channels.get(&id))
            .map(|c| c.details.name.clone())
            .unwrap_or_else(|| lang.pick("该直播间", "the channel").into())
    }
    pub(crate) fn enterprise(&self, lang: Lang, id: fairlog_domain::ids::EnterpriseId) -> String {
        self.0
            .and_then(|s| s.enterprises.get(&id))
            .map(|e| e.profile.name.clone())
            .unwrap_or_else(|| lang.pick("该单位", "the enterprise").into())
    }
    pub(crate) fn fair(&self, lang: Lang, id: fairlog_domain::ids::FairId) -> (String, String) {
        match self.0.and_then(|s| s.fairs.get(&id)) {
            Some(f) => (f.details.name.clone(), crate::format::schedule(lang, f.details.schedule.as_ref())),
            None => (lang.pick("关联的招聘会", "the linked fair").into(), String::new()),
        }
    }
}

/// A conflict in words: what collides with what, and when.
pub fn conflict(lang: Lang, state: Option<&State>, c: &Conflict) -> String {
    let n = Names(state);
    match &c.kind {
        ConflictKind::HostDoubleBooked { host, other } => p(
            lang,
            "{h} 同一时间还在主持{o}，不能同时出镜。",
            "{h} is hosting {o} at the same time and cannot be in two sessions at once.",
            &[("h", n.host(lang, *host)), ("o", n.session(lang, *other))],
        ),
        ConflictKind::HostUnavailable { host } => {
            let windows = state
                .and_then(|s| s.hosts.get(host))
                .map(|h| {
                    h.availability.iter().map(|w| span(w.start, w.end)).collect::<Vec<_>>().join(lang.pick("；", "; "))
                })
                .unwrap_or_default();
            p(
                lang,
                "{h} 这段时间不在可出镜时间内（可出镜：{w}）。",
                "{h} is not available then (available: {w}).",
                &[("h", n.host(lang, *host)), ("w", windows)],
            )
        }
        ConflictKind::HostBackToBack { host, other, gap_minutes } => p(
            lang,
            "{h} 与{o}之间只隔 {g} 分钟（建议至少 30 分钟）。",
            "{h} has only {g} minutes between this and {o} (30 minutes or more is advised).",
            &[("h", n.host(lang, *host)), ("o", n.session(lang, *other)), ("g", gap_minutes.to_string())],
        ),
        ConflictKind::ChannelDoubleBooked { channel, other } => p(
            lang,
            "直播间“{c}”同一时间已安排{o}。",
            "Channel “{c}” already carries {o} at the same time.",
            &[("c", n.channel(lang, *channel)), ("o", n.session(lang, *other))],
        ),
        ConflictKind::EnterpriseDoubleBooked { enterprise, other } => p(
            lang,
            "{e} 的出镜时段与它在{o}中的时段重叠，代表不能同时出现在两场直播中。",
            "{e}'s slot overlaps its slot in {o}; its representative cannot be in two sessions at once.",
            &[("e", n.enterprise(lang, *enterprise)), ("o", n.session(lang, *other))],
        ),
        ConflictKind::EnterpriseAtBooth { enterprise, fair } => {
            let (name, when) = n.fair(lang, *fair);
            p(
                lang,
                "{e} 在“{f}”有展位（{w}），出镜时段与展位时间重叠；需另派人员值守展位。",
                "{e} has a booth at “{f}” ({w}) during its slot; someone else must staff the booth.",
                &[("e", n.enterprise(lang, *enterprise)), ("f", name), ("w", when)],
            )
        }
        ConflictKind::OutsideFairDates { fair } => {
            let (name, when) = n.fair(lang, *fair);
            p(
                lang,
                "直播关联了“{f}”，但不在招聘会日期内（{w}）。",
                "The session is linked to “{f}” but falls outside the fair's dates ({w}).",
                &[("f", name), ("w", when)],
            )
        }
        ConflictKind::LineupOverflow { enterprise, overflow_minutes } => p(
            lang,
            "{e} 的时段超出直播结束时间 {m} 分钟。",
            "{e}'s slot runs {m} minutes past the end of the session.",
            &[("e", n.enterprise(lang, *enterprise)), ("m", overflow_minutes.to_string())],
        ),
    }
}

pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Hard => LT::HardLabel.get(lang),
        Severity::Soft => LT::SoftLabel.get(lang),
    }
}

/// A time span in Shanghai time: `2026-03-14 19:00–20:30`, or both ends in full across days.
pub fn span(start: chrono::DateTime<chrono::Utc>, end: chrono::DateTime<chrono::Utc>) -> String {
    let (a, b) = (fairlog_domain::time::to_local(start), fairlog_domain::time::to_local(end));
    if a.date() == b.date() {
        format!("{} {}–{}", a.format("%Y-%m-%d"), a.format("%H:%M"), b.format("%H:%M"))
    } else {
        format!("{} → {}", a.format("%Y-%m-%d %H:%M"), b.format("%Y-%m-%d %H:%M"))
    }
}

pub use crate::error_text::{host_error, livestream_error, livestream_error_in};
