//! The published known-answer vectors of `tests/data/esp-vectors.json` (draft-mcgrew-gcm-test-01,
//! RFC 3602, RFC 4868), run through the engine in both directions: sealing the plain frame
//! gives the published bytes, opening the published bytes gives the plaintext with
//! `CryptoDone` and success, and a flipped ICV bit is reported as an authentication failure.

use ipsecov2_core::engine::frames::ethernet_ipv4;
use ipsecov2_core::engine::hmac_icv::HmacKey;
use ipsecov2_core::engine::{SendHints, open_frame, seal_frame};
use ipsecov2_core::sa::SaTable;
use ipsecov2_core::sa::spec::*;
use ndis_sys::{CRYPTO_SUCCESS, CRYPTO_TRANSPORT_ESP_AUTH_FAILED};
use serde_json::Value;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn vectors() -> Value {
    serde_json::from_str(include_str!("../../../tests/data/esp-vectors.json")).unwrap()
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {}", v["id"]))
}

/// The SA a vector describes.
fn bundle(v: &Value, direction: Direction) -> BundleSpec {
    let seq = u64::from_str_radix(text(v, "seq"), 16).unwrap();
    let enc = &v["enc"];
    let mut key = hex(enc["key"].as_str().unwrap());
    if let Some(salt) = enc["salt"].as_str() {
        key.extend(hex(salt));
    }
    let (auth, enc) = match enc["alg"].as_str().unwrap() {
        "aes-gcm-128" | "aes-gcm-192" | "aes-gcm-256" => {
            let algorithm = match key.len() - 4 {
                16 => EncAlgorithm::AesGcm128,
                24 => EncAlgorithm::AesGcm192,
                _ => EncAlgorithm::AesGcm256,
            };
            (
                None,
                Some(EncSpec {
                    algorithm,
                    key: Key::new(&key).unwrap(),
                    icv_len: 16,
                }),
            )
        }
        "aes-gmac-128" => (
            Some(AuthSpec {
                algorithm: AuthAlgorithm::Gmac128,
                key: Key::new(&key).unwrap(),
            }),
            Some(EncSpec {
                algorithm: EncAlgorithm::Null,
                key: Key::new(&[]).unwrap(),
                icv_len: 0,
            }),
        ),
        "aes-cbc-128" => (
            None,
            Some(EncSpec {
                algorithm: EncAlgorithm::AesCbc128,
                key: Key::new(&key).unwrap(),
                icv_len: 0,
            }),
        ),
        other => panic!("algorithm {other}"),
    };
    let mut destination = [0u8; 16];
    if text(v, "esp_scope") == "esp" {
        destination[..4].copy_from_slice(&[192, 0, 2, 2]);
    } else {
        destination[..4].copy_from_slice(&hex(text(v, "esp_packet"))[16..20]);
    }
    BundleSpec {
        direction,
        ip_version: IpVersion::V4,
        source: [0; 16],
        destination,
        udp_encapsulation: UdpEncapsulation::None,
        elements: ElementList::one(ElementSpec {
            operation: Operation::Esp,
            spi: u32::from_str_radix(text(v, "spi"), 16).unwrap(),
            esn: v["esn"].as_bool().unwrap(),
            seq_high: (seq >> 32) as u32,
            auth,
            enc,
        }),
    }
}

/// Ethernet header + IPv4 header (protocol ESP, to 192.0.2.2) + `esp`.
fn esp_frame(esp: &[u8]) -> Vec<u8> {
    ethernet_ipv4([192, 0, 2, 1], [192, 0, 2, 2], 50, esp)
}

fn ethernet(ip_packet: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];
    frame.extend_from_slice(ip_packet);
    frame
}

/// The protected frame (published) and the frame as the stack hands it over (plaintext,
/// trailer written, ICV space zero), and the offset of the ESP payload in both.
struct Case {
    protected: Vec<u8>,
    plain: Vec<u8>,
    payload_at: usize,
    payload: Vec<u8>,
    icv_len: usize,
}

