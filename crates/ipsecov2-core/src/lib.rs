//! The portable core of ipsecov2.
//!
//! Everything that can be stated without a kernel lives here, as plain functions over byte
//! slices and plain data: it is what the host tests, benchmarks and fuzzers exercise. The
//! kernel shell (`driver/`) copies NDIS buffers into and out of these functions and turns
//! their decisions into NDIS calls. Layouts and constants come from `ndis-sys` (safe uses of
//! `offset_of!` and constants only).

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod adapter;
pub mod control;
pub mod engine;
#[doc(hidden)]
pub mod fuzz_harness;
pub mod mac;
pub mod offload;
pub mod oid_gen;
pub mod sa;
pub mod sa_oids;
pub mod sa_report;
pub mod sync;
pub mod wire;
