//! The data path: send, return and cancel-send.
//!
//! A send NBL that asks for IPsec (slot 1, and slot 11 for transport over tunnel) is copied
//! into a driver-owned buffer and sealed by the engine; an unknown handle or a frame the
//! engine refuses fails the NBL. The frame then goes onto the virtual hub (see `hub`) and
//! the NBL completes at once.

use crate::adapter::Adapter;
use crate::frames::{FRAME_BUFFER, Frame};
use crate::log::kd_error;
use crate::nbl::{NbIter, NblIter, copy_from_net_buffer};
use core::sync::atomic::Ordering;
use ipsecov2_core::control::reply::{Written, write_inject_send};
use ipsecov2_core::control::{ControlError, FRAME_CAPACITY, SEND_HEADROOM};
use ipsecov2_core::engine::{SendError, SendHints, seal_frame};
use ipsecov2_core::mac::MacAddress;
use ipsecov2_core::sa::table::SaRef;
use ndis_sys::*;

// The control protocol's frame limits are the data path's buffers.
const _: () = assert!(FRAME_CAPACITY == FRAME_BUFFER);

/// `MiniportSendNetBufferLists`: completes every NBL of the chain exactly once.
pub unsafe extern "system" fn send_net_buffer_lists(
    context: NDIS_HANDLE,
    nbl_chain: *mut NET_BUFFER_LIST,
    _port: NDIS_PORT_NUMBER,
    send_flags: u32,
) {
    // SAFETY: NDIS passes a live adapter and a chain it hands over until completion.
    let adapter = unsafe { Adapter::from_context(context) };
    let paused = adapter.paused.load(Ordering::Acquire);
    let dispatch = send_flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL != 0;
    // SAFETY: the chain is ours until NdisMSendNetBufferListsComplete below.
    for nbl in unsafe { NblIter::new(nbl_chain) } {
        let status = if paused {
            adapter.general.lock().stats.out_discards += 1;
            NDIS_STATUS_PAUSED
        } else {
            // SAFETY: `nbl` is a valid NBL of the chain, owned until completion.
            unsafe { send_one(adapter, &mut *nbl, dispatch) }
        };
        // SAFETY: `nbl` is valid and owned by the miniport until completion.
        unsafe { (*nbl).set_status(status) };
    }
    let complete_flags = if send_flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL != 0 {
        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
    } else {
        0
    };
    // SAFETY: every NBL of the chain has its Status set; the chain goes back to NDIS whole.
    unsafe { NdisMSendNetBufferListsComplete(adapter.handle, nbl_chain, complete_flags) };
}

/// NET_BUFFERs one NBL may carry (each is sealed into its own buffer before any is sent).
const MAX_NET_BUFFERS: usize = 16;

/// The IPsec offload request of a send NBL (slots 1, 11 and 12).
struct IpsecRequest {
    handle: u64,
    tunnel: u64,
    hints: SendHints,
}

fn ipsec_request(nbl: &NET_BUFFER_LIST) -> IpsecRequest {
    IpsecRequest {
        handle: nbl.info(IPsecOffloadV2NetBufferListInfo as usize) as u64,
        tunnel: nbl.info(IPsecOffloadV2TunnelNetBufferListInfo as usize) as u64,
        hints: SendHints::from_slot(
            nbl.info(IPsecOffloadV2HeaderNetBufferListInfo as usize) as u64 as u32,
        ),
    }
}

