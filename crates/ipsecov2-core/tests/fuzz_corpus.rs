//! Replays the cargo-fuzz corpora (`fuzz/corpus/<target>/`) through the same harness
//! functions the fuzz targets call, on stable, in the normal test command: every input the
//! fuzzers kept (and every crash they found, once fixed) stays a regression test.

use ipsecov2_core::fuzz_harness;
use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            (path, data)
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 10,
        "{target}: only {} corpus inputs",
        inputs.len()
    );
    inputs
}

fn replay(target: &str, harness: fn(&[u8])) {
    let inputs = corpus(target);
    for (path, data) in &inputs {
        let result = std::panic::catch_unwind(|| harness(data));
        assert!(result.is_ok(), "{target}: {} panics", path.display());
    }
    println!("{target}: {} inputs replayed", inputs.len());
}

#[test]
fn inbound_open_corpus() {
    replay("inbound_open", fuzz_harness::inbound_open);
}

#[test]
fn outbound_seal_corpus() {
    replay("outbound_seal", fuzz_harness::outbound_seal);
}

#[test]
fn add_sa_corpus() {
    replay("add_sa", fuzz_harness::add_sa);
}

#[test]
fn add_sa_ex_corpus() {
    replay("add_sa_ex", fuzz_harness::add_sa_ex);
}

#[test]
fn delete_update_sa_corpus() {
    replay("delete_update_sa", fuzz_harness::delete_update_sa);
}

#[test]
fn offload_parameters_corpus() {
    replay("offload_parameters", fuzz_harness::offload_parameters);
}

#[test]
fn control_request_corpus() {
    replay("control_request", fuzz_harness::control_request);
}
