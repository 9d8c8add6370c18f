//! The SA table report (private query OID): what it says about each bundle, that it carries no
//! key material, and how it answers short buffers and malformed reports.

use ipsecov2_core::sa::{AuthAlgorithm, Direction, EncAlgorithm};
use ipsecov2_core::sa::{SaCounters, SaTable};
use ipsecov2_core::sa_oids::build::samples::{esp_gcm128, esp_then_ah};
use ipsecov2_core::sa_report::*;

fn table_with_two() -> (SaTable, u64, u64) {
    let table = SaTable::new(8, 0x5eed).unwrap();
    let out = table
        .add(esp_gcm128(Direction::Outbound, 0x0102_0304))
        .unwrap();
    let inb = table
        .add(esp_then_ah(Direction::Inbound, 0x1111_2222, 0x3333_4444))
        .unwrap();
    (table, out, inb)
}

fn report(table: &SaTable) -> Vec<u8> {
    let mut buf = vec![0xAAu8; 4096];
    let n = write_report(table, &mut buf).unwrap();
    buf.truncate(n);
    buf
}

#[test]
fn empty_table_reports_a_header_only() {
    let table = SaTable::new(4, 1).unwrap();
    let buf = report(&table);
    assert_eq!(buf.len(), HEADER_LEN);
    let decoded = decode_report(&buf).unwrap();
    assert_eq!(decoded.live, 0);
    assert!(decoded.entries.is_empty());
}

#[test]
fn entries_describe_each_bundle() {
    let (table, out_handle, in_handle) = table_with_two();
    let buf = report(&table);
    assert_eq!(buf.len(), HEADER_LEN + 2 * ENTRY_LEN);
    let decoded = decode_report(&buf).unwrap();
    assert_eq!(decoded.live, 2);
    let out = decoded
        .entries
        .iter()
        .find(|e| e.handle == out_handle)
        .unwrap();
    assert!(!out.inbound);
    assert_eq!(out.ip_version, 4);
    assert_eq!(&out.source[..4], &[192, 0, 2, 1]);
    assert_eq!(&out.destination[..4], &[192, 0, 2, 2]);
    let esp = out.elements[0].unwrap();
    assert_eq!(esp.ip_protocol, 50);
    assert_eq!(esp.spi, 0x0102_0304);
    assert_eq!(esp.enc_algorithm, EncAlgorithm::AesGcm128.bit());
    assert_eq!(esp.auth_algorithm, 0);
    assert_eq!(esp.icv_len, 16);
    assert!(!esp.esn);
    assert_eq!(out.elements[1], None);

    let inb = decoded
        .entries
        .iter()
        .find(|e| e.handle == in_handle)
        .unwrap();
    assert!(inb.inbound);
    assert_eq!(inb.ip_version, 6);
    let [Some(esp), Some(ah)] = inb.elements else {
        panic!("two elements expected: {inb:?}");
    };
    assert_eq!(
        (esp.ip_protocol, esp.spi, esp.esn, esp.seq_high),
        (50, 0x1111_2222, true, 7)
    );
    assert_eq!(esp.auth_algorithm, AuthAlgorithm::HmacSha256_128.bit());
    assert_eq!(esp.enc_algorithm, EncAlgorithm::AesCbc256.bit());
    assert_eq!((ah.ip_protocol, ah.spi), (51, 0x3333_4444));
    assert_eq!(ah.auth_algorithm, AuthAlgorithm::HmacSha1_96.bit());
    assert_eq!(ah.enc_algorithm, 0);
    // The ICV on the wire: the integrity algorithm's when there is no AEAD cipher.
    assert_eq!((esp.icv_len, ah.icv_len), (16, 12));
}

#[test]
fn counters_are_reported() {
    let (table, out_handle, _) = table_with_two();
    {
        let sa = table.get(out_handle).unwrap();
        for _ in 0..3 {
            SaCounters::bump(&sa.counters.packets);
        }
        sa.counters
            .bytes
            .fetch_add(4242, std::sync::atomic::Ordering::Relaxed);
        SaCounters::bump(&sa.counters.icv_failures);
    }
    let decoded = decode_report(&report(&table)).unwrap();
    let out = decoded
        .entries
        .iter()
        .find(|e| e.handle == out_handle)
        .unwrap();
    assert_eq!(out.counters.packets, 3);
    assert_eq!(out.counters.bytes, 4242);
    assert_eq!(out.counters.icv_failures, 1);
    assert_eq!(out.counters.bad_trailers, 0);
}

#[test]
fn no_key_bytes_appear_in_a_report() {
    let (table, _, _) = table_with_two();
    let buf = report(&table);
    // The sample keys are runs of 0x11 (GCM), 0x22 (HMAC-SHA-256), 0x33 (CBC) and the AH key;
    // any eight bytes of a run would be key material.
    for byte in [0x11u8, 0x22, 0x33, 0x44, 0x55] {
        let run = [byte; 8];
        assert!(
            !buf.windows(8).any(|w| w == run),
            "a run of {byte:#04x} appears in the report"
        );
    }
}

#[test]
fn short_buffers_say_how_much_is_needed() {
    let (table, _, _) = table_with_two();
    let needed = HEADER_LEN + 2 * ENTRY_LEN;
    for len in [0, 4, HEADER_LEN, HEADER_LEN + ENTRY_LEN, needed - 1] {
        let mut buf = vec![0u8; len];
        let err = write_report(&table, &mut buf).unwrap_err();
        assert_eq!(err.bytes_needed(), needed, "buffer of {len}");
        assert_eq!(err.status(), ndis_sys::NDIS_STATUS_BUFFER_TOO_SHORT);
    }
    let mut exact = vec![0u8; needed];
    assert_eq!(write_report(&table, &mut exact), Ok(needed));
}

#[test]
fn deleted_bundles_leave_the_report() {
    let (table, out_handle, in_handle) = table_with_two();
    table.delete(out_handle).unwrap();
    let decoded = decode_report(&report(&table)).unwrap();
    assert_eq!(decoded.live, 1);
    assert_eq!(decoded.entries.len(), 1);
    assert_eq!(decoded.entries[0].handle, in_handle);
}

#[test]
fn malformed_reports_are_rejected() {
    let (table, _, _) = table_with_two();
    let good = report(&table);
    assert_eq!(decode_report(&good[..10]), Err(ReportError::Truncated));
    assert_eq!(
        decode_report(&good[..good.len() - 1]),
        Err(ReportError::Truncated)
    );

    let mut wrong_version = good.clone();
    wrong_version[0] = 9;
    assert!(matches!(
        decode_report(&wrong_version),
        Err(ReportError::UnknownVersion { version: 9, .. })
    ));

    let mut huge_count = good.clone();
    huge_count[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(decode_report(&huge_count), Err(ReportError::Truncated));

    let mut bad_direction = good.clone();
    bad_direction[HEADER_LEN + 8] = 7;
    assert_eq!(
        decode_report(&bad_direction),
        Err(ReportError::BadField {
            entry: 0,
            offset: 8
        })
    );

    let mut bad_protocol = good;
    bad_protocol[HEADER_LEN + 48] = 17;
    assert_eq!(
        decode_report(&bad_protocol),
        Err(ReportError::BadField {
            entry: 0,
            offset: 48
        })
    );
}
