//! The data path: send, return and cancel-send.
//!
//! Without a peer on the virtual wire a sent frame goes nowhere; like netvmini with a single
//! instance, the adapter counts it and completes it at once.

use crate::adapter::Adapter;
use crate::nbl::{NbIter, NblIter, copy_from_net_buffer};
use core::sync::atomic::Ordering;
use ipsecov2_core::mac::MacAddress;
use ndis_sys::*;

/// `MiniportSendNetBufferLists`: completes every NBL of the chain exactly once.
pub unsafe extern "system" fn send_net_buffer_lists(
    context: NDIS_HANDLE,
    nbl_chain: *mut NET_BUFFER_LIST,
    _port: NDIS_PORT_NUMBER,
    send_flags: u32,
) {
    // SAFETY: NDIS passes a live adapter and a chain it hands over until completion.
    let adapter = unsafe { Adapter::from_context(context) };
    let status = if adapter.paused.load(Ordering::Acquire) {
        NDIS_STATUS_PAUSED
    } else {
        NDIS_STATUS_SUCCESS
    };
    {
        let mut general = adapter.general.lock();
        // SAFETY: the chain is ours until NdisMSendNetBufferListsComplete below.
        for nbl in unsafe { NblIter::new(nbl_chain) } {
            if status == NDIS_STATUS_SUCCESS {
                // SAFETY: `nbl` is a valid NBL of the chain.
                for nb in unsafe { NbIter::new(nbl) } {
                    let mut dest = [0u8; 6];
                    // SAFETY: `nb` is a valid NET_BUFFER of a send NBL.
                    let copied = unsafe { copy_from_net_buffer(nb, &mut dest) };
                    // SAFETY: `nb` is valid.
                    let length = u64::from(unsafe { (*nb).data_length() });
                    if copied == Some(6) {
                        general.stats.count_sent(&MacAddress(dest), length);
                    } else {
                        general.stats.out_errors = general.stats.out_errors.wrapping_add(1);
                    }
                }
            } else {
                general.stats.out_discards = general.stats.out_discards.wrapping_add(1);
            }
            // SAFETY: `nbl` is valid and owned by the miniport until completion.
            unsafe { (*nbl).set_status(status) };
        }
    }
    let complete_flags = if send_flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL != 0 {
        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
    } else {
        0
    };
    // SAFETY: every NBL of the chain has its Status set; the chain goes back to NDIS whole.
    unsafe { NdisMSendNetBufferListsComplete(adapter.handle, nbl_chain, complete_flags) };
}

/// `MiniportReturnNetBufferLists`: the adapter indicates no receives yet, so NDIS never
/// returns any.
pub unsafe extern "system" fn return_net_buffer_lists(
    _context: NDIS_HANDLE,
    _nbl_chain: *mut NET_BUFFER_LIST,
    _return_flags: u32,
) {
}

/// `MiniportCancelSend`: sends complete synchronously, so none is queued to cancel.
pub unsafe extern "system" fn cancel_send(_context: NDIS_HANDLE, _cancel_id: PVOID) {}
