//! The control-device subcommands: build the request with the core's encoders, send it
//! through a [`Transport`], read the reply with the core's decoders, and print it for people
//! or as JSON. Nothing here touches the operating system except the files named on the
//! command line.

use crate::cli::{Action, ControlCommand, FrameSource};
use crate::transport::Transport;
use crate::{Outcome, format};
use ipsecov2_core::control::reply::{self, AdapterInfo, ReceiveOutcome};
use ipsecov2_core::control::request::{self, Request};
use ipsecov2_core::control::selftest::KatResult;
use ipsecov2_core::control::{self, ControlError, STATUS_BUFFER_OVERFLOW};
use ipsecov2_core::offload::{Capabilities, DEFAULT_SA_CAPACITY};
use ipsecov2_core::sa::SaError;
use ipsecov2_core::sa::spec::{Direction, Operation};
use ipsecov2_core::sa_oids::{build, decode};
use ipsecov2_pcap::sa_json::{self, SaConfig};
use ndis_sys::{
    CRYPTO_CONSTANTS, NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_HeaderInfoSet_MASK,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_MASK,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_SHIFT,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_MASK,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_SHIFT,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_SHIFT,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK, NDIS_STATUS_CONSTANTS,
};
use serde_json::{Value, json};
use std::fmt::Write;
use zeroize::{Zeroize, Zeroizing};

/// Adapter entries the first LIST_ADAPTERS asks room for.
pub const FIRST_ADAPTER_ROOM: usize = 8;
/// SA bundles the first LIST_SAS asks room for.
pub const FIRST_SA_ROOM: usize = 64;
/// How often a list is asked for again after `STATUS_BUFFER_OVERFLOW` (it may grow between
/// two requests).
pub const LIST_ATTEMPTS: usize = 4;
/// A larger list reply is refused rather than chased.
pub const LARGEST_REPLY: usize = 256 * 1024 * 1024;
/// A frame file larger than this is refused before it is read into a request (the driver
/// takes at most `control::FRAME_CAPACITY` bytes).
pub const LARGEST_FRAME_FILE: u64 = 64 * 1024;

/// Runs one control-device subcommand.
pub fn run(command: &ControlCommand, transport: &mut dyn Transport) -> Outcome {
    let json = command.json;
    let result = match &command.action {
        Action::Adapters => adapters(transport, json),
        Action::Sas { port, save } => sas(transport, *port, save.as_deref(), json),
        Action::Add {
            port,
            sa_file,
            index,
        } => add(transport, *port, sa_file, *index, json),
        Action::Delete { port, handle } => delete(transport, *port, *handle, json),
        Action::InjectSend {
            port,
            handle,
            tunnel,
            header_info,
            frame,
            out,
        } => {
            let send = SendArgs {
                port: *port,
                handle: *handle,
                tunnel: *tunnel,
                header_info: *header_info,
            };
            inject_send(transport, &send, frame, out.as_deref(), json)
        }
        Action::InjectRecv { port, frame, out } => {
            inject_recv(transport, *port, frame, out.as_deref(), json)
        }
        Action::SelfTest => self_test(transport, json),
    };
    result.unwrap_or_else(Outcome::failed)
}

// ---- the conversation ----------------------------------------------------------------------

/// What the driver answered.
struct Answer {
    status: i32,
    reply: Vec<u8>,
}

impl Answer {
    /// `NT_SUCCESS`: success and informational statuses (`STATUS_BUFFER_OVERFLOW` is a
    /// warning, not a success).
    fn succeeded(&self) -> bool {
        self.status >= 0
    }
}

/// The name the tool uses for an IOCTL (`control::IOCTLS`).
fn ioctl_name(code: u32) -> &'static str {
    control::IOCTLS
        .iter()
        .find(|(known, _)| *known == code)
        .map_or("?", |(_, name)| name)
}

/// Sends `request` with room for `output_len` reply bytes. The input buffer is wiped after
/// the call (an ADD_SA request carries keys).
fn call(
    transport: &mut dyn Transport,
    request: &Request<'_>,
    output_len: usize,
) -> Result<Answer, String> {
    let input = Zeroizing::new(request::encode_request(request));
    let code = request::code_of(request);
    let (status, reply) = transport
        .ioctl(code, &input, output_len)
        .map_err(|e| format!("{}: {e}", ioctl_name(code)))?;
    Ok(Answer { status, reply })
}

