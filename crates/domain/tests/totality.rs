//! `evolve` is total and `decide` never panics, whatever events came before: arbitrary — not
//! only accepted — envelope sequences (built from bytes by `fuzzing`, as the cargo-fuzz target
//! builds them) through restore and a raw replay, then commands of every kind on both states.
use fairlog_domain::fuzzing::exercise;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_events_then_arbitrary_commands_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1500)) {
        exercise(&bytes);
    }

}

#[test]
fn the_templates_cover_every_concept_of_events_and_commands() {
    // Given the fuzzing pool, then it holds events and intents of each concept
    let pool = fairlog_domain::fuzzing::pool();
    for concept in ["fair", "series", "floor_plan", "enterprise", "post", "booking", "host", "livestream"] {
        assert!(pool.events.iter().any(|v| v.get(concept).is_some()), "no {concept} event");
        assert!(pool.intents.iter().any(|v| v.get(concept).is_some()), "no {concept} command");
    }
}
