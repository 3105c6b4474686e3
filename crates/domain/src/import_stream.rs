//! Verifying an exported file as it streams in, line by line, without holding the file.
//!
//! [`LineSplitter`] turns chunks of bytes (a `File` read in slices) into lines, wherever the
//! chunk borders fall: a line is complete at its `\n` (never part of a multi-byte UTF-8
//! character), so a character split across two chunks is decoded whole. [`ImportVerifier`] takes
//! the lines one at a time, header first, and checks each as it comes: JSON, sequence, event id,
//! hash chain, then the domain's rules through the same [`Judge`] an import has always used. It
//! keeps only the [`Engine`] it builds (log and state, as a restore would), and [`finish`] says
//! whether the header's count and last hash matched.
//!
//! `codec::import` is this verifier fed the lines of a whole text, so the two accept and refuse
//! exactly the same files with the same errors: each rule is written once, here or in `judge`.
//!
//! [`finish`]: ImportVerifier::finish
use crate::codec::{parse_header, parse_line_at, CodecError, Header};
use crate::engine::Engine;
use crate::judge::Judge;
use crate::log::hash_line;

/// Splits a byte stream into lines (`\n`, with a `\r` before it dropped, as `str::lines` does).
/// Invalid UTF-8 becomes U+FFFD, as a browser decodes a file read as text.
#[derive(Debug, Default)]
pub struct LineSplitter {
    pending: Vec<u8>,
}

impl LineSplitter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Take the next chunk; `line` is called with every line it completes, in order. Stops at
    /// the first error `line` returns.
    pub fn push<E>(&mut self, chunk: &[u8], mut line: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let mut rest = chunk;
        while let Some(i) = rest.iter().position(|b| *b == b'\n') {
            let (head, tail) = (&rest[..i], &rest[i + 1..]);
            if self.pending.is_empty() {
                emit(head, &mut line)?;
            } else {
                self.pending.extend_from_slice(head);
                let whole = std::mem::take(&mut self.pending);
                emit(&whole, &mut line)?;
            }
            rest = tail;
        }
        self.pending.extend_from_slice(rest);
        Ok(())
    }

    /// The end of the stream: the last line, if it has no `\n` after it.
    pub fn finish<E>(self, mut line: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        if self.pending.is_empty() {
            return Ok(());
        }
        // `str::lines` keeps a `\r` at the very end when no `\n` follows.
        match std::str::from_utf8(&self.pending) {
            Ok(s) => line(s),
            Err(_) => line(&String::from_utf8_lossy(&self.pending)),
        }
    }

    /// Bytes held for a line not yet complete.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }
}

fn emit<E>(bytes: &[u8], line: &mut impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => line(s),
        Err(_) => line(&String::from_utf8_lossy(bytes)),
    }
}

/// What one line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fed {
    /// Blank: not a record.
    Blank,
    /// The header (the first line that is not blank).
    Header,
    /// An event, verified and applied: its sequence.
    Event(u64),
}

/// A verified file: its header and the engine its events built.
#[derive(Debug, Clone)]
pub struct Verified {
    pub header: Header,
    pub engine: Engine,
}

/// Verifies an exported file line by line (see the module's comment).
#[derive(Debug, Default)]
pub struct ImportVerifier {
    header: Option<Header>,
    engine: Engine,
    judge: Judge,
    /// Lines seen so far, blank ones included (error messages count from 1, header included).
    lines: usize,
}

impl ImportVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// The header, once its line has been fed.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// The engine built so far (every event fed and verified).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Lines fed so far (blank ones included).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Take the file's next line (without its line ending). On an error the verifier is done:
    /// the file is refused.
    pub fn feed(&mut self, line: &str) -> Result<Fed, CodecError> {
        self.lines += 1;
        let n = self.lines;
        let line = if n == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        if line.trim().is_empty() {
            return Ok(Fed::Blank);
        }
        if self.header.is_none() {
            self.header = Some(parse_header(line)?);
            return Ok(Fed::Header);
        }
        let env = parse_line_at(line, n)?;
        let log = self.engine.log();
        let expected = log.last_seq() + 1;
        if env.seq != expected {
            return Err(CodecError::BadSequence { line: n, expected, found: env.seq });
        }
        if log.contains(&env.id) {
            return Err(CodecError::DuplicateId { line: n });
        }
        if env.prev != log.last_hash() {
            return Err(CodecError::BrokenChain { line: n });
        }
        self.judge.admit(self.engine.state(), &env).map_err(|r| CodecError::Refused {
            line: n,
            event: r.event,
            error: r.error,
        })?;
        let seq = env.seq;
        self.engine.apply_stored(env, hash_line(line)).map_err(|_| CodecError::DuplicateId { line: n })?;
        Ok(Fed::Event(seq))
    }

    /// The end of the file: did it hold a header, as many events as it declared, ending with the
    /// hash it declared?
    pub fn finish(self) -> Result<Verified, CodecError> {
        let header = self.header.ok_or(CodecError::Empty)?;
        let found = self.engine.log().last_seq();
        if found != header.count {
            return Err(CodecError::CountMismatch { declared: header.count, found });
        }
        if self.engine.log().last_hash() != header.last_hash {
            return Err(CodecError::LastHashMismatch);
        }
        Ok(Verified { header, engine: self.engine })
    }
}

#[cfg(test)]
mod tests;
