//! What a miniport needs for a control device: `NDIS_DEVICE_OBJECT_ATTRIBUTES` (ndis.h) for
//! `NdisRegisterDeviceEx`, and the parts of `IRP` / `IO_STACK_LOCATION` (wdm.h) a
//! `METHOD_BUFFERED` dispatch routine reads and writes.
//!
//! None of these are in the NDIS ABI oracle. Their x64 layouts come from
//! `docs/notes/control-device-layouts.md` (at least two public sources per field: PDB-derived
//! dumps and the mingw-w64 headers compiled for x64) and are checked by
//! `tests/device_layout.rs`; on a Windows host the WDK cross-check crate compares them with
//! the WDK's own headers. `IRP` and `IO_STACK_LOCATION` are declared only as far as the
//! driver touches them (the kernel allocates both; the driver never takes their size), with
//! the untouched spans as padding.

use crate::types::*;

/// `NDIS_DEVICE_OBJECT_ATTRIBUTES` (NDIS 6.0+), 0x38 bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NDIS_DEVICE_OBJECT_ATTRIBUTES {
    /// `NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES`, `NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1`,
    /// `NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// `\Device\Name`.
    pub DeviceName: *const NDIS_STRING,
    /// `\DosDevices\Name` (the Win32-visible link).
    pub SymbolicName: *const NDIS_STRING,
    /// An array of `IRP_MJ_MAXIMUM_FUNCTION + 1` dispatch routines (NULL = not handled).
    pub MajorFunctions: *const PDRIVER_DISPATCH,
    /// Bytes of driver context NDIS allocates with the device.
    pub ExtensionSize: u32,
    /// SDDL of the device's security descriptor (NULL = the default).
    pub DefaultSDDLString: *const UNICODE_STRING,
    /// Reserved for NDIS: NULL.
    pub DeviceClassGuid: *const core::ffi::c_void,
}

/// `NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1`.
pub const NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1` (through `DeviceClassGuid`).
pub const NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1: u16 = 0x38;

/// `DRIVER_DISPATCH`: `NTSTATUS (PDEVICE_OBJECT, PIRP)`.
pub type DRIVER_DISPATCH = unsafe extern "system" fn(*mut DEVICE_OBJECT, *mut IRP) -> NTSTATUS;
/// `PDRIVER_DISPATCH` (nullable).
pub type PDRIVER_DISPATCH = Option<DRIVER_DISPATCH>;

/// `IRP_MJ_CREATE`.
pub const IRP_MJ_CREATE: u8 = 0x00;
/// `IRP_MJ_CLOSE`.
pub const IRP_MJ_CLOSE: u8 = 0x02;
/// `IRP_MJ_DEVICE_CONTROL`.
pub const IRP_MJ_DEVICE_CONTROL: u8 = 0x0E;
/// `IRP_MJ_CLEANUP`.
pub const IRP_MJ_CLEANUP: u8 = 0x12;
/// `IRP_MJ_MAXIMUM_FUNCTION`: dispatch tables have this many + 1 entries.
pub const IRP_MJ_MAXIMUM_FUNCTION: u8 = 0x1B;
/// `IO_NO_INCREMENT`: the priority boost of a synchronous completion.
pub const IO_NO_INCREMENT: i8 = 0;

/// `IO_STATUS_BLOCK`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct IO_STATUS_BLOCK {
    /// `Status` (a union with `Pointer`: 8-byte slot).
    pub Status: NTSTATUS,
    pub _Pointer: u32,
    pub Information: u64,
}

/// `IRP`, as far as a `METHOD_BUFFERED` dispatch routine uses it (0xD0 bytes on x64).
#[repr(C)]
pub struct IRP {
    pub Type: CSHORT,
    pub Size: u16,
    pub _AllocationProcessorNumber: u32,
    pub MdlAddress: *mut crate::MDL,
    pub Flags: u32,
    pub _pad14: u32,
    /// `AssociatedIrp.SystemBuffer` (a union with `MasterIrp` and `IrpCount`).
    pub SystemBuffer: PVOID,
    pub _ThreadListEntry: [u64; 2],
    pub IoStatus: IO_STATUS_BLOCK,
    /// `KPROCESSOR_MODE`: 1 = the request came from user mode.
    pub RequestorMode: i8,
    pub PendingReturned: u8,
    pub StackCount: i8,
    pub CurrentLocation: i8,
    pub Cancel: u8,
    pub CancelIrql: u8,
    pub ApcEnvironment: i8,
    pub AllocationFlags: u8,
    pub _UserIosbToCancelRoutine: [u64; 5],
    pub UserBuffer: PVOID,
    pub _TailOverlayStart: [u64; 8],
    /// `Tail.Overlay.CurrentStackLocation` (what `IoGetCurrentIrpStackLocation` returns).
    pub CurrentStackLocation: *mut IO_STACK_LOCATION,
    pub _TailRest: [u64; 2],
}

/// `IO_STACK_LOCATION` with the `DeviceIoControl` view of `Parameters` (0x48 bytes on x64).
#[repr(C)]
pub struct IO_STACK_LOCATION {
    pub MajorFunction: u8,
    pub MinorFunction: u8,
    pub Flags: u8,
    pub Control: u8,
    pub _pad4: u32,
    /// `Parameters.DeviceIoControl.OutputBufferLength`.
    pub OutputBufferLength: u32,
    pub _pad0c: u32,
    /// `Parameters.DeviceIoControl.InputBufferLength` (POINTER_ALIGNMENT).
    pub InputBufferLength: u32,
    pub _pad14: u32,
    /// `Parameters.DeviceIoControl.IoControlCode` (POINTER_ALIGNMENT).
    pub IoControlCode: u32,
    pub _pad1c: u32,
    /// `Parameters.DeviceIoControl.Type3InputBuffer` (METHOD_NEITHER only).
    pub Type3InputBuffer: PVOID,
    pub DeviceObject: *mut DEVICE_OBJECT,
    pub FileObject: PVOID,
    pub CompletionRoutine: PVOID,
    pub Context: PVOID,
}
