//! All UI text, in zh-CN (default) and en. Keys are an enum, so a missing translation is a
//! compile error. Domain errors are translated here from their code and parameters.
use fairlog_domain::codec::CodecError;
use fairlog_domain::fair::{BoothKind, FairMode, FairStatusKind};
use fairlog_domain::series::SeriesKind;
use fairlog_domain::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    pub fn from_tag(s: &str) -> Option<Lang> {
        match s {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
    /// Pick the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Declare a set of UI texts: `texts! { pub enum MyT { Key => "中文", "English"; ... } }`.
/// Each feature module may declare its own set next to its pages, so features grow
/// independently; a missing translation does not compile.
#[macro_export]
macro_rules! texts {
    ($vis:vis enum $name:ident { $($key:ident => $zh:expr, $en:expr;)* }) => {
        /// UI text keys.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($key),* }

        impl $name {
            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $($name::$key => lang.pick($zh, $en)),* }
            }
        }

        // Both languages fill in the same parameters: checked when the app compiles.
        $(const _: () = assert!(
            $crate::i18n::same_placeholders($zh, $en),
            concat!("the zh-CN and en texts of ", stringify!($name), "::", stringify!($key), " use different placeholders")
        );)*
    };
}

/// Do both texts use the same placeholders (`{n}`; `{n|fair|fairs}` counts as `n`)? Evaluated at
/// compile time for every text declared with `texts!`.
pub const fn same_placeholders(a: &str, b: &str) -> bool {
    covers(a.as_bytes(), b.as_bytes()) && covers(b.as_bytes(), a.as_bytes())
}

/// Is every placeholder of `a` also in `b`?
const fn covers(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() {
        if a[i] == b'{' {
            let start = i + 1;
            let mut end = start;
            while end < a.len() && a[end] != b'}' && a[end] != b'|' {
                end += 1;
            }
            if !has_placeholder(b, a, start, end) {
                return false;
            }
            i = end;
        }
        i += 1;
    }
    true
}

/// Does `b` hold the placeholder named `a[start..end]`?
const fn has_placeholder(b: &[u8], a: &[u8], start: usize, end: usize) -> bool {
    let n = end - start;
    let mut j = 0;
    while j + n + 1 < b.len() {
        if b[j] == b'{' && (b[j + 1 + n] == b'}' || b[j + 1 + n] == b'|') {
            let mut k = 0;
            let mut same = true;
            while k < n {
                if b[j + 1 + k] != a[start + k] {
                    same = false;
                }
                k += 1;
            }
            if same {
                return true;
            }
        }
        j += 1;
    }
    false
}

