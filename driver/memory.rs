//! Pool allocation: the global allocator of the rust-lld build, and fallible boxing.

use alloc::boxed::Box;
use core::alloc::{GlobalAlloc, Layout};
use core::ptr::NonNull;
use ndis_sys::{ExAllocatePool2, ExFreePoolWithTag, POOL_FLAG_NON_PAGED};

/// Pool tag of every allocation the driver makes ("IPs2" in a pool dump, little-endian).
pub const POOL_TAG: u32 = u32::from_le_bytes(*b"IPs2");

/// Pool allocations are 16-byte aligned on x64; larger alignments are refused.
const POOL_ALIGNMENT: usize = 16;

/// The global allocator: non-paged, no-execute pool, so any allocation may be touched at
/// DISPATCH_LEVEL. Allocations happen at initialize and on the OID path, never per packet.
/// (With the `wdk` feature wdk-alloc's allocator, which does the same, is used instead.)
#[cfg_attr(feature = "wdk", allow(dead_code))]
pub struct NonPagedPool;

// SAFETY: ExAllocatePool2 returns either NULL or a block of at least `size` bytes, 16-byte
// aligned, that stays valid until ExFreePoolWithTag; alignments above 16 are refused (NULL).
unsafe impl GlobalAlloc for NonPagedPool {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() > POOL_ALIGNMENT || layout.size() == 0 {
            return core::ptr::null_mut();
        }
        // SAFETY: plain FFI call; the flags request non-paged pool (zeroed).
        unsafe { ExAllocatePool2(POOL_FLAG_NON_PAGED, layout.size() as u64, POOL_TAG).cast() }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above (GlobalAlloc contract) with the same tag.
        unsafe { ExFreePoolWithTag(ptr.cast(), POOL_TAG) }
    }
}

/// Moves `value` into a new heap allocation, or gives it back when the pool is exhausted.
/// (`Box::new` would bug-check on allocation failure; the kernel must fail the request instead.)
pub fn try_box<T>(value: T) -> Result<Box<T>, T> {
    let layout = Layout::new::<T>();
    if layout.size() == 0 {
        return Ok(Box::new(value));
    }
    // SAFETY: the layout has a non-zero size.
    let raw = unsafe { alloc::alloc::alloc(layout) }.cast::<T>();
    let Some(ptr) = NonNull::new(raw) else {
        return Err(value);
    };
    // SAFETY: `ptr` is a fresh allocation of `Layout::new::<T>()`, so it is valid and aligned
    // for one `T`, and Box::from_raw takes ownership with the same layout.
    unsafe {
        ptr.as_ptr().write(value);
        Ok(Box::from_raw(ptr.as_ptr()))
    }
}

/// Overwrites the stack below the caller with zeros, `depth` frames of 3 KiB deep.
///
/// Decoding an SA moves its keys (and key schedules) through stack temporaries; Rust leaves
/// moved-from bytes in place, and later moves would copy them into padding of other SAs.
/// Called after every SA OID, before the stack is reused. Each frame stays under a page.
#[inline(never)]
pub fn burn_stack(depth: u32) {
    use zeroize::Zeroize;
    let mut area = [0u8; 3 * 1024];
    area.zeroize();
    core::hint::black_box(&area);
    if depth > 1 {
        burn_stack(depth - 1);
    }
}