/// A list request: asked for again, with the length the reply header names, while the driver
/// answers `STATUS_BUFFER_OVERFLOW`.
fn list(
    transport: &mut dyn Transport,
    request: &Request<'_>,
    first_room: usize,
) -> Result<Answer, String> {
    let code = request::code_of(request);
    let name = ioctl_name(code);
    let mut output_len = request::output_len_for(request, first_room);
    for _ in 0..LIST_ATTEMPTS {
        let answer = call(transport, request, output_len)?;
        if answer.status != STATUS_BUFFER_OVERFLOW {
            return Ok(answer);
        }
        let header = reply::decode_reply_header(&answer.reply, code)
            .map_err(|e| format!("{name}: unreadable STATUS_BUFFER_OVERFLOW reply ({e:?})"))?;
        let needed = header.reply_len as usize;
        if needed <= output_len || needed > LARGEST_REPLY {
            return Err(format!(
                "{name}: STATUS_BUFFER_OVERFLOW for {output_len} bytes asks for {needed}; not retrying"
            ));
        }
        output_len = needed;
    }
    Err(format!(
        "{name}: the list grew between {LIST_ATTEMPTS} requests in a row; try again"
    ))
}

fn bad_reply(code: u32) -> impl Fn(reply::ReplyError) -> String {
    move |error| format!("{}: unreadable reply ({error:?})", ioctl_name(code))
}

// ---- statuses ------------------------------------------------------------------------------

/// The name of an NTSTATUS / NDIS_STATUS, if the tool knows one.
pub fn status_name(status: i32) -> Option<&'static str> {
    control::status_name(status).or_else(|| {
        NDIS_STATUS_CONSTANTS
            .iter()
            .find(|(_, bits)| *bits == u64::from(status as u32))
            .map(|(name, _)| *name)
    })
}

/// The Win32 error of a status the transport made from one (`NTSTATUS_FROM_WIN32`, facility
/// `FACILITY_NTWIN32`; see `win32`): the request failed at once and only that is known.
pub fn win32_error(status: i32) -> Option<u32> {
    let bits = status as u32;
    (bits >> 16 == 0xC007).then_some(bits & 0xFFFF)
}

/// `NAME (0x........)`, or `Win32 error N (0x........)`, or the number alone.
pub fn status_label(status: i32) -> String {
    let bits = status as u32;
    match (status_name(status), win32_error(status)) {
        (Some(name), _) => format!("{name} ({bits:#010X})"),
        (None, Some(error)) => format!("Win32 error {error} ({bits:#010X})"),
        (None, None) => format!("{bits:#010X}"),
    }
}

fn status_hex(status: i32) -> String {
    format!("{:#010X}", status as u32)
}

/// The refusals the driver can give to a well-formed request of IOCTL `code`, whose status
/// is `status`: their reasons. When no ordinary refusal has this status, the refusals of a
/// malformed request (a tool and a driver of different versions).
pub fn possible_reasons(code: u32, status: i32) -> Vec<&'static str> {
    use ControlError::*;
    let mut ordinary = vec![Resources];
    if code != control::IOCTL_LIST_ADAPTERS && code != control::IOCTL_SELF_TEST {
        ordinary.push(NoSuchAdapter);
    }
    match code {
        control::IOCTL_ADD_SA => ordinary.extend(
            [
                SaError::DuplicateInboundSa,
                SaError::TableFull,
                SaError::NoMemory,
                SaError::OffloadDisabled,
                SaError::AlgorithmNotEnabled,
                SaError::EsnNotEnabled,
                SaError::UdpEncapsulationNotAllowed,
                SaError::Ipv6NotEnabled,
            ]
            .map(Sa),
        ),
        control::IOCTL_DELETE_SA => ordinary.push(UnknownHandle),
        control::IOCTL_INJECT_SEND => ordinary.extend([UnknownHandle, Paused, FrameSize]),
        control::IOCTL_INJECT_RECEIVE => ordinary.extend([Paused, FrameSize]),
        _ => {}
    }
    let malformed = [
        UnknownCode,
        HeaderTooShort,
        Version,
        Reserved,
        LengthMismatch,
        BodyLength,
        AdapterNotExpected,
        OutputTooSmall { needed: 0 },
    ];
    let matching = |list: &[ControlError]| -> Vec<&'static str> {
        let mut reasons: Vec<&'static str> = Vec::new();
        for error in list.iter().filter(|error| error.status() == status) {
            if !reasons.contains(&error.reason()) {
                reasons.push(error.reason());
            }
        }
        reasons
    };
    let reasons = matching(&ordinary);
    if reasons.is_empty() {
        matching(&malformed)
    } else {
        reasons
    }
}

