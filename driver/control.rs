//! The control device: `\Device\IpsecOv2Control` (Win32 `\\.\IpsecOv2Control`), created with
//! `NdisRegisterDeviceEx` when the first adapter initializes and deleted when the last one
//! halts (Microsoft's miniport samples do the same: a device created in DriverEntry would keep
//! the driver from unloading). Only SYSTEM and Administrators may open it.
//!
//! Every IOCTL is `METHOD_BUFFERED` and completes synchronously at PASSIVE_LEVEL. The input is
//! copied out of the system buffer first (it is also the output buffer) and checked whole by
//! the core (`control::request::decode_request`) before anything happens; replies are written
//! by the core's `control::reply` functions, which never write past the output length. Adapters
//! are reached through the hub, which keeps them from halting during a request.

use crate::adapter::Adapter;
use crate::log::{kd_error, kd_info};
use crate::sync::PassiveLock;
use alloc::vec::Vec;
use core::ptr::null_mut;
use core::sync::atomic::Ordering;
use ipsecov2_core::control::reply::{
    ADAPTER_AH, ADAPTER_ESP, ADAPTER_RECEIVE_OFFLOAD, ADAPTER_RUNNING, AdapterInfo, Written,
    write_adapters, write_add_sa, write_delete_sa, write_sa_list, write_self_test,
};
use ipsecov2_core::control::request::{Request, decode_request, precheck};
use ipsecov2_core::control::{
    ControlError, DEVICE_NAME, DEVICE_SDDL, REQUEST_HEADER_LEN, SYMBOLIC_NAME, utf16,
};
use ipsecov2_core::sa_oids::Deleted;
use ipsecov2_core::sa_oids::decode::MAX_ADD_SA_EX_BUFFER;
use ndis_sys::*;
use zeroize::Zeroize;

static DEVICE_NAME_UTF16: [u16; DEVICE_NAME.len()] = utf16(DEVICE_NAME);
static SYMBOLIC_NAME_UTF16: [u16; SYMBOLIC_NAME.len()] = utf16(SYMBOLIC_NAME);
static SDDL_UTF16: [u16; DEVICE_SDDL.len()] = utf16(DEVICE_SDDL);

/// The dispatch table handed to NDIS: open, close, cleanup and device control.
static MAJOR_FUNCTIONS: [PDRIVER_DISPATCH; IRP_MJ_MAXIMUM_FUNCTION as usize + 1] = {
    let mut table: [PDRIVER_DISPATCH; IRP_MJ_MAXIMUM_FUNCTION as usize + 1] =
        [None; IRP_MJ_MAXIMUM_FUNCTION as usize + 1];
    table[IRP_MJ_CREATE as usize] = Some(dispatch_open_close);
    table[IRP_MJ_CLOSE as usize] = Some(dispatch_open_close);
    table[IRP_MJ_CLEANUP as usize] = Some(dispatch_open_close);
    table[IRP_MJ_DEVICE_CONTROL as usize] = Some(dispatch_device_control);
    table
};

struct Registration {
    /// Adapters initialized and not yet halted.
    live_adapters: u32,
    /// `NdisRegisterDeviceEx`'s handle, NULL while there is no device.
    device: NDIS_HANDLE,
}

// SAFETY: the handle is an opaque NDIS token, used only under the lock.
unsafe impl Send for Registration {}

static REGISTRATION: PassiveLock<Registration> = PassiveLock::new(Registration {
    live_adapters: 0,
    device: null_mut(),
});

fn counted(text: &[u16]) -> NDIS_STRING {
    let bytes = (text.len() * 2) as u16;
    NDIS_STRING {
        Length: bytes,
        MaximumLength: bytes,
        // NDIS only reads the string.
        Buffer: text.as_ptr().cast_mut(),
    }
}

/// An adapter finished initializing: the first one creates the device (a failure is logged
/// and retried by the next adapter; the adapter works without it). PASSIVE_LEVEL.
pub fn adapter_started() {
    let mut registration = REGISTRATION.lock();
    registration.live_adapters += 1;
    if !registration.device.is_null() {
        return;
    }
    let driver = crate::driver_entry::driver_handle();
    if driver.is_null() {
        return;
    }
    let device_name = counted(&DEVICE_NAME_UTF16);
    let symbolic_name = counted(&SYMBOLIC_NAME_UTF16);
    let sddl = counted(&SDDL_UTF16);
    let mut attributes = NDIS_DEVICE_OBJECT_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES,
            NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1,
            NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1,
        ),
        DeviceName: &device_name,
        SymbolicName: &symbolic_name,
        MajorFunctions: MAJOR_FUNCTIONS.as_ptr(),
        ExtensionSize: 0,
        DefaultSDDLString: &sddl,
        DeviceClassGuid: core::ptr::null(),
    };
    let mut device_object: *mut DEVICE_OBJECT = null_mut();
    let mut device: NDIS_HANDLE = null_mut();
    // SAFETY: PASSIVE_LEVEL, no spin lock held; the attributes and the strings they point to
    // live across the call (NDIS copies what it keeps), the dispatch table is static.
    let status =
        unsafe { NdisRegisterDeviceEx(driver, &mut attributes, &mut device_object, &mut device) };
    if status == NDIS_STATUS_SUCCESS && !device.is_null() {
        registration.device = device;
        kd_info!("control device registered");
    } else {
        kd_error!("NdisRegisterDeviceEx failed: %08x", status);
    }
}

