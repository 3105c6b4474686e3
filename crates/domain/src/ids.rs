//! Typed ids. The caller (UI, CLI, generator) makes them, so `decide` stays pure.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn from_u128(v: u128) -> Self { Self(Uuid::from_u128(v)) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { self.0.fmt(f) }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Uuid::parse_str(s).map(Self) }
        }
    )*};
}

id_type!(
    /// A job fair (招聘会).
    FairId,
    /// A series of fairs (系列活动), e.g. "Thousands of Enterprises, Thousands of Posts".
    SeriesId,
    /// A zone of a fair's floor plan (展区), e.g. "manufacturing hall A".
    ZoneId,
    /// A booth (展位) on a floor plan.
    BoothId,
    /// An employer (用人单位).
    EnterpriseId,
    /// A post (岗位): a job opening with a headcount.
    PostId,
    /// An enterprise's booking of a booth at a fair.
    BookingId,
    /// A place on a fair's (or zone's) waitlist.
    WaitlistId,
    /// A livestream host (主播 / 嘉宾).
    HostId,
    /// A livestream channel or studio (直播间).
    ChannelId,
    /// A livestream session (直播带岗).
    SessionId,
);
