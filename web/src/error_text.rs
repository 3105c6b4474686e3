//! Every broken domain rule in the user's language: one file for the errors of all concepts
//! (fairs, series, floor plans, enterprises, posts, bookings, hosts, livestreams), each an
//! exhaustive `match`, so a new error does not compile until it has its words.
use fairlog_domain::booking::BookingError;
use fairlog_domain::credit_code::CreditCodeProblem;
use fairlog_domain::enterprise::EnterpriseError;
use fairlog_domain::floor_plan::FloorPlanError;
use fairlog_domain::post::PostError;

use fairlog_domain::fair::{BoothKind, FairError};
use fairlog_domain::host::HostError;
use fairlog_domain::livestream::{Conflict, LivestreamError};
use fairlog_domain::series::SeriesError;
use fairlog_domain::{DomainError, State};

use crate::i18n::{booth_kind, fill, mode, role, status, Lang};
use crate::live_text::{conflict, url_problem, Names};

fn p(lang: Lang, zh: &str, en: &str, params: &[(&str, String)]) -> String {
    fill(lang.pick(zh, en), params)
}

pub fn floor_plan(lang: Lang, e: &FloorPlanError) -> String {
    use FloorPlanError::*;
    match e {
        FairNotFound => p(lang, "找不到这场招聘会", "This job fair does not exist", &[]),
        FairNotOpen => p(
            lang,
            "招聘会已结束或已取消，展位图不能再修改",
            "The fair is closed or cancelled; its floor plan can no longer change",
            &[],
        ),
        OnlineFairHasNoLayout => {
            p(lang, "线上招聘会使用虚拟展位，没有平面图", "An online fair has virtual booths, not a floor plan", &[])
        }
        NotOnline => p(
            lang,
            "只有线上或线上线下结合的招聘会才有虚拟展位",
            "Only online and hybrid fairs have virtual booths",
            &[],
        ),
        HallSizeOutOfRange { max } => p(
            lang,
            "场馆长宽应在 1 到 {max} 米之间",
            "The hall must be between 1 and {max} metres each way",
            &[("max", max.to_string())],
        ),
        HallTooSmall { code } => p(
            lang,
            "场馆不能小于已有展位（展位 {code} 会超出场馆）",
            "The hall cannot be smaller than its booths (booth {code} would be outside)",
            &[("code", code.clone())],
        ),
        NoHall => p(lang, "请先设置场馆尺寸再添加展位", "Set the hall size before adding booths", &[]),
        ZoneNotFound => p(lang, "找不到这个展区", "This zone does not exist", &[]),
        ZoneExists => p(lang, "展区已存在", "This zone already exists", &[]),
        ZoneNameRequired => p(lang, "请填写展区名称", "A zone needs a name", &[]),
        ZoneNameTooLong { max } => p(
            lang,
            "展区名称不能超过 {max} 个字",
            "The zone name can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        ZoneNotEmpty { booths } => p(
            lang,
            "展区内还有 {n} 个展位，不能删除",
            "The zone still has {n} {n|booth|booths} and cannot be removed",
            &[("n", booths.to_string())],
        ),
        BoothNotFound => p(lang, "找不到这个展位", "This booth does not exist", &[]),
        BoothExists => p(lang, "展位已存在", "This booth already exists", &[]),
        CodeRequired => p(lang, "请填写展位号，例如 A-12", "A booth needs a code such as A-12", &[]),
        CodeTooLong { max } => p(
            lang,
            "展位号不能超过 {max} 个字符",
            "The booth code can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        DuplicateCode { code } => p(
            lang,
            "展位号 {code} 在本场招聘会已被使用",
            "Booth code {code} is already used at this fair",
            &[("code", code.clone())],
        ),
        BoothSizeOutOfRange { min, max } => p(
            lang,
            "展位长宽应在 {min} 到 {max} 米之间",
            "A booth is between {min} and {max} metres each way",
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        OutsideHall { width, depth } => p(
            lang,
            "展位超出了场馆范围（{w} × {d} 米）",
            "The booth would stand outside the hall ({w} × {d} m)",
            &[("w", width.to_string()), ("d", depth.to_string())],
        ),
        Overlap { code } => p(lang, "会与展位 {code} 重叠", "It would overlap booth {code}", &[("code", code.clone())]),
        BoothInUse { code } => p(
            lang,
            "展位 {code} 已被预订或申请，请先释放",
            "Booth {code} is booked or requested; release it first",
            &[("code", code.clone())],
        ),
        AlreadyBlocked => p(lang, "展位已被锁定", "The booth is already blocked", &[]),
        NotBlocked => p(lang, "展位未被锁定", "The booth is not blocked", &[]),
        ReasonRequired => p(lang, "请填写原因", "Enter a reason", &[]),
        TooManyVirtualBooths { max } => {
            p(lang, "虚拟展位最多 {max} 个", "At most {max} virtual booths", &[("max", max.to_string())])
        }
        VirtualBoothsInUse { taken } => p(
            lang,
            "已有 {n} 个虚拟展位被占用，不能减少到更少",
            "{n} virtual booths are taken; the count cannot go below that",
            &[("n", taken.to_string())],
        ),
    }
}

pub fn credit_code(lang: Lang, problem: &CreditCodeProblem) -> String {
    match problem {
        CreditCodeProblem::Length { len } => p(lang, "统一社会信用代码应为 18 位，当前为 {n} 位", "A unified social credit code has 18 characters; this one has {n}", &[("n", len.to_string())]),
        CreditCodeProblem::Character { position, found } => p(lang, "第 {i} 位“{c}”不允许（代码不含 I、O、S、V、Z）", "Character {i} (\"{c}\") is not allowed (codes have no I, O, S, V or Z)", &[("i", position.to_string()), ("c", found.to_string())]),
        CreditCodeProblem::Division { position } => p(lang, "第 3–8 位是行政区划码，应为数字（第 {i} 位不是）", "Characters 3–8 are the administrative division code and must be digits (character {i} is not)", &[("i", position.to_string())]),
        CreditCodeProblem::CheckDigit { expected, found } => p(lang, "校验位错误：按 GB 32100-2015 计算，第 18 位应为“{e}”，而不是“{f}”。请核对前 17 位是否有误", "Wrong check character: per GB 32100-2015 the 18th character should be \"{e}\", not \"{f}\". Check the first 17 characters", &[("e", expected.to_string()), ("f", found.to_string())]),
    }
}

pub fn enterprise(lang: Lang, e: &EnterpriseError) -> String {
    use EnterpriseError::*;
    match e {
        NotFound => p(lang, "找不到这家企业", "This enterprise does not exist", &[]),
        AlreadyExists => p(lang, "这家企业已登记", "This enterprise is already registered", &[]),
        NameRequired => p(lang, "请填写企业名称", "An enterprise needs a name", &[]),
        NameTooLong { max } => p(
            lang,
            "名称不能超过 {max} 个字",
            "The name can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        CreditCode { problem } => credit_code(lang, problem),
        DuplicateCreditCode { code } => p(
            lang,
            "统一社会信用代码 {code} 已被另一家企业登记",
            "Credit code {code} is already registered by another enterprise",
            &[("code", code.clone())],
        ),
        ContactRequired => p(lang, "请填写联系人", "Enter a contact person", &[]),
        ContactTooLong { max } => p(
            lang,
            "姓名不能超过 {max} 个字",
            "The name can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        PhoneInvalid { phone } => p(
            lang,
            "“{p}”不是有效的电话号码（手机 11 位，以 1 开头；座机请带区号）",
            "\"{p}\" is not a valid phone number (mobile: 11 digits starting with 1; landline: with area code)",
            &[("p", phone.clone())],
        ),
        DescriptionTooLong { max } => p(
            lang,
            "简介不能超过 {max} 个字",
            "The description can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        NotYourEnterprise => p(lang, "企业只能修改自己的信息", "An enterprise may only change its own details", &[]),
        EditConflict { expected, actual } => p(
            lang,
            "企业信息在你打开表单后已被修改（版本 {e} → {a}），未保存，请重新打开",
            "The enterprise was changed after you opened the form (version {e} → {a}); nothing was saved, reopen it",
            &[("e", expected.to_string()), ("a", actual.to_string())],
        ),
        NotKey => p(lang, "这家企业不是重点企业", "The enterprise is not a key enterprise", &[]),
        NoCommissioner => p(lang, "这家企业还没有就业服务专员", "The enterprise has no service commissioner", &[]),
        CommissionerRequired => p(lang, "请填写就业服务专员姓名", "Enter the commissioner's name", &[]),
    }
}

pub fn post(lang: Lang, e: &PostError) -> String {
    use PostError::*;
    match e {
        NotFound => p(lang, "找不到这个岗位", "This post does not exist", &[]),
        AlreadyExists => p(lang, "岗位已存在", "This post already exists", &[]),
        EnterpriseNotFound => p(lang, "找不到这家企业", "This enterprise does not exist", &[]),
        NotYourPost => p(lang, "企业只能管理自己的岗位", "An enterprise may only manage its own posts", &[]),
        TitleRequired => p(lang, "请填写岗位名称", "A post needs a title", &[]),
        TitleTooLong { max } => p(
            lang,
            "岗位名称不能超过 {max} 个字",
            "The title can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        HeadcountOutOfRange { max } => p(
            lang,
            "招聘人数应在 1 到 {max} 之间",
            "The headcount must be between 1 and {max}",
            &[("max", max.to_string())],
        ),
        SalaryRangeInverted => {
            p(lang, "最低月薪不能高于最高月薪", "The lowest salary cannot be above the highest", &[])
        }
        SalaryOutOfRange { max } => p(
            lang,
            "月薪应在 1 到 {max} 元之间",
            "Monthly salary must be between 1 and {max} CNY",
            &[("max", max.to_string())],
        ),
        FairNotFound => p(lang, "找不到所选招聘会", "A chosen job fair does not exist", &[]),
        FairNotOpen { name } => {
            p(lang, "招聘会“{n}”已结束或已取消", "The job fair \"{n}\" is closed or cancelled", &[("n", name.clone())])
        }
        NotOpen { .. } => {
            p(lang, "岗位已招满或已撤回，不能再修改", "The post is filled or withdrawn and can no longer change", &[])
        }
    }
}

fn booking_status(lang: Lang, key: &str) -> String {
    match key {
        "requested" => lang.pick("待审批", "awaiting approval"),
        "offered" => lang.pick("候补待确认", "offered"),
        "booked" => lang.pick("已预订", "booked"),
        "rejected" => lang.pick("已拒绝", "rejected"),
        "cancelled" => lang.pick("已取消", "cancelled"),
        "expired" => lang.pick("已过期", "expired"),
        "declined" => lang.pick("已放弃", "declined"),
        "draft" => lang.pick("草稿", "a draft"),
        "published" => lang.pick("已发布", "published"),
        "closed" => lang.pick("已结束", "closed"),
        other => other,
    }
    .to_owned()
}

pub fn booking(lang: Lang, e: &BookingError) -> String {
    use BookingError::*;
    match e {
        FairNotFound => p(lang, "找不到这场招聘会", "This job fair does not exist", &[]),
        FairNotOpen { status } => p(
            lang,
            "招聘会当前{s}，不接受展位申请",
            "The job fair is {s} and not open for booth requests",
            &[("s", booking_status(lang, status))],
        ),
        AfterCutoff { hours } => p(
            lang,
            "已过截止时间：开幕前 {h} 小时停止申请",
            "Too late: requests close {h} hours before the fair starts",
            &[("h", hours.to_string())],
        ),
        EnterpriseNotFound => p(lang, "找不到这家企业", "This enterprise does not exist", &[]),
        NotYourEnterprise => {
            p(lang, "企业只能为自己申请和管理展位", "An enterprise may only book and manage its own booths", &[])
        }
        AlreadyExists => p(lang, "这条申请已存在", "This booking already exists", &[]),
        NotFound => p(lang, "找不到这条预订", "This booking does not exist", &[]),
        BoothNotFound => p(lang, "本场招聘会没有这个展位", "This fair has no such booth", &[]),
        BoothBlocked { code } => p(lang, "展位 {c} 已被锁定，不能申请", "Booth {c} is blocked", &[("c", code.clone())]),
        BoothTaken { code } => p(
            lang,
            "展位 {c} 刚刚被其他企业占用，请选择其他展位或加入候补",
            "Booth {c} was just taken by another enterprise; choose another or join the waitlist",
            &[("c", code.clone())],
        ),
        ZoneNotFound => p(lang, "本场招聘会没有这个展区", "This fair has no such zone", &[]),
        ZoneFull { zone } => p(
            lang,
            "展区“{z}”已满，可以加入候补",
            "Zone \"{z}\" is full; you can join the waitlist",
            &[("z", zone.clone())],
        ),
        FairFull => p(lang, "本场招聘会展位已满，可以加入候补", "The fair is full; you can join the waitlist", &[]),
        NoVirtualBooths => p(lang, "本场招聘会没有虚拟展位", "This fair has no virtual booths", &[]),
        LimitReached { max } => p(
            lang,
            "每家企业在本场招聘会最多 {m} 个展位",
            "An enterprise may hold at most {m} booths at this fair",
            &[("m", max.to_string())],
        ),
        NotPending { status } => p(
            lang,
            "这条申请{s}，不在待审批状态",
            "This booking is {s}, not awaiting approval",
            &[("s", booking_status(lang, status))],
        ),
        HoldExpired => {
            p(lang, "保留期已过，申请已失效", "The hold ran out before the decision; the request has lapsed", &[])
        }
        NotActive { status } => p(
            lang,
            "这条预订{s}，不能再修改",
            "This booking is {s} and can no longer change",
            &[("s", booking_status(lang, status))],
        ),
        NotReassignable => p(lang, "虚拟展位不能调换", "A virtual booth cannot be moved", &[]),
        SameBooth => p(lang, "已经是这个展位", "It is already this booth", &[]),
        CancelAfterCutoff { hours } => p(
            lang,
            "开幕前 {h} 小时内不能再取消，请联系组织方",
            "Bookings cannot be cancelled within {h} hours of the start; contact the organizer",
            &[("h", hours.to_string())],
        ),
        ReasonRequired => p(lang, "请填写原因", "Enter a reason", &[]),
        ReasonTooLong { max } => p(
            lang,
            "原因不能超过 {max} 个字",
            "The reason can have at most {max} characters",
            &[("max", max.to_string())],
        ),
        AlreadyWaiting => p(lang, "已在本场招聘会的候补名单中", "Already on this fair's waitlist", &[]),
        NotFull => p(lang, "还有空闲展位，请直接申请", "There is a free booth; request it instead", &[]),
        WaitlistNotFound => p(lang, "找不到这条候补", "This waitlist entry does not exist", &[]),
        NotWaiting => p(lang, "已不在候补中", "No longer waiting", &[]),
        NoOffer => p(lang, "没有待确认的候补展位", "There is no open offer", &[]),
        OfferExpired => p(lang, "候补展位的确认期已过", "The offer ran out", &[]),
        RuleOutOfRange { field, min, max } => p(
            lang,
            "{f} 应在 {a} 到 {b} 之间",
            "{f} must be between {a} and {b}",
            &[("f", rule_name(lang, field)), ("a", min.to_string()), ("b", max.to_string())],
        ),
        NothingToApprove => p(lang, "没有选择要通过的申请", "No request selected", &[]),
        BoothKindMismatch { mode: m, kind } => p(
            lang,
            "{mode}招聘会没有{kind}",
            "An {mode} job fair has no {kind}",
            &[("mode", mode(lang, *m).to_lowercase()), ("kind", booth_kind(lang, *kind).to_owned())],
        ),
    }
}

fn rule_name(lang: Lang, field: &str) -> String {
    match field {
        "hold_hours" => lang.pick("保留时长（小时）", "Hold (hours)"),
        "max_booths_per_enterprise" => lang.pick("每家企业展位上限", "Booths per enterprise"),
        "cutoff_hours" => lang.pick("截止时间（开幕前小时数）", "Cut-off (hours before start)"),
        other => other,
    }
    .to_owned()
}

fn fair_error(lang: Lang, e: &FairError) -> String {
    use FairError::*;
    let z = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
    match e {
        NotFound => z("找不到这场招聘会", "This job fair does not exist"),
        AlreadyExists => z("这场招聘会已经存在", "This job fair already exists"),
        NameRequired => z("请填写招聘会名称", "A job fair needs a name"),
        NameTooLong { max } => fill(lang.pick("名称不能超过 {max} 个字", "The name can have at most {max} characters"), &[("max", max.to_string())]),
        EndNotAfterStart => z("结束时间必须晚于开始时间", "The end must be after the start"),
        TooLong { max_days } => fill(lang.pick("一场招聘会最长 {d} 天", "A job fair lasts at most {d} days"), &[("d", max_days.to_string())]),
        AddressRequired => z("请填写地址、服务站名称或地区", "Enter the address, station name or region"),
        AddressTooLong { max } => fill(lang.pick("地址不能超过 {max} 个字", "The address can have at most {max} characters"), &[("max", max.to_string())]),
        VenueModeMismatch { mode: m } => fill(lang.pick("{mode}招聘会不能设置实体地点", "An {mode} job fair cannot have a physical venue"), &[("mode", mode(lang, *m).to_lowercase())]),
        VenueRequired => z("线下或线上线下结合的招聘会发布前必须填写地点", "An onsite or hybrid job fair needs a venue before it is published"),
        DatesRequired => z("发布前必须填写开始和结束时间", "A job fair needs its start and end before it is published"),
        CapacityOutOfRange { max } => fill(lang.pick("预计参会人数应在 1 到 {max} 之间", "Expected visitors must be between 1 and {max}"), &[("max", max.to_string())]),
        SeriesNotFound => z("所选系列活动不存在", "The chosen series does not exist"),
        NotEditable { status: s } => fill(lang.pick("{status}的招聘会不能再修改", "A {status} job fair can no longer be changed"), &[("status", status(lang, *s).to_lowercase())]),
        EditConflict { expected, actual } => fill(
            lang.pick("这场招聘会在你打开表单后已被修改（版本 {expected} → {actual}），为避免覆盖他人的修改，未保存。请重新打开后再修改。",
                "This job fair was changed after you opened the form (version {expected} → {actual}). To avoid overwriting that change nothing was saved; reopen the form and edit again."),
            &[("expected", expected.to_string()), ("actual", actual.to_string())]),
        InvalidTransition { from, to } => fill(lang.pick("{from}的招聘会不能改为{to}", "A {from} job fair cannot become {to}"),
            &[("from", status(lang, *from).to_lowercase()), ("to", status(lang, *to).to_lowercase())]),
        CloseBeforeStart => z("招聘会开始前不能结束", "A job fair cannot be closed before it starts"),
        OutcomeBeforeStart => z("招聘会开始后才能登记成效", "Results can be recorded once the fair has started"),
        OutcomeTooLarge { max } => fill(lang.pick("每项数字不能超过 {max}", "Each figure is at most {max}"), &[("max", max.to_string())]),
        HasBookings { bookings } => fill(lang.pick("已有 {n} 家企业在本场招聘会占有展位，不能撤回发布", "{n} {n|enterprise holds|enterprises hold} booths at this fair, so it cannot go back to draft"), &[("n", bookings.to_string())]),
        ReasonRequired => z("请填写原因", "Enter a reason"),
        NotPostponable { status: s } => fill(lang.pick("只有已发布的招聘会可以延期（这场是{status}）", "Only a published job fair can be postponed (this one is {status})"), &[("status", status(lang, *s).to_lowercase())]),
        NotLater => z("延期后的开始时间必须晚于原定开始时间", "The new start must be later than the planned start"),
        ReasonTooLong { max } => fill(lang.pick("原因不能超过 {max} 个字", "The reason can have at most {max} characters"), &[("max", max.to_string())]),
        ModeStrandsBookings { mode: m, count } => {
            // The kind the new mode lacks: physical booths when online, virtual ones when onsite.
            let lacks = if m.has_booths(BoothKind::Physical) { BoothKind::Virtual } else { BoothKind::Physical };
            fill(lang.pick("还有 {n} 个{kind}的申请或预订，不能改为{mode}招聘会；请先取消这些预订", "{n} booth requests or bookings are on {kind}, which an {mode} job fair does not have; cancel them before changing the mode"),
                &[("n", count.to_string()), ("kind", booth_kind(lang, lacks).to_owned()), ("mode", mode(lang, *m).to_lowercase())])
        }
    }
}

fn series_error(lang: Lang, e: &SeriesError) -> String {
    match e {
        SeriesError::NotFound => lang.pick("找不到这个系列活动", "This series does not exist").into(),
        SeriesError::AlreadyExists => lang.pick("这个系列活动已经存在", "This series already exists").into(),
        SeriesError::NameRequired => lang.pick("请填写系列活动名称", "A series needs a name").into(),
        SeriesError::NameTooLong { max } => fill(
            lang.pick("名称不能超过 {max} 个字", "The name can have at most {max} characters"),
            &[("max", max.to_string())],
        ),
        SeriesError::RegionRequired => {
            lang.pick("劳务协作系列需要填写对口地区", "A recruitment tour needs its partner region").into()
        }
    }
}

/// A domain error in the user's language.
pub fn domain_error(lang: Lang, e: &DomainError) -> String {
    match e {
        DomainError::Forbidden { role: r, .. } => fill(
            lang.pick("当前身份（{role}）不能执行此操作", "Your current role ({role}) cannot do this"),
            &[("role", role(lang, *r).to_owned())],
        ),
        DomainError::Fair(e) => fair_error(lang, e),
        DomainError::Series(e) => series_error(lang, e),
        DomainError::FloorPlan(e) => crate::error_text::floor_plan(lang, e),
        DomainError::Enterprise(e) => crate::error_text::enterprise(lang, e),
        DomainError::Post(e) => crate::error_text::post(lang, e),
        DomainError::Booking(e) => crate::error_text::booking(lang, e),
        DomainError::Merge(fairlog_domain::merge::MergeError::ConflictNotFound) => {
            lang.pick("这个冲突已处理或不存在", "This conflict was already resolved or does not exist").into()
        }
        DomainError::Host(e) => crate::live_text::host_error(lang, e),
        DomainError::Livestream(e) => crate::live_text::livestream_error(lang, e),
        DomainError::Log(e) => log_rule_error(lang, e),
    }
}

/// A rule of the log itself, broken by an imported or stored event.
fn log_rule_error(lang: Lang, e: &fairlog_domain::judge::LogRuleError) -> String {
    use fairlog_domain::judge::LogRuleError;
    let at =
        |t: &chrono::DateTime<chrono::Utc>| fairlog_domain::time::to_local(*t).format("%Y-%m-%d %H:%M").to_string();
    match e {
        LogRuleError::Backdated { previous, recorded } => fill(
            lang.pick("记录时间 {r} 早于前一条事件（{p}）", "Recorded at {r}, before the previous event ({p})"),
            &[("r", at(recorded)), ("p", at(previous))],
        ),
        LogRuleError::CommandTooLarge { max } => fill(
            lang.pick("一次操作记录了超过 {max} 条事件", "One action recorded more than {max} events"),
            &[("max", max.to_string())],
        ),
    }
}

pub fn host_error(lang: Lang, e: &HostError) -> String {
    use HostError::*;
    let max = |m: &usize| vec![("max", m.to_string())];
    match e {
        NotFound => p(lang, "找不到这位主播", "This host does not exist", &[]),
        AlreadyExists => p(lang, "这位主播已经登记", "This host is already registered", &[]),
        NameRequired => p(lang, "请填写姓名", "Enter a name", &[]),
        NameTooLong { max: m } => {
            p(lang, "姓名不能超过 {max} 个字", "The name can have at most {max} characters", &max(m))
        }
        TitleRequired => p(lang, "请填写职务", "Enter a title", &[]),
        TitleTooLong { max: m } => {
            p(lang, "职务不能超过 {max} 个字", "The title can have at most {max} characters", &max(m))
        }
        OrganisationRequired => p(lang, "请填写单位", "Enter an organisation", &[]),
        OrganisationTooLong { max: m } => {
            p(lang, "单位不能超过 {max} 个字", "The organisation can have at most {max} characters", &max(m))
        }
        NotYourProfile => p(lang, "主播只能修改自己的资料", "A host may only change their own profile", &[]),
        EditConflict { expected, actual } => p(
            lang,
            "资料在你打开后已被修改（版本 {e} → {a}），未保存",
            "The profile changed after you opened it (version {e} → {a}); nothing was saved",
            &[("e", expected.to_string()), ("a", actual.to_string())],
        ),
        WindowEndNotAfterStart => p(lang, "时间段的结束必须晚于开始", "A window must end after it starts", &[]),
        WindowTooLong { max_days } => {
            p(lang, "一个时间段最长 {d} 天", "A window lasts at most {d} days", &[("d", max_days.to_string())])
        }
        TooManyWindows { max: m } => p(lang, "最多 {max} 个时间段", "At most {max} windows", &max(m)),
        WindowsOverlap => p(lang, "时间段之间有重叠", "The windows overlap", &[]),
        StrandsSession { title } => p(
            lang,
            "已排期的直播“{t}”会落在新的可出镜时间之外，未保存",
            "The scheduled session “{t}” would fall outside the new availability; nothing was saved",
            &[("t", title.clone())],
        ),
        ChannelNotFound => p(lang, "找不到这个直播间", "This channel does not exist", &[]),
        ChannelExists => p(lang, "这个直播间已经存在", "This channel already exists", &[]),
        ChannelNameRequired => p(lang, "请填写直播间名称", "Enter the channel's name", &[]),
        ChannelNameTooLong { max: m } => {
            p(lang, "名称不能超过 {max} 个字", "The name can have at most {max} characters", &max(m))
        }
        StreamUrl { problem } => url_problem(lang, problem),
        DomainInvalid { domain } => p(
            lang,
            "“{d}”不是域名（只填域名，如 live.example.cn，不含 https:// 和路径）",
            "“{d}” is not a domain name (only the name, e.g. live.example.cn, without https:// or a path)",
            &[("d", domain.clone())],
        ),
        DomainNotListed { domain } => p(lang, "{d} 不在白名单中", "{d} is not on the list", &[("d", domain.clone())]),
        DomainInUse { domain, channel } => p(
            lang,
            "直播间“{c}”仍在使用 {d}，不能移出白名单",
            "Channel “{c}” still streams from {d}; it cannot be removed",
            &[("c", channel.clone()), ("d", domain.clone())],
        ),
    }
}

/// A livestream rule in words (conflicts listed without names; pages that have the state show
/// them with names through [`conflict`]).
pub fn livestream_error(lang: Lang, e: &LivestreamError) -> String {
    livestream_error_in(lang, None, e)
}

pub fn livestream_error_in(lang: Lang, state: Option<&State>, e: &LivestreamError) -> String {
    use LivestreamError::*;
    let list = |cs: &[Conflict]| cs.iter().map(|c| conflict(lang, state, c)).collect::<Vec<_>>().join(" ");
    match e {
        NotFound => p(lang, "找不到这场直播", "This session does not exist", &[]),
        AlreadyExists => p(lang, "这场直播已经存在", "This session already exists", &[]),
        TitleRequired => p(lang, "请填写直播标题", "A session needs a title", &[]),
        TitleTooLong { max } => {
            p(lang, "标题不能超过 {m} 个字", "The title can have at most {m} characters", &[("m", max.to_string())])
        }
        HostRequired => p(lang, "至少选择一位主播", "Choose at least one host", &[]),
        TooManyHosts { max } => p(lang, "最多 {m} 位主播", "At most {m} hosts", &[("m", max.to_string())]),
        DuplicateHost => p(lang, "同一位主播选了两次", "A host is chosen twice", &[]),
        HostNotFound => p(lang, "所选主播不存在", "A chosen host does not exist", &[]),
        ChannelNotFound => p(lang, "请选择直播间", "Choose a channel", &[]),
        FairNotFound => p(lang, "所选招聘会不存在", "The chosen fair does not exist", &[]),
        DurationOutOfRange { min, max } => p(
            lang,
            "时长应在 {a} 到 {b} 分钟之间",
            "A session lasts between {a} and {b} minutes",
            &[("a", min.to_string()), ("b", max.to_string())],
        ),
        StartsInPast => p(lang, "不能排期到已经过去的时间", "A session cannot be scheduled in the past", &[]),
        NotYourSession => p(
            lang,
            "主播只能创建和修改自己主持的直播（请在右上角选择你是哪位主播）",
            "A host may only plan and change sessions they host (choose which host you are at the top right)",
            &[],
        ),
        InvalidTransition { status, action } => {
            let st = match status.as_str() {
                "draft" => lang.pick("草稿", "draft"),
                "scheduled" => lang.pick("已排期", "scheduled"),
                "live" => lang.pick("直播中", "live"),
                "ended" => lang.pick("已结束", "ended"),
                _ => lang.pick("已取消", "cancelled"),
            };
            let act = match action.as_str() {
                "change" => lang.pick("修改", "be changed"),
                "move" => lang.pick("移动", "be moved"),
                "be scheduled" => lang.pick("排期", "be scheduled"),
                "change its line-up" => lang.pick("调整参与单位", "change its line-up"),
                "take answers" => lang.pick("接受答复", "take answers"),
                "go live" => lang.pick("开始直播", "go live"),
                "end" => lang.pick("结束", "end"),
                _ => lang.pick("取消", "be cancelled"),
            };
            p(lang, "{s}的直播不能{a}", "A {s} session cannot {a}", &[("s", st.into()), ("a", act.into())])
        }
        HardConflicts { conflicts } => {
            let hard: Vec<Conflict> = conflicts.iter().filter(|c| c.is_hard()).cloned().collect();
            p(
                lang,
                "有冲突，不能排期：{list}",
                "There are conflicts, so it cannot be scheduled: {list}",
                &[("list", list(&hard))],
            )
        }
        SoftConflictsNotAccepted { conflicts } => p(
            lang,
            "有提醒需要确认：{list}",
            "There are warnings to accept first: {list}",
            &[("list", list(conflicts))],
        ),
        EnterpriseNotFound => p(lang, "请选择单位", "Choose an enterprise", &[]),
        AlreadyFeatured => p(lang, "该单位已在本场直播中", "The enterprise is already in the line-up", &[]),
        NotFeatured => p(lang, "该单位不在本场直播中", "The enterprise is not in the line-up", &[]),
        LineupFull { max } => {
            p(lang, "一场直播最多 {m} 家单位", "At most {m} enterprises in a line-up", &[("m", max.to_string())])
        }
        PostCountOutOfRange { max } => {
            p(lang, "请选择 1 到 {m} 个岗位", "Choose between 1 and {m} posts", &[("m", max.to_string())])
        }
        DuplicatePost => p(lang, "同一岗位选了两次", "A post is chosen twice", &[]),
        PostNotOpen { .. } => {
            p(lang, "只能推介该单位正在招聘的岗位", "Only the enterprise's open posts can be presented", &[])
        }
        SlotTooShort { min } => {
            p(lang, "每个时段至少 {m} 分钟", "A slot lasts at least {m} minutes", &[("m", min.to_string())])
        }
        SlotOutOfRange { max } => {
            p(lang, "时段不能晚于第 {m} 分钟", "A slot cannot start after minute {m}", &[("m", max.to_string())])
        }
        SlotsOverlap { other } => {
            let name = Names(state).enterprise(lang, *other);
            p(lang, "与 {e} 的时段重叠", "The slot overlaps {e}'s slot", &[("e", name)])
        }
        NotYourInvitation => p(
            lang,
            "单位只能答复发给自己的邀请（请在右上角选择你代表的单位）",
            "An enterprise may only answer its own invitations (choose your enterprise at the top right)",
            &[],
        ),
        AlreadyAnswered { answer } => p(
            lang,
            "邀请已答复（{a}）",
            "The invitation was already answered ({a})",
            &[(
                "a",
                if answer == "accepted" {
                    lang.pick("已接受", "accepted")
                } else {
                    lang.pick("已婉拒", "declined")
                }
                .into(),
            )],
        ),
        InvitationDeclined => p(lang, "该单位已婉拒邀请，请重新邀请", "The enterprise declined; invite it again", &[]),
        TooEarlyToStart { minutes } => p(
            lang,
            "最早可在开始前 {m} 分钟开播",
            "A session can go live at most {m} minutes before its start",
            &[("m", minutes.to_string())],
        ),
        TooLateToStart => p(lang, "直播时间已过，请改期或取消", "The session's time is over; move or cancel it", &[]),
        ViewersOutOfRange { max } => p(lang, "人数不能超过 {m}", "At most {m}", &[("m", max.to_string())]),
        ApplicationsOutOfRange { max } => {
            p(lang, "每家单位最多 {m}", "At most {m} per enterprise", &[("m", max.to_string())])
        }
        OutcomeForUnknownEnterprise { .. } => {
            p(lang, "只能为参与本场直播的单位登记", "Only enterprises in the line-up have outcomes", &[])
        }
        ReasonRequired => p(lang, "请填写原因", "Enter a reason", &[]),
        ReasonTooLong { max } => {
            p(lang, "原因不能超过 {m} 个字", "The reason can have at most {m} characters", &[("m", max.to_string())])
        }
    }
}
