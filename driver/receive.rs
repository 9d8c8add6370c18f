//! The receive path: frames from the hub are copied into driver-owned NBLs, opened by the
//! engine in place, annotated as an offload NIC annotates them, and indicated. Every frame the
//! receive filter admits is indicated, whether IPsec processing succeeded, failed or did not
//! apply; only a paused adapter or an exhausted pool drops a frame (counted).

use crate::adapter::Adapter;
use crate::frames::FRAME_BUFFER;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ptr::null_mut;
use core::sync::atomic::Ordering;
use ipsecov2_core::control::ControlError;
use ipsecov2_core::control::reply::{
    ReceiveAnnotation, ReceiveOutcome, Written, write_inject_receive,
};
use ipsecov2_core::engine::{ReceiveReport, open_frame};
use ipsecov2_core::mac::MacAddress;
use ipsecov2_core::sa::freelist::FreeList;
use ndis_sys::*;

/// NBL info slots of an NDIS 6.30 NET_BUFFER_LIST (the ABI oracle's `MaxNetBufferListInfo`
/// for 6.30); a receive NBL has all of them cleared before it is annotated.
const NBL_INFO_SLOTS_6_30: usize = 24;

/// One receive descriptor: an NBL with one NET_BUFFER over one MDL over one buffer.
struct RxSlot {
    nbl: *mut NET_BUFFER_LIST,
    mdl: *mut MDL,
}

/// The receive NBLs of an adapter, allocated at initialize and freed at halt.
pub struct RxPool {
    pool: NDIS_HANDLE,
    buffers: Vec<UnsafeCell<[u8; FRAME_BUFFER]>>,
    slots: Vec<RxSlot>,
    free: FreeList,
}

// SAFETY: a slot (and its buffer) is used only by the receive that popped its index from the
// lock-free free list, until NDIS returns the NBL and the index is pushed back.
unsafe impl Sync for RxPool {}
// SAFETY: the pool owns its NDIS objects and buffers.
unsafe impl Send for RxPool {}

impl RxPool {
    /// `count` receive NBLs for the adapter `miniport_handle`; `None` if anything fails
    /// (everything allocated so far is freed).
    pub fn new(miniport_handle: NDIS_HANDLE, count: u32) -> Option<Self> {
        let mut parameters = NET_BUFFER_LIST_POOL_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(
                NDIS_OBJECT_TYPE_DEFAULT,
                NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
                NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
            ),
            ProtocolId: NDIS_PROTOCOL_ID_DEFAULT,
            fAllocateNetBuffer: 1,
            PoolTag: crate::memory::POOL_TAG,
            ..Default::default()
        };
        // Everything that can fail without NDIS objects first, so that a failure leaves nothing.
        let free = FreeList::new(count)?;
        // SAFETY: the parameters are valid for the call.
        let pool = unsafe { NdisAllocateNetBufferListPool(miniport_handle, &mut parameters) };
        if pool.is_null() {
            return None;
        }
        // From here on, Drop frees whatever was allocated.
        let mut rx = Self {
            pool,
            buffers: Vec::new(),
            slots: Vec::new(),
            free,
        };
        if rx.buffers.try_reserve_exact(count as usize).is_err()
            || rx.slots.try_reserve_exact(count as usize).is_err()
        {
            return None; // Drop frees the pool
        }
        for _ in 0..count {
            rx.buffers.push(UnsafeCell::new([0; FRAME_BUFFER]));
        }
        for index in 0..count as usize {
            let buffer = rx.buffers.get(index)?;
            // SAFETY: the buffer is non-paged memory owned by the pool for its whole life.
            let mdl = unsafe {
                NdisAllocateMdl(miniport_handle, buffer.get().cast(), FRAME_BUFFER as u32)
            };
            if mdl.is_null() {
                return None;
            }
            // SAFETY: `pool` and `mdl` are valid; the NET_BUFFER describes the whole buffer.
            let nbl = unsafe {
                NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, mdl, 0, FRAME_BUFFER as u64)
            };
            if nbl.is_null() {
                // SAFETY: `mdl` was allocated just above and is not in use.
                unsafe { NdisFreeMdl(mdl) };
                return None;
            }
            // SAFETY: the NBL is ours; MiniportReserved[0] records the slot for the return path.
            unsafe { (*nbl).MiniportReserved[0] = index as PVOID };
            rx.slots.push(RxSlot { nbl, mdl });
        }
        Some(rx)
    }
}

impl Drop for RxPool {
    fn drop(&mut self) {
        for slot in self.slots.drain(..) {
            // SAFETY: at halt every indicated NBL has been returned; each object is freed once.
            unsafe {
                NdisFreeNetBufferList(slot.nbl);
                NdisFreeMdl(slot.mdl);
            }
        }
        // SAFETY: every NBL of the pool was freed above.
        unsafe { NdisFreeNetBufferListPool(self.pool) };
    }
}

/// Releases one outstanding receive; the last one completes a pending pause.
fn release_outstanding(adapter: &Adapter) {
    if adapter.rx_outstanding.fetch_sub(1, Ordering::SeqCst) == 1
        && adapter.paused.load(Ordering::SeqCst)
        && adapter.pause_pending.swap(false, Ordering::SeqCst)
    {
        // SAFETY: the pause returned NDIS_STATUS_PENDING and is completed exactly once.
        unsafe { NdisMPauseComplete(adapter.handle) };
    }
}

