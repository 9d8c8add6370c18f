//! The control device's protocol (`control`): request and reply layouts round-trip, every
//! malformed request gets its own error (and status) before anything could act on it, and the
//! self-test passes on the host build of the engine.

use ipsecov2_core::control::reply::*;
use ipsecov2_core::control::request::*;
use ipsecov2_core::control::selftest::{KAT_COUNT, KatResult};
use ipsecov2_core::control::*;
use ipsecov2_core::sa::spec::Direction;
use ipsecov2_core::sa::{SaError, SaTable};
use ipsecov2_core::sa_oids::build::{add_sa_ex, samples};

const BIG: usize = 1 << 16;

fn frame(len: usize) -> Vec<u8> {
    (0..len).map(|i| i as u8).collect()
}

#[test]
fn ioctl_codes_follow_ctl_code() {
    // The worked example of the research notes: CTL_CODE(FILE_DEVICE_NETWORK, 0x800,
    // METHOD_BUFFERED, FILE_ANY_ACCESS) = 0x00122000.
    assert_eq!(ctl_code(0x12, 0x800, 0, 0), 0x0012_2000);
    assert_eq!(IOCTL_LIST_ADAPTERS, 0x0012_6000);
    assert_eq!(IOCTL_ADD_SA, 0x0012_E008);
    assert_eq!(IOCTL_SELF_TEST, 0x0012_6018);
    let mut functions: Vec<u32> = IOCTLS.iter().map(|(c, _)| function_of(*c)).collect();
    functions.dedup();
    assert_eq!(functions, (0x800..0x807).collect::<Vec<_>>());
    for (code, _) in IOCTLS {
        assert_eq!(code & 3, METHOD_BUFFERED);
        assert_eq!(code >> 16, FILE_DEVICE_NETWORK);
    }
}

#[test]
fn every_request_round_trips() {
    let add = add_sa_ex(&samples::esp_gcm128(Direction::Outbound, 0x1000));
    let f = frame(100);
    let requests = [
        Request::ListAdapters,
        Request::ListSas { adapter: 3 },
        Request::AddSa {
            adapter: 1,
            add_sa_ex: &add,
        },
        Request::DeleteSa {
            adapter: 2,
            handle: 0x1234_5678_9abc,
        },
        Request::InjectSend {
            adapter: 0,
            handle: 7,
            tunnel: 9,
            header_info: 0x0102_0304,
            frame: &f,
        },
        Request::InjectReceive {
            adapter: 5,
            frame: &f,
        },
        Request::SelfTest,
    ];
    for request in requests {
        let input = encode_request(&request);
        let code = code_of(&request);
        let out = output_len_for(&request, 4);
        assert_eq!(
            decode_request(code, &input, out),
            Ok(request),
            "{request:?}"
        );
    }
}

