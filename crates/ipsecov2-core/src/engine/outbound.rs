//! The send side: seal a frame the stack framed for offload (spec §4).
//!
//! The stack has built every header, the SPI, the sequence number, the padding and (we
//! expect) the ESP trailer; the NIC encrypts and computes ICVs. Where public sources leave
//! the frame layout open, these forms are accepted and told apart by the slot-12 hints:
//! * **ICV space reserved** (IP length already counts the ICV): the trailer ends `icv_len`
//!   bytes before the end of the IP packet;
//! * **ICV not reserved** (outermost layer only): the trailer ends at the end of the IP
//!   packet; the ICV is appended and the IP (and UDP) lengths and checksums are fixed.
//!
//! Anything else is refused with a reason, and the shell fails the NBL: an IPsec frame is
//! never put on the wire unprocessed.

use super::ah;
use super::esp::{self, SeqInput};
use super::ip::{self, IpHeader, PROTO_AH, PROTO_ESP, read_u32_be};
use crate::sa::seq::SeqState;
use crate::sa::spec::{Direction, ElementSpec, Operation};
use crate::sa::table::SaEntry;
use crate::sync::Ordering;
use ndis_sys::*;

/// The slot-12 transmit view (`NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendHints {
    /// ESP header offset from the start of the IP header, in bytes (0 = not given).
    pub esp_offset: usize,
    /// AH header offset from the start of the IP header, in bytes (0 = not given).
    pub ah_offset: usize,
    pub next_header: u8,
    pub pad_length: u8,
    /// The slot was non-zero.
    pub present: bool,
}

impl SendHints {
    /// Decodes the slot's low 32 bits.
    pub fn from_slot(value: u32) -> Self {
        let field = |mask: u32, shift: u32| (value & mask) >> shift;
        Self {
            next_header: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_NextHeader_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_NextHeader_SHIFT,
            ) as u8,
            pad_length: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_PadLength_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_PadLength_SHIFT,
            ) as u8,
            ah_offset: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_AhHeaderOffset_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_AhHeaderOffset_SHIFT,
            ) as usize
                * 4,
            esp_offset: field(
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_EspHeaderOffset_MASK,
                NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_EspHeaderOffset_SHIFT,
            ) as usize
                * 4,
            present: value != 0,
        }
    }

    /// Encodes hints (for tests and the host tools).
    pub fn to_slot(&self) -> u32 {
        u32::from(self.next_header)
            | (u32::from(self.pad_length) << 8)
            | (((self.ah_offset / 4) as u32 & 0xFF) << 16)
            | (((self.esp_offset / 4) as u32 & 0xFF) << 24)
    }
}

/// Why a frame could not be sealed (the NBL fails).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Not an IPv4/IPv6 frame, or the IP header is malformed.
    NotIp,
    /// The IP packet has no AH/ESP header where the SA needs one.
    NoIpsecHeader,
    /// The SA is inbound (a send needs an outbound SA).
    WrongDirection,
    /// The frame's SPI is not the SA's.
    SpiMismatch,
    /// The ESP trailer / ICV space is in none of the accepted places.
    TrailerLayout,
    /// The frame does not fit the algorithm's lengths or alignment.
    Layout,
    /// No room to append the ICV.
    NoRoom,
    /// A non-ESN SA whose 32-bit sequence space is used up (sequence number 0 after wrap).
    SequenceExhausted,
    /// IPv4 options or IPv6 extension headers the engine does not handle under AH.
    UnsupportedHeaders,
}

impl SendError {
    /// A sentence for the debugger log.
    pub fn reason(self) -> &'static str {
        match self {
            SendError::NotIp => "not an IPv4/IPv6 frame",
            SendError::NoIpsecHeader => "no AH/ESP header where the SA needs one",
            SendError::WrongDirection => "send with an inbound SA handle",
            SendError::SpiMismatch => "the frame's SPI is not the SA's",
            SendError::TrailerLayout => "ESP trailer/ICV space is not where the hints say",
            SendError::Layout => "lengths do not fit the algorithm",
            SendError::NoRoom => "no room to append the ICV",
            SendError::SequenceExhausted => "32-bit sequence space exhausted",
            SendError::UnsupportedHeaders => "IP options/extension headers not supported with AH",
        }
    }
}

/// The result of a successful seal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// New frame length.
    pub len: usize,
    /// The ICV was appended (the stack had not reserved space for it).
    pub appended: bool,
}

/// Does the SPI in the frame name this element? Both byte orders are accepted (spec §9).
fn spi_matches(frame: &[u8], at: usize, element: &ElementSpec) -> bool {
    read_u32_be(frame, at).is_some_and(|spi| spi == element.spi || spi.swap_bytes() == element.spi)
}

