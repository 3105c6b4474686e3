//! Privacy by stream: what each audience may receive of the log, and how a browser replays the
//! part it gets.
//!
//! * [`Audience`]: who reads (an organizer, one enterprise, one host, anyone).
//! * [`filter`]: one stored envelope → unchanged, redacted or withheld for an audience. Pure;
//!   ownership (booking → enterprise, waitlist place → enterprise) is looked up in the server's
//!   current state, which is safe because ownership never changes once recorded (see
//!   [`pseudonym`]).
//! * [`filter_line`]: the same on a stored line, giving the line to send.
//! * [`replica_state`]: the state an audience's replica reaches, folded from the stored lines
//!   (the server's per-audience snapshot).
//! * [`Replica`]: the browser's side: replays a filtered stream (strictly increasing sequences
//!   with gaps, each line judged with the rules relaxed only where the partial log cannot know).
//!
//! Visibility depends only on facts that never change (which enterprise a booking belongs to,
//! what kind of event it is), never on a status (published, scheduled): a line withheld once
//! could never be sent later, the reader's cursor has passed it.
mod audience;
mod filter;
mod fold;
pub mod pseudonym;
mod replica;
#[cfg(test)]
mod tests;

pub use audience::Audience;
pub use filter::{filter, filter_line, Filtered, REDACTED_FIELDS};
pub use fold::replica_state;
pub(crate) use replica::forgiven;
pub use replica::Replica;
