//! The streamed import against `codec::import` on the same texts, chunked anywhere.
use proptest::prelude::*;

use super::*;
use crate::codec::{export, import};
use crate::testing::{engine_with_fair_named, sample_engine};

/// Stream `bytes` in chunks of `chunk` bytes through the splitter and the verifier.
fn streamed(bytes: &[u8], chunk: usize) -> Result<Verified, CodecError> {
    let mut splitter = LineSplitter::new();
    let mut verifier = ImportVerifier::new();
    for part in bytes.chunks(chunk.max(1)) {
        splitter.push(part, |l| verifier.feed(l).map(|_| ()))?;
    }
    splitter.finish(|l| verifier.feed(l).map(|_| ()))?;
    verifier.finish()
}

/// What the streamed import says, in `codec::import`'s terms.
fn as_import(bytes: &[u8], chunk: usize) -> Result<(Header, Vec<crate::EventEnvelope>), CodecError> {
    streamed(bytes, chunk).map(|v| (v.header, v.engine.into_log().into_entries()))
}

fn whole(bytes: &[u8]) -> Result<(Header, Vec<crate::EventEnvelope>), CodecError> {
    import(&String::from_utf8_lossy(bytes)).map(|i| (i.header, i.envelopes))
}

/// A log whose lines hold multi-byte characters (fair names in Chinese, an emoji).
fn chinese_log() -> String {
    export(engine_with_fair_named("徐汇区春季招聘会🎉·千企万岗").log())
}

#[test]
fn it_should_import_a_file_streamed_in_chunks_as_the_whole_text_imports() {
    // given an exported log
    let text = export(sample_engine().log());
    for chunk in [1, 2, 3, 7, 64, 1 << 20] {
        // when it streams in chunks of that size
        let verified = streamed(text.as_bytes(), chunk).expect("a good file verifies");
        // then it built the same log and state as the original
        assert_eq!(verified.engine.log().entries(), sample_engine().log().entries(), "chunk {chunk}");
        assert_eq!(verified.engine.state(), sample_engine().state());
        assert_eq!(verified.header.count, 3);
    }
}

#[test]
fn it_should_decode_a_character_split_across_two_chunks() {
    // given a line whose Chinese characters take three bytes each
    let mut lines = Vec::new();
    let mut splitter = LineSplitter::new();
    let text = "徐汇\r\n🎉x\n\nlast";
    // when every chunk border falls inside a character
    for b in text.as_bytes().chunks(1) {
        splitter
            .push(b, |l| -> Result<(), ()> {
                lines.push(l.to_owned());
                Ok(())
            })
            .unwrap();
    }
    splitter
        .finish(|l| -> Result<(), ()> {
            lines.push(l.to_owned());
            Ok(())
        })
        .unwrap();
    // then the lines come out whole, as `str::lines` gives them
    assert_eq!(lines, text.lines().collect::<Vec<_>>());
}

#[test]
fn it_should_refuse_a_file_without_a_header_line() {
    assert_eq!(streamed(b"", 4).unwrap_err(), CodecError::Empty);
    assert_eq!(streamed(b"\n \n", 4).unwrap_err(), CodecError::Empty);
}

#[test]
fn it_should_refuse_a_file_missing_its_last_event_at_the_end() {
    // given a log without its last line
    let text = export(sample_engine().log());
    let lines: Vec<&str> = text.lines().collect();
    let fewer = lines[..lines.len() - 1].join("\n");
    // when it streams in
    let mut verifier = ImportVerifier::new();
    for l in fewer.lines() {
        // then every line on its own is fine
        verifier.feed(l).unwrap();
    }
    // and the end says the count does not match
    assert_eq!(verifier.finish().unwrap_err(), CodecError::CountMismatch { declared: 3, found: 2 });
}

#[test]
fn it_should_refuse_an_edited_line_where_the_chain_breaks() {
    // given a log with an edited event on line 3
    let mut lines: Vec<String> = export(sample_engine().log()).lines().map(str::to_owned).collect();
    lines[2] = lines[2].replacen("徐汇", "黄浦", 1);
    let text = lines.join("\n");
    // when it streams in
    let mut verifier = ImportVerifier::new();
    let outcome: Vec<_> = text.lines().map(|l| verifier.feed(l)).collect();
    // then line 4 is refused, as `codec::import` refuses it
    assert_eq!(outcome[3], Err(CodecError::BrokenChain { line: 4 }));
    assert_eq!(import(&text).unwrap_err(), CodecError::BrokenChain { line: 4 });
}

/// Ways to spoil a good file, chosen by the property test.
fn spoil(text: &str, how: u8, at: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let lines: Vec<&str> = text.lines().collect();
    let i = 1 + at % (lines.len() - 1);
    match how % 10 {
        0 => bytes,
        1 => bytes[..at % bytes.len()].to_vec(),
        2 => {
            let k = at % bytes.len();
            bytes[k] ^= 0x20;
            bytes
        }
        3 => {
            let mut l = lines.clone();
            l.swap(i, 1 + (i % (lines.len() - 1)));
            l.join("\n").into_bytes()
        }
        4 => {
            let mut l = lines.clone();
            l.insert(i, lines[i]);
            l.join("\n").into_bytes()
        }
        5 => format!("\u{feff}{}", lines.join("\r\n")).into_bytes(),
        6 => lines.join("\n\n  \n").into_bytes(),
        7 => {
            let k = at % bytes.len();
            bytes.insert(k, 0xE5); // a lone lead byte: invalid UTF-8
            bytes
        }
        8 => {
            let mut l = lines.clone();
            l.remove(i);
            l.join("\n").into_bytes()
        }
        _ => text.replacen("\"count\":", "\"count\":1", 1).into_bytes(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Given any good or spoiled file, when it streams in chunks of any size, then it is accepted
    /// or refused exactly as `codec::import` accepts or refuses the whole text, with the same
    /// error and the same events.
    #[test]
    fn streamed_import_agrees_with_the_whole_text_import(
        how in 0u8..10, at in 0usize..100_000, chunk in 1usize..200, chinese in any::<bool>(),
    ) {
        let text = if chinese { chinese_log() } else { export(sample_engine().log()) };
        let bytes = spoil(&text, how, at);
        prop_assert_eq!(as_import(&bytes, chunk), whole(&bytes));
    }

    /// Given arbitrary bytes, the splitter gives the lines `str::lines` gives.
    #[test]
    fn the_splitter_gives_the_lines_of_the_text(bytes in proptest::collection::vec(any::<u8>(), 0..300), chunk in 1usize..40) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut lines: Vec<String> = Vec::new();
        let mut splitter = LineSplitter::new();
        for part in bytes.chunks(chunk) {
            splitter.push(part, |l| -> Result<(), ()> { lines.push(l.to_owned()); Ok(()) }).unwrap();
        }
        splitter.finish(|l| -> Result<(), ()> { lines.push(l.to_owned()); Ok(()) }).unwrap();
        prop_assert_eq!(lines, text.lines().map(str::to_owned).collect::<Vec<_>>());
    }
}
