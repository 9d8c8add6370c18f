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

/// The control device's request path as the driver runs it, minus the frame injection (which
/// needs the shell): byte 0 picks the IOCTL (the seven known codes, or bytes 1..5 as a raw
/// code), bytes 5..7 the output length, the rest is the input. A refused request changes no
/// table; a reply never claims more bytes than the output holds. The tool's reply decoders
/// read the same bytes as if they were a reply.
pub fn control_request(data: &[u8]) {
    use crate::control::reply::{self, Written};
    use crate::control::request::{Request, decode_request};
    use crate::control::{IOCTLS, selftest::KAT_COUNT};
    let (Some(&pick), Some(raw), Some(out_len)) = (
        data.first(),
        crate::wire::read_u32(data, 1),
        crate::wire::read_u16(data, 5),
    ) else {
        return;
    };
    let input = data.get(7..).unwrap_or(&[]);
    let code = IOCTLS
        .get(usize::from(pick) % (IOCTLS.len() + 1))
        .map_or(raw, |(code, _)| *code);
    let offload = offload();
    let _ = offload
        .table
        .add(samples::esp_gcm128(Direction::Outbound, 0x30));
    let before = offload.table.snapshot();
    let mut out = alloc::vec![0u8; usize::from(out_len)];
    let result = decode_request(code, input, out.len()).map(|request| match request {
        Request::ListAdapters => reply::write_adapters(&mut out, &[]),
        Request::ListSas { .. } => reply::write_sa_list(&mut out, &offload.table),
        Request::AddSa { add_sa_ex, .. } => {
            let mut copy = add_sa_ex.to_vec();
            match offload.add_sa_ex(&mut copy) {
                Ok(handle) => reply::write_add_sa(&mut out, handle),
                Err(_) => Written::Complete(0),
            }
        }
        Request::DeleteSa { handle, .. } => {
            offload.delete(handle);
            reply::write_delete_sa(&mut out)
        }
        Request::InjectSend { frame, .. } | Request::InjectReceive { frame, .. } => {
            assert!(
                (crate::control::MIN_FRAME..=crate::control::FRAME_CAPACITY).contains(&frame.len())
            );
            Written::Complete(0)
        }
        // The self-test itself is input-independent; its reply size is what is checked.
        Request::SelfTest => {
            assert!(out.len() >= reply::SELF_TEST_FIXED + KAT_COUNT * reply::SELF_TEST_ENTRY_LEN);
            Written::Complete(0)
        }
    });
    match result {
        Ok(written) => {
            let (_, information) = written.completion();
            assert!(
                information <= out.len(),
                "reply longer than the output buffer"
            );
        }
        Err(error) => {
            assert_ne!(error.status(), 0);
            assert_eq!(
                offload.table.snapshot(),
                before,
                "a refused request changed the table"
            );
        }
    }
    let _ = reply::decode_adapters(input);
    let _ = reply::decode_sa_list(input);
    let _ = reply::decode_inject_send(input);
    let _ = reply::decode_inject_receive(input);
    let _ = reply::decode_self_test(input);
}
