//! The IPsec Offload V2 SA OIDs on the direct OID path: ADD_SA (a `Next` list), ADD_SA_EX,
//! DELETE_SA (a `Next` list) and UPDATE_SA.
//!
//! Every element is copied into driver memory before the core decodes it (the stack could
//! change its buffer while we read; keys must end up in memory the driver owns), the handle
//! is written back into the stack's element, and every request completes synchronously.
//! `Next` chains are walked twice: once to check them (length bound and cycle detection)
//! before anything changes, once to act. The SA-changing calls run under the adapter's
//! `sa_writer` spin lock, i.e. at DISPATCH_LEVEL, so no table writer can be preempted by
//! another on its own processor; lookups on the data path never take it.

use crate::adapter::Adapter;
use crate::log::kd_error;
use core::ptr::copy_nonoverlapping;
use ipsecov2_core::sa::SaError;
use ipsecov2_core::sa_oids::decode::{
    self, ADD_SA_EX_HANDLE_OFFSET, ADD_SA_HANDLE_OFFSET, ADD_SA_KEY_DATA_OFFSET,
    ADD_SA_NEXT_OFFSET, MAX_ADD_SA_ELEMENT, MAX_ADD_SA_EX_BUFFER,
};
use ipsecov2_core::sa_oids::{ChainGuard, Deleted};
use ndis_sys::*;
use zeroize::Zeroize;

/// The information buffer of a request, whatever its type: tcpip documents these OIDs as
/// sets, but a direct OID may also arrive as a method request (spec §7).
struct Info {
    oid: NDIS_OID,
    buffer: *mut u8,
    length: u32,
    bytes_read: u32,
    bytes_needed: u32,
}

impl Info {
    fn of(request: &NDIS_OID_REQUEST) -> Option<Self> {
        // SAFETY: the request type selects the live member of DATA; all three members start
        // with Oid and InformationBuffer, and the length fields are read per type.
        let (oid, buffer, length) = unsafe {
            match request.RequestType as NDIS_ENUM {
                NdisRequestSetInformation => {
                    let d = &request.DATA.SET_INFORMATION;
                    (d.Oid, d.InformationBuffer, d.InformationBufferLength)
                }
                NdisRequestMethod => {
                    let d = &request.DATA.METHOD_INFORMATION;
                    (d.Oid, d.InformationBuffer, d.InputBufferLength)
                }
                NdisRequestQueryInformation => {
                    let d = &request.DATA.QUERY_INFORMATION;
                    (d.Oid, d.InformationBuffer, d.InformationBufferLength)
                }
                _ => return None,
            }
        };
        Some(Self {
            oid,
            buffer: buffer.cast(),
            length,
            bytes_read: 0,
            bytes_needed: 0,
        })
    }

    fn write_back(&self, request: &mut NDIS_OID_REQUEST) {
        // SAFETY: as in `of`, the request type selects the member written.
        unsafe {
            match request.RequestType as NDIS_ENUM {
                NdisRequestSetInformation => {
                    let d = &mut request.DATA.SET_INFORMATION;
                    d.BytesRead = self.bytes_read;
                    d.BytesNeeded = self.bytes_needed;
                }
                NdisRequestMethod => {
                    let d = &mut request.DATA.METHOD_INFORMATION;
                    d.BytesRead = self.bytes_read;
                    d.BytesNeeded = self.bytes_needed;
                    // The handles were written into the buffer.
                    d.BytesWritten = self.bytes_read.min(d.OutputBufferLength);
                }
                _ => {
                    let d = &mut request.DATA.QUERY_INFORMATION;
                    d.BytesWritten = self.bytes_read;
                    d.BytesNeeded = self.bytes_needed;
                }
            }
        }
    }

    /// A failed request: status, with `BytesNeeded` for a short buffer.
    fn fail(&mut self, what: &'static [u8], error: SaError) -> NDIS_STATUS {
        if let SaError::BufferTooShort { needed } = error {
            self.bytes_needed = needed as u32;
        }
        log_rejection(what, error);
        error.status()
    }
}

fn log_rejection(what: &'static [u8], error: SaError) {
    let reason = error.reason();
    // %.*s: the reason and the OID name are not NUL-terminated Rust strings.
    kd_error!(
        "%.*s rejected: %.*s",
        what.len() as u32,
        what.as_ptr(),
        reason.len() as u32,
        reason.as_ptr()
    );
}

