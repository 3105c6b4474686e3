//! One word per state: every domain enum a person reads, in zh-CN and en. Pages, the CSV exports
//! (`CsvTable`), the history (`event_kind`) and the error messages all take their words from
//! here, so a requested booking reads 待审批 everywhere. Each function is an exhaustive match:
//! a new state does not compile until it has its words.
use fairlog_domain::booking::{BookingStatus, BoothState};
use fairlog_domain::csv_export::{CsvLang, CsvWords};
use fairlog_domain::enterprise::{CompanySize, EnterpriseEvent, KeyCategory};
use fairlog_domain::fair::{FairEvent, FairMode, FairStatusKind};
use fairlog_domain::floor_plan::FloorPlanEvent;
use fairlog_domain::host::HostEvent;
use fairlog_domain::livestream::{LivestreamEvent, SessionStatus};
use fairlog_domain::merge::MergeEvent;
use fairlog_domain::post::{Education, Experience, PostCategory, PostEvent, PostStatus};
use fairlog_domain::series::SeriesEvent;
use fairlog_domain::Event;

use crate::i18n::Lang;

pub fn fair_status(lang: Lang, s: FairStatusKind) -> &'static str {
    match s {
        FairStatusKind::Draft => lang.pick("草稿", "Draft"),
        FairStatusKind::Published => lang.pick("已发布", "Published"),
        FairStatusKind::Closed => lang.pick("已结束", "Closed"),
        FairStatusKind::Cancelled => lang.pick("已取消", "Cancelled"),
    }
}

pub fn mode(lang: Lang, m: FairMode) -> &'static str {
    match m {
        FairMode::Onsite => lang.pick("线下", "Onsite"),
        FairMode::Online => lang.pick("线上", "Online"),
        FairMode::Hybrid => lang.pick("线上线下结合", "Hybrid"),
    }
}

pub fn booking_status(lang: Lang, s: &BookingStatus) -> &'static str {
    match s {
        BookingStatus::Requested { .. } => lang.pick("待审批", "Awaiting approval"),
        BookingStatus::Offered { .. } => lang.pick("候补邀请中", "Offered from the waitlist"),
        BookingStatus::Booked => lang.pick("已预订", "Booked"),
        BookingStatus::Rejected { .. } => lang.pick("已拒绝", "Rejected"),
        BookingStatus::Cancelled => lang.pick("已取消", "Cancelled"),
        BookingStatus::Expired => lang.pick("已过期（保留期满）", "Expired (hold ran out)"),
        BookingStatus::Declined => lang.pick("已放弃", "Declined"),
    }
}

/// A booth's state on a plan or in a picker (lower case in English: it follows a code).
pub fn booth_state(lang: Lang, s: BoothState) -> &'static str {
    match s {
        BoothState::Free => lang.pick("空闲", "free"),
        BoothState::Held => lang.pick("候补保留中", "held for a waitlist offer"),
        BoothState::Requested => lang.pick("待审批", "awaiting approval"),
        BoothState::Booked => lang.pick("已预订", "booked"),
        BoothState::Blocked => lang.pick("不可用", "blocked"),
    }
}

pub fn key_category(lang: Lang, k: KeyCategory) -> &'static str {
    match k {
        KeyCategory::MajorProject => lang.pick("重大项目", "Major project"),
        KeyCategory::KeyIndustry => lang.pick("重点产业", "Key industry"),
        KeyCategory::SupplyGuarantee => lang.pick("保供企业", "Supply guarantee"),
    }
}

pub fn company_size(lang: Lang, s: CompanySize) -> &'static str {
    match s {
        CompanySize::Micro => lang.pick("微型（20 人以下）", "Micro (under 20)"),
        CompanySize::Small => lang.pick("小型（20–299 人）", "Small (20–299)"),
        CompanySize::Medium => lang.pick("中型（300–999 人）", "Medium (300–999)"),
        CompanySize::Large => lang.pick("大型（1000 人以上）", "Large (1000+)"),
    }
}

pub fn post_category(lang: Lang, c: PostCategory) -> &'static str {
    match c {
        PostCategory::Production => lang.pick("生产制造", "Production"),
        PostCategory::Technical => lang.pick("技术研发", "Technical"),
        PostCategory::Sales => lang.pick("销售", "Sales"),
        PostCategory::Service => lang.pick("服务", "Service"),
        PostCategory::Logistics => lang.pick("物流运输", "Logistics"),
        PostCategory::Administration => lang.pick("行政管理", "Administration"),
        PostCategory::Healthcare => lang.pick("医疗健康", "Healthcare"),
        PostCategory::Other => lang.pick("其他", "Other"),
    }
}

pub fn education(lang: Lang, e: Education) -> &'static str {
    match e {
        Education::Any => lang.pick("学历不限", "Any education"),
        Education::JuniorHigh => lang.pick("初中及以上", "Junior high school"),
        Education::HighSchool => lang.pick("高中/中专及以上", "High school"),
        Education::College => lang.pick("大专及以上", "College"),
        Education::Bachelor => lang.pick("本科及以上", "Bachelor"),
        Education::Master => lang.pick("硕士及以上", "Master"),
    }
}

