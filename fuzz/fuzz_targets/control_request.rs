#![no_main]
//! Fuzz target: `ipsecov2_core::fuzz_harness::control_request`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    ipsecov2_core::fuzz_harness::control_request(data);
});
