//! `cargo xtask`: the project's two commands on Linux (and any host).
//!
//! * `cargo xtask package` cross-builds the release `.sys` for `x86_64-pc-windows-msvc` with
//!   rust-lld, renders the INF from `inf/ipsecov2.inx`, and writes both into
//!   `target/package/ipsecov2/`.
//! * `cargo xtask test` runs everything: formatting, clippy (host and Windows target), the
//!   package, the host tests (core, bindings layout, PE checks on the built image), and the
//!   emulator scenarios on the real `.sys`. It installs what it needs (the Windows target via
//!   rustup, a Python virtual environment under `target/` with pinned requirements) and stops
//!   at the first failure with a non-zero exit code.

mod fuzz;
mod inf;
mod steps;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("package") => steps::package().map(|package| {
            println!("package: {}", package.dir.display());
            println!("  {}", package.sys.display());
            println!("  {}", package.inf.display());
        }),
        Some("test") => steps::test_all(),
        Some("emulator") => steps::emulator(args.get(1..).unwrap_or(&[])),
        Some("fuzz-seeds") => fuzz::seeds(&steps::root()),
        Some("fuzz") => steps::fuzz(args.get(1).and_then(|s| s.parse().ok()).unwrap_or(600)),
        _ => {
            eprintln!(
                "usage: cargo xtask <package | test | emulator [run.py args] | fuzz-seeds | fuzz [SECONDS]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error}");
            ExitCode::FAILURE
        }
    }
}
