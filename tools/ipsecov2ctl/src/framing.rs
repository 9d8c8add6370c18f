//! `ipsecov2ctl frame`: builds the Ethernet frame the Windows stack would hand the miniport
//! for an outbound SA (ESP/AH header with the sequence number, zero IV, RFC 4303 padding and
//! trailer, zero ICV space; a new outer header for tunnel SAs; UDP 4500 for NAT-T), with the
//! slot-12 value the stack would set, so that `inject-send` can be given what the stack gives.
//! Pure host code (the pcap tool's framing): no device is opened.

use crate::Outcome;
use crate::commands::read_sa;
use ipsecov2_core::engine::SendHints;
use ipsecov2_core::sa::spec::{Direction, Operation};
use ipsecov2_pcap::frame::frame;
use serde_json::json;
use zeroize::Zeroize;

/// What `frame` was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameRequest {
    pub sa_file: String,
    pub index: usize,
    /// The plain IP packet (from the IP header on).
    pub ip_packet: Vec<u8>,
    pub seq: u64,
    pub dst_mac: [u8; 6],
    pub src_mac: [u8; 6],
    pub out: Option<String>,
    pub json: bool,
}

/// The frame and its slot-12 value.
pub struct Built {
    pub frame: Vec<u8>,
    pub header_info: u32,
}

/// Frames `request.ip_packet` for SA `request.index` of the SA file.
pub fn build(request: &FrameRequest) -> Result<Built, String> {
    let mut sa = read_sa("frame", &request.sa_file, request.index)?;
    let result = build_with(request, &sa);
    sa.enc_key.zeroize();
    sa.auth_key.zeroize();
    sa.bundle.zeroize_keys();
    result
}

fn build_with(
    request: &FrameRequest,
    sa: &ipsecov2_pcap::sa_json::SaConfig,
) -> Result<Built, String> {
    if sa.bundle.direction != Direction::Outbound {
        return Err(format!(
            "frame: SA {} of {} is inbound; frames are built for outbound SAs",
            request.index, request.sa_file
        ));
    }
    let framed = frame(&request.ip_packet, sa, request.seq)?;
    let ethertype: [u8; 2] = match framed.packet.first().map(|b| b >> 4) {
        Some(4) => [0x08, 0x00],
        Some(6) => [0x86, 0xDD],
        _ => return Err("frame: the framed packet is not IPv4 or IPv6".into()),
    };
    let mut out = Vec::with_capacity(14 + framed.packet.len());
    out.extend_from_slice(&request.dst_mac);
    out.extend_from_slice(&request.src_mac);
    out.extend_from_slice(&ethertype);
    out.extend_from_slice(&framed.packet);
    let (esp_offset, ah_offset) = match sa.protocol {
        Operation::Esp => (framed.ipsec_offset, 0),
        Operation::Ah => (0, framed.ipsec_offset),
    };
    let hints = SendHints {
        esp_offset,
        ah_offset,
        next_header: framed.next_header,
        pad_length: framed.pad_length,
        present: true,
    };
    Ok(Built {
        frame: out,
        header_info: hints.to_slot(),
    })
}

/// Runs `frame`.
pub fn run(request: &FrameRequest) -> Outcome {
    let built = match build(request) {
        Ok(built) => built,
        Err(message) => return Outcome::failed(message),
    };
    if let Err(message) = crate::save_raw(request.out.as_deref(), &built.frame) {
        return Outcome::failed(message);
    }
    let hex: String = built.frame.iter().map(|b| format!("{b:02x}")).collect();
    if request.json {
        let doc = json!({
            "ok": true,
            "frame": hex,
            "length": built.frame.len(),
            "header_info": built.header_info,
            "header_info_hex": format!("{:#010x}", built.header_info),
            "saved_to": request.out,
        });
        return Outcome::ok(format!("{doc:#}\n"));
    }
    let mut text = format!(
        "{}-byte frame, header info {:#010x} (pass it to inject-send --header-info)\n",
        built.frame.len(),
        built.header_info
    );
    if let Some(path) = &request.out {
        text.push_str(&format!("saved to {path}\n"));
    }
    text.push_str(&hex);
    text.push('\n');
    Outcome::ok(text)
}