/// One line per added SA, with what a bring-up needs to settle the open questions (SPI as
/// stored, key lengths: 20/28/36 bytes of GCM key mean a salt was included, the ICV length
/// taken from `AdditionalInfo`) and never a key byte.
pub(crate) fn log_added(adapter: &Adapter, handle: u64) {
    let Some(sa) = adapter.ipsec.table.get(handle) else {
        return;
    };
    for element in sa.spec.elements.iter() {
        let (enc, enc_key, icv) = element.enc.as_ref().map_or((0, 0, 0), |e| {
            (
                e.algorithm.bit(),
                e.key.as_bytes().len() as u32,
                u32::from(e.icv_len),
            )
        });
        let (auth, auth_key) = element.auth.as_ref().map_or((0, 0), |a| {
            (a.algorithm.bit(), a.key.as_bytes().len() as u32)
        });
        crate::log::kd_info!(
            "SA added: handle %p %s %s SPI %08x esn %u enc %x (key %u bytes, icv %u) auth %x (key %u bytes)",
            handle as *const u8,
            if sa.spec.direction == ipsecov2_core::sa::spec::Direction::Inbound {
                c"in".as_ptr()
            } else {
                c"out".as_ptr()
            },
            if element.operation == ipsecov2_core::sa::spec::Operation::Esp {
                c"ESP".as_ptr()
            } else {
                c"AH".as_ptr()
            },
            element.spi,
            u32::from(element.esn),
            enc,
            enc_key,
            icv,
            auth,
            auth_key
        );
    }
}

/// Dispatches one direct OID.
pub fn direct_oid(adapter: &Adapter, request: &mut NDIS_OID_REQUEST) -> NDIS_STATUS {
    let Some(mut info) = Info::of(request) else {
        return NDIS_STATUS_NOT_SUPPORTED;
    };
    let status = match info.oid {
        OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA => add_sa_list(adapter, &mut info),
        OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX => add_sa_ex(adapter, &mut info),
        OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA => delete_sa_list(adapter, &mut info),
        OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA => update_sa(adapter, &mut info),
        _ => NDIS_STATUS_NOT_SUPPORTED,
    };
    info.write_back(request);
    // The SA OIDs carried keys through this thread's stack: wipe what lies below us.
    crate::memory::burn_stack(STACK_BURN_FRAMES);
    status
}

/// Frames of 3 KiB that `burn_stack` clears: more than the deepest SA OID path uses (the
/// emulator runs with the kernel's 24 KiB stack).
const STACK_BURN_FRAMES: u32 = 5;

/// Copies `out.len()` bytes from `source`.
///
/// # Safety
/// `source` points to at least `out.len()` readable bytes.
unsafe fn copy_in(source: *const u8, out: &mut [u8]) {
    // SAFETY: per the contract; `out` is a distinct driver-owned buffer.
    unsafe { copy_nonoverlapping(source, out.as_mut_ptr(), out.len()) }
}

/// Writes a handle into the stack's structure.
///
/// # Safety
/// `element + offset .. + 8` is writable.
unsafe fn write_handle(element: *mut u8, offset: usize, handle: u64) {
    // SAFETY: per the contract; the field may be unaligned in a packed list.
    unsafe { element.add(offset).cast::<u64>().write_unaligned(handle) }
}

/// Reads the `Next` pointer of a list element.
///
/// # Safety
/// `element + offset .. + 8` is readable.
unsafe fn read_next(element: *const u8, offset: usize) -> *mut u8 {
    // SAFETY: per the contract.
    unsafe { element.add(offset).cast::<*mut u8>().read_unaligned() }
}

/// Walks a `Next` list from `head` with a bound and cycle detection, calling `visit` on each
/// element. The first element lies in the information buffer; the others are kernel memory
/// the stack linked in (as the documentation allows), trusted to be valid.
fn walk(
    head: *mut u8,
    next_offset: usize,
    bound: u32,
    mut visit: impl FnMut(*mut u8, bool),
) -> Result<(), SaError> {
    let mut guard = ChainGuard::new(bound);
    let mut element = head;
    let mut first = true;
    while !element.is_null() {
        guard.step(element as u64)?;
        visit(element, first);
        first = false;
        // SAFETY: `element` is a list element (see above) at least `next_offset + 8` long.
        element = unsafe { read_next(element, next_offset) };
    }
    Ok(())
}

