//! Broken rules of floor plans, enterprises, posts and bookings, in the user's language.
use fairlog_domain::booking::BookingError;
use fairlog_domain::credit_code::CreditCodeProblem;
use fairlog_domain::enterprise::EnterpriseError;
use fairlog_domain::floor_plan::FloorPlanError;
use fairlog_domain::post::PostError;

use crate::i18n::{booth_kind, fill, mode, Lang};

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
