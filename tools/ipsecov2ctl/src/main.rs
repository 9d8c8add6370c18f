//! `ipsecov2ctl`: the command-line front of the `ipsecov2ctl` library (see its documentation
//! for the subcommands). Everything but printing and exiting happens there, so the commands
//! are tested on any host with a stand-in for the control device.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = ipsecov2ctl::run(&args, ipsecov2ctl::open_control_device);
    // A closed pipe (`ipsecov2ctl sas ... | head`) is not worth a panic.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
