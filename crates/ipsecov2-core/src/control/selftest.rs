//! The built-in self-test: published known answers (draft-mcgrew-gcm-test-01, RFC 3602,
//! RFC 4868) through the same engine functions the data path calls, on the machine the driver
//! runs on (so AES-NI/PCLMULQDQ detection and the kernel build are what is tested).
//!
//! Each ESP vector is sealed from the frame as the stack hands it over and compared byte for
//! byte with the published packet (a vector whose IV field is zero asks the engine for an IV:
//! the result must carry the sequence number as IV and open again), the published packet is
//! opened and must give the plaintext with `CRYPTO_SUCCESS`, and, where there is an ICV, a
//! flipped last byte must be reported as an authentication failure. The HMAC vectors are plain
//! known answers for the ICV function. The vectors are public: no secret is involved.

use super::kat_vectors::{ESP_KATS, HMAC_KATS};
use crate::engine::hmac_icv::HmacKey;
use crate::engine::{SendHints, open_frame, seal_frame};
use crate::sa::SaTable;
use crate::sa::spec::*;
use ndis_sys::{CRYPTO_SUCCESS, CRYPTO_TRANSPORT_ESP_AUTH_FAILED};

/// The cipher of an ESP vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KatCipher {
    /// AES-GCM; the key length (16/24/32 bytes plus a 4-byte salt) selects the variant.
    AesGcm,
    /// ENCR_NULL_AUTH_AES_GMAC with a 128-bit key.
    AesGmac128,
    /// AES-CBC-128 without integrity (RFC 3602 cases).
    AesCbc128,
}

/// One ESP known answer: the frame as the stack frames it and the frame on the wire.
#[derive(Debug)]
pub struct EspKat {
    pub id: &'static str,
    pub cipher: KatCipher,
    /// Key, with the 4-byte salt appended for GCM/GMAC.
    pub key: &'static [u8],
    pub spi: u32,
    pub seq: u64,
    pub esn: bool,
    pub next_header: u8,
    pub pad_length: u8,
    pub icv_len: usize,
    /// IPv4 destination of the SA (the outer header's).
    pub destination: &'static [u8],
    pub payload_at: usize,
    pub payload_len: usize,
    pub plain: &'static [u8],
    pub protected: &'static [u8],
}

/// One HMAC-SHA-256-128 known answer.
#[derive(Debug)]
pub struct HmacKat {
    pub id: &'static str,
    pub key: &'static [u8],
    pub data: &'static [u8],
    pub icv: &'static [u8],
}

/// Number of known answers the self-test runs.
pub const KAT_COUNT: usize = ESP_KATS.len() + HMAC_KATS.len();

/// Outcome of one known answer (the values travel in the self-test reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum KatResult {
    Passed = 0,
    /// The SA was refused by the table.
    SetupFailed = 1,
    /// The engine refused to seal the frame.
    SealRefused = 2,
    /// The sealed frame differs from the published one (or, for a generated IV, does not
    /// carry the sequence number as IV).
    SealMismatch = 3,
    /// Opening did not report `CRYPTO_SUCCESS` with the published plaintext.
    OpenFailed = 4,
    /// A frame with a flipped ICV byte was not reported as an authentication failure.
    TamperUndetected = 5,
    /// The ICV function gave a different answer.
    IcvMismatch = 6,
}

impl KatResult {
    pub fn from_u32(value: u32) -> Option<Self> {
        use KatResult::*;
        [
            Passed,
            SetupFailed,
            SealRefused,
            SealMismatch,
            OpenFailed,
            TamperUndetected,
            IcvMismatch,
        ]
        .into_iter()
        .find(|r| *r as u32 == value)
    }

    pub fn name(self) -> &'static str {
        match self {
            KatResult::Passed => "passed",
            KatResult::SetupFailed => "SA refused",
            KatResult::SealRefused => "seal refused",
            KatResult::SealMismatch => "sealed bytes differ",
            KatResult::OpenFailed => "open failed",
            KatResult::TamperUndetected => "tampering not detected",
            KatResult::IcvMismatch => "ICV differs",
        }
    }
}

/// The name of known answer `index` (ESP vectors first, then HMAC).
pub fn kat_id(index: usize) -> &'static str {
    match ESP_KATS.get(index) {
        Some(kat) => kat.id,
        None => HMAC_KATS
            .get(index - ESP_KATS.len())
            .map_or("", |kat| kat.id),
    }
}

/// Runs every known answer; `visit(index, result)` is called once per answer, in order.
/// Returns the number that passed.
pub fn run(mut visit: impl FnMut(usize, KatResult)) -> usize {
    let mut passed = 0;
    let results = ESP_KATS
        .iter()
        .map(run_esp)
        .chain(HMAC_KATS.iter().map(run_hmac));
    for (index, result) in results.enumerate() {
        if result == KatResult::Passed {
            passed += 1;
        }
        visit(index, result);
    }
    passed
}

/// Largest frame of the vectors plus the room the send path keeps for an appended ICV.
const KAT_FRAME: usize = 320;

