//! Industry themes of special fairs (专场招聘会) and of enterprises.
use serde::{Deserialize, Serialize};

macro_rules! industries {
    ($($v:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Industry { $($v),* }

        impl Industry {
            pub const ALL: &'static [Industry] = &[$(Industry::$v),*];
            pub fn zh(self) -> &'static str { match self { $(Industry::$v => $zh),* } }
            pub fn en(self) -> &'static str { match self { $(Industry::$v => $en),* } }
            pub fn key(self) -> &'static str { match self { $(Industry::$v => stringify!($v)),* } }
            pub fn from_key(k: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|d| d.key() == k)
            }
        }
    };
}

industries! {
    General => "综合", "General";
    Manufacturing => "先进制造", "Advanced manufacturing";
    Digital => "数字经济与信息技术", "Digital economy & IT";
    Biomedicine => "生物医药", "Biomedicine";
    Automotive => "汽车", "Automotive";
    Finance => "金融", "Finance";
    Logistics => "物流与快递", "Logistics & express delivery";
    Retail => "商贸服务", "Retail & services";
    Hospitality => "餐饮与酒店", "Catering & hotels";
    Construction => "建筑与重大工程", "Construction & major projects";
    Healthcare => "医疗与养老", "Healthcare & elderly care";
    Education => "教育培训", "Education & training";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for i in Industry::ALL {
            assert_eq!(Industry::from_key(i.key()), Some(*i));
        }
    }
}
