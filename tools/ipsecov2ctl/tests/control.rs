//! The control-device subcommands against a stand-in driver on any host: the requests are
//! checked with the core's own `decode_request`, and answered the way the driver answers,
//! with the core's SA tables, engine and `reply::write_*` functions.

use ipsecov2_core::control::reply::{
    self, ADAPTER_AH, ADAPTER_ESP, ADAPTER_RECEIVE_OFFLOAD, ADAPTER_RUNNING, AdapterInfo,
    KAT_NAME_LEN, ReceiveAnnotation, ReceiveOutcome, SELF_TEST_ENTRY_LEN, SELF_TEST_FIXED, Written,
};
use ipsecov2_core::control::request::{self, Request};
use ipsecov2_core::control::selftest::{KAT_COUNT, KatResult, kat_id};
use ipsecov2_core::control::{self, ControlError};
use ipsecov2_core::engine::frames::ethernet_ipv4;
use ipsecov2_core::engine::{SendHints, open_frame, seal_frame};
use ipsecov2_core::offload::{Capabilities, DEFAULT_SA_CAPACITY, IpsecSetting};
use ipsecov2_core::sa::spec::Direction;
use ipsecov2_core::sa_oids::IpsecOffload;
use ipsecov2_core::sa_oids::build::samples::esp_gcm128;
use ipsecov2_core::sa_oids::decode::decode_add_sa_ex;
use ipsecov2_core::sa_report::decode_report;
use ipsecov2_core::wire::{write_u32, write_u64};
use ipsecov2_pcap::sa_json;
use ipsecov2ctl::commands::{FIRST_ADAPTER_ROOM, FIRST_SA_ROOM, LIST_ATTEMPTS};
use ipsecov2ctl::{Outcome, Transport, format};
use serde_json::Value;
use std::path::{Path, PathBuf};

// ---- the stand-in driver -------------------------------------------------------------------

/// One IOCTL as the tool issued it.
#[derive(Clone, Debug)]
struct Call {
    code: u32,
    input: Vec<u8>,
    output_len: usize,
}

struct FakeAdapter {
    info: AdapterInfo,
    offload: IpsecOffload,
}

/// Answers like the driver: validates with `decode_request`, acts on real SA tables and the
/// engine, writes replies with `reply::write_*`, completes with the status the driver would.
struct FakeDriver {
    adapters: Vec<FakeAdapter>,
    calls: Vec<Call>,
    /// Self-test vector to report as failed.
    failing_vector: Option<usize>,
}

impl FakeDriver {
    /// `count` adapters, ports 1.., MAC 02-00-00-00-00-<port>, 16 SA bundles each.
    fn new(count: u32) -> Self {
        Self::with_setting(count, 16, IpsecSetting::AhAndEsp)
    }

    fn with_setting(count: u32, capacity: u32, setting: IpsecSetting) -> Self {
        let adapters = (1..=count)
            .map(|port| FakeAdapter {
                info: AdapterInfo {
                    port,
                    instance: port - 1,
                    if_index: 10 + port,
                    net_luid: 0x0006_0000_0000_0000 | u64::from(port) << 24,
                    mac: [0x02, 0, 0, 0, 0, port as u8],
                    flags: ADAPTER_RUNNING | ADAPTER_RECEIVE_OFFLOAD | ADAPTER_ESP | ADAPTER_AH,
                    sa_capacity: capacity,
                    sa_live: 0,
                },
                offload: IpsecOffload::new(capacity, 0x5EED + u64::from(port), setting).unwrap(),
            })
            .collect();
        Self {
            adapters,
            calls: Vec::new(),
            failing_vector: None,
        }
    }

    fn adapter(&self, port: u32) -> Result<&FakeAdapter, ControlError> {
        self.adapters
            .iter()
            .find(|a| a.info.port == port)
            .ok_or(ControlError::NoSuchAdapter)
    }

    fn answer(&self, request: Request<'_>, out: &mut [u8]) -> Result<Written, ControlError> {
        Ok(match request {
            Request::ListAdapters => {
                let infos: Vec<AdapterInfo> = self
                    .adapters
                    .iter()
                    .map(|a| AdapterInfo {
                        sa_live: a.offload.table.len(),
                        ..a.info
                    })
                    .collect();
                reply::write_adapters(out, &infos)
            }
            Request::ListSas { adapter } => {
                reply::write_sa_list(out, &self.adapter(adapter)?.offload.table)
            }
            Request::AddSa { adapter, add_sa_ex } => {
                let mut buffer = add_sa_ex.to_vec();
                let handle = self
                    .adapter(adapter)?
                    .offload
                    .add_sa_ex(&mut buffer)
                    .map_err(ControlError::Sa)?;
                reply::write_add_sa(out, handle)
            }
            Request::DeleteSa { adapter, handle } => {
                self.adapter(adapter)?
                    .offload
                    .table
                    .delete(handle)
                    .map_err(|_| ControlError::UnknownHandle)?;
                reply::write_delete_sa(out)
            }
            Request::InjectSend {
                adapter,
                handle,
                tunnel,
                header_info,
                frame,
            } => {
                let table = &self.adapter(adapter)?.offload.table;
                let sa = table
                    .get_outbound(handle)
                    .ok_or(ControlError::UnknownHandle)?;
                let tunnel = match tunnel {
                    0 => None,
                    handle => Some(
                        table
                            .get_outbound(handle)
                            .ok_or(ControlError::UnknownHandle)?,
                    ),
                };
                let mut buffer = vec![0u8; control::FRAME_CAPACITY];
                buffer[..frame.len()].copy_from_slice(frame);
                let hints = SendHints::from_slot(header_info);
                match seal_frame(&mut buffer, frame.len(), &sa, tunnel.as_deref(), &hints) {
                    Ok(sealed) => reply::write_inject_send(out, 0, "", &buffer[..sealed.len]),
                    Err(error) => reply::write_inject_send(
                        out,
                        ndis_sys::NDIS_STATUS_FAILURE,
                        error.reason(),
                        &[],
                    ),
                }
            }
            Request::InjectReceive { adapter, frame } => {
                let adapter = self.adapter(adapter)?;
                let unicast = frame[0] & 1 == 0;
                if unicast && frame[..6] != adapter.info.mac {
                    let none = ReceiveAnnotation::default();
                    return Ok(reply::write_inject_receive(
                        out,
                        ReceiveOutcome::Filtered,
                        &none,
                        &[],
                    ));
                }
                let mut frame = frame.to_vec();
                let report = open_frame(&adapter.offload.table, &mut frame, true);
                let annotation = ReceiveAnnotation {
                    slot1: report.slot1(),
                    slot12: report.slot12(),
                    spi: report.spi,
                    seq: report.seq,
                };
                reply::write_inject_receive(out, ReceiveOutcome::Indicated, &annotation, &frame)
            }
            Request::SelfTest => {
                let (written, passed) = reply::write_self_test(out);
                if let Some(index) = self.failing_vector {
                    let at = SELF_TEST_FIXED + index * SELF_TEST_ENTRY_LEN + KAT_NAME_LEN;
                    write_u32(out, at, KatResult::SealMismatch as u32);
                    write_u32(out, reply::REPLY_HEADER_LEN, passed as u32 - 1);
                }
                written
            }
        })
    }
}

