//! Extended sequence numbers across the 2^32 boundary, both directions, with UPDATE_SA
//! arriving just before and just after the wrap. Each sealed packet is checked against an
//! independent AES-GCM computation with the expected 64-bit sequence number (RFC 4106 AAD
//! SPI ‖ ESN-high ‖ ESN-low), and opened by a receiver that was told nothing but the
//! initial high bits.

use ipsecov2_core::engine::frames::{esp_framed, ethernet_ipv4};
use ipsecov2_core::engine::gcm::Gcm;
use ipsecov2_core::engine::{SendHints, open_frame, seal_frame};
use ipsecov2_core::sa::SaTable;
use ipsecov2_core::sa::spec::*;
use ndis_sys::CRYPTO_SUCCESS;

const SPI: u32 = 0x0101_0202;
const KEY: [u8; 20] = [7; 20];

fn sa(direction: Direction) -> BundleSpec {
    let mut destination = [0u8; 16];
    destination[..4].copy_from_slice(&[10, 0, 0, 2]);
    BundleSpec {
        direction,
        ip_version: IpVersion::V4,
        source: [0; 16],
        destination,
        udp_encapsulation: UdpEncapsulation::None,
        elements: ElementList::one(ElementSpec {
            operation: Operation::Esp,
            spi: SPI,
            esn: true,
            seq_high: 0,
            auth: None,
            enc: Some(EncSpec {
                algorithm: EncAlgorithm::AesGcm128,
                key: Key::new(&KEY).unwrap(),
                icv_len: 16,
            }),
        }),
    }
}

const PAYLOAD: [u8; 10] = *b"esn-packet";

/// A frame as the stack hands it over: ESP with sequence number low bits `low`.
fn framed(low: u32) -> Vec<u8> {
    ethernet_ipv4(
        [10, 0, 0, 1],
        [10, 0, 0, 2],
        50,
        &esp_framed(SPI, low, &PAYLOAD, 17, 16),
    )
}

/// Seals `low` and checks the ICV against an independent computation with `expected`.
fn seal_and_check(table: &SaTable, handle: u64, low: u32, expected: u64) -> Vec<u8> {
    let mut frame = framed(low);
    let len = frame.len();
    frame.resize(len + 32, 0);
    let sa = table.get_outbound(handle).unwrap();
    let hints = SendHints {
        next_header: 17,
        pad_length: 0,
        present: true,
        ..Default::default()
    };
    let sealed = seal_frame(&mut frame, len, &sa, None, &hints).unwrap();
    frame.truncate(sealed.len);
    // Independent check: GCM over the plaintext with AAD = SPI ‖ high ‖ low.
    let esp = 14 + 20;
    let iv: [u8; 8] = frame[esp + 8..esp + 16].try_into().unwrap();
    assert_eq!(iv, expected.to_be_bytes(), "IV = 64-bit sequence number");
    let mut aad = SPI.to_be_bytes().to_vec();
    aad.extend_from_slice(&((expected >> 32) as u32).to_be_bytes());
    aad.extend_from_slice(&low.to_be_bytes());
    let mut plain = [&PAYLOAD[..], &[0, 17]].concat();
    let tag = Gcm::new(&KEY).unwrap().seal(&iv, &[&aad], &mut plain);
    assert_eq!(
        &frame[esp + 16..esp + 16 + plain.len()],
        &plain[..],
        "ciphertext for {expected:#x}"
    );
    assert_eq!(&frame[frame.len() - 16..], &tag, "ICV for {expected:#x}");
    frame
}

fn open_and_check(table: &SaTable, frame: &mut [u8], expected: u64) {
    let report = open_frame(table, frame, true);
    assert!(report.crypto_done);
    assert_eq!(
        u32::from(report.status),
        CRYPTO_SUCCESS,
        "{expected:#x}: {}",
        report.status_name()
    );
    assert_eq!(report.seq, expected);
    assert_eq!(&frame[14 + 20 + 16..][..PAYLOAD.len()], &PAYLOAD);
}

