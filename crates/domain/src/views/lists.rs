//! The long lists at city size: the enterprise list (重点企业) with its search and filters.
//!
//! At the seeds' scale there are 25,600 enterprises. A search answers within a frame by reading
//! an [`EnterpriseIndex`] built once per state (each name and credit code already lowercased,
//! the rows already in list order), so a keystroke is one pass of `str::contains` over the
//! index, with no allocation per enterprise and no sort. [`enterprise_list`] answers the same
//! question straight from the state (lowercasing and sorting on each call); the two agree, and
//! the property tests hold them to it. When the state moves on, [`EnterpriseIndex::catch_up`]
//! reads only what changed (the persistent map's `diff` skips the shared subtrees), so an event
//! about a booking or a post costs nothing and one about an enterprise moves one row.
use imbl::OrdMap;

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
        .filter(|e| text_matches(&needle, &e.profile.name.to_lowercase(), &e.profile.credit_code.to_lowercase()))
        .collect();
    out.sort_by(|a, b| list_order(a).cmp(&list_order(b)));
    out
}

/// One enterprise as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexRow {
    id: EnterpriseId,
    name: String,
    name_lower: String,
    code_lower: String,
    key: Option<KeyCategory>,
    district: District,
    industry: Industry,
}

impl IndexRow {
    fn of(e: &Enterprise) -> IndexRow {
        IndexRow {
            id: e.id,
            name: e.profile.name.clone(),
            name_lower: e.profile.name.to_lowercase(),
            code_lower: e.profile.credit_code.to_lowercase(),
            key: e.key,
            district: e.profile.district,
            industry: e.profile.industry,
        }
    }

    fn order(&self) -> (bool, &str, EnterpriseId) {
        (self.key.is_none(), self.name.as_str(), self.id)
    }
}

/// More changed enterprises than this (or than an eighth of the list) and
/// [`EnterpriseIndex::catch_up`] builds the index again rather than moving rows one by one.
const REBUILD_AFTER: usize = 256;

/// Every enterprise of one state, in list order, with its name and credit code lowercased once:
/// build it once, [`EnterpriseIndex::catch_up`] when the state moves on, and ask it
/// [`EnterpriseIndex::matching`] on every keystroke.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseIndex {
    rows: Vec<IndexRow>,
    /// The enterprises the rows were read from (a cheap shared copy of the state's map).
    source: OrdMap<EnterpriseId, Enterprise>,
    /// How many times the rows changed (a memo key for the lists computed from them).
    changes: u64,
}

impl EnterpriseIndex {
    pub fn new(state: &State) -> EnterpriseIndex {
        let mut rows: Vec<IndexRow> = state.enterprises.values().map(IndexRow::of).collect();
        rows.sort_by(|a, b| a.order().cmp(&b.order()));
        EnterpriseIndex { rows, source: state.enterprises.clone(), changes: 0 }
    }

    /// Bring the index to this state, reading only the enterprises that changed since the state
    /// it was built from. Says whether any row changed.
    pub fn catch_up(&mut self, state: &State) -> bool {
        if self.source.ptr_eq(&state.enterprises) {
            return false;
        }
        let mut gone: Vec<(bool, String, EnterpriseId)> = Vec::new();
        let mut added: Vec<IndexRow> = Vec::new();
        for d in self.source.diff(&state.enterprises) {
            let (old, new) = match d {
                imbl::ordmap::DiffItem::Add(_, e) => (None, Some(e)),
                imbl::ordmap::DiffItem::Update { old: (_, o), new: (_, n) } => (Some(o), Some(n)),
                imbl::ordmap::DiffItem::Remove(_, o) => (Some(o), None),
            };
            if let Some(o) = old {
                gone.push((o.key.is_none(), o.profile.name.clone(), o.id));
            }
            added.extend(new.map(IndexRow::of));
            if gone.len() + added.len() > REBUILD_AFTER.max(self.rows.len() / 8) {
                let changes = self.changes + 1;
                *self = EnterpriseIndex { changes, ..EnterpriseIndex::new(state) };
                return true;
            }
        }
        for (absent, name, id) in &gone {
            if let Ok(i) = self.rows.binary_search_by(|r| r.order().cmp(&(*absent, name.as_str(), *id))) {
                self.rows.remove(i);
            }
        }
        for row in added {
            let at = self.rows.binary_search_by(|r| r.order().cmp(&row.order())).unwrap_or_else(|i| i);
            self.rows.insert(at, row);
        }
        self.source = state.enterprises.clone();
        self.changes += 1;
        true
    }

    /// Were the rows read from this state's enterprises (no catching up to do)?
    pub fn is_current(&self, state: &State) -> bool {
        self.source.ptr_eq(&state.enterprises)
    }

    /// How many times [`EnterpriseIndex::catch_up`] changed the rows.
    pub fn changes(&self) -> u64 {
        self.changes
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