fn bundle(kat: &EspKat, direction: Direction) -> Option<BundleSpec> {
    let key = Key::new(kat.key)?;
    let (auth, enc) = match kat.cipher {
        KatCipher::AesGcm => {
            let algorithm = match kat.key.len().checked_sub(4)? {
                16 => EncAlgorithm::AesGcm128,
                24 => EncAlgorithm::AesGcm192,
                32 => EncAlgorithm::AesGcm256,
                _ => return None,
            };
            let enc = EncSpec {
                algorithm,
                key,
                icv_len: 16,
            };
            (None, Some(enc))
        }
        KatCipher::AesGmac128 => {
            let auth = AuthSpec {
                algorithm: AuthAlgorithm::Gmac128,
                key,
            };
            let enc = EncSpec {
                algorithm: EncAlgorithm::Null,
                key: Key::new(&[])?,
                icv_len: 0,
            };
            (Some(auth), Some(enc))
        }
        KatCipher::AesCbc128 => {
            let enc = EncSpec {
                algorithm: EncAlgorithm::AesCbc128,
                key,
                icv_len: 0,
            };
            (None, Some(enc))
        }
    };
    let mut destination = [0u8; 16];
    destination
        .get_mut(..kat.destination.len())?
        .copy_from_slice(kat.destination);
    Some(BundleSpec {
        direction,
        ip_version: IpVersion::V4,
        source: [0; 16],
        destination,
        udp_encapsulation: UdpEncapsulation::None,
        elements: ElementList::one(ElementSpec {
            operation: Operation::Esp,
            spi: kat.spi,
            esn: kat.esn,
            seq_high: (kat.seq >> 32) as u32,
            auth,
            enc,
        }),
    })
}

/// A one-bundle table holding `kat`'s SA in `direction`.
fn table_with(kat: &EspKat, direction: Direction) -> Option<(SaTable, u64)> {
    let table = SaTable::new(1, 0x5e1f_7e57)?;
    let handle = table.add(bundle(kat, direction)?).ok()?;
    Some((table, handle))
}

/// Opens `frame` with `inbound`; true when it reports success and the published plaintext.
fn opens_to_plaintext(inbound: &SaTable, frame: &mut [u8], kat: &EspKat) -> bool {
    let report = open_frame(inbound, frame, true);
    let payload = kat.payload_at..kat.payload_at + kat.payload_len;
    report.crypto_done
        && u32::from(report.status) == CRYPTO_SUCCESS
        && frame.get(payload.clone()) == kat.plain.get(payload)
}

fn run_esp(kat: &EspKat) -> KatResult {
    let (Some((outbound, out_handle)), Some((inbound, _))) = (
        table_with(kat, Direction::Outbound),
        table_with(kat, Direction::Inbound),
    ) else {
        return KatResult::SetupFailed;
    };
    let Some(sa) = outbound.get_outbound(out_handle) else {
        return KatResult::SetupFailed;
    };
    // Seal the frame as the stack hands it over.
    let mut frame = [0u8; KAT_FRAME];
    let Some(plain) = frame.get_mut(..kat.plain.len()) else {
        return KatResult::SetupFailed;
    };
    plain.copy_from_slice(kat.plain);
    let hints = SendHints {
        esp_offset: 0,
        ah_offset: 0,
        next_header: kat.next_header,
        pad_length: kat.pad_length,
        present: true,
    };
    let Ok(sealed) = seal_frame(&mut frame, kat.plain.len(), &sa, None, &hints) else {
        return KatResult::SealRefused;
    };
    let iv_at = kat.payload_at - 8;
    let generated_iv = kat.plain.get(iv_at..kat.payload_at) == Some(&[0u8; 8][..]);
    if generated_iv {
        // An all-zero IV field asks the engine for one: the 64-bit sequence number.
        if frame.get(iv_at..kat.payload_at) != Some(&kat.seq.to_be_bytes()[..]) {
            return KatResult::SealMismatch;
        }
        let Some(wire) = frame.get_mut(..sealed.len) else {
            return KatResult::SealMismatch;
        };
        if !opens_to_plaintext(&inbound, wire, kat) {
            return KatResult::OpenFailed;
        }
    } else if frame.get(..sealed.len) != Some(kat.protected) {
        return KatResult::SealMismatch;
    }
    // Open the published frame.
    let mut frame = [0u8; KAT_FRAME];
    let Some(wire) = frame.get_mut(..kat.protected.len()) else {
        return KatResult::SetupFailed;
    };
    wire.copy_from_slice(kat.protected);
    if !opens_to_plaintext(&inbound, wire, kat) {
        return KatResult::OpenFailed;
    }
    // A flipped ICV byte must be caught (vectors without an ICV have nothing to catch).
    if kat.icv_len > 0 {
        wire.copy_from_slice(kat.protected);
        if let Some(last) = wire.last_mut() {
            *last ^= 0x01;
        }
        let report = open_frame(&inbound, wire, true);
        if u32::from(report.status) != CRYPTO_TRANSPORT_ESP_AUTH_FAILED {
            return KatResult::TamperUndetected;
        }
    }
    KatResult::Passed
}

fn run_hmac(kat: &HmacKat) -> KatResult {
    let Some(key) = HmacKey::sha256(kat.key) else {
        return KatResult::SetupFailed;
    };
    let mut icv = [0u8; 16];
    let Some(out) = icv.get_mut(..kat.icv.len()) else {
        return KatResult::IcvMismatch;
    };
    key.compute(&[kat.data], out);
    if out != kat.icv || !key.verify(&[kat.data], kat.icv) {
        return KatResult::IcvMismatch;
    }
    KatResult::Passed
}