texts! {
pub enum T {
    AppTitle => "Fairlog 招聘会排期", "Fairlog job fair scheduler";
    SkipToContent => "跳到正文", "Skip to content";
    NavFairs => "招聘会", "Job fairs";
    NavNewFair => "新建招聘会", "New job fair";
    NavHistory => "历史记录", "History";
    NavDashboard => "数据看板", "Figures";
    NavData => "数据", "Data";
    NavSeries => "系列活动", "Series";
    NavKeyEnterprises => "重点企业", "Key enterprises";
    NavCommissioner => "服务专员", "Commissioner";
    ActingFor => "代表的企业", "Acting for";
    ActingForNone => "（选择企业）", "(choose an enterprise)";
    SwitchLang => "English", "中文";
    SwitchLangLabel => "切换到英文", "Switch to Chinese";
    ActingAs => "当前身份", "Acting as";
    ActorName => "姓名", "Name";
    RoleOrganizer => "组织方（人社部门）", "Organizer (employment service)";
    RoleEnterprise => "用人单位", "Enterprise";
    RoleHost => "主播 / 嘉宾", "Host";
    Loading => "正在读取本地数据…", "Reading local data…";
    ReadingEarlier => "正在读取更早的事件…", "Reading the earlier events…";
    EarlierFailed => "更早的事件暂时无法读取：这台设备从服务器的快照开始，更早的事件需要连接服务器读取。连接后再试。", "The earlier events cannot be read now: this device started from the server's snapshot, and the earlier events are read from the server. Try again once connected.";
    TryAgain => "重试", "Try again";
    FairsTitle => "招聘会", "Job fairs";
    FairsCount => "共 {n} 场", "{n} {n|fair|fairs}";
    WelcomeTitle => "欢迎使用 Fairlog", "Welcome to Fairlog";
    WelcomeBody => "所有数据只保存在本浏览器中，离线也能使用。可以先载入演示数据（根据2022年上海春季促进就业专项行动等公开报道编制），也可以从空白开始。",
        "Everything is stored in this browser only and works offline. Load the demo season (modelled on Shanghai's 2022 spring employment action and related public reports), or start empty.";
    LoadDemo => "载入演示数据", "Load demo data";
    StartEmpty => "从空白开始", "Start empty";
    NoFairsYet => "还没有招聘会。", "No job fairs yet.";
    ColName => "名称", "Name";
    ColSeries => "系列活动", "Series";
    ColMode => "形式", "Mode";
    ColVenue => "地点", "Venue";
    ColDates => "时间（北京时间）", "When (Shanghai time)";
    ColStatus => "状态", "Status";
    NoSeries => "（无）", "(none)";
    NotScheduled => "未定", "Not scheduled";
    OnlineVenue => "线上", "Online";
    NewFairTitle => "新建招聘会", "New job fair";
    EditFairTitle => "编辑招聘会", "Edit job fair";
    FieldName => "名称", "Name";
    FieldSeries => "所属系列活动", "Series";
    FieldIndustry => "行业主题", "Industry theme";
    FieldMode => "举办形式", "Mode";
    FieldVenueKind => "地点类型", "Venue type";
    VenueHall => "场馆（上海市内）", "Hall (in Shanghai)";
    VenueStation => "就业服务站", "Employment service station";
    VenueRemote => "外省市（劳务协作）", "Partner region (recruitment tour)";
    VenueNone => "暂不填写", "Not yet decided";
    FieldDistrict => "所在区", "District";
    FieldAddress => "地址", "Address";
    FieldStation => "服务站名称", "Station name";
    FieldRegion => "地区", "Region";
    FieldStart => "开始时间", "Start";
    FieldEnd => "结束时间", "End";
    FieldCapacity => "预计参会人数", "Expected visitors";
    HintTimes => "时间均为北京时间（Asia/Shanghai）。草稿可以暂不填写时间和地点，发布前必须填写。", "Times are Shanghai time (Asia/Shanghai). A draft may leave dates and venue empty; both are needed to publish.";
    HintCapacity => "可留空", "Optional";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    Cancel => "取消", "Cancel";
    Publish => "发布", "Publish";
    CloseFair => "结束招聘会", "Close fair";
    CancelFair => "取消招聘会", "Cancel fair";
    CancelReason => "取消原因（参会单位和主播可见）", "Reason (shown to enterprises and hosts)";
    ConfirmCancel => "确认取消", "Confirm cancellation";
    KeepFair => "不取消", "Keep the fair";
    Edit => "编辑", "Edit";
    BackToList => "返回列表", "Back to the list";
    FairNotFound => "找不到这场招聘会。", "This job fair does not exist.";
    CancelledBecause => "已取消，原因：{reason}", "Cancelled: {reason}";
    Version => "版本 {n}", "Version {n}";
    SavedNotice => "已保存到本地（第 {n} 条事件）", "Saved locally (event {n})";
    ExportLog => "导出事件日志", "Export event log";
    EventCount => "{n} 条事件", "{n} {n|event|events}";
    OnlyOrganizersHint => "只有组织方可以新建和修改招聘会。请在右上角切换身份。", "Only organizers can create and change job fairs. Switch role at the top right.";
    OnlyOrganizersSignedIn => "只有组织方可以新建和修改招聘会。", "Only organizers can create and change job fairs.";
    InvalidTime => "请输入有效的日期和时间", "Enter a valid date and time";
    InvalidNumber => "请输入正整数", "Enter a whole number";
    StorageCorruptTitle => "本地数据有部分无法读取", "Part of the local data cannot be read";
    StorageCorruptBody => "第 {seq} 条记录无法读取（{detail}）。之前的 {n} 条事件已载入。为避免丢失数据，应用现在为只读：没有删除或覆盖任何记录。请先导出。",
        "Record {seq} cannot be read ({detail}). The {n} events before it are loaded. To avoid losing anything the app is read-only: no record was deleted or overwritten. Export first.";
    ExportReadable => "导出可读取的事件", "Export readable events";
    ExportRaw => "导出全部原始记录", "Export all raw records";
    StorageBlockedTitle => "正在等待其他标签页", "Waiting for other tabs";
    StorageBlockedBody => "另一个打开着 Fairlog 旧版本的标签页占用了本地存储。请关闭或刷新其他 Fairlog 标签页，本页会自动继续加载。没有写入或删除任何数据。", "Another tab with an older version of Fairlog is holding the local store. Close or reload the other Fairlog tabs and this page will carry on loading. Nothing was written or deleted.";
    StorageUnavailableTitle => "无法打开本地存储", "Local storage cannot be opened";
    StorageUnavailableBody => "浏览器拒绝打开 IndexedDB（可能是隐私模式、存储被禁用或另一个标签页正在升级）。没有写入或删除任何数据。详情：{detail}",
        "The browser refused to open IndexedDB (private mode, storage disabled, or another tab is upgrading it). Nothing was written or deleted. Details: {detail}";
    ReadOnlyNote => "本地数据处于只读状态，暂时不能保存修改。请先按上方提示导出数据。", "Local data is read-only, so changes cannot be saved. Export your data as the notice above explains.";
    TravelReadOnlyNote => "你正在查看过去某一时刻的数据，不能修改。回到现在后即可保存修改。", "You are looking at the data as it was at a past moment, which cannot be changed. Go back to now to make changes.";
    ReadOnlyRefused => "本地数据处于只读状态，未保存。", "Local data is read-only; nothing was saved.";
    StorageConflict => "另一个标签页刚刚保存了修改，已重新载入，请再试一次。", "Another tab has just saved a change; reloaded, please try again.";
    StorageQuota => "浏览器存储空间已满：这次修改没有保存，已保存的数据没有改动。请导出日志作为备份，在“数据”页删除旧的合并备份，或清理磁盘空间后再试。", "Browser storage is full: this change was not saved, and the saved data is unchanged. Export the log as a backup, delete old merge backups on the Data page, or free disk space, then try again.";
    StorageClosed => "本页已断开与本地存储的连接，请重新载入本页。已保存的数据没有改动。", "This page has let go of the local store; please reload it. The saved data is unchanged.";
    StorageClosedTitle => "请重新载入本页", "Please reload this page";
    StorageClosedBody => "另一个标签页打开了新版本的 Fairlog，需要升级本地存储，本页已断开连接，不能再保存修改。已保存的数据没有丢失，重新载入后即可继续。", "Another tab opened a newer version of Fairlog that needs to upgrade the local store, so this page has let go of it and can no longer save changes. Nothing saved was lost; reload to carry on.";
    ReloadPage => "重新载入", "Reload";
    StorageFailed => "保存失败，未做任何修改：{detail}", "Saving failed, nothing changed: {detail}";
    Dismiss => "关闭", "Dismiss";
    OtherTabUpdated => "已同步其他标签页的修改", "Synced changes from another tab";
    Footer => "数据仅保存在本浏览器（IndexedDB）中。", "Data is kept in this browser only (IndexedDB).";
}
}

