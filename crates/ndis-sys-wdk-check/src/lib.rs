//! Cross-check of `ndis-sys` against the WDK's own `ndis.h`, on a Windows host with the WDK.
//!
//! The crate has no code of its own. Its build script (on Windows hosts only) writes a wrapper
//! header that defines `NDIS_MINIPORT_DRIVER`, `NDIS_WDM` and an `NDISxxx_MINIPORT` version,
//! includes `ntddk.h` and `ndis.h` from the installed WDK (a copy of `ndis.h` in which
//! `NDIS_API_VERSION_AVAILABLE` is forced true: its token pasting only works with MSVC's
//! preprocessor), and asks clang, through bindgen, for:
//!
//! * the generated Rust type of every structure the ABI oracle (`tests/data/ndis-x64.json`)
//!   lists, and clang's own `sizeof` / `_Alignof` of it;
//! * `__builtin_offsetof` of every member path and array element the oracle lists, evaluated on
//!   the header's C paths (anonymous unions and structs included);
//! * the value of every oracle constant and of the kernel constants `ndis-sys` defines in
//!   `wdm.rs`.
//!
//! It does so twice: for NDIS 6.87, the version whose full layouts `ndis-sys` mirrors (and the
//! oracle's `size`), and for NDIS 6.30, the version the driver declares, where only the sizes
//! are compared (with the oracle's `sizeof_by_ndis_version`).
//!
//! `tests/wdk_layout.rs` then asserts, structure by structure, that `size_of`/`align_of` of the
//! `ndis-sys` type equal those of the bindgen type and clang's; that every member offset clang
//! computes equals the oracle's (which `ndis-sys/tests/abi_layout.rs` maps path by path to the
//! `ndis-sys` field, so the WDK and `ndis-sys` agree on every field); and that every constant of
//! `ndis-sys` has the header's value.
//!
//! On any other host the build script does nothing, bindgen is not a dependency, and the test
//! file compiles to no test at all.
//!
//! Where the WDK is: `WDKContentRoot` (set by an eWDK prompt and by windows-drivers-rs's
//! `install-wdk` action), else the `KitsRoot10` registry value, else
//! `C:\Program Files (x86)\Windows Kits\10`; the version is `Version_Number` or the newest
//! `Include\10.*` that has `km\ndis.h`. libclang is found by bindgen (`LIBCLANG_PATH`, or LLVM's
//! default install directory).

#![no_std]