/// The outcome of a request the driver refused: the status and what it may mean, on stderr
/// (text) or as a JSON document on stdout. Exit code 1.
fn refused(
    command: &str,
    code: u32,
    status: i32,
    json: bool,
    notes: Vec<String>,
    mut extra: serde_json::Map<String, Value>,
) -> Outcome {
    let reasons = possible_reasons(code, status);
    if json {
        let mut doc = serde_json::Map::new();
        doc.insert("ok".into(), false.into());
        doc.insert("command".into(), command.into());
        doc.insert("status".into(), status_hex(status).into());
        doc.insert("status_name".into(), status_name(status).into());
        if let Some(error) = win32_error(status) {
            doc.insert("win32_error".into(), error.into());
        }
        doc.insert("possible_reasons".into(), reasons.into());
        doc.append(&mut extra);
        return Outcome {
            stdout: pretty(&Value::Object(doc)),
            stderr: String::new(),
            code: crate::EXIT_FAILED,
        };
    }
    let mut text = format!(
        "ipsecov2ctl: {command}: the driver answered {}\n",
        status_label(status)
    );
    for note in notes {
        let _ = writeln!(text, "  {note}");
    }
    for reason in reasons {
        let _ = writeln!(text, "  possible reason: {reason}");
    }
    Outcome {
        stdout: String::new(),
        stderr: text,
        code: crate::EXIT_FAILED,
    }
}

fn no_extra() -> serde_json::Map<String, Value> {
    serde_json::Map::new()
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// `bytes` as indented hex lines of 32 bytes (what `--frame` reads back).
fn hex_lines(bytes: &[u8]) -> String {
    bytes.chunks(32).fold(String::new(), |mut out, chunk| {
        let _ = writeln!(out, "  {}", hex(chunk));
        out
    })
}

// ---- adapters ------------------------------------------------------------------------------

/// The adapter flags and their names.
const ADAPTER_FLAGS: [(u32, &str); 4] = [
    (reply::ADAPTER_RUNNING, "running"),
    (reply::ADAPTER_RECEIVE_OFFLOAD, "rx-offload"),
    (reply::ADAPTER_ESP, "esp"),
    (reply::ADAPTER_AH, "ah"),
];

fn flag_names(flags: u32) -> Vec<String> {
    let mut names: Vec<String> = ADAPTER_FLAGS
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| (*name).to_owned())
        .collect();
    let known = ADAPTER_FLAGS.iter().fold(0, |all, (bit, _)| all | bit);
    if flags & !known != 0 {
        names.push(format!("{:#x}", flags & !known));
    }
    names
}

