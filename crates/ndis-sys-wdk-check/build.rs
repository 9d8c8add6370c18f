//! Build script of the WDK cross-check (see `src/lib.rs`).
//!
//! On a Windows host: finds the WDK, writes `ndis.h` with `NDIS_API_VERSION_AVAILABLE` forced
//! true, writes one wrapper header per NDIS version (6.87: full layouts and constants; 6.30:
//! sizes), runs bindgen on each and writes the table `tests/wdk_layout.rs` checks. Everything
//! lands in `OUT_DIR`. On any other host it does nothing.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    #[cfg(windows)]
    if let Err(error) = wdk::generate() {
        panic!("ndis-sys-wdk-check: {error}");
    }
}

#[cfg(windows)]
mod wdk {
    use serde_json::Value;
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Kernel constants `ndis-sys` defines in `wdm.rs` (not NDIS, so not in the oracle).
    const KERNEL_CONSTANTS: &[&str] = &[
        "POOL_FLAG_UNINITIALIZED",
        "POOL_FLAG_NON_PAGED",
        "MDL_MAPPED_TO_SYSTEM_VA",
        "MDL_SOURCE_IS_NONPAGED_POOL",
        "KernelMode",
        "MmCached",
        "NormalPagePriority",
        "MdlMappingNoExecute",
        "DPFLTR_IHVNETWORK_ID",
        "DPFLTR_ERROR_LEVEL",
        "DPFLTR_WARNING_LEVEL",
        "DPFLTR_TRACE_LEVEL",
        "DPFLTR_INFO_LEVEL",
        "STATUS_SUCCESS",
        // device.rs: the control device.
        "IRP_MJ_CREATE",
        "IRP_MJ_CLOSE",
        "IRP_MJ_DEVICE_CONTROL",
        "IRP_MJ_CLEANUP",
        "IRP_MJ_MAXIMUM_FUNCTION",
        "IO_NO_INCREMENT",
        "NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1",
        "NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1",
    ];

    /// Layouts of the kernel I/O structures `ndis-sys/src/device.rs` declares (not NDIS, so not
    /// in the oracle): (label, C expression, the `ndis-sys` expression that must equal it).
    /// They are checked like the kernel constants (8-byte width).
    const KERNEL_LAYOUTS: &[(&str, &str, &str)] = &[
        (
            "sizeof(NDIS_DEVICE_OBJECT_ATTRIBUTES)",
            "sizeof(NDIS_DEVICE_OBJECT_ATTRIBUTES)",
            "::core::mem::size_of::<::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES>()",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.DeviceName",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceName)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceName)",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.SymbolicName",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, SymbolicName)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, SymbolicName)",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.MajorFunctions",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, MajorFunctions)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, MajorFunctions)",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.ExtensionSize",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, ExtensionSize)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, ExtensionSize)",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.DefaultSDDLString",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, DefaultSDDLString)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, DefaultSDDLString)",
        ),
        (
            "NDIS_DEVICE_OBJECT_ATTRIBUTES.DeviceClassGuid",
            "__builtin_offsetof(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)",
            "::core::mem::offset_of!(::ndis_sys::NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)",
        ),
        (
            "sizeof(IRP)",
            "sizeof(IRP)",
            "::core::mem::size_of::<::ndis_sys::IRP>()",
        ),
        (
            "IRP.AssociatedIrp.SystemBuffer",
            "__builtin_offsetof(IRP, AssociatedIrp.SystemBuffer)",
            "::core::mem::offset_of!(::ndis_sys::IRP, SystemBuffer)",
        ),
        (
            "IRP.IoStatus",
            "__builtin_offsetof(IRP, IoStatus)",
            "::core::mem::offset_of!(::ndis_sys::IRP, IoStatus)",
        ),
        (
            "IO_STATUS_BLOCK.Information",
            "__builtin_offsetof(IO_STATUS_BLOCK, Information)",
            "::core::mem::offset_of!(::ndis_sys::IO_STATUS_BLOCK, Information)",
        ),
        (
            "IRP.RequestorMode",
            "__builtin_offsetof(IRP, RequestorMode)",
            "::core::mem::offset_of!(::ndis_sys::IRP, RequestorMode)",
        ),
        (
            "IRP.UserBuffer",
            "__builtin_offsetof(IRP, UserBuffer)",
            "::core::mem::offset_of!(::ndis_sys::IRP, UserBuffer)",
        ),
        (
            "IRP.Tail.Overlay.CurrentStackLocation",
            "__builtin_offsetof(IRP, Tail.Overlay.CurrentStackLocation)",
            "::core::mem::offset_of!(::ndis_sys::IRP, CurrentStackLocation)",
        ),
        (
            "sizeof(IO_STACK_LOCATION)",
            "sizeof(IO_STACK_LOCATION)",
            "::core::mem::size_of::<::ndis_sys::IO_STACK_LOCATION>()",
        ),
        (
            "IO_STACK_LOCATION.DeviceIoControl.OutputBufferLength",
            "__builtin_offsetof(IO_STACK_LOCATION, Parameters.DeviceIoControl.OutputBufferLength)",
            "::core::mem::offset_of!(::ndis_sys::IO_STACK_LOCATION, OutputBufferLength)",
        ),
        (
            "IO_STACK_LOCATION.DeviceIoControl.InputBufferLength",
            "__builtin_offsetof(IO_STACK_LOCATION, Parameters.DeviceIoControl.InputBufferLength)",
            "::core::mem::offset_of!(::ndis_sys::IO_STACK_LOCATION, InputBufferLength)",
        ),
        (
            "IO_STACK_LOCATION.DeviceIoControl.IoControlCode",
            "__builtin_offsetof(IO_STACK_LOCATION, Parameters.DeviceIoControl.IoControlCode)",
            "::core::mem::offset_of!(::ndis_sys::IO_STACK_LOCATION, IoControlCode)",
        ),
        (
            "IO_STACK_LOCATION.DeviceObject",
            "__builtin_offsetof(IO_STACK_LOCATION, DeviceObject)",
            "::core::mem::offset_of!(::ndis_sys::IO_STACK_LOCATION, DeviceObject)",
        ),
    ];

