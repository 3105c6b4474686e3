//! Typed ids. The caller (UI, CLI, generator) makes them, so `decide` stays pure.
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        // The uuid's order (its bytes, big-endian), compared as one number: the state's maps
        // are keyed by ids, and `Uuid`'s own `Ord` compares 16 bytes through `memcmp`, a tenth
        // of decoding a snapshot of the seeds' scale (`ids_order_as_their_uuids` checks that the
        // order is the same).
        impl Ord for $name {
            #[inline]
            fn cmp(&self, other: &Self) -> std::cmp::Ordering { self.0.as_u128().cmp(&other.0.as_u128()) }
        }

        impl PartialOrd for $name {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> { Some(self.cmp(other)) }
        }

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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Given two uuids, when compared as ids, then the order is the uuids' own.
        #[test]
        fn ids_order_as_their_uuids(a in any::<u128>(), b in any::<u128>(), same in any::<bool>()) {
            let (a, b) = (Uuid::from_u128(a), Uuid::from_u128(if same { a } else { b }));
            prop_assert_eq!(FairId(a).cmp(&FairId(b)), a.cmp(&b));
            prop_assert_eq!(BookingId(a).partial_cmp(&BookingId(b)), a.partial_cmp(&b));
        }
    }
}
