//! Walking NET_BUFFER_LIST → NET_BUFFER → MDL chains, read-only.
//!
//! The send data belongs to the protocol: the driver only ever reads it (copying it into its
//! own memory), never writes to it.

use core::ptr::null_mut;
use ndis_sys::*;

/// Iterates a `Next`-linked NBL chain. The next pointer is read before an NBL is yielded, so
/// the caller may relink the yielded NBL.
pub struct NblIter {
    next: *mut NET_BUFFER_LIST,
}

impl NblIter {
    /// # Safety
    /// `head` is NULL or the head of a valid NBL chain owned by the caller for the iteration.
    pub unsafe fn new(head: *mut NET_BUFFER_LIST) -> Self {
        Self { next: head }
    }
}

impl Iterator for NblIter {
    type Item = *mut NET_BUFFER_LIST;
    fn next(&mut self) -> Option<Self::Item> {
        let current = self.next;
        if current.is_null() {
            return None;
        }
        // SAFETY: `current` is a valid NBL of the chain (constructor contract).
        self.next = unsafe { (*current).next() };
        Some(current)
    }
}

/// Iterates the NET_BUFFERs of one NBL.
pub struct NbIter {
    next: *mut NET_BUFFER,
}

impl NbIter {
    /// # Safety
    /// `nbl` is a valid NBL whose NET_BUFFER chain is stable for the iteration.
    pub unsafe fn new(nbl: *mut NET_BUFFER_LIST) -> Self {
        // SAFETY: per the contract `nbl` is valid.
        let first = unsafe { (*nbl).first_net_buffer() };
        Self { next: first }
    }
}

impl Iterator for NbIter {
    type Item = *mut NET_BUFFER;
    fn next(&mut self) -> Option<Self::Item> {
        let current = self.next;
        if current.is_null() {
            return None;
        }
        // SAFETY: `current` is a valid NET_BUFFER of the chain.
        self.next = unsafe { (*current).next() };
        Some(current)
    }
}

/// The system-space address of an MDL's data (`MmGetSystemAddressForMdlSafe`), or NULL when
/// the pages cannot be mapped.
///
/// # Safety
/// `mdl` is a valid MDL describing locked pages.
unsafe fn mdl_system_address(mdl: *mut MDL) -> *const u8 {
    // SAFETY: `mdl` is valid (contract).
    let (flags, mapped) = unsafe { ((*mdl).MdlFlags, (*mdl).MappedSystemVa) };
    if (flags as u16) & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL) != 0 {
        return mapped.cast();
    }
    // SAFETY: a locked MDL may be mapped at IRQL <= DISPATCH_LEVEL; failure returns NULL
    // because BugCheckOnFailure is FALSE.
    unsafe {
        MmMapLockedPagesSpecifyCache(
            mdl,
            KernelMode,
            MmCached,
            null_mut(),
            0,
            NormalPagePriority | MdlMappingNoExecute,
        )
        .cast()
    }
}

/// Copies the first `out.len()` bytes of a NET_BUFFER's data (fewer if the NET_BUFFER is
/// shorter) into `out`; returns the number copied, or `None` if an MDL cannot be mapped or the
/// chain ends before `DataLength` bytes.
///
/// # Safety
/// `nb` is a valid NET_BUFFER whose MDL chain describes at least `DataLength` bytes from
/// `CurrentMdlOffset` of `CurrentMdl`.
pub unsafe fn copy_from_net_buffer(nb: *const NET_BUFFER, out: &mut [u8]) -> Option<usize> {
    // SAFETY: `nb` is valid (contract).
    let (mut mdl, mut offset, length) = unsafe {
        (
            (*nb).current_mdl(),
            (*nb).current_mdl_offset(),
            (*nb).data_length(),
        )
    };
    let wanted = out.len().min(length as usize);
    let mut copied = 0usize;
    while copied < wanted {
        if mdl.is_null() {
            return None;
        }
        // SAFETY: `mdl` is a valid MDL of the chain.
        let (byte_count, next) = unsafe { ((*mdl).ByteCount, (*mdl).Next) };
        if offset < byte_count {
            // SAFETY: `mdl` is valid and locked.
            let base = unsafe { mdl_system_address(mdl) };
            if base.is_null() {
                return None;
            }
            let available = (byte_count - offset) as usize;
            let take = available.min(wanted - copied);
            // SAFETY: the MDL maps `byte_count` bytes at `base`; `offset + take <= byte_count`.
            let src = unsafe { core::slice::from_raw_parts(base.add(offset as usize), take) };
            out.get_mut(copied..copied + take)?.copy_from_slice(src);
            copied += take;
            offset = 0;
        } else {
            offset -= byte_count;
        }
        mdl = next;
    }
    Some(copied)
}
