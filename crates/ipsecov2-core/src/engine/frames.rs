//! Building Ethernet/IPv4 frames around a payload, for tests, benchmarks and host tools (the
//! kernel never builds frames; it only seals and opens them).

use alloc::vec::Vec;

/// The Ethernet header the helpers use: locally administered unicast addresses, IPv4.
pub const ETHERNET_IPV4: [u8; 14] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00];

/// An Ethernet frame carrying an IPv4 packet from `src` to `dst` with `protocol` and
/// `payload` (no options, TTL 64, header checksum left zero: the engine does not read it).
pub fn ethernet_ipv4(src: [u8; 4], dst: [u8; 4], protocol: u8, payload: &[u8]) -> Vec<u8> {
    let total = (20 + payload.len()) as u16;
    let mut frame = ETHERNET_IPV4.to_vec();
    frame.extend_from_slice(&[0x45, 0]);
    frame.extend_from_slice(&total.to_be_bytes());
    frame.extend_from_slice(&[0, 1, 0, 0, 64, protocol, 0, 0]);
    frame.extend_from_slice(&src);
    frame.extend_from_slice(&dst);
    frame.extend_from_slice(payload);
    frame
}

/// An ESP packet body as the stack frames it for an AES-GCM/GMAC SA: SPI, sequence number
/// `low`, a zero IV (the engine fills it), `payload`, RFC 4303 padding to 4 bytes, pad
/// length, `next_header`, and `icv_len` bytes of zero ICV space.
pub fn esp_framed(spi: u32, low: u32, payload: &[u8], next_header: u8, icv_len: usize) -> Vec<u8> {
    let mut esp = spi.to_be_bytes().to_vec();
    esp.extend_from_slice(&low.to_be_bytes());
    esp.extend_from_slice(&[0; 8]);
    esp.extend_from_slice(payload);
    let pad = (4 - (payload.len() + 2) % 4) % 4;
    esp.extend((1..=pad).map(|i| i as u8));
    esp.extend_from_slice(&[pad as u8, next_header]);
    esp.resize(esp.len() + icv_len, 0);
    esp
}
