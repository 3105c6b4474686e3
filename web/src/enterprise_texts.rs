//! UI texts of the enterprise side (profiles, posts, booth booking, waitlist, agenda), and the
//! names of the enterprise, post and booking enums in the user's language.
use fairlog_domain::booking::{BookingStatus, BoothState, FreedBy, SkipReason};
use fairlog_domain::enterprise::CompanySize;
use fairlog_domain::post::{Education, Experience, PostCategory, PostStatus};

use crate::i18n::Lang;

crate::texts! {
pub enum ET {
    // navigation and header
    NavMyEnterprise => "企业信息", "My enterprise";
    NavMyPosts => "我的岗位", "My posts";
    NavBookBooth => "预订展位", "Book a booth";
    NavMyBookings => "我的展位", "My booths";
    NavMyAgenda => "我的日程", "My agenda";
    ActingForEnterprise => "代表企业", "Acting for";
    ChooseEnterprise => "（请选择企业）", "(choose an enterprise)";
    RegisterNewEnterprise => "＋ 登记新企业", "+ Register a new enterprise";
    NoEnterpriseChosen => "请先在右上角选择所代表的企业，或登记一家新企业。", "Choose the enterprise you act for at the top right, or register a new one.";
    EnterpriseRoleOnly => "这一页面供用人单位使用。请在右上角把身份切换为“用人单位”。", "This page is for enterprises. Switch your role to \"Enterprise\" at the top right.";
    // profile
    RegisterTitle => "登记企业", "Register an enterprise";
    ProfileTitle => "企业信息", "Enterprise profile";
    FieldEntName => "企业名称", "Enterprise name";
    FieldCreditCode => "统一社会信用代码", "Unified social credit code";
    HintCreditCode => "18 位，由数字和大写字母组成（不含 I、O、S、V、Z），最后一位为校验码（GB 32100-2015）", "18 characters, digits and capital letters (no I, O, S, V, Z); the last one is a check character (GB 32100-2015)";
    FieldEntIndustry => "所属行业", "Industry";
    FieldEntDistrict => "所在区", "District";
    FieldSize => "企业规模", "Size";
    FieldContact => "联系人", "Contact person";
    FieldPhone => "联系电话", "Contact phone";
    HintPhone => "手机 11 位，或带区号的座机（如 021-6432 1234）", "Mobile (11 digits) or landline with area code (e.g. 021-6432 1234)";
    FieldDescription => "企业简介", "Description";
    Register => "登记", "Register";
    KeyEnterprise => "重点企业", "Key enterprise";
    JobsOffered => "提供岗位数", "Jobs offered";
    JobsOfferedN => "提供岗位 {n} 个", "{n} {n|job|jobs} offered";
    // posts
    MyPostsTitle => "我的岗位", "My posts";
    NewPost => "发布岗位", "Add a post";
    EditPostTitle => "编辑岗位", "Edit post";
    NoPostsYet => "还没有岗位。", "No posts yet.";
    FieldTitle => "岗位名称", "Title";
    FieldCategory => "岗位类别", "Category";
    FieldHeadcount => "招聘人数", "Headcount";
    FieldSalaryMin => "最低月薪（元）", "Lowest monthly salary (CNY)";
    FieldSalaryMax => "最高月薪（元）", "Highest monthly salary (CNY)";
    FieldEducation => "学历要求", "Education";
    FieldExperience => "经验要求", "Experience";
    FieldWorkDistrict => "工作地点（区）", "Work district";
    FieldFairs => "参加的招聘会", "Offered at fairs";
    HintFairs => "岗位会出现在所选招聘会的岗位清单和“提供岗位数”中", "The post appears in each chosen fair's list and in its jobs-offered figure";
    NoOpenFairs => "暂无可选的招聘会", "No fair to choose";
    ColTitle => "岗位", "Post";
    ColHeadcount => "人数", "Headcount";
    ColSalary => "月薪（元）", "Salary (CNY/month)";
    ColRequirements => "要求", "Requirements";
    ColFairs => "招聘会", "Fairs";
    ColPostStatus => "状态", "Status";
    ColActions => "操作", "Actions";
    MarkFilled => "已招满", "Mark filled";
    Withdraw => "撤回", "Withdraw";
    SalaryPerMonth => "{min}–{max} 元/月", "CNY {min}–{max}/month";
    // booking
    BookTitle => "预订展位", "Book a booth";
    FilterIndustry => "行业", "Industry";
    FilterDistrict => "区", "District";
    FilterMode => "形式", "Mode";
    FilterFrom => "从", "From";
    FilterTo => "到", "To";
    Any => "不限", "Any";
    NoFairsMatch => "没有符合条件的已发布招聘会。", "No published fair matches.";
    BookableCount => "共 {n} 场已发布的招聘会", "{n} published fairs";
    ColFreeBooths => "空闲展位", "Free booths";
    ColRequestsClose => "申请截止（北京时间）", "Requests close (Shanghai time)";
    RequestsClosed => "已截止", "Closed";
    NoFloorPlan => "暂无展位图", "No floor plan yet";
    ChooseBooth => "选择展位", "Choose a booth";
    ChooseBoothFirst => "请先在上方选择一个展位或展区", "Choose a booth or a zone above first";
    FloorPlan => "展位图", "Floor plan";
    AnyInZone => "本展区任一空闲展位", "Any free booth in this zone";
    VirtualBooth => "虚拟展位", "Virtual booth";
    VirtualFree => "虚拟展位：空闲 {free} / 共 {total}", "Virtual booths: {free} free of {total}";
    ZoneFree => "空闲 {n} 个", "{n} free";
    RequestBooth => "申请展位", "Request booth";
    HoldNote => "申请后展位为你保留 {h} 小时，等待组织方审核；逾期未审核自动释放。", "A requested booth is held for you for {h} hours while the organizer decides; if no decision comes by then it is released.";
    LimitNote => "每家企业在本场最多 {n} 个展位。", "At most {n} {n|booth|booths} per enterprise at this fair.";
    JoinWaitlist => "加入候补", "Join the waitlist";
    JoinWaitlistZone => "加入“{zone}”候补", "Join the waitlist for {zone}";
    JoinWaitlistFair => "加入本场候补（任一展区）", "Join the fair's waitlist (any zone)";
    WaitlistNote => "展位已满时可以加入候补：有展位释放时，系统按加入顺序自动把展位提供给第一家符合条件的企业。", "When booths are full you can join the waitlist: when one frees, it is offered automatically to the first eligible enterprise in joining order.";
    Requested => "已提交申请，展位保留至 {t}（北京时间）", "Requested; the booth is held until {t} (Shanghai time)";
    Joined => "已加入候补，当前第 {n} 位", "On the waitlist, position {n}";
    YourBookingsHere => "你在本场的展位", "Your booths at this fair";
    Yours => "（你的）", " (yours)";
    // my bookings
    MyBookingsTitle => "我的展位", "My booths";
    NoBookingsYet => "还没有展位申请。", "No booth requests yet.";
    ColFair => "招聘会", "Fair";
    ColBooth => "展位", "Booth";
    ColBookingStatus => "状态", "Status";
    ColDeadline => "期限（北京时间）", "Deadline (Shanghai time)";
    HeldUntil => "保留至 {t}", "held until {t}";
    OfferUntil => "请在 {t} 前确认", "confirm by {t}";
    CancelBooking => "取消预订", "Cancel booking";
    AcceptOffer => "接受", "Accept";
    DeclineOffer => "放弃", "Decline";
    OfferBanner => "候补展位：{booth}（{fair}）已为你保留，请在 {t}（北京时间）前确认。", "Waitlist offer: booth {booth} at {fair} is held for you; confirm by {t} (Shanghai time).";
    MyWaitlistTitle => "我的候补", "My waitlist places";
    LeaveWaitlist => "退出候补", "Leave the waitlist";
    Position => "第 {n} 位", "position {n}";
    AnyZone => "任一展区", "any zone";
    WaitStatusWaiting => "候补中", "waiting";
    WaitStatusOffered => "已获提供", "offered a booth";
    WaitStatusServed => "已预订", "booked";
    WaitStatusLeft => "已退出", "left";
    WaitStatusLapsed => "提供已失效", "offer lapsed";
    // organizer panel on the fair page
    BookingsPanel => "展位预订", "Booth bookings";
    RulesTitle => "预订规则", "Booking rules";
    RuleHold => "展位保留时长（小时）", "Hold (hours)";
    RuleMaxBooths => "每家企业展位上限", "Booths per enterprise";
    RuleCutoff => "开幕前多少小时停止申请", "Requests close (hours before start)";
    NoBookingsAtFair => "暂无展位申请。", "No booth requests yet.";
    ColEnterprise => "企业", "Enterprise";
    Approve => "通过", "Approve";
    WaitlistPanel => "候补名单（按加入顺序）", "Waitlist (in joining order)";
    NoWaitlist => "无候补。", "Nobody is waiting.";
    ColPosition => "顺序", "Order";
    ColJoined => "加入时间", "Joined";
    ColPromotion => "提供记录", "Promotion";
    PromotionText => "{t} 获提供展位 {booth}：{cause}（原预订方：{from}）", "{t}: offered booth {booth} because {cause} (from {from})";
    SkippedText => "跳过：{who}（{why}）", "passed over: {who} ({why})";
    JobsAtFair => "本场提供岗位数：{n}（{posts} 个岗位）", "Jobs offered at this fair: {n} ({posts} posts)";
    // agenda
    AgendaTitle => "我的日程", "My agenda";
    AgendaEmpty => "日程为空：申请展位或在岗位中选择招聘会后，会出现在这里。", "Nothing yet: fairs appear here once you request a booth or offer posts at them.";
    DownloadIcs => "导出日历（.ics）", "Export calendar (.ics)";
    AgendaBooths => "展位", "Booths";
    AgendaPosts => "岗位", "Posts";
    AgendaLivestreams => "直播带岗", "Livestream sessions";
    NoBooth => "未申请展位", "No booth";
    OnWaitlist => "候补中", "On the waitlist";
    People => "人", "people";
    AgendaCalendarName => "{name} 招聘会日程", "{name} job fair agenda";
    ShanghaiTime => "北京时间", "Shanghai time";
}
}