/// Sends every NET_BUFFER of one NBL; the NBL's status. An NBL that asked for IPsec and
/// cannot have it (unknown handle, a frame the engine refuses) fails whole, and nothing of it
/// reaches the wire.
///
/// # Safety
/// `nbl` is a send NBL owned by the miniport until completion.
unsafe fn send_one(adapter: &Adapter, nbl: &mut NET_BUFFER_LIST, dispatch: bool) -> NDIS_STATUS {
    let request = ipsec_request(nbl);
    let Ok(sa) = outbound(adapter, request.handle) else {
        kd_error!(
            "send: unknown or stale offload handle %p",
            request.handle as *const u8
        );
        return fail(adapter);
    };
    let Ok(tunnel) = outbound(adapter, request.tunnel) else {
        kd_error!(
            "send: unknown or stale tunnel handle %p",
            request.tunnel as *const u8
        );
        return fail(adapter);
    };
    // Every NET_BUFFER is sealed before any goes out: a refused one fails the whole NBL with
    // nothing of it on the wire.
    let mut sealed: [Option<(Frame<'_>, usize)>; MAX_NET_BUFFERS] = Default::default();
    // SAFETY: `nbl` is valid (contract).
    for (count, nb) in unsafe { NbIter::new(nbl) }.enumerate() {
        let Some(slot) = sealed.get_mut(count) else {
            kd_error!(
                "send: more than %u NET_BUFFERs in one NBL",
                MAX_NET_BUFFERS as u32
            );
            return fail(adapter);
        };
        let Some(mut frame) = adapter.tx_frames.acquire() else {
            return fail(adapter);
        };
        // SAFETY: `nb` is a valid NET_BUFFER of a send NBL.
        let length = unsafe { (*nb).data_length() } as usize;
        // Room for an appended ICV stays free at the end of the buffer.
        let Some(target) = frame
            .get_mut(..length)
            .filter(|_| length + SEND_HEADROOM <= FRAME_BUFFER)
        else {
            return fail(adapter);
        };
        // SAFETY: as above; the copy goes into driver-owned memory.
        if unsafe { copy_from_net_buffer(nb, target) } != Some(length) {
            return fail(adapter);
        }
        match seal(
            &mut frame,
            length,
            sa.as_ref(),
            tunnel.as_ref(),
            &request.hints,
        ) {
            Ok(frame_len) => *slot = Some((frame, frame_len)),
            Err(_) => return fail(adapter),
        }
    }
    for (frame, frame_len) in sealed.iter().flatten() {
        if let Some(wire) = frame.get(..*frame_len) {
            put_on_wire(adapter, wire, dispatch);
        }
    }
    NDIS_STATUS_SUCCESS
}

/// The live outbound bundle `handle` names; `Ok(None)` for 0 (no offload asked), `Err` for a
/// handle that names none (unknown, stale, or an inbound bundle).
fn outbound(adapter: &Adapter, handle: u64) -> Result<Option<SaRef<'_>>, ()> {
    match handle {
        0 => Ok(None),
        handle => adapter.ipsec.table.get_outbound(handle).map(Some).ok_or(()),
    }
}

/// Seals the `length`-byte frame in `frame` with `sa` (and `tunnel`), or leaves it as it is
/// when no SA is asked for; the wire length.
fn seal(
    frame: &mut [u8],
    length: usize,
    sa: Option<&SaRef<'_>>,
    tunnel: Option<&SaRef<'_>>,
    hints: &SendHints,
) -> Result<usize, SendError> {
    let Some(sa) = sa else { return Ok(length) };
    match seal_frame(frame, length, sa, tunnel.map(|t| &**t), hints) {
        Ok(result) => Ok(result.len),
        Err(error) => {
            let reason = error.reason();
            kd_error!(
                "send: frame refused: %.*s",
                reason.len() as u32,
                reason.as_ptr()
            );
            Err(error)
        }
    }
}

/// Counts a sent frame and puts it onto the virtual wire: every other adapter of the hub sees
/// it.
fn put_on_wire(adapter: &Adapter, wire: &[u8], dispatch: bool) {
    let mut dest = [0u8; 6];
    dest.copy_from_slice(wire.get(..6).unwrap_or(&[0; 6]));
    adapter
        .general
        .lock()
        .stats
        .count_sent(&MacAddress(dest), wire.len() as u64);
    crate::hub::deliver(adapter, wire, dispatch);
}

/// The control device's INJECT_SEND (PASSIVE_LEVEL): `frame` goes through the send path as a
/// one-NET_BUFFER NBL with these slot values would, and the reply carries the frame that went
/// onto the hub. Handles are checked first, so a bad one changes nothing.
pub fn inject_send(
    adapter: &Adapter,
    handle: u64,
    tunnel: u64,
    header_info: u32,
    frame: &[u8],
    out: &mut [u8],
) -> Result<Written, ControlError> {
    if adapter.paused.load(Ordering::Acquire) {
        return Err(ControlError::Paused);
    }
    let sa = outbound(adapter, handle).map_err(|()| ControlError::UnknownHandle)?;
    let tunnel = outbound(adapter, tunnel).map_err(|()| ControlError::UnknownHandle)?;
    let mut buffer = adapter.tx_frames.acquire().ok_or(ControlError::Resources)?;
    let length = frame.len();
    buffer
        .get_mut(..length)
        .filter(|_| length + SEND_HEADROOM <= FRAME_BUFFER)
        .ok_or(ControlError::FrameSize)?
        .copy_from_slice(frame);
    let hints = SendHints::from_slot(header_info);
    let wire = match seal(&mut buffer, length, sa.as_ref(), tunnel.as_ref(), &hints) {
        Ok(wire_len) => buffer.get(..wire_len).ok_or(ControlError::FrameSize)?,
        Err(error) => {
            adapter.general.lock().stats.out_errors += 1;
            return Ok(write_inject_send(
                out,
                NDIS_STATUS_FAILURE,
                error.reason(),
                &[],
            ));
        }
    };
    put_on_wire(adapter, wire, false);
    Ok(write_inject_send(out, NDIS_STATUS_SUCCESS, "", wire))
}

fn fail(adapter: &Adapter) -> NDIS_STATUS {
    adapter.general.lock().stats.out_errors += 1;
    NDIS_STATUS_FAILURE
}

/// `MiniportCancelSend`: sends complete synchronously, so none is queued to cancel.
pub unsafe extern "system" fn cancel_send(_context: NDIS_HANDLE, _cancel_id: PVOID) {}
