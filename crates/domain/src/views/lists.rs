//! The long lists at city size: the enterprise list (重点企业) with its search and filters.
//!
//! At the seeds' scale there are 25,600 enterprises. A search answers within a frame by reading
//! an [`EnterpriseIndex`] built once per state (each name and credit code already lowercased,
//! the rows already in list order), so a keystroke is one pass of `str::contains` over the
//! index, with no allocation per enterprise and no sort. [`enterprise_list`] answers the same
//! question straight from the state (lowercasing and sorting on each call); the two agree, and
//! the property tests hold them to it.
use crate::enterprise::{Enterprise, KeyCategory};
use crate::ids::EnterpriseId;
use crate::industry::Industry;
use crate::place::District;
use crate::state::State;

/// What the organizer narrows the enterprise list by. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnterpriseQuery {
    /// Part of the name or of the unified social credit code, any case, surrounding spaces ignored.
    pub text: String,
    /// Only key enterprises (重点企业).
    pub key_only: bool,
    pub district: Option<District>,
    pub industry: Option<Industry>,
}

impl EnterpriseQuery {
    /// The text as it is compared: trimmed and lowercased.
    pub fn needle(&self) -> String {
        self.text.trim().to_lowercase()
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && !self.key_only && self.district.is_none() && self.industry.is_none()
    }

    /// Does an enterprise with these fields pass the filters (the text aside)?
    fn admits(&self, key: Option<KeyCategory>, district: District, industry: Industry) -> bool {
        (!self.key_only || key.is_some())
            && self.district.is_none_or(|d| d == district)
            && self.industry.is_none_or(|i| i == industry)
    }
}

/// The list's order: key enterprises first, then by name, then by id (names may repeat).
fn list_order(e: &Enterprise) -> (bool, &str, EnterpriseId) {
    (e.key.is_none(), e.profile.name.as_str(), e.id)
}

fn text_matches(needle: &str, name_lower: &str, code_lower: &str) -> bool {
    needle.is_empty() || name_lower.contains(needle) || code_lower.contains(needle)
}

/// The enterprises that pass the query, in list order (key enterprises first, then by name),
/// read straight from the state: every name is lowercased and the result sorted on each call.
/// The reference answer; screens use [`EnterpriseIndex::matching`], which gives the same list.
pub fn enterprise_list<'a>(state: &'a State, query: &EnterpriseQuery) -> Vec<&'a Enterprise> {
    let needle = query.needle();
    let mut out: Vec<&Enterprise> = state
        .enterprises
        .values()
        .filter(|e| query.admits(e.key, e.profile.district, e.profile.industry))
        .filter(|e| {
            text_matches(&needle, &e.profile.name.to_lowercase(), &e.profile.credit_code.to_lowercase())
        })
        .collect();
    out.sort_by(|a, b| list_order(a).cmp(&list_order(b)));
    out
}

/// One enterprise as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexRow {
    id: EnterpriseId,
    name_lower: String,
    code_lower: String,
    key: Option<KeyCategory>,
    district: District,
    industry: Industry,
}

/// Every enterprise of one state, in list order, with its name and credit code lowercased once:
/// build it when the state changes (the app memoises it on the store's revision), then ask it
/// [`EnterpriseIndex::matching`] on every keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnterpriseIndex {
    rows: Vec<IndexRow>,
}

impl EnterpriseIndex {
    pub fn new(state: &State) -> EnterpriseIndex {
        let mut sorted: Vec<&Enterprise> = state.enterprises.values().collect();
        sorted.sort_by(|a, b| list_order(a).cmp(&list_order(b)));
        let rows = sorted
            .into_iter()
            .map(|e| IndexRow {
                id: e.id,
                name_lower: e.profile.name.to_lowercase(),
                code_lower: e.profile.credit_code.to_lowercase(),
                key: e.key,
                district: e.profile.district,
                industry: e.profile.industry,
            })
            .collect();
        EnterpriseIndex { rows }
    }

    /// How many enterprises the index holds (the list's total).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The ids of the enterprises that pass the query, in list order: the same enterprises, in
    /// the same order, as [`enterprise_list`] on the state the index was built from.
    pub fn matching(&self, query: &EnterpriseQuery) -> Vec<EnterpriseId> {
        let needle = query.needle();
        self.rows
            .iter()
            .filter(|r| query.admits(r.key, r.district, r.industry))
            .filter(|r| text_matches(&needle, &r.name_lower, &r.code_lower))
            .map(|r| r.id)
            .collect()
    }
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
