//! Kernel debugger output through `DbgPrintEx` (component IHVNETWORK).
//!
//! Messages are static C format strings; arguments are integers, pointers and the static
//! reason strings of the core. Key material is never passed to these macros.
//!
//! Two filters apply: the driver's own level (`DebugLevel` registry value of the adapter,
//! 0 errors only .. 3 everything, default 3; the last adapter initialised sets it) and the
//! debugger's component mask (`ed nt!Kd_IHVNETWORK_Mask 0xf` shows every level).

use core::sync::atomic::{AtomicU32, Ordering};

/// The most verbose DPFLTR level printed.
static LEVEL: AtomicU32 = AtomicU32::new(ndis_sys::DPFLTR_INFO_LEVEL);

/// Sets the most verbose level printed (from the `DebugLevel` keyword).
pub fn set_level(level: u32) {
    LEVEL.store(level.min(ndis_sys::DPFLTR_INFO_LEVEL), Ordering::Relaxed);
}

/// Whether messages of `level` are printed.
pub fn enabled(level: u32) -> bool {
    level <= LEVEL.load(Ordering::Relaxed)
}

/// Prints `ipsecov2: <fmt>\n` at the given DPFLTR level.
macro_rules! kd_print {
    ($level:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {{
        if $crate::log::enabled($level) {
            // SAFETY: the format is a NUL-terminated literal and every argument is an integer
            // or pointer matching its conversion; DbgPrintEx may be called at IRQL <= DIRQL.
            unsafe {
                ndis_sys::DbgPrintEx(
                    ndis_sys::DPFLTR_IHVNETWORK_ID,
                    $level,
                    concat!("ipsecov2: ", $fmt, "\n\0").as_ptr()
                    $(, $arg)*
                );
            }
        }
    }};
}

/// Errors: always worth a line in the debugger.
macro_rules! kd_error {
    ($($t:tt)*) => { $crate::log::kd_print!(ndis_sys::DPFLTR_ERROR_LEVEL, $($t)*) };
}

/// Lifecycle events (load, initialize, halt, SAs added and deleted, ...).
macro_rules! kd_info {
    ($($t:tt)*) => { $crate::log::kd_print!(ndis_sys::DPFLTR_INFO_LEVEL, $($t)*) };
}

pub(crate) use {kd_error, kd_info, kd_print};
