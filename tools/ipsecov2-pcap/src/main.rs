//! `ipsecov2-pcap`: runs the ipsecov2 offload engine over packet captures.
//!
//! ```text
//! ipsecov2-pcap seal --sa SA.json --in plain.pcap --out esp.pcap
//! ipsecov2-pcap open --sa SA.json --in esp.pcap --out plain.pcap --report report.jsonl
//! ipsecov2-pcap wireshark --sa SA.json
//! ```
//! `seal` frames each plain IP packet as the Windows stack would for the first outbound SA
//! (next sequence number, padding, trailer; outer header for tunnel SAs; UDP for NAT-T) and
//! seals it with the engine. `open` opens each packet with the inbound SAs and reports, per
//! packet, what the NIC would report; the output holds the packets that opened, as the stack
//! would see them. `wireshark` prints the `esp_sa` lines for Wireshark/tshark.

use ipsecov2_core::engine::{SendHints, open_frame, seal_frame};
use ipsecov2_core::sa::SaTable;
use ipsecov2_core::sa::spec::Direction;
use ipsecov2_pcap::pcap::{Capture, LinkType, Packet};
use ipsecov2_pcap::sa_json::SaConfig;
use ipsecov2_pcap::{frame, pcap, sa_json};
use std::process::ExitCode;

const ETHERNET: [u8; 14] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];

struct Args {
    command: String,
    sa: Option<String>,
    input: Option<String>,
    output: Option<String>,
    report: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut raw = std::env::args().skip(1);
    let command = raw.next().ok_or(USAGE)?;
    let mut args = Args {
        command,
        sa: None,
        input: None,
        output: None,
        report: None,
    };
    while let Some(flag) = raw.next() {
        let value = raw.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--sa" => args.sa = Some(value),
            "--in" => args.input = Some(value),
            "--out" => args.output = Some(value),
            "--report" => args.report = Some(value),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(args)
}

const USAGE: &str = "usage: ipsecov2-pcap seal --sa SA.json --in plain.pcap --out esp.pcap\n       ipsecov2-pcap open --sa SA.json --in esp.pcap --out plain.pcap [--report report.jsonl]\n       ipsecov2-pcap wireshark --sa SA.json";

fn read(path: &Option<String>, what: &str) -> Result<Vec<u8>, String> {
    let path = path.as_ref().ok_or(format!("--{what} is required"))?;
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn write(path: &Option<String>, what: &str, bytes: &[u8]) -> Result<(), String> {
    let path = path.as_ref().ok_or(format!("--{what} is required"))?;
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))
}

/// The IP packet of a captured frame, and the Ethernet header to put back (if any).
fn ip_of(link: LinkType, data: &[u8]) -> Option<(&[u8], Option<[u8; 14]>)> {
    match link {
        LinkType::RawIp(_) => Some((data, None)),
        LinkType::Ethernet => {
            let start = ipsecov2_core::engine::ip::ethernet_payload(data)?;
            let mut header = [0u8; 14];
            header.copy_from_slice(data.get(..14)?);
            Some((data.get(start..)?, Some(header)))
        }
    }
}

fn with_ethernet(header: Option<[u8; 14]>, ip_packet: &[u8]) -> Vec<u8> {
    let mut header = header.unwrap_or(ETHERNET);
    header[12..14].copy_from_slice(if ip_packet.first().is_some_and(|b| b >> 4 == 6) {
        &[0x86, 0xDD]
    } else {
        &[0x08, 0x00]
    });
    let mut frame = header.to_vec();
    frame.extend_from_slice(ip_packet);
    frame
}

fn table_of(
    sas: &[SaConfig],
    direction: Direction,
) -> Result<(SaTable, Vec<(u64, usize)>), String> {
    let table = SaTable::new(sas.len().max(1) as u32, 0x5EED).ok_or("no memory")?;
    let mut handles = Vec::new();
    for (index, sa) in sas
        .iter()
        .enumerate()
        .filter(|(_, sa)| sa.bundle.direction == direction)
    {
        let handle = table
            .add(sa.bundle.clone())
            .map_err(|e| format!("SA #{index}: {}", e.reason()))?;
        if direction == Direction::Inbound
            && let Some(entry) = table.get(handle)
        {
            // The highest sequence number seen so far seeds ESN inference.
            if sa.seq > 0 {
                entry.seq[0].advance(sa.seq);
            }
        }
        handles.push((handle, index));
    }
    Ok((table, handles))
}