fn case(v: &Value) -> Case {
    let icv_len = v["icv"].as_str().map_or(0, |icv| icv.len() / 2);
    let iv = hex(text(&v["enc"], "iv"));
    let trailer = [
        hex(v["padding"].as_str().unwrap_or("")),
        vec![
            v["pad_length"].as_u64().unwrap() as u8,
            v["next_header"].as_u64().unwrap() as u8,
        ],
    ]
    .concat();
    let esp_packet = hex(text(v, "esp_packet"));
    if text(v, "esp_scope") == "esp" {
        let payload = hex(text(v, "plaintext_payload"));
        let plain_esp = [&esp_packet[..8], &iv, &payload, &trailer, &vec![0; icv_len]].concat();
        Case {
            protected: esp_frame(&esp_packet),
            plain: esp_frame(&plain_esp),
            payload_at: 14 + 20 + 8 + iv.len(),
            payload,
            icv_len,
        }
    } else {
        let esp_offset = v["esp_offset"].as_u64().unwrap() as usize;
        let inner = hex(text(v, "plaintext_ip_packet"));
        let payload = if v["tunnel"].is_null() {
            inner[usize::from(inner[0] & 0xF) * 4..].to_vec()
        } else {
            inner
        };
        let head = &esp_packet[..esp_offset + 8];
        let plain = [head, &iv, &payload, &trailer, &vec![0; icv_len]].concat();
        Case {
            protected: ethernet(&esp_packet),
            plain: ethernet(&plain),
            payload_at: 14 + esp_offset + 8 + iv.len(),
            payload,
            icv_len,
        }
    }
}

#[test]
fn every_esp_vector_seals_to_the_published_bytes() {
    let all = vectors();
    let list = all["esp_vectors"].as_array().unwrap();
    assert_eq!(list.len(), 21);
    let (mut published, mut generated) = (0, 0);
    for v in list {
        let table = SaTable::new(2, 1).unwrap();
        let handle = table.add(bundle(v, Direction::Outbound)).unwrap();
        let sa = table.get_outbound(handle).unwrap();
        let c = case(v);
        let mut frame = c.plain.clone();
        frame.resize(frame.len() + 64, 0);
        let hints = SendHints {
            esp_offset: 0,
            ah_offset: 0,
            next_header: v["next_header"].as_u64().unwrap() as u8,
            pad_length: v["pad_length"].as_u64().unwrap() as u8,
            present: true,
        };
        let sealed = seal_frame(&mut frame, c.plain.len(), &sa, None, &hints)
            .unwrap_or_else(|e| panic!("{}: {e:?}", v["id"]));
        assert_eq!(sealed.len, c.protected.len(), "{}", v["id"]);
        assert!(!sealed.appended);
        let iv = hex(text(&v["enc"], "iv"));
        if iv.iter().any(|&b| b != 0) {
            assert_eq!(
                &frame[14..sealed.len],
                &c.protected[14..],
                "{}: sealed bytes",
                v["id"]
            );
            published += 1;
        } else {
            // An all-zero IV field asks the engine for an IV (README: "IV generation"): for
            // GCM/GMAC the 64-bit sequence number. Check that, and that the result opens.
            let iv_at = c.payload_at - 8;
            let seq = u64::from_str_radix(text(v, "seq"), 16).unwrap();
            assert_eq!(
                &frame[iv_at..iv_at + 8],
                &seq.to_be_bytes(),
                "{}: generated IV",
                v["id"]
            );
            let inbound = SaTable::new(2, 1).unwrap();
            inbound.add(bundle(v, Direction::Inbound)).unwrap();
            let report = open_frame(&inbound, &mut frame[..sealed.len], true);
            assert_eq!(u32::from(report.status), CRYPTO_SUCCESS, "{}", v["id"]);
            assert!(report.crypto_done);
            assert_eq!(
                &frame[c.payload_at..c.payload_at + c.payload.len()],
                &c.payload[..]
            );
            generated += 1;
        }
    }
    assert_eq!(
        (published, generated),
        (19, 2),
        "vectors with a given / an all-zero IV"
    );
}