    fn layout_var(pass: &Pass, c: usize) -> String {
        format!("IPSECOV2_{}_LAYOUT_{c}", pass.version)
    }

    /// Windows 11 22H2 (`NTDDI_WIN10_NI`): the oldest target NDIS 6.87 may be compiled for; the
    /// structures compared here do not depend on it beyond that.
    const NTDDI_VERSION: &str = "0x0A00000C";

    /// One bindgen pass.
    struct Pass {
        /// `NDIS<version>_MINIPORT`, module name `wdk<version>`.
        version: &'static str,
        /// The oracle's `sizeof_by_ndis_version` key.
        oracle_version: &'static str,
        /// Member offsets and constants too (otherwise sizes only).
        full: bool,
    }

    const PASSES: &[Pass] = &[
        Pass {
            version: "687",
            oracle_version: "6.87",
            full: true,
        },
        Pass {
            version: "630",
            oracle_version: "6.30",
            full: false,
        },
    ];

    pub fn generate() -> Result<(), String> {
        for var in ["WDKContentRoot", "Version_Number", "LIBCLANG_PATH"] {
            println!("cargo::rerun-if-env-changed={var}");
        }
        let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
        let out = PathBuf::from(env("OUT_DIR")?);
        let oracle_path = manifest.join("../../tests/data/ndis-x64.json");
        println!("cargo::rerun-if-changed={}", oracle_path.display());
        let oracle: Value = serde_json::from_str(
            &std::fs::read_to_string(&oracle_path)
                .map_err(|e| format!("read {}: {e}", oracle_path.display()))?,
        )
        .map_err(|e| format!("parse {}: {e}", oracle_path.display()))?;
        let oracle = Oracle::new(&oracle)?;

        let include = wdk_include_dir()?;
        let patched = out.join("patched");
        patch_ndis_h(&include, &patched)?;
        let include_dirs = [
            patched,
            include.join("km").join("crt"),
            include.join("km"),
            include.join("shared"),
        ];
        for dir in &include_dirs {
            if !dir.is_dir() {
                return Err(format!(
                    "WDK include directory {} is missing",
                    dir.display()
                ));
            }
        }

        let mut table = String::new();
        writeln!(
            table,
            "// Generated by crates/ndis-sys-wdk-check/build.rs from {} and {}.",
            include.display(),
            oracle_path.display()
        )
        .map_err(fmt_error)?;
        writeln!(
            table,
            "pub(super) const WDK_INCLUDE: &str = {:?};",
            include.display().to_string()
        )
        .map_err(fmt_error)?;
        for pass in PASSES {
            let wrapper = wrapper_header(pass, &oracle);
            let wrapper_path = out.join(format!("wrapper{}.h", pass.version));
            std::fs::write(&wrapper_path, &wrapper)
                .map_err(|e| format!("write {}: {e}", wrapper_path.display()))?;
            let bindings = run_bindgen(pass, &oracle, &wrapper_path, &include_dirs)?;
            let rs = out.join(format!("wdk{}.rs", pass.version));
            std::fs::write(&rs, bindings).map_err(|e| format!("write {}: {e}", rs.display()))?;
            table.push_str(&check_table(pass, &oracle));
        }
        let table_path = out.join("checks.rs");
        std::fs::write(&table_path, table)
            .map_err(|e| format!("write {}: {e}", table_path.display()))?;
        Ok(())
    }