pub fn experience(lang: Lang, e: Experience) -> &'static str {
    match e {
        Experience::None => lang.pick("经验不限", "No experience needed"),
        Experience::OneYear => lang.pick("1 年以上", "1+ years"),
        Experience::ThreeYears => lang.pick("3 年以上", "3+ years"),
        Experience::FiveYears => lang.pick("5 年以上", "5+ years"),
    }
}

pub fn post_status(lang: Lang, s: PostStatus) -> &'static str {
    match s {
        PostStatus::Open => lang.pick("招聘中", "Open"),
        PostStatus::Filled => lang.pick("已招满", "Filled"),
        PostStatus::Withdrawn => lang.pick("已撤回", "Withdrawn"),
    }
}

pub fn session_status(lang: Lang, s: &SessionStatus) -> &'static str {
    match s {
        SessionStatus::Draft => lang.pick("草稿", "Draft"),
        SessionStatus::Scheduled => lang.pick("已排期", "Scheduled"),
        SessionStatus::Live => lang.pick("直播中", "Live"),
        SessionStatus::Ended => lang.pick("已结束", "Ended"),
        SessionStatus::Cancelled { .. } => lang.pick("已取消", "Cancelled"),
    }
}

/// What kind of change an event is ("添加展位" / "Booth added"), for the history's type filter
/// and for refusals that name a change.
pub fn event_kind(lang: Lang, e: &Event) -> &'static str {
    let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    match e {
        Event::Fair(e) => match e {
            FairEvent::FairCreated { .. } => p("创建招聘会", "Job fair created"),
            FairEvent::FairEdited { .. } => p("修改招聘会", "Job fair edited"),
            FairEvent::FairPublished { .. } => p("发布招聘会", "Job fair published"),
            FairEvent::FairUnpublished { .. } => p("撤回发布", "Job fair back to draft"),
            FairEvent::FairClosed { .. } => p("结束招聘会", "Job fair closed"),
            FairEvent::FairCancelled { .. } => p("取消招聘会", "Job fair cancelled"),
            FairEvent::FairPostponed { .. } => p("招聘会延期", "Job fair postponed"),
            FairEvent::FairOutcomeRecorded { .. } => p("登记成效", "Results recorded"),
        },
        Event::Series(e) => match e {
            SeriesEvent::SeriesCreated { .. } => p("创建系列活动", "Series created"),
            SeriesEvent::SeriesRenamed { .. } => p("系列活动改名", "Series renamed"),
        },
        Event::FloorPlan(e) => match e {
            FloorPlanEvent::HallSized { .. } => p("设置场馆尺寸", "Hall sized"),
            FloorPlanEvent::ZoneAdded { .. } => p("添加展区", "Zone added"),
            FloorPlanEvent::ZoneRenamed { .. } => p("展区改名", "Zone renamed"),
            FloorPlanEvent::ZoneRemoved { .. } => p("删除展区", "Zone removed"),
            FloorPlanEvent::BoothAdded { .. } => p("添加展位", "Booth added"),
            FloorPlanEvent::BoothMoved { .. } => p("移动展位", "Booth moved"),
            FloorPlanEvent::BoothResized { .. } => p("调整展位大小", "Booth resized"),
            FloorPlanEvent::BoothRemoved { .. } => p("删除展位", "Booth removed"),
            FloorPlanEvent::AmenitiesSet { .. } => p("设置展位设施", "Booth amenities set"),
            FloorPlanEvent::BoothBlocked { .. } => p("停用展位", "Booth blocked"),
            FloorPlanEvent::BoothUnblocked { .. } => p("恢复展位", "Booth unblocked"),
            FloorPlanEvent::VirtualBoothsSet { .. } => p("设置虚拟展位", "Virtual booths set"),
        },
        Event::Enterprise(e) => match e {
            EnterpriseEvent::EnterpriseRegistered { .. } => p("登记企业", "Enterprise registered"),
            EnterpriseEvent::EnterpriseEdited { .. } => p("修改企业信息", "Enterprise edited"),
            EnterpriseEvent::KeyEnterpriseMarked { .. } => p("标记重点企业", "Key enterprise marked"),
            EnterpriseEvent::KeyEnterpriseUnmarked { .. } => p("取消重点企业", "Key enterprise unmarked"),
            EnterpriseEvent::CommissionerAssigned { .. } => p("指定服务专员", "Commissioner assigned"),
            EnterpriseEvent::CommissionerUnassigned { .. } => p("撤销服务专员", "Commissioner unassigned"),
        },
        Event::Post(e) => match e {
            PostEvent::PostOpened { .. } => p("发布岗位", "Post opened"),
            PostEvent::PostEdited { .. } => p("修改岗位", "Post edited"),
            PostEvent::PostFilled { .. } => p("岗位招满", "Post filled"),
            PostEvent::PostWithdrawn { .. } => p("撤回岗位", "Post withdrawn"),
        },
        Event::Booking(e) => {
            use fairlog_domain::booking::BookingEvent as B;
            match e {
                B::BookingRulesSet { .. } => p("设置预订规则", "Booking rules set"),
                B::BoothRequested { .. } => p("申请展位", "Booth requested"),
                B::BookingApproved { .. } => p("通过申请", "Request approved"),
                B::BookingApprovalRevoked { .. } => p("撤销通过", "Approval revoked"),
                B::BookingRejected { .. } => p("拒绝申请", "Request rejected"),
                B::BookingReassigned { .. } => p("调换展位", "Booth reassigned"),
                B::BookingCancelled { .. } => p("取消预订", "Booking cancelled"),
                B::HoldExpired { .. } => p("保留期满", "Hold expired"),
                B::WaitlistJoined { .. } => p("加入候补", "Waitlist joined"),
                B::WaitlistLeft { .. } => p("退出候补", "Waitlist left"),
                B::WaitlistOffered { .. } => p("候补邀请", "Waitlist offer"),
                B::OfferAccepted { .. } => p("接受候补邀请", "Offer accepted"),
                B::OfferDeclined { .. } => p("放弃候补邀请", "Offer declined"),
            }
        }
        Event::Host(e) => match e {
            HostEvent::HostRegistered { .. } => p("登记主播", "Host registered"),
            HostEvent::HostEdited { .. } => p("修改主播信息", "Host edited"),
            HostEvent::AvailabilitySet { .. } => p("设置主播可用时间", "Host availability set"),
            HostEvent::StreamDomainAllowed { .. } => p("允许直播平台", "Streaming site allowed"),
            HostEvent::StreamDomainRemoved { .. } => p("移除直播平台", "Streaming site removed"),
            HostEvent::ChannelAdded { .. } => p("添加直播间", "Channel added"),
            HostEvent::ChannelEdited { .. } => p("修改直播间", "Channel edited"),
        },
        Event::Livestream(e) => match e {
            LivestreamEvent::SessionPlanned { .. } => p("创建直播", "Session planned"),
            LivestreamEvent::SessionEdited { .. } => p("修改直播", "Session edited"),
            LivestreamEvent::SessionMoved { .. } => p("调整直播时间", "Session moved"),
            LivestreamEvent::SessionScheduled { .. } => p("直播排期", "Session scheduled"),
            LivestreamEvent::SoftConflictsAccepted { .. } => p("接受提醒", "Warnings accepted"),
            LivestreamEvent::EnterpriseInvited { .. } => p("邀请企业", "Enterprise invited"),
            LivestreamEvent::FeatureChanged { .. } => p("调整出场安排", "Line-up entry changed"),
            LivestreamEvent::FeatureRemoved { .. } => p("移出出场名单", "Line-up entry removed"),
            LivestreamEvent::InvitationAccepted { .. } => p("接受邀请", "Invitation accepted"),
            LivestreamEvent::InvitationDeclined { .. } => p("谢绝邀请", "Invitation declined"),
            LivestreamEvent::SessionStarted { .. } => p("开始直播", "Session started"),
            LivestreamEvent::SessionEnded { .. } => p("结束直播", "Session ended"),
            LivestreamEvent::SessionCancelled { .. } => p("取消直播", "Session cancelled"),
        },
        Event::Merge(e) => match e {
            MergeEvent::LogMerged { .. } => p("合并日志", "Log merged"),
            MergeEvent::ConflictResolved { .. } => p("处理合并冲突", "Merge conflict resolved"),
        },
    }
}

/// The CSV exports' words: the same table as the pages.
pub struct CsvTable(pub Lang);

impl CsvWords for CsvTable {
    fn lang(&self) -> CsvLang {
        match self.0 {
            Lang::Zh => CsvLang::Zh,
            Lang::En => CsvLang::En,
        }
    }
    fn fair_status(&self, s: FairStatusKind) -> String {
        fair_status(self.0, s).into()
    }
    fn mode(&self, m: FairMode) -> String {
        mode(self.0, m).into()
    }
    fn key_category(&self, k: KeyCategory) -> String {
        key_category(self.0, k).into()
    }
    fn booking_status(&self, s: &BookingStatus) -> String {
        booking_status(self.0, s).into()
    }
    fn post_category(&self, c: PostCategory) -> String {
        post_category(self.0, c).into()
    }
    fn education(&self, e: Education) -> String {
        education(self.0, e).into()
    }
    fn experience(&self, e: Experience) -> String {
        experience(self.0, e).into()
    }
    fn post_status(&self, s: PostStatus) -> String {
        post_status(self.0, s).into()
    }
    fn session_status(&self, s: &SessionStatus) -> String {
        session_status(self.0, s).into()
    }
}