fn chain_bound(adapter: &Adapter) -> u32 {
    adapter.ipsec.table.capacity().saturating_mul(2).max(16)
}

/// `OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA`: each element gets a handle or NULL; the request
/// succeeds when any element was added.
fn add_sa_list(adapter: &Adapter, info: &mut Info) -> NDIS_STATUS {
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1);
    if info.buffer.is_null() || (info.length as usize) < minimum {
        return info.fail(b"ADD_SA", SaError::BufferTooShort { needed: minimum });
    }
    if let Err(error) = walk(
        info.buffer,
        ADD_SA_NEXT_OFFSET,
        chain_bound(adapter),
        |_, _| {},
    ) {
        // Nothing was added: every element the bound lets us reach gets a NULL handle.
        let _ = walk(
            info.buffer,
            ADD_SA_NEXT_OFFSET,
            chain_bound(adapter),
            |element, _| {
                // SAFETY: every element has its OffloadHandle field.
                unsafe { write_handle(element, ADD_SA_HANDLE_OFFSET, 0) };
            },
        );
        return info.fail(b"ADD_SA", error);
    }
    let mut added = 0u32;
    let mut first_error = None;
    let walked = walk(
        info.buffer,
        ADD_SA_NEXT_OFFSET,
        u32::MAX,
        |element, first| {
            let result = add_one_element(adapter, element, first.then_some(info.length as usize));
            // SAFETY: every element has its OffloadHandle field.
            unsafe {
                write_handle(
                    element,
                    ADD_SA_HANDLE_OFFSET,
                    *result.as_ref().unwrap_or(&0),
                )
            };
            match result {
                Ok(handle) => {
                    log_added(adapter, handle);
                    added += 1;
                }
                Err(error) => {
                    log_rejection(b"ADD_SA element", error);
                    first_error.get_or_insert(error);
                }
            }
        },
    );
    if let Err(error) = walked {
        // Cannot happen: the list was checked above and nothing changes it meanwhile.
        first_error.get_or_insert(error);
    }
    info.bytes_read = info.length;
    match (added, first_error) {
        (0, Some(error)) => error.status(),
        _ => NDIS_STATUS_SUCCESS,
    }
}

/// Copies one ADD_SA element (fixed part, then its keys) and adds it. `available` bounds the
/// first element by the information buffer's length.
fn add_one_element(
    adapter: &Adapter,
    element: *mut u8,
    available: Option<usize>,
) -> Result<u64, SaError> {
    let mut copy = [0u8; MAX_ADD_SA_ELEMENT];
    let fixed = copy
        .get_mut(..ADD_SA_KEY_DATA_OFFSET)
        .ok_or(SaError::KeyOutOfBounds)?;
    // SAFETY: an element is at least its fixed part long (the first one was length-checked).
    unsafe { copy_in(element, fixed) };
    let length = decode::add_sa_element_len(fixed)?;
    if available.is_some_and(|available| length > available) {
        return Err(SaError::KeyOutOfBounds);
    }
    let result = match copy.get_mut(..length) {
        Some(whole) => {
            // SAFETY: the element holds its fixed part plus KeyLength key bytes.
            unsafe { copy_in(element, whole) };
            let _writer = adapter.sa_writer.lock();
            adapter.ipsec.add_sa_element(whole)
        }
        None => Err(SaError::KeyOutOfBounds),
    };
    // The copy held key bytes: wipe it before the stack is reused.
    copy.zeroize();
    result
}

