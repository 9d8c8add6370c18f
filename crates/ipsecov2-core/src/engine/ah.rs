//! One AH layer (RFC 4302): the ICV over the IP packet with the fields that change in
//! transit zeroed, the AH header with its ICV zeroed, the payload, and (ESN) the high 32 bits
//! of the sequence number appended. AES-GMAC (RFC 4543) carries an 8-byte IV in front of
//! the ICV, which is authenticated.

use super::crypto::{ElementCrypto, Integrity};
use super::esp::SeqInput;
use super::ip::{IpHeader, copy_zeroing_mutable};
use subtle::ConstantTimeEq;

/// Largest IP header chain (fixed header, options, extension headers) in front of AH.
const MAX_HEADERS: usize = 512;
/// Largest AH header (fixed 12 + IV 8 + ICV 16 + alignment).
const MAX_AH: usize = 64;

/// Why an AH layer could not be processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AhError {
    /// The header's length does not fit the algorithm, or the IP headers are not handled.
    Layout,
    /// The ICV does not verify.
    Auth,
}

/// Where the AH header's parts lie.
struct AhLayout {
    end: usize,
    iv: usize,
    icv: usize,
}

fn layout(
    frame: &[u8],
    ip: &IpHeader,
    ah: usize,
    crypto: &ElementCrypto,
) -> Result<AhLayout, AhError> {
    let payload_len = usize::from(*frame.get(ah + 1).ok_or(AhError::Layout)?);
    let end = ah + (payload_len + 2) * 4;
    let iv = ah + 12;
    let icv = iv + crypto.iv_len;
    if end > ip.end || icv + crypto.icv_len > end || end - ah > MAX_AH || ah < ip.start {
        return Err(AhError::Layout);
    }
    Ok(AhLayout { end, iv, icv })
}

/// Computes the full ICV for the packet as it stands (ICV field treated as zero).
fn compute(
    frame: &[u8],
    ip: &IpHeader,
    ah: usize,
    at: &AhLayout,
    crypto: &ElementCrypto,
    seq: &SeqInput,
) -> Result<[u8; 32], AhError> {
    let mut headers = [0u8; MAX_HEADERS];
    let headers_len = copy_zeroing_mutable(frame, ip, ah, &mut headers).ok_or(AhError::Layout)?;
    let mut ah_copy = [0u8; MAX_AH];
    let ah_len = at.end - ah;
    ah_copy[..ah_len].copy_from_slice(frame.get(ah..at.end).ok_or(AhError::Layout)?);
    let icv_rel = at.icv - ah;
    ah_copy[icv_rel..icv_rel + crypto.icv_len].fill(0);
    let payload = frame.get(at.end..ip.end).ok_or(AhError::Layout)?;
    let high = ((seq.seq >> 32) as u32).to_be_bytes();
    let esn: &[u8] = if seq.esn { &high } else { &[] };
    let parts: [&[u8]; 4] = [&headers[..headers_len], &ah_copy[..ah_len], payload, esn];
    let mut out = [0u8; 32];
    match &crypto.integrity {
        Integrity::Hmac(hmac) => hmac.compute(&parts, &mut out[..crypto.icv_len]),
        Integrity::Gmac => {
            let gmac = crypto.gmac().ok_or(AhError::Layout)?;
            let iv: [u8; 8] = frame
                .get(at.iv..at.iv + 8)
                .and_then(|b| b.try_into().ok())
                .ok_or(AhError::Layout)?;
            out[..16].copy_from_slice(&gmac.mac(&iv, &parts));
        }
        Integrity::None => return Err(AhError::Layout),
    }
    Ok(out)
}

/// Seals the AH layer at `ah` of the IP packet `ip`: fills a zero GMAC IV with the sequence
/// number, then writes the ICV.
pub fn seal(
    frame: &mut [u8],
    ip: &IpHeader,
    ah: usize,
    crypto: &ElementCrypto,
    seq: &SeqInput,
) -> Result<(), AhError> {
    let at = layout(frame, ip, ah, crypto)?;
    if crypto.iv_len > 0 {
        let iv = frame
            .get_mut(at.iv..at.iv + crypto.iv_len)
            .ok_or(AhError::Layout)?;
        if iv.iter().all(|&b| b == 0) {
            iv.copy_from_slice(&seq.seq.to_be_bytes()[..crypto.iv_len.min(8)]);
        }
    }
    let icv = compute(frame, ip, ah, &at, crypto, seq)?;
    frame
        .get_mut(at.icv..at.icv + crypto.icv_len)
        .ok_or(AhError::Layout)?
        .copy_from_slice(&icv[..crypto.icv_len]);
    Ok(())
}

/// Verifies the AH layer at `ah`.
pub fn verify(
    frame: &[u8],
    ip: &IpHeader,
    ah: usize,
    crypto: &ElementCrypto,
    seq: &SeqInput,
) -> Result<(), AhError> {
    let at = layout(frame, ip, ah, crypto)?;
    let expected = compute(frame, ip, ah, &at, crypto, seq)?;
    let received = frame
        .get(at.icv..at.icv + crypto.icv_len)
        .ok_or(AhError::Layout)?;
    if bool::from(expected[..crypto.icv_len].ct_eq(received)) {
        Ok(())
    } else {
        Err(AhError::Auth)
    }
}
