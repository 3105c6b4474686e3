use proptest::prelude::*;

use super::*;
use crate::enterprise::{EnterpriseEvent, EnterpriseProfile};
use crate::event::Event;
use crate::testing::{given, sample_profile};

fn ent(n: u128) -> EnterpriseId {
    EnterpriseId::from_u128(500 + n)
}

/// Enterprise `n`, registered field by field: `an_enterprise(3).named("上海电气").in_district(..)`.
#[derive(Debug, Clone)]
struct TestEnterprise {
    n: u128,
    name: String,
    district: District,
    industry: Industry,
    key: Option<KeyCategory>,
}

fn an_enterprise(n: u128) -> TestEnterprise {
    TestEnterprise {
        n,
        name: format!("企业{n}"),
        district: District::Minhang,
        industry: Industry::Manufacturing,
        key: None,
    }
}

impl TestEnterprise {
    fn named(self, name: &str) -> Self {
        TestEnterprise { name: name.into(), ..self }
    }
    fn in_district(self, district: District) -> Self {
        TestEnterprise { district, ..self }
    }
    fn in_industry(self, industry: Industry) -> Self {
        TestEnterprise { industry, ..self }
    }
    fn key(self, category: KeyCategory) -> Self {
        TestEnterprise { key: Some(category), ..self }
    }
    fn events(&self) -> Vec<Event> {
        let credit_code = crate::credit_code::complete(&format!("91310000MA1FT{:04}", self.n));
        let profile = EnterpriseProfile {
            name: self.name.clone(),
            credit_code,
            district: self.district,
            industry: self.industry,
            ..sample_profile()
        };
        let mut out: Vec<Event> =
            vec![EnterpriseEvent::EnterpriseRegistered { enterprise_id: ent(self.n), profile }.into()];
        if let Some(category) = self.key {
            out.push(EnterpriseEvent::KeyEnterpriseMarked { enterprise_id: ent(self.n), category }.into());
        }
        out
    }
}

fn registered(list: &[TestEnterprise]) -> Vec<Event> {
    list.iter().flat_map(TestEnterprise::events).collect()
}

fn text(t: &str) -> EnterpriseQuery {
    EnterpriseQuery { text: t.into(), ..EnterpriseQuery::default() }
}

/// The list both ways (from the state, and through the index); they must agree.
fn listed(state: &State, query: &EnterpriseQuery) -> Vec<EnterpriseId> {
    let direct: Vec<EnterpriseId> = enterprise_list(state, query).iter().map(|e| e.id).collect();
    let indexed = EnterpriseIndex::new(state).matching(query);
    assert_eq!(direct, indexed, "the index and the state disagree on {query:?}");
    direct
}

#[test]
fn it_should_list_key_enterprises_first_then_by_name() {
    let g = given(registered(&[
        an_enterprise(1).named("乙公司"),
        an_enterprise(2).named("甲公司"),
        an_enterprise(3).named("丙公司").key(KeyCategory::MajorProject),
    ]));
    let all = listed(g.state(), &EnterpriseQuery::default());
    // 丙 (key) first, then 乙 < 甲 by code point (U+4E59 < U+7532).
    assert_eq!(all, vec![ent(3), ent(1), ent(2)]);
}

#[test]
fn it_should_find_a_name_by_any_part_in_any_case_ignoring_surrounding_spaces() {
    let g =
        given(registered(&[an_enterprise(1).named("Shanghai Electric 上海电气"), an_enterprise(2).named("浦东物流")]));
    assert_eq!(listed(g.state(), &text("  ELECTRIC ")), vec![ent(1)]);
    assert_eq!(listed(g.state(), &text("物流")), vec![ent(2)]);
    assert_eq!(listed(g.state(), &text("没有这家")), Vec::<EnterpriseId>::new());
}

#[test]
fn it_should_find_an_enterprise_by_its_credit_code_in_any_case() {
    let g = given(registered(&[an_enterprise(1), an_enterprise(42)]));
    let code = g.state().enterprises[&ent(42)].profile.credit_code.clone();
    assert_eq!(listed(g.state(), &text(&code.to_lowercase())), vec![ent(42)]);
}

