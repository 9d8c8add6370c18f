//! One ESP layer (RFC 4303), sealed or opened in place in a driver-owned frame.
//!
//! Layout from the ESP header at `esp`: SPI (4) ‖ sequence number (4) ‖ IV ‖ protected
//! payload ‖ padding ‖ pad length ‖ next header ‖ ICV. With ESN the high 32 bits of the
//! sequence number enter the ICV (HMAC: appended after the trailer; GCM/GMAC: in the AAD) and
//! never appear on the wire.

use super::crypto::{Confidentiality, ElementCrypto, Integrity};

/// Why an ESP layer could not be processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EspError {
    /// Lengths or alignment do not fit the algorithm.
    Layout,
    /// The ICV does not verify.
    Auth,
    /// The decrypted trailer is malformed (pad length or padding bytes).
    Trailer,
}

/// The decrypted ESP trailer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trailer {
    pub pad_length: u8,
    pub next_header: u8,
    /// Offset one past the payload (where the padding starts).
    pub payload_end: usize,
}

/// Sequence number and ESN flag of the packet being processed.
#[derive(Clone, Copy, Debug)]
pub struct SeqInput {
    /// The full 64-bit sequence number (only the low half is on the wire).
    pub seq: u64,
    pub esn: bool,
}

impl SeqInput {
    fn high_bytes(&self) -> [u8; 4] {
        ((self.seq >> 32) as u32).to_be_bytes()
    }
}

/// AAD of RFC 4106 §5: SPI ‖ seq (4) or SPI ‖ ESN-high ‖ seq-low.
fn gcm_aad(header: &[u8], seq: &SeqInput, out: &mut [u8; 12]) -> usize {
    out[..4].copy_from_slice(&header[..4]);
    if seq.esn {
        out[4..8].copy_from_slice(&seq.high_bytes());
        out[8..12].copy_from_slice(&header[4..8]);
        12
    } else {
        out[4..8].copy_from_slice(&header[4..8]);
        8
    }
}

fn iv8(bytes: &[u8]) -> Option<[u8; 8]> {
    bytes.get(..8)?.try_into().ok()
}

/// Seals the ESP layer whose trailer ends at `trailer_end` (the ICV goes right after it).
/// An all-zero IV field is filled in: the sequence number for GCM/GMAC (unique per key), the
/// cipher applied to it for CBC (unpredictable); a non-zero IV from the stack is kept.
pub fn seal(
    frame: &mut [u8],
    esp: usize,
    trailer_end: usize,
    crypto: &ElementCrypto,
    seq: &SeqInput,
) -> Result<(), EspError> {
    let iv_start = esp.checked_add(8).ok_or(EspError::Layout)?;
    let data_start = iv_start
        .checked_add(crypto.iv_len)
        .ok_or(EspError::Layout)?;
    let icv_end = trailer_end
        .checked_add(crypto.icv_len)
        .ok_or(EspError::Layout)?;
    if data_start
        .checked_add(2)
        .is_none_or(|min| min > trailer_end)
        || icv_end > frame.len()
        || !(trailer_end - data_start).is_multiple_of(crypto.block_len)
    {
        return Err(EspError::Layout);
    }
    let (head, rest) = frame.split_at_mut(data_start);
    let (before_iv, iv) = head.split_at_mut(iv_start);
    let header = &before_iv[esp..];
    let (data, icv_area) = rest.split_at_mut(trailer_end - data_start);
    let icv = &mut icv_area[..crypto.icv_len];
    if !iv.is_empty() && iv.iter().all(|&b| b == 0) {
        match &crypto.confidentiality {
            Confidentiality::Cbc(cipher) => cipher.iv_for(seq.seq, iv),
            _ => iv.copy_from_slice(&seq.seq.to_be_bytes()[..iv.len().min(8)]),
        }
    }
    let iv: &[u8] = iv;
    match (&crypto.confidentiality, &crypto.integrity) {
        (Confidentiality::Gcm(gcm), _) => {
            let mut aad = [0u8; 12];
            let aad_len = gcm_aad(header, seq, &mut aad);
            let tag = gcm.seal(&iv8(iv).ok_or(EspError::Layout)?, &[&aad[..aad_len]], data);
            icv.copy_from_slice(tag.get(..icv.len()).ok_or(EspError::Layout)?);
        }
        (confidentiality, integrity) => {
            if let Confidentiality::Cbc(cipher) = confidentiality
                && !cipher.encrypt(iv, data)
            {
                return Err(EspError::Layout);
            }
            let high = seq.high_bytes();
            let esn: &[u8] = if seq.esn { &high } else { &[] };
            match integrity {
                Integrity::Hmac(hmac) => hmac.compute(&[header, iv, data, esn], icv),
                Integrity::Gmac => {
                    let gmac = crypto.gmac().ok_or(EspError::Layout)?;
                    let tag = gmac.mac(
                        &iv8(iv).ok_or(EspError::Layout)?,
                        &gmac_aad(header, seq, &high, iv, data),
                    );
                    icv.copy_from_slice(tag.get(..icv.len()).ok_or(EspError::Layout)?);
                }
                Integrity::None => {}
            }
        }
    }
    Ok(())
}