#[test]
fn every_esp_vector_opens_to_the_plaintext_and_detects_tampering() {
    let all = vectors();
    for v in all["esp_vectors"].as_array().unwrap() {
        let table = SaTable::new(2, 1).unwrap();
        table.add(bundle(v, Direction::Inbound)).unwrap();
        let c = case(v);
        let mut frame = c.protected.clone();
        let report = open_frame(&table, &mut frame, true);
        assert!(report.crypto_done, "{}", v["id"]);
        assert_eq!(
            u32::from(report.status),
            CRYPTO_SUCCESS,
            "{}: {}",
            v["id"],
            report.status_name()
        );
        assert_eq!(
            &frame[c.payload_at..c.payload_at + c.payload.len()],
            &c.payload[..],
            "{}: plaintext",
            v["id"]
        );
        assert_eq!(
            report.header_info,
            Some((
                v["next_header"].as_u64().unwrap() as u8,
                v["pad_length"].as_u64().unwrap() as u8
            )),
            "{}",
            v["id"]
        );
        assert_eq!(
            report.seq,
            u64::from_str_radix(text(v, "seq"), 16).unwrap(),
            "{}: ESN inference",
            v["id"]
        );
        if c.icv_len > 0 {
            // A fresh SA (sequence state), the same frame with one ICV bit flipped.
            let table = SaTable::new(2, 1).unwrap();
            table.add(bundle(v, Direction::Inbound)).unwrap();
            let mut tampered = c.protected.clone();
            let last = tampered.len() - 1;
            tampered[last] ^= 0x01;
            let before = tampered.clone();
            let report = open_frame(&table, &mut tampered, true);
            assert!(report.crypto_done);
            assert_eq!(
                u32::from(report.status),
                CRYPTO_TRANSPORT_ESP_AUTH_FAILED,
                "{}",
                v["id"]
            );
            assert_eq!(
                tampered, before,
                "{}: a failed frame is left as received",
                v["id"]
            );
        }
    }
}

#[test]
fn hmac_known_answers() {
    let all = vectors();
    let kats = all["hmac_kats"].as_array().unwrap();
    assert_eq!(kats.len(), 4);
    for kat in kats {
        assert_eq!(text(kat, "alg"), "hmac-sha256-128");
        let key = HmacKey::sha256(&hex(text(kat, "key"))).unwrap();
        let icv = hex(text(kat, "icv"));
        let mut out = vec![0u8; icv.len()];
        key.compute(&[&hex(text(kat, "data"))], &mut out);
        assert_eq!(out, icv, "{}", kat["id"]);
        let mut full = [0u8; 32];
        key.compute(&[&hex(text(kat, "data"))], &mut full);
        assert_eq!(
            full.to_vec(),
            hex(text(kat, "prf_hmac_sha256")),
            "{}",
            kat["id"]
        );
    }
}

/// The self-test table the driver carries (`control::kat_vectors`, generated) is these vectors,
/// frame for frame.
#[test]
fn the_driver_self_test_carries_every_published_vector() {
    use ipsecov2_core::control::kat_vectors::{ESP_KATS, HMAC_KATS};
    let all = vectors();
    let list = all["esp_vectors"].as_array().unwrap();
    assert_eq!(ESP_KATS.len(), list.len());
    for (kat, v) in ESP_KATS.iter().zip(list) {
        let c = case(v);
        assert_eq!(kat.id, text(v, "id"));
        assert_eq!(kat.plain, &c.plain[..], "{}", kat.id);
        assert_eq!(kat.protected, &c.protected[..], "{}", kat.id);
        assert_eq!(kat.payload_at, c.payload_at, "{}", kat.id);
        assert_eq!(kat.payload_len, c.payload.len(), "{}", kat.id);
        assert_eq!(kat.icv_len, c.icv_len, "{}", kat.id);
        let b = bundle(v, Direction::Outbound);
        let element = b.elements.iter().next().unwrap();
        assert_eq!((kat.spi, kat.esn), (element.spi, element.esn), "{}", kat.id);
        assert_eq!(kat.seq, u64::from_str_radix(text(v, "seq"), 16).unwrap());
        assert_eq!(&b.destination[..4], kat.destination, "{}", kat.id);
        let key = element
            .enc
            .as_ref()
            .filter(|e| e.algorithm != EncAlgorithm::Null)
            .map(|e| e.key.as_bytes().to_vec())
            .or_else(|| element.auth.as_ref().map(|a| a.key.as_bytes().to_vec()))
            .unwrap();
        assert_eq!(kat.key, &key[..], "{}", kat.id);
        assert_eq!(
            u64::from(kat.next_header),
            v["next_header"].as_u64().unwrap()
        );
        assert_eq!(u64::from(kat.pad_length), v["pad_length"].as_u64().unwrap());
    }
    let hmacs = all["hmac_kats"].as_array().unwrap();
    assert_eq!(HMAC_KATS.len(), hmacs.len());
    for (kat, v) in HMAC_KATS.iter().zip(hmacs) {
        assert_eq!(kat.id, text(v, "id"));
        assert_eq!(kat.key, &hex(text(v, "key"))[..]);
        assert_eq!(kat.data, &hex(text(v, "data"))[..]);
        assert_eq!(kat.icv, &hex(text(v, "icv"))[..]);
    }
}
