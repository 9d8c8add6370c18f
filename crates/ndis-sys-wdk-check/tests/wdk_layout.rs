//! `ndis-sys` against the WDK's `ndis.h` (bindgen and clang, through the build script).
//!
//! Only on a Windows host with the WDK (the build script generates the bindings there). On any
//! other host this file is empty: no test, nothing skipped.
//!
//! For NDIS 6.87 (the layouts `ndis-sys` mirrors), every structure of the ABI oracle:
//! * `size_of` / `align_of` of the `ndis-sys` type = those of the bindgen-generated type =
//!   clang's `sizeof` / `_Alignof`;
//! * every member path and array element the oracle lists: clang's `__builtin_offsetof` on the
//!   header = the oracle's offset. `ndis-sys/tests/abi_layout.rs` checks every one of those
//!   paths against the `ndis-sys` field it maps to, so together the two tests say the WDK and
//!   `ndis-sys` agree on every field;
//! * every constant of `ndis-sys` (`ALL_CONSTANTS`, the oracle's list) and the kernel
//!   constants of `wdm.rs`: the header's value, compared as a bit pattern of the binding's width.
//!
//! For NDIS 6.30 (the version the driver declares): the size of every structure defined at
//! 6.30 is the oracle's `sizeof_by_ndis_version["6.30"]`, for the bindgen type and for clang.

#![cfg(windows)]

/// One structure: (size, align) from each source.
struct StructCheck {
    name: &'static str,
    ndis_sys: (usize, usize),
    bindgen: (usize, usize),
    clang: (usize, usize),
    /// Size for the pass's NDIS version, and alignment, from the oracle.
    oracle: (usize, usize),
}

/// One member path: clang's offset and the oracle's.
struct MemberCheck {
    structure: &'static str,
    path: &'static str,
    clang: usize,
    oracle: usize,
}

/// One oracle constant: the header's value (`(unsigned long long)(NAME)` in C).
struct ConstantCheck {
    name: &'static str,
    clang: u64,
}

/// One kernel constant of `ndis-sys/src/wdm.rs`.
struct KernelConstantCheck {
    name: &'static str,
    ndis_sys: u64,
    width: usize,
    clang: u64,
}

/// The C types of x64 Windows (LLP64: `long` is 32 bits), which the generated code uses.
#[allow(non_camel_case_types, dead_code)]
mod llp64 {
    pub use core::ffi::c_void;
    pub type c_char = i8;
    pub type c_schar = i8;
    pub type c_uchar = u8;
    pub type c_short = i16;
    pub type c_ushort = u16;
    pub type c_int = i32;
    pub type c_uint = u32;
    pub type c_long = i32;
    pub type c_ulong = u32;
    pub type c_longlong = i64;
    pub type c_ulonglong = u64;
    pub type c_float = f32;
    pub type c_double = f64;
}

#[allow(
    warnings,
    clippy::all,
    clippy::pedantic,
    clippy::undocumented_unsafe_blocks,
    clippy::large_stack_arrays,
    clippy::large_stack_frames
)]
mod wdk687 {
    include!(concat!(env!("OUT_DIR"), "/wdk687.rs"));
}

#[allow(
    warnings,
    clippy::all,
    clippy::pedantic,
    clippy::undocumented_unsafe_blocks,
    clippy::large_stack_arrays,
    clippy::large_stack_frames
)]
mod wdk630 {
    include!(concat!(env!("OUT_DIR"), "/wdk630.rs"));
}

/// The generated tables (`checks.rs`: every structure, member path and constant per pass).
#[allow(clippy::all, clippy::pedantic)]
mod checks {
    use super::{ConstantCheck, KernelConstantCheck, MemberCheck, StructCheck, wdk630, wdk687};
    include!(concat!(env!("OUT_DIR"), "/checks.rs"));
}

use checks::{
    CONSTANTS_687, KERNEL_CONSTANTS_687, MEMBERS_687, STRUCTS_630, STRUCTS_687, WDK_INCLUDE,
};

