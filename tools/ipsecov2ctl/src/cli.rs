//! The command line: what each subcommand takes, checked before anything is opened.

/// The usage text (printed by `help` and after a usage error).
pub const USAGE: &str = "\
usage: ipsecov2ctl adapters [--json]
       ipsecov2ctl sas --port N [--json] [--save FILE]
       ipsecov2ctl sas --adapter {InterfaceGuid} [--json] [--save FILE]
       ipsecov2ctl add --port N --sa SA.json [--index I] [--json]
       ipsecov2ctl delete --port N --handle H [--json]
       ipsecov2ctl inject-send --port N --handle H [--tunnel T] [--header-info V]
                   (--frame HEX | --frame-file F) [--out FILE] [--json]
       ipsecov2ctl inject-recv --port N (--frame HEX | --frame-file F) [--out FILE] [--json]
       ipsecov2ctl selftest [--json]
       ipsecov2ctl frame --sa SA.json [--index I] --ip-packet HEX [--seq S]
                   [--dst-mac MAC] [--src-mac MAC] [--out FILE] [--json]
       ipsecov2ctl decode FILE [--json]
Numbers (H, T, V) are decimal or hexadecimal with 0x; N is the port `adapters` lists.";

/// A parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `sas --adapter`: the SA report through the adapter's private query OID.
    SasAdapter {
        adapter: String,
        json: bool,
        save: Option<String>,
    },
    /// `decode FILE`: a saved SA report.
    Decode {
        file: String,
        json: bool,
    },
    /// `frame`: build the frame the stack would send for an outbound SA (no device).
    Frame(crate::framing::FrameRequest),
    /// A request to the control device.
    Control(ControlCommand),
    Help,
}

/// A subcommand that talks to `\\.\IpsecOv2Control`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlCommand {
    pub action: Action,
    pub json: bool,
}

/// What to ask the control device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Adapters,
    Sas {
        port: u32,
        save: Option<String>,
    },
    Add {
        port: u32,
        sa_file: String,
        index: usize,
    },
    Delete {
        port: u32,
        handle: u64,
    },
    InjectSend {
        port: u32,
        handle: u64,
        tunnel: u64,
        header_info: u32,
        frame: FrameSource,
        out: Option<String>,
    },
    InjectRecv {
        port: u32,
        frame: FrameSource,
        out: Option<String>,
    },
    SelfTest,
}

/// Where an injected frame comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FrameSource {
    /// `--frame HEX`, already decoded.
    Bytes(Vec<u8>),
    /// `--frame-file F`: raw bytes, read when the command runs.
    File(String),
}

/// Flags of one subcommand: those that take a value, and the switches.
struct Flags<'a> {
    values: Vec<(&'static str, &'a str)>,
    switches: Vec<&'static str>,
}

impl<'a> Flags<'a> {
    /// Splits `args` by the flags the subcommand knows; anything else (an unknown flag, a
    /// repeated flag, a missing value, a stray word) is a usage error.
    fn parse(
        command: &str,
        args: &'a [String],
        valued: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Self, String> {
        let mut flags = Flags {
            values: Vec::new(),
            switches: Vec::new(),
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let arg = arg.as_str();
            if let Some(&name) = valued.iter().find(|&&name| name == arg) {
                let value = rest
                    .next()
                    .ok_or_else(|| format!("{command}: {name} needs a value"))?;
                if flags.values.iter().any(|(seen, _)| *seen == name) {
                    return Err(format!("{command}: {name} given twice"));
                }
                flags.values.push((name, value.as_str()));
            } else if let Some(&name) = switches.iter().find(|&&name| name == arg) {
                if flags.switches.contains(&name) {
                    return Err(format!("{command}: {name} given twice"));
                }
                flags.switches.push(name);
            } else {
                return Err(format!("{command}: unknown argument `{arg}`"));
            }
        }
        Ok(flags)
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(seen, _)| *seen == name)
            .map(|(_, value)| *value)
    }

