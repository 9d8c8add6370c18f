//! HMAC integrity (RFC 2403/2404/4868) with the keyed state computed once per SA.

use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

/// A keyed HMAC state; cloned per packet (no re-keying on the hot path).
pub enum HmacKey {
    Md5(Hmac<md5::Md5>),
    Sha1(Hmac<sha1::Sha1>),
    Sha256(Hmac<sha2::Sha256>),
}

impl HmacKey {
    /// HMAC-MD5, -SHA1 or -SHA256 keyed with `key`.
    #[inline(never)]
    pub fn md5(key: &[u8]) -> Option<Self> {
        Some(HmacKey::Md5(Hmac::new_from_slice(key).ok()?))
    }
    /// HMAC-SHA1.
    #[inline(never)]
    pub fn sha1(key: &[u8]) -> Option<Self> {
        Some(HmacKey::Sha1(Hmac::new_from_slice(key).ok()?))
    }
    /// HMAC-SHA256.
    #[inline(never)]
    pub fn sha256(key: &[u8]) -> Option<Self> {
        Some(HmacKey::Sha256(Hmac::new_from_slice(key).ok()?))
    }

    /// The MAC over the concatenated `parts`, truncated into `out` (12 or 16 bytes).
    pub fn compute(&self, parts: &[&[u8]], out: &mut [u8]) {
        fn run<M: Mac + Clone>(template: &M, parts: &[&[u8]], out: &mut [u8]) {
            let mut mac = template.clone();
            for part in parts {
                mac.update(part);
            }
            let full = mac.finalize().into_bytes();
            let n = out.len().min(full.len());
            out[..n].copy_from_slice(&full[..n]);
        }
        match self {
            HmacKey::Md5(m) => run(m, parts, out),
            HmacKey::Sha1(m) => run(m, parts, out),
            HmacKey::Sha256(m) => run(m, parts, out),
        }
    }

    /// Constant-time check of a truncated ICV.
    pub fn verify(&self, parts: &[&[u8]], icv: &[u8]) -> bool {
        let mut expected = [0u8; 32];
        let Some(expected) = expected.get_mut(..icv.len()) else {
            return false;
        };
        self.compute(parts, expected);
        !icv.is_empty() && bool::from(expected.ct_eq(icv))
    }
}

impl Drop for HmacKey {
    /// The keyed states are key-equivalent secrets: overwrite them in place with a state
    /// keyed by zeros, and keep the write from being optimised away.
    fn drop(&mut self) {
        let zero = [0u8; 64];
        match self {
            HmacKey::Md5(m) => *m = Hmac::new_from_slice(&zero).unwrap_or_else(|_| m.clone()),
            HmacKey::Sha1(m) => *m = Hmac::new_from_slice(&zero).unwrap_or_else(|_| m.clone()),
            HmacKey::Sha256(m) => *m = Hmac::new_from_slice(&zero).unwrap_or_else(|_| m.clone()),
        }
        core::hint::black_box(&*self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 2 (HMAC-SHA-256, key "Jefe"), truncated to 128 bits as RFC 4868.
    #[test]
    fn rfc4231_case_2_truncated() {
        let key = HmacKey::sha256(b"Jefe").unwrap();
        let mut out = [0u8; 16];
        key.compute(&[b"what do ya want ", b"for nothing?"], &mut out);
        assert_eq!(
            out,
            [
                0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95,
                0x75, 0xc7
            ]
        );
        assert!(key.verify(&[b"what do ya want for nothing?"], &out));
        out[15] ^= 1;
        assert!(!key.verify(&[b"what do ya want for nothing?"], &out));
        assert!(!key.verify(&[b"x"], &[]));
    }
}
