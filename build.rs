//! Link configuration for the kernel image.
//!
//! * Windows host with the `wdk` feature: the windows-drivers-rs way. `wdk-build` finds the WDK
//!   and emits the kernel link arguments; it does not link `ndis.lib`, so we add it.
//! * Any other host building for `*-pc-windows-msvc` (the Linux cross-build): rust-lld with the
//!   same kernel link arguments, and imports declared as `raw-dylib` in `ndis-sys`, so no import
//!   library or WDK is needed. lld-link does not mark sections non-pageable under `/DRIVER` nor
//!   write a checksum without `/RELEASE`, hence the explicit `/SECTION` and `/RELEASE` flags.
//! * Host builds (tests, clippy): nothing to do.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if !target.ends_with("-pc-windows-msvc") {
        return;
    }
    if wdk_build_configured() {
        return;
    }
    for arg in KERNEL_LINK_ARGS {
        println!("cargo::rustc-cdylib-link-arg={arg}");
    }
}

/// Link arguments of a kernel-mode WDM image (the set wdk-build emits, plus lld-link's needs).
const KERNEL_LINK_ARGS: &[&str] = &[
    "/DRIVER",
    "/NODEFAULTLIB",
    "/SUBSYSTEM:NATIVE",
    "/KERNEL",
    "/ENTRY:DriverEntry",
    "/NXCOMPAT",
    "/DYNAMICBASE",
    "/OPT:REF,ICF",
    "/INTEGRITYCHECK",
    "/MANIFEST:NO",
    "/RELEASE",
    "/CETCOMPAT",
    // Windows ignores the stack fields of a driver image (kernel threads have 24 KiB stacks on
    // x64); the emulator sizes its stack from them, so they state the kernel's real size.
    "/STACK:0x6000,0x6000",
    "/MERGE:.edata=.rdata",
    "/SECTION:.text,PRE",
    "/SECTION:.rdata,PR",
    "/SECTION:.data,PRW",
    "/SECTION:.pdata,PR",
];

#[cfg(all(windows, feature = "wdk"))]
fn wdk_build_configured() -> bool {
    if let Err(error) = wdk_build::configure_wdk_binary_build() {
        panic!("wdk-build could not configure the driver build: {error:?}");
    }
    // wdk-build adds the km library directory to the search path but never links ndis.lib.
    println!("cargo::rustc-link-lib=ndis");
    true
}

#[cfg(not(all(windows, feature = "wdk")))]
fn wdk_build_configured() -> bool {
    false
}