#[test]
fn it_should_keep_only_key_enterprises_when_asked() {
    let g = given(registered(&[an_enterprise(1), an_enterprise(2).key(KeyCategory::SupplyGuarantee)]));
    assert_eq!(listed(g.state(), &EnterpriseQuery { key_only: true, ..EnterpriseQuery::default() }), vec![ent(2)]);
}

#[test]
fn it_should_filter_by_district_and_industry_together_with_the_text() {
    let g = given(registered(&[
        an_enterprise(1).named("徐汇软件").in_district(District::Xuhui).in_industry(Industry::Digital),
        an_enterprise(2).named("徐汇物流").in_district(District::Xuhui).in_industry(Industry::Logistics),
        an_enterprise(3).named("浦东软件").in_district(District::Pudong).in_industry(Industry::Digital),
    ]));
    let q = EnterpriseQuery { district: Some(District::Xuhui), ..EnterpriseQuery::default() };
    // 徐汇物流 before 徐汇软件 (物 U+7269 < 软 U+8F6F).
    assert_eq!(listed(g.state(), &q), vec![ent(2), ent(1)]);
    let q = EnterpriseQuery { industry: Some(Industry::Digital), text: "徐汇".into(), ..q };
    assert_eq!(listed(g.state(), &q), vec![ent(1)]);
}

#[test]
fn it_should_say_an_untouched_query_is_empty() {
    assert!(EnterpriseQuery::default().is_empty());
    assert!(text("   ").is_empty());
    assert!(!text("a").is_empty());
    assert!(!EnterpriseQuery { key_only: true, ..EnterpriseQuery::default() }.is_empty());
}

#[test]
fn it_should_count_every_enterprise_in_the_index() {
    let g = given(registered(&[an_enterprise(1), an_enterprise(2), an_enterprise(3)]));
    assert_eq!(EnterpriseIndex::new(g.state()).len(), 3);
    assert!(EnterpriseIndex::default().is_empty());
}

#[test]
fn it_should_not_touch_the_rows_when_an_event_is_about_something_else() {
    let mut g = given(registered(&[an_enterprise(1), an_enterprise(2)]));
    let mut index = EnterpriseIndex::new(g.state());
    let before = g.state().clone();
    g.state_mut().fairs.clear();
    assert!(!index.catch_up(g.state()), "nothing about enterprises changed");
    assert_eq!(index.changes(), 0);
    assert!(!index.catch_up(&before));
}

#[test]
fn it_should_move_a_row_when_an_enterprise_becomes_key_or_is_renamed() {
    let old = given(registered(&[an_enterprise(1).named("乙"), an_enterprise(2).named("甲")]));
    let mut index = EnterpriseIndex::new(old.state());
    let mut events = registered(&[an_enterprise(1).named("乙"), an_enterprise(2).named("甲")]);
    events.push(
        EnterpriseEvent::KeyEnterpriseMarked { enterprise_id: ent(2), category: KeyCategory::KeyIndustry }.into(),
    );
    events.extend(registered(&[an_enterprise(3).named("丁")]));
    let new = given(events);
    assert!(index.catch_up(new.state()));
    assert_eq!(index.changes(), 1);
    assert_eq!(index.matching(&EnterpriseQuery::default()), vec![ent(2), ent(3), ent(1)]);
    assert_eq!(index.rows, EnterpriseIndex::new(new.state()).rows);
}

/// Names from a small alphabet (both cases, CJK, a space) so that searches often hit.
fn name() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(vec!["a", "A", "b", "B", "上", "海", " ", "é", "É"]), 0..6)
        .prop_map(|v| v.concat())
}

fn enterprise(n: u128) -> impl Strategy<Value = TestEnterprise> {
    (name(), 0..District::ALL.len(), 0..Industry::ALL.len(), prop::option::of(0usize..3)).prop_map(
        move |(name, d, i, k)| TestEnterprise {
            n,
            name,
            district: District::ALL[d],
            industry: Industry::ALL[i],
            key: k.map(|k| [KeyCategory::MajorProject, KeyCategory::KeyIndustry, KeyCategory::SupplyGuarantee][k]),
        },
    )
}