fn tables() -> (SaTable, u64, SaTable, u64) {
    let out = SaTable::new(1, 1).unwrap();
    let out_handle = out.add(sa(Direction::Outbound)).unwrap();
    let inbound = SaTable::new(1, 2).unwrap();
    let in_handle = inbound.add(sa(Direction::Inbound)).unwrap();
    (out, out_handle, inbound, in_handle)
}

#[test]
fn wrap_without_update_sa() {
    let (out, oh, inbound, _) = tables();
    for (low, expected) in [
        (0xFFFF_FFFD, 0x0_FFFF_FFFD),
        (0xFFFF_FFFE, 0x0_FFFF_FFFE),
        (0xFFFF_FFFF, 0x0_FFFF_FFFF),
        (0x0000_0000, 0x1_0000_0000),
        (0x0000_0001, 0x1_0000_0001),
        (0x0000_0002, 0x1_0000_0002),
    ] {
        let mut frame = seal_and_check(&out, oh, low, expected);
        open_and_check(&inbound, &mut frame, expected);
    }
}

#[test]
fn update_sa_just_before_the_wrap() {
    let (out, oh, inbound, ih) = tables();
    let mut frames = Vec::new();
    frames.push((
        seal_and_check(&out, oh, 0xFFFF_FFFD, 0x0_FFFF_FFFD),
        0x0_FFFF_FFFDu64,
    ));
    // The stack announces epoch 1 while two old packets are still to go.
    out.update_esn(oh, Operation::Esp, SPI, 1).unwrap();
    frames.push((
        seal_and_check(&out, oh, 0xFFFF_FFFE, 0x0_FFFF_FFFE),
        0x0_FFFF_FFFE,
    ));
    frames.push((
        seal_and_check(&out, oh, 0xFFFF_FFFF, 0x0_FFFF_FFFF),
        0x0_FFFF_FFFF,
    ));
    frames.push((
        seal_and_check(&out, oh, 0x0000_0001, 0x1_0000_0001),
        0x1_0000_0001,
    ));
    // The receiver gets its UPDATE_SA as early: after the first packet.
    let mut iter = frames.into_iter();
    let (mut first, expected) = iter.next().unwrap();
    open_and_check(&inbound, &mut first, expected);
    inbound.update_esn(ih, Operation::Esp, SPI, 1).unwrap();
    for (mut frame, expected) in iter {
        open_and_check(&inbound, &mut frame, expected);
    }
}

#[test]
fn update_sa_just_after_the_wrap_and_reordering() {
    let (out, oh, inbound, ih) = tables();
    let a = seal_and_check(&out, oh, 0xFFFF_FFFE, 0x0_FFFF_FFFE);
    let b = seal_and_check(&out, oh, 0xFFFF_FFFF, 0x0_FFFF_FFFF);
    let c = seal_and_check(&out, oh, 0x0000_0001, 0x1_0000_0001);
    out.update_esn(oh, Operation::Esp, SPI, 1).unwrap();
    let d = seal_and_check(&out, oh, 0x0000_0002, 0x1_0000_0002);
    // The receiver sees a, c (wrapped), then the late b, then the UPDATE_SA, then d.
    for (mut frame, expected) in [(a, 0x0_FFFF_FFFE), (c, 0x1_0000_0001), (b, 0x0_FFFF_FFFF)] {
        open_and_check(&inbound, &mut frame, expected);
    }
    inbound.update_esn(ih, Operation::Esp, SPI, 1).unwrap();
    let mut d = d;
    open_and_check(&inbound, &mut d, 0x1_0000_0002);
}

#[test]
fn a_wrong_epoch_is_an_icv_failure_not_a_silent_success() {
    let (out, oh, _, _) = tables();
    let mut frame = seal_and_check(&out, oh, 5, 5);
    // A receiver whose SA was added with the wrong high bits (3, and 2 after fallback).
    let wrong = SaTable::new(1, 3).unwrap();
    let mut spec = sa(Direction::Inbound);
    for element in spec.elements.iter_mut() {
        element.seq_high = 3;
    }
    wrong.add(spec).unwrap();
    let report = open_frame(&wrong, &mut frame, true);
    assert!(report.crypto_done);
    assert_eq!(
        u32::from(report.status),
        ndis_sys::CRYPTO_TRANSPORT_ESP_AUTH_FAILED
    );
}
