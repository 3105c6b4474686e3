//! Keys of the domain's small enums, in one place: the stable word each variant is stored and
//! linked as (`onsite`, `major_project`, ...), every variant in order, and the way back from a
//! key. The enums derive `strum::IntoStaticStr`, `EnumString` and `VariantArray` (snake_case,
//! as serde writes them; a different word is set on the variant with `#[strum(serialize = ..)]`).

macro_rules! keyed {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$t] = <$t as strum::VariantArray>::VARIANTS;

            /// The variant's stable key.
            pub fn key(self) -> &'static str {
                self.into()
            }

            /// The variant with this key.
            pub fn from_key(k: &str) -> Option<Self> {
                k.parse().ok()
            }
        }
    )*};
}

keyed!(
    crate::fair::FairMode,
    crate::fair::BoothKind,
    crate::fair::FairStatusKind,
    crate::enterprise::CompanySize,
    crate::enterprise::KeyCategory,
    crate::envelope::Role,
    crate::host::Platform,
);
