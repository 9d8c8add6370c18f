//! `DriverEntry`, the miniport characteristics, and unload.

use crate::log::{kd_error, kd_info};
use crate::{adapter, datapath, oid, receive};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicPtr, Ordering};
use ipsecov2_core::oid_gen::VENDOR_DRIVER_VERSION;
use ndis_sys::*;

/// The handle `NdisMRegisterMiniportDriver` returned, for deregistration at unload.
static DRIVER_HANDLE: AtomicPtr<core::ffi::c_void> = AtomicPtr::new(null_mut());

/// NDIS version the miniport declares: 6.30 (Windows 8 and later), the first with
/// `OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX`.
const NDIS_MAJOR: u8 = 6;
const NDIS_MINOR: u8 = 30;

/// The driver's entry point: registers the miniport with NDIS.
///
/// # Safety
/// Called once by the I/O manager with its driver object and registry path.
#[unsafe(export_name = "DriverEntry")]
pub unsafe extern "system" fn driver_entry(
    driver_object: *mut DRIVER_OBJECT,
    registry_path: *const UNICODE_STRING,
) -> NTSTATUS {
    let characteristics = NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
            NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
            NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        ),
        MajorNdisVersion: NDIS_MAJOR,
        MinorNdisVersion: NDIS_MINOR,
        MajorDriverVersion: (VENDOR_DRIVER_VERSION >> 16) as u8,
        MinorDriverVersion: VENDOR_DRIVER_VERSION as u8,
        Flags: 0,
        SetOptionsHandler: Some(set_options),
        InitializeHandlerEx: Some(adapter::initialize),
        HaltHandlerEx: Some(adapter::halt),
        UnloadHandler: Some(unload),
        PauseHandler: Some(adapter::pause),
        RestartHandler: Some(adapter::restart),
        OidRequestHandler: Some(oid::oid_request),
        SendNetBufferListsHandler: Some(datapath::send_net_buffer_lists),
        ReturnNetBufferListsHandler: Some(receive::return_net_buffer_lists),
        CancelSendHandler: Some(datapath::cancel_send),
        CheckForHangHandlerEx: Some(adapter::check_for_hang),
        ResetHandlerEx: Some(adapter::reset),
        DevicePnPEventNotifyHandler: Some(adapter::device_pnp_event_notify),
        ShutdownHandlerEx: Some(adapter::shutdown),
        CancelOidRequestHandler: Some(oid::cancel_oid_request),
        DirectOidRequestHandler: Some(oid::direct_oid_request),
        CancelDirectOidRequestHandler: Some(oid::cancel_direct_oid_request),
        ..Default::default()
    };
    let mut handle: NDIS_HANDLE = null_mut();
    // SAFETY: the characteristics are fully initialised and NDIS copies them; the driver
    // object and registry path are the ones the I/O manager passed in.
    let status = unsafe {
        NdisMRegisterMiniportDriver(
            driver_object,
            registry_path,
            null_mut(),
            &characteristics,
            &mut handle,
        )
    };
    if status != NDIS_STATUS_SUCCESS {
        kd_error!("NdisMRegisterMiniportDriver failed: %08x", status);
        return status;
    }
    DRIVER_HANDLE.store(handle, Ordering::Release);
    kd_info!(
        "miniport registered (NDIS %u.%u)",
        u32::from(NDIS_MAJOR),
        u32::from(NDIS_MINOR)
    );
    STATUS_SUCCESS
}

/// `MiniportSetOptions`: no optional services are registered.
unsafe extern "system" fn set_options(
    _driver_handle: NDIS_HANDLE,
    _driver_context: NDIS_HANDLE,
) -> NDIS_STATUS {
    NDIS_STATUS_SUCCESS
}

/// The miniport driver handle (NULL before registration and after unload).
pub fn driver_handle() -> NDIS_HANDLE {
    DRIVER_HANDLE.load(Ordering::Acquire)
}

/// `MiniportDriverUnload`: undoes the registration. Every adapter has been halted by now (so
/// the control device is normally gone already).
unsafe extern "system" fn unload(_driver_object: *mut DRIVER_OBJECT) {
    crate::control::unload();
    let handle = DRIVER_HANDLE.swap(null_mut(), Ordering::AcqRel);
    if !handle.is_null() {
        // SAFETY: `handle` is the registration handle from DriverEntry, deregistered once.
        unsafe { NdisMDeregisterMiniportDriver(handle) };
    }
    kd_info!("driver unloaded");
}