/// An adapter halted: the last one deletes the device. PASSIVE_LEVEL.
pub fn adapter_halted() {
    let mut registration = REGISTRATION.lock();
    registration.live_adapters = registration.live_adapters.saturating_sub(1);
    if registration.live_adapters == 0 {
        deregister(&mut registration);
    }
}

/// Driver unload: no device may outlive the driver.
pub fn unload() {
    deregister(&mut REGISTRATION.lock());
}

fn deregister(registration: &mut Registration) {
    let device = core::mem::replace(&mut registration.device, null_mut());
    if !device.is_null() {
        // SAFETY: `device` came from NdisRegisterDeviceEx and is deregistered once.
        unsafe { NdisDeregisterDeviceEx(device) };
        kd_info!("control device deregistered");
    }
}

/// Completes `irp` with `status` and `information` bytes of output.
///
/// # Safety
/// `irp` is the IRP of the current dispatch, not yet completed.
unsafe fn complete(irp: *mut IRP, status: NTSTATUS, information: usize) -> NTSTATUS {
    // SAFETY: per the contract; no spin lock is held here.
    unsafe {
        (*irp).IoStatus.Status = status;
        (*irp).IoStatus.Information = information as u64;
        IofCompleteRequest(irp, IO_NO_INCREMENT);
    }
    status
}

/// `IRP_MJ_CREATE`, `IRP_MJ_CLEANUP`, `IRP_MJ_CLOSE`: nothing to set up or tear down per
/// handle (the device's DACL already admitted the caller).
unsafe extern "system" fn dispatch_open_close(
    _device: *mut DEVICE_OBJECT,
    irp: *mut IRP,
) -> NTSTATUS {
    // SAFETY: the I/O manager passes a live IRP we complete exactly once.
    unsafe { complete(irp, STATUS_SUCCESS, 0) }
}

/// `IRP_MJ_DEVICE_CONTROL`.
unsafe extern "system" fn dispatch_device_control(
    _device: *mut DEVICE_OBJECT,
    irp: *mut IRP,
) -> NTSTATUS {
    // SAFETY: the I/O manager passes a live IRP whose current stack location is ours; for
    // METHOD_BUFFERED, SystemBuffer holds max(input, output) bytes.
    let (code, input_len, output_len, buffer) = unsafe {
        let stack = &*(*irp).CurrentStackLocation;
        (
            stack.IoControlCode,
            stack.InputBufferLength as usize,
            stack.OutputBufferLength as usize,
            (*irp).SystemBuffer.cast::<u8>(),
        )
    };
    // SAFETY: as above.
    let (status, information) = unsafe { serve(code, buffer, input_len, output_len) };
    if status != STATUS_SUCCESS {
        kd_error!("control IOCTL %08x: status %08x", code, status);
    }
    // SAFETY: the IRP is completed once, here.
    unsafe { complete(irp, status, information) }
}

/// One IOCTL: (status, bytes of output).
///
/// # Safety
/// `buffer` holds `max(input_len, output_len)` bytes (or is NULL when both are 0).
unsafe fn serve(
    code: u32,
    buffer: *mut u8,
    input_len: usize,
    output_len: usize,
) -> (NTSTATUS, usize) {
    // Unknown codes and oversized inputs are refused before anything is copied.
    if let Err(error) = precheck(code, input_len) {
        return (error.status(), 0);
    }
    if buffer.is_null() && (input_len != 0 || output_len != 0) {
        return (ControlError::HeaderTooShort.status(), 0);
    }
    // The system buffer is also the output: the request is copied out before any reply byte
    // is written.
    let mut input = Vec::new();
    if input.try_reserve_exact(input_len).is_err() {
        return (ControlError::Resources.status(), 0);
    }
    if input_len != 0 {
        // SAFETY: per the contract the buffer holds `input_len` bytes.
        input.extend_from_slice(unsafe { core::slice::from_raw_parts(buffer, input_len) });
    }
    let result = match decode_request(code, &input, output_len) {
        Ok(request) => {
            if matches!(request, Request::AddSa { .. }) && input_len != 0 {
                // The request carried keys: none may stay in the system buffer, which the
                // I/O manager frees without clearing.
                // SAFETY: the buffer holds `input_len` bytes, nothing else refers to it now.
                unsafe { core::slice::from_raw_parts_mut(buffer, input_len) }.zeroize();
            }
            let out: &mut [u8] = if output_len == 0 {
                &mut []
            } else {
                // SAFETY: the buffer holds `output_len` bytes; the input was copied out.
                unsafe { core::slice::from_raw_parts_mut(buffer, output_len) }
            };
            execute(request, out)
        }
        Err(error) => Err(error),
    };
    input.zeroize();
    match result {
        Ok(written) => {
            let (status, information) = written.completion();
            (status, information.min(output_len))
        }
        Err(error) => {
            let reason = error.reason();
            kd_error!(
                "control request refused: %.*s",
                reason.len() as u32,
                reason.as_ptr()
            );
            (error.status(), 0)
        }
    }
}

