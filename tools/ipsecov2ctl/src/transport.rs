//! The seam between the commands and the operating system: one IOCTL on the control device.
//!
//! On Windows `win32::ControlDevice` issues it with `DeviceIoControl`; tests answer with the
//! core's own reply writers. The commands never see a handle, only bytes and an NTSTATUS.

/// Sends IOCTLs to the control device.
pub trait Transport {
    /// Issues IOCTL `code` with `input` and an output buffer of `output_len` bytes. Returns
    /// the NTSTATUS the request completed with and the bytes it returned (for an error status
    /// usually none; for `STATUS_BUFFER_OVERFLOW` the reply header). `Err` means the request
    /// could not be issued or waited for at all.
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String>;
}

impl<T: Transport + ?Sized> Transport for &mut T {
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String> {
        (**self).ioctl(code, input, output_len)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String> {
        (**self).ioctl(code, input, output_len)
    }
}
