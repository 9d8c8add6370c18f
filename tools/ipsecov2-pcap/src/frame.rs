//! Framing plain IP packets the way the Windows stack hands them to an offload NIC (headers,
//! SPI, sequence number, padding and trailer written; IV and ICV space reserved and zero),
//! and stripping what the stack strips after a successful receive check.

use crate::sa_json::{SaConfig, address_bytes};
use ipsecov2_core::engine::crypto::ElementCrypto;
use ipsecov2_core::engine::ip::{self, PROTO_AH, PROTO_ESP, PROTO_IPV4, PROTO_IPV6, PROTO_UDP};
use ipsecov2_core::sa::spec::Operation;
use std::net::IpAddr;

/// The ESP/AH sizes of an SA's element.
pub fn sizes(sa: &SaConfig) -> Result<ElementCrypto, String> {
    ElementCrypto::new(sa.element().ok_or("SA without element")?)
        .ok_or("SA keys do not fit the algorithms".into())
}

fn ipv4_header(total: usize, protocol: u8, src: [u8; 4], dst: [u8; 4], id: u16) -> Vec<u8> {
    let mut h = vec![
        0x45,
        0,
        0,
        0,
        (id >> 8) as u8,
        id as u8,
        0,
        0,
        64,
        protocol,
        0,
        0,
    ];
    h[2..4].copy_from_slice(&(total as u16).to_be_bytes());
    h.extend_from_slice(&src);
    h.extend_from_slice(&dst);
    h
}

fn fix_checksum(packet: &mut [u8]) {
    if let Some(header) = ip::parse_ip(packet, 0)
        && header.version == 4
    {
        ip::fix_ipv4_checksum(packet, &header);
    }
}

/// The framed packet (from the IP header on) plus the slot-12 hints the stack would give.
pub struct Framed {
    pub packet: Vec<u8>,
    pub ipsec_offset: usize,
    pub next_header: u8,
    pub pad_length: u8,
}