/// Put the parameters into a text: `{n}` is the value of `n`; `{n|fair|fairs}` is "fair" when
/// `n` is 1 and "fairs" otherwise (English plurals; Chinese texts need none).
pub fn fill(template: &str, params: &[(&str, String)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in params {
        let open = format!("{{{k}|");
        while let Some(start) = s.find(&open) {
            let Some(len) = s[start..].find('}') else { break };
            let inner = &s[start + open.len()..start + len];
            let (one, many) = inner.split_once('|').unwrap_or((inner, inner));
            let word = if v.trim() == "1" { one } else { many }.to_owned();
            s.replace_range(start..start + len + 1, &word);
        }
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The colon after a label: full-width in Chinese, "：" / ": ".
pub fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// "名称（说明）" / "name (note)": brackets as each language writes them.
pub fn paren(lang: Lang, text: &str, note: &str) -> String {
    match lang {
        Lang::Zh => format!("{text}（{note}）"),
        Lang::En => format!("{text} ({note})"),
    }
}

/// Between the items of a list written out: "、" / ", ".
pub fn list_sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Organizer => T::RoleOrganizer.get(lang),
        Role::Enterprise => T::RoleEnterprise.get(lang),
        Role::Host => T::RoleHost.get(lang),
    }
}

pub fn mode(lang: Lang, m: FairMode) -> &'static str {
    crate::words::mode(lang, m)
}

