//! Arbitrary bytes through the streamed import (`import_stream::LineSplitter` in chunks of a size
//! the first byte chooses, then `ImportVerifier`): nothing may panic, and the answer is the one
//! `codec::import_within` gives on the whole text (as a browser decodes it), error included.
#![no_main]

use fairlog_domain::codec;
use fairlog_domain::import_stream::{ImportVerifier, LineSplitter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&size, bytes)) = data.split_first() else { return };
    let mut splitter = LineSplitter::new();
    let mut verifier = ImportVerifier::new();
    let mut outcome = Ok(());
    for part in bytes.chunks(usize::from(size).max(1)) {
        outcome = splitter.push(part, |l| verifier.feed(l).map(|_| ()));
        if outcome.is_err() {
            break;
        }
    }
    if outcome.is_ok() {
        outcome = splitter.finish(|l| verifier.feed(l).map(|_| ()));
    }
    let streamed = outcome.and_then(|()| verifier.finish()).map(|v| (v.header, v.engine.into_log().into_entries()));
    let whole = codec::import_within(&String::from_utf8_lossy(bytes), usize::MAX).map(|i| (i.header, i.envelopes));
    assert_eq!(streamed, whole);
});