/// A MAC address as Windows prints it (`Get-NetAdapter`): `02-00-00-00-00-01`.
fn mac_text(mac: &[u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join("-")
}

fn adapters(transport: &mut dyn Transport, json: bool) -> Result<Outcome, String> {
    let code = control::IOCTL_LIST_ADAPTERS;
    let answer = list(transport, &Request::ListAdapters, FIRST_ADAPTER_ROOM)?;
    if !answer.succeeded() {
        return Ok(refused(
            "adapters",
            code,
            answer.status,
            json,
            vec![],
            no_extra(),
        ));
    }
    let adapters = reply::decode_adapters(&answer.reply).map_err(bad_reply(code))?;
    if json {
        let list: Vec<Value> = adapters.iter().map(adapter_json).collect();
        return Ok(Outcome::ok(pretty(
            &json!({ "ok": true, "adapters": list }),
        )));
    }
    let mut text = format!("{} adapter(s)\n", adapters.len());
    for adapter in &adapters {
        let flags = flag_names(adapter.flags);
        let _ = writeln!(
            text,
            "port {}  instance {}  ifIndex {}  NetLuid {}  MAC {}  {}  SAs {}/{}",
            adapter.port,
            adapter.instance,
            adapter.if_index,
            adapter.net_luid,
            mac_text(&adapter.mac),
            if flags.is_empty() {
                "-".to_owned()
            } else {
                flags.join(",")
            },
            adapter.sa_live,
            adapter.sa_capacity
        );
    }
    Ok(Outcome::ok(text))
}

fn adapter_json(adapter: &AdapterInfo) -> Value {
    let flag = |bit: u32| adapter.flags & bit != 0;
    json!({
        "port": adapter.port,
        "instance": adapter.instance,
        "if_index": adapter.if_index,
        "net_luid": adapter.net_luid,
        "net_luid_hex": format!("{:#018x}", adapter.net_luid),
        "mac": mac_text(&adapter.mac),
        "flags": adapter.flags,
        "running": flag(reply::ADAPTER_RUNNING),
        "rx_offload": flag(reply::ADAPTER_RECEIVE_OFFLOAD),
        "esp": flag(reply::ADAPTER_ESP),
        "ah": flag(reply::ADAPTER_AH),
        "sa_capacity": adapter.sa_capacity,
        "sa_live": adapter.sa_live,
    })
}

// ---- sas -----------------------------------------------------------------------------------

fn sas(
    transport: &mut dyn Transport,
    port: u32,
    save: Option<&str>,
    json: bool,
) -> Result<Outcome, String> {
    let code = control::IOCTL_LIST_SAS;
    let answer = list(
        transport,
        &Request::ListSas { adapter: port },
        FIRST_SA_ROOM,
    )?;
    if !answer.succeeded() {
        return Ok(refused(
            "sas",
            code,
            answer.status,
            json,
            vec![],
            no_extra(),
        ));
    }
    let report = reply::decode_sa_list(&answer.reply).map_err(bad_reply(code))?;
    if save.is_some() {
        // The report after the reply header: what `sas --adapter --save` writes, so that
        // `decode` reads either.
        let header = reply::decode_reply_header(&answer.reply, code).map_err(bad_reply(code))?;
        let body = answer
            .reply
            .get(reply::REPLY_HEADER_LEN..header.reply_len as usize)
            .ok_or("LIST_SAS: reply shorter than its header says")?;
        crate::save_raw(save, body)?;
    }
    Ok(Outcome::ok(if json {
        format::json(&report)
    } else {
        format::text(&report)
    }))
}

// ---- add -----------------------------------------------------------------------------------

/// An error from the SA file reader with every quoted string hidden when it is about hex
/// (the reader quotes the offending key text).
pub fn redact_sa_file_error(message: &str) -> String {
    if !message.contains("hex") {
        return message.to_owned();
    }
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' {
            continue;
        }
        out.push_str("<redacted>");
        let mut escaped = false;
        for inner in chars.by_ref() {
            match inner {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    out.push('"');
                    break;
                }
                _ => escaped = false,
            }
        }
    }
    out
}

fn wipe(configs: &mut [SaConfig]) {
    for config in configs {
        config.enc_key.zeroize();
        config.auth_key.zeroize();
        config.bundle.zeroize_keys();
    }
}

/// SA `index` of the SA file at `path` (for the subcommand `verb`); the keys of the others
/// are wiped.
pub(crate) fn read_sa(verb: &str, path: &str, index: usize) -> Result<SaConfig, String> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| format!("{verb}: read {path}: {e}"))?,
    );
    let mut configs = sa_json::parse(&text)
        .map_err(|e| format!("{verb}: {path}: {}", redact_sa_file_error(&e)))?;
    let count = configs.len();
    if index >= count {
        wipe(&mut configs);
        return Err(format!(
            "{verb}: {path} holds {count} SA(s); --index {index} names none"
        ));
    }
    let chosen = configs.swap_remove(index);
    wipe(&mut configs);
    Ok(chosen)
}

/// What `add` says about the SA it sends: never a key.
fn describe_sa(config: &SaConfig) -> (String, Value) {
    let direction = match config.bundle.direction {
        Direction::Inbound => "inbound",
        Direction::Outbound => "outbound",
    };
    let protocol = match config.protocol {
        Operation::Esp => "ESP",
        Operation::Ah => "AH",
    };
    let spi = config.element().map_or(0, |element| element.spi);
    let text = format!("{direction} {protocol} SPI {spi:#010x}");
    let doc = json!({ "direction": direction, "protocol": protocol, "spi": spi });
    (text, doc)
}