/// "实体展位" / "virtual booths": the booths a fair of some mode has or lacks.
pub fn booth_kind(lang: Lang, k: BoothKind) -> &'static str {
    match k {
        BoothKind::Physical => lang.pick("实体展位", "physical booths"),
        BoothKind::Virtual => lang.pick("虚拟展位", "virtual booths"),
    }
}

pub fn status(lang: Lang, s: FairStatusKind) -> &'static str {
    crate::words::fair_status(lang, s)
}

pub fn series_kind(lang: Lang, k: &SeriesKind) -> String {
    match k {
        SeriesKind::ThousandsOfPosts => lang.pick("千企万岗", "Thousands of Enterprises, Thousands of Posts").into(),
        SeriesKind::IndustrySpecial => lang.pick("行业专场", "Industry special").into(),
        SeriesKind::RecruitmentTour { partner_region } => {
            format!("{}: {partner_region}", lang.pick("劳务协作", "Recruitment tour"))
        }
        SeriesKind::Campaign => lang.pick("专项行动", "Campaign").into(),
    }
}

pub use crate::error_text::domain_error;

/// A file or stored record that could not be read, in the user's language.
pub fn codec_error(lang: Lang, e: &CodecError) -> String {
    use CodecError::*;
    let n = |v: &dyn ToString| v.to_string();
    match e {
        Empty => lang.pick("文件是空的", "The file is empty").into(),
        TooLarge { max_bytes } if *max_bytes >= 1 << 30 => fill(
            lang.pick("文件超过 {gb} GB，无法导入（上限 {gb} GB）", "The file is larger than {gb} GB, the most that can be imported"),
            &[("gb", n(&(max_bytes >> 30)))],
        ),
        TooLarge { max_bytes } => fill(lang.pick("文件超过 {mb} MB", "The file is larger than {mb} MB"), &[("mb", n(&(max_bytes / 1024 / 1024)))]),
        NotALog => lang.pick("这不是 Fairlog 事件日志", "This is not a Fairlog event log").into(),
        WrongFormat { found } => fill(lang.pick("未知的文件格式“{f}”", "Unknown file format \"{f}\""), &[("f", found.clone())]),
        NewerSchema { found, supported } => fill(
            lang.pick("该日志由更新版本的 Fairlog 写入（版本 {found}，本应用最高支持 {s}），请先升级应用", "This log was written by a newer Fairlog (schema {found}; this app reads up to {s}). Update the app first."),
            &[("found", n(found)), ("s", n(supported))]),
        InvalidJson { line, .. } => fill(lang.pick("第 {l} 行不是有效的 JSON（文件可能被截断或损坏）", "Line {l} is not valid JSON (the file may be truncated or damaged)"), &[("l", n(line))]),
        InvalidEvent { line, message } => fill(lang.pick("第 {l} 行不是有效的事件：{m}", "Line {l} is not a valid event: {m}"), &[("l", n(line)), ("m", message.clone())]),
        CountMismatch { declared, found } => fill(lang.pick("文件头声明 {d} 条事件，实际有 {f} 条（文件可能不完整）", "The header announces {d} events but the file has {f} (it may be incomplete)"), &[("d", n(declared)), ("f", n(found))]),
        BadSequence { line, expected, found } => fill(lang.pick("第 {l} 行的序号是 {f}，应为 {e}（事件重复或顺序被打乱）", "Line {l} has sequence {f}, expected {e} (duplicated or reordered events)"), &[("l", n(line)), ("f", n(found)), ("e", n(expected))]),
        DuplicateId { line } => fill(lang.pick("第 {l} 行的事件编号重复", "Line {l} repeats an event id"), &[("l", n(line))]),
        BrokenChain { line } => fill(lang.pick("第 {l} 行的哈希链校验失败（文件被修改或顺序被打乱）", "The hash chain breaks at line {l} (the file was changed or reordered)"), &[("l", n(line))]),
        LastHashMismatch => lang.pick("最后一条事件与文件头的哈希不一致（文件可能不完整）", "The last event does not match the header's hash (the file may be incomplete)").into(),
        Refused { line, event, error } => fill(lang.pick("第 {l} 行的事件（{e}）不符合规则，未导入：{m}", "Line {l} ({e}) breaks a rule and was not imported: {m}"), &[("l", n(line)), ("e", event.clone()), ("m", domain_error(lang, error))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fairlog_domain::fair::FairError;
    use fairlog_domain::DomainError;

    #[test]
    fn fill_replaces_every_parameter() {
        assert_eq!(fill("{a} and {b} and {a}", &[("a", "1".into()), ("b", "2".into())]), "1 and 2 and 1");
    }

    #[test]
    fn placeholders_must_match_between_languages() {
        assert!(same_placeholders("共 {n} 场", "{n} {n|fair|fairs}"));
        assert!(same_placeholders("{a}：{b}", "{b}: {a}"));
        assert!(!same_placeholders("共 {n} 场", "{count} fairs"));
        assert!(!same_placeholders("{n} 场", "fairs"));
        assert!(same_placeholders("没有", "none"));
    }

    #[test]
    fn english_plurals_follow_the_number() {
        assert_eq!(fill("{n} {n|fair|fairs}", &[("n", "1".into())]), "1 fair");
        assert_eq!(fill("{n} {n|fair|fairs}", &[("n", "7".into())]), "7 fairs");
        assert_eq!(fill("{n} of {t} {t|fair|fairs}", &[("n", "0".into()), ("t", "1".into())]), "0 of 1 fair");
    }

    #[test]
    fn domain_errors_read_differently_in_each_language() {
        let e: DomainError = FairError::EndNotAfterStart.into();
        assert_eq!(domain_error(Lang::Zh, &e), "结束时间必须晚于开始时间");
        assert_eq!(domain_error(Lang::En, &e), "The end must be after the start");
    }

    #[test]
    fn a_refused_mode_change_names_the_booths_it_would_strand() {
        let e: DomainError = FairError::ModeStrandsBookings { mode: FairMode::Online, count: 2 }.into();
        assert_eq!(domain_error(Lang::Zh, &e), "还有 2 个实体展位的申请或预订，不能改为线上招聘会；请先取消这些预订");
        assert_eq!(
            domain_error(Lang::En, &e),
            "2 booth requests or bookings are on physical booths, which an online job fair does not have; cancel them before changing the mode"
        );
        let e: DomainError = FairError::ModeStrandsBookings { mode: FairMode::Onsite, count: 1 }.into();
        assert_eq!(domain_error(Lang::Zh, &e), "还有 1 个虚拟展位的申请或预订，不能改为线下招聘会；请先取消这些预订");
    }

    #[test]
    fn a_booth_kind_the_mode_lacks_reads_as_such() {
        use fairlog_domain::booking::BookingError;
        let e: DomainError =
            BookingError::BoothKindMismatch { mode: FairMode::Online, kind: BoothKind::Physical }.into();
        assert_eq!(domain_error(Lang::Zh, &e), "线上招聘会没有实体展位");
        assert_eq!(domain_error(Lang::En, &e), "An online job fair has no physical booths");
        let e: DomainError =
            BookingError::BoothKindMismatch { mode: FairMode::Onsite, kind: BoothKind::Virtual }.into();
        assert_eq!(domain_error(Lang::Zh, &e), "线下招聘会没有虚拟展位");
        assert_eq!(domain_error(Lang::En, &e), "An onsite job fair has no virtual booths");
    }
}