/// Frames `plain` (an IP packet) for the outbound SA with sequence number `seq`.
pub fn frame(plain: &[u8], sa: &SaConfig, seq: u64) -> Result<Framed, String> {
    let inner = ip::parse_ip(plain, 0).ok_or("not an IP packet")?;
    let element = sa.element().ok_or("SA without element")?;
    let crypto = sizes(sa)?;
    let udp = sa.bundle.udp_encapsulation.is_udp();
    // What goes inside the IPsec layer, and the header it goes after.
    let (outer_header, protected, next_header): (Vec<u8>, &[u8], u8) = match sa.tunnel {
        Some((src, dst)) => {
            let next = if inner.version == 4 {
                PROTO_IPV4
            } else {
                PROTO_IPV6
            };
            let header = match (src, dst) {
                (IpAddr::V4(s), IpAddr::V4(d)) => {
                    ipv4_header(0, 0, s.octets(), d.octets(), seq as u16)
                }
                (IpAddr::V6(s), IpAddr::V6(d)) => {
                    let mut h = vec![0x60, 0, 0, 0, 0, 0, 0, 64];
                    h.extend_from_slice(&s.octets());
                    h.extend_from_slice(&d.octets());
                    h
                }
                _ => return Err("tunnel endpoints of different IP versions".into()),
            };
            (header, &plain[..inner.end], next)
        }
        None => {
            let header_len = inner.header_len;
            (
                plain[..header_len].to_vec(),
                &plain[header_len..inner.end],
                inner.protocol,
            )
        }
    };
    let version = outer_header[0] >> 4;
    let mut ipsec = Vec::new();
    let (pad_length, ipsec_protocol) = match element.operation {
        Operation::Esp => {
            if udp {
                ipsec.extend_from_slice(&[0x11, 0x94, 0x11, 0x94, 0, 0, 0, 0]);
            }
            ipsec.extend_from_slice(&element.spi.to_be_bytes());
            ipsec.extend_from_slice(&(seq as u32).to_be_bytes());
            ipsec.extend(std::iter::repeat_n(0u8, crypto.iv_len));
            ipsec.extend_from_slice(protected);
            let unpadded = protected.len() + 2;
            let pad = (crypto.block_len - unpadded % crypto.block_len) % crypto.block_len;
            ipsec.extend((1..=pad).map(|i| i as u8));
            ipsec.push(pad as u8);
            ipsec.push(next_header);
            ipsec.extend(std::iter::repeat_n(0u8, crypto.icv_len));
            if udp {
                let udp_len = ipsec.len() as u16;
                ipsec[4..6].copy_from_slice(&udp_len.to_be_bytes());
            }
            (pad as u8, if udp { PROTO_UDP } else { PROTO_ESP })
        }
        Operation::Ah => {
            let align = if version == 4 { 4 } else { 8 };
            let unaligned = 12 + crypto.iv_len + crypto.icv_len;
            let length = unaligned.div_ceil(align) * align;
            ipsec.push(next_header);
            ipsec.push((length / 4 - 2) as u8);
            ipsec.extend_from_slice(&[0, 0]);
            ipsec.extend_from_slice(&element.spi.to_be_bytes());
            ipsec.extend_from_slice(&(seq as u32).to_be_bytes());
            ipsec.extend(std::iter::repeat_n(0u8, length - 12));
            ipsec.extend_from_slice(protected);
            (0, PROTO_AH)
        }
    };
    let mut packet = outer_header;
    let ipsec_offset = packet.len();
    packet.extend_from_slice(&ipsec);
    if version == 4 {
        let total = packet.len() as u16;
        packet[2..4].copy_from_slice(&total.to_be_bytes());
        packet[9] = ipsec_protocol;
    } else {
        let payload = (packet.len() - 40) as u16;
        packet[4..6].copy_from_slice(&payload.to_be_bytes());
        packet[6] = ipsec_protocol;
    }
    fix_checksum(&mut packet);
    let esp_offset = if udp { ipsec_offset + 8 } else { ipsec_offset };
    Ok(Framed {
        packet,
        ipsec_offset: esp_offset,
        next_header,
        pad_length,
    })
}

/// After a successful open, what the stack would see: the ESP/AH layer removed (transport),
/// or the inner packet (tunnel). `packet` starts at the IP header.
pub fn strip(packet: &[u8], sa: &SaConfig) -> Result<Vec<u8>, String> {
    let outer = ip::parse_ip(packet, 0).ok_or("not an IP packet")?;
    let layer = ip::find_ipsec(packet, &outer).ok_or("no IPsec header")?;
    let crypto = sizes(sa)?;
    let (next_header, payload_start, payload_end) = if layer.protocol == PROTO_ESP {
        let trailer_end = outer.end - crypto.icv_len;
        let pad = usize::from(packet[trailer_end - 2]);
        (
            packet[trailer_end - 1],
            layer.offset + 8 + crypto.iv_len,
            trailer_end - 2 - pad,
        )
    } else {
        let length = (usize::from(packet[layer.offset + 1]) + 2) * 4;
        (packet[layer.offset], layer.offset + length, outer.end)
    };
    if next_header == PROTO_IPV4 || next_header == PROTO_IPV6 {
        return Ok(packet[payload_start..payload_end].to_vec());
    }
    let header_end = layer.udp.unwrap_or(layer.offset);
    let mut plain = packet[..header_end].to_vec();
    plain.extend_from_slice(&packet[payload_start..payload_end]);
    if outer.version == 4 {
        let total = plain.len() as u16;
        plain[2..4].copy_from_slice(&total.to_be_bytes());
        plain[9] = next_header;
        fix_checksum(&mut plain);
    } else {
        let payload = (plain.len() - 40) as u16;
        plain[4..6].copy_from_slice(&payload.to_be_bytes());
        // The IPsec header followed the fixed header directly in what this tool frames.
        plain[6] = next_header;
    }
    let _ = address_bytes;
    Ok(plain)
}