/// `Max`/`Maximum` enumerators mark the end of an enum and grow with every kit; a difference
/// there is reported but is not an ABI mismatch.
fn is_sentinel(name: &str) -> bool {
    name.starts_with("Max") || name.ends_with("Max") || name.ends_with("Maximum")
}

/// True when the header's value (a C integer converted to `unsigned long long`, so a negative
/// 32-bit value arrives sign-extended) has the bit pattern `bits` of a binding `width` bytes wide.
fn same_bits(header: u64, bits: u64, width: usize) -> bool {
    if width >= 8 {
        return header == bits;
    }
    let mask = (1u64 << (8 * width)) - 1;
    let high = header & !mask;
    // The header's value must fit the binding's width, as an unsigned or a sign-extended value.
    let fits = high == 0 || high == !mask;
    fits && (header & mask) == (bits & mask)
}

fn ndis_sys_constant(name: &str) -> Option<u64> {
    ndis_sys::ALL_CONSTANTS
        .iter()
        .flat_map(|list| list.iter())
        .find(|(n, _)| *n == name)
        .map(|(_, bits)| *bits)
}

/// The width of an `ndis-sys` constant, from its bit pattern (the lists hold patterns masked to
/// the binding's type): at most 32 bits unless the pattern needs more.
fn width_of(bits: u64) -> usize {
    if bits > u64::from(u32::MAX) { 8 } else { 4 }
}

#[test]
fn ndis_sys_matches_the_wdk_headers() {
    let mut errors: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();

    for s in STRUCTS_687 {
        if s.ndis_sys != s.bindgen || s.ndis_sys != s.clang || s.ndis_sys != s.oracle {
            errors.push(format!(
                "NDIS 6.87 {}: (size, align) ndis-sys {:?}, bindgen {:?}, clang {:?}, oracle {:?}",
                s.name, s.ndis_sys, s.bindgen, s.clang, s.oracle
            ));
        }
    }
    for m in MEMBERS_687 {
        if m.clang != m.oracle {
            errors.push(format!(
                "NDIS 6.87 {}.{}: offset {} in the WDK header, {} in the oracle (and ndis-sys)",
                m.structure, m.path, m.clang, m.oracle
            ));
        }
    }
    for c in CONSTANTS_687 {
        match ndis_sys_constant(c.name) {
            None => errors.push(format!("{}: in the oracle but not in ndis-sys", c.name)),
            Some(bits) if !same_bits(c.clang, bits, width_of(bits)) => {
                let line = format!("{}: ndis-sys {bits:#x}, WDK header {:#x}", c.name, c.clang);
                if is_sentinel(c.name) {
                    notes.push(line);
                } else {
                    errors.push(line);
                }
            }
            Some(_) => {}
        }
    }
    for k in KERNEL_CONSTANTS_687 {
        if !same_bits(k.clang, k.ndis_sys, k.width) {
            errors.push(format!(
                "{}: ndis-sys {:#x}, WDK header {:#x}",
                k.name, k.ndis_sys, k.clang
            ));
        }
    }
    for s in STRUCTS_630 {
        if s.bindgen.0 != s.oracle.0 || s.clang.0 != s.oracle.0 {
            errors.push(format!(
                "NDIS 6.30 {}: size bindgen {}, clang {}, oracle {}",
                s.name, s.bindgen.0, s.clang.0, s.oracle.0
            ));
        }
    }

    for note in &notes {
        println!("note (end-of-enum marker, not an ABI difference): {note}");
    }
    println!(
        "wdk-check: {WDK_INCLUDE}: NDIS 6.87 {} structures, {} member offsets, {} constants, {} kernel \
         constants; NDIS 6.30 {} structure sizes; {} mismatches",
        STRUCTS_687.len(),
        MEMBERS_687.len(),
        CONSTANTS_687.len(),
        KERNEL_CONSTANTS_687.len(),
        STRUCTS_630.len(),
        errors.len()
    );
    assert!(
        errors.is_empty(),
        "ndis-sys differs from the WDK headers:\n{}",
        errors.join("\n")
    );
}