/// `OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX`: one bundle, keys at `KeyOffset`.
fn add_sa_ex(adapter: &Adapter, info: &mut Info) -> NDIS_STATUS {
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1);
    if info.buffer.is_null() || (info.length as usize) < minimum {
        return info.fail(b"ADD_SA_EX", SaError::BufferTooShort { needed: minimum });
    }
    let length = (info.length as usize).min(MAX_ADD_SA_EX_BUFFER);
    let mut copy = [0u8; MAX_ADD_SA_EX_BUFFER];
    let Some(buffer) = copy.get_mut(..length) else {
        return info.fail(b"ADD_SA_EX", SaError::KeyOutOfBounds);
    };
    // SAFETY: the information buffer holds `info.length >= length` bytes.
    unsafe { copy_in(info.buffer, buffer) };
    let result = {
        let _writer = adapter.sa_writer.lock();
        adapter.ipsec.add_sa_ex(buffer)
    };
    // The copy held key bytes: wipe it before the stack is reused.
    copy.zeroize();
    // SAFETY: `length >= minimum` covers the OffloadHandle field.
    unsafe {
        write_handle(
            info.buffer,
            ADD_SA_EX_HANDLE_OFFSET,
            *result.as_ref().unwrap_or(&0),
        )
    };
    match result {
        Ok(handle) => {
            log_added(adapter, handle);
            info.bytes_read = info.length;
            NDIS_STATUS_SUCCESS
        }
        Err(error) => info.fail(b"ADD_SA_EX", error),
    }
}

/// `OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA`: deletes every listed bundle; handles the table
/// does not know are skipped (deletion is idempotent).
fn delete_sa_list(adapter: &Adapter, info: &mut Info) -> NDIS_STATUS {
    const SIZE: usize = core::mem::size_of::<IPSEC_OFFLOAD_V2_DELETE_SA>();
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1);
    if info.buffer.is_null() || (info.length as usize) < minimum {
        return info.fail(b"DELETE_SA", SaError::BufferTooShort { needed: minimum });
    }
    let next_offset = core::mem::offset_of!(IPSEC_OFFLOAD_V2_DELETE_SA, Next);
    // Pass 1: the list is well formed and every element decodes.
    let mut malformed = None;
    let checked = walk(
        info.buffer,
        next_offset,
        chain_bound(adapter),
        |element, _| {
            let mut copy = [0u8; SIZE];
            // SAFETY: a DELETE_SA element is SIZE bytes (the first one was length-checked).
            unsafe { copy_in(element, &mut copy) };
            if let Err(error) = decode::decode_delete_sa(&copy) {
                malformed.get_or_insert(error);
            }
        },
    );
    if let Some(error) = checked.err().or(malformed) {
        return info.fail(b"DELETE_SA", error);
    }
    // Pass 2: delete.
    let mut unknown = 0u32;
    let _ = walk(info.buffer, next_offset, u32::MAX, |element, _| {
        let mut copy = [0u8; SIZE];
        // SAFETY: as in pass 1.
        unsafe { copy_in(element, &mut copy) };
        if let Ok(delete) = decode::decode_delete_sa(&copy) {
            let _writer = adapter.sa_writer.lock();
            if adapter.ipsec.delete(delete.handle) == Deleted::Unknown {
                unknown += 1;
            }
        }
    });
    if unknown > 0 {
        kd_error!("DELETE_SA: %u unknown handle(s) skipped", unknown);
    }
    info.bytes_read = info.length;
    NDIS_STATUS_SUCCESS
}

/// `OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA`: one structure (the documentation's "list" has no
/// `Next` field in any header or symbol dump).
fn update_sa(adapter: &Adapter, info: &mut Info) -> NDIS_STATUS {
    const SIZE: usize = core::mem::size_of::<IPSEC_OFFLOAD_V2_UPDATE_SA>();
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1);
    if info.buffer.is_null() || (info.length as usize) < minimum {
        return info.fail(b"UPDATE_SA", SaError::BufferTooShort { needed: minimum });
    }
    let mut copy = [0u8; SIZE];
    let length = (info.length as usize).min(SIZE);
    let Some(buffer) = copy.get_mut(..length) else {
        return info.fail(b"UPDATE_SA", SaError::BufferTooShort { needed: minimum });
    };
    // SAFETY: the information buffer holds at least `length` bytes.
    unsafe { copy_in(info.buffer, buffer) };
    let result = {
        let _writer = adapter.sa_writer.lock();
        adapter.ipsec.update_sa(buffer)
    };
    match result {
        Ok(()) => {
            info.bytes_read = length as u32;
            NDIS_STATUS_SUCCESS
        }
        Err(error) => info.fail(b"UPDATE_SA", error),
    }
}
