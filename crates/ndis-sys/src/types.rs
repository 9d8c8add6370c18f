//! Scalar types of the WDK headers and the two structures everything else starts with.

use core::ffi::c_void;

/// `NDIS_STATUS` (an `NTSTATUS`-compatible `int`).
pub type NDIS_STATUS = i32;
/// `NTSTATUS`.
pub type NTSTATUS = i32;
/// `NDIS_HANDLE`: an opaque pointer-sized handle.
pub type NDIS_HANDLE = *mut c_void;
/// `PVOID`.
pub type PVOID = *mut c_void;
/// `NDIS_OID`.
pub type NDIS_OID = u32;
/// `NDIS_PORT_NUMBER`.
pub type NDIS_PORT_NUMBER = u32;
/// `NDIS_SWITCH_PORT_ID`.
pub type NDIS_SWITCH_PORT_ID = u32;
/// `NDIS_SWITCH_NIC_INDEX`.
pub type NDIS_SWITCH_NIC_INDEX = u16;
/// `KSPIN_LOCK` (`ULONG_PTR`).
pub type KSPIN_LOCK = u64;
/// `KIRQL`.
pub type KIRQL = u8;
/// `BOOLEAN`.
pub type BOOLEAN = u8;
/// `NET_IFINDEX`.
pub type NET_IFINDEX = u32;
/// `NET_IFTYPE` / `IFTYPE` (`USHORT`).
pub type NET_IFTYPE = u16;
/// `IPSEC_OFFLOAD_V2_SPI_TYPE`.
pub type IPSEC_OFFLOAD_V2_SPI_TYPE = u32;
/// `IPAddr`: an IPv4 address, in network byte order in memory.
pub type IPAddr = u32;
/// `NDIS_PHYSICAL_ADDRESS` (`PHYSICAL_ADDRESS`, a `LARGE_INTEGER`).
pub type NDIS_PHYSICAL_ADDRESS = i64;
/// `POOL_FLAGS` of `ExAllocatePool2`.
pub type POOL_FLAGS = u64;
/// C enums are `int`.
pub type NDIS_ENUM = i32;

/// Opaque `DRIVER_OBJECT`: the driver only passes it through to NDIS.
#[repr(C)]
pub struct DRIVER_OBJECT {
    _opaque: [u8; 0],
}

/// Opaque `DEVICE_OBJECT`.
#[repr(C)]
pub struct DEVICE_OBJECT {
    _opaque: [u8; 0],
}

/// `NDIS_OBJECT_HEADER`: type, revision and size that start every versioned NDIS structure.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NDIS_OBJECT_HEADER {
    pub Type: u8,
    pub Revision: u8,
    pub Size: u16,
}

impl NDIS_OBJECT_HEADER {
    /// A header with the given type, revision and size.
    pub const fn new(Type: u8, Revision: u8, Size: u16) -> Self {
        Self {
            Type,
            Revision,
            Size,
        }
    }
}

/// `UNICODE_STRING` (counted UTF-16, lengths in bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct UNICODE_STRING {
    pub Length: u16,
    pub MaximumLength: u16,
    pub Buffer: *mut u16,
}

impl Default for UNICODE_STRING {
    /// An empty string (zero lengths, NULL buffer).
    fn default() -> Self {
        Self {
            Length: 0,
            MaximumLength: 0,
            Buffer: core::ptr::null_mut(),
        }
    }
}

/// `NDIS_STRING`: NDIS's name for a `UNICODE_STRING`.
pub type NDIS_STRING = UNICODE_STRING;
/// `CSHORT`: the signed 16-bit integer of some kernel structures (`MDL.Size`, `MDL.MdlFlags`).
pub type CSHORT = i16;
/// `NDIS_NIC_SWITCH_ID` (`ULONG`).
pub type NDIS_NIC_SWITCH_ID = u32;
/// `NDIS_NIC_SWITCH_VPORT_ID` (`ULONG`).
pub type NDIS_NIC_SWITCH_VPORT_ID = u32;

