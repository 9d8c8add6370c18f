//! The one Win32 conversation: open the adapter's NDIS device and query an OID through
//! `IOCTL_NDIS_QUERY_GLOBAL_STATS` (NDIS issues it to the miniport as a statistics query on
//! the regular OID path).

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_INSUFFICIENT_BUFFER, ERROR_MORE_DATA, GetLastError, HANDLE,
    INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::IO::DeviceIoControl;

/// `CTL_CODE(FILE_DEVICE_PHYSICAL_NETCARD, 0, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)` (ntddndis.h).
const IOCTL_NDIS_QUERY_GLOBAL_STATS: u32 = (0x17 << 16) | 2;
/// The first buffer: room for a few hundred bundles; grown on ERROR_INSUFFICIENT_BUFFER.
const FIRST_BUFFER: usize = 64 * 1024;
/// Enough for a million bundles; a larger answer is refused rather than chased.
const LARGEST_BUFFER: usize = 256 * 1024 * 1024;

struct Device(HANDLE);

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: the handle came from a successful CreateFileW and is closed exactly once.
        unsafe { CloseHandle(self.0) };
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
