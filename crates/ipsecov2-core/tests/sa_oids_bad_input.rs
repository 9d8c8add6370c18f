//! The bad-input table of the SA OIDs: every malformed or disallowed request gets its specific
//! error (and NDIS status) and leaves the SA table exactly as it was (full snapshot compared).

use core::mem::offset_of;
use ipsecov2_core::offload::IpsecSetting;
use ipsecov2_core::sa::spec::*;
use ipsecov2_core::sa::{SaError, SnapshotEntry};
use ipsecov2_core::sa_oids::build::{self, samples};
use ipsecov2_core::sa_oids::{ChainGuard, Deleted, IpsecOffload};
use ndis_sys::*;

type Ex = IPSEC_OFFLOAD_V2_ADD_SA_EX;
type Sa = IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION;
type Alg = IPSEC_OFFLOAD_V2_ALGORITHM_INFO;

const SA0: usize = offset_of!(Ex, SecAssoc);
const SA1: usize = SA0 + size_of::<Sa>();
const AUTH: usize = offset_of!(Sa, AuthenticationAlgorithm);
const ENC: usize = offset_of!(Sa, EncryptionAlgorithm);

fn put_u32(buffer: &mut [u8], at: usize, value: u32) {
    buffer[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

fn put_u16(buffer: &mut [u8], at: usize, value: u16) {
    buffer[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

/// An adapter with three live bundles (one inbound GCM with SPI 0x1000 to 192.0.2.2, one
/// outbound GCM, one inbound ESP+AH with ESN) and one free slot.
fn populated() -> (IpsecOffload, [u64; 3]) {
    let offload = IpsecOffload::new(4, 0x5EED, IpsecSetting::AhAndEsp).unwrap();
    let mut handles = [0; 3];
    for (handle, spec) in handles.iter_mut().zip([
        samples::esp_gcm128(Direction::Inbound, 0x1000),
        samples::esp_gcm128(Direction::Outbound, 0x2000),
        samples::esp_then_ah(Direction::Inbound, 0x3000, 0x3001),
    ]) {
        *handle = offload.add_sa_ex(&mut build::add_sa_ex(&spec)).unwrap();
    }
    (offload, handles)
}

fn gcm_ex() -> Vec<u8> {
    build::add_sa_ex(&samples::esp_gcm128(Direction::Outbound, 0x4000))
}

fn cbc_sha_ex() -> Vec<u8> {
    let spec = BundleSpec {
        elements: ElementList::one(ElementSpec {
            operation: Operation::Esp,
            spi: 0x5000,
            esn: false,
            seq_high: 0,
            auth: Some(AuthSpec {
                algorithm: AuthAlgorithm::HmacSha256_128,
                key: Key::new(&[1; 32]).unwrap(),
            }),
            enc: Some(EncSpec {
                algorithm: EncAlgorithm::AesCbc128,
                key: Key::new(&[2; 16]).unwrap(),
                icv_len: 0,
            }),
        }),
        ..samples::esp_gcm128(Direction::Outbound, 0)
    };
    build::add_sa_ex(&spec)
}

fn ah_ex() -> Vec<u8> {
    let spec = BundleSpec {
        elements: ElementList::one(ElementSpec {
            operation: Operation::Ah,
            spi: 0x6000,
            esn: false,
            seq_high: 0,
            auth: Some(AuthSpec {
                algorithm: AuthAlgorithm::HmacSha1_96,
                key: Key::new(&[3; 20]).unwrap(),
            }),
            enc: None,
        }),
        ..samples::esp_gcm128(Direction::Outbound, 0)
    };
    build::add_sa_ex(&spec)
}

/// One malformed ADD_SA_EX: a name, the buffer, and the error it must get.
struct Case {
    name: &'static str,
    buffer: Vec<u8>,
    expected: SaError,
}

fn case(
    name: &'static str,
    mut buffer: Vec<u8>,
    expected: SaError,
    edit: impl FnOnce(&mut Vec<u8>),
) -> Case {
    edit(&mut buffer);
    Case {
        name,
        buffer,
        expected,
    }
}

fn add_sa_ex_cases() -> Vec<Case> {
    let key_offset = offset_of!(Ex, KeyOffset);
    let key_length = offset_of!(Ex, KeyLength);
    vec![
        case(
            "empty buffer",
            Vec::new(),
            SaError::BufferTooShort { needed: 0xAA },
            |_| {},
        ),
        case(
            "one byte short of the revision-1 size",
            gcm_ex(),
            SaError::BufferTooShort { needed: 0xAA },
            |b| b.truncate(0xA9),
        ),
        case(
            "header type not DEFAULT",
            gcm_ex(),
            SaError::HeaderType,
            |b| b[0] = NDIS_OBJECT_TYPE_OFFLOAD,
        ),
        case(
            "header revision 0",
            gcm_ex(),
            SaError::HeaderRevision,
            |b| b[1] = 0,
        ),
        case(
            "header size below revision 1",
            gcm_ex(),
            SaError::HeaderSize,
            |b| put_u16(b, 2, 0xA9),
        ),
        case(
            "header size beyond the buffer",
            gcm_ex(),
            SaError::HeaderSize,
            |b| put_u16(b, 2, 0x1000),
        ),
        case("NumExtHdrs 0", gcm_ex(), SaError::NumExtHdrs, |b| {
            put_u32(b, offset_of!(Ex, NumExtHdrs), 0)
        }),
        case("NumExtHdrs 3", gcm_ex(), SaError::NumExtHdrs, |b| {
            put_u32(b, offset_of!(Ex, NumExtHdrs), 3)
        }),
        case(
            "unknown bundle flag",
            gcm_ex(),
            SaError::UnknownFlags,
            |b| put_u32(b, offset_of!(Ex, Flags), 0x100),
        ),
        case("unknown SA flag", gcm_ex(), SaError::UnknownSaFlags, |b| {
            put_u32(b, SA0 + offset_of!(Sa, Flags), 2)
        }),
        case("operation 0", gcm_ex(), SaError::UnknownOperation, |b| {
            put_u32(b, SA0 + offset_of!(Sa, Operation), 0)
        }),
        case(
            "operation IPsecOffloadV2Max",
            gcm_ex(),
            SaError::UnknownOperation,
            |b| put_u32(b, SA0 + offset_of!(Sa, Operation), IPsecOffloadV2Max as u32),
        ),
        case(
            "AH then ESP",
            build::add_sa_ex(&samples::esp_then_ah(Direction::Outbound, 0x7000, 0x7001)),
            SaError::ElementOrder,
            |b| {
                // Swap the two SecAssoc entries: a valid AH element first, then the ESP one.
                let (first, second) = b[SA0..SA1 + size_of::<Sa>()].split_at_mut(size_of::<Sa>());
                first.swap_with_slice(second);
            },
        ),
        case(
            "encryption identifier with two bits",
            gcm_ex(),
            SaError::AlgorithmIdentifier,
            |b| put_u32(b, SA0 + ENC + offset_of!(Alg, Identifier), 0x18),
        ),
        case(
            "undefined encryption bit",
            gcm_ex(),
            SaError::UnknownAlgorithm,
            |b| put_u32(b, SA0 + ENC + offset_of!(Alg, Identifier), 0x200),
        ),
        case(
            "undefined integrity bit",
            ah_ex(),
            SaError::UnknownAlgorithm,
            |b| put_u32(b, SA0 + AUTH + offset_of!(Alg, Identifier), 0x40),
        ),
        case(
            "AH with encryption",
            ah_ex(),
            SaError::AhWithEncryption,
            |b| {
                put_u32(
                    b,
                    SA0 + ENC + offset_of!(Alg, Identifier),
                    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128,
                )
            },
        ),
        case(
            "AH without integrity",
            ah_ex(),
            SaError::AhWithoutIntegrity,
            |b| put_u32(b, SA0 + AUTH + offset_of!(Alg, Identifier), 0),
        ),
        case(
            "ESP-NULL without integrity",
            cbc_sha_ex(),
            SaError::EspWithoutProtection,
            |b| {
                put_u32(b, SA0 + AUTH + offset_of!(Alg, Identifier), 0);
                put_u32(
                    b,
                    SA0 + ENC + offset_of!(Alg, Identifier),
                    IPSEC_OFFLOAD_V2_ENCRYPTION_NONE,
                );
                put_u32(b, SA0 + ENC + offset_of!(Alg, KeyLength), 0);
            },
        ),
        case(
            "GMAC integrity with AES-CBC",
            cbc_sha_ex(),
            SaError::GmacWithEncryption,
            |b| {
                put_u32(
                    b,
                    SA0 + AUTH + offset_of!(Alg, Identifier),
                    IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_256,
                )
            },
        ),
        case(
            "AES-GCM-128 key of 17 bytes",
            gcm_ex(),
            SaError::KeyLength,
            |b| put_u32(b, SA0 + ENC + offset_of!(Alg, KeyLength), 17),
        ),
        case(
            "HMAC-SHA-256 key of 20 bytes",
            cbc_sha_ex(),
            SaError::KeyLength,
            |b| put_u32(b, SA0 + AUTH + offset_of!(Alg, KeyLength), 20),
        ),
        case(
            "algorithm key past the key array",
            gcm_ex(),
            SaError::KeyOutOfBounds,
            |b| put_u32(b, SA0 + ENC + offset_of!(Alg, KeyOffsetBytes), 8),
        ),
        case(
            "algorithm key offset + length overflows",
            gcm_ex(),
            SaError::KeyOverflow,
            |b| put_u32(b, SA0 + ENC + offset_of!(Alg, KeyOffsetBytes), u32::MAX - 3),
        ),
        case(
            "KeyOffset + KeyLength overflows",
            gcm_ex(),
            SaError::KeyOverflow,
            move |b| {
                put_u32(b, key_offset, u32::MAX - 8);
                put_u32(b, key_length, 20);
            },
        ),
        case(
            "key array past the buffer",
            gcm_ex(),
            SaError::KeyOutOfBounds,
            move |b| put_u32(b, key_length, 21),
        ),
        case(
            "key array inside the fixed fields",
            gcm_ex(),
            SaError::KeyOutOfBounds,
            move |b| put_u32(b, key_offset, 0x40),
        ),
        case(
            "key array longer than any bundle needs",
            gcm_ex(),
            SaError::KeyOutOfBounds,
            move |b| put_u32(b, key_length, 5000),
        ),
        case("AES-GCM ICV length 10", gcm_ex(), SaError::IcvLength, |b| {
            put_u32(b, SA0 + ENC + offset_of!(Alg, AdditionalInfo), 10)
        }),
        case("SPI 0", gcm_ex(), SaError::ReservedSpi, |b| {
            put_u32(b, SA0 + offset_of!(Sa, Spi), 0)
        }),
        case(
            "UDP-ESP value with two bits",
            gcm_ex(),
            SaError::UnknownUdpEncapsulation,
            |b| put_u32(b, offset_of!(Ex, UdpEspEncapsulation), 3),
        ),
        case(
            "UDP-ESP encapsulation of AH",
            ah_ex(),
            SaError::UdpEncapsulationNotAllowed,
            |b| {
                put_u32(
                    b,
                    offset_of!(Ex, UdpEspEncapsulation),
                    IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT,
                )
            },
        ),
        case(
            "duplicate inbound SPI and destination",
            build::add_sa_ex(&samples::esp_gcm128(Direction::Inbound, 0x1000)),
            SaError::DuplicateInboundSa,
            |_| {},
        ),
        case(
            "duplicate inbound AH SPI of a bundle",
            build::add_sa_ex(&samples::esp_then_ah(Direction::Inbound, 0x9000, 0x3001)),
            SaError::DuplicateInboundSa,
            |_| {},
        ),
    ]
}

fn assert_unchanged(offload: &IpsecOffload, before: &[SnapshotEntry], what: &str) {
    assert_eq!(offload.table.snapshot(), before, "table changed by: {what}");
    assert_eq!(offload.table.len() as usize, before.len(), "{what}");
    assert_eq!(offload.table.dying(), 0, "{what}");
}

#[test]
fn malformed_add_sa_ex_requests_fail_specifically_and_change_nothing() {
    let (offload, _) = populated();
    let before = offload.table.snapshot();
    let cases = add_sa_ex_cases();
    for Case {
        name,
        mut buffer,
        expected,
    } in cases
    {
        let result = offload.add_sa_ex(&mut buffer);
        assert_eq!(result, Err(expected), "{name}");
        if buffer.len() >= offset_of!(Ex, OffloadHandle) + 8 {
            assert_eq!(
                &buffer[offset_of!(Ex, OffloadHandle)..][..8],
                &[0; 8],
                "{name}: handle not NULL"
            );
        }
        assert_unchanged(&offload, &before, name);
    }
    // The unmodified buffers are accepted (so each case failed for its own reason).
    let fresh = IpsecOffload::new(8, 1, IpsecSetting::AhAndEsp).unwrap();
    for mut good in [gcm_ex(), cbc_sha_ex(), ah_ex()] {
        assert!(fresh.add_sa_ex(&mut good).is_ok());
    }
    assert!(
        fresh
            .add_sa_ex(&mut build::add_sa_ex(&samples::esp_then_ah(
                Direction::Outbound,
                0x7000,
                0x7001
            )))
            .is_ok()
    );
}

#[test]
fn statuses_are_specific() {
    assert_eq!(
        SaError::BufferTooShort { needed: 1 }.status(),
        NDIS_STATUS_INVALID_LENGTH
    );
    assert_eq!(SaError::KeyOutOfBounds.status(), NDIS_STATUS_INVALID_LENGTH);
    assert_eq!(SaError::HeaderType.status(), NDIS_STATUS_INVALID_DATA);
    assert_eq!(
        SaError::AlgorithmNotEnabled.status(),
        NDIS_STATUS_NOT_SUPPORTED
    );
    assert_eq!(SaError::OffloadDisabled.status(), NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(SaError::TableFull.status(), NDIS_STATUS_RESOURCES);
    assert_eq!(
        SaError::UnknownHandle.status(),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(SaError::NotEsn.status(), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(
        SaError::DuplicateInboundSa.status(),
        NDIS_STATUS_INVALID_PARAMETER
    );
    for error in [
        SaError::ChainCycle,
        SaError::ChainTooLong,
        SaError::ReservedSpi,
    ] {
        assert!(!error.reason().is_empty());
    }
}

#[test]
fn full_table_rejects_and_changes_nothing() {
    let (offload, _) = populated();
    offload.add_sa_ex(&mut gcm_ex()).unwrap(); // the fourth and last slot
    let before = offload.table.snapshot();
    assert_eq!(
        offload.add_sa_ex(&mut cbc_sha_ex()),
        Err(SaError::TableFull)
    );
    assert_unchanged(&offload, &before, "full table");
}

#[test]
fn disabled_protocols_reject_new_sas_and_keep_existing_ones() {
    let (offload, handles) = populated();
    let mut params = vec![0u8; 0x16];
    params[0] = NDIS_OBJECT_TYPE_DEFAULT;
    params[1] = 2;
    put_u16(&mut params, 2, 0x16);
    params[offset_of!(NDIS_OFFLOAD_PARAMETERS, IPsecV2)] =
        NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED;
    assert!(offload.config.apply_parameters(&params).unwrap().changed);
    let before = offload.table.snapshot();
    assert_eq!(
        offload.add_sa_ex(&mut ah_ex()),
        Err(SaError::OffloadDisabled),
        "AH disabled"
    );
    assert_unchanged(&offload, &before, "AH while ESP-only");
    params[offset_of!(NDIS_OFFLOAD_PARAMETERS, IPsecV2)] = NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED;
    assert!(offload.config.apply_parameters(&params).unwrap().changed);
    assert_eq!(
        offload.add_sa_ex(&mut gcm_ex()),
        Err(SaError::OffloadDisabled),
        "all disabled"
    );
    assert_unchanged(&offload, &before, "ESP while disabled");
    // Existing SAs stay until the stack deletes them (spec §6.2).
    for handle in handles {
        assert!(offload.table.get(handle).is_some());
    }
    assert_eq!(offload.delete(handles[0]), Deleted::Bundle);
}

#[test]
fn bad_deletes_are_idempotent_and_change_nothing() {
    let (offload, handles) = populated();
    let before = offload.table.snapshot();
    for (name, handle) in [
        ("zero", 0u64),
        ("forged", 0x1234_5678_9ABC_DEF0),
        ("forged small", 1),
        ("all ones", u64::MAX),
    ] {
        assert_eq!(offload.delete(handle), Deleted::Unknown, "{name}");
        assert_unchanged(&offload, &before, name);
    }
    // A stale handle: delete, then again.
    assert_eq!(offload.delete(handles[1]), Deleted::Bundle);
    let after = offload.table.snapshot();
    assert_eq!(offload.delete(handles[1]), Deleted::Unknown);
    assert_unchanged(&offload, &after, "stale delete");
    // The slot is reused; the stale handle still does not name the new bundle.
    let new = offload.add_sa_ex(&mut gcm_ex()).unwrap();
    assert_ne!(new, handles[1]);
    assert!(offload.table.get(handles[1]).is_none());
    assert_eq!(offload.delete(handles[1]), Deleted::Unknown);
    assert!(offload.table.get(new).is_some());
}

#[test]
fn bad_updates_fail_specifically_and_change_nothing() {
    let (offload, handles) = populated();
    let before = offload.table.snapshot();
    let esn_bundle = handles[2];
    let cases: Vec<(&str, Vec<u8>, SaError)> = vec![
        (
            "zero handle",
            build::update_sa(0, Operation::Esp, 0x3000, 9),
            SaError::UnknownHandle,
        ),
        (
            "forged handle",
            build::update_sa(0xDEAD_BEEF_0000_0001, Operation::Esp, 0x3000, 9),
            SaError::UnknownHandle,
        ),
        (
            "not an ESN SA",
            build::update_sa(handles[0], Operation::Esp, 0x1000, 9),
            SaError::NotEsn,
        ),
        (
            "AH element is not ESN",
            build::update_sa(esn_bundle, Operation::Ah, 0x3001, 9),
            SaError::NotEsn,
        ),
        (
            "SPI not in the bundle",
            build::update_sa(esn_bundle, Operation::Esp, 0x3333, 9),
            SaError::NotEsn,
        ),
        (
            "operation 0",
            {
                let mut b = build::update_sa(esn_bundle, Operation::Esp, 0x3000, 9);
                put_u32(&mut b, offset_of!(IPSEC_OFFLOAD_V2_UPDATE_SA, Operation), 0);
                b
            },
            SaError::UnknownOperation,
        ),
        (
            "short buffer",
            build::update_sa(esn_bundle, Operation::Esp, 0x3000, 9)[..0x1B].to_vec(),
            SaError::BufferTooShort { needed: 0x1C },
        ),
        (
            "wrong header type",
            {
                let mut b = build::update_sa(esn_bundle, Operation::Esp, 0x3000, 9);
                b[0] = 0x81;
                b
            },
            SaError::HeaderType,
        ),
    ];
    for (name, buffer, expected) in cases {
        assert_eq!(offload.update_sa(&buffer), Err(expected), "{name}");
        assert_unchanged(&offload, &before, name);
    }
    // A stale handle.
    offload.delete(handles[0]);
    assert_eq!(
        offload.update_sa(&build::update_sa(handles[0], Operation::Esp, 0x1000, 1)),
        Err(SaError::UnknownHandle)
    );
    // And the good one works.
    assert_eq!(
        offload.update_sa(&build::update_sa(esn_bundle, Operation::Esp, 0x3000, 9)),
        Ok(())
    );
    let sa = offload.table.get(esn_bundle).unwrap();
    assert_eq!(sa.seq[0].high(), 9);
}

#[test]
fn add_sa_list_elements_are_bounded_and_checked() {
    let (offload, _) = populated();
    let before = offload.table.snapshot();
    let mut element = build::add_sa(&samples::esp_gcm128(Direction::Outbound, 0x8000), 0);
    let key_length = offset_of!(IPSEC_OFFLOAD_V2_ADD_SA, KeyLength);
    // Key array longer than the element's bytes.
    put_u32(&mut element, key_length, 64);
    assert_eq!(
        offload.add_sa_element(&mut element),
        Err(SaError::KeyOutOfBounds)
    );
    assert_eq!(
        ipsecov2_core::sa_oids::decode::add_sa_element_len(&element),
        Ok(offset_of!(IPSEC_OFFLOAD_V2_ADD_SA, KeyData) + 64)
    );
    put_u32(&mut element, key_length, 100_000);
    assert_eq!(
        ipsecov2_core::sa_oids::decode::add_sa_element_len(&element),
        Err(SaError::KeyOutOfBounds)
    );
    assert_unchanged(&offload, &before, "ADD_SA element");
}

#[test]
fn next_chains_are_bounded_and_cycle_checked() {
    let mut guard = ChainGuard::new(3);
    assert_eq!(guard.step(0x1000), Ok(()));
    assert_eq!(guard.step(0x2000), Ok(()));
    assert_eq!(guard.step(0x1000), Err(SaError::ChainCycle));
    let mut guard = ChainGuard::new(2);
    guard.step(1).unwrap();
    guard.step(2).unwrap();
    assert_eq!(guard.step(3), Err(SaError::ChainTooLong));
}