/// The 64-bit sequence number of an outbound packet with low bits `low`: the stack's ESN
/// high bits, or the next epoch once the low bits wrapped without an UPDATE_SA (mlx5's
/// overlap rule with a half-space window).
fn outbound_seq(state: &SeqState, esn: bool, low: u32) -> Result<u64, SendError> {
    if !esn {
        if low == 0 {
            return Err(SendError::SequenceExhausted);
        }
        return Ok(u64::from(low));
    }
    Ok(state.outbound(low))
}

/// Seals `frame[..len]` (capacity `frame.len()`) with the outbound SA `sa` and, for
/// transport over tunnel, the tunnel SA `tunnel` (slot 11).
pub fn seal_frame(
    frame: &mut [u8],
    len: usize,
    sa: &SaEntry,
    tunnel: Option<&SaEntry>,
    hints: &SendHints,
) -> Result<Sealed, SendError> {
    for entry in core::iter::once(sa).chain(tunnel) {
        if entry.spec.direction != Direction::Outbound {
            return Err(SendError::WrongDirection);
        }
    }
    let ip_start =
        ip::ethernet_payload(frame.get(..len).ok_or(SendError::NotIp)?).ok_or(SendError::NotIp)?;
    let outer = ip::parse_ip(&frame[..len], ip_start).ok_or(SendError::NotIp)?;
    let Some(tunnel) = tunnel else {
        return seal_layers(frame, len, &outer, sa, hints, true);
    };
    // Transport over tunnel: the transport layer lives in the inner packet, right after the
    // tunnel ESP header and IV; seal it first (its space must be reserved), then the tunnel.
    let tunnel_esp = ip::find_ipsec(&frame[..len], &outer).ok_or(SendError::NoIpsecHeader)?;
    let tunnel_element = tunnel
        .spec
        .elements
        .find(Operation::Esp)
        .ok_or(SendError::NoIpsecHeader)?;
    let tunnel_index = tunnel
        .spec
        .elements
        .iter()
        .position(|e| e.operation == Operation::Esp)
        .unwrap_or(0);
    let iv_len = tunnel.crypto.get(tunnel_index).map_or(0, |c| c.iv_len);
    if tunnel_esp.protocol != PROTO_ESP || !spi_matches(frame, tunnel_esp.offset, tunnel_element) {
        return Err(SendError::SpiMismatch);
    }
    let inner_start = tunnel_esp.offset + 8 + iv_len;
    let inner = ip::parse_ip(&frame[..outer.end], inner_start).ok_or(SendError::NotIp)?;
    let inner_hints = SendHints {
        present: false,
        ..*hints
    };
    seal_layers(frame, len, &inner, sa, &inner_hints, false)?;
    seal_layers(frame, len, &outer, tunnel, hints, true)
}

