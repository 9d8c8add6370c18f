//! What a `no_std` kernel image needs besides the driver's own code.
//!
//! With the `wdk` feature (a WDK build on Windows) wdk-panic, wdk-alloc and wdk-sys provide the
//! panic handler, the allocator and the `_fltused` / C++ personality symbols. Without it (the
//! rust-lld build on Linux) this module provides them.

#[cfg(feature = "wdk")]
extern crate wdk_panic;

#[cfg(feature = "wdk")]
#[global_allocator]
static GLOBAL_ALLOCATOR: wdk_alloc::WdkAllocator = wdk_alloc::WdkAllocator;

#[cfg(not(feature = "wdk"))]
#[global_allocator]
static GLOBAL_ALLOCATOR: crate::memory::NonPagedPool = crate::memory::NonPagedPool;

/// Bug-check code for a Rust panic: "RPNC", as wdk-panic uses, so a crash dump reads the same
/// whichever way the driver was built.
#[cfg(not(feature = "wdk"))]
const RUST_PANIC_BUGCHECK: u32 = 0x5250_4E43;

/// A panic in the kernel is unrecoverable: stop the machine with a bug check that carries the
/// source location. Input from the stack or the wire must never reach here (the code uses
/// checked arithmetic and no unchecked indexing on external data).
#[cfg(not(feature = "wdk"))]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    let (file, line, column) = match info.location() {
        Some(l) => (l.file(), l.line(), l.column()),
        None => ("", 0, 0),
    };
    // SAFETY: KeBugCheckEx takes four opaque parameters and never returns; the file pointer
    // and length only end up in the crash dump.
    unsafe {
        ndis_sys::KeBugCheckEx(
            RUST_PANIC_BUGCHECK,
            file.as_ptr() as u64,
            file.len() as u64,
            u64::from(line),
            u64::from(column),
        )
    }
}

// The precompiled `core` (built with unwinding) names the MSVC C++ personality routine in its
// unwind tables, and LLVM references `_fltused` whenever floating point types appear. Nothing
// calls either at run time with panic=abort. They are defined in assembly, not as `#[no_mangle]`
// items, so that they do not appear in the image's export table.
#[cfg(not(feature = "wdk"))]
core::arch::global_asm!(
    ".section .rdata,\"dr\"",
    ".globl _fltused",
    "_fltused:",
    ".long 0",
    ".text",
    ".globl __CxxFrameHandler3",
    "__CxxFrameHandler3:",
    "xor eax, eax",
    "ret",
);
