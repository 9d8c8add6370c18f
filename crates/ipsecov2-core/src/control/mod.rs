//! The control device's protocol: the IOCTLs `ipsecov2ctl` sends to the driver, their request
//! and reply layouts, their validation, and the built-in self-test.
//!
//! Defined once here and used by both sides: the driver decodes requests with
//! [`request::decode_request`] and writes replies with the `reply::write_*` functions; the tool
//! builds requests with the `request::encode_*` functions and reads replies with the
//! `reply::decode_*` functions. Every number is little-endian; every structure is a multiple
//! of 8 bytes. All IOCTLs are `METHOD_BUFFERED` on `FILE_DEVICE_NETWORK`, in the customer
//! function range (0x800 and up).
//!
//! Requests start with a 16-byte [`RequestHeader`]; replies with a 16-byte reply header
//! (see `reply`). A request is checked completely before anything happens: a request the
//! driver refuses changes nothing and gets a specific status ([`ControlError::status`]).

pub mod kat_vectors;
pub mod reply;
pub mod request;
pub mod selftest;

use crate::sa::SaError;
use ndis_sys::*;

/// Version of the request and reply layouts.
pub const CONTROL_VERSION: u32 = 1;

/// The control device's NT name, its symbolic link, and the path user mode opens.
pub const DEVICE_NAME: &str = "\\Device\\IpsecOv2Control";
pub const SYMBOLIC_NAME: &str = "\\DosDevices\\IpsecOv2Control";
pub const WIN32_PATH: &str = "\\\\.\\IpsecOv2Control";

/// Security descriptor of the device (`SDDL_DEVOBJ_SYS_ALL_ADM_ALL`): GENERIC_ALL for
/// LocalSystem and BUILTIN\Administrators, nobody else, protected DACL.
pub const DEVICE_SDDL: &str = "D:P(A;;GA;;;SY)(A;;GA;;;BA)";

/// `FILE_DEVICE_NETWORK` (wdm.h / winioctl.h).
pub const FILE_DEVICE_NETWORK: u32 = 0x12;
/// `METHOD_BUFFERED`.
pub const METHOD_BUFFERED: u32 = 0;
/// `FILE_READ_ACCESS` / `FILE_WRITE_ACCESS`: the I/O manager checks the handle's access.
pub const FILE_READ_ACCESS: u32 = 1;
pub const FILE_WRITE_ACCESS: u32 = 2;

/// `CTL_CODE(DeviceType, Function, Method, Access)`.
pub const fn ctl_code(device_type: u32, function: u32, method: u32, access: u32) -> u32 {
    (device_type << 16) | (access << 14) | (function << 2) | method
}

const fn network(function: u32, access: u32) -> u32 {
    ctl_code(FILE_DEVICE_NETWORK, function, METHOD_BUFFERED, access)
}

/// Lists the adapters the driver runs (reads only).
pub const IOCTL_LIST_ADAPTERS: u32 = network(0x800, FILE_READ_ACCESS);
/// Lists one adapter's SA bundles, without keys (reads only).
pub const IOCTL_LIST_SAS: u32 = network(0x801, FILE_READ_ACCESS);
/// Adds an SA bundle (an `IPSEC_OFFLOAD_V2_ADD_SA_EX` buffer, validated as the OID is).
pub const IOCTL_ADD_SA: u32 = network(0x802, FILE_READ_ACCESS | FILE_WRITE_ACCESS);
/// Deletes an SA bundle by handle.
pub const IOCTL_DELETE_SA: u32 = network(0x803, FILE_READ_ACCESS | FILE_WRITE_ACCESS);
/// Sends a frame on an adapter as the stack would, with offload handles; replies with the
/// frame that went onto the hub.
pub const IOCTL_INJECT_SEND: u32 = network(0x804, FILE_READ_ACCESS | FILE_WRITE_ACCESS);
/// Receives a frame on an adapter as if from the wire; replies with the receive annotation
/// and the bytes indicated.
pub const IOCTL_INJECT_RECEIVE: u32 = network(0x805, FILE_READ_ACCESS | FILE_WRITE_ACCESS);
/// Runs the known-answer self-test through the driver's engine (reads only).
pub const IOCTL_SELF_TEST: u32 = network(0x806, FILE_READ_ACCESS);