/// Seals every element of `entry` found in the IP packet `ip`: ESP first, then AH (which
/// covers the ESP result). `allow_append` permits the "ICV not reserved" form.
fn seal_layers(
    frame: &mut [u8],
    len: usize,
    ip: &IpHeader,
    entry: &SaEntry,
    hints: &SendHints,
    allow_append: bool,
) -> Result<Sealed, SendError> {
    let first = ip::find_ipsec(&frame[..len], ip).ok_or(SendError::NoIpsecHeader)?;
    let mut ah_at = None;
    let mut esp_at = None;
    if first.protocol == PROTO_AH {
        ah_at = Some(first.offset);
        let ah_len = (usize::from(*frame.get(first.offset + 1).ok_or(SendError::Layout)?) + 2) * 4;
        if frame.get(first.offset).copied() == Some(PROTO_ESP) {
            esp_at = Some((first.offset + ah_len, None));
        }
    } else {
        esp_at = Some((first.offset, first.udp));
    }
    // Prefer the stack's offsets when they point at a header of this SA.
    if hints.esp_offset != 0 {
        let at = ip.start + hints.esp_offset;
        if let Some(element) = entry.spec.elements.find(Operation::Esp)
            && spi_matches(frame, at, element)
        {
            esp_at = Some((at, esp_at.and_then(|(_, udp)| udp)));
        }
    }
    if hints.ah_offset != 0 {
        let at = ip.start + hints.ah_offset;
        if let Some(element) = entry.spec.elements.find(Operation::Ah)
            && spi_matches(frame, at, element)
        {
            ah_at = Some(at);
        }
    }

    let mut current_len = len;
    let mut ip = *ip;
    let mut appended = false;
    let mut seqs = [0u64; 2];
    // ESP first.
    for (index, element) in entry.spec.elements.iter().enumerate() {
        if element.operation != Operation::Esp {
            continue;
        }
        let (esp_offset, udp) = esp_at.ok_or(SendError::NoIpsecHeader)?;
        if !spi_matches(frame, esp_offset, element) {
            return Err(SendError::SpiMismatch);
        }
        let crypto = entry.crypto.get(index).ok_or(SendError::Layout)?;
        let state = entry.seq.get(index).ok_or(SendError::Layout)?;
        let low = read_u32_be(frame, esp_offset + 4).ok_or(SendError::Layout)?;
        let seq = outbound_seq(state, element.esn, low).inspect_err(|_| {
            entry.counters.seq_exhausted.fetch_add(1, Ordering::Relaxed);
        })?;
        let trailer_end = choose_trailer_end(frame, &ip, esp_offset, crypto, hints, allow_append)?;
        if trailer_end == ip.end && crypto.icv_len > 0 {
            // Append the ICV: the frame ends with this IP packet (Ethernet padding dropped).
            let new_len = ip.end + crypto.icv_len;
            if new_len > frame.len() {
                return Err(SendError::NoRoom);
            }
            frame[ip.end..new_len].fill(0);
            ip::grow_ip(frame, &ip, crypto.icv_len).ok_or(SendError::Layout)?;
            if let Some(udp) = udp {
                let udp_len = ip::read_u16_be(frame, udp + 4).ok_or(SendError::Layout)?;
                ip::write_u16_be(frame, udp + 4, udp_len + crypto.icv_len as u16)
                    .ok_or(SendError::Layout)?;
            }
            ip.end = new_len;
            current_len = new_len;
            appended = true;
        }
        esp::seal(
            frame,
            esp_offset,
            trailer_end,
            crypto,
            &SeqInput {
                seq,
                esn: element.esn,
            },
        )
        .map_err(|_| SendError::Layout)?;
        if let Some(udp) = udp {
            ip::fix_udp_checksum(frame, &ip, udp).ok_or(SendError::Layout)?;
        }
        seqs[index] = seq;
    }
    // Then AH over everything.
    for (index, element) in entry.spec.elements.iter().enumerate() {
        if element.operation != Operation::Ah {
            continue;
        }
        let ah_offset = ah_at.ok_or(SendError::NoIpsecHeader)?;
        if !spi_matches(frame, ah_offset + 4, element) {
            return Err(SendError::SpiMismatch);
        }
        let crypto = entry.crypto.get(index).ok_or(SendError::Layout)?;
        let state = entry.seq.get(index).ok_or(SendError::Layout)?;
        let low = read_u32_be(frame, ah_offset + 8).ok_or(SendError::Layout)?;
        let seq = outbound_seq(state, element.esn, low).inspect_err(|_| {
            entry.counters.seq_exhausted.fetch_add(1, Ordering::Relaxed);
        })?;
        ah::seal(
            frame,
            &ip,
            ah_offset,
            crypto,
            &SeqInput {
                seq,
                esn: element.esn,
            },
        )
        .map_err(|e| match e {
            ah::AhError::Layout => SendError::UnsupportedHeaders,
            ah::AhError::Auth => SendError::Layout,
        })?;
        seqs[index] = seq;
    }
    for (index, state) in entry
        .seq
        .iter()
        .enumerate()
        .take(entry.spec.elements.iter().count())
    {
        state.advance(seqs[index]);
    }
    entry.counters.packets.fetch_add(1, Ordering::Relaxed);
    entry
        .counters
        .bytes
        .fetch_add((ip.end - ip.start) as u64, Ordering::Relaxed);
    Ok(Sealed {
        len: current_len,
        appended,
    })
}

/// Where the ESP trailer ends: before reserved ICV space, or at the end of the IP packet.
fn choose_trailer_end(
    frame: &[u8],
    ip: &IpHeader,
    esp: usize,
    crypto: &super::crypto::ElementCrypto,
    hints: &SendHints,
    allow_append: bool,
) -> Result<usize, SendError> {
    let data_start = esp + 8 + crypto.iv_len;
    let hint_matches = |end: usize| {
        hints.present
            && end >= data_start + 2
            && frame.get(end - 2) == Some(&hints.pad_length)
            && frame.get(end - 1) == Some(&hints.next_header)
    };
    let plausible = |end: usize| {
        if end < data_start + 2 || !(end - data_start).is_multiple_of(crypto.block_len) {
            return false;
        }
        let pad = usize::from(frame[end - 2]);
        end - 2 >= data_start + pad
            && frame[end - 2 - pad..end - 2]
                .iter()
                .enumerate()
                .all(|(i, &b)| usize::from(b) == i + 1)
    };
    let reserved = ip
        .end
        .checked_sub(crypto.icv_len)
        .ok_or(SendError::Layout)?;
    if crypto.icv_len == 0 {
        return Ok(ip.end);
    }
    if hint_matches(reserved) {
        return Ok(reserved);
    }
    if allow_append && hint_matches(ip.end) {
        return Ok(ip.end);
    }
    if !hints.present || hints.pad_length == 0 {
        if plausible(reserved) {
            return Ok(reserved);
        }
        if allow_append && plausible(ip.end) {
            return Ok(ip.end);
        }
    }
    Err(SendError::TrailerLayout)
}
