//! The steps of `package` and `test`, each a command run in the workspace root.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Target triple of the kernel image.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-msvc";
/// Environment variable the PE checks and the emulator read the image path from.
pub const SYS_ENV: &str = "IPSECOV2_SYS";

/// The files of a built driver package.
pub struct Package {
    pub dir: PathBuf,
    pub sys: PathBuf,
    pub inf: PathBuf,
}

/// The workspace root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// Runs a command in the workspace root, echoing it; an error if it fails.
fn run(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    println!("xtask: $ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in envs {
        command.env(key, value);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` failed with {status}",
            args.join(" ")
        ))
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Makes sure the Windows target's standard library is installed (rustup, if present; the
/// toolchain file also asks rustup for it).
fn ensure_windows_target() -> Result<(), String> {
    let installed = Command::new("rustc")
        .args(["--print", "target-libdir", "--target", WINDOWS_TARGET])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .is_some_and(|dir| dir.join("libcore.rlib").exists() || has_core_rlib(&dir));
    if installed {
        return Ok(());
    }
    run("rustup", &["target", "add", WINDOWS_TARGET], &[]).map_err(|e| {
        format!("the {WINDOWS_TARGET} target is needed and could not be installed: {e}")
    })
}

fn has_core_rlib(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
    })
}

/// Environment of the cross-build: rust-lld as the linker unless the user chose one.
fn cross_env() -> Vec<(&'static str, String)> {
    const LINKER: &str = "CARGO_TARGET_X86_64_PC_WINDOWS_MSVC_LINKER";
    let linker = std::env::var(LINKER).unwrap_or_else(|_| "rust-lld".into());
    vec![(LINKER, linker)]
}

fn cross_cargo(args: &[&str]) -> Result<(), String> {
    let env = cross_env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    run(&cargo(), args, &env)
}

/// `cargo xtask package`.
pub fn package() -> Result<Package, String> {
    ensure_windows_target()?;
    cross_cargo(&[
        "build",
        "--locked",
        "--release",
        "--package",
        "ipsecov2",
        "--target",
        WINDOWS_TARGET,
        "--no-default-features",
    ])?;
    let built = target_dir()
        .join(WINDOWS_TARGET)
        .join("release")
        .join("ipsecov2.dll");
    let dir = target_dir().join("package").join("ipsecov2");
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let sys = dir.join("ipsecov2.sys");
    std::fs::copy(&built, &sys)
        .map_err(|e| format!("copy {} to {}: {e}", built.display(), sys.display()))?;
    let pdb = built.with_extension("pdb");
    if pdb.exists() {
        let _ = std::fs::copy(&pdb, dir.join("ipsecov2.pdb"));
    }
    let inx_path = root().join("inf").join("ipsecov2.inx");
    let inx = std::fs::read_to_string(&inx_path)
        .map_err(|e| format!("read {}: {e}", inx_path.display()))?;
    let version = env!("CARGO_PKG_VERSION");
    let rendered =
        crate::inf::render(&inx, "amd64", &crate::inf::today(), version, "ipsecov2.cat")?;
    let inf = dir.join("ipsecov2.inf");
    std::fs::write(&inf, rendered).map_err(|e| format!("write {}: {e}", inf.display()))?;
    Ok(Package { dir, sys, inf })
}

/// `cargo xtask emulator [args]`: the emulator scenarios on the image named by
/// `IPSECOV2_SYS`, or on the packaged one.
pub fn emulator(args: &[String]) -> Result<(), String> {
    let sys = std::env::var(SYS_ENV).map_or_else(
        |_| {
            target_dir()
                .join("package")
                .join("ipsecov2")
                .join("ipsecov2.sys")
        },
        PathBuf::from,
    );
    run_emulator(&sys, args)
}

/// Sets up the Python environment (pinned, under `target/`) and runs the scenarios on `sys`.
fn run_emulator(sys: &Path, args: &[String]) -> Result<(), String> {
    if !sys.exists() {
        return Err(format!(
            "{} does not exist: run `cargo xtask package` first",
            sys.display()
        ));
    }
    run("bash", &["tests/emulator/setup_venv.sh"], &[])?;
    let python = target_dir()
        .join("emulator-venv")
        .join("bin")
        .join("python");
    let python = python.to_string_lossy().into_owned();
    let sys = sys.to_string_lossy().into_owned();
    let mut run_args = vec!["tests/emulator/run.py", "--sys", sys.as_str()];
    run_args.extend(args.iter().map(String::as_str));
    run(&python, &run_args, &[])
}

/// `cargo xtask test`.
pub fn test_all() -> Result<(), String> {
    let cargo = cargo();
    ensure_windows_target()?;
    run(&cargo, &["fmt", "--all", "--", "--check"], &[])?;
    run(
        &cargo,
        &[
            "clippy",
            "--locked",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cross_cargo(&[
        "clippy",
        "--locked",
        "--target",
        WINDOWS_TARGET,
        "--no-default-features",
        "--package",
        "ipsecov2",
        "--package",
        "ndis-sys",
        "--package",
        "ipsecov2-core",
        "--",
        "-D",
        "warnings",
    ])?;
    // The user-mode reader (std, windows-sys) type-checks for Windows on this host.
    cross_cargo(&[
        "clippy",
        "--locked",
        "--target",
        WINDOWS_TARGET,
        "--package",
        "ipsecov2ctl",
        "--",
        "-D",
        "warnings",
    ])?;
    run("bash", &["tests/ci/actionlint.sh"], &[])?;
    let package = package()?;
    let sys = package.sys.to_string_lossy().into_owned();
    run(
        &cargo,
        &["test", "--locked", "--workspace"],
        &[(SYS_ENV, sys.as_str())],
    )?;
    loom()?;
    interop()?;
    run_emulator(&package.sys, &[])?;
    println!("xtask: all checks passed");
    Ok(())
}

/// The loom model of the SA table's concurrency (its own target directory: `--cfg loom`
/// changes every crate's build).
fn loom() -> Result<(), String> {
    let target = target_dir().join("loom");
    let target = target.to_string_lossy().into_owned();
    run(
        &cargo(),
        &[
            "test",
            "--locked",
            "--release",
            "--package",
            "ipsecov2-core",
            "--test",
            "loom_sa_table",
        ],
        &[
            ("RUSTFLAGS", "--cfg loom"),
            ("CARGO_TARGET_DIR", target.as_str()),
        ],
    )
}

/// Interoperability with scapy (and the Python `cryptography` package for AH-GMAC) through
/// the pcap tool, in a pinned virtual environment.
fn interop() -> Result<(), String> {
    run(
        &cargo(),
        &["build", "--locked", "--package", "ipsecov2-pcap"],
        &[],
    )?;
    run("bash", &["tests/interop/setup_venv.sh"], &[])?;
    let python = target_dir().join("interop-venv").join("bin").join("python");
    let tool = target_dir().join("debug").join("ipsecov2-pcap");
    let tool = tool.to_string_lossy().into_owned();
    run(
        &python.to_string_lossy(),
        &["tests/interop/run.py", "--tool", tool.as_str()],
        &[],
    )
}

/// `cargo xtask fuzz [SECONDS]`: runs every fuzz target for SECONDS (default 600) with
/// cargo-fuzz on the stable compiler (RUSTC_BOOTSTRAP=1 unlocks the sanitizer flags), then
/// minimises each corpus so it stays a small regression test.
pub fn fuzz(seconds: u32) -> Result<(), String> {
    let fuzz_dir = root().join("fuzz");
    for target in crate::fuzz::TARGETS {
        let corpus = crate::fuzz::corpus_dir(&root(), target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let args = crate::fuzz::command_line(target, seconds);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        println!(
            "xtask: (in fuzz/) $ RUSTC_BOOTSTRAP=1 cargo {}",
            args.join(" ")
        );
        let status = Command::new(cargo())
            .args(&args)
            .current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .status()
            .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
        if !status.success() {
            return Err(format!("fuzz target {target} failed: {status}"));
        }
        let status = Command::new(cargo())
            .args(["fuzz", "cmin", target])
            .current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .status()
            .map_err(|e| format!("cannot start cargo fuzz cmin: {e}"))?;
        if !status.success() {
            return Err(format!("cmin of {target} failed: {status}"));
        }
    }
    Ok(())
}
