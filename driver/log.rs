//! Kernel debugger output through `DbgPrintEx` (component IHVNETWORK).
//!
//! Messages are static C format strings; arguments are integers or pointers only. Key
//! material is never passed to these macros.

/// Prints `ipsecov2: <fmt>\n` at the given DPFLTR level.
macro_rules! kd_print {
    ($level:expr, $fmt:literal $(, $arg:expr)* $(,)?) => {{
        // SAFETY: the format is a NUL-terminated literal and every argument is an integer or
        // pointer matching its conversion; DbgPrintEx may be called at any IRQL <= DIRQL.
        unsafe {
            ndis_sys::DbgPrintEx(
                ndis_sys::DPFLTR_IHVNETWORK_ID,
                $level,
                concat!("ipsecov2: ", $fmt, "\n\0").as_ptr()
                $(, $arg)*
            );
        }
    }};
}

/// Errors: always worth a line in the debugger.
macro_rules! kd_error {
    ($($t:tt)*) => { $crate::log::kd_print!(ndis_sys::DPFLTR_ERROR_LEVEL, $($t)*) };
}

/// Lifecycle events (load, initialize, halt, ...).
macro_rules! kd_info {
    ($($t:tt)*) => { $crate::log::kd_print!(ndis_sys::DPFLTR_INFO_LEVEL, $($t)*) };
}

pub(crate) use {kd_error, kd_info, kd_print};