/// `GUID`: a 128-bit identifier (as used in `NDIS_STATUS_INDICATION.Guid`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GUID {
    /// First 32 bits.
    pub Data1: u32,
    /// Next 16 bits.
    pub Data2: u16,
    /// Next 16 bits.
    pub Data3: u16,
    /// Last 64 bits, as bytes.
    pub Data4: [u8; 8],
}

/// `LARGE_INTEGER`: a signed 64-bit value that can also be read as two 32-bit halves.
///
/// The C type has a second, named copy of the halves struct (`u`); it is not bound, because
/// `Anonymous` gives the same access.
#[repr(C)]
#[derive(Clone, Copy)]
pub union LARGE_INTEGER {
    /// The halves view (C: anonymous struct with `LowPart` / `HighPart`).
    pub Anonymous: LARGE_INTEGER_0,
    /// The whole 64-bit value.
    pub QuadPart: i64,
}

/// The two halves of a [`LARGE_INTEGER`] (the anonymous struct of the C union).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LARGE_INTEGER_0 {
    /// Low 32 bits.
    pub LowPart: u32,
    /// High 32 bits (signed).
    pub HighPart: i32,
}

/// `PHYSICAL_ADDRESS`: a bus/physical address, stored as a [`LARGE_INTEGER`].
pub type PHYSICAL_ADDRESS = LARGE_INTEGER;

/// `NET_LUID` (`NET_LUID_LH`): the 64-bit locally unique identifier of a network interface.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NET_LUID {
    /// The whole identifier.
    pub Value: u64,
    /// The bit-field view (`Reserved:24`, `NetLuidIndex:24`, `IfType:16`).
    pub Info: NET_LUID_Info,
}

/// Bit-field view of a [`NET_LUID`]: one `u64` storage unit holding `Reserved` (bits 0..23),
/// `NetLuidIndex` (bits 24..47) and `IfType` (bits 48..63). The oracle does not list these
/// bit-fields, so no mask constants are bound for them.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NET_LUID_Info {
    /// The storage unit of all three bit-fields.
    pub _bitfield: u64,
}

zeroed_default!(LARGE_INTEGER, NET_LUID);

// ------------------------------------------------------------------------------------------
// Crate-internal helpers used by every binding module
// ------------------------------------------------------------------------------------------

/// One C bit-field of a bound structure: where its storage unit is in the Rust binding and
/// where the field sits inside it. Each binding module exports a table of these
/// (`*_BITFIELDS`, collected in [`crate::ALL_BITFIELDS`]) for the ABI layout test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitField {
    /// C name of the outer structure (an oracle key).
    pub structure: &'static str,
    /// C path of the bit-field inside the structure (`Receive.CryptoStatus`).
    pub path: &'static str,
    /// Byte offset of the storage unit from the start of the structure (`offset_of!`).
    pub offset: usize,
    /// Size in bytes of the storage unit.
    pub container_bytes: usize,
    /// Position of the bit-field's least significant bit inside the storage unit.
    pub bit: u32,
    /// Width of the bit-field in bits.
    pub width: u32,
    /// The `*_MASK` constant, widened to `u64`.
    pub mask: u64,
}

/// Bit pattern of an integer constant of `size` bytes, as the oracle writes it (unsigned,
/// two's complement for negative values; `NDIS_STATUS_FAILURE` becomes `0xC000_0001`).
pub const fn const_bits(value: i128, size: usize) -> u64 {
    let mask = if size >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * size)) - 1
    };
    ((value as u128) & mask) as u64
}

/// Size of the field a (never called) accessor closure points at. Used to compute
/// `RTL_SIZEOF_THROUGH_FIELD` from the binding itself.
pub const fn field_size<T, F>(_field: fn(&T) -> &F) -> usize {
    core::mem::size_of::<F>()
}

