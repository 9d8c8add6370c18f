//! `ipsecov2ctl`: looks at and drives the ipsecov2 miniport on Windows, without a debugger.
//!
//! ```text
//! ipsecov2ctl adapters [--json]
//! ipsecov2ctl sas --port N [--json] [--save FILE]
//! ipsecov2ctl sas --adapter {InterfaceGuid} [--json] [--save FILE]
//! ipsecov2ctl add --port N --sa SA.json [--index I] [--json]
//! ipsecov2ctl delete --port N --handle H [--json]
//! ipsecov2ctl inject-send --port N --handle H [--tunnel T] [--header-info V] (--frame HEX | --frame-file F) [--out FILE] [--json]
//! ipsecov2ctl inject-recv --port N (--frame HEX | --frame-file F) [--out FILE] [--json]
//! ipsecov2ctl selftest [--json]
//! ipsecov2ctl decode FILE [--json]
//! ```
//!
//! Most subcommands talk to the driver's control device `\\.\IpsecOv2Control` (LocalSystem
//! and Administrators only: run them from an elevated prompt); the request and reply layouts
//! are `ipsecov2_core::control`'s. `sas --adapter` instead opens the adapter's NDIS device and
//! queries the private SA table OID through `IOCTL_NDIS_QUERY_GLOBAL_STATS`. No output ever
//! holds a key: the driver's replies have no field that could carry one, and `add` prints
//! only what the SA file says about the SA, never its keys. `--save` writes the raw SA report
//! and `decode` prints a saved one on any host.
//!
//! Exit codes: 0 success, 1 the operation failed (an error status from the driver, a failed
//! self-test vector, an unreadable file or reply), 2 a usage error. The inject commands report
//! what the data path did: a send the engine refused to seal, or a received frame that failed
//! its ICV check, is a result (`send_status`, `CryptoStatus`), not a failed request.

pub mod cli;
pub mod commands;
pub mod format;
pub mod framing;
pub mod transport;
#[cfg(windows)]
pub mod win32;

use cli::{Command, USAGE};
pub use transport::Transport;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the operation failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the command line is wrong.
pub const EXIT_USAGE: u8 = 2;

/// What a run prints and how it exits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    /// Success with `stdout`.
    pub fn ok(stdout: String) -> Self {
        Self {
            stdout,
            stderr: String::new(),
            code: EXIT_OK,
        }
    }

    /// Failure with a one-line message on stderr.
    pub fn failed(message: impl std::fmt::Display) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!("ipsecov2ctl: {message}\n"),
            code: EXIT_FAILED,
        }
    }

    /// A usage error: the message and the usage text on stderr.
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!("ipsecov2ctl: {message}\n{USAGE}\n"),
            code: EXIT_USAGE,
        }
    }
}

/// Runs the command line `args` (without the program name). `open` is called only for a
/// subcommand that talks to the control device.
pub fn run<T: Transport>(args: &[String], open: impl FnOnce() -> Result<T, String>) -> Outcome {
    let command = match cli::parse(args) {
        Ok(command) => command,
        Err(message) => return Outcome::usage(message),
    };
    match command {
        Command::Help => Outcome::ok(format!("{USAGE}\n")),
        Command::SasAdapter {
            adapter,
            json,
            save,
        } => query_adapter(&adapter)
            .and_then(|raw| save_raw(save.as_deref(), &raw).map(|()| raw))
            .and_then(|raw| render(&raw, json))
            .map_or_else(Outcome::failed, Outcome::ok),
        Command::Decode { file, json } => std::fs::read(&file)
            .map_err(|e| format!("read {file}: {e}"))
            .and_then(|raw| render(&raw, json))
            .map_or_else(Outcome::failed, Outcome::ok),
        Command::Frame(request) => framing::run(&request),
        Command::Control(command) => match open() {
            Ok(mut transport) => commands::run(&command, &mut transport),
            Err(message) => Outcome::failed(message),
        },
    }
}

/// The control device of this host: `\\.\IpsecOv2Control` on Windows.
#[cfg(windows)]
pub fn open_control_device() -> Result<Box<dyn Transport>, String> {
    Ok(Box::new(win32::ControlDevice::open()?))
}

/// The control device of this host: there is none off Windows.
#[cfg(not(windows))]
pub fn open_control_device() -> Result<Box<dyn Transport>, String> {
    Err(
        "the control device exists on Windows only; on this host use `ipsecov2ctl decode FILE`"
            .into(),
    )
}

/// A raw SA report as text or JSON.
pub fn render(raw: &[u8], json: bool) -> Result<String, String> {
    let report = ipsecov2_core::sa_report::decode_report(raw)
        .map_err(|e| format!("not an ipsecov2 SA report ({e:?})"))?;
    Ok(if json {
        format::json(&report)
    } else {
        format::text(&report)
    })
}

/// Writes `raw` to `path`, if one was given.
pub fn save_raw(path: Option<&str>, raw: &[u8]) -> Result<(), String> {
    match path {
        Some(path) => std::fs::write(path, raw).map_err(|e| format!("write {path}: {e}")),
        None => Ok(()),
    }
}

#[cfg(windows)]
fn query_adapter(adapter: &str) -> Result<Vec<u8>, String> {
    win32::query_oid(adapter, ipsecov2_core::sa_report::OID_IPSECOV2_SA_TABLE)
}

#[cfg(not(windows))]
fn query_adapter(_adapter: &str) -> Result<Vec<u8>, String> {
    Err("adapters are queried on Windows; on this host use `ipsecov2ctl decode FILE`".into())
}
