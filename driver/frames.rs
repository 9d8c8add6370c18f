//! Driver-owned frame buffers, reserved at initialize: the engine seals and opens frames here,
//! never in the protocol's buffers, and the data path never allocates.

use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ops::{Deref, DerefMut};
use ipsecov2_core::sa::freelist::FreeList;

/// Bytes per buffer: the largest frame plus room for appended ICVs and headers.
pub const FRAME_BUFFER: usize = 2048;

/// A fixed set of frame buffers handed out by index.
pub struct FramePool {
    buffers: Vec<UnsafeCell<[u8; FRAME_BUFFER]>>,
    free: FreeList,
}

// SAFETY: a buffer is reachable only through the `Frame` that popped its index from the
// lock-free free list, so no two threads ever access the same buffer at once.
unsafe impl Sync for FramePool {}
// SAFETY: the pool owns its buffers.
unsafe impl Send for FramePool {}

impl FramePool {
    /// `count` buffers, or `None` when the memory cannot be had.
    pub fn new(count: u32) -> Option<Self> {
        let mut buffers = Vec::new();
        buffers.try_reserve_exact(count as usize).ok()?;
        for _ in 0..count {
            buffers.push(UnsafeCell::new([0; FRAME_BUFFER]));
        }
        Some(Self {
            buffers,
            free: FreeList::new(count)?,
        })
    }

    /// A free buffer, or `None` when all are in use.
    pub fn acquire(&self) -> Option<Frame<'_>> {
        let index = self.free.pop()?;
        let cell = self.buffers.get(index as usize)?;
        Some(Frame {
            pool: self,
            index,
            cell,
        })
    }
}

/// One buffer, exclusively owned until dropped.
pub struct Frame<'a> {
    pool: &'a FramePool,
    index: u32,
    cell: &'a UnsafeCell<[u8; FRAME_BUFFER]>,
}

impl Deref for Frame<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        // SAFETY: this Frame holds the buffer's index, so no other reference exists.
        unsafe { &*self.cell.get() }
    }
}

impl DerefMut for Frame<'_> {
    fn deref_mut(&mut self) -> &mut [u8] {
        // SAFETY: as above, and `&mut self` makes the reference unique.
        unsafe { &mut *self.cell.get() }
    }
}

impl Drop for Frame<'_> {
    fn drop(&mut self) {
        self.pool.free.push(self.index);
    }
}
