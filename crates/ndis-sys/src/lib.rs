//! Hand-written bindings for the NDIS 6.30+ miniport interface, as far as ipsecov2 uses it.
//!
//! * Types are `#[repr(C)]` with fixed-width integers (`ULONG` = `u32`, `ULONG_PTR` = `u64`),
//!   so the layout is the same on x86_64 Windows (LLP64) and on a Linux host, and every
//!   structure is checked against the ABI oracle (`tests/data/ndis-x64.json`) by
//!   `tests/abi_layout.rs`.
//! * Names are the C names of the WDK headers, so that `ndis.h`, the documentation and WinDbg
//!   read the same. An anonymous C union or struct becomes a field `Anonymous` (`Anonymous2`,
//!   ...) of a helper type `<PARENT>_0` (`<PARENT>_1`, nested `<PARENT>_0_0`), the windows-rs
//!   convention; a named nested member keeps its C name with a type `<PARENT>_<MEMBER>`.
//! * Structures are laid out as the NDIS 6.87 headers lay them out (the oracle's `size`); a
//!   driver that declares an older NDIS version fills `Header.Revision`/`Header.Size` with the
//!   `NDIS_SIZEOF_*_REVISION_n` constant of that version and never depends on `sizeof` of a
//!   structure NDIS allocates.
//! * Imports are `raw-dylib` on Windows targets (no import library, no WDK needed to link), or
//!   plain declarations with the `import-lib` feature when the WDK's libraries are linked.

#![no_std]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

pub mod constants;
pub mod device;
pub mod handlers;
pub mod imports;
pub mod types;
pub mod wdm;

pub mod config;
pub mod ipsec;
pub mod miniport;
pub mod nbl;
pub mod offload;
pub mod oid;
pub mod oids;
pub mod status;

pub use config::*;
pub use constants::*;
pub use device::*;
pub use handlers::*;
pub use imports::*;
pub use ipsec::*;
pub use miniport::*;
pub use nbl::*;
pub use offload::*;
pub use oid::*;
pub use oids::*;
pub use status::*;
pub use types::*;
pub use wdm::*;