fn seal(args: &Args, sas: &[SaConfig]) -> Result<(), String> {
    let capture = pcap::parse(&read(&args.input, "in")?)?;
    let (table, handles) = table_of(sas, Direction::Outbound)?;
    let &(handle, index) = handles.first().ok_or("no outbound SA in the SA file")?;
    let sa_config = &sas[index];
    let first_seq = sa_config.seq.max(1);
    let mut out = Capture {
        link: capture.link,
        packets: Vec::new(),
    };
    for ((number, packet), seq) in capture.packets.iter().enumerate().zip(first_seq..) {
        let (ip_packet, ethernet) =
            ip_of(capture.link, &packet.data).ok_or(format!("packet {number}: not IP"))?;
        let framed =
            frame::frame(ip_packet, sa_config, seq).map_err(|e| format!("packet {number}: {e}"))?;
        let mut buffer = with_ethernet(ethernet, &framed.packet);
        let len = buffer.len();
        buffer.resize(len + 64, 0);
        let hints = SendHints {
            esp_offset: if sa_config.protocol == ipsecov2_core::sa::spec::Operation::Esp {
                framed.ipsec_offset
            } else {
                0
            },
            ah_offset: if sa_config.protocol == ipsecov2_core::sa::spec::Operation::Ah {
                framed.ipsec_offset
            } else {
                0
            },
            next_header: framed.next_header,
            pad_length: framed.pad_length,
            present: true,
        };
        let sa = table.get_outbound(handle).ok_or("outbound SA vanished")?;
        let sealed = seal_frame(&mut buffer, len, &sa, None, &hints)
            .map_err(|e| format!("packet {number}: {}", e.reason()))?;
        buffer.truncate(sealed.len);
        let data = match capture.link {
            LinkType::Ethernet => buffer,
            LinkType::RawIp(_) => buffer[14..].to_vec(),
        };
        out.packets.push(Packet {
            seconds: packet.seconds,
            micros: packet.micros,
            data,
        });
    }
    write(&args.output, "out", &pcap::write(&out))
}

fn open(args: &Args, sas: &[SaConfig]) -> Result<(), String> {
    let capture = pcap::parse(&read(&args.input, "in")?)?;
    let (table, _) = table_of(sas, Direction::Inbound)?;
    let mut out = Capture {
        link: capture.link,
        packets: Vec::new(),
    };
    let mut report = String::new();
    for (index, packet) in capture.packets.iter().enumerate() {
        let Some((ip_packet, ethernet)) = ip_of(capture.link, &packet.data) else {
            report.push_str(&format!("{{\"index\":{index},\"crypto_done\":false,\"crypto_status\":0,\"status_name\":\"not IP\"}}\n"));
            continue;
        };
        let mut frame = with_ethernet(ethernet, ip_packet);
        let result = open_frame(&table, &mut frame, true);
        report.push_str(&format!(
            "{{\"index\":{index},\"spi\":{},\"seq\":{},\"crypto_done\":{},\"next_crypto_done\":{},\"crypto_status\":{},\"status_name\":\"{}\",\"sa_delete_req\":{}}}\n",
            result.spi, result.seq, result.crypto_done, result.next_crypto_done, result.status, result.status_name(), result.sa_delete_req
        ));
        if result.crypto_done && result.status == 0 {
            let sa = sas
                .iter()
                .find(|sa| {
                    sa.bundle.direction == Direction::Inbound
                        && sa.element().is_some_and(|e| e.spi == result.spi)
                })
                .ok_or("opened with an unknown SA")?;
            let plain =
                frame::strip(&frame[14..], sa).map_err(|e| format!("packet {index}: {e}"))?;
            let data = match capture.link {
                LinkType::Ethernet => with_ethernet(ethernet, &plain),
                LinkType::RawIp(_) => plain,
            };
            out.packets.push(Packet {
                seconds: packet.seconds,
                micros: packet.micros,
                data,
            });
        }
    }
    if args.report.is_some() {
        write(&args.report, "report", report.as_bytes())?;
    } else {
        print!("{report}");
    }
    write(&args.output, "out", &pcap::write(&out))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let sa_text = String::from_utf8(read(&args.sa, "sa")?).map_err(|e| format!("SA file: {e}"))?;
    let sas = sa_json::parse(&sa_text)?;
    match args.command.as_str() {
        "seal" => seal(&args, &sas),
        "open" => open(&args, &sas),
        "wireshark" => {
            for line in sas.iter().filter_map(sa_json::wireshark_line) {
                println!("{line}");
            }
            Ok(())
        }
        other => Err(format!("unknown command {other}\n{USAGE}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ipsecov2-pcap: {error}");
            ExitCode::FAILURE
        }
    }
}