pub fn size(lang: Lang, s: CompanySize) -> &'static str {
    crate::words::company_size(lang, s)
}

pub fn category(lang: Lang, c: PostCategory) -> &'static str {
    crate::words::post_category(lang, c)
}

pub fn education(lang: Lang, e: Education) -> &'static str {
    crate::words::education(lang, e)
}

pub fn experience(lang: Lang, e: Experience) -> &'static str {
    crate::words::experience(lang, e)
}

pub fn post_status(lang: Lang, s: PostStatus) -> &'static str {
    crate::words::post_status(lang, s)
}

/// A booking's state, with the reason of a rejection.
pub fn booking_status(lang: Lang, s: &BookingStatus) -> String {
    let word = crate::words::booking_status(lang, s);
    match s {
        BookingStatus::Rejected { reason } => match lang {
            Lang::Zh => format!("{word}：{reason}"),
            Lang::En => format!("{word}: {reason}"),
        },
        _ => word.into(),
    }
}

pub fn booth_state(lang: Lang, s: BoothState) -> &'static str {
    crate::words::booth_state(lang, s)
}

pub fn freed_by(lang: Lang, f: FreedBy) -> &'static str {
    match f {
        FreedBy::Cancelled => lang.pick("原预订被取消", "a booking was cancelled"),
        FreedBy::Rejected => lang.pick("原申请被拒绝", "a request was rejected"),
        FreedBy::Expired => lang.pick("原保留期满", "a hold ran out"),
        FreedBy::Declined => lang.pick("上一位候补放弃", "the previous offer was declined"),
        FreedBy::Reassigned => lang.pick("原预订调换了展位", "a booking moved to another booth"),
    }
}

pub fn skip_reason(lang: Lang, r: SkipReason) -> &'static str {
    match r {
        SkipReason::OtherZone => lang.pick("等候其他展区", "waits for another zone"),
        SkipReason::AtLimit => lang.pick("已达展位上限", "already at the booth limit"),
    }
}