/// Name, IOCTL code, input, output length, expected error, expected status.
type Case = (&'static str, u32, Vec<u8>, usize, ControlError, i32);

/// Every malformed request, with the error and the NTSTATUS it maps to.
#[test]
fn malformed_requests_get_specific_errors() {
    let good_send = encode_request(&Request::InjectSend {
        adapter: 0,
        handle: 1,
        tunnel: 0,
        header_info: 0,
        frame: &frame(60),
    });
    let good_recv = encode_request(&Request::InjectReceive {
        adapter: 0,
        frame: &frame(60),
    });
    let list = encode_request(&Request::ListSas { adapter: 0 });
    let patch = |base: &[u8], at: usize, value: u32| {
        let mut v = base.to_vec();
        v[at..at + 4].copy_from_slice(&value.to_le_bytes());
        v
    };
    let cases: Vec<Case> = vec![
        (
            "unknown code",
            0x0012_E01C,
            list.clone(),
            BIG,
            ControlError::UnknownCode,
            STATUS_INVALID_DEVICE_REQUEST,
        ),
        (
            "empty input",
            IOCTL_LIST_SAS,
            vec![],
            BIG,
            ControlError::HeaderTooShort,
            STATUS_INFO_LENGTH_MISMATCH,
        ),
        (
            "short header",
            IOCTL_LIST_SAS,
            list[..15].to_vec(),
            BIG,
            ControlError::HeaderTooShort,
            STATUS_INFO_LENGTH_MISMATCH,
        ),
        (
            "version 2",
            IOCTL_LIST_SAS,
            patch(&list, 0, 2),
            BIG,
            ControlError::Version,
            STATUS_REVISION_MISMATCH,
        ),
        (
            "version 0",
            IOCTL_LIST_SAS,
            patch(&list, 0, 0),
            BIG,
            ControlError::Version,
            STATUS_REVISION_MISMATCH,
        ),
        (
            "reserved",
            IOCTL_LIST_SAS,
            patch(&list, 12, 1),
            BIG,
            ControlError::Reserved,
            STATUS_INVALID_PARAMETER_1,
        ),
        (
            "oversized input",
            IOCTL_LIST_SAS,
            [&list[..], &[0u8; 8]].concat(),
            BIG,
            ControlError::LengthMismatch,
            STATUS_INFO_LENGTH_MISMATCH,
        ),
        (
            "body_len overflows",
            IOCTL_INJECT_SEND,
            patch(&good_send, 8, u32::MAX),
            BIG,
            ControlError::LengthMismatch,
            STATUS_INFO_LENGTH_MISMATCH,
        ),
        (
            "frame_len overflows",
            IOCTL_INJECT_SEND,
            patch(&good_send, 16 + 20, u32::MAX),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "frame_len short of body",
            IOCTL_INJECT_SEND,
            patch(&good_send, 16 + 20, 59),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "receive frame_len overflows",
            IOCTL_INJECT_RECEIVE,
            patch(&good_recv, 16, u32::MAX - 3),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "receive reserved",
            IOCTL_INJECT_RECEIVE,
            patch(&good_recv, 20, 1),
            BIG,
            ControlError::Reserved,
            STATUS_INVALID_PARAMETER_1,
        ),
        (
            "adapter for LIST_ADAPTERS",
            IOCTL_LIST_ADAPTERS,
            patch(&encode_request(&Request::ListAdapters), 4, 1),
            BIG,
            ControlError::AdapterNotExpected,
            STATUS_INVALID_PARAMETER_2,
        ),
        (
            "body for SELF_TEST",
            IOCTL_SELF_TEST,
            [
                &patch(&encode_request(&Request::SelfTest), 8, 4)[..],
                &[0u8; 4],
            ]
            .concat(),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "delete with 4-byte handle",
            IOCTL_DELETE_SA,
            [&patch(&list, 8, 4)[..], &[1u8; 4]].concat(),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "empty ADD_SA",
            IOCTL_ADD_SA,
            list.clone(),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "ADD_SA over 1 KiB",
            IOCTL_ADD_SA,
            encode_request(&Request::AddSa {
                adapter: 0,
                add_sa_ex: &[0u8; 1025],
            }),
            BIG,
            ControlError::BodyLength,
            STATUS_INVALID_PARAMETER,
        ),
        (
            "frame shorter than Ethernet",
            IOCTL_INJECT_SEND,
            encode_request(&Request::InjectSend {
                adapter: 0,
                handle: 0,
                tunnel: 0,
                header_info: 0,
                frame: &frame(13),
            }),
            BIG,
            ControlError::FrameSize,
            STATUS_INVALID_BUFFER_SIZE,
        ),
        (
            "send frame over the buffer",
            IOCTL_INJECT_SEND,
            encode_request(&Request::InjectSend {
                adapter: 0,
                handle: 0,
                tunnel: 0,
                header_info: 0,
                frame: &frame(MAX_SEND_FRAME + 1),
            }),
            BIG,
            ControlError::FrameSize,
            STATUS_INVALID_BUFFER_SIZE,
        ),
        (
            "send output too small",
            IOCTL_INJECT_SEND,
            good_send.clone(),
            INJECT_SEND_FIXED + FRAME_CAPACITY - 1,
            ControlError::OutputTooSmall {
                needed: INJECT_SEND_FIXED + FRAME_CAPACITY,
            },
            STATUS_BUFFER_TOO_SMALL,
        ),
        (
            "receive output too small",
            IOCTL_INJECT_RECEIVE,
            good_recv.clone(),
            INJECT_RECEIVE_FIXED + 59,
            ControlError::OutputTooSmall {
                needed: INJECT_RECEIVE_FIXED + 60,
            },
            STATUS_BUFFER_TOO_SMALL,
        ),
        (
            "list output smaller than a header",
            IOCTL_LIST_SAS,
            list.clone(),
            15,
            ControlError::OutputTooSmall { needed: 16 },
            STATUS_BUFFER_TOO_SMALL,
        ),
        (
            "self-test output too small",
            IOCTL_SELF_TEST,
            encode_request(&Request::SelfTest),
            100,
            ControlError::OutputTooSmall {
                needed: SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN,
            },
            STATUS_BUFFER_TOO_SMALL,
        ),
    ];
    for (name, code, input, out, error, status) in cases {
        assert_eq!(decode_request(code, &input, out), Err(error), "{name}");
        assert_eq!(error.status(), status, "{name}");
        assert!(!error.reason().is_empty());
    }
    // Oversized inputs are refused from the length alone, after the code check; every
    // well-formed request fits.
    assert_eq!(
        precheck(IOCTL_INJECT_RECEIVE, MAX_REQUEST + 1),
        Err(ControlError::LengthMismatch)
    );
    assert_eq!(
        precheck(0x0012_E01C, MAX_REQUEST + 1),
        Err(ControlError::UnknownCode)
    );
    assert_eq!(
        decode_request(IOCTL_LIST_SAS, &[0u8; MAX_REQUEST + 1], BIG),
        Err(ControlError::LengthMismatch)
    );
    let largest = [
        REQUEST_HEADER_LEN + INJECT_SEND_BODY + MAX_SEND_FRAME,
        REQUEST_HEADER_LEN + INJECT_RECEIVE_BODY + MAX_RECEIVE_FRAME,
        REQUEST_HEADER_LEN + ipsecov2_core::sa_oids::decode::MAX_ADD_SA_EX_BUFFER,
    ];
    assert!(largest.iter().all(|&len| len <= MAX_REQUEST), "{largest:?}");
    // The ADD_SA_EX validation is the OID's: its statuses pass through.
    let sa = ControlError::Sa(SaError::TableFull);
    assert_eq!(sa.status(), ndis_sys::NDIS_STATUS_RESOURCES);
    assert_eq!(ControlError::NoSuchAdapter.status(), STATUS_NO_SUCH_DEVICE);
    assert_eq!(ControlError::UnknownHandle.status(), STATUS_NOT_FOUND);
    assert_eq!(ControlError::Paused.status(), STATUS_DEVICE_NOT_READY);
}

#[test]
fn adapter_list_round_trips_and_overflows_with_the_length_needed() {
    let adapters: Vec<AdapterInfo> = (0..3)
        .map(|i| AdapterInfo {
            port: i,
            instance: 10 + i,
            if_index: 20 + i,
            net_luid: 0x0006_0000_0100_0000 + u64::from(i),
            mac: [2, 0, 0, 0, 0, i as u8],
            flags: ADAPTER_RUNNING | ADAPTER_ESP,
            sa_capacity: 1024,
            sa_live: i,
        })
        .collect();
    let mut out = vec![0xEEu8; 16 + 3 * 48];
    assert_eq!(
        write_adapters(&mut out, &adapters),
        Written::Complete(16 + 144)
    );
    assert_eq!(decode_adapters(&out).unwrap(), adapters);
    let mut short = vec![0xEEu8; 16 + 2 * 48];
    let written = write_adapters(&mut short, &adapters);
    assert_eq!(written, Written::Overflow { needed: 160 });
    assert_eq!(written.completion(), (STATUS_BUFFER_OVERFLOW, 16));
    let header = decode_reply_header(&short, IOCTL_LIST_ADAPTERS).unwrap();
    assert_eq!((header.reply_len, header.count), (160, 3));
    assert!(matches!(
        decode_adapters(&short),
        Err(ReplyError::Truncated { .. })
    ));
    assert!(decode_adapters(&out[..20]).is_err());
    assert_eq!(
        decode_add_sa(&out),
        Err(ReplyError::Mismatch("reply to another IOCTL"))
    );
}

#[test]
fn sa_list_round_trips_without_keys() {
    let table = SaTable::new(8, 1).unwrap();
    let spec = samples::esp_gcm128(Direction::Outbound, 0x4242);
    let key = spec
        .elements
        .iter()
        .next()
        .unwrap()
        .enc
        .as_ref()
        .unwrap()
        .key
        .as_bytes()
        .to_vec();
    let handle = table.add(spec).unwrap();
    table
        .add(samples::esp_gcm128(Direction::Inbound, 0x4343))
        .unwrap();
    let mut out = vec![0u8; 4096];
    let Written::Complete(len) = write_sa_list(&mut out, &table) else {
        panic!()
    };
    let report = decode_sa_list(&out[..len]).unwrap();
    assert_eq!(report.entries.len(), 2);
    assert!(report.entries.iter().any(|e| e.handle == handle));
    assert!(
        !out[..len]
            .windows(8)
            .any(|w| key.windows(8).any(|k| k == w))
    );
    let mut short = vec![0u8; 100];
    match write_sa_list(&mut short, &table) {
        Written::Overflow { needed } => assert_eq!(needed, len),
        other => panic!("{other:?}"),
    }
}

#[test]
fn single_replies_round_trip() {
    let mut out = vec![0u8; 4096];
    write_add_sa(&mut out, 0xDEAD_BEEF_0001);
    assert_eq!(decode_add_sa(&out).unwrap(), 0xDEAD_BEEF_0001);
    write_delete_sa(&mut out);
    decode_delete_sa(&out).unwrap();
    let wire = frame(90);
    let Written::Complete(len) = write_inject_send(&mut out, 0, "", &wire) else {
        panic!()
    };
    assert_eq!(len, INJECT_SEND_FIXED + 90);
    let sent = decode_inject_send(&out[..len]).unwrap();
    assert_eq!(
        (sent.status, sent.reason.as_str(), &sent.wire[..]),
        (0, "", &wire[..])
    );
    let long_reason = "x".repeat(100);
    write_inject_send(&mut out, ndis_sys::NDIS_STATUS_FAILURE, &long_reason, &[]);
    let failed = decode_inject_send(&out).unwrap();
    assert_eq!(failed.status, ndis_sys::NDIS_STATUS_FAILURE);
    assert_eq!(failed.reason.len(), REASON_LEN - 1);
    assert!(failed.wire.is_empty());
    let annotation = ReceiveAnnotation {
        slot1: 0x11,
        slot12: 0x0102,
        spi: 0x4242,
        seq: 0x1_0000_0002,
    };
    let Written::Complete(len) =
        write_inject_receive(&mut out, ReceiveOutcome::Indicated, &annotation, &wire)
    else {
        panic!()
    };
    let received = decode_inject_receive(&out[..len]).unwrap();
    assert_eq!(received.outcome, ReceiveOutcome::Indicated as u32);
    assert_eq!(received.annotation, annotation);
    assert_eq!(received.indicated, wire);
    assert!(decode_inject_receive(&out[..len - 1]).is_err());
}

#[test]
fn the_self_test_passes_on_the_host_engine() {
    let mut out = vec![0u8; SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN];
    let (written, passed) = write_self_test(&mut out);
    assert_eq!(written, Written::Complete(out.len()));
    assert_eq!(passed, KAT_COUNT);
    assert_eq!(KAT_COUNT, 25);
    let result = decode_self_test(&out).unwrap();
    assert!(result.all_passed(), "{result:?}");
    assert_eq!(result.passed as usize, KAT_COUNT);
    assert_eq!(result.results[0].0, "mcgrew-gcm-test-01-case01");
    assert_eq!(result.results[24].0, "rfc4868-auth256-4");
    assert_eq!(KatResult::from_u32(5), Some(KatResult::TamperUndetected));
}

#[test]
fn device_names_encode_as_utf16() {
    const NAME: [u16; 23] = utf16(DEVICE_NAME);
    assert_eq!(String::from_utf16(&NAME).unwrap(), DEVICE_NAME);
    assert_eq!(DEVICE_SDDL, "D:P(A;;GA;;;SY)(A;;GA;;;BA)");
}
