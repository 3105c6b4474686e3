//! Arbitrary envelope sequences through `Engine::restore` (judged) and `evolve` (unjudged), then
//! commands of every kind on both states: nothing may panic (see `fairlog_domain::fuzzing`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fairlog_domain::fuzzing::exercise(data);
});