fn on_port<R>(
    port: u32,
    act: impl FnOnce(&Adapter) -> Result<R, ControlError>,
) -> Result<R, ControlError> {
    crate::hub::with_port(port, act).unwrap_or(Err(ControlError::NoSuchAdapter))
}

fn execute(request: Request<'_>, out: &mut [u8]) -> Result<Written, ControlError> {
    match request {
        Request::ListAdapters => Ok(list_adapters(out)),
        Request::ListSas { adapter } => {
            on_port(adapter, |a| Ok(write_sa_list(out, &a.ipsec.table)))
        }
        Request::AddSa { adapter, add_sa_ex } => on_port(adapter, |a| add_sa(a, add_sa_ex, out)),
        Request::DeleteSa { adapter, handle } => on_port(adapter, |a| {
            let deleted = {
                let _writer = a.sa_writer.lock();
                a.ipsec.delete(handle)
            };
            match deleted {
                Deleted::Bundle => Ok(write_delete_sa(out)),
                Deleted::Unknown => Err(ControlError::UnknownHandle),
            }
        }),
        Request::InjectSend {
            adapter,
            handle,
            tunnel,
            header_info,
            frame,
        } => on_port(adapter, |a| {
            crate::datapath::inject_send(a, handle, tunnel, header_info, frame, out)
        }),
        Request::InjectReceive { adapter, frame } => {
            on_port(adapter, |a| crate::receive::inject_receive(a, frame, out))
        }
        Request::SelfTest => {
            let (written, passed) = write_self_test(out);
            kd_info!(
                "self-test: %u of %u known answers passed",
                passed as u32,
                ipsecov2_core::control::selftest::KAT_COUNT as u32
            );
            Ok(written)
        }
    }
}

fn list_adapters(out: &mut [u8]) -> Written {
    let mut adapters = [AdapterInfo::default(); crate::hub::HUB_PORTS];
    let mut count = 0;
    crate::hub::for_each(|port, adapter| {
        if let Some(slot) = adapters.get_mut(count) {
            *slot = describe(port, adapter);
            count += 1;
        }
    });
    write_adapters(out, adapters.get(..count).unwrap_or(&[]))
}

fn describe(port: u32, adapter: &Adapter) -> AdapterInfo {
    let current = adapter.ipsec.config.current();
    let mut flags = 0;
    if !adapter.paused.load(Ordering::Acquire) {
        flags |= ADAPTER_RUNNING;
    }
    if adapter.receive_offload_enabled() {
        flags |= ADAPTER_RECEIVE_OFFLOAD;
    }
    if current.esp {
        flags |= ADAPTER_ESP;
    }
    if current.ah {
        flags |= ADAPTER_AH;
    }
    AdapterInfo {
        port,
        instance: adapter.instance,
        if_index: adapter.if_index,
        net_luid: adapter.net_luid,
        mac: adapter.general.lock().current_mac.0,
        flags,
        sa_capacity: adapter.ipsec.table.capacity(),
        sa_live: adapter.ipsec.table.len(),
    }
}

/// ADD_SA: the same decode, validation and insert as `OID_..._ADD_SA_EX`, on a driver copy.
fn add_sa(adapter: &Adapter, add_sa_ex: &[u8], out: &mut [u8]) -> Result<Written, ControlError> {
    let mut copy = [0u8; MAX_ADD_SA_EX_BUFFER];
    let result = match copy.get_mut(..add_sa_ex.len()) {
        Some(buffer) => {
            buffer.copy_from_slice(add_sa_ex);
            let _writer = adapter.sa_writer.lock();
            adapter.ipsec.add_sa_ex(buffer).map_err(ControlError::Sa)
        }
        None => Err(ControlError::BodyLength),
    };
    // The copy held key bytes.
    copy.zeroize();
    let handle = result?;
    crate::ipsec_oid::log_added(adapter, handle);
    Ok(write_add_sa(out, handle))
}

// The request header is what `decode_request` reads first; keep the constant in use here so
// a layout change shows up in the shell too.
const _: () = assert!(REQUEST_HEADER_LEN == 16);
