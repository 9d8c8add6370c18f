//! Static checks of the built kernel image (`ipsecov2.sys`) as a PE file.
//!
//! The image is the one `cargo xtask package` produced (path in `IPSECOV2_SYS`, default
//! `target/package/ipsecov2/ipsecov2.sys`). These are the properties the Windows loader and
//! code integrity require of a driver, or that the project's kernel rules demand.

use object::LittleEndian as LE;
use object::pe::{
    IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE, IMAGE_DLLCHARACTERISTICS_FORCE_INTEGRITY,
    IMAGE_DLLCHARACTERISTICS_NX_COMPAT, IMAGE_FILE_MACHINE_AMD64, IMAGE_FILE_RELOCS_STRIPPED,
    IMAGE_SCN_MEM_DISCARDABLE, IMAGE_SCN_MEM_EXECUTE, IMAGE_SCN_MEM_NOT_PAGED, IMAGE_SCN_MEM_WRITE,
    IMAGE_SUBSYSTEM_NATIVE,
};
use object::read::pe::{ImageNtHeaders, ImageOptionalHeader, PeFile64};
use std::collections::BTreeSet;
use std::path::PathBuf;

const ALLOWED_MODULES: [&str; 3] = ["ntoskrnl.exe", "ndis.sys", "hal.dll"];
/// Largest stack frame the image may allocate: one page, so no `__chkstk` probe is needed
/// (the kernel has none to import) and the 12–24 KiB kernel stack is not exhausted.
const MAX_FRAME: u32 = 4096;

fn image_path() -> PathBuf {
    std::env::var_os("IPSECOV2_SYS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/package/ipsecov2/ipsecov2.sys")
        })
}

fn image() -> Vec<u8> {
    let path = image_path();
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); build it with `cargo xtask package`",
            path.display()
        )
    })
}

#[test]
fn header_identifies_a_native_amd64_driver() {
    let data = image();
    let pe = PeFile64::parse(&*data).expect("a PE32+ image");
    let file = pe.nt_headers().file_header();
    assert_eq!(file.machine.get(LE), IMAGE_FILE_MACHINE_AMD64, "machine");
    assert_eq!(
        file.characteristics.get(LE) & IMAGE_FILE_RELOCS_STRIPPED,
        0,
        "relocs stripped"
    );
    let optional = pe.nt_headers().optional_header();
    assert_eq!(optional.subsystem(), IMAGE_SUBSYSTEM_NATIVE, "subsystem");
    let dll = optional.dll_characteristics();
    for (flag, name) in [
        (IMAGE_DLLCHARACTERISTICS_NX_COMPAT, "NX_COMPAT"),
        (IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE, "DYNAMIC_BASE"),
        (IMAGE_DLLCHARACTERISTICS_FORCE_INTEGRITY, "FORCE_INTEGRITY"),
    ] {
        assert_ne!(
            dll & flag,
            0,
            "{name} not set in DllCharacteristics {dll:#x}"
        );
    }
}

#[test]
fn entry_point_is_the_only_export_driver_entry() {
    let data = image();
    let pe = PeFile64::parse(&*data).unwrap();
    let entry = pe.nt_headers().optional_header().address_of_entry_point();
    let table = pe.export_table().unwrap().expect("an export table");
    let mut names = Vec::new();
    for export in table.exports().unwrap() {
        let name = String::from_utf8_lossy(export.name.unwrap_or_default()).into_owned();
        if name == "DriverEntry" {
            match export.target {
                object::read::pe::ExportTarget::Address(rva) => {
                    assert_eq!(rva, entry, "entry point is not DriverEntry")
                }
                other => panic!("DriverEntry is not an address: {other:?}"),
            }
        }
        names.push(name);
    }
    assert_eq!(names, ["DriverEntry"], "exports");
}