impl Transport for FakeDriver {
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String> {
        record(&mut self.calls, code, input, output_len);
        let request = match request::decode_request(code, input, output_len) {
            Ok(request) => request,
            Err(error) => return Ok((error.status(), Vec::new())),
        };
        let mut out = vec![0u8; output_len];
        match self.answer(request, &mut out) {
            Ok(written) => {
                let (status, len) = written.completion();
                out.truncate(len);
                Ok((status, out))
            }
            Err(error) => Ok((error.status(), Vec::new())),
        }
    }
}

/// Notes a request as the transport saw it.
fn record(calls: &mut Vec<Call>, code: u32, input: &[u8], output_len: usize) {
    calls.push(Call {
        code,
        input: input.to_vec(),
        output_len,
    });
}

/// Answers every request with one fixed status and reply.
struct Scripted {
    answers: Vec<(i32, Vec<u8>)>,
    calls: Vec<Call>,
}

impl Transport for Scripted {
    fn ioctl(
        &mut self,
        code: u32,
        input: &[u8],
        output_len: usize,
    ) -> Result<(i32, Vec<u8>), String> {
        record(&mut self.calls, code, input, output_len);
        let index = (self.calls.len() - 1).min(self.answers.len() - 1);
        Ok(self.answers[index].clone())
    }
}

// ---- helpers -------------------------------------------------------------------------------

fn run_with<T: Transport>(transport: T, args: &[&str]) -> Outcome {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    ipsecov2ctl::run(&args, || Ok::<_, String>(transport))
}

fn run(driver: &mut FakeDriver, args: &[&str]) -> Outcome {
    run_with(driver, args)
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {outcome:?}"))
}

fn sa_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sa.json")
}

fn sa_path() -> String {
    sa_file().to_str().unwrap().to_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("control")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The request of a recorded call, as the driver decodes it.
fn decoded(call: &Call) -> Request<'_> {
    request::decode_request(call.code, &call.input, call.output_len)
        .unwrap_or_else(|e| panic!("the driver would refuse {call:?}: {e:?}"))
}

/// Every key of the SA file as text that could betray it: hex in both cases, and spaced.
fn key_texts() -> Vec<String> {
    let text = std::fs::read_to_string(sa_file()).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut keys = Vec::new();
    for sa in doc.as_array().unwrap() {
        for field in ["enc_key", "auth_key"] {
            let Some(key) = sa[field].as_str().filter(|k| !k.is_empty()) else {
                continue;
            };
            keys.push(key.to_ascii_lowercase());
            keys.push(key.to_ascii_uppercase());
            // The first 8 bytes alone, and spaced as a hex dump would print them.
            keys.push(key[..16].to_ascii_lowercase());
            let spaced: Vec<String> = (0..8).map(|i| key[2 * i..2 * i + 2].to_owned()).collect();
            keys.push(spaced.join(" "));
            keys.push(spaced.join(":"));
        }
    }
    assert!(keys.len() >= 25, "the fixture holds keys");
    keys
}

fn assert_no_key(outcome: &Outcome, keys: &[String]) {
    for key in keys {
        assert!(
            !outcome.stdout.contains(key.as_str()) && !outcome.stderr.contains(key.as_str()),
            "key text {key} in {outcome:?}"
        );
    }
}

