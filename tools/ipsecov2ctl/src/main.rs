//! `ipsecov2ctl`: reads what the ipsecov2 miniport is doing, on Windows, without a debugger.
//!
//! ```text
//! ipsecov2ctl sas --adapter {InterfaceGuid} [--json] [--save FILE]
//! ipsecov2ctl decode FILE [--json]
//! ```
//!
//! `sas` opens the adapter's NDIS device (`\\.\{InterfaceGuid}`, the `InterfaceGuid` column of
//! `Get-NetAdapter`), queries the driver's private SA table OID through
//! `IOCTL_NDIS_QUERY_GLOBAL_STATS`, and prints every SA bundle with its SPI(s), direction,
//! addresses, algorithms, ESN state and counters (never a key: the driver's report has no field
//! that could hold one). Run it from an elevated prompt. `--save` also writes the raw reply, and
//! `decode` prints a saved reply on any host (for a bug report read elsewhere).

mod format;
#[cfg(windows)]
mod win32;

use std::process::ExitCode;

const USAGE: &str = "usage: ipsecov2ctl sas --adapter {InterfaceGuid} [--json] [--save FILE]\n       ipsecov2ctl decode FILE [--json]";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Sas {
        adapter: String,
        json: bool,
        save: Option<String>,
    },
    Decode {
        file: String,
        json: bool,
    },
    Help,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Err(USAGE.to_string());
    };
    match verb.as_str() {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "sas" => {
            let mut adapter = None;
            let mut json = false;
            let mut save = None;
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--json" => json = true,
                    "--adapter" => {
                        let value = rest.next().ok_or("--adapter needs a GUID")?;
                        adapter = Some(normalize_guid(value)?);
                    }
                    "--save" => save = Some(rest.next().ok_or("--save needs a file")?.clone()),
                    other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
                }
            }
            let adapter = adapter.ok_or_else(|| format!("--adapter is required\n{USAGE}"))?;
            Ok(Command::Sas {
                adapter,
                json,
                save,
            })
        }
        "decode" => {
            let mut file = None;
            let mut json = false;
            for arg in rest {
                match arg.as_str() {
                    "--json" => json = true,
                    path if file.is_none() && !path.starts_with("--") => file = Some(path.into()),
                    other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
                }
            }
            let file = file.ok_or_else(|| format!("decode needs a file\n{USAGE}"))?;
            Ok(Command::Decode { file, json })
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    }
}

/// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` in upper case, braces added if missing; anything
/// else is refused before a device path is built from it.
fn normalize_guid(text: &str) -> Result<String, String> {
    let bare = text.trim().trim_start_matches('{').trim_end_matches('}');
    let groups: Vec<&str> = bare.split('-').collect();
    let shape = [8, 4, 4, 4, 12];
    let valid = groups.len() == shape.len()
        && groups
            .iter()
            .zip(shape)
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    if !valid {
        return Err(format!(
            "`{text}` is not an interface GUID (see Get-NetAdapter | Select Name, InterfaceGuid)"
        ));
    }
    Ok(format!("{{{}}}", bare.to_ascii_uppercase()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match parse(&args) {
        Ok(Command::Help) => Ok(format!("{USAGE}\n")),
        Ok(Command::Sas {
            adapter,
            json,
            save,
        }) => query_adapter(&adapter)
            .and_then(|raw| save_raw(save.as_deref(), &raw).map(|()| raw))
            .and_then(|raw| render(&raw, json)),
        Ok(Command::Decode { file, json }) => std::fs::read(&file)
            .map_err(|e| format!("read {file}: {e}"))
            .and_then(|raw| render(&raw, json)),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ipsecov2ctl: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A raw SA report as text or JSON.
fn render(raw: &[u8], json: bool) -> Result<String, String> {
    let report = ipsecov2_core::sa_report::decode_report(raw)
        .map_err(|e| format!("not an ipsecov2 SA report ({e:?})"))?;
    Ok(if json {
        format::json(&report)
    } else {
        format::text(&report)
    })
}

fn save_raw(path: Option<&str>, raw: &[u8]) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sas_command_line() {
        let guid = "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}";
        assert_eq!(
            parse(&args(&[
                "sas",
                "--adapter",
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
            ])),
            Ok(Command::Sas {
                adapter: guid.into(),
                json: false,
                save: None
            })
        );
        assert_eq!(
            parse(&args(&[
                "sas",
                "--json",
                "--adapter",
                guid,
                "--save",
                "r.bin"
            ])),
            Ok(Command::Sas {
                adapter: guid.into(),
                json: true,
                save: Some("r.bin".into())
            })
        );
        assert_eq!(
            parse(&args(&["decode", "r.bin", "--json"])),
            Ok(Command::Decode {
                file: "r.bin".into(),
                json: true
            })
        );
        assert_eq!(parse(&args(&["help"])), Ok(Command::Help));
    }

    #[test]
    fn bad_command_lines_are_refused() {
        assert!(parse(&args(&[])).is_err());
        assert!(parse(&args(&["sas"])).is_err());
        assert!(parse(&args(&["sas", "--adapter"])).is_err());
        assert!(parse(&args(&["frob"])).is_err());
        assert!(parse(&args(&["decode"])).is_err());
        assert!(parse(&args(&["decode", "a", "b"])).is_err());
        assert!(parse(&args(&["sas", "--adapter", "{guid}", "--json"])).is_err());
        // a path, not a GUID: never reaches CreateFileW
        assert!(parse(&args(&["sas", "--adapter", r"..\..\PhysicalDrive0"])).is_err());
        assert!(
            parse(&args(&[
                "sas",
                "--adapter",
                "3f2504e0-4f89-11d3-9a0c-0305e82c330"
            ]))
            .is_err()
        );
    }
}
