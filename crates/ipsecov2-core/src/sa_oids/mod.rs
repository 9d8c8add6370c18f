//! The IPsecOV2 SA OIDs: decoding, validation against the current configuration, and their
//! effect on the SA table, with the semantics the documentation gives (spec §3):
//!
//! * ADD_SA walks a list; each element gets its own handle or NULL; the request succeeds if
//!   any element was added (so a failing request added nothing).
//! * ADD_SA_EX adds one bundle.
//! * DELETE_SA walks a list; a handle the table does not know is skipped (deletion is
//!   idempotent: the stack's bookkeeping is authoritative and cannot retry a failed delete).
//! * UPDATE_SA sets the ESN high-order bits of one element; an unknown SA, or one that is not
//!   ESN, is `NDIS_STATUS_INVALID_PARAMETER` (documented).
//!
//! The shell walks `Next` pointers (with [`ChainGuard`]) and hands each element here as bytes.

pub mod build;
pub mod chain;
pub mod decode;

pub use chain::ChainGuard;

use crate::offload::{Capabilities, IpsecSetting, OffloadConfig};
use crate::sa::{SaError, SaTable};
use crate::wire::write_u64;

/// The IPsec offload state of one adapter: its configuration and its SA table.
pub struct IpsecOffload {
    pub config: OffloadConfig,
    pub table: SaTable,
}

/// What happened to one DELETE_SA element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deleted {
    /// The bundle was live and is gone.
    Bundle,
    /// The handle names no live bundle (zero, stale, forged): nothing to do.
    Unknown,
}

impl IpsecOffload {
    /// An adapter's offload state: a table of `capacity` bundles, the engine's capabilities,
    /// and the keyword setting. `None` when the table memory cannot be reserved.
    pub fn new(capacity: u32, seed: u64, setting: IpsecSetting) -> Option<Self> {
        Some(Self {
            config: OffloadConfig::new(Capabilities::engine(capacity), setting),
            table: SaTable::new(capacity, seed)?,
        })
    }

    /// One ADD_SA element (fixed part plus its key bytes). On success the handle is also
    /// written into the element's `OffloadHandle`; on failure that field is set to NULL.
    pub fn add_sa_element(&self, element: &mut [u8]) -> Result<u64, SaError> {
        let result = decode::decode_add_sa(element, &self.config.current())
            .and_then(|spec| self.table.add(spec));
        write_u64(
            element,
            decode::ADD_SA_HANDLE_OFFSET,
            *result.as_ref().unwrap_or(&0),
        );
        result
    }

    /// ADD_SA_EX. On success the handle is written into `OffloadHandle`; on failure it is
    /// set to NULL.
    pub fn add_sa_ex(&self, buffer: &mut [u8]) -> Result<u64, SaError> {
        let result = decode::decode_add_sa_ex(buffer, &self.config.current())
            .and_then(|spec| self.table.add(spec));
        write_u64(
            buffer,
            decode::ADD_SA_EX_HANDLE_OFFSET,
            *result.as_ref().unwrap_or(&0),
        );
        result
    }

    /// One DELETE_SA handle.
    pub fn delete(&self, handle: u64) -> Deleted {
        match self.table.delete(handle) {
            Ok(()) => Deleted::Bundle,
            Err(_) => Deleted::Unknown,
        }
    }

    /// UPDATE_SA.
    pub fn update_sa(&self, buffer: &[u8]) -> Result<(), SaError> {
        let update = decode::decode_update_sa(buffer)?;
        self.table
            .update_esn(update.handle, update.operation, update.spi, update.seq_high)
    }
}
