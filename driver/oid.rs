//! OID requests: the regular path (general OIDs) and the direct path (IPsec SA OIDs).
//!
//! Every request completes synchronously, so the cancel handlers have nothing to cancel.

use crate::adapter::Adapter;
use core::ptr::null_mut;
use ipsecov2_core::oid_gen::{self, OidError};
use ipsecov2_core::sa_report::{OID_IPSECOV2_SA_TABLE, write_report};
use ndis_sys::*;

/// `MiniportOidRequest`: queries and sets of the general OIDs (IRQL <= DISPATCH_LEVEL).
pub unsafe extern "system" fn oid_request(
    context: NDIS_HANDLE,
    request: *mut NDIS_OID_REQUEST,
) -> NDIS_STATUS {
    // SAFETY: NDIS passes a live adapter and a valid request it owns until we return.
    let (adapter, request) = unsafe { (Adapter::from_context(context), &mut *request) };
    match request.RequestType as NDIS_ENUM {
        NdisRequestQueryInformation | NdisRequestQueryStatistics => query(adapter, request),
        NdisRequestSetInformation => set(adapter, request),
        _ => NDIS_STATUS_NOT_SUPPORTED,
    }
}

fn query(adapter: &Adapter, request: &mut NDIS_OID_REQUEST) -> NDIS_STATUS {
    // SAFETY: the request type says the QUERY_INFORMATION member of DATA is the live one.
    let info = unsafe { &mut request.DATA.QUERY_INFORMATION };
    info.BytesWritten = 0;
    info.BytesNeeded = 0;
    // SAFETY: NDIS provides InformationBufferLength writable bytes at InformationBuffer.
    let Some(out) =
        (unsafe { buffer_mut(info.InformationBuffer.cast(), info.InformationBufferLength) })
    else {
        return NDIS_STATUS_INVALID_LENGTH;
    };
    let result = if info.Oid == OID_IPSECOV2_SA_TABLE {
        // The SA table walk takes no lock: it reads live slots through their own references.
        write_report(&adapter.ipsec.table, out)
    } else {
        let general = adapter.general.lock();
        oid_gen::query(&general, info.Oid, out)
    };
    match result {
        Ok(written) => {
            info.BytesWritten = written as u32;
            NDIS_STATUS_SUCCESS
        }
        Err(error) => {
            info.BytesNeeded = u32::try_from(error.bytes_needed()).unwrap_or(u32::MAX);
            error.status()
        }
    }
}

fn set(adapter: &Adapter, request: &mut NDIS_OID_REQUEST) -> NDIS_STATUS {
    // SAFETY: the request type says the SET_INFORMATION member of DATA is the live one.
    let info = unsafe { &mut request.DATA.SET_INFORMATION };
    info.BytesRead = 0;
    info.BytesNeeded = 0;
    // SAFETY: NDIS provides InformationBufferLength readable bytes at InformationBuffer.
    let Some(input) =
        (unsafe { buffer_mut(info.InformationBuffer.cast(), info.InformationBufferLength) })
    else {
        return NDIS_STATUS_INVALID_LENGTH;
    };
    if info.Oid == OID_TCP_OFFLOAD_PARAMETERS || info.Oid == OID_OFFLOAD_ENCAPSULATION {
        return set_offload(adapter, info, input);
    }
    let result = {
        let mut general = adapter.general.lock();
        oid_gen::set(&mut general, info.Oid, input)
    };
    match result {
        Ok(read) => {
            info.BytesRead = read as u32;
            NDIS_STATUS_SUCCESS
        }
        Err(error @ OidError::NotSupported) => error.status(),
        Err(error) => {
            info.BytesNeeded = error.bytes_needed() as u32;
            error.status()
        }
    }
}

/// `OID_TCP_OFFLOAD_PARAMETERS` and `OID_OFFLOAD_ENCAPSULATION`: apply, then report the
/// current offload configuration with `NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG`, as the
/// documentation requires after either OID.
fn set_offload(
    adapter: &Adapter,
    info: &mut NDIS_OID_REQUEST_DATA_SET_INFORMATION,
    input: &[u8],
) -> NDIS_STATUS {
    let config = &adapter.ipsec.config;
    let result = if info.Oid == OID_TCP_OFFLOAD_PARAMETERS {
        config.apply_parameters(input).map(|applied| {
            if applied.changed {
                crate::log::kd_info!("IPsec offload setting changed by OID_TCP_OFFLOAD_PARAMETERS");
            }
            applied.bytes_read
        })
    } else {
        config.check_encapsulation(input).inspect(|_| {
            // Receive-side IPsec processing may start now (documented rule).
            adapter
                .encapsulation_set
                .store(true, core::sync::atomic::Ordering::Release);
        })
    };
    match result {
        Ok(read) => {
            info.BytesRead = read as u32;
            indicate_current_offload(adapter);
            NDIS_STATUS_SUCCESS
        }
        Err(error) => {
            if let ipsecov2_core::offload::ParametersError::TooShort { needed } = error {
                info.BytesNeeded = needed as u32;
            }
            error.status()
        }
    }
}

/// Indicates `NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG` with the current `NDIS_OFFLOAD`.
fn indicate_current_offload(adapter: &Adapter) {
    let mut current = adapter.ipsec.config.current().ndis_offload();
    let mut indication = NDIS_STATUS_INDICATION {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_STATUS_INDICATION,
            NDIS_STATUS_INDICATION_REVISION_1,
            NDIS_SIZEOF_STATUS_INDICATION_REVISION_1,
        ),
        SourceHandle: adapter.handle,
        StatusCode: NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG,
        DestinationHandle: null_mut(),
        RequestId: null_mut(),
        StatusBuffer: (&raw mut current).cast(),
        StatusBufferSize: u32::from(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3),
        ..Default::default()
    };
    // SAFETY: the indication and its buffer live across the call (NDIS copies the data).
    unsafe { NdisMIndicateStatusEx(adapter.handle, &mut indication) };
}

/// The information buffer as a slice: empty for length 0, `None` for a NULL buffer with a
/// non-zero length.
///
/// # Safety
/// A non-NULL `buffer` points to `length` bytes valid for reads and writes for `'a`.
unsafe fn buffer_mut<'a>(buffer: *mut u8, length: u32) -> Option<&'a mut [u8]> {
    if length == 0 {
        return Some(&mut []);
    }
    if buffer.is_null() {
        return None;
    }
    // SAFETY: per the contract.
    Some(unsafe { core::slice::from_raw_parts_mut(buffer, length as usize) })
}

/// `MiniportCancelOidRequest`: requests never pend, so there is never one to cancel.
pub unsafe extern "system" fn cancel_oid_request(_context: NDIS_HANDLE, _request_id: PVOID) {}

/// `MiniportDirectOidRequest`: the IPsec Offload V2 SA OIDs (see `ipsec_oid`).
pub unsafe extern "system" fn direct_oid_request(
    context: NDIS_HANDLE,
    request: *mut NDIS_OID_REQUEST,
) -> NDIS_STATUS {
    // SAFETY: NDIS passes a live adapter and a valid request it owns until we return.
    let (adapter, request) = unsafe { (Adapter::from_context(context), &mut *request) };
    crate::ipsec_oid::direct_oid(adapter, request)
}

/// `MiniportCancelDirectOidRequest`: direct OIDs complete synchronously; nothing to cancel.
pub unsafe extern "system" fn cancel_direct_oid_request(_context: NDIS_HANDLE, _request_id: PVOID) {
}
