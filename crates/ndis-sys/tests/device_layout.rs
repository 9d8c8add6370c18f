//! Layouts of the control-device bindings (`device.rs`), which the NDIS ABI oracle does not
//! cover: every offset the driver uses, against the x64 values in
//! `docs/notes/control-device-layouts.md` (each agreed by at least two public sources:
//! PDB-derived dumps and the mingw-w64 headers compiled for x64). The constants are checked
//! the same way (ntstatus.h/wdm.h values via mingw-w64 and windows-sys).

#![allow(non_snake_case)]

use core::mem::{align_of, offset_of, size_of};
use ndis_sys::*;

#[test]
fn ndis_device_object_attributes_layout() {
    type A = NDIS_DEVICE_OBJECT_ATTRIBUTES;
    assert_eq!(size_of::<A>(), 0x38);
    assert_eq!(align_of::<A>(), 8);
    assert_eq!(offset_of!(A, Header), 0x00);
    assert_eq!(offset_of!(A, DeviceName), 0x08);
    assert_eq!(offset_of!(A, SymbolicName), 0x10);
    assert_eq!(offset_of!(A, MajorFunctions), 0x18);
    assert_eq!(offset_of!(A, ExtensionSize), 0x20);
    assert_eq!(offset_of!(A, DefaultSDDLString), 0x28);
    assert_eq!(offset_of!(A, DeviceClassGuid), 0x30);
    assert_eq!(
        usize::from(NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1),
        size_of::<A>()
    );
    assert_eq!(NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1, 1);
    // In the oracle (WDK compile): the header type.
    assert_eq!(NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES, 0x85);
}

#[test]
fn irp_layout() {
    assert_eq!(size_of::<IRP>(), 0xD0);
    assert_eq!(align_of::<IRP>(), 8);
    assert_eq!(offset_of!(IRP, Type), 0x00);
    assert_eq!(offset_of!(IRP, Size), 0x02);
    assert_eq!(offset_of!(IRP, MdlAddress), 0x08);
    assert_eq!(offset_of!(IRP, Flags), 0x10);
    assert_eq!(offset_of!(IRP, SystemBuffer), 0x18);
    assert_eq!(offset_of!(IRP, IoStatus), 0x30);
    assert_eq!(
        offset_of!(IRP, IoStatus) + offset_of!(IO_STATUS_BLOCK, Status),
        0x30
    );
    assert_eq!(
        offset_of!(IRP, IoStatus) + offset_of!(IO_STATUS_BLOCK, Information),
        0x38
    );
    assert_eq!(size_of::<IO_STATUS_BLOCK>(), 0x10);
    assert_eq!(offset_of!(IRP, RequestorMode), 0x40);
    assert_eq!(offset_of!(IRP, PendingReturned), 0x41);
    assert_eq!(offset_of!(IRP, StackCount), 0x42);
    assert_eq!(offset_of!(IRP, CurrentLocation), 0x43);
    assert_eq!(offset_of!(IRP, Cancel), 0x44);
    assert_eq!(offset_of!(IRP, CancelIrql), 0x45);
    assert_eq!(offset_of!(IRP, UserBuffer), 0x70);
    assert_eq!(offset_of!(IRP, CurrentStackLocation), 0xB8);
}

#[test]
fn io_stack_location_layout() {
    type S = IO_STACK_LOCATION;
    assert_eq!(size_of::<S>(), 0x48);
    assert_eq!(offset_of!(S, MajorFunction), 0x00);
    assert_eq!(offset_of!(S, MinorFunction), 0x01);
    assert_eq!(offset_of!(S, Flags), 0x02);
    assert_eq!(offset_of!(S, Control), 0x03);
    // The DeviceIoControl members are 8 bytes apart on x64 (POINTER_ALIGNMENT).
    assert_eq!(offset_of!(S, OutputBufferLength), 0x08);
    assert_eq!(offset_of!(S, InputBufferLength), 0x10);
    assert_eq!(offset_of!(S, IoControlCode), 0x18);
    assert_eq!(offset_of!(S, Type3InputBuffer), 0x20);
    assert_eq!(offset_of!(S, DeviceObject), 0x28);
    assert_eq!(offset_of!(S, FileObject), 0x30);
    assert_eq!(offset_of!(S, CompletionRoutine), 0x38);
    assert_eq!(offset_of!(S, Context), 0x40);
}

#[test]
fn irp_major_function_codes() {
    assert_eq!(IRP_MJ_CREATE, 0x00);
    assert_eq!(IRP_MJ_CLOSE, 0x02);
    assert_eq!(IRP_MJ_DEVICE_CONTROL, 0x0E);
    assert_eq!(IRP_MJ_CLEANUP, 0x12);
    assert_eq!(IRP_MJ_MAXIMUM_FUNCTION, 0x1B);
    assert_eq!(IO_NO_INCREMENT, 0);
    // A dispatch table entry is one nullable function pointer.
    assert_eq!(size_of::<PDRIVER_DISPATCH>(), 8);
}
