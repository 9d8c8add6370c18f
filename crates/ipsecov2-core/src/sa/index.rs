//! The inbound index: (SPI, destination, protocol, UDP encapsulation) → slot, for receive.
//!
//! Open addressing with linear probing over a fixed power-of-two array of atomic buckets,
//! sized at creation (no allocation afterwards). A bucket holds `hash32 << 32 | slot + 1`
//! (low half 0 = empty), and an entry's home bucket is `hash32 & mask`; the full key is compared against the SA itself, so a bucket is only a hint.
//! Writers (the OID path, serialised by the table's writer lock) bracket every change with a
//! sequence counter; readers (the data path) never wait: they probe, and only when they found
//! nothing *and* a writer was active do they probe again (a few times at most).
//! Deletion shifts later entries back (no tombstones), so probe lengths do not grow with churn.

use crate::sync::{AtomicU32, AtomicU64, Ordering, fence};
use alloc::vec::Vec;

/// What an inbound SA element is found by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InboundKey {
    pub spi: u32,
    pub destination: [u8; 16],
    /// 50 (ESP) or 51 (AH).
    pub protocol: u8,
    /// The packets arrive in UDP (RFC 3948).
    pub udp: bool,
}

/// How many times a reader probes again when writers raced with it.
const READ_RETRIES: usize = 8;

/// The index.
pub struct InboundIndex {
    buckets: Vec<AtomicU64>,
    mask: usize,
    seed: u64,
    /// Odd while a writer is changing the buckets.
    sequence: AtomicU32,
}

/// Outcome of a probe for a key.
pub enum Probe<T> {
    Found(T),
    Absent,
}

impl InboundIndex {
    /// An index for up to `entries` keys at a load factor of at most 1/2.
    pub fn new(entries: usize, seed: u64) -> Option<Self> {
        let size = entries
            .checked_mul(2)?
            .max(16)
            .checked_next_power_of_two()?;
        let mut buckets = Vec::new();
        buckets.try_reserve_exact(size).ok()?;
        buckets.resize_with(size, || AtomicU64::new(0));
        Some(Self {
            buckets,
            mask: size - 1,
            seed,
            sequence: AtomicU32::new(0),
        })
    }

    /// Bytes the index occupies.
    pub fn memory_bytes(&self) -> usize {
        self.buckets.len() * core::mem::size_of::<AtomicU64>()
    }

