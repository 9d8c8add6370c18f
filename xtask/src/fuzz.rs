//! `cargo xtask fuzz-seeds` writes seed inputs for the fuzz targets (valid requests and
//! sealed frames, so libFuzzer starts from the interesting shapes); `cargo xtask fuzz SECS`
//! runs every target for SECS seconds (cargo-fuzz, stable compiler with RUSTC_BOOTSTRAP=1).

use ipsecov2_core::control::request::{Request, code_of, encode_request, output_len_for};
use ipsecov2_core::engine::frames::{esp_framed, ethernet_ipv4};
use ipsecov2_core::engine::{SendHints, seal_frame};
use ipsecov2_core::sa::SaTable;
use ipsecov2_core::sa::spec::{BundleSpec, Direction, Operation};
use ipsecov2_core::sa_oids::build::{self, samples};
use std::path::{Path, PathBuf};

/// The fuzz targets (`fuzz/fuzz_targets/*.rs`).
pub const TARGETS: [&str; 7] = [
    "inbound_open",
    "outbound_seal",
    "add_sa",
    "add_sa_ex",
    "delete_update_sa",
    "offload_parameters",
    "control_request",
];

fn write_seed(dir: &Path, name: &str, data: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("seed-{name}"));
    std::fs::write(&path, data).map_err(|e| format!("{}: {e}", path.display()))
}

/// An Ethernet/IPv4 frame to `dst` carrying ESP with `spi` and sequence number 1, framed as
/// the stack would (trailer written, zero IV and ICV space for AES-GCM with a 16-byte ICV).
fn esp_frame(dst: [u8; 4], spi: u32, payload: &[u8]) -> Vec<u8> {
    ethernet_ipv4(
        [192, 0, 2, 1],
        dst,
        50,
        &esp_framed(spi, 1, payload, 17, 16),
    )
}

/// Seals `frame` with an outbound twin of `spec`.
fn sealed(spec: BundleSpec, frame: &[u8]) -> Result<Vec<u8>, String> {
    let table = SaTable::new(1, 1).ok_or("no memory")?;
    let handle = table.add(spec).map_err(|e| e.reason().to_owned())?;
    let sa = table.get_outbound(handle).ok_or("SA vanished")?;
    let mut buffer = frame.to_vec();
    buffer.resize(frame.len() + 64, 0);
    let sealed = seal_frame(&mut buffer, frame.len(), &sa, None, &SendHints::default())
        .map_err(|e| e.reason().to_owned())?;
    buffer.truncate(sealed.len);
    Ok(buffer)
}

