//! AES-GCM (RFC 4106 for ESP) and AES-GMAC (RFC 4543 for ESP and AH), written over the AES
//! block cipher and GHASH so that truncated ICVs (8 and 12 bytes) and long split AAD (GMAC
//! authenticates whole packets) are handled directly.
//!
//! Nonce = 4-byte salt ‖ 8-byte IV; counter blocks are `nonce ‖ inc32` starting at 2 for the
//! keystream and 1 for the tag mask (NIST SP 800-38D).

use aes::cipher::{BlockEncrypt, KeyInit, generic_array::GenericArray};
use ghash::{GHash, universal_hash::UniversalHash};
use subtle::ConstantTimeEq;

type Block = GenericArray<u8, aes::cipher::consts::U16>;

/// Blocks of keystream computed per AES call (lets AES-NI pipeline).
const PAR_BLOCKS: usize = 8;

/// One of the three AES key sizes.
#[derive(Clone)]
pub enum AesKey {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
}

impl AesKey {
    /// The key schedule for a 16, 24 or 32-byte key.
    pub fn new(key: &[u8]) -> Option<Self> {
        match key.len() {
            16 => Self::aes128(key),
            24 => Self::aes192(key),
            32 => Self::aes256(key),
            _ => None,
        }
    }

    // Out of line, one key size each: every kernel stack frame stays under a page.
    #[inline(never)]
    fn aes128(key: &[u8]) -> Option<Self> {
        Some(AesKey::Aes128(aes::Aes128::new_from_slice(key).ok()?))
    }
    #[inline(never)]
    fn aes192(key: &[u8]) -> Option<Self> {
        Some(AesKey::Aes192(aes::Aes192::new_from_slice(key).ok()?))
    }
    #[inline(never)]
    fn aes256(key: &[u8]) -> Option<Self> {
        Some(AesKey::Aes256(aes::Aes256::new_from_slice(key).ok()?))
    }

    /// Encrypts blocks in place.
    pub fn encrypt_blocks(&self, blocks: &mut [Block]) {
        match self {
            AesKey::Aes128(c) => c.encrypt_blocks(blocks),
            AesKey::Aes192(c) => c.encrypt_blocks(blocks),
            AesKey::Aes256(c) => c.encrypt_blocks(blocks),
        }
    }
}

/// GHASH over a stream of byte parts, padding only at section ends.
struct GhashStream {
    ghash: GHash,
    partial: [u8; 16],
    filled: usize,
}