    fn env(name: &str) -> Result<String, String> {
        std::env::var(name).map_err(|_| format!("{name} is not set"))
    }

    fn fmt_error(error: std::fmt::Error) -> String {
        format!("formatting the table: {error}")
    }

    // ---------------------------------------------------------------------------------------
    // The oracle: what to ask clang about.
    // ---------------------------------------------------------------------------------------

    struct Structure {
        name: String,
        size: u64,
        align: u64,
        /// (C member path, offset): `fields` then `array_elements`.
        members: Vec<(String, u64)>,
        /// Size per NDIS version; `None` inside = not defined for that version.
        by_version: Option<Vec<(String, Option<u64>)>>,
    }

    impl Structure {
        /// The expected size for an NDIS version: `None` if the structure does not exist then.
        fn size_for(&self, version: &str) -> Option<u64> {
            match &self.by_version {
                None => Some(self.size),
                Some(sizes) => match sizes.iter().find(|(v, _)| v == version) {
                    Some((_, size)) => *size,
                    // Versions the oracle does not list have the NDIS 6.87 size.
                    None => Some(self.size),
                },
            }
        }
    }

    struct Oracle {
        structures: Vec<Structure>,
        constants: Vec<String>,
    }

    impl Oracle {
        fn new(json: &Value) -> Result<Self, String> {
            let structs = json["structs"]
                .as_object()
                .ok_or("oracle: no `structs` object")?;
            let mut structures = Vec::new();
            for (name, s) in structs {
                if !is_identifier(name) {
                    return Err(format!(
                        "oracle: structure name {name:?} is not a C identifier"
                    ));
                }
                let number = |v: &Value, what: &str| {
                    v.as_u64()
                        .ok_or_else(|| format!("oracle: {name}.{what} is not a number"))
                };
                let mut members = Vec::new();
                for key in ["fields", "array_elements"] {
                    if let Some(map) = s[key].as_object() {
                        for (path, offset) in map {
                            if !is_member_path(path) {
                                return Err(format!("oracle: {name}: bad member path {path:?}"));
                            }
                            members.push((path.clone(), number(offset, path)?));
                        }
                    }
                }
                let by_version = s["sizeof_by_ndis_version"].as_object().map(|map| {
                    map.iter()
                        .map(|(version, size)| (version.clone(), size.as_u64()))
                        .collect()
                });
                structures.push(Structure {
                    name: name.clone(),
                    size: number(&s["size"], "size")?,
                    align: number(&s["align"], "align")?,
                    members,
                    by_version,
                });
            }
            let constants: Vec<String> = json["constants"]
                .as_object()
                .ok_or("oracle: no `constants` object")?
                .keys()
                .cloned()
                .collect();
            if let Some(bad) = constants.iter().find(|c| !is_identifier(c)) {
                return Err(format!("oracle: constant {bad:?} is not a C identifier"));
            }
            Ok(Self {
                structures,
                constants,
            })
        }
    }

    fn is_identifier(s: &str) -> bool {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    }

    /// `a.b.c` or `a[3]` (what `__builtin_offsetof` accepts as a member designator).
    fn is_member_path(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
    }