/// Every IOCTL of the device, with its name.
pub const IOCTLS: [(u32, &str); 7] = [
    (IOCTL_LIST_ADAPTERS, "LIST_ADAPTERS"),
    (IOCTL_LIST_SAS, "LIST_SAS"),
    (IOCTL_ADD_SA, "ADD_SA"),
    (IOCTL_DELETE_SA, "DELETE_SA"),
    (IOCTL_INJECT_SEND, "INJECT_SEND"),
    (IOCTL_INJECT_RECEIVE, "INJECT_RECEIVE"),
    (IOCTL_SELF_TEST, "SELF_TEST"),
];

/// The function number (bits 2..13) of an IOCTL code, as replies echo it.
pub const fn function_of(code: u32) -> u32 {
    (code >> 2) & 0xFFF
}

/// Size of the buffers the driver seals and receives frames in; an injected frame leaves
/// room in it for what sealing appends.
pub const FRAME_CAPACITY: usize = 2048;
/// Room kept free after an injected send frame (the data path keeps the same: an appended ICV
/// and trailer growth).
pub const SEND_HEADROOM: usize = 64;
/// Shortest injected frame: an Ethernet header.
pub const MIN_FRAME: usize = 14;
/// Longest injected send frame.
pub const MAX_SEND_FRAME: usize = FRAME_CAPACITY - SEND_HEADROOM;
/// Longest injected receive frame.
pub const MAX_RECEIVE_FRAME: usize = FRAME_CAPACITY;

/// The header of every request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestHeader {
    /// [`CONTROL_VERSION`].
    pub version: u32,
    /// The adapter (its `port` in the adapter list); 0 for requests that name none.
    pub adapter: u32,
    /// Bytes after the header: the request's length must be exactly 16 + `body_len`.
    pub body_len: u32,
    /// Zero.
    pub reserved: u32,
}

/// Bytes of [`RequestHeader`].
pub const REQUEST_HEADER_LEN: usize = 16;

/// Why a request was refused. Each has its own status, so a caller can tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlError {
    /// The IOCTL code is not one of [`IOCTLS`].
    UnknownCode,
    /// The input is shorter than the request header.
    HeaderTooShort,
    /// The header's version is not [`CONTROL_VERSION`].
    Version,
    /// A reserved field is not zero.
    Reserved,
    /// The input length is not 16 + `body_len` (or the fixed body is incomplete).
    LengthMismatch,
    /// A length field does not fit the body, or the body has the wrong size for the request.
    BodyLength,
    /// A request that names no adapter carried one.
    AdapterNotExpected,
    /// An injected frame is shorter than an Ethernet header or longer than the frame buffer.
    FrameSize,
    /// The output buffer cannot hold the reply; `needed` bytes would.
    OutputTooSmall { needed: usize },
    /// No adapter has this port number.
    NoSuchAdapter,
    /// The handle names no (suitable) SA bundle of the adapter.
    UnknownHandle,
    /// The adapter is paused: nothing can be sent or received.
    Paused,
    /// The ADD_SA_EX buffer was refused, with the status the OID would return.
    Sa(SaError),
    /// The driver could not get memory for the request.
    Resources,
}

/// `STATUS_*` values (ntstatus.h; the same in windows-sys `Win32::Foundation`).
pub const STATUS_BUFFER_OVERFLOW: i32 = 0x8000_0005_u32 as i32;
pub const STATUS_INFO_LENGTH_MISMATCH: i32 = 0xC000_0004_u32 as i32;
pub const STATUS_INVALID_PARAMETER: i32 = 0xC000_000D_u32 as i32;
pub const STATUS_NO_SUCH_DEVICE: i32 = 0xC000_000E_u32 as i32;
pub const STATUS_INVALID_DEVICE_REQUEST: i32 = 0xC000_0010_u32 as i32;
pub const STATUS_BUFFER_TOO_SMALL: i32 = 0xC000_0023_u32 as i32;
pub const STATUS_REVISION_MISMATCH: i32 = 0xC000_0059_u32 as i32;
pub const STATUS_INSUFFICIENT_RESOURCES: i32 = 0xC000_009A_u32 as i32;
pub const STATUS_DEVICE_NOT_READY: i32 = 0xC000_00A3_u32 as i32;
pub const STATUS_INVALID_BUFFER_SIZE: i32 = 0xC000_0206_u32 as i32;
pub const STATUS_NOT_FOUND: i32 = 0xC000_0225_u32 as i32;
/// `STATUS_INVALID_PARAMETER_1`..: which part of the request was wrong.
pub const STATUS_INVALID_PARAMETER_1: i32 = 0xC000_00EF_u32 as i32;
pub const STATUS_INVALID_PARAMETER_2: i32 = 0xC000_00F0_u32 as i32;

