//! The per-SA crypto state, built once when an SA is added (key schedules, keyed HMAC
//! states, GHASH keys), and the CBC mode used by ESP (RFC 2405, RFC 2451, RFC 3602).

use super::gcm::Gcm;
use super::hmac_icv::HmacKey;
use crate::sa::spec::{AuthAlgorithm, ElementSpec, EncAlgorithm};
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit, generic_array::GenericArray};

/// A block cipher in CBC mode.
#[derive(Clone)]
pub enum CbcCipher {
    Des(des::Des),
    TripleDes(des::TdesEde3),
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
}

macro_rules! each_cipher {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            CbcCipher::Des($c) => $body,
            CbcCipher::TripleDes($c) => $body,
            CbcCipher::Aes128($c) => $body,
            CbcCipher::Aes192($c) => $body,
            CbcCipher::Aes256($c) => $body,
        }
    };
}

impl CbcCipher {
    fn new(algorithm: EncAlgorithm, key: &[u8]) -> Option<Self> {
        match algorithm {
            EncAlgorithm::DesCbc => Self::des(key),
            EncAlgorithm::TripleDesCbc => Self::triple_des(key),
            EncAlgorithm::AesCbc128 => Self::aes128(key),
            EncAlgorithm::AesCbc192 => Self::aes192(key),
            EncAlgorithm::AesCbc256 => Self::aes256(key),
            _ => None,
        }
    }

    // One constructor per cipher, out of line: each key expansion gets its own small frame.
    #[inline(never)]
    fn des(key: &[u8]) -> Option<Self> {
        Some(CbcCipher::Des(des::Des::new_from_slice(key).ok()?))
    }
    #[inline(never)]
    fn triple_des(key: &[u8]) -> Option<Self> {
        Some(CbcCipher::TripleDes(
            des::TdesEde3::new_from_slice(key).ok()?,
        ))
    }
    #[inline(never)]
    fn aes128(key: &[u8]) -> Option<Self> {
        Some(CbcCipher::Aes128(aes::Aes128::new_from_slice(key).ok()?))
    }
    #[inline(never)]
    fn aes192(key: &[u8]) -> Option<Self> {
        Some(CbcCipher::Aes192(aes::Aes192::new_from_slice(key).ok()?))
    }
    #[inline(never)]
    fn aes256(key: &[u8]) -> Option<Self> {
        Some(CbcCipher::Aes256(aes::Aes256::new_from_slice(key).ok()?))
    }

    /// Block (and IV) length: 8 for DES/3DES, 16 for AES.
    pub fn block_len(&self) -> usize {
        match self {
            CbcCipher::Des(_) | CbcCipher::TripleDes(_) => 8,
            _ => 16,
        }
    }

    fn encrypt_block(&self, block: &mut [u8]) {
        each_cipher!(self, c => c.encrypt_block(GenericArray::from_mut_slice(block)))
    }

    fn decrypt_block(&self, block: &mut [u8]) {
        each_cipher!(self, c => c.decrypt_block(GenericArray::from_mut_slice(block)))
    }

    /// CBC-encrypts `data` (a whole number of blocks) in place.
    pub fn encrypt(&self, iv: &[u8], data: &mut [u8]) -> bool {
        let n = self.block_len();
        if iv.len() != n || !data.len().is_multiple_of(n) {
            return false;
        }
        let mut previous = [0u8; 16];
        previous[..n].copy_from_slice(iv);
        for block in data.chunks_exact_mut(n) {
            for (b, p) in block.iter_mut().zip(previous.iter()) {
                *b ^= p;
            }
            self.encrypt_block(block);
            previous[..n].copy_from_slice(block);
        }
        true
    }

