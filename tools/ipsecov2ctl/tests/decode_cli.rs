//! The built `ipsecov2ctl` binary on a report the core writes, as a user runs `decode` on a
//! reply saved with `sas --save` on Windows.

use ipsecov2_core::sa::{Direction, SaTable};
use ipsecov2_core::sa_oids::build::samples::esp_gcm128;
use ipsecov2_core::sa_report::write_report;
use std::process::Command;

fn saved_report(dir: &std::path::Path) -> std::path::PathBuf {
    let table = SaTable::new(4, 3).unwrap();
    table
        .add(esp_gcm128(Direction::Outbound, 0xABCD_0001))
        .unwrap();
    let mut buf = vec![0u8; 512];
    let n = write_report(&table, &mut buf).unwrap();
    let path = dir.join("report.bin");
    std::fs::write(&path, &buf[..n]).unwrap();
    path
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn decode_prints_a_saved_report() {
    let path = saved_report(&scratch("decode_text"));
    let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
        .args(["decode", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 SA bundle(s)"), "{text}");
    assert!(
        text.contains("ESP SPI 0xabcd0001  AesGcm128 (ICV 16)"),
        "{text}"
    );
}

#[test]
fn decode_json_is_valid() {
    let path = saved_report(&scratch("decode_json"));
    let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
        .args(["decode", "--json", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["bundles"][0]["elements"][0]["spi"], 0xABCD_0001u32);
}

#[test]
fn garbage_and_usage_errors_fail_cleanly() {
    let dir = scratch("decode_garbage");
    let junk = dir.join("junk.bin");
    std::fs::write(&junk, b"definitely not a report").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
        .args(["decode", junk.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an ipsecov2 SA report"));
    let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
        .args(["sas"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(not(windows))]
#[test]
fn control_commands_need_the_windows_device() {
    for args in [
        &["adapters"][..],
        &["selftest", "--json"],
        &["sas", "--port", "1"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("the control device exists on Windows only"),
            "{out:?}"
        );
    }
    // A usage error is reported before any device is looked for.
    let out = Command::new(env!("CARGO_BIN_EXE_ipsecov2ctl"))
        .args(["delete", "--port", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
