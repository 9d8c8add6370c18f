//! The SA table and everything it stores: validated bundle specs, handles, sequence state,
//! the inbound index and the free list.

pub mod error;
pub mod freelist;
pub mod handle;
pub mod index;
pub mod seq;
pub mod spec;
pub mod table;

pub use error::SaError;
pub use index::InboundKey;
pub use spec::*;
pub use table::{CounterValues, SaCounters, SaEntry, SaRef, SaTable, SnapshotEntry};