    /// CBC-decrypts `data` in place (from the last block back, so each block's predecessor
    /// is still ciphertext when it is needed).
    pub fn decrypt(&self, iv: &[u8], data: &mut [u8]) -> bool {
        let n = self.block_len();
        if iv.len() != n || !data.len().is_multiple_of(n) {
            return false;
        }
        let blocks = data.len() / n;
        for i in (0..blocks).rev() {
            let (before, rest) = data.split_at_mut(i * n);
            let block = &mut rest[..n];
            self.decrypt_block(block);
            let previous = if i == 0 { iv } else { &before[(i - 1) * n..] };
            for (b, p) in block.iter_mut().zip(previous.iter()) {
                *b ^= p;
            }
        }
        true
    }

    /// The plaintext of the last block alone (to read an ESP trailer without decrypting
    /// or authenticating the packet).
    pub fn peek_last_block(&self, iv: &[u8], data: &[u8], out: &mut [u8]) -> bool {
        let n = self.block_len();
        if data.len() < n || !data.len().is_multiple_of(n) || out.len() != n {
            return false;
        }
        let last = data.len() - n;
        out.copy_from_slice(&data[last..]);
        self.decrypt_block(out);
        let previous = if last == 0 { iv } else { &data[last - n..last] };
        for (b, p) in out.iter_mut().zip(previous.iter()) {
            *b ^= p;
        }
        true
    }

    /// An unpredictable IV for sequence number `seq`: the cipher applied to the counter under
    /// the same key (NIST SP 800-38A, Appendix C).
    pub fn iv_for(&self, seq: u64, out: &mut [u8]) {
        let n = self.block_len();
        let mut block = [0u8; 16];
        block[n - 8..n].copy_from_slice(&seq.to_be_bytes());
        block[0] ^= 0x49; // separates IV inputs from any data block with a zero prefix
        self.encrypt_block(&mut block[..n]);
        let len = out.len().min(n);
        out[..len].copy_from_slice(&block[..len]);
    }
}

/// The confidentiality part of an ESP element (and where an AES key lives).
pub enum Confidentiality {
    /// ESP-NULL (or AH) with HMAC integrity.
    Null,
    /// CBC cipher; integrity comes from the element's [`Integrity`].
    Cbc(CbcCipher),
    /// AES-GCM: confidentiality and integrity in one.
    Gcm(Gcm),
    /// No confidentiality, AES-GMAC integrity (ESP-NULL-GMAC or AH-GMAC): the GMAC key. Kept
    /// here rather than in [`Integrity`] so an element holds one AES key schedule at most.
    NullGmac(Gcm),
}

/// The integrity part of an element.
pub enum Integrity {
    /// None (AES-GCM provides it, or ESP without integrity).
    None,
    Hmac(HmacKey),
    /// AES-GMAC (RFC 4543), keyed by [`Confidentiality::NullGmac`].
    Gmac,
}

/// Everything an element needs per packet.
pub struct ElementCrypto {
    pub confidentiality: Confidentiality,
    pub integrity: Integrity,
    /// IV bytes in the packet (0 for NULL without GMAC).
    pub iv_len: usize,
    /// ICV bytes in the packet.
    pub icv_len: usize,
    /// Alignment of the ESP payload + trailer (4, or the cipher block).
    pub block_len: usize,
}

impl zeroize::Zeroize for ElementCrypto {
    /// Drops the key schedules (each zeroes itself on drop) and leaves a keyless state.
    fn zeroize(&mut self) {
        self.confidentiality = Confidentiality::Null;
        self.integrity = Integrity::None;
    }
}

impl ElementCrypto {
    /// The GMAC key of a GMAC element.
    pub fn gmac(&self) -> Option<&Gcm> {
        match &self.confidentiality {
            Confidentiality::NullGmac(gcm) => Some(gcm),
            _ => None,
        }
    }