    fn hash(&self, key: &InboundKey) -> u64 {
        // A keyed multiply-xorshift over the key's words (fast; the key set is chosen by the
        // stack, and the seed keeps bucket positions unpredictable to the wire).
        let mut h = self.seed
            ^ u64::from(key.spi)
            ^ (u64::from(key.protocol) << 32)
            ^ (u64::from(key.udp) << 40);
        for chunk in key.destination.chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h ^= h >> 32;
        }
        h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        h ^ (h >> 32)
    }

    /// The 32-bit hash a bucket stores; the home bucket is derived from it, so deletion can
    /// find every entry's home without the key.
    fn hash32(&self, key: &InboundKey) -> u32 {
        let h = self.hash(key);
        (h ^ (h >> 32)) as u32
    }

    fn home(&self, hash32: u32) -> usize {
        hash32 as usize & self.mask
    }

    fn is_empty(bucket: u64) -> bool {
        bucket as u32 == 0
    }

    /// Finds the slot whose SA matches `key`. `matches(slot)` is called for candidate slots
    /// and must check the SA itself (and, for the data path, take a reference); its result is
    /// returned as is.
    pub fn find<T>(
        &self,
        key: &InboundKey,
        mut matches: impl FnMut(u32) -> Option<T>,
    ) -> Option<T> {
        let hash32 = self.hash32(key);
        for _ in 0..READ_RETRIES {
            let before = self.sequence.load(Ordering::Acquire);
            let mut position = self.home(hash32);
            for _ in 0..self.buckets.len() {
                let bucket = self.buckets.get(position)?.load(Ordering::Acquire);
                if Self::is_empty(bucket) {
                    break;
                }
                if (bucket >> 32) as u32 == hash32 {
                    let slot = (bucket as u32).wrapping_sub(1);
                    if let Some(found) = matches(slot) {
                        return Some(found);
                    }
                }
                position = (position + 1) & self.mask;
            }
            fence(Ordering::Acquire);
            let after = self.sequence.load(Ordering::Relaxed);
            if before == after && before.is_multiple_of(2) {
                return None;
            }
            crate::sync::spin_hint();
        }
        None
    }

    fn begin_write(&self) {
        self.sequence.fetch_add(1, Ordering::Relaxed);
        fence(Ordering::Release);
    }

    fn end_write(&self) {
        self.sequence.fetch_add(1, Ordering::Release);
    }

    /// Adds `key → slot`. The caller holds the writer lock and has checked the key is not
    /// present. `false` when the index is full (cannot happen at the sizes the table uses).
    pub fn insert(&self, key: &InboundKey, slot: u32) -> bool {
        let hash32 = self.hash32(key);
        let value = (u64::from(hash32) << 32) | u64::from(slot.wrapping_add(1));
        let mut position = self.home(hash32);
        for _ in 0..self.buckets.len() {
            let Some(bucket) = self.buckets.get(position) else {
                return false;
            };
            if Self::is_empty(bucket.load(Ordering::Relaxed)) {
                self.begin_write();
                bucket.store(value, Ordering::Release);
                self.end_write();
                return true;
            }
            position = (position + 1) & self.mask;
        }
        false
    }

    /// Removes the entry of `key` that points at `slot`, shifting later entries of the probe
    /// run back. The caller holds the writer lock.
    pub fn remove(&self, key: &InboundKey, slot: u32) -> bool {
        let hash32 = self.hash32(key);
        let value = (u64::from(hash32) << 32) | u64::from(slot.wrapping_add(1));
        let mut position = self.home(hash32);
        let mut found = None;
        for _ in 0..self.buckets.len() {
            let bucket = match self.buckets.get(position) {
                Some(b) => b.load(Ordering::Relaxed),
                None => return false,
            };
            if Self::is_empty(bucket) {
                break;
            }
            if bucket == value {
                found = Some(position);
                break;
            }
            position = (position + 1) & self.mask;
        }
        let Some(mut hole) = found else {
            return false;
        };
        self.begin_write();
        // Backward-shift deletion: move each later entry of the run into the hole when its
        // home position does not lie (cyclically) between the hole and its current position.
        let mut next = (hole + 1) & self.mask;
        loop {
            let entry = self
                .buckets
                .get(next)
                .map_or(0, |b| b.load(Ordering::Relaxed));
            if Self::is_empty(entry) {
                break;
            }
            let home = self.home((entry >> 32) as u32);
            let distance_to_next = next.wrapping_sub(home) & self.mask;
            let distance_to_hole = hole.wrapping_sub(home) & self.mask;
            if distance_to_hole < distance_to_next {
                if let Some(b) = self.buckets.get(hole) {
                    b.store(entry, Ordering::Release);
                }
                hole = next;
            }
            next = (next + 1) & self.mask;
        }
        if let Some(b) = self.buckets.get(hole) {
            b.store(0, Ordering::Release);
        }
        self.end_write();
        true
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn key(spi: u32) -> InboundKey {
        InboundKey {
            spi,
            destination: [10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            protocol: 50,
            udp: false,
        }
    }

    /// Looks a key up against a model of which slot holds which key.
    fn lookup(
        index: &InboundIndex,
        model: &HashMap<u32, InboundKey>,
        k: &InboundKey,
    ) -> Option<u32> {
        index.find(k, |slot| (model.get(&slot) == Some(k)).then_some(slot))
    }

    #[test]
    fn insert_find_remove_with_collisions_and_wraparound() {
        // A tiny index (16 buckets) with 8 keys forces long probe runs across the wrap.
        let index = InboundIndex::new(8, 7).unwrap();
        let mut model = HashMap::new();
        for slot in 0..8u32 {
            let k = key(0x1000 + slot);
            assert!(index.insert(&k, slot));
            model.insert(slot, k);
        }
        for (slot, k) in &model {
            assert_eq!(lookup(&index, &model, k), Some(*slot));
        }
        assert_eq!(lookup(&index, &model, &key(0xFFFF)), None);
        // Remove in an order that exercises backward shifting, checking the rest each time.
        for victim in [3u32, 0, 7, 4, 1, 6, 2, 5] {
            let k = model.remove(&victim).unwrap();
            assert!(index.remove(&k, victim));
            assert!(!index.remove(&k, victim), "second removal finds nothing");
            assert_eq!(lookup(&index, &model, &k), None);
            for (slot, k) in &model {
                assert_eq!(
                    lookup(&index, &model, k),
                    Some(*slot),
                    "after removing {victim}"
                );
            }
        }
        assert!(index.buckets.iter().all(|b| b.load(Ordering::Relaxed) == 0));
    }

    #[test]
    fn keys_differ_by_every_field() {
        let index = InboundIndex::new(4, 1).unwrap();
        let base = key(5);
        let mut variants = [base; 4];
        variants[1].destination[15] = 9;
        variants[2].protocol = 51;
        variants[3].udp = true;
        let mut model = HashMap::new();
        for (slot, k) in variants.iter().enumerate() {
            assert!(index.insert(k, slot as u32));
            model.insert(slot as u32, *k);
        }
        for (slot, k) in variants.iter().enumerate() {
            assert_eq!(lookup(&index, &model, k), Some(slot as u32));
        }
    }
}