impl ControlError {
    /// The NTSTATUS the IOCTL completes with.
    pub fn status(self) -> i32 {
        use ControlError::*;
        match self {
            UnknownCode => STATUS_INVALID_DEVICE_REQUEST,
            HeaderTooShort | LengthMismatch => STATUS_INFO_LENGTH_MISMATCH,
            Version => STATUS_REVISION_MISMATCH,
            Reserved => STATUS_INVALID_PARAMETER_1,
            AdapterNotExpected => STATUS_INVALID_PARAMETER_2,
            BodyLength => STATUS_INVALID_PARAMETER,
            FrameSize => STATUS_INVALID_BUFFER_SIZE,
            OutputTooSmall { .. } => STATUS_BUFFER_TOO_SMALL,
            NoSuchAdapter => STATUS_NO_SUCH_DEVICE,
            UnknownHandle => STATUS_NOT_FOUND,
            Paused => STATUS_DEVICE_NOT_READY,
            // NDIS statuses are NTSTATUS values: the OID's own answer.
            Sa(error) => error.status(),
            Resources => STATUS_INSUFFICIENT_RESOURCES,
        }
    }

    /// A short reason for logs.
    pub fn reason(self) -> &'static str {
        use ControlError::*;
        match self {
            UnknownCode => "unknown IOCTL code",
            HeaderTooShort => "input shorter than the request header",
            Version => "unsupported request version",
            Reserved => "reserved field not zero",
            LengthMismatch => "input length is not header + body_len",
            BodyLength => "body length wrong for the request",
            AdapterNotExpected => "adapter given to a request that names none",
            FrameSize => "frame shorter than an Ethernet header or longer than the buffer",
            OutputTooSmall { .. } => "output buffer too small for the reply",
            NoSuchAdapter => "no adapter with this port number",
            UnknownHandle => "handle names no SA bundle of the adapter",
            Paused => "adapter paused",
            Sa(error) => error.reason(),
            Resources => "out of memory",
        }
    }
}

/// A NUL-free ASCII string as UTF-16 code units, for the device names (`N` = its length).
pub const fn utf16<const N: usize>(text: &str) -> [u16; N] {
    let bytes = text.as_bytes();
    assert!(bytes.len() == N);
    let mut out = [0u16; N];
    let mut i = 0;
    while i < N {
        assert!(bytes[i] != 0 && bytes[i] < 0x80);
        out[i] = bytes[i] as u16;
        i += 1;
    }
    out
}

/// The NDIS status names the tool prints (a few common ones; others print as hex).
pub fn status_name(status: i32) -> Option<&'static str> {
    Some(match status {
        0 => "STATUS_SUCCESS",
        STATUS_BUFFER_OVERFLOW => "STATUS_BUFFER_OVERFLOW",
        STATUS_INFO_LENGTH_MISMATCH => "STATUS_INFO_LENGTH_MISMATCH",
        STATUS_INVALID_PARAMETER => "STATUS_INVALID_PARAMETER",
        STATUS_NO_SUCH_DEVICE => "STATUS_NO_SUCH_DEVICE",
        STATUS_INVALID_DEVICE_REQUEST => "STATUS_INVALID_DEVICE_REQUEST",
        STATUS_BUFFER_TOO_SMALL => "STATUS_BUFFER_TOO_SMALL",
        STATUS_REVISION_MISMATCH => "STATUS_REVISION_MISMATCH",
        STATUS_INSUFFICIENT_RESOURCES => "STATUS_INSUFFICIENT_RESOURCES",
        STATUS_DEVICE_NOT_READY => "STATUS_DEVICE_NOT_READY",
        STATUS_INVALID_BUFFER_SIZE => "STATUS_INVALID_BUFFER_SIZE",
        STATUS_NOT_FOUND => "STATUS_NOT_FOUND",
        STATUS_INVALID_PARAMETER_1 => "STATUS_INVALID_PARAMETER_1",
        STATUS_INVALID_PARAMETER_2 => "STATUS_INVALID_PARAMETER_2",
        NDIS_STATUS_FAILURE => "NDIS_STATUS_FAILURE",
        NDIS_STATUS_INVALID_LENGTH => "NDIS_STATUS_INVALID_LENGTH",
        NDIS_STATUS_NOT_SUPPORTED => "NDIS_STATUS_NOT_SUPPORTED",
        NDIS_STATUS_INVALID_DATA => "NDIS_STATUS_INVALID_DATA",
        NDIS_STATUS_PAUSED => "NDIS_STATUS_PAUSED",
        _ => return None,
    })
}