    fn required(&self, command: &str, name: &str) -> Result<&'a str, String> {
        self.value(name)
            .ok_or_else(|| format!("{command}: {name} is required"))
    }

    /// An optional number flag of type `T` (decimal or 0x hex), `default` when absent.
    fn number_or<T: TryFrom<u64>>(&self, name: &str, default: T) -> Result<T, String> {
        match self.value(name) {
            Some(text) => T::try_from(parse_number(text, name)?)
                .map_err(|_| format!("{name} `{text}` is out of range")),
            None => Ok(default),
        }
    }

    fn switch(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    let verb = verb.as_str();
    let control = |action, flags: &Flags<'_>| {
        Ok(Command::Control(ControlCommand {
            action,
            json: flags.switch("--json"),
        }))
    };
    match verb {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "adapters" | "selftest" => {
            let flags = Flags::parse(verb, rest, &[], &["--json"])?;
            let action = match verb {
                "adapters" => Action::Adapters,
                _ => Action::SelfTest,
            };
            control(action, &flags)
        }
        "sas" => {
            let flags = Flags::parse(verb, rest, &["--adapter", "--port", "--save"], &["--json"])?;
            let json = flags.switch("--json");
            let save = flags.value("--save").map(str::to_owned);
            match (flags.value("--adapter"), flags.value("--port")) {
                (Some(adapter), None) => Ok(Command::SasAdapter {
                    adapter: normalize_guid(adapter)?,
                    json,
                    save,
                }),
                (None, Some(port)) => control(
                    Action::Sas {
                        port: parse_port(port)?,
                        save,
                    },
                    &flags,
                ),
                _ => Err("sas: give either --port N or --adapter {InterfaceGuid}".into()),
            }
        }
        "add" => {
            let flags = Flags::parse(verb, rest, &["--port", "--sa", "--index"], &["--json"])?;
            let index = flags.number_or("--index", 0usize)?;
            let action = Action::Add {
                port: parse_port(flags.required(verb, "--port")?)?,
                sa_file: flags.required(verb, "--sa")?.to_owned(),
                index,
            };
            control(action, &flags)
        }
        "delete" => {
            let flags = Flags::parse(verb, rest, &["--port", "--handle"], &["--json"])?;
            let action = Action::Delete {
                port: parse_port(flags.required(verb, "--port")?)?,
                handle: parse_number(flags.required(verb, "--handle")?, "--handle")?,
            };
            control(action, &flags)
        }
        "inject-send" => {
            let flags = Flags::parse(
                verb,
                rest,
                &[
                    "--port",
                    "--handle",
                    "--tunnel",
                    "--header-info",
                    "--frame",
                    "--frame-file",
                    "--out",
                ],
                &["--json"],
            )?;
            let header_info = flags.number_or("--header-info", 0u32)?;
            let tunnel = flags.number_or("--tunnel", 0u64)?;
            let action = Action::InjectSend {
                port: parse_port(flags.required(verb, "--port")?)?,
                handle: parse_number(flags.required(verb, "--handle")?, "--handle")?,
                tunnel,
                header_info,
                frame: frame_source(verb, &flags)?,
                out: flags.value("--out").map(str::to_owned),
            };
            control(action, &flags)
        }
        "inject-recv" => {
            let flags = Flags::parse(
                verb,
                rest,
                &["--port", "--frame", "--frame-file", "--out"],
                &["--json"],
            )?;
            let action = Action::InjectRecv {
                port: parse_port(flags.required(verb, "--port")?)?,
                frame: frame_source(verb, &flags)?,
                out: flags.value("--out").map(str::to_owned),
            };
            control(action, &flags)
        }
        "frame" => {
            let flags = Flags::parse(
                verb,
                rest,
                &[
                    "--sa",
                    "--index",
                    "--ip-packet",
                    "--seq",
                    "--dst-mac",
                    "--src-mac",
                    "--out",
                ],
                &["--json"],
            )?;
            let index = flags.number_or("--index", 0usize)?;
            let seq = flags.number_or("--seq", 1u64)?;
            Ok(Command::Frame(crate::framing::FrameRequest {
                sa_file: flags.required(verb, "--sa")?.to_owned(),
                index,
                ip_packet: parse_hex(flags.required(verb, "--ip-packet")?)?,
                seq,
                dst_mac: parse_mac(flags.value("--dst-mac").unwrap_or("02:00:00:00:00:02"))?,
                src_mac: parse_mac(flags.value("--src-mac").unwrap_or("02:00:00:00:00:01"))?,
                out: flags.value("--out").map(str::to_owned),
                json: flags.switch("--json"),
            }))
        }
        "decode" => {
            let mut file = None;
            let mut json = false;
            for arg in rest {
                match arg.as_str() {
                    "--json" if !json => json = true,
                    path if file.is_none() && !path.starts_with("--") => file = Some(path.into()),
                    other => return Err(format!("decode: unknown argument `{other}`")),
                }
            }
            let file = file.ok_or("decode needs a file")?;
            Ok(Command::Decode { file, json })
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

fn frame_source(command: &str, flags: &Flags<'_>) -> Result<FrameSource, String> {
    match (flags.value("--frame"), flags.value("--frame-file")) {
        (Some(text), None) => Ok(FrameSource::Bytes(parse_hex(text)?)),
        (None, Some(path)) => Ok(FrameSource::File(path.to_owned())),
        _ => Err(format!(
            "{command}: give the frame with either --frame HEX or --frame-file F"
        )),
    }
}

/// A MAC address: six hex bytes, `:` or `-` between them (or none).
fn parse_mac(text: &str) -> Result<[u8; 6], String> {
    let bytes = parse_hex(text)?;
    <[u8; 6]>::try_from(bytes.as_slice())
        .map_err(|_| format!("MAC address `{text}` is not six bytes"))
}

/// An adapter's port: a decimal (or 0x) number that fits 32 bits.
fn parse_port(text: &str) -> Result<u32, String> {
    u32::try_from(parse_number(text, "--port")?)
        .map_err(|_| format!("--port `{text}` does not fit 32 bits"))
}

/// A number: hexadecimal with `0x`/`0X`, else decimal.
pub fn parse_number(text: &str, what: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let parsed = match trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
    {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => trimmed.parse(),
    };
    parsed.map_err(|_| format!("{what} `{text}` is not a number (decimal, or hex with 0x)"))
}

/// Bytes written as hex, optionally with a `0x` prefix and with spaces, colons or dashes
/// between them (as `inject-send` prints frames, or as copied from a hex dump).
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let trimmed = text.trim();
    let body = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    let digits: Vec<u8> = body
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b':' && *b != b'-')
        .collect();
    if digits.is_empty() || !digits.len().is_multiple_of(2) {
        return Err("--frame needs an even, non-zero number of hex digits".into());
    }
    digits
        .chunks(2)
        .map(|pair| {
            let high = (pair[0] as char).to_digit(16);
            let low = (pair[1] as char).to_digit(16);
            match (high, low) {
                (Some(high), Some(low)) => Ok((high * 16 + low) as u8),
                _ => Err("--frame holds a character that is not a hex digit".to_string()),
            }
        })
        .collect()
}

/// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` in upper case, braces added if missing; anything
/// else is refused before a device path is built from it.
pub fn normalize_guid(text: &str) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn control(list: &[&str]) -> ControlCommand {
        match parse(&args(list)) {
            Ok(Command::Control(command)) => command,
            other => panic!("{list:?} gave {other:?}"),
        }
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
            Ok(Command::SasAdapter {
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
            Ok(Command::SasAdapter {
                adapter: guid.into(),
                json: true,
                save: Some("r.bin".into())
            })
        );
        assert_eq!(
            control(&["sas", "--port", "3", "--save", "r.bin", "--json"]),
            ControlCommand {
                action: Action::Sas {
                    port: 3,
                    save: Some("r.bin".into())
                },
                json: true
            }
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
    fn control_command_lines() {
        assert_eq!(control(&["adapters", "--json"]).action, Action::Adapters);
        assert!(!control(&["selftest"]).json);
        assert_eq!(
            control(&["add", "--sa", "sa.json", "--port", "2", "--index", "1"]).action,
            Action::Add {
                port: 2,
                sa_file: "sa.json".into(),
                index: 1
            }
        );
        assert_eq!(
            control(&["delete", "--port", "0x2", "--handle", "0x1F"]).action,
            Action::Delete {
                port: 2,
                handle: 31
            }
        );
        assert_eq!(
            control(&["delete", "--port", "2", "--handle", "31"]).action,
            Action::Delete {
                port: 2,
                handle: 31
            }
        );
        assert_eq!(
            control(&[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "0x10",
                "--tunnel",
                "7",
                "--header-info",
                "0x05000432",
                "--frame",
                "0x0200 0000:0002-aa",
                "--out",
                "w.bin",
            ])
            .action,
            Action::InjectSend {
                port: 1,
                handle: 16,
                tunnel: 7,
                header_info: 0x0500_0432,
                frame: FrameSource::Bytes(vec![2, 0, 0, 0, 0, 2, 0xAA]),
                out: Some("w.bin".into())
            }
        );
        assert_eq!(
            control(&["inject-recv", "--port", "1", "--frame-file", "f.bin"]).action,
            Action::InjectRecv {
                port: 1,
                frame: FrameSource::File("f.bin".into()),
                out: None
            }
        );
    }

    #[test]
    fn bad_command_lines_are_refused() {
        let refused = [
            &[][..],
            &["sas"],
            &["sas", "--adapter"],
            &["frob"],
            &["decode"],
            &["decode", "a", "b"],
            &["sas", "--adapter", "{guid}", "--json"],
            // a path, not a GUID: never reaches CreateFileW
            &["sas", "--adapter", r"..\..\PhysicalDrive0"],
            &["sas", "--adapter", "3f2504e0-4f89-11d3-9a0c-0305e82c330"],
            &[
                "sas",
                "--adapter",
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "--port",
                "1",
            ],
            &["sas", "--port", "one"],
            &["sas", "--port", "4294967296"],
            &["adapters", "--port", "1"],
            &["selftest", "extra"],
            &["add", "--port", "1"],
            &["add", "--sa", "x.json"],
            &["add", "--port", "1", "--sa", "x.json", "--index", "-1"],
            &["delete", "--port", "1"],
            &["delete", "--port", "1", "--handle", "0xZZ"],
            &["delete", "--port", "1", "--handle", "1", "--handle", "2"],
            &["inject-send", "--port", "1", "--handle", "1"],
            &[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "1",
                "--header-info",
                "0x100000000",
                "--frame",
                "00",
            ],
            &["frame", "--sa", "x.json", "--ip-packet", "45", "--seq", "x"],
            &[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "1",
                "--frame",
                "00",
                "--frame-file",
                "f",
            ],
            &[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "1",
                "--frame",
                "abc",
            ],
            &[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "1",
                "--frame",
                "zz",
            ],
            &[
                "inject-send",
                "--port",
                "1",
                "--handle",
                "1",
                "--header-info",
                "0x100000000",
                "--frame",
                "00",
            ],
            &["inject-recv", "--port", "1"],
            &["inject-recv", "--frame", "00"],
        ];
        for list in refused {
            assert!(parse(&args(list)).is_err(), "{list:?} was accepted");
        }
    }
}