/// `cargo xtask fuzz-seeds`.
pub fn seeds(root: &Path) -> Result<(), String> {
    let corpus = root.join("fuzz").join("corpus");
    // Receive: frames sealed for the SAs the harness installs, and their plain forms.
    let inbound = corpus.join("inbound_open");
    for (i, payload) in [&b"a"[..], b"hello", &[0u8; 100], &[0xFF; 1400]]
        .iter()
        .enumerate()
    {
        let plain = esp_frame([192, 0, 2, 2], 0x1000, payload);
        write_seed(&inbound, &format!("plain-{i}"), &plain)?;
        write_seed(
            &inbound,
            &format!("gcm-{i}"),
            &sealed(samples::esp_gcm128(Direction::Outbound, 0x1000), &plain)?,
        )?;
        let mut to_10 = samples::esp_gcm128(Direction::Outbound, 1);
        to_10.destination = samples::addr4([10, 0, 0, 2]);
        let plain_10 = esp_frame([10, 0, 0, 2], 1, payload);
        write_seed(&inbound, &format!("gcm10-{i}"), &sealed(to_10, &plain_10)?)?;
    }
    // Send: slot-12 hints (4 bytes) then a frame.
    let outbound = corpus.join("outbound_seal");
    for (i, hints) in [0u32, 0x0500_0211, 0x0000_0011].iter().enumerate() {
        let frame = esp_frame([192, 0, 2, 2], 0x2000, b"payload");
        write_seed(
            &outbound,
            &format!("esp-{i}"),
            &[&hints.to_le_bytes()[..], &frame].concat(),
        )?;
    }
    // The SA OIDs.
    let bundles = [
        samples::esp_gcm128(Direction::Inbound, 0x1000),
        samples::esp_gcm128(Direction::Outbound, 0x1001),
        samples::esp_then_ah(Direction::Inbound, 0x2000, 0x2001),
        samples::esp_then_ah(Direction::Outbound, 0x3000, 0x3001),
    ];
    for (i, bundle) in bundles.iter().enumerate() {
        write_seed(
            &corpus.join("add_sa_ex"),
            &format!("bundle-{i}"),
            &build::add_sa_ex(bundle),
        )?;
        write_seed(
            &corpus.join("add_sa"),
            &format!("bundle-{i}"),
            &build::add_sa(bundle, 0),
        )?;
    }
    let delete_update = corpus.join("delete_update_sa");
    for (i, handle) in [0u64, 1, 0xDEAD_BEEF, u64::MAX].iter().enumerate() {
        write_seed(
            &delete_update,
            &format!("delete-{i}"),
            &build::delete_sa(*handle, 0),
        )?;
        write_seed(
            &delete_update,
            &format!("update-{i}"),
            &build::update_sa(*handle, Operation::Esp, 0x20, 3),
        )?;
    }
    let parameters = corpus.join("offload_parameters");
    for (revision, size) in [(1u8, 0x14u16), (2, 0x16), (3, 0x1A), (4, 0x20), (5, 0x22)] {
        for value in 0..=4u8 {
            let mut buffer = vec![0u8; usize::from(size)];
            buffer[0] = 0x80;
            buffer[1] = revision;
            buffer[2..4].copy_from_slice(&size.to_le_bytes());
            if buffer.len() > 0x14 {
                buffer[0x14] = value;
            }
            write_seed(&parameters, &format!("r{revision}-v{value}"), &buffer)?;
        }
    }
    let mut encapsulation = vec![0u8; 28];
    encapsulation[..4].copy_from_slice(&[0xA8, 1, 28, 0]);
    encapsulation[4] = 1;
    encapsulation[8] = 2;
    write_seed(&parameters, "encapsulation", &encapsulation)?;
    // The control device: every request well formed, with an output length that holds the
    // reply (byte 0 picks the IOCTL, bytes 1..5 a raw code, bytes 5..7 the output length).
    let control = corpus.join("control_request");
    let add = build::add_sa_ex(&samples::esp_gcm128(Direction::Inbound, 0x31));
    let frame = esp_frame([192, 0, 2, 2], 0x1000, b"control");
    let requests = [
        Request::ListAdapters,
        Request::ListSas { adapter: 0 },
        Request::AddSa {
            adapter: 0,
            add_sa_ex: &add,
        },
        Request::DeleteSa {
            adapter: 0,
            handle: 1,
        },
        Request::InjectSend {
            adapter: 0,
            handle: 1,
            tunnel: 0,
            header_info: 0,
            frame: &frame,
        },
        Request::InjectReceive {
            adapter: 0,
            frame: &frame,
        },
        Request::SelfTest,
    ];
    for (pick, request) in requests.iter().enumerate() {
        for (room, label) in [(4, "fits"), (0, "short")] {
            let out_len = if room == 0 {
                15
            } else {
                output_len_for(request, room)
            };
            let mut seed = vec![pick as u8];
            seed.extend_from_slice(&code_of(request).to_le_bytes());
            seed.extend_from_slice(&(out_len.min(0xFFFF) as u16).to_le_bytes());
            seed.extend_from_slice(&encode_request(request));
            write_seed(&control, &format!("{pick}-{label}"), &seed)?;
        }
    }
    println!("fuzz seeds written under {}", corpus.display());
    Ok(())
}

/// The command that runs one target for `seconds` (printed into the issue note as run).
pub fn command_line(target: &str, seconds: u32) -> Vec<String> {
    [
        "fuzz",
        "run",
        target,
        "--",
        &format!("-max_total_time={seconds}"),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// The corpus directory of a target.
pub fn corpus_dir(root: &Path, target: &str) -> PathBuf {
    root.join("fuzz").join("corpus").join(target)
}