    /// Builds the state for a validated element. Not inlined: key schedules are large, and
    /// every kernel stack frame must stay under a page.
    #[inline(never)]
    pub fn new(element: &ElementSpec) -> Option<Self> {
        let mut iv_len = 0;
        let mut icv_len = 0;
        let mut block_len = 4;
        let mut confidentiality = Confidentiality::Null;
        if let Some(enc) = &element.enc {
            match enc.algorithm {
                EncAlgorithm::Null => {}
                a if a.is_aead() => {
                    confidentiality = Confidentiality::Gcm(Gcm::new(enc.key.as_bytes())?);
                    iv_len = 8;
                    icv_len = usize::from(enc.icv_len);
                }
                a => {
                    let cipher = CbcCipher::new(a, enc.key.as_bytes())?;
                    iv_len = cipher.block_len();
                    block_len = cipher.block_len();
                    confidentiality = Confidentiality::Cbc(cipher);
                }
            }
        }
        let mut integrity = Integrity::None;
        if let Some(auth) = &element.auth
            && !matches!(confidentiality, Confidentiality::Gcm(_))
        {
            icv_len = auth.algorithm.icv_len();
            let key = auth.key.as_bytes();
            integrity = match auth.algorithm {
                AuthAlgorithm::HmacMd5_96 => Integrity::Hmac(HmacKey::md5(key)?),
                AuthAlgorithm::HmacSha1_96 => Integrity::Hmac(HmacKey::sha1(key)?),
                AuthAlgorithm::HmacSha256_128 => Integrity::Hmac(HmacKey::sha256(key)?),
                AuthAlgorithm::Gmac128 | AuthAlgorithm::Gmac192 | AuthAlgorithm::Gmac256 => {
                    // GMAC goes with NULL encryption only (checked at add).
                    if !matches!(confidentiality, Confidentiality::Null) {
                        return None;
                    }
                    iv_len = 8;
                    block_len = 4;
                    confidentiality = Confidentiality::NullGmac(Gcm::new(key)?);
                    Integrity::Gmac
                }
            };
        }
        Some(Self {
            confidentiality,
            integrity,
            iv_len,
            icv_len,
            block_len,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbc_round_trips_and_peeks() {
        for (algorithm, key_len) in [
            (EncAlgorithm::DesCbc, 8),
            (EncAlgorithm::TripleDesCbc, 24),
            (EncAlgorithm::AesCbc128, 16),
            (EncAlgorithm::AesCbc192, 24),
            (EncAlgorithm::AesCbc256, 32),
        ] {
            let cipher = CbcCipher::new(algorithm, &std::vec![0x5Au8; key_len]).unwrap();
            let n = cipher.block_len();
            let iv = std::vec![3u8; n];
            let plain: std::vec::Vec<u8> = (0..n * 4).map(|i| i as u8).collect();
            let mut data = plain.clone();
            assert!(cipher.encrypt(&iv, &mut data));
            assert_ne!(data, plain);
            let mut last = std::vec![0u8; n];
            assert!(cipher.peek_last_block(&iv, &data, &mut last));
            assert_eq!(last, &plain[n * 3..]);
            assert!(cipher.decrypt(&iv, &mut data));
            assert_eq!(data, plain);
            assert!(!cipher.encrypt(&iv, &mut data[..n + 1]));
        }
    }

    /// RFC 3602 case 1: AES-128-CBC, one block.
    #[test]
    fn rfc3602_case_1() {
        let key = [
            0x06, 0xa9, 0x21, 0x40, 0x36, 0xb8, 0xa1, 0x5b, 0x51, 0x2e, 0x03, 0xd5, 0x34, 0x12,
            0x00, 0x06,
        ];
        let iv = [
            0x3d, 0xaf, 0xba, 0x42, 0x9d, 0x9e, 0xb4, 0x30, 0xb4, 0x22, 0xda, 0x80, 0x2c, 0x9f,
            0xac, 0x41,
        ];
        let cipher = CbcCipher::new(EncAlgorithm::AesCbc128, &key).unwrap();
        let mut data = *b"Single block msg";
        assert!(cipher.encrypt(&iv, &mut data));
        assert_eq!(
            data,
            [
                0xe3, 0x53, 0x77, 0x9c, 0x10, 0x79, 0xae, 0xb8, 0x27, 0x08, 0x94, 0x2d, 0xbe, 0x77,
                0x18, 0x1a
            ]
        );
    }
}