fn add(
    transport: &mut dyn Transport,
    port: u32,
    path: &str,
    index: usize,
    json: bool,
) -> Result<Outcome, String> {
    let code = control::IOCTL_ADD_SA;
    let mut config = read_sa("add", path, index)?;
    let (what, what_json) = describe_sa(&config);
    let add_sa_ex = Zeroizing::new(build::add_sa_ex(&config.bundle));
    wipe(std::slice::from_mut(&mut config));
    let request = Request::AddSa {
        adapter: port,
        add_sa_ex: &add_sa_ex,
    };
    let answer = call(transport, &request, request::output_len_for(&request, 0))?;
    if !answer.succeeded() {
        // What the core's decoder says of the same buffer with everything the engine can do
        // enabled: a malformed SA shows here; a valid one was refused by the adapter's
        // configuration or its table.
        let local =
            decode::decode_add_sa_ex(&add_sa_ex, &Capabilities::engine(DEFAULT_SA_CAPACITY));
        let (note, local_json) = match &local {
            Ok(_) => (
                "local check: the ADD_SA_EX buffer is valid for the engine's full capabilities"
                    .to_owned(),
                json!({ "valid": true }),
            ),
            Err(error) => (
                format!(
                    "local check: {} ({})",
                    error.reason(),
                    status_label(error.status())
                ),
                json!({
                    "valid": false,
                    "reason": error.reason(),
                    "status": status_hex(error.status()),
                    "status_name": status_name(error.status()),
                }),
            ),
        };
        let mut extra = serde_json::Map::new();
        extra.insert("port".into(), port.into());
        extra.insert("sa_index".into(), index.into());
        extra.insert("sa".into(), what_json);
        extra.insert("local_check".into(), local_json);
        let notes = vec![format!("SA #{index} of {path}: {what}"), note];
        return Ok(refused("add", code, answer.status, json, notes, extra));
    }
    let handle = reply::decode_add_sa(&answer.reply).map_err(bad_reply(code))?;
    if json {
        let doc = json!({
            "ok": true,
            "port": port,
            "sa_index": index,
            "sa": what_json,
            "handle": handle,
            "handle_hex": format!("{handle:#018x}"),
        });
        return Ok(Outcome::ok(pretty(&doc)));
    }
    Ok(Outcome::ok(format!(
        "SA #{index} of {path} added on port {port}: {what}\nhandle {handle:#018x}\n"
    )))
}

// ---- delete --------------------------------------------------------------------------------

fn delete(
    transport: &mut dyn Transport,
    port: u32,
    handle: u64,
    json: bool,
) -> Result<Outcome, String> {
    let code = control::IOCTL_DELETE_SA;
    let request = Request::DeleteSa {
        adapter: port,
        handle,
    };
    let answer = call(transport, &request, request::output_len_for(&request, 0))?;
    let handle_json = |mut extra: serde_json::Map<String, Value>| {
        extra.insert("port".into(), port.into());
        extra.insert("handle".into(), handle.into());
        extra.insert("handle_hex".into(), format!("{handle:#018x}").into());
        extra
    };
    if !answer.succeeded() {
        let notes = vec![format!("handle {handle:#018x} on port {port}")];
        let extra = handle_json(no_extra());
        return Ok(refused("delete", code, answer.status, json, notes, extra));
    }
    reply::decode_delete_sa(&answer.reply).map_err(bad_reply(code))?;
    if json {
        let mut doc = serde_json::Map::new();
        doc.insert("ok".into(), true.into());
        return Ok(Outcome::ok(pretty(&Value::Object(handle_json(doc)))));
    }
    Ok(Outcome::ok(format!(
        "SA bundle {handle:#018x} deleted on port {port}\n"
    )))
}

// ---- inject --------------------------------------------------------------------------------

/// The fixed fields of an injected send.
struct SendArgs {
    port: u32,
    handle: u64,
    tunnel: u64,
    header_info: u32,
}

fn load_frame(source: &FrameSource) -> Result<Vec<u8>, String> {
    match source {
        FrameSource::Bytes(bytes) => Ok(bytes.clone()),
        FrameSource::File(path) => {
            let size = std::fs::metadata(path)
                .map_err(|e| format!("read {path}: {e}"))?
                .len();
            if size > LARGEST_FRAME_FILE {
                return Err(format!(
                    "{path}: {size} bytes is no frame (the driver takes at most {} bytes)",
                    control::FRAME_CAPACITY
                ));
            }
            std::fs::read(path).map_err(|e| format!("read {path}: {e}"))
        }
    }
}