/// Receives one frame from the hub.
pub fn receive(adapter: &Adapter, frame: &[u8], dispatch: bool) {
    receive_observed(adapter, frame, dispatch, |_, _| {});
}

/// The control device's INJECT_RECEIVE (PASSIVE_LEVEL): `frame` is received as if from the
/// wire, and the reply carries what was indicated: the annotation and the bytes.
pub fn inject_receive(
    adapter: &Adapter,
    frame: &[u8],
    out: &mut [u8],
) -> Result<Written, ControlError> {
    if adapter.paused.load(Ordering::SeqCst) {
        return Err(ControlError::Paused);
    }
    let mut written = None;
    let outcome = receive_observed(adapter, frame, false, |report, indicated| {
        let annotation = ReceiveAnnotation {
            slot1: report.slot1(),
            slot12: report.slot12(),
            spi: report.spi,
            seq: report.seq,
        };
        written = Some(write_inject_receive(
            out,
            ReceiveOutcome::Indicated,
            &annotation,
            indicated,
        ));
    });
    Ok(match written {
        Some(written) => written,
        None => write_inject_receive(out, outcome, &ReceiveAnnotation::default(), &[]),
    })
}

/// Receives one frame: filter, copy into a receive buffer, open, annotate, indicate.
/// `observe` sees the engine's report and the bytes just before they are indicated (after
/// that they belong to the protocol).
fn receive_observed(
    adapter: &Adapter,
    frame: &[u8],
    dispatch: bool,
    observe: impl FnOnce(&ReceiveReport, &[u8]),
) -> ReceiveOutcome {
    let Some(dest) = frame.get(..6) else {
        return ReceiveOutcome::Dropped;
    };
    let mut address = [0u8; 6];
    address.copy_from_slice(dest);
    let dest = MacAddress(address);
    if !adapter.general.lock().accepts(&dest) {
        return ReceiveOutcome::Filtered; // as a NIC's MAC filter does
    }
    // Counted before the paused check, and the pause checks the count after setting paused
    // (both SeqCst): no indication can slip past a completed pause.
    adapter.rx_outstanding.fetch_add(1, Ordering::SeqCst);
    let dropped = |adapter: &Adapter| {
        adapter.general.lock().stats.in_discards += 1;
        release_outstanding(adapter);
        ReceiveOutcome::Dropped
    };
    if adapter.paused.load(Ordering::SeqCst) || frame.len() > FRAME_BUFFER {
        return dropped(adapter);
    }
    let Some(index) = adapter.rx.free.pop() else {
        return dropped(adapter);
    };
    let (Some(slot), Some(buffer)) = (
        adapter.rx.slots.get(index as usize),
        adapter.rx.buffers.get(index as usize),
    ) else {
        return dropped(adapter);
    };
    // SAFETY: the popped index gives this receive sole use of the buffer until NDIS returns
    // the NBL.
    let buffer = unsafe { &mut *buffer.get() };
    let data = &mut buffer[..frame.len()];
    data.copy_from_slice(frame);
    let enabled = adapter.receive_offload_enabled();
    let report = open_frame(&adapter.ipsec.table, data, enabled);
    // SAFETY: the NBL and its NET_BUFFER belong to the pool and are not indicated now.
    unsafe {
        let nbl = &mut *slot.nbl;
        let nb = &mut *nbl.first_net_buffer();
        nb.set_data_length(frame.len() as u32);
        nbl.set_next(null_mut());
        nbl.SourceHandle = adapter.handle;
        nbl.set_status(NDIS_STATUS_SUCCESS);
        for index in 0..NBL_INFO_SLOTS_6_30 {
            nbl.set_info(index, null_mut());
        }
        nbl.set_info(
            IPsecOffloadV2NetBufferListInfo as usize,
            report.slot1() as usize as PVOID,
        );
        nbl.set_info(
            IPsecOffloadV2HeaderNetBufferListInfo as usize,
            report.slot12() as usize as PVOID,
        );
    }
    adapter
        .general
        .lock()
        .stats
        .count_received(&dest, frame.len() as u64);
    observe(&report, data);
    let flags = if dispatch {
        NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
    } else {
        0
    };
    // SAFETY: the NBL is fully initialised and stays ours until NDIS returns it.
    unsafe {
        NdisMIndicateReceiveNetBufferLists(
            adapter.handle,
            slot.nbl,
            NDIS_DEFAULT_PORT_NUMBER,
            1,
            flags,
        )
    };
    ReceiveOutcome::Indicated
}

/// `MiniportReturnNetBufferLists`: indicated NBLs come back to the pool.
pub unsafe extern "system" fn return_net_buffer_lists(
    context: NDIS_HANDLE,
    nbl_chain: *mut NET_BUFFER_LIST,
    _return_flags: u32,
) {
    // SAFETY: NDIS passes a live adapter.
    let adapter = unsafe { Adapter::from_context(context) };
    // SAFETY: NDIS returns a chain of NBLs this adapter indicated.
    for nbl in unsafe { crate::nbl::NblIter::new(nbl_chain) } {
        // SAFETY: every receive NBL carries its slot index in MiniportReserved[0].
        let index = unsafe { (*nbl).MiniportReserved[0] } as usize as u32;
        adapter.rx.free.push(index);
        release_outstanding(adapter);
    }
}
