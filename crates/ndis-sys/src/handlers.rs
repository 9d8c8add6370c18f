//! Prototypes of the miniport handlers a driver registers in
//! `NDIS_MINIPORT_DRIVER_CHARACTERISTICS`, and of the timer callback.
//!
//! Each is an `Option` of an `extern "system"` function pointer, so that a NULL entry in the
//! C structure is `None` in Rust.

use crate::types::*;
use crate::{
    NDIS_MINIPORT_INIT_PARAMETERS, NDIS_MINIPORT_PAUSE_PARAMETERS,
    NDIS_MINIPORT_RESTART_PARAMETERS, NDIS_OID_REQUEST, NET_BUFFER_LIST,
};
use core::ffi::c_void;

/// `MINIPORT_SET_OPTIONS`.
pub type MINIPORT_SET_OPTIONS = Option<
    unsafe extern "system" fn(
        NdisDriverHandle: NDIS_HANDLE,
        DriverContext: NDIS_HANDLE,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_INITIALIZE`.
pub type MINIPORT_INITIALIZE = Option<
    unsafe extern "system" fn(
        NdisMiniportHandle: NDIS_HANDLE,
        MiniportDriverContext: NDIS_HANDLE,
        MiniportInitParameters: *mut NDIS_MINIPORT_INIT_PARAMETERS,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_HALT` (`HaltAction` is an `NDIS_HALT_ACTION`).
pub type MINIPORT_HALT =
    Option<unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE, HaltAction: NDIS_ENUM)>;
/// `MINIPORT_UNLOAD`.
pub type MINIPORT_UNLOAD = Option<unsafe extern "system" fn(DriverObject: *mut DRIVER_OBJECT)>;
/// `MINIPORT_PAUSE`.
pub type MINIPORT_PAUSE = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        PauseParameters: *mut NDIS_MINIPORT_PAUSE_PARAMETERS,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_RESTART`.
pub type MINIPORT_RESTART = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        RestartParameters: *mut NDIS_MINIPORT_RESTART_PARAMETERS,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_OID_REQUEST` and `MINIPORT_DIRECT_OID_REQUEST`.
pub type MINIPORT_OID_REQUEST = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        OidRequest: *mut NDIS_OID_REQUEST,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_DIRECT_OID_REQUEST`.
pub type MINIPORT_DIRECT_OID_REQUEST = MINIPORT_OID_REQUEST;
/// `MINIPORT_SEND_NET_BUFFER_LISTS`.
pub type MINIPORT_SEND_NET_BUFFER_LISTS = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        NetBufferList: *mut NET_BUFFER_LIST,
        PortNumber: NDIS_PORT_NUMBER,
        SendFlags: u32,
    ),
>;
/// `MINIPORT_RETURN_NET_BUFFER_LISTS`.
pub type MINIPORT_RETURN_NET_BUFFER_LISTS = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        NetBufferLists: *mut NET_BUFFER_LIST,
        ReturnFlags: u32,
    ),
>;
/// `MINIPORT_CANCEL_SEND`.
pub type MINIPORT_CANCEL_SEND =
    Option<unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE, CancelId: PVOID)>;
/// `MINIPORT_CHECK_FOR_HANG`.
pub type MINIPORT_CHECK_FOR_HANG =
    Option<unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE) -> BOOLEAN>;
/// `MINIPORT_RESET`.
pub type MINIPORT_RESET = Option<
    unsafe extern "system" fn(
        MiniportAdapterContext: NDIS_HANDLE,
        AddressingReset: *mut BOOLEAN,
    ) -> NDIS_STATUS,
>;
/// `MINIPORT_DEVICE_PNP_EVENT_NOTIFY` (the argument is a `PNET_DEVICE_PNP_EVENT`).
pub type MINIPORT_DEVICE_PNP_EVENT_NOTIFY = Option<
    unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE, NetDevicePnPEvent: *mut c_void),
>;
/// `MINIPORT_SHUTDOWN` (`ShutdownAction` is an `NDIS_SHUTDOWN_ACTION`).
pub type MINIPORT_SHUTDOWN = Option<
    unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE, ShutdownAction: NDIS_ENUM),
>;
/// `MINIPORT_CANCEL_OID_REQUEST` and `MINIPORT_CANCEL_DIRECT_OID_REQUEST`.
pub type MINIPORT_CANCEL_OID_REQUEST =
    Option<unsafe extern "system" fn(MiniportAdapterContext: NDIS_HANDLE, RequestId: PVOID)>;
/// `MINIPORT_CANCEL_DIRECT_OID_REQUEST`.
pub type MINIPORT_CANCEL_DIRECT_OID_REQUEST = MINIPORT_CANCEL_OID_REQUEST;
/// `MINIPORT_SYNCHRONOUS_OID_REQUEST` (NDIS 6.80).
pub type MINIPORT_SYNCHRONOUS_OID_REQUEST = MINIPORT_OID_REQUEST;
/// `NDIS_TIMER_FUNCTION`.
pub type NDIS_TIMER_FUNCTION = Option<
    unsafe extern "system" fn(
        SystemSpecific1: PVOID,
        FunctionContext: PVOID,
        SystemSpecific2: PVOID,
        SystemSpecific3: PVOID,
    ),
>;
