//! The Win32 conversations: the driver's control device (`\\.\IpsecOv2Control`,
//! `NtDeviceIoControlFile` for the exact NTSTATUS), and the adapter's NDIS device for the private OID through
//! `IOCTL_NDIS_QUERY_GLOBAL_STATS` (NDIS issues it to the miniport as a statistics query on
//! the regular OID path).

use crate::transport::Transport;
use ipsecov2_core::control;
use windows_sys::Wdk::System::IO::NtDeviceIoControlFile;
use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_ACCESS_DENIED, ERROR_FILE_NOT_FOUND, ERROR_INSUFFICIENT_BUFFER,
    ERROR_MORE_DATA, GENERIC_READ, GENERIC_WRITE, GetLastError, HANDLE, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::IO::{DeviceIoControl, IO_STATUS_BLOCK};

/// `CTL_CODE(FILE_DEVICE_PHYSICAL_NETCARD, 0, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)` (ntddndis.h).
const IOCTL_NDIS_QUERY_GLOBAL_STATS: u32 = (0x17 << 16) | 2;
/// The first buffer: room for a few hundred bundles; grown on ERROR_INSUFFICIENT_BUFFER.
const FIRST_BUFFER: usize = 64 * 1024;
/// Enough for a million bundles; a larger answer is refused rather than chased.
const LARGEST_BUFFER: usize = 256 * 1024 * 1024;

/// A handle closed when dropped.
struct Device(HANDLE);

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: the handle came from a successful CreateFileW/CreateEventW, is owned by this
        // value alone and is closed exactly once.
        unsafe { CloseHandle(self.0) };
    }
}

/// The driver's control device, opened for synchronous I/O.
pub struct ControlDevice {
    file: Device,
}

impl ControlDevice {
    /// Opens `\\.\IpsecOv2Control` for reading and writing.
    pub fn open() -> Result<Self, String> {
        let path: Vec<u16> = control::WIN32_PATH.encode_utf16().chain(Some(0)).collect();
        // SAFETY: `path` is a NUL-terminated UTF-16 string that outlives the call; the
        // security attributes and template handle may be null.
        let handle = unsafe {
            CreateFileW(
                path.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                FILE_SHARE_READ | FILE_SHARE_WRITE,
                core::ptr::null(),
                OPEN_EXISTING,
                0,
                core::ptr::null_mut(),
            )
        };
        if handle == INVALID_HANDLE_VALUE {
            // SAFETY: reads the calling thread's last-error value; no preconditions.
            let error = unsafe { GetLastError() };
            let hint = match error {
                ERROR_FILE_NOT_FOUND => "; is the ipsecov2 driver loaded?",
                ERROR_ACCESS_DENIED => "; run from an elevated prompt",
                _ => "",
            };
            return Err(format!(
                "cannot open {} (Win32 error {error}){hint}",
                control::WIN32_PATH
            ));
        }
        Ok(Self {
            file: Device(handle),
        })
    }
}

impl Transport for ControlDevice {
    /// Issues the IOCTL with `NtDeviceIoControlFile` on the synchronous handle, which waits
    /// for completion and returns the request's own NTSTATUS: `DeviceIoControl` would turn it
    /// into a Win32 error and lose the distinction between the driver's statuses (and for a
    /// request failed at once, the I/O manager writes no status block). The byte count is the
    /// status block's `Information`, written for success and warning statuses
    /// (`STATUS_BUFFER_OVERFLOW` comes back with the reply header).
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String> {
        let input_len = u32::try_from(input.len()).map_err(|_| "request too large")?;
        let output_size = u32::try_from(output_len).map_err(|_| "reply buffer too large")?;
        let mut output = vec![0u8; output_len];
        let mut io_status = IO_STATUS_BLOCK::default();
        // SAFETY: the handle is open for synchronous I/O, so the call returns only once the
        // request has completed; `input` and `output` are valid for the lengths given and
        // outlive the call; no event or APC is used.
        let status = unsafe {
            NtDeviceIoControlFile(
                self.file.0,
                core::ptr::null_mut(),
                None,
                core::ptr::null(),
                &mut io_status,
                code,
                input.as_ptr().cast(),
                input_len,
                output.as_mut_ptr().cast(),
                output_size,
            )
        };
        // Error statuses (severity bits 11) carry no data; success and warnings do.
        let returned = if (status as u32) >> 30 == 3 {
            0
        } else {
            io_status.Information
        };
        output.truncate(returned.min(output_len));
        Ok((status, output))
    }
}

/// The bytes the miniport answered for `oid` on the adapter `guid` (`{...}` form).
pub fn query_oid(guid: &str, oid: u32) -> Result<Vec<u8>, String> {
    let path: Vec<u16> = format!(r"\\.\{guid}")
        .encode_utf16()
        .chain(Some(0))
        .collect();
    // SAFETY: `path` is a NUL-terminated UTF-16 string that outlives the call; the other
    // pointer arguments are null, which CreateFileW accepts.
    let handle = unsafe {
        CreateFileW(
            path.as_ptr(),
            0,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            core::ptr::null(),
            OPEN_EXISTING,
            0,
            core::ptr::null_mut(),
        )
    };
    if handle == INVALID_HANDLE_VALUE {
        // SAFETY: reads the calling thread's last-error value; no preconditions.
        let error = unsafe { GetLastError() };
        return Err(format!(
            "cannot open adapter {guid} (Win32 error {error}); is it an ipsecov2 adapter, and is the prompt elevated?"
        ));
    }
    let device = Device(handle);
    let mut buffer = vec![0u8; FIRST_BUFFER];
    loop {
        let mut returned = 0u32;
        // SAFETY: the input is the 4-byte OID, the output `buffer.len()` writable bytes that
        // outlive the synchronous call (no OVERLAPPED), `returned` a valid u32.
        let ok = unsafe {
            DeviceIoControl(
                device.0,
                IOCTL_NDIS_QUERY_GLOBAL_STATS,
                (&oid as *const u32).cast(),
                4,
                buffer.as_mut_ptr().cast(),
                buffer.len() as u32,
                &mut returned,
                core::ptr::null_mut(),
            )
        };
        if ok != 0 {
            buffer.truncate(returned as usize);
            return Ok(buffer);
        }
        // SAFETY: as above.
        let error = unsafe { GetLastError() };
        let grow = error == ERROR_INSUFFICIENT_BUFFER || error == ERROR_MORE_DATA;
        if !grow || buffer.len() >= LARGEST_BUFFER {
            return Err(format!(
                "query of OID {oid:#010x} on {guid} failed (Win32 error {error})"
            ));
        }
        let bigger = buffer.len() * 4;
        buffer.resize(bigger.min(LARGEST_BUFFER), 0);
    }
}