    // ---------------------------------------------------------------------------------------
    // The WDK.
    // ---------------------------------------------------------------------------------------

    /// `<kit>\Include\<version>`.
    fn wdk_include_dir() -> Result<PathBuf, String> {
        let root = match std::env::var_os("WDKContentRoot") {
            Some(root) if !root.is_empty() => PathBuf::from(root),
            _ => registry_kits_root()
                .unwrap_or_else(|| PathBuf::from(r"C:\Program Files (x86)\Windows Kits\10")),
        };
        let include = root.join("Include");
        let has_ndis = |version_dir: &Path| version_dir.join("km").join("ndis.h").is_file();
        if let Ok(version) = std::env::var("Version_Number") {
            let dir = include.join(&version);
            if has_ndis(&dir) {
                return Ok(dir);
            }
            println!(
                "cargo::warning=Version_Number={version}, but {} has no km\\ndis.h; using the newest kit",
                dir.display()
            );
        }
        let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(&include)
            .map_err(|e| {
                format!(
                    "no WDK found at {} ({e}); set WDKContentRoot (an eWDK prompt does)",
                    include.display()
                )
            })?
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let parts: Option<Vec<u32>> = name.split('.').map(|p| p.parse().ok()).collect();
                Some((parts?, entry.path()))
            })
            .filter(|(_, path)| has_ndis(path))
            .collect();
        versions.sort();
        versions.pop().map(|(_, path)| path).ok_or_else(|| {
            format!(
                "no {}\\<version>\\km\\ndis.h: install the WDK or set WDKContentRoot",
                include.display()
            )
        })
    }

    /// `KitsRoot10` from the registry, through `reg.exe` (no registry crate needed).
    fn registry_kits_root() -> Option<PathBuf> {
        let output = Command::new("reg")
            .args([
                "query",
                r"HKLM\SOFTWARE\Microsoft\Windows Kits\Installed Roots",
                "/v",
                "KitsRoot10",
            ])
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&output.stdout);
        text.lines().find_map(|line| {
            let (_, value) = line.split_once("REG_SZ")?;
            let value = value.trim();
            (!value.is_empty()).then(|| PathBuf::from(value))
        })
    }

    /// Writes `<dir>\ndis.h`: the kit's `ndis.h` with every definition of
    /// `NDIS_API_VERSION_AVAILABLE(major, minor)` replaced by one that is always true. The
    /// header's version (`0x ## major` pasting) relies on MSVC's preprocessor and fails in
    /// clang on `NDIS_API_VERSION_AVAILABLE(NDIS_MINIPORT_MAJOR_VERSION, ...)`; on x64 every
    /// NDIS 6 API is available, so "true" is what MSVC computes there.
    fn patch_ndis_h(include: &Path, dir: &Path) -> Result<(), String> {
        let source = include.join("km").join("ndis.h");
        println!("cargo::rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source)
            .map_err(|e| format!("read {}: {e}", source.display()))?;
        let mut patched = String::with_capacity(text.len() + 256);
        let mut replaced = 0;
        let mut continuation = false;
        for line in text.split_inclusive('\n') {
            if continuation {
                // Still inside a replaced multi-line definition.
                continuation = line.trim_end().ends_with('\\');
                continue;
            }
            let directive: String = line
                .trim_start()
                .chars()
                .filter(|c| *c != ' ' && *c != '\t')
                .collect();
            if directive.starts_with("#defineNDIS_API_VERSION_AVAILABLE(") {
                patched.push_str(
                    "#define NDIS_API_VERSION_AVAILABLE(major, minor) (1) /* ipsecov2: forced */\n",
                );
                replaced += 1;
                continuation = line.trim_end().ends_with('\\');
                continue;
            }
            patched.push_str(line);
        }
        if replaced == 0 {
            println!(
                "cargo::warning={} defines no NDIS_API_VERSION_AVAILABLE; used unpatched",
                source.display()
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        let target = dir.join("ndis.h");
        std::fs::write(&target, patched).map_err(|e| format!("write {}: {e}", target.display()))
    }

    // ---------------------------------------------------------------------------------------
    // What clang is asked.
    // ---------------------------------------------------------------------------------------

    fn size_var(pass: &Pass, s: usize) -> String {
        format!("IPSECOV2_{}_SIZE_{s}", pass.version)
    }
    fn align_var(pass: &Pass, s: usize) -> String {
        format!("IPSECOV2_{}_ALIGN_{s}", pass.version)
    }
    fn member_var(pass: &Pass, s: usize, m: usize) -> String {
        format!("IPSECOV2_{}_OFFSET_{s}_{m}", pass.version)
    }
    fn constant_var(pass: &Pass, c: usize) -> String {
        format!("IPSECOV2_{}_CONST_{c}", pass.version)
    }
    fn kernel_var(pass: &Pass, c: usize) -> String {
        format!("IPSECOV2_{}_KERNEL_{c}", pass.version)
    }

    /// The structures a pass looks at (index into the oracle list, expected size).
    fn structures(pass: &Pass, oracle: &Oracle) -> Vec<(usize, u64)> {
        oracle
            .structures
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.size_for(pass.oracle_version)?)))
            .collect()
    }

    fn wrapper_header(pass: &Pass, oracle: &Oracle) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "/* Generated by crates/ndis-sys-wdk-check/build.rs: NDIS {} miniport view. */\n\
             #define _AMD64_ 1\n\
             #define AMD64 1\n\
             #define _KERNEL_MODE 1\n\
             #define _WIN32_WINNT 0x0A00\n\
             #define WINVER 0x0A00\n\
             #define NTDDI_VERSION {NTDDI_VERSION}\n\
             #define NDIS_MINIPORT_DRIVER 1\n\
             #define NDIS_WDM 1\n\
             #define NDIS{}_MINIPORT 1\n\
             #include <ntddk.h>\n\
             #include <ndis.h>\n\n",
            pass.oracle_version, pass.version
        );
        for (i, _) in structures(pass, oracle) {
            let s = &oracle.structures[i];
            let _ = writeln!(
                h,
                "static const unsigned long long {} = sizeof({});",
                size_var(pass, i),
                s.name
            );
            let _ = writeln!(
                h,
                "static const unsigned long long {} = _Alignof({});",
                align_var(pass, i),
                s.name
            );
            if pass.full {
                for (m, (path, _)) in s.members.iter().enumerate() {
                    let _ = writeln!(
                        h,
                        "static const unsigned long long {} = __builtin_offsetof({}, {path});",
                        member_var(pass, i, m),
                        s.name
                    );
                }
            }
        }
        if pass.full {
            for (c, name) in oracle.constants.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "static const unsigned long long {} = (unsigned long long)({name});",
                    constant_var(pass, c)
                );
            }
            for (c, name) in KERNEL_CONSTANTS.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "static const unsigned long long {} = (unsigned long long)({name});",
                    kernel_var(pass, c)
                );
            }
            for (c, (_, expression, _)) in KERNEL_LAYOUTS.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "static const unsigned long long {} = (unsigned long long)({expression});",
                    layout_var(pass, c)
                );
            }
        }
        h
    }

    fn run_bindgen(
        pass: &Pass,
        oracle: &Oracle,
        wrapper: &Path,
        include_dirs: &[PathBuf],
    ) -> Result<String, String> {
        let mut builder = bindgen::Builder::default()
            .header(wrapper.to_string_lossy())
            // The kit's km\crt headers, not the host compiler's.
            .detect_include_paths(false)
            .clang_arg("--target=x86_64-pc-windows-msvc")
            .clang_args([
                "-fms-compatibility",
                "-fms-extensions",
                "-fno-builtin",
                // Noise the WDK headers produce under clang.
                "-Wno-nonportable-include-path",
                "-Wno-pragma-pack",
                "-Wno-ignored-attributes",
                "-Wno-ignored-pragma-intrinsic",
                "-Wno-visibility",
                "-Wno-switch",
                "-Wno-comment",
                "-Wno-deprecated-declarations",
                "-Wno-invalid-token-paste",
                "-Wno-microsoft",
            ])
            .clang_args(include_dirs.iter().map(|d| format!("-I{}", d.display())))
            .allowlist_var(format!("IPSECOV2_{}_.*", pass.version))
            .use_core()
            // The x64 Windows C types (LLP64) whatever the host: `tests/wdk_layout.rs` defines
            // them next to the generated modules.
            .ctypes_prefix("super::llp64")
            .layout_tests(false)
            .derive_debug(false)
            .derive_default(false)
            .generate_comments(false)
            .wrap_unsafe_ops(true);
        for (i, _) in structures(pass, oracle) {
            builder = builder.allowlist_type(&oracle.structures[i].name);
        }
        builder
            .generate()
            .map(|bindings| bindings.to_string())
            .map_err(|e| {
                format!(
                    "bindgen on {} (NDIS{}_MINIPORT) failed: {e}",
                    wrapper.display(),
                    pass.version
                )
            })
    }

    /// The Rust table `tests/wdk_layout.rs` includes, for one pass.
    fn check_table(pass: &Pass, oracle: &Oracle) -> String {
        let m = format!("wdk{}", pass.version);
        let mut t = String::new();
        let selected = structures(pass, oracle);
        let _ = writeln!(
            t,
            "\n/// NDIS {}: every structure of the pass.",
            pass.oracle_version
        );
        let _ = writeln!(
            t,
            "pub(super) static STRUCTS_{}: &[StructCheck] = &[",
            pass.version
        );
        for &(i, expected) in &selected {
            let s = &oracle.structures[i];
            let n = &s.name;
            let _ = writeln!(
                t,
                "    StructCheck {{ name: {n:?}, \
                 ndis_sys: (::core::mem::size_of::<::ndis_sys::{n}>(), ::core::mem::align_of::<::ndis_sys::{n}>()), \
                 bindgen: (::core::mem::size_of::<{m}::{n}>(), ::core::mem::align_of::<{m}::{n}>()), \
                 clang: ({m}::{} as usize, {m}::{} as usize), \
                 oracle: ({expected}, {}) }},",
                size_var(pass, i),
                align_var(pass, i),
                s.align
            );
        }
        let _ = writeln!(t, "];");
        if !pass.full {
            return t;
        }
        let _ = writeln!(
            t,
            "\n/// NDIS {}: every member path of the oracle.",
            pass.oracle_version
        );
        let _ = writeln!(
            t,
            "pub(super) static MEMBERS_{}: &[MemberCheck] = &[",
            pass.version
        );
        for &(i, _) in &selected {
            let s = &oracle.structures[i];
            for (k, (path, offset)) in s.members.iter().enumerate() {
                let _ = writeln!(
                    t,
                    "    MemberCheck {{ structure: {:?}, path: {path:?}, clang: {m}::{} as usize, oracle: {offset} }},",
                    s.name,
                    member_var(pass, i, k)
                );
            }
        }
        let _ = writeln!(t, "];");
        let _ = writeln!(
            t,
            "\n/// NDIS {}: every constant of the oracle.",
            pass.oracle_version
        );
        let _ = writeln!(
            t,
            "pub(super) static CONSTANTS_{}: &[ConstantCheck] = &[",
            pass.version
        );
        for (c, name) in oracle.constants.iter().enumerate() {
            let _ = writeln!(
                t,
                "    ConstantCheck {{ name: {name:?}, clang: {m}::{} as u64 }},",
                constant_var(pass, c)
            );
        }
        let _ = writeln!(t, "];");
        let _ = writeln!(t, "\n/// The kernel constants of `ndis-sys/src/wdm.rs`.");
        let _ = writeln!(
            t,
            "pub(super) static KERNEL_CONSTANTS_{}: &[KernelConstantCheck] = &[",
            pass.version
        );
        for (c, name) in KERNEL_CONSTANTS.iter().enumerate() {
            let _ = writeln!(
                t,
                "    KernelConstantCheck {{ name: {name:?}, ndis_sys: ::ndis_sys::{name} as u64, \
                 width: ::core::mem::size_of_val(&::ndis_sys::{name}), clang: {m}::{} as u64 }},",
                kernel_var(pass, c)
            );
        }
        for (c, (label, _, rust)) in KERNEL_LAYOUTS.iter().enumerate() {
            let _ = writeln!(
                t,
                "    KernelConstantCheck {{ name: {label:?}, ndis_sys: ({rust}) as u64, \
                 width: 8, clang: {m}::{} as u64 }},",
                layout_var(pass, c)
            );
        }
        let _ = writeln!(t, "];");
        t
    }
}
