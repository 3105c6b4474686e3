//! Enterprise and post forms (strings, as the inputs hold them) and their conversion to domain
//! values. Only *format* is checked here (is this a number); every rule is the domain's.
use std::collections::BTreeSet;

use fairlog_domain::enterprise::{CompanySize, EnterpriseProfile};
use fairlog_domain::ids::FairId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::post::{Education, Experience, PostCategory, PostDetails};

use crate::forms::FormatError;
use crate::i18n::T;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnterpriseForm {
    pub name: String,
    pub credit_code: String,
    pub industry: String,
    pub district: String,
    pub size: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub description: String,
}

impl Default for EnterpriseForm {
    fn default() -> Self {
        EnterpriseForm {
            name: String::new(),
            credit_code: String::new(),
            industry: Industry::Manufacturing.key().into(),
            district: District::Huangpu.key().into(),
            size: CompanySize::Small.key().into(),
            contact_name: String::new(),
            contact_phone: String::new(),
            description: String::new(),
        }
    }
}

impl EnterpriseForm {
    pub fn from_profile(p: &EnterpriseProfile) -> Self {
        EnterpriseForm {
            name: p.name.clone(),
            credit_code: p.credit_code.clone(),
            industry: p.industry.key().into(),
            district: p.district.key().into(),
            size: p.size.key().into(),
            contact_name: p.contact_name.clone(),
            contact_phone: p.contact_phone.clone(),
            description: p.description.clone(),
        }
    }

    /// Every field is text or a choice, so there is no format to get wrong here. A credit code
    /// is 18 characters without spaces: spaces typed or pasted into it (as printed on licences,
    /// in groups) are dropped.
    pub fn to_profile(&self) -> EnterpriseProfile {
        EnterpriseProfile {
            name: self.name.clone(),
            credit_code: self.credit_code.split_whitespace().collect(),
            industry: Industry::from_key(&self.industry).unwrap_or(Industry::General),
            district: District::from_key(&self.district).unwrap_or(District::Huangpu),
            size: CompanySize::from_key(&self.size).unwrap_or(CompanySize::Small),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            description: self.description.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostForm {
    pub title: String,
    pub category: String,
    pub headcount: String,
    pub salary_min: String,
    pub salary_max: String,
    pub education: String,
    pub experience: String,
    pub district: String,
    pub fairs: BTreeSet<FairId>,
}

impl Default for PostForm {
    fn default() -> Self {
        PostForm {
            title: String::new(),
            category: PostCategory::Production.key().into(),
            headcount: String::new(),
            salary_min: String::new(),
            salary_max: String::new(),
            education: Education::Any.key().into(),
            experience: Experience::None.key().into(),
            district: District::Huangpu.key().into(),
            fairs: BTreeSet::new(),
        }
    }
}

fn number(field: &'static str, s: &str) -> Result<u32, FormatError> {
    s.trim().parse::<u32>().map_err(|_| FormatError { field, text: T::InvalidNumber })
}

impl PostForm {
    pub fn from_details(d: &PostDetails) -> Self {
        PostForm {
            title: d.title.clone(),
            category: d.category.key().into(),
            headcount: d.headcount.to_string(),
            salary_min: d.salary_min.to_string(),
            salary_max: d.salary_max.to_string(),
            education: d.education.key().into(),
            experience: d.experience.key().into(),
            district: d.district.key().into(),
            fairs: d.fairs.clone(),
        }
    }

    /// The details to ask the domain about, with a stand-in for each value that is not a whole
    /// number, and those values' problems: so the domain can name its own problems (an empty
    /// title) in the same answer.
    pub fn probe(&self) -> (PostDetails, Vec<FormatError>) {
        let mut problems = Vec::new();
        let mut n = |field, s: &str, stand_in| {
            number(field, s).unwrap_or_else(|e| {
                if !problems.contains(&e) {
                    problems.push(e);
                }
                stand_in
            })
        };
        let headcount = n("headcount", &self.headcount, 1);
        let salary_min = n("salary", &self.salary_min, 1);
        let salary_max = n("salary", &self.salary_max, salary_min.max(1));
        let details = PostDetails { headcount, salary_min, salary_max, ..self.to_details_unchecked() };
        (details, problems)
    }

    fn to_details_unchecked(&self) -> PostDetails {
        PostDetails {
            title: self.title.clone(),
            category: PostCategory::from_key(&self.category).unwrap_or(PostCategory::Other),
            headcount: 0,
            salary_min: 0,
            salary_max: 0,
            education: Education::from_key(&self.education).unwrap_or(Education::Any),
            experience: Experience::from_key(&self.experience).unwrap_or(Experience::None),
            district: District::from_key(&self.district).unwrap_or(District::Huangpu),
            fairs: self.fairs.clone(),
        }
    }

    /// The details to send, or the first value that is not a whole number (a negative headcount
    /// included). Zero and an inverted salary range are the domain's to refuse.
    pub fn to_details(&self) -> Result<PostDetails, FormatError> {
        Ok(PostDetails {
            title: self.title.clone(),
            category: PostCategory::from_key(&self.category).unwrap_or(PostCategory::Other),
            headcount: number("headcount", &self.headcount)?,
            salary_min: number("salary", &self.salary_min)?,
            salary_max: number("salary", &self.salary_max)?,
            education: Education::from_key(&self.education).unwrap_or(Education::Any),
            experience: Experience::from_key(&self.experience).unwrap_or(Experience::None),
            district: District::from_key(&self.district).unwrap_or(District::Huangpu),
            fairs: self.fairs.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> PostForm {
        PostForm {
            title: "数控车床操作工".into(),
            headcount: "12".into(),
            salary_min: "7000".into(),
            salary_max: " 9500 ".into(),
            ..PostForm::default()
        }
    }

    #[test]
    fn a_filled_post_form_converts() {
        let d = filled().to_details().unwrap();
        assert_eq!((d.headcount, d.salary_min, d.salary_max), (12, 7000, 9500));
        assert_eq!(PostForm::from_details(&d).to_details().unwrap(), d);
    }

    #[test]
    fn a_negative_headcount_is_not_a_number_beside_the_headcount() {
        let f = PostForm { headcount: "-3".into(), ..filled() };
        assert_eq!(f.to_details(), Err(FormatError { field: "headcount", text: T::InvalidNumber }));
        let f = PostForm { salary_max: "很多".into(), ..filled() };
        assert_eq!(f.to_details(), Err(FormatError { field: "salary", text: T::InvalidNumber }));
    }

    #[test]
    fn zero_headcount_reaches_the_domain() {
        let f = PostForm { headcount: "0".into(), ..filled() };
        assert_eq!(f.to_details().unwrap().headcount, 0);
    }

    #[test]
    fn an_enterprise_form_round_trips() {
        let f = EnterpriseForm {
            name: "上海申江智能装备有限公司".into(),
            credit_code: "91350100M000100Y43".into(),
            contact_name: "陈红".into(),
            contact_phone: "13812345678".into(),
            ..EnterpriseForm::default()
        };
        assert_eq!(EnterpriseForm::from_profile(&f.to_profile()), f);
    }
}