fn inject_send(
    transport: &mut dyn Transport,
    send: &SendArgs,
    source: &FrameSource,
    out: Option<&str>,
    json: bool,
) -> Result<Outcome, String> {
    let code = control::IOCTL_INJECT_SEND;
    let frame = load_frame(source)?;
    let request = Request::InjectSend {
        adapter: send.port,
        handle: send.handle,
        tunnel: send.tunnel,
        header_info: send.header_info,
        frame: &frame,
    };
    let answer = call(transport, &request, request::output_len_for(&request, 0))?;
    if !answer.succeeded() {
        let notes = vec![format!(
            "handle {:#018x}, tunnel {:#018x}, header info {:#010x}, {}-byte frame, port {}",
            send.handle,
            send.tunnel,
            send.header_info,
            frame.len(),
            send.port
        )];
        return Ok(refused(
            "inject-send",
            code,
            answer.status,
            json,
            notes,
            no_extra(),
        ));
    }
    let result = reply::decode_inject_send(&answer.reply).map_err(bad_reply(code))?;
    let sent = result.status >= 0;
    let written = match out {
        Some(path) if sent => {
            crate::save_raw(Some(path), &result.wire)?;
            Some(path)
        }
        _ => None,
    };
    if json {
        let doc = json!({
            "ok": true,
            "sent": sent,
            "send_status": status_hex(result.status),
            "send_status_name": status_name(result.status),
            "reason": result.reason,
            "frame_len": frame.len(),
            "wire_len": result.wire.len(),
            "wire_hex": if written.is_some() { Value::Null } else { hex(&result.wire).into() },
            "out": written,
        });
        return Ok(Outcome::ok(pretty(&doc)));
    }
    let mut text = if sent {
        format!("sent: {}\n", status_label(result.status))
    } else {
        format!("send failed: {}\n", status_label(result.status))
    };
    if !result.reason.is_empty() {
        let _ = writeln!(text, "reason: {}", result.reason);
    }
    let _ = writeln!(
        text,
        "frame {} bytes -> wire {} bytes",
        frame.len(),
        result.wire.len()
    );
    match (written, out) {
        (Some(path), _) => {
            let _ = writeln!(text, "wire frame written to {path}");
        }
        (None, Some(path)) => {
            let _ = writeln!(text, "nothing went onto the wire; {path} not written");
        }
        (None, None) => text.push_str(&hex_lines(&result.wire)),
    }
    Ok(Outcome::ok(text))
}

/// The slot-1 receive view (`NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO.Receive`), decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot1 {
    pub crypto_done: bool,
    pub next_crypto_done: bool,
    pub sa_delete_req: bool,
    pub crypto_status: u32,
    /// Bits outside the defined fields.
    pub reserved: u32,
}

impl Slot1 {
    pub fn decode(value: u32) -> Self {
        let defined = NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK
            | NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK
            | NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK
            | NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK;
        Self {
            crypto_done: value & NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK
                != 0,
            next_crypto_done: value
                & NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK
                != 0,
            sa_delete_req: value
                & NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK
                != 0,
            crypto_status: (value
                & NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK)
                >> NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_SHIFT,
            reserved: value & !defined,
        }
    }
}

/// The slot-12 receive view (`IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO.Receive`), decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot12 {
    pub next_header: u8,
    pub pad_length: u8,
    pub header_info_set: bool,
}

impl Slot12 {
    pub fn decode(value: u32) -> Self {
        let field = |mask: u32, shift: u32| ((value & mask) >> shift) as u8;
        Self {
            next_header: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_SHIFT,
            ),
            pad_length: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_SHIFT,
            ),
            header_info_set: value
                & NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_HeaderInfoSet_MASK
                != 0,
        }
    }
}

/// The `CRYPTO_*` name of a receive `CryptoStatus`.
pub fn crypto_name(status: u32) -> Option<&'static str> {
    CRYPTO_CONSTANTS
        .iter()
        .find(|(_, bits)| *bits == u64::from(status))
        .map(|(name, _)| *name)
}

/// The name of a receive outcome (`reply::ReceiveOutcome`).
pub fn outcome_name(outcome: u32) -> Option<&'static str> {
    [
        ReceiveOutcome::Indicated,
        ReceiveOutcome::Filtered,
        ReceiveOutcome::Dropped,
    ]
    .into_iter()
    .find(|known| *known as u32 == outcome)
    .map(|known| match known {
        ReceiveOutcome::Indicated => "Indicated",
        ReceiveOutcome::Filtered => "Filtered",
        ReceiveOutcome::Dropped => "Dropped",
    })
}

fn protocol_name(next_header: u8) -> Option<&'static str> {
    Some(match next_header {
        1 => "ICMP",
        4 => "IPv4",
        6 => "TCP",
        17 => "UDP",
        41 => "IPv6",
        58 => "ICMPv6",
        59 => "no next header",
        _ => return None,
    })
}