fn enterprises() -> impl Strategy<Value = Vec<TestEnterprise>> {
    (0usize..24).prop_flat_map(|n| (0..n as u128).map(enterprise).collect::<Vec<_>>())
}

fn query() -> impl Strategy<Value = EnterpriseQuery> {
    (name(), any::<bool>(), prop::option::of(0..District::ALL.len()), prop::option::of(0..Industry::ALL.len()))
        .prop_map(|(text, key_only, d, i)| EnterpriseQuery {
            text,
            key_only,
            district: d.map(|d| District::ALL[d]),
            industry: i.map(|i| Industry::ALL[i]),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Given any enterprises, when the list is asked with any query, then the index and the
    /// state give the same ids in the same order; each listed enterprise passes every filter, no
    /// unlisted one does, and the list is in list order (key first, then by name).
    #[test]
    fn the_index_lists_exactly_the_enterprises_that_pass_in_list_order(list in enterprises(), q in query()) {
        let g = given(registered(&list));
        let state = g.state();
        let shown = listed(state, &q);
        let needle = q.text.trim().to_lowercase();
        let passes = |e: &Enterprise| {
            (!q.key_only || e.key.is_some())
                && q.district.is_none_or(|d| d == e.profile.district)
                && q.industry.is_none_or(|i| i == e.profile.industry)
                && (e.profile.name.to_lowercase().contains(&needle) || e.profile.credit_code.to_lowercase().contains(&needle))
        };
        for e in state.enterprises.values() {
            prop_assert_eq!(shown.contains(&e.id), passes(e), "{:?} on {:?}", q, e.profile.name);
        }
        let order: Vec<_> = shown.iter().map(|id| {
            let e = &state.enterprises[id];
            (e.key.is_none(), e.profile.name.clone(), e.id)
        }).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted);
    }

    /// Given an index built on the first k events of any history (registrations, renames, key
    /// marks and unmarks), when it catches up to the whole history, then its rows are those of an
    /// index built on the whole history.
    #[test]
    fn catching_up_gives_the_index_built_afresh(
        list in enterprises(), renames in proptest::collection::vec((0u128..24, name(), prop::option::of(0usize..3)), 0..30),
        cut in 0.0f64..=1.0,
    ) {
        let mut events = registered(&list);
        for (n, new_name, key) in renames {
            if n as usize >= list.len() { continue }
            let e = TestEnterprise { name: new_name, ..list[n as usize].clone() };
            let credit_code = crate::credit_code::complete(&format!("91310000MA1FT{:04}", e.n));
            let profile = EnterpriseProfile { name: e.name.clone(), credit_code, district: e.district, industry: e.industry, ..sample_profile() };
            events.push(EnterpriseEvent::EnterpriseEdited { enterprise_id: ent(e.n), profile }.into());
            events.push(match key {
                Some(k) => EnterpriseEvent::KeyEnterpriseMarked { enterprise_id: ent(e.n), category: [KeyCategory::MajorProject, KeyCategory::KeyIndustry, KeyCategory::SupplyGuarantee][k] }.into(),
                None => EnterpriseEvent::KeyEnterpriseUnmarked { enterprise_id: ent(e.n) }.into(),
            });
        }
        let k = (events.len() as f64 * cut) as usize;
        let mut index = EnterpriseIndex::new(given(events[..k].to_vec()).state());
        let whole = given(events);
        index.catch_up(whole.state());
        prop_assert_eq!(&index.rows, &EnterpriseIndex::new(whole.state()).rows);
    }

    /// Given any enterprises, when the query only adds text to another, then it lists a subset of
    /// what the shorter query lists (typing more never brings rows back).
    #[test]
    fn typing_more_only_narrows_the_list(list in enterprises(), q in query(), more in name()) {
        let g = given(registered(&list));
        let index = EnterpriseIndex::new(g.state());
        let wider = index.matching(&q);
        let narrower = index.matching(&EnterpriseQuery { text: format!("{}{more}", q.text.trim_end()), ..q.clone() });
        prop_assert!(narrower.iter().all(|id| wider.contains(id)));
    }
}
