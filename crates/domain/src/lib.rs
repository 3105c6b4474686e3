//! Fairlog's domain: the single source of truth shared by the browser app, the CLI and the tests.
//!
//! * Commands are checked against [`State`] by [`decide`] and turn into [`Event`]s.
//! * Events are facts: [`evolve`] applies one to the state and never fails.
//! * The [`Log`] is append-only; every event travels in an [`EventEnvelope`]
//!   (id, sequence, time, actor, schema version, hash of the previous event).
//! * [`Engine`] ties the three together: `prepare` (decide + envelope), `commit` (append + evolve).
//!
//! Nothing here touches a browser, a clock or a random source: time and ids come in with the command.

pub mod agenda;
pub mod authority;
pub mod booking;
pub mod codec;
pub mod command;
pub mod credit_code;
pub mod csv_export;
pub mod demo;
mod demo_livestream;
pub mod demo_season;
pub mod engine;
pub mod enterprise;
pub mod enterprise_views;
pub mod envelope;
pub mod error;
pub mod event;
pub mod fair;
pub mod figures;
pub mod floor_plan;
pub mod fuzzing;
pub mod history;
pub mod host;
pub mod ics;
pub mod id_set;
pub mod ids;
pub mod import_stream;
pub mod industry;
pub mod judge;
mod keys;
pub mod livestream;
pub mod log;
pub mod merge;
pub mod place;
pub mod post;
pub mod privacy;
pub mod seed_season;
pub mod series;
pub mod snapshot;
pub mod state;
pub mod sync_protocol;
pub mod synth;
pub mod synth_booths;
pub mod testing;
pub mod time;
pub mod views;

pub use command::{decide, decide_into, Command, Intent};
pub use engine::{Engine, Receipt};
pub use envelope::{Actor, EventEnvelope, Role, SCHEMA_VERSION};
pub use error::DomainError;
pub use event::Event;
pub use log::{AppendError, Log, NewEvent};
pub use state::{evolve, State};