fn yes(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn inject_recv(
    transport: &mut dyn Transport,
    port: u32,
    source: &FrameSource,
    out: Option<&str>,
    json: bool,
) -> Result<Outcome, String> {
    let code = control::IOCTL_INJECT_RECEIVE;
    let frame = load_frame(source)?;
    let request = Request::InjectReceive {
        adapter: port,
        frame: &frame,
    };
    let answer = call(transport, &request, request::output_len_for(&request, 0))?;
    if !answer.succeeded() {
        let notes = vec![format!("{}-byte frame, port {port}", frame.len())];
        return Ok(refused(
            "inject-recv",
            code,
            answer.status,
            json,
            notes,
            no_extra(),
        ));
    }
    let result = reply::decode_inject_receive(&answer.reply).map_err(bad_reply(code))?;
    let outcome = outcome_name(result.outcome);
    let annotation = result.annotation;
    let slot1 = Slot1::decode(annotation.slot1);
    let slot12 = Slot12::decode(annotation.slot12);
    let written = match out {
        Some(path) if !result.indicated.is_empty() => {
            crate::save_raw(Some(path), &result.indicated)?;
            Some(path)
        }
        _ => None,
    };
    if json {
        let doc = json!({
            "ok": true,
            "outcome": outcome,
            "outcome_code": result.outcome,
            "slot1": {
                "raw": annotation.slot1,
                "crypto_done": slot1.crypto_done,
                "next_crypto_done": slot1.next_crypto_done,
                "sa_delete_req": slot1.sa_delete_req,
                "crypto_status": slot1.crypto_status,
                "crypto_status_name": crypto_name(slot1.crypto_status),
                "reserved": slot1.reserved,
            },
            "slot12": {
                "raw": annotation.slot12,
                "next_header": slot12.next_header,
                "pad_length": slot12.pad_length,
                "header_info_set": slot12.header_info_set,
            },
            "spi": annotation.spi,
            "spi_hex": format!("{:#010x}", annotation.spi),
            "seq": annotation.seq,
            "frame_len": frame.len(),
            "indicated_len": result.indicated.len(),
            "indicated_hex": if written.is_some() { Value::Null } else { hex(&result.indicated).into() },
            "out": written,
        });
        return Ok(Outcome::ok(pretty(&doc)));
    }
    let mut text = match outcome {
        Some(name) => format!("outcome {name}\n"),
        None => format!("outcome {} (unknown)\n", result.outcome),
    };
    let _ = writeln!(
        text,
        "slot 1  {:#010x}  CryptoDone {}  NextCryptoDone {}  SaDeleteReq {}  CryptoStatus {} {}{}",
        annotation.slot1,
        yes(slot1.crypto_done),
        yes(slot1.next_crypto_done),
        yes(slot1.sa_delete_req),
        slot1.crypto_status,
        crypto_name(slot1.crypto_status).unwrap_or("(unknown)"),
        if slot1.reserved != 0 {
            format!("  reserved bits {:#x}", slot1.reserved)
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        text,
        "slot 12 {:#010x}  next header {}{}  pad length {}  HeaderInfoSet {}",
        annotation.slot12,
        slot12.next_header,
        protocol_name(slot12.next_header).map_or(String::new(), |name| format!(" ({name})")),
        slot12.pad_length,
        yes(slot12.header_info_set)
    );
    let _ = writeln!(
        text,
        "SPI {:#010x}  sequence {}",
        annotation.spi, annotation.seq
    );
    let _ = writeln!(
        text,
        "frame {} bytes -> indicated {} bytes",
        frame.len(),
        result.indicated.len()
    );
    match (written, out) {
        (Some(path), _) => {
            let _ = writeln!(text, "indicated bytes written to {path}");
        }
        (None, Some(path)) => {
            let _ = writeln!(text, "nothing was indicated; {path} not written");
        }
        (None, None) => text.push_str(&hex_lines(&result.indicated)),
    }
    Ok(Outcome::ok(text))
}

// ---- selftest ------------------------------------------------------------------------------

fn result_name(code: u32) -> String {
    KatResult::from_u32(code).map_or_else(|| format!("unknown result {code}"), |r| r.name().into())
}

fn self_test(transport: &mut dyn Transport, json: bool) -> Result<Outcome, String> {
    let code = control::IOCTL_SELF_TEST;
    let request = Request::SelfTest;
    let answer = call(transport, &request, request::output_len_for(&request, 0))?;
    if !answer.succeeded() {
        return Ok(refused(
            "selftest",
            code,
            answer.status,
            json,
            vec![],
            no_extra(),
        ));
    }
    let result = reply::decode_self_test(&answer.reply).map_err(bad_reply(code))?;
    let all_passed = result.all_passed();
    let total = result.results.len();
    let passed = result
        .results
        .iter()
        .filter(|(_, code)| *code == KatResult::Passed as u32)
        .count();
    let exit = if all_passed {
        crate::EXIT_OK
    } else {
        crate::EXIT_FAILED
    };
    if json {
        let vectors: Vec<Value> = result
            .results
            .iter()
            .map(|(name, code)| json!({ "name": name, "result": result_name(*code), "code": code }))
            .collect();
        let doc = json!({
            "ok": all_passed,
            "passed": passed,
            "total": total,
            "driver_passed": result.passed,
            "vectors": vectors,
        });
        return Ok(Outcome {
            stdout: pretty(&doc),
            stderr: String::new(),
            code: exit,
        });
    }
    let width = result
        .results
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (name, code) in &result.results {
        let _ = writeln!(text, "{name:<width$}  {}", result_name(*code));
    }
    let _ = writeln!(text, "{passed}/{total} vectors passed");
    let stderr = if all_passed {
        String::new()
    } else {
        format!(
            "ipsecov2ctl: selftest: {} of {total} vectors failed\n",
            total - passed
        )
    };
    Ok(Outcome {
        stdout: text,
        stderr,
        code: exit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_have_names_or_numbers() {
        assert_eq!(status_label(0), "STATUS_SUCCESS (0x00000000)");
        assert_eq!(
            status_label(control::STATUS_NOT_FOUND),
            "STATUS_NOT_FOUND (0xC0000225)"
        );
        assert_eq!(
            status_label(ndis_sys::NDIS_STATUS_INVALID_DATA),
            "NDIS_STATUS_INVALID_DATA (0xC0010015)"
        );
        assert_eq!(
            status_label(0xC007_0057_u32 as i32),
            "Win32 error 87 (0xC0070057)"
        );
        assert_eq!(status_label(0x1234_5678), "0x12345678");
    }

    #[test]
    fn reasons_follow_the_ioctl() {
        assert_eq!(
            possible_reasons(control::IOCTL_DELETE_SA, control::STATUS_NOT_FOUND),
            vec!["handle names no SA bundle of the adapter"]
        );
        let add = possible_reasons(control::IOCTL_ADD_SA, ndis_sys::NDIS_STATUS_NOT_SUPPORTED);
        assert!(add.contains(&SaError::OffloadDisabled.reason()), "{add:?}");
        assert!(!add.contains(&SaError::TableFull.reason()), "{add:?}");
        // No ordinary refusal: the malformed-request ones.
        assert_eq!(
            possible_reasons(control::IOCTL_SELF_TEST, control::STATUS_REVISION_MISMATCH),
            vec!["unsupported request version"]
        );
        assert!(possible_reasons(control::IOCTL_SELF_TEST, 0x1234).is_empty());
    }

    #[test]
    fn key_text_in_reader_errors_is_hidden() {
        let message = r#"SA #0: hex "00112233zz": invalid digit found in string"#;
        let redacted = redact_sa_file_error(message);
        assert_eq!(
            redacted,
            r#"SA #0: hex "<redacted>": invalid digit found in string"#
        );
        let odd = redact_sa_file_error(r#"SA #1: odd-length hex string "a\"bc""#);
        assert_eq!(odd, r#"SA #1: odd-length hex string "<redacted>""#);
        // Messages about anything else keep their words.
        assert_eq!(
            redact_sa_file_error(r#"SA #0: enc "aes-gcm-129""#),
            r#"SA #0: enc "aes-gcm-129""#
        );
    }

    #[test]
    fn receive_slots_decode_by_the_ndis_masks() {
        let report = ipsecov2_core::engine::ReceiveReport {
            crypto_done: true,
            next_crypto_done: true,
            status: ndis_sys::CRYPTO_TUNNEL_ESP_AUTH_FAILED as u16,
            sa_delete_req: true,
            header_info: Some((4, 7)),
            spi: 0,
            seq: 0,
        };
        let slot1 = Slot1::decode(report.slot1());
        assert_eq!(
            slot1,
            Slot1 {
                crypto_done: true,
                next_crypto_done: true,
                sa_delete_req: true,
                crypto_status: ndis_sys::CRYPTO_TUNNEL_ESP_AUTH_FAILED,
                reserved: 0
            }
        );
        assert_eq!(
            crypto_name(slot1.crypto_status),
            Some("CRYPTO_TUNNEL_ESP_AUTH_FAILED")
        );
        assert_eq!(
            Slot12::decode(report.slot12()),
            Slot12 {
                next_header: 4,
                pad_length: 7,
                header_info_set: true
            }
        );
        assert!(!Slot12::decode(0).header_info_set);
        assert_eq!(
            outcome_name(ReceiveOutcome::Filtered as u32),
            Some("Filtered")
        );
        assert_eq!(outcome_name(9), None);
    }
}