fn imports(data: &[u8]) -> BTreeSet<String> {
    let pe = PeFile64::parse(data).unwrap();
    let table = pe.import_table().unwrap().expect("an import table");
    let mut all = BTreeSet::new();
    let mut descriptors = table.descriptors().unwrap();
    while let Some(descriptor) = descriptors.next().unwrap() {
        let module = String::from_utf8_lossy(table.name(descriptor.name.get(LE)).unwrap())
            .to_ascii_lowercase();
        let first = match descriptor.original_first_thunk.get(LE) {
            0 => descriptor.first_thunk.get(LE),
            rva => rva,
        };
        let mut thunks = table.thunks(first).unwrap();
        while let Some(thunk) = thunks.next::<object::pe::ImageNtHeaders64>().unwrap() {
            let name = match table.import::<object::pe::ImageNtHeaders64>(thunk).unwrap() {
                object::read::pe::Import::Name(_, name) => {
                    String::from_utf8_lossy(name).into_owned()
                }
                object::read::pe::Import::Ordinal(n) => format!("#{n}"),
            };
            all.insert(format!("{module}!{name}"));
        }
    }
    all
}

fn allow_list() -> BTreeSet<String> {
    let text = include_str!("data/import-allowlist.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn imports_are_kernel_functions_on_the_allow_list() {
    let data = image();
    let imported = imports(&data);
    assert!(
        imported.contains("ndis.sys!NdisMRegisterMiniportDriver"),
        "{imported:?}"
    );
    let allowed = allow_list();
    for import in &imported {
        let module = import.split('!').next().unwrap();
        assert!(
            ALLOWED_MODULES.contains(&module),
            "import from a non-kernel module: {import}"
        );
        assert!(
            allowed.contains(import),
            "import not on tests/data/import-allowlist.txt: {import}"
        );
    }
    println!("{} imports, all on the allow-list", imported.len());
}

#[test]
fn allow_list_names_only_functions_the_bindings_declare() {
    let declared: BTreeSet<String> = ndis_sys::IMPORTED_FUNCTIONS
        .iter()
        .flat_map(|list| list.iter())
        .map(|(module, name)| format!("{module}!{name}"))
        .collect();
    for entry in allow_list() {
        assert!(
            declared.contains(&entry),
            "{entry} is allowed but ndis-sys does not declare it"
        );
    }
}

#[test]
fn sections_are_never_writable_and_executable_and_never_pageable() {
    let data = image();
    let pe = PeFile64::parse(&*data).unwrap();
    let mut checked = 0;
    for section in pe.section_table().iter() {
        let name = String::from_utf8_lossy(section.raw_name())
            .trim_end_matches('\0')
            .to_owned();
        let flags = section.characteristics.get(LE);
        assert!(
            flags & IMAGE_SCN_MEM_WRITE == 0 || flags & IMAGE_SCN_MEM_EXECUTE == 0,
            "section {name} is writable and executable ({flags:#x})"
        );
        if flags & IMAGE_SCN_MEM_DISCARDABLE == 0 {
            assert_ne!(
                flags & IMAGE_SCN_MEM_NOT_PAGED,
                0,
                "section {name} is pageable ({flags:#x})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "expected at least code and data sections");
}

/// The PE checksum algorithm: 16-bit one's-complement-style sum of the file with the checksum
/// field taken as zero, folded, plus the file length.
fn pe_checksum(data: &[u8], checksum_offset: usize) -> u32 {
    let mut sum: u64 = 0;
    for (i, chunk) in data.chunks(2).enumerate() {
        let offset = i * 2;
        if offset == checksum_offset || offset == checksum_offset + 2 {
            continue;
        }
        let word = u64::from(chunk[0]) | (u64::from(*chunk.get(1).unwrap_or(&0)) << 8);
        sum += word;
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    sum = (sum & 0xFFFF) + (sum >> 16);
    (sum as u32).wrapping_add(data.len() as u32)
}

#[test]
fn checksum_is_valid() {
    let data = image();
    let pe_offset = u32::from_le_bytes(data[0x3C..0x40].try_into().unwrap()) as usize;
    // Signature (4) + file header (20) + 64 bytes into the optional header.
    let checksum_offset = pe_offset + 4 + 20 + 64;
    let stored = u32::from_le_bytes(
        data[checksum_offset..checksum_offset + 4]
            .try_into()
            .unwrap(),
    );
    assert_ne!(
        stored, 0,
        "no checksum (lld-link writes one only with /RELEASE)"
    );
    assert_eq!(stored, pe_checksum(&data, checksum_offset), "checksum");
}

#[test]
fn stack_frames_stay_under_one_page() {
    let data = image();
    let pe = PeFile64::parse(&*data).unwrap();
    let mut largest = 0u32;
    let mut frames = 0;
    for section in pe.section_table().iter() {
        if section.characteristics.get(LE) & IMAGE_SCN_MEM_EXECUTE == 0 {
            continue;
        }
        let code = section.pe_data(&*data).unwrap();
        // `sub rsp, imm32` (48 81 EC) and `sub rsp, imm8` (48 83 EC) in prologues.
        for window in code.windows(7) {
            if window[..3] == [0x48, 0x81, 0xEC] {
                let size = u32::from_le_bytes(window[3..7].try_into().unwrap());
                largest = largest.max(size);
                frames += 1;
            } else if window[..3] == [0x48, 0x83, 0xEC] {
                largest = largest.max(u32::from(window[3]));
                frames += 1;
            }
        }
    }
    assert!(
        frames > 0,
        "no stack frame allocations found: is this x64 code?"
    );
    assert!(
        largest < MAX_FRAME,
        "a function allocates a {largest}-byte stack frame"
    );
    println!("{frames} frame allocations, largest {largest} bytes");
}

/// The VEX/EVEX/XOP-encoded instructions (AVX and wider) in `code` loaded at `base`.
fn wide_vector_instructions(code: &[u8], base: u64) -> (usize, Vec<String>) {
    use iced_x86::{Decoder, DecoderOptions, EncodingKind, Formatter, IntelFormatter};
    let mut decoded = 0usize;
    let mut offenders = Vec::new();
    let mut decoder = Decoder::with_ip(64, code, base, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    for instruction in &mut decoder {
        decoded += 1;
        if !matches!(
            instruction.encoding(),
            EncodingKind::Legacy | EncodingKind::D3NOW
        ) {
            let mut text = String::new();
            formatter.format(&instruction, &mut text);
            offenders.push(format!("{:#x}: {text}", instruction.ip()));
        }
    }
    (decoded, offenders)
}

#[test]
fn the_avx_detector_sees_avx() {
    // aesenc xmm0, xmm1 (legacy SSE encoding) then vzeroupper and vaesenc ymm0, ymm1, ymm2.
    let code = [
        0x66, 0x0F, 0x38, 0xDC, 0xC1, 0xC5, 0xF8, 0x77, 0xC4, 0xE2, 0x75, 0xDC, 0xC2,
    ];
    let (decoded, offenders) = wide_vector_instructions(&code, 0x1000);
    assert_eq!(decoded, 3);
    assert_eq!(offenders.len(), 2, "{offenders:?}");
}

/// The kernel saves no AVX state for a driver: no VEX/EVEX/XOP-encoded instruction (AVX,
/// AVX2, AVX-512, VAES with YMM, ...) may appear in the image, since this driver does not use
/// `KeSaveExtendedProcessorState`. SSE, AES-NI, PCLMULQDQ and SHA-NI (legacy encodings) are
/// fine on x64.
#[test]
fn no_avx_instructions() {
    let data = image();
    let pe = PeFile64::parse(&*data).unwrap();
    let mut decoded = 0usize;
    let mut offenders = Vec::new();
    for section in pe.section_table().iter() {
        if section.characteristics.get(LE) & IMAGE_SCN_MEM_EXECUTE == 0 {
            continue;
        }
        let code = section.pe_data(&*data).unwrap();
        let (count, found) =
            wide_vector_instructions(code, u64::from(section.virtual_address.get(LE)));
        decoded += count;
        offenders.extend(found);
    }
    assert!(decoded > 1000, "only {decoded} instructions decoded");
    assert!(
        offenders.is_empty(),
        "{} VEX/EVEX instructions, first: {:?}",
        offenders.len(),
        &offenders[..offenders.len().min(10)]
    );
    println!("{decoded} instructions, none VEX/EVEX/XOP encoded");
}
