//! ipsecov2: an NDIS 6.30 virtual Ethernet miniport with a software IPsec Offload V2 engine.
//!
//! This crate is the kernel shell: the only code that touches NDIS objects. It translates
//! NDIS calls into calls of the portable core (`ipsecov2-core`) and the core's decisions back
//! into NDIS calls. It is compiled only for Windows targets; on other hosts it is an empty
//! library (the logic is tested through the core and, as a binary, in the emulator).
//!
//! Layout: `driver_entry` (DriverEntry, unload, characteristics), `adapter` (initialize, halt,
//! pause, restart, shutdown, PnP, reset), `oid` (regular and direct OID requests), `ipsec_oid`
//! (the IPsecOV2 SA OIDs), `control` (the control device and its IOCTLs), `datapath`
//! (send, return, cancel-send), `config` (registry keywords), `nbl` (walking NBL/NB/MDL chains),
//! `sync` (spin locks), `memory` (pool allocation), `log` (DbgPrintEx), `runtime` (panic
//! handler, allocator and compiler runtime symbols for the rust-lld build).

#![cfg_attr(target_os = "windows", no_std)]
// WinDbg `dx` views of the SA table, carried in the PDB (no `.nvload` needed).
#![debugger_visualizer(natvis_file = "ipsecov2.natvis")]
// NDIS enumerators keep their C names (NdisRequestQueryInformation, ...).
#![allow(non_upper_case_globals)]

#[cfg(target_os = "windows")]
extern crate alloc;

#[cfg(target_os = "windows")]
mod adapter;
#[cfg(target_os = "windows")]
mod config;
#[cfg(target_os = "windows")]
mod control;
#[cfg(target_os = "windows")]
mod datapath;
#[cfg(target_os = "windows")]
mod driver_entry;
#[cfg(target_os = "windows")]
mod frames;
#[cfg(target_os = "windows")]
mod hub;
#[cfg(target_os = "windows")]
mod ipsec_oid;
#[cfg(target_os = "windows")]
mod log;
#[cfg(target_os = "windows")]
mod memory;
#[cfg(target_os = "windows")]
mod nbl;
#[cfg(target_os = "windows")]
mod oid;
#[cfg(target_os = "windows")]
mod receive;
#[cfg(target_os = "windows")]
mod runtime;
#[cfg(target_os = "windows")]
mod sync;