impl GhashStream {
    fn update(&mut self, mut data: &[u8]) {
        if self.filled > 0 {
            let take = (16 - self.filled).min(data.len());
            self.partial[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled < 16 {
                return;
            }
            self.ghash.update(&[Block::clone_from_slice(&self.partial)]);
            self.filled = 0;
        }
        let whole = data.len() / 16 * 16;
        self.ghash.update_padded(&data[..whole]);
        let rest = &data[whole..];
        self.partial[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// Ends a section (AAD or ciphertext): zero-pads a partial block.
    fn pad(&mut self) {
        if self.filled > 0 {
            self.partial[self.filled..].fill(0);
            self.ghash.update(&[Block::clone_from_slice(&self.partial)]);
            self.filled = 0;
        }
    }
}

/// An AES-GCM/GMAC key: cipher, hash key and salt.
#[derive(Clone)]
pub struct Gcm {
    cipher: AesKey,
    ghash: GHash,
    salt: [u8; 4],
}

impl Gcm {
    /// From the key bytes of an SA: 16/24/32 bytes of AES key, optionally followed by the
    /// 4-byte salt (a missing salt is taken as zero).
    #[inline(never)]
    pub fn new(key_and_salt: &[u8]) -> Option<Self> {
        let (key, salt) = match key_and_salt.len() {
            16 | 24 | 32 => (key_and_salt, [0u8; 4]),
            20 | 28 | 36 => {
                let (key, salt) = key_and_salt.split_at(key_and_salt.len() - 4);
                (key, [salt[0], salt[1], salt[2], salt[3]])
            }
            _ => return None,
        };
        let cipher = AesKey::new(key)?;
        let mut h = Block::default();
        cipher.encrypt_blocks(core::slice::from_mut(&mut h));
        Some(Self {
            ghash: GHash::new(&h),
            cipher,
            salt,
        })
    }

    fn counter_block(&self, iv: &[u8; 8], counter: u32) -> Block {
        let mut block = Block::default();
        block[..4].copy_from_slice(&self.salt);
        block[4..12].copy_from_slice(iv);
        block[12..].copy_from_slice(&counter.to_be_bytes());
        block
    }

    /// XORs the CTR keystream (from counter 2) into `data`.
    fn apply_keystream(&self, iv: &[u8; 8], data: &mut [u8]) {
        let mut counter = 2u32;
        for chunk in data.chunks_mut(16 * PAR_BLOCKS) {
            let mut blocks = [Block::default(); PAR_BLOCKS];
            let count = chunk.len().div_ceil(16);
            for block in blocks.iter_mut().take(count) {
                *block = self.counter_block(iv, counter);
                counter = counter.wrapping_add(1);
            }
            self.cipher.encrypt_blocks(&mut blocks[..count]);
            for (bytes, keystream) in chunk.chunks_mut(16).zip(blocks.iter()) {
                for (b, k) in bytes.iter_mut().zip(keystream.iter()) {
                    *b ^= k;
                }
            }
        }
    }

    /// The full 16-byte tag over `aad` (a list of parts, hashed as one string) and `ciphertext`.
    fn tag(&self, iv: &[u8; 8], aad: &[&[u8]], ciphertext: &[u8]) -> [u8; 16] {
        let mut stream = GhashStream {
            ghash: self.ghash.clone(),
            partial: [0; 16],
            filled: 0,
        };
        let mut aad_len = 0u64;
        for part in aad {
            stream.update(part);
            aad_len += part.len() as u64;
        }
        stream.pad();
        stream.update(ciphertext);
        stream.pad();
        let mut lengths = [0u8; 16];
        lengths[..8].copy_from_slice(&(aad_len * 8).to_be_bytes());
        lengths[8..].copy_from_slice(&((ciphertext.len() as u64) * 8).to_be_bytes());
        stream.update(&lengths);
        let mut tag: [u8; 16] = stream.ghash.finalize().into();
        let mut mask = self.counter_block(iv, 1);
        self.cipher.encrypt_blocks(core::slice::from_mut(&mut mask));
        for (t, m) in tag.iter_mut().zip(mask.iter()) {
            *t ^= m;
        }
        tag
    }

    /// Encrypts `data` in place; returns the full tag (truncate for shorter ICVs).
    pub fn seal(&self, iv: &[u8; 8], aad: &[&[u8]], data: &mut [u8]) -> [u8; 16] {
        self.apply_keystream(iv, data);
        self.tag(iv, aad, data)
    }

    /// Verifies `icv` (8..16 bytes, a prefix of the tag) in constant time, then decrypts
    /// `data` in place. On failure `data` is left as it was.
    pub fn open(&self, iv: &[u8; 8], aad: &[&[u8]], data: &mut [u8], icv: &[u8]) -> bool {
        let tag = self.tag(iv, aad, data);
        let ok = icv.len() >= 8 && icv.len() <= 16 && bool::from(tag[..icv.len()].ct_eq(icv));
        if ok {
            self.apply_keystream(iv, data);
        }
        ok
    }

    /// XORs into `data` the keystream bytes that start at `offset` of the payload (reads one
    /// byte of a GCM payload without decrypting it all).
    pub fn keystream_at(&self, iv: &[u8; 8], offset: usize, data: &mut [u8]) {
        for (position, byte) in (offset..).zip(data.iter_mut()) {
            let counter = 2u32.wrapping_add((position / 16) as u32);
            let mut block = self.counter_block(iv, counter);
            self.cipher
                .encrypt_blocks(core::slice::from_mut(&mut block));
            *byte ^= block[position % 16];
        }
    }

    /// GMAC: the tag over `aad` alone (RFC 4543).
    pub fn mac(&self, iv: &[u8; 8], aad: &[&[u8]]) -> [u8; 16] {
        self.tag(iv, aad, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// NIST GCM test case 4 (AES-128, 60-byte plaintext, 20-byte AAD), with the 12-byte IV
    /// split as salt ‖ IV.
    #[test]
    fn nist_test_case_4() {
        let key = hex("feffe9928665731c6d6a8f9467308308");
        let iv12 = hex("cafebabefacedbaddecaf888");
        let mut key_salt = key.clone();
        key_salt.extend_from_slice(&iv12[..4]);
        let gcm = Gcm::new(&key_salt).unwrap();
        let iv: [u8; 8] = iv12[4..].try_into().unwrap();
        let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let plain = hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let mut data = plain.clone();
        let tag = gcm.seal(&iv, &[&aad[..7], &aad[7..]], &mut data);
        assert_eq!(
            data,
            hex(
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
            )
        );
        assert_eq!(tag.to_vec(), hex("5bc94fbc3221a5db94fae95ae7121a47"));
        assert!(
            !gcm.open(
                &iv,
                &[&aad],
                &mut data,
                &tag[..15]
                    .iter()
                    .copied()
                    .chain([0])
                    .collect::<std::vec::Vec<_>>()
            )
        );
        assert!(gcm.open(&iv, &[&aad], &mut data, &tag[..12]));
        assert_eq!(data, plain);
    }

    #[test]
    fn keys_of_every_size_round_trip() {
        for len in [16, 20, 24, 28, 32, 36] {
            let gcm = Gcm::new(&std::vec![7u8; len]).unwrap();
            let mut data = [1u8; 100];
            let tag = gcm.seal(&[9; 8], &[b"aad"], &mut data);
            assert!(gcm.open(&[9; 8], &[b"a", b"ad"], &mut data, &tag));
            assert_eq!(data, [1u8; 100]);
        }
        assert!(Gcm::new(&[0; 17]).is_none());
    }
}
