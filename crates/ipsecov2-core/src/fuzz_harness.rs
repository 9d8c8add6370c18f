//! Entry points shared by the cargo-fuzz targets (`fuzz/`) and the corpus regression test
//! (`tests/fuzz_corpus.rs`, run on stable in the normal test command). Each takes arbitrary
//! bytes and must never panic; what it checks beyond that is stated per function.

use crate::engine::{SendHints, open_frame, seal_frame};
use crate::offload::{Capabilities, IpsecSetting, OffloadConfig};
use crate::sa::SaTable;
use crate::sa::spec::Direction;
use crate::sa_oids::build::samples;
use crate::sa_oids::{IpsecOffload, decode};
use alloc::vec::Vec;

/// Inbound SAs the receive target opens against: every algorithm family, and SPIs and
/// destinations the fuzzer can find (the sample SAs', and a GCM SA to 10.0.0.2 with SPI 1).
fn inbound_table() -> SaTable {
    let table = SaTable::new(8, 1).unwrap_or_else(|| unreachable_table());
    let _ = table.add(samples::esp_gcm128(Direction::Inbound, 0x0000_1000));
    let _ = table.add(samples::esp_then_ah(
        Direction::Inbound,
        0x0000_2000,
        0x0000_2001,
    ));
    let mut to_10 = samples::esp_gcm128(Direction::Inbound, 1);
    to_10.destination = samples::addr4([10, 0, 0, 2]);
    let _ = table.add(to_10);
    table
}

#[cold]
fn unreachable_table() -> ! {
    // Allocation of a few slots cannot fail in a test process.
    unreachable!("no memory for the fuzzing table")
}

/// Receive: parse and open an arbitrary frame in place. The frame is reported (processed or
/// not); a failed check leaves it as it was.
pub fn inbound_open(data: &[u8]) {
    let table = inbound_table();
    let mut frame: Vec<u8> = data.to_vec();
    let before = frame.clone();
    let report = open_frame(&table, &mut frame, true);
    if report.status != 0 || !report.crypto_done {
        // An ICV failure or an unprocessed frame is indicated untouched... unless an outer
        // layer verified and decrypted before an inner one failed.
        if !report.crypto_done {
            assert_eq!(frame, before, "an unprocessed frame was modified");
        }
    }
}

/// Send: seal an arbitrary frame with arbitrary slot-12 hints (first 4 bytes).
pub fn outbound_seal(data: &[u8]) {
    let Some((hints, frame)) = data.split_first_chunk::<4>() else {
        return;
    };
    let table = SaTable::new(2, 1).unwrap_or_else(|| unreachable_table());
    let Ok(handle) = table.add(samples::esp_then_ah(Direction::Outbound, 0x2000, 0x2001)) else {
        return;
    };
    let Some(sa) = table.get_outbound(handle) else {
        return;
    };
    let mut buffer = frame.to_vec();
    let len = buffer.len();
    buffer.resize(len + 64, 0);
    let hints = SendHints::from_slot(u32::from_le_bytes(*hints));
    if let Ok(sealed) = seal_frame(&mut buffer, len, &sa, None, &hints) {
        assert!(sealed.len <= buffer.len());
    }
}

fn offload() -> IpsecOffload {
    IpsecOffload::new(4, 7, IpsecSetting::AhAndEsp).unwrap_or_else(|| unreachable_table())
}

/// ADD_SA_EX: decode, validate, add. A failure leaves the table empty.
pub fn add_sa_ex(data: &[u8]) {
    let offload = offload();
    let mut buffer = data.to_vec();
    if offload.add_sa_ex(&mut buffer).is_err() {
        assert!(offload.table.is_empty());
    }
}

/// One ADD_SA element: its length rule and the decoder.
pub fn add_sa(data: &[u8]) {
    let _ = decode::add_sa_element_len(data);
    let offload = offload();
    let mut buffer = data.to_vec();
    if offload.add_sa_element(&mut buffer).is_err() {
        assert!(offload.table.is_empty());
    }
}

/// DELETE_SA elements and UPDATE_SA against a table with live SAs: a failed UPDATE_SA
/// changes nothing; deleting an arbitrary handle never removes more than one bundle.
pub fn delete_update_sa(data: &[u8]) {
    let offload = offload();
    for spec in [
        samples::esp_gcm128(Direction::Inbound, 0x10),
        samples::esp_then_ah(Direction::Outbound, 0x20, 0x21),
    ] {
        let _ = offload.table.add(spec);
    }
    let before = offload.table.snapshot();
    if offload.update_sa(data).is_err() {
        assert_eq!(
            offload.table.snapshot(),
            before,
            "a failed UPDATE_SA changed the table"
        );
    }
    if let Ok(delete) = decode::decode_delete_sa(data) {
        let live = offload.table.len();
        offload.delete(delete.handle);
        assert!(offload.table.len() + 1 >= live);
    }
}

/// `OID_TCP_OFFLOAD_PARAMETERS` and `OID_OFFLOAD_ENCAPSULATION`.
pub fn offload_parameters(data: &[u8]) {
    let config = OffloadConfig::new(Capabilities::engine(16), IpsecSetting::AhAndEsp);
    let before = config.setting();
    if config.apply_parameters(data).is_err() {
        assert_eq!(
            config.setting(),
            before,
            "a refused OFFLOAD_PARAMETERS changed the setting"
        );
    }
    let _ = config.check_encapsulation(data);
}
