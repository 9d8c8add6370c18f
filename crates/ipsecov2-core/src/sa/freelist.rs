//! The free slots of the SA table: a lock-free stack (Treiber) over slot indices.
//!
//! Pops happen on the OID path (under the table's writer lock, so one popper at a time);
//! pushes happen wherever the last reference to a deleted SA is dropped, including the data
//! path, and never wait. The head carries a tag that changes on every update, so a stale
//! compare-and-swap cannot succeed.

use crate::sync::{AtomicU32, AtomicU64, Ordering};
use alloc::vec::Vec;

const NIL: u32 = u32::MAX;

/// A stack of slot indices `0..capacity`.
pub struct FreeList {
    /// `tag << 32 | index` of the top entry (`NIL` when empty).
    head: AtomicU64,
    /// The entry below each slot's entry.
    next: Vec<AtomicU32>,
}

fn pack(tag: u32, index: u32) -> u64 {
    (u64::from(tag) << 32) | u64::from(index)
}

impl FreeList {
    /// All `capacity` slots free, slot 0 on top. `None` when memory cannot be reserved.
    pub fn new(capacity: u32) -> Option<Self> {
        let mut next = Vec::new();
        next.try_reserve_exact(capacity as usize).ok()?;
        for i in 0..capacity {
            next.push(AtomicU32::new(if i + 1 < capacity { i + 1 } else { NIL }));
        }
        let top = if capacity == 0 { NIL } else { 0 };
        Some(Self {
            head: AtomicU64::new(pack(0, top)),
            next,
        })
    }

    /// Takes a free slot.
    pub fn pop(&self) -> Option<u32> {
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            let (tag, index) = ((head >> 32) as u32, head as u32);
            if index == NIL {
                return None;
            }
            let below = self.next.get(index as usize)?.load(Ordering::Acquire);
            match self.head.compare_exchange_weak(
                head,
                pack(tag.wrapping_add(1), below),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Some(index),
                Err(current) => head = current,
            }
        }
    }

    /// Returns a slot to the stack. Indices out of range are ignored.
    pub fn push(&self, index: u32) {
        let Some(link) = self.next.get(index as usize) else {
            return;
        };
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            let (tag, top) = ((head >> 32) as u32, head as u32);
            link.store(top, Ordering::Release);
            match self.head.compare_exchange_weak(
                head,
                pack(tag.wrapping_add(1), index),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return,
                Err(current) => head = current,
            }
        }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn pops_every_slot_once_then_none() {
        let list = FreeList::new(4).unwrap();
        let mut seen = [false; 4];
        while let Some(i) = list.pop() {
            assert!(!seen[i as usize]);
            seen[i as usize] = true;
        }
        assert_eq!(seen, [true; 4]);
        list.push(2);
        list.push(9); // out of range: ignored
        assert_eq!(list.pop(), Some(2));
        assert_eq!(list.pop(), None);
        assert!(FreeList::new(0).unwrap().pop().is_none());
    }
}