/// Adds SA `index` of the fixture on `port` through the tool; returns the handle.
fn add(driver: &mut FakeDriver, port: u32, index: usize) -> u64 {
    let out = run(
        driver,
        &[
            "add",
            "--port",
            &port.to_string(),
            "--sa",
            &sa_path(),
            "--index",
            &index.to_string(),
            "--json",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    json_of(&out)["handle"].as_u64().unwrap()
}

// ---- adapters ------------------------------------------------------------------------------

#[test]
fn adapters_prints_every_adapter() {
    let mut driver = FakeDriver::new(2);
    driver.adapters[1].info.flags = ADAPTER_ESP;
    driver.adapters[0]
        .offload
        .table
        .add(esp_gcm128(Direction::Outbound, 0x99))
        .unwrap();
    let out = run(&mut driver, &["adapters"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    assert_eq!(driver.calls.len(), 1);
    let call = &driver.calls[0];
    assert_eq!(call.code, control::IOCTL_LIST_ADAPTERS);
    assert_eq!(decoded(call), Request::ListAdapters);
    assert_eq!(
        call.output_len,
        request::output_len_for(&Request::ListAdapters, FIRST_ADAPTER_ROOM)
    );
    assert_eq!(
        out.stdout,
        format!(
            "2 adapter(s)\n\
             port 1  instance 0  ifIndex 11  NetLuid {}  MAC 02-00-00-00-00-01  running,rx-offload,esp,ah  SAs 1/16\n\
             port 2  instance 1  ifIndex 12  NetLuid {}  MAC 02-00-00-00-00-02  esp  SAs 0/16\n",
            0x0006_0000_0100_0000u64, 0x0006_0000_0200_0000u64
        )
    );

    let out = run(&mut driver, &["adapters", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let doc = json_of(&out);
    assert_eq!(doc["ok"], true);
    let list = doc["adapters"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["port"], 1);
    assert_eq!(list[0]["if_index"], 11);
    assert_eq!(list[0]["net_luid"], 0x0006_0000_0100_0000u64);
    assert_eq!(list[0]["net_luid_hex"], "0x0006000001000000");
    assert_eq!(list[0]["mac"], "02-00-00-00-00-01");
    assert_eq!(list[0]["running"], true);
    assert_eq!(list[0]["rx_offload"], true);
    assert_eq!(list[0]["sa_live"], 1);
    assert_eq!(list[1]["running"], false);
    assert_eq!(list[1]["esp"], true);
    assert_eq!(list[1]["ah"], false);
    assert_eq!(list[1]["sa_capacity"], 16);
}

#[test]
fn adapters_asks_again_after_buffer_overflow() {
    let count = FIRST_ADAPTER_ROOM as u32 + 3;
    let mut driver = FakeDriver::new(count);
    let out = run(&mut driver, &["adapters", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(json_of(&out)["adapters"].as_array().unwrap().len(), 11);
    assert_eq!(driver.calls.len(), 2);
    // The second request asks for exactly what the overflow reply's header said.
    let needed = request::output_len_for(&Request::ListAdapters, count as usize);
    assert!(driver.calls[0].output_len < needed);
    assert_eq!(driver.calls[1].output_len, needed);
    assert_eq!(driver.calls[0].input, driver.calls[1].input);
}

// ---- sas -----------------------------------------------------------------------------------

#[test]
fn sas_prints_the_report_and_saves_what_decode_reads() {
    let mut driver = FakeDriver::new(2);
    add(&mut driver, 2, 0);
    add(&mut driver, 2, 2);
    let dir = scratch("sas_save");
    let saved = dir.join("report.bin");
    driver.calls.clear();
    let out = run(
        &mut driver,
        &["sas", "--port", "2", "--save", saved.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(driver.calls.len(), 1);
    assert_eq!(decoded(&driver.calls[0]), Request::ListSas { adapter: 2 });
    assert_eq!(
        driver.calls[0].output_len,
        request::output_len_for(&Request::ListSas { adapter: 2 }, FIRST_SA_ROOM)
    );
    let report = decode_report(&std::fs::read(&saved).unwrap()).unwrap();
    assert_eq!(report.live, 2);
    assert_eq!(out.stdout, format::text(&report));
    assert!(
        out.stdout
            .contains("ESP SPI 0x00001001  AesGcm128 (ICV 16)")
    );
    assert!(
        out.stdout
            .contains("ESP SPI 0x00002002  AesCbc256 + HmacSha256_128 (ICV 16)  ESN high 1")
    );
    // `decode` reads the saved file to the same text.
    let decode = run(&mut driver, &["decode", saved.to_str().unwrap()]);
    assert_eq!(decode.stdout, out.stdout);

    let out = run(&mut driver, &["sas", "--port", "2", "--json"]);
    assert_eq!(out.stdout, format::json(&report));
    let doc = json_of(&out);
    assert_eq!(doc["live"], 2);
    // Port 1 has none.
    let out = run(&mut driver, &["sas", "--port", "1"]);
    assert_eq!(out.stdout, "0 SA bundle(s)\n");
}

#[test]
fn sas_asks_again_when_the_table_outgrows_the_first_buffer() {
    let bundles = FIRST_SA_ROOM + 6;
    let mut driver = FakeDriver::with_setting(1, 128, IpsecSetting::AhAndEsp);
    for spi in 0..bundles as u32 {
        driver.adapters[0]
            .offload
            .table
            .add(esp_gcm128(Direction::Outbound, 0x100 + spi))
            .unwrap();
    }
    let out = run(&mut driver, &["sas", "--port", "1", "--json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(json_of(&out)["bundles"].as_array().unwrap().len(), bundles);
    assert_eq!(driver.calls.len(), 2);
    let needed = reply::REPLY_HEADER_LEN + ipsecov2_core::sa_report::report_len(bundles);
    assert!(driver.calls[0].output_len < needed);
    assert_eq!(driver.calls[1].output_len, needed);
}

#[test]
fn list_retries_are_bounded() {
    // A list that keeps growing: every answer is an overflow asking for more.
    let overflow = |needed: usize| {
        let mut header = vec![0u8; reply::REPLY_HEADER_LEN];
        write_u32(&mut header, 0, control::CONTROL_VERSION);
        write_u32(
            &mut header,
            4,
            control::function_of(control::IOCTL_LIST_SAS),
        );
        write_u32(&mut header, 8, needed as u32);
        (control::STATUS_BUFFER_OVERFLOW, header)
    };
    let mut growing = Scripted {
        answers: (1..=10).map(|i| overflow(100_000 * i)).collect(),
        calls: Vec::new(),
    };
    let out = run_with(&mut growing, &["sas", "--port", "1"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("the list grew"), "{out:?}");
    assert_eq!(growing.calls.len(), LIST_ATTEMPTS);
    // An overflow that asks for no more than was offered is not chased.
    let mut confused = Scripted {
        answers: vec![overflow(reply::REPLY_HEADER_LEN)],
        calls: Vec::new(),
    };
    let out = run_with(&mut confused, &["sas", "--port", "1"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("not retrying"), "{out:?}");
    assert_eq!(confused.calls.len(), 1);
}

#[test]
fn refusals_name_the_status_and_exit_1() {
    let mut driver = FakeDriver::new(1);
    let out = run(&mut driver, &["sas", "--port", "9"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "ipsecov2ctl: sas: the driver answered STATUS_NO_SUCH_DEVICE (0xC000000E)\n  \
         possible reason: no adapter with this port number\n"
    );
    let out = run(&mut driver, &["sas", "--port", "9", "--json"]);
    assert_eq!(out.code, 1);
    let doc = json_of(&out);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["command"], "sas");
    assert_eq!(doc["status"], "0xC000000E");
    assert_eq!(doc["status_name"], "STATUS_NO_SUCH_DEVICE");
    assert_eq!(
        doc["possible_reasons"][0],
        "no adapter with this port number"
    );
    // A status the transport made of a Win32 error (see win32.rs) says so.
    let mut denied = Scripted {
        answers: vec![(0xC007_0005_u32 as i32, Vec::new())],
        calls: Vec::new(),
    };
    let out = run_with(&mut denied, &["delete", "--port", "1", "--handle", "5"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("the driver answered Win32 error 5 (0xC0070005)"),
        "{out:?}"
    );
    let out = run_with(
        &mut denied,
        &["delete", "--port", "1", "--handle", "5", "--json"],
    );
    let doc = json_of(&out);
    assert_eq!(doc["status"], "0xC0070005");
    assert_eq!(doc["status_name"], Value::Null);
    assert_eq!(doc["win32_error"], 5);
}

// ---- add -----------------------------------------------------------------------------------

#[test]
fn add_sends_the_sa_file_entry_and_prints_the_handle() {
    let mut driver = FakeDriver::new(1);
    let configs = sa_json::parse(&std::fs::read_to_string(sa_file()).unwrap()).unwrap();
    let path = sa_path();
    for (index, config) in configs.iter().enumerate() {
        driver.calls.clear();
        let out = run(
            &mut driver,
            &[
                "add",
                "--port",
                "1",
                "--sa",
                &path,
                "--index",
                &index.to_string(),
            ],
        );
        assert_eq!(out.code, 0, "SA #{index}: {out:?}");
        let call = &driver.calls[0];
        assert_eq!(call.code, control::IOCTL_ADD_SA);
        let Request::AddSa { adapter, add_sa_ex } = decoded(call) else {
            panic!("{call:?}");
        };
        assert_eq!(adapter, 1);
        // What went to the driver is the SA file's bundle, keys included.
        let bundle = decode_add_sa_ex(add_sa_ex, &Capabilities::engine(DEFAULT_SA_CAPACITY))
            .unwrap_or_else(|e| panic!("SA #{index}: {e:?}"));
        assert_eq!(bundle, config.bundle, "SA #{index}");
        let handle = driver.adapters[0].offload.table.len();
        assert_eq!(handle as usize, index + 1);
        let line = out.stdout.lines().nth(1).unwrap();
        let handle = u64::from_str_radix(line.strip_prefix("handle 0x").unwrap(), 16).unwrap();
        assert!(
            driver.adapters[0].offload.table.get(handle).is_some(),
            "{out:?}"
        );
    }
    let first = run(&mut driver, &["add", "--port", "1", "--sa", &path]);
    assert!(
        first.stdout.starts_with(&format!(
            "SA #0 of {path} added on port 1: outbound ESP SPI 0x00001001\nhandle 0x"
        )),
        "{first:?}"
    );
    // The inbound AH SA on an adapter that does not hold it yet, as JSON.
    let mut driver = FakeDriver::new(1);
    let out = run(
        &mut driver,
        &[
            "add", "--port", "1", "--sa", &path, "--index", "3", "--json",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let doc = json_of(&out);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["port"], 1);
    assert_eq!(doc["sa_index"], 3);
    assert_eq!(doc["sa"]["protocol"], "AH");
    assert_eq!(doc["sa"]["spi"], 123);
    assert_eq!(doc["sa"]["direction"], "inbound");
    let handle = doc["handle"].as_u64().unwrap();
    assert_eq!(doc["handle_hex"], format!("{handle:#018x}"));
    assert!(driver.adapters[0].offload.table.get(handle).is_some());
}

#[test]
fn add_refused_for_a_malformed_sa_says_why() {
    let dir = scratch("add_bad_key");
    let file = dir.join("sa.json");
    // AES-GCM-128 with a 10-byte key: the reader accepts it, the decoder does not.
    std::fs::write(
        &file,
        r#"[{"spi": 7, "dir": "out", "src": "192.0.2.1", "dst": "192.0.2.2",
             "enc": "aes-gcm-128", "enc_key": "f00dfeedfacecafebeef"}]"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let mut driver = FakeDriver::new(1);
    let out = run(&mut driver, &["add", "--port", "1", "--sa", path]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with(
            "ipsecov2ctl: add: the driver answered NDIS_STATUS_INVALID_DATA (0xC0010015)\n"
        ),
        "{out:?}"
    );
    assert!(
        out.stderr.contains(
            "local check: key length does not match the algorithm (NDIS_STATUS_INVALID_DATA (0xC0010015))"
        ),
        "{out:?}"
    );
    assert!(out.stderr.contains("outbound ESP SPI 0x00000007"));
    assert!(!out.stderr.contains("f00dfeed"), "{out:?}");
    assert_eq!(driver.adapters[0].offload.table.len(), 0);

    let out = run(&mut driver, &["add", "--port", "1", "--sa", path, "--json"]);
    assert_eq!(out.code, 1);
    let doc = json_of(&out);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["status_name"], "NDIS_STATUS_INVALID_DATA");
    assert_eq!(doc["local_check"]["valid"], false);
    assert_eq!(
        doc["local_check"]["reason"],
        "key length does not match the algorithm"
    );
    assert!(!out.stdout.contains("f00dfeed"));
}

#[test]
fn add_refused_by_the_adapter_configuration() {
    // ESP only: the AH SA of the fixture is valid but not enabled.
    let mut driver = FakeDriver::with_setting(1, 4, IpsecSetting::Esp);
    let out = run(
        &mut driver,
        &["add", "--port", "1", "--sa", &sa_path(), "--index", "3"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr
            .contains("NDIS_STATUS_NOT_SUPPORTED (0xC00000BB)"),
        "{out:?}"
    );
    assert!(
        out.stderr.contains(
            "local check: the ADD_SA_EX buffer is valid for the engine's full capabilities"
        ),
        "{out:?}"
    );
    assert!(
        out.stderr
            .contains("possible reason: IPsec offload (or this protocol) is disabled"),
        "{out:?}"
    );
    // A duplicate inbound SA: the table refuses the second one.
    let mut driver = FakeDriver::new(1);
    add(&mut driver, 1, 1);
    let out = run(
        &mut driver,
        &[
            "add",
            "--port",
            "1",
            "--sa",
            &sa_path(),
            "--index",
            "1",
            "--json",
        ],
    );
    assert_eq!(out.code, 1);
    let doc = json_of(&out);
    assert_eq!(doc["local_check"]["valid"], true);
    let reasons = doc["possible_reasons"].as_array().unwrap();
    assert!(
        reasons.contains(&Value::from(
            "an inbound SA with this SPI and destination exists"
        )),
        "{doc}"
    );
}

#[test]
fn add_with_a_bad_file_or_index_sends_nothing() {
    let mut driver = FakeDriver::new(1);
    let out = run(
        &mut driver,
        &["add", "--port", "1", "--sa", &sa_path(), "--index", "5"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("holds 5 SA(s); --index 5 names none"),
        "{out:?}"
    );
    let out = run(
        &mut driver,
        &["add", "--port", "1", "--sa", "/nonexistent/sa.json"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("add: read /nonexistent/sa.json"),
        "{out:?}"
    );
    // A key the reader cannot parse: its text stays out of the message.
    let dir = scratch("add_unparsable_key");
    let file = dir.join("sa.json");
    std::fs::write(
        &file,
        r#"[{"spi": 7, "dir": "out", "src": "192.0.2.1", "dst": "192.0.2.2",
             "enc": "aes-gcm-128", "enc_key": "5ec12e7b1e55ed0dd"}]"#,
    )
    .unwrap();
    let out = run(
        &mut driver,
        &["add", "--port", "1", "--sa", file.to_str().unwrap()],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("odd-length hex string"), "{out:?}");
    assert!(!out.stderr.contains("5ec12e7b"), "{out:?}");
    assert!(driver.calls.is_empty());
}

// ---- delete --------------------------------------------------------------------------------

#[test]
fn delete_removes_the_bundle_and_refuses_an_unknown_handle() {
    let mut driver = FakeDriver::new(1);
    let handle = add(&mut driver, 1, 0);
    driver.calls.clear();
    let hex = format!("{handle:#x}");
    let out = run(&mut driver, &["delete", "--port", "1", "--handle", &hex]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        format!("SA bundle {handle:#018x} deleted on port 1\n")
    );
    assert_eq!(
        decoded(&driver.calls[0]),
        Request::DeleteSa { adapter: 1, handle }
    );
    assert_eq!(driver.adapters[0].offload.table.len(), 0);

    let out = run(
        &mut driver,
        &["delete", "--port", "1", "--handle", &handle.to_string()],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "ipsecov2ctl: delete: the driver answered STATUS_NOT_FOUND (0xC0000225)\n  \
             handle {handle:#018x} on port 1\n  \
             possible reason: handle names no SA bundle of the adapter\n"
        )
    );
    assert_eq!(
        decoded(&driver.calls[1]),
        Request::DeleteSa { adapter: 1, handle }
    );

    let handle = add(&mut driver, 1, 0);
    let out = run(
        &mut driver,
        &[
            "delete",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--json",
        ],
    );
    assert_eq!(out.code, 0);
    let doc = json_of(&out);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["handle"], handle);
    assert_eq!(doc["handle_hex"], format!("{handle:#018x}"));
}

// ---- inject --------------------------------------------------------------------------------

/// An Ethernet frame to 02-00-00-00-00-02 framed by the pcap tool for SA #0 of the fixture
/// (outbound ESP AES-GCM-128, SPI 0x1001), sequence number 1, and its slot-12 hints.
fn framed_for_sa0() -> (Vec<u8>, u32) {
    let configs = sa_json::parse(&std::fs::read_to_string(sa_file()).unwrap()).unwrap();
    let plain = ethernet_ipv4(
        [192, 0, 2, 1],
        [192, 0, 2, 2],
        17,
        b"\x12\x34\x56\x78\0\x0c\0\0ping",
    );
    let framed = ipsecov2_pcap::frame::frame(&plain[14..], &configs[0], 1).unwrap();
    let mut frame = plain[..14].to_vec();
    frame.extend_from_slice(&framed.packet);
    let hints = SendHints {
        esp_offset: framed.ipsec_offset,
        ah_offset: 0,
        next_header: framed.next_header,
        pad_length: framed.pad_length,
        present: true,
    };
    (frame, hints.to_slot())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn inject_send_seals_and_inject_recv_opens_on_the_peer() {
    let mut driver = FakeDriver::new(2);
    let out_handle = add(&mut driver, 1, 0);
    add(&mut driver, 2, 1);
    let (frame, header_info) = framed_for_sa0();
    driver.calls.clear();
    let send = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &format!("{out_handle:#x}"),
            "--header-info",
            &format!("{header_info:#x}"),
            "--frame",
            &hex(&frame),
            "--json",
        ],
    );
    assert_eq!(send.code, 0, "{send:?}");
    assert_eq!(
        decoded(&driver.calls[0]),
        Request::InjectSend {
            adapter: 1,
            handle: out_handle,
            tunnel: 0,
            header_info,
            frame: &frame,
        }
    );
    let doc = json_of(&send);
    assert_eq!(doc["sent"], true);
    assert_eq!(doc["send_status"], "0x00000000");
    assert_eq!(doc["send_status_name"], "STATUS_SUCCESS");
    assert_eq!(doc["frame_len"], frame.len());
    let wire = doc["wire_hex"].as_str().unwrap().to_owned();
    assert_eq!(wire.len() / 2, doc["wire_len"].as_u64().unwrap() as usize);
    assert_ne!(wire, hex(&frame), "sealed");

    // The sealed frame, received on the peer with the inbound twin of the SA.
    let dir = scratch("inject_round_trip");
    let wire_file = dir.join("wire.bin");
    let wire_bytes = ipsecov2ctl::cli::parse_hex(&wire).unwrap();
    std::fs::write(&wire_file, &wire_bytes).unwrap();
    let plain_file = dir.join("plain.bin");
    let recv = run(
        &mut driver,
        &[
            "inject-recv",
            "--port",
            "2",
            "--frame-file",
            wire_file.to_str().unwrap(),
            "--out",
            plain_file.to_str().unwrap(),
        ],
    );
    assert_eq!(recv.code, 0, "{recv:?}");
    assert_eq!(
        decoded(driver.calls.last().unwrap()),
        Request::InjectReceive {
            adapter: 2,
            frame: &wire_bytes,
        }
    );
    let lines: Vec<&str> = recv.stdout.lines().collect();
    assert_eq!(lines[0], "outcome Indicated");
    assert_eq!(
        lines[1],
        "slot 1  0x00000002  CryptoDone yes  NextCryptoDone no  SaDeleteReq no  CryptoStatus 0 CRYPTO_SUCCESS"
    );
    assert!(
        lines[2].starts_with("slot 12 0x000102") && lines[2].contains("next header 17 (UDP)"),
        "{recv:?}"
    );
    assert!(lines[2].ends_with("HeaderInfoSet yes"), "{recv:?}");
    assert_eq!(lines[3], "SPI 0x00001001  sequence 1");
    assert_eq!(
        lines[4],
        format!("frame {0} bytes -> indicated {0} bytes", wire_bytes.len())
    );
    assert_eq!(
        lines[5],
        format!("indicated bytes written to {}", plain_file.display())
    );
    // Decrypted in place: the payload is the plain one again.
    let indicated = std::fs::read(&plain_file).unwrap();
    assert_eq!(indicated.len(), wire_bytes.len());
    assert!(
        indicated.windows(4).any(|w| w == b"ping"),
        "decrypted payload"
    );

    // The same frame with a flipped ICV byte, as JSON.
    let mut tampered = wire_bytes.clone();
    *tampered.last_mut().unwrap() ^= 1;
    let recv = run(
        &mut driver,
        &[
            "inject-recv",
            "--port",
            "2",
            "--frame",
            &hex(&tampered),
            "--json",
        ],
    );
    assert_eq!(recv.code, 0, "{recv:?}");
    let doc = json_of(&recv);
    assert_eq!(doc["outcome"], "Indicated");
    assert_eq!(doc["slot1"]["crypto_done"], true);
    assert_eq!(doc["slot1"]["crypto_status"], 3);
    assert_eq!(
        doc["slot1"]["crypto_status_name"],
        "CRYPTO_TRANSPORT_ESP_AUTH_FAILED"
    );
    assert_eq!(doc["slot12"]["header_info_set"], false);
    let spi = doc["spi"].as_u64().unwrap();
    assert_eq!(doc["spi_hex"], format!("{spi:#010x}"));
    assert_eq!(doc["indicated_len"], tampered.len());
}

#[test]
fn inject_send_writes_the_wire_frame_or_says_why_nothing_was_sent() {
    let mut driver = FakeDriver::new(1);
    let handle = add(&mut driver, 1, 0);
    let (frame, header_info) = framed_for_sa0();
    let dir = scratch("inject_send_out");
    let frame_file = dir.join("frame.bin");
    std::fs::write(&frame_file, &frame).unwrap();
    let wire_file = dir.join("wire.bin");
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--header-info",
            &header_info.to_string(),
            "--frame-file",
            frame_file.to_str().unwrap(),
            "--out",
            wire_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let wire = std::fs::read(&wire_file).unwrap();
    assert_eq!(
        out.stdout,
        format!(
            "sent: STATUS_SUCCESS (0x00000000)\nframe {} bytes -> wire {} bytes\nwire frame written to {}\n",
            frame.len(),
            wire.len(),
            wire_file.display()
        )
    );
    // Without --out the wire frame is printed as hex lines that --frame reads back.
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--frame",
            &hex(&frame),
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let dump: String = out.stdout.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(
        ipsecov2ctl::cli::parse_hex(&dump).unwrap().len(),
        wire.len()
    );

    // The engine refuses a frame that is no IP packet: the IOCTL succeeds, the send fails.
    let mut junk = frame.clone();
    junk[12..14].copy_from_slice(&[0x88, 0xB5]);
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--frame",
            &hex(&junk),
            "--out",
            dir.join("never.bin").to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with(
            "send failed: NDIS_STATUS_FAILURE (0xC0000001)\nreason: not an IPv4/IPv6 frame\n"
        ),
        "{out:?}"
    );
    assert!(out.stdout.contains("never.bin not written"), "{out:?}");
    assert!(!dir.join("never.bin").exists());
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--frame",
            &hex(&junk),
            "--json",
        ],
    );
    let doc = json_of(&out);
    assert_eq!(doc["sent"], false);
    assert_eq!(doc["send_status_name"], "NDIS_STATUS_FAILURE");
    assert_eq!(doc["reason"], "not an IPv4/IPv6 frame");
    assert_eq!(doc["wire_len"], 0);

    // An unknown handle and a runt frame are refused by the driver.
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            "0x77",
            "--frame",
            &hex(&frame),
        ],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("STATUS_NOT_FOUND"), "{out:?}");
    let out = run(
        &mut driver,
        &[
            "inject-send",
            "--port",
            "1",
            "--handle",
            &handle.to_string(),
            "--frame",
            "0200",
        ],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("STATUS_INVALID_BUFFER_SIZE")
            && out.stderr.contains(
                "possible reason: frame shorter than an Ethernet header or longer than the buffer"
            ),
        "{out:?}"
    );
}

#[test]
fn inject_recv_reports_a_filtered_frame() {
    let mut driver = FakeDriver::new(2);
    let (frame, _) = framed_for_sa0();
    // Port 1's MAC is 02-00-00-00-00-01; the frame is for -02.
    let out = run(
        &mut driver,
        &["inject-recv", "--port", "1", "--frame", &hex(&frame)],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("outcome Filtered\n"), "{out:?}");
    assert!(
        out.stdout.ends_with(&format!(
            "frame {} bytes -> indicated 0 bytes\n",
            frame.len()
        )),
        "{out:?}"
    );
    // No SA on port 2: indicated as is, nothing checked.
    let out = run(
        &mut driver,
        &[
            "inject-recv",
            "--port",
            "2",
            "--frame",
            &hex(&frame),
            "--json",
        ],
    );
    let doc = json_of(&out);
    assert_eq!(doc["outcome"], "Indicated");
    assert_eq!(doc["slot1"]["raw"], 0);
    assert_eq!(doc["slot1"]["crypto_done"], false);
    assert_eq!(doc["indicated_hex"], hex(&frame));
}

// ---- selftest ------------------------------------------------------------------------------

#[test]
fn selftest_lists_every_vector() {
    let mut driver = FakeDriver::new(0);
    let out = run(&mut driver, &["selftest"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(decoded(&driver.calls[0]), Request::SelfTest);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), KAT_COUNT + 1);
    for (index, line) in lines[..KAT_COUNT].iter().enumerate() {
        assert!(line.starts_with(kat_id(index)), "{line}");
        assert!(line.ends_with("  passed"), "{line}");
    }
    assert_eq!(
        lines[KAT_COUNT],
        format!("{KAT_COUNT}/{KAT_COUNT} vectors passed")
    );
    let out = run(&mut driver, &["selftest", "--json"]);
    assert_eq!(out.code, 0);
    let doc = json_of(&out);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["passed"], KAT_COUNT);
    assert_eq!(doc["total"], KAT_COUNT);
    assert_eq!(doc["vectors"][0]["name"], kat_id(0));
    assert_eq!(doc["vectors"][0]["result"], "passed");
}

#[test]
fn selftest_failure_exits_1() {
    let mut driver = FakeDriver::new(0);
    driver.failing_vector = Some(2);
    let out = run(&mut driver, &["selftest"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout
            .lines()
            .nth(2)
            .unwrap()
            .ends_with("  sealed bytes differ"),
        "{out:?}"
    );
    assert!(
        out.stdout
            .ends_with(&format!("{}/{KAT_COUNT} vectors passed\n", KAT_COUNT - 1))
    );
    assert_eq!(
        out.stderr,
        format!("ipsecov2ctl: selftest: 1 of {KAT_COUNT} vectors failed\n")
    );
    let out = run(&mut driver, &["selftest", "--json"]);
    assert_eq!(out.code, 1);
    let doc = json_of(&out);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["vectors"][2]["code"], KatResult::SealMismatch as u32);
    assert_eq!(doc["driver_passed"], KAT_COUNT - 1);
}

// ---- exit codes and hygiene ----------------------------------------------------------------

#[test]
fn usage_errors_exit_2_without_opening_the_device() {
    for args in [
        &["adapters", "--verbose"][..],
        &["add", "--port", "1"],
        &["delete", "--port", "x", "--handle", "1"],
        &["inject-recv", "--port", "1", "--frame", "0"],
        &["selftest", "now"],
        &[],
    ] {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let out = ipsecov2ctl::run(&args, || -> Result<FakeDriver, String> {
            panic!("device opened for {args:?}")
        });
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains("usage: ipsecov2ctl"), "{out:?}");
    }
}

#[test]
fn device_and_transport_failures_exit_1() {
    let args = vec!["adapters".to_string()];
    let out = ipsecov2ctl::run(&args, || -> Result<FakeDriver, String> {
        Err("cannot open the control device".into())
    });
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "ipsecov2ctl: cannot open the control device\n");

    struct Broken;
    impl Transport for Broken {
        fn ioctl(&mut self, _: u32, _: &[u8], _: usize) -> Result<(i32, Vec<u8>), String> {
            Err("no answer within 30 s".into())
        }
    }
    let out = run_with(Broken, &["selftest", "--json"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "ipsecov2ctl: SELF_TEST: no answer within 30 s\n"
    );

    // A reply the tool cannot read (another IOCTL's) is a failure, not a crash.
    let mut wrong = vec![0u8; 24];
    write_u32(&mut wrong, 0, control::CONTROL_VERSION);
    write_u32(
        &mut wrong,
        4,
        control::function_of(control::IOCTL_DELETE_SA),
    );
    write_u32(&mut wrong, 8, 24);
    write_u64(&mut wrong, 16, 1);
    let out = run_with(
        Scripted {
            answers: vec![(0, wrong)],
            calls: Vec::new(),
        },
        &["add", "--port", "1", "--sa", &sa_path()],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("ADD_SA: unreadable reply"), "{out:?}");
}

#[test]
fn no_output_ever_holds_a_key_of_the_sa_file() {
    let keys = key_texts();
    let path = sa_path();
    let mut driver = FakeDriver::new(2);
    let mut outcomes = Vec::new();
    for index in 0..5 {
        for json in [false, true] {
            let index = index.to_string();
            let mut args = vec!["add", "--port", "1", "--sa", &path, "--index", &index];
            if json {
                args.push("--json");
            }
            // The second of each pair is a duplicate or a second outbound SA.
            outcomes.push(run(&mut driver, &args));
        }
    }
    // Refused on an ESP-only adapter (the AH SA) and on a missing port.
    let mut esp_only = FakeDriver::with_setting(1, 4, IpsecSetting::Esp);
    outcomes.push(run(
        &mut esp_only,
        &["add", "--port", "1", "--sa", &path, "--index", "3"],
    ));
    outcomes.push(run(
        &mut esp_only,
        &[
            "add", "--port", "1", "--sa", &path, "--index", "3", "--json",
        ],
    ));
    outcomes.push(run(&mut driver, &["add", "--port", "7", "--sa", &path]));
    for args in [
        &["sas", "--port", "1"][..],
        &["sas", "--port", "1", "--json"],
        &["adapters"],
        &["adapters", "--json"],
    ] {
        outcomes.push(run(&mut driver, args));
    }
    assert!(outcomes.iter().any(|o| o.code == 0));
    assert!(outcomes.iter().any(|o| o.code == 1));
    for outcome in &outcomes {
        assert_no_key(outcome, &keys);
    }
    // The keys did reach the driver: the check above is not vacuous.
    let sent = driver
        .calls
        .iter()
        .filter(|call| call.code == control::IOCTL_ADD_SA)
        .map(|call| hex(&call.input))
        .collect::<String>();
    for key in keys.iter().filter(|k| k.len() >= 40 && !k.contains(' ')) {
        assert!(sent.contains(&key.to_ascii_lowercase()), "{key} not sent");
    }
}

/// `frame` builds, without the device, exactly what the stack would hand over for SA 0: the
/// frame the round trip above injects, and its slot-12 value.
#[test]
fn frame_builds_the_stack_frame_for_inject_send() {
    let (expected, header_info) = framed_for_sa0();
    let ip_packet = hex(&expected[14..]);
    let plain = ethernet_ipv4(
        [192, 0, 2, 1],
        [192, 0, 2, 2],
        17,
        b"\x12\x34\x56\x78\0\x0c\0\0ping",
    );
    let opened = std::cell::Cell::new(false);
    let outcome = ipsecov2ctl::run::<FakeDriver>(
        &[
            "frame",
            "--sa",
            &sa_path(),
            "--ip-packet",
            &hex(&plain[14..]),
            "--dst-mac",
            "02:00:00:00:00:02",
            "--src-mac",
            "02-00-00-00-00-01",
            "--json",
        ]
        .map(String::from),
        || {
            opened.set(true);
            Err("no device".into())
        },
    );
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert!(!opened.get(), "frame opened the device");
    let doc = json_of(&outcome);
    assert_eq!(doc["frame"].as_str().unwrap(), hex(&expected));
    assert_ne!(doc["frame"].as_str().unwrap(), ip_packet);
    assert_eq!(doc["header_info"].as_u64().unwrap(), u64::from(header_info));
    assert_eq!(doc["length"].as_u64().unwrap() as usize, expected.len());
    assert_no_key(&outcome, &key_texts());

    // The human form prints the same frame and value.
    let text = ipsecov2ctl::run::<FakeDriver>(
        &[
            "frame",
            "--sa",
            &sa_path(),
            "--ip-packet",
            &hex(&plain[14..]),
        ]
        .map(String::from),
        || Err("no device".into()),
    );
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains(&format!("{header_info:#010x}")));
    assert!(text.stdout.contains(&hex(&expected)));

    // An inbound SA frames nothing (exit 1); a bad MAC or a missing packet is a usage error.
    let inbound = ipsecov2ctl::run::<FakeDriver>(
        &[
            "frame",
            "--sa",
            &sa_path(),
            "--index",
            "1",
            "--ip-packet",
            &hex(&plain[14..]),
        ]
        .map(String::from),
        || Err("no device".into()),
    );
    assert_eq!(inbound.code, 1, "{inbound:?}");
    assert!(inbound.stderr.contains("inbound"));
    let bad_mac = ipsecov2ctl::run::<FakeDriver>(
        &[
            "frame",
            "--sa",
            &sa_path(),
            "--ip-packet",
            "4500",
            "--dst-mac",
            "02:00",
        ]
        .map(String::from),
        || Err("no device".into()),
    );
    assert_eq!(bad_mac.code, 2, "{bad_mac:?}");
    let no_packet =
        ipsecov2ctl::run::<FakeDriver>(&["frame", "--sa", &sa_path()].map(String::from), || {
            Err("no device".into())
        });
    assert_eq!(no_packet.code, 2);
    let not_ip = ipsecov2ctl::run::<FakeDriver>(
        &["frame", "--sa", &sa_path(), "--ip-packet", "00112233"].map(String::from),
        || Err("no device".into()),
    );
    assert_eq!(not_ip.code, 1, "{not_ip:?}");
}
