//! Arbitrary bytes through `snapshot::decode` (the framed form: magic, version, build, length,
//! checksum) and, past the checksum a fuzzer cannot forge, through the body decoder: nothing may
//! panic or abort, and whatever decodes re-encodes to a snapshot that decodes to the same. (Its
//! first run found the body decoder reserving memory for as many entries as a crafted length
//! said; `snapshot::cautious` now reads the state's collections entry by entry, and the input is
//! a regression test in `snapshot/tests.rs`.)
#![no_main]

use fairlog_domain::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = snapshot::decode(data);
    if let Ok(s) = snapshot::decode_body(data) {
        let again = snapshot::decode(&snapshot::encode_state(&s.state, &s.cursor)).expect("own encoding decodes");
        assert_eq!(again, s);
    }
});
