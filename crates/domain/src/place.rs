//! Places: Shanghai's 16 districts (reference data with their official names in both languages).
use serde::{Deserialize, Serialize};

macro_rules! districts {
    ($($v:ident => $zh:literal, $en:literal;)*) => {
        /// One of Shanghai's 16 districts (上海市辖区).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum District { $($v),* }

        impl District {
            pub const ALL: &'static [District] = &[$(District::$v),*];
            pub fn zh(self) -> &'static str { match self { $(District::$v => $zh),* } }
            pub fn en(self) -> &'static str { match self { $(District::$v => $en),* } }
            /// Stable machine name (the serde name), for forms and URLs.
            pub fn key(self) -> &'static str {
                match self { $(District::$v => stringify!($v)),* }
            }
            pub fn from_key(k: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|d| d.key() == k)
            }
        }
    };
}

districts! {
    Huangpu => "黄浦区", "Huangpu";
    Xuhui => "徐汇区", "Xuhui";
    Changning => "长宁区", "Changning";
    Jingan => "静安区", "Jing'an";
    Putuo => "普陀区", "Putuo";
    Hongkou => "虹口区", "Hongkou";
    Yangpu => "杨浦区", "Yangpu";
    Minhang => "闵行区", "Minhang";
    Baoshan => "宝山区", "Baoshan";
    Jiading => "嘉定区", "Jiading";
    Pudong => "浦东新区", "Pudong New Area";
    Jinshan => "金山区", "Jinshan";
    Songjiang => "松江区", "Songjiang";
    Qingpu => "青浦区", "Qingpu";
    Fengxian => "奉贤区", "Fengxian";
    Chongming => "崇明区", "Chongming";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_sixteen_districts_and_keys_round_trip() {
        assert_eq!(District::ALL.len(), 16);
        for d in District::ALL {
            assert_eq!(District::from_key(d.key()), Some(*d));
        }
        assert_eq!(District::from_key("Atlantis"), None);
    }
}