/// `impl Default` as "all bytes zero" for plain C aggregates.
macro_rules! zeroed_default {
    ($($t:ty),* $(,)?) => {$(
        impl Default for $t {
            /// All bytes zero: integers 0, pointers NULL, handlers `None`.
            #[inline]
            fn default() -> Self {
                // SAFETY: the type is a `repr(C)` aggregate of integers, raw pointers,
                // `Option<extern fn>` and arrays/unions/structs of those; the all-zero bit
                // pattern is a valid value of each (0, NULL, None).
                unsafe { core::mem::zeroed() }
            }
        }
    )*};
}
pub(crate) use zeroed_default;

/// `RTL_SIZEOF_THROUGH_FIELD(T, a.b)`: offset of the field plus its size, computed from the
/// Rust binding (as `u16`, the type of `NDIS_OBJECT_HEADER.Size`).
macro_rules! sizeof_through {
    ($t:ty, $($f:ident).+) => {
        (core::mem::offset_of!($t, $($f).+) + $crate::types::field_size(|s: &$t| &s.$($f).+)) as u16
    };
}
pub(crate) use sizeof_through;

/// Defines a group of constants and a list `(name, bit pattern)` of everything in the group,
/// which the ABI test compares with the oracle's `constants`.
macro_rules! ndis_constants {
    (
        $(#[$lmeta:meta])* $list:ident;
        $( $(#[$meta:meta])* $name:ident : $ty:ty = $value:expr; )*
    ) => {
        $( $(#[$meta])* pub const $name: $ty = $value; )*
        $(#[$lmeta])*
        pub const $list: &[(&str, u64)] = &[
            $( (stringify!($name), $crate::types::const_bits($name as i128, core::mem::size_of::<$ty>())), )*
        ];
    };
}
pub(crate) use ndis_constants;

/// Defines `<STRUCT>_<PATH>_MASK` / `_SHIFT` constants for C bit-fields and a table of
/// [`BitField`] entries whose storage offsets come from `offset_of!` on the binding.
///
/// Syntax: `LIST; STRUCT (storage.field.path): container_type { "C.path" => MASK, SHIFT = bit, width; ... } ...`
macro_rules! bitfields {
    (
        $(#[$lmeta:meta])* $list:ident;
        $(
            $st:ident $unit:tt : $cty:ty {
                $( $path:literal => $mask:ident, $shift:ident = $bit:literal, $width:literal; )+
            }
        )+
    ) => {
        $(
            $(
                #[doc = concat!("Mask of the bit-field `", stringify!($st), ".", $path, "` inside its storage unit.")]
                pub const $mask: $cty = ((((1u128 << $width) - 1) << $bit) as $cty);
                #[doc = concat!("Bit position of the bit-field `", stringify!($st), ".", $path, "` inside its storage unit.")]
                pub const $shift: u32 = $bit;
            )+
            // The storage field exists and has the declared container type.
            #[allow(unused_unsafe)]
            const _: fn(&$st) -> $cty = |s| {
                // SAFETY: never called; the closure only type-checks the storage field path.
                // Reading a plain-integer union member is sound for any bit pattern anyway.
                unsafe { $crate::types::bitfield_unit!(s, $unit) }
            };
        )+
        $(#[$lmeta])*
        pub const $list: &[$crate::types::BitField] = &[
            $( $(
                $crate::types::BitField {
                    structure: stringify!($st),
                    path: $path,
                    offset: $crate::types::bitfield_unit!(offset $st, $unit),
                    container_bytes: core::mem::size_of::<$cty>(),
                    bit: $bit,
                    width: $width,
                    mask: $mask as u64,
                },
            )+ )+
        ];
    };
}
pub(crate) use bitfields;

/// Unpacks the parenthesised storage-field path of [`bitfields!`]: either its `offset_of!`
/// or a read through a reference.
macro_rules! bitfield_unit {
    (offset $st:ident, ($($f:ident).+)) => {
        core::mem::offset_of!($st, $($f).+)
    };
    ($s:ident, ($($f:ident).+)) => {
        $s.$($f).+
    };
}
pub(crate) use bitfield_unit;