/// The AAD parts of ESP with AES-GMAC (RFC 4543 §3): SPI ‖ [ESN-high] ‖ seq-low ‖ IV ‖
/// payload ‖ trailer.
fn gmac_aad<'a>(
    header: &'a [u8],
    seq: &SeqInput,
    high: &'a [u8; 4],
    iv: &'a [u8],
    data: &'a [u8],
) -> [&'a [u8]; 5] {
    if seq.esn {
        [&header[..4], high, &header[4..8], iv, data]
    } else {
        [header, &[], &[], iv, data]
    }
}

/// Opens the ESP layer that ends (ICV included) at `end`: verifies, then decrypts in place.
/// On an ICV failure the frame is left as received.
pub fn open(
    frame: &mut [u8],
    esp: usize,
    end: usize,
    crypto: &ElementCrypto,
    seq: &SeqInput,
) -> Result<Trailer, EspError> {
    let iv_start = esp.checked_add(8).ok_or(EspError::Layout)?;
    let data_start = iv_start
        .checked_add(crypto.iv_len)
        .ok_or(EspError::Layout)?;
    let trailer_end = end.checked_sub(crypto.icv_len).ok_or(EspError::Layout)?;
    if end > frame.len()
        || data_start
            .checked_add(2)
            .is_none_or(|min| min > trailer_end)
        || (trailer_end - data_start) % crypto.block_len != 0
    {
        return Err(EspError::Layout);
    }
    let (head, rest) = frame.split_at_mut(data_start);
    let header = &head[esp..iv_start];
    let iv = &head[iv_start..];
    let (data, icv_area) = rest.split_at_mut(trailer_end - data_start);
    let icv = &icv_area[..crypto.icv_len];
    let high = seq.high_bytes();
    let verified = match (&crypto.confidentiality, &crypto.integrity) {
        (Confidentiality::Gcm(gcm), _) => {
            let mut aad = [0u8; 12];
            let aad_len = gcm_aad(header, seq, &mut aad);
            gcm.open(
                &iv8(iv).ok_or(EspError::Layout)?,
                &[&aad[..aad_len]],
                data,
                icv,
            )
        }
        (confidentiality, integrity) => {
            let esn: &[u8] = if seq.esn { &high } else { &[] };
            let ok = match integrity {
                Integrity::Hmac(hmac) => hmac.verify(&[header, iv, data, esn], icv),
                Integrity::Gmac => {
                    let gmac = crypto.gmac().ok_or(EspError::Layout)?;
                    let tag = gmac.mac(
                        &iv8(iv).ok_or(EspError::Layout)?,
                        &gmac_aad(header, seq, &high, iv, data),
                    );
                    icv.len() <= 16
                        && bool::from(subtle::ConstantTimeEq::ct_eq(&tag[..icv.len()], icv))
                }
                Integrity::None => true,
            };
            if ok
                && let Confidentiality::Cbc(cipher) = confidentiality
                && !cipher.decrypt(iv, data)
            {
                return Err(EspError::Layout);
            }
            ok
        }
    };
    if !verified {
        return Err(EspError::Auth);
    }
    let trailer = check_trailer(data).ok_or(EspError::Trailer)?;
    Ok(Trailer {
        payload_end: data_start + trailer.0,
        pad_length: trailer.1,
        next_header: trailer.2,
    })
}

/// Checks padding (RFC 4303 §2.4 default: 1, 2, 3, ...); returns (payload length, pad
/// length, next header).
fn check_trailer(data: &[u8]) -> Option<(usize, u8, u8)> {
    let len = data.len();
    let next_header = *data.get(len.checked_sub(1)?)?;
    let pad_length = *data.get(len.checked_sub(2)?)?;
    let payload_end = len.checked_sub(2)?.checked_sub(usize::from(pad_length))?;
    let padding = data.get(payload_end..len - 2)?;
    if padding
        .iter()
        .enumerate()
        .any(|(i, &b)| usize::from(b) != i + 1)
    {
        return None;
    }
    Some((payload_end, pad_length, next_header))
}

/// The next-header byte of an ESP layer without authenticating or decrypting it (to tell a
/// tunnel-mode ICV failure from a transport-mode one). `None` for GMAC/NULL-less layouts that
/// do not fit.
pub fn peek_next_header(
    frame: &[u8],
    esp: usize,
    end: usize,
    crypto: &ElementCrypto,
) -> Option<u8> {
    let iv_start = esp.checked_add(8)?;
    let data_start = iv_start.checked_add(crypto.iv_len)?;
    let trailer_end = end.checked_sub(crypto.icv_len)?;
    let data = frame.get(data_start..trailer_end)?;
    let iv = frame.get(iv_start..data_start)?;
    match &crypto.confidentiality {
        Confidentiality::Null | Confidentiality::NullGmac(_) => data.last().copied(),
        Confidentiality::Cbc(cipher) => {
            let mut last = [0u8; 16];
            let n = cipher.block_len();
            cipher
                .peek_last_block(iv, data, &mut last[..n])
                .then_some(last[n - 1])
        }
        Confidentiality::Gcm(gcm) => {
            let mut byte = [*data.last()?];
            gcm.keystream_at(&iv8(iv)?, data.len() - 1, &mut byte);
            Some(byte[0])
        }
    }
}
