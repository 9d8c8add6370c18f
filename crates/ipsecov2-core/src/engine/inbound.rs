//! The receive side: find the inbound SA of a frame, verify and decrypt in place, and report
//! what a hardware offload NIC reports in the NBL (spec §5).
//!
//! Headers, IV, trailer and ICV stay where they are: the stack strips them itself. Every frame
//! gets a report, processed or not; the shell indicates every frame.

use super::ah;
use super::esp::{self, EspError, SeqInput};
use super::ip::{self, IpHeader, PROTO_AH, PROTO_IPV4, PROTO_IPV6, read_u32_be};
use crate::sa::index::InboundKey;
use crate::sa::spec::Operation;
use crate::sa::spec::UdpEncapsulation;
use crate::sa::table::{MODE_TRANSPORT, MODE_TUNNEL, SaRef, SaTable};
use crate::sync::Ordering;
use ndis_sys::*;

/// A non-ESN inbound SA whose sequence numbers reach this asks the stack to replace it
/// (`SaDeleteReq`), before the 32-bit space runs out.
pub const SA_DELETE_THRESHOLD: u32 = 0xFFFF_FF00;

/// What the NIC reports for one received frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReceiveReport {
    /// At least one IPsec layer was checked.
    pub crypto_done: bool,
    /// Both the tunnel and the transport layer were checked.
    pub next_crypto_done: bool,
    /// `CRYPTO_*` (0 when not processed).
    pub status: u16,
    /// Ask the stack to delete the SA pair (sequence space nearly used up).
    pub sa_delete_req: bool,
    /// Next header and pad length of the outermost ESP trailer, when decrypted.
    pub header_info: Option<(u8, u8)>,
    /// SPI and 64-bit sequence number of the outermost layer processed.
    pub spi: u32,
    pub seq: u64,
}

impl ReceiveReport {
    /// The slot-1 receive view (`NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO.Receive`).
    pub fn slot1(&self) -> u32 {
        let mut value = 0;
        if self.sa_delete_req {
            value |= NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK;
        }
        if self.crypto_done {
            value |= NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK;
        }
        if self.next_crypto_done {
            value |= NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK;
        }
        value
            | (u32::from(self.status)
                << NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_SHIFT)
    }

    /// The slot-12 receive view (0 when there is no decrypted trailer to report).
    pub fn slot12(&self) -> u32 {
        match self.header_info {
            Some((next_header, pad_length)) => {
                u32::from(next_header)
                    | (u32::from(pad_length) << 8)
                    | NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_HeaderInfoSet_MASK
            }
            None => 0,
        }
    }

    /// The `CRYPTO_*` name of the status, for logs and reports.
    pub fn status_name(&self) -> &'static str {
        match u32::from(self.status) {
            CRYPTO_SUCCESS => "CRYPTO_SUCCESS",
            CRYPTO_GENERIC_ERROR => "CRYPTO_GENERIC_ERROR",
            CRYPTO_TRANSPORT_AH_AUTH_FAILED => "CRYPTO_TRANSPORT_AH_AUTH_FAILED",
            CRYPTO_TRANSPORT_ESP_AUTH_FAILED => "CRYPTO_TRANSPORT_ESP_AUTH_FAILED",
            CRYPTO_TUNNEL_AH_AUTH_FAILED => "CRYPTO_TUNNEL_AH_AUTH_FAILED",
            CRYPTO_TUNNEL_ESP_AUTH_FAILED => "CRYPTO_TUNNEL_ESP_AUTH_FAILED",
            CRYPTO_INVALID_PACKET_SYNTAX => "CRYPTO_INVALID_PACKET_SYNTAX",
            CRYPTO_INVALID_PROTOCOL => "CRYPTO_INVALID_PROTOCOL",
            _ => "unknown",
        }
    }
}

/// Whether a failed ESP layer was a tunnel layer: the SA's UDP encapsulation says so for
/// NAT-T tunnels; otherwise what verified packets showed; for an SA that has verified nothing
/// yet, the next header read from the (unverified) trailer.
fn tunnel_layer(sa: &SaRef<'_>, peeked: Option<u8>) -> bool {
    match sa.spec.udp_encapsulation {
        UdpEncapsulation::Tunnel | UdpEncapsulation::TransportOverUdpTunnel => return true,
        UdpEncapsulation::Transport => return false,
        _ => {}
    }
    match sa.mode.load(Ordering::Relaxed) {
        MODE_TUNNEL => true,
        MODE_TRANSPORT => false,
        _ => peeked.is_some_and(is_tunnel),
    }
}

fn is_tunnel(next_header: u8) -> bool {
    next_header == PROTO_IPV4 || next_header == PROTO_IPV6
}

/// The inbound SA for the IPsec header at `at` (SPI read in network order, then, for a stack
/// that stored the wire bytes as is, swapped).
fn find_sa<'t>(
    table: &'t SaTable,
    frame: &[u8],
    ip: &IpHeader,
    protocol: u8,
    spi_at: usize,
    udp: bool,
) -> Option<SaRef<'t>> {
    let spi = read_u32_be(frame, spi_at)?;
    let key = InboundKey {
        spi,
        destination: ip.destination,
        protocol,
        udp,
    };
    table.find_inbound(&key).or_else(|| {
        table.find_inbound(&InboundKey {
            spi: spi.swap_bytes(),
            ..key
        })
    })
}

/// The outcome of processing the layers of one SA.
struct Layers {
    /// The decrypted ESP trailer (outermost ESP of this SA), if any.
    trailer: Option<esp::Trailer>,
    /// Where that ESP layer's decrypted payload starts (after its header and IV).
    payload_start: usize,
    /// Next header after this SA's layers (4/41 = tunnel).
    next_header: u8,
    spi: u32,
    seq: u64,
    delete_request: bool,
}

/// Verifies/decrypts the layers of the SA found for the first IPsec header of `ip`.
/// `Err` carries the `CRYPTO_*` status.
fn process_sa(
    frame: &mut [u8],
    ip: &IpHeader,
    sa: &SaRef<'_>,
    first: &ip::IpsecHeader,
) -> Result<Layers, u32> {
    let elements = &sa.spec.elements;
    let mut offset = first.offset;
    let mut protocol = first.protocol;
    let mut result = Layers {
        trailer: None,
        payload_start: 0,
        next_header: 0,
        spi: 0,
        seq: 0,
        delete_request: false,
    };
    let mut seqs = [(false, 0u64); 2];
    // Wire order: AH (if any) then ESP.
    let count = elements.iter().count();
    for index in (0..count).rev() {
        let Some(element) = elements.iter().nth(index) else {
            continue;
        };
        let expected = element.operation.ip_protocol();
        if protocol != expected {
            return Err(CRYPTO_INVALID_PROTOCOL);
        }
        let spi_at = if protocol == PROTO_AH {
            offset + 4
        } else {
            offset
        };
        let spi = read_u32_be(frame, spi_at).ok_or(CRYPTO_INVALID_PACKET_SYNTAX)?;
        if spi != element.spi && spi.swap_bytes() != element.spi {
            return Err(CRYPTO_INVALID_PROTOCOL);
        }
        let crypto = sa.crypto.get(index).ok_or(CRYPTO_GENERIC_ERROR)?;
        let state = sa.seq.get(index).ok_or(CRYPTO_GENERIC_ERROR)?;
        let low = read_u32_be(frame, spi_at + 4).ok_or(CRYPTO_INVALID_PACKET_SYNTAX)?;
        let candidates = if element.esn {
            state.inbound_candidates(low)
        } else {
            [u64::from(low); 2]
        };
        if !element.esn && low >= SA_DELETE_THRESHOLD {
            result.delete_request = true;
        }
        let tries = if element.esn { 2 } else { 1 };
        let mut seq = candidates[0];
        match element.operation {
            Operation::Ah => {
                let next = *frame.get(offset).ok_or(CRYPTO_INVALID_PACKET_SYNTAX)?;
                let tunnel = is_tunnel(next);
                let mut outcome = Err(ah::AhError::Auth);
                for candidate in candidates.iter().take(tries) {
                    outcome = ah::verify(
                        frame,
                        ip,
                        offset,
                        crypto,
                        &SeqInput {
                            seq: *candidate,
                            esn: element.esn,
                        },
                    );
                    seq = *candidate;
                    if !matches!(outcome, Err(ah::AhError::Auth)) {
                        break;
                    }
                }
                match outcome {
                    Ok(()) => {}
                    Err(ah::AhError::Auth) => {
                        sa.counters.icv_failures.fetch_add(1, Ordering::Relaxed);
                        return Err(if tunnel {
                            CRYPTO_TUNNEL_AH_AUTH_FAILED
                        } else {
                            CRYPTO_TRANSPORT_AH_AUTH_FAILED
                        });
                    }
                    Err(ah::AhError::Layout) => return Err(CRYPTO_INVALID_PACKET_SYNTAX),
                }
                let ah_len =
                    (usize::from(*frame.get(offset + 1).ok_or(CRYPTO_INVALID_PACKET_SYNTAX)?) + 2)
                        * 4;
                offset += ah_len;
                protocol = next;
                result.next_header = next;
            }
            Operation::Esp => {
                let mut outcome = Err(EspError::Auth);
                for candidate in candidates.iter().take(tries) {
                    outcome = esp::open(
                        frame,
                        offset,
                        ip.end,
                        crypto,
                        &SeqInput {
                            seq: *candidate,
                            esn: element.esn,
                        },
                    );
                    seq = *candidate;
                    if !matches!(outcome, Err(EspError::Auth)) {
                        break;
                    }
                }
                match outcome {
                    Ok(trailer) => {
                        result.next_header = trailer.next_header;
                        if result.trailer.is_none() {
                            result.trailer = Some(trailer);
                            result.payload_start = offset + 8 + crypto.iv_len;
                        }
                    }
                    Err(EspError::Auth) => {
                        sa.counters.icv_failures.fetch_add(1, Ordering::Relaxed);
                        // `esp::open` leaves the frame as received on an ICV failure, so the
                        // next header can be peeked now, not on every packet.
                        let peeked = esp::peek_next_header(frame, offset, ip.end, crypto);
                        return Err(if tunnel_layer(sa, peeked) {
                            CRYPTO_TUNNEL_ESP_AUTH_FAILED
                        } else {
                            CRYPTO_TRANSPORT_ESP_AUTH_FAILED
                        });
                    }
                    Err(EspError::Trailer) => {
                        sa.counters.bad_trailers.fetch_add(1, Ordering::Relaxed);
                        return Err(CRYPTO_INVALID_PACKET_SYNTAX);
                    }
                    Err(EspError::Layout) => return Err(CRYPTO_INVALID_PACKET_SYNTAX),
                }
            }
        }
        if result.spi == 0 {
            result.spi = element.spi;
            result.seq = seq;
        }
        seqs[index] = (true, seq);
    }
    let mode = if is_tunnel(result.next_header) {
        MODE_TUNNEL
    } else {
        MODE_TRANSPORT
    };
    sa.mode.store(mode, Ordering::Relaxed);
    for (index, (used, seq)) in seqs.iter().enumerate() {
        if *used && let Some(state) = sa.seq.get(index) {
            state.advance(*seq);
        }
    }
    sa.counters.packets.fetch_add(1, Ordering::Relaxed);
    sa.counters
        .bytes
        .fetch_add((ip.end - ip.start) as u64, Ordering::Relaxed);
    if result.delete_request {
        sa.counters.seq_exhausted.fetch_add(1, Ordering::Relaxed);
    }
    Ok(result)
}

/// Processes one received frame in place. `enabled` is false while IPsec offload is
/// disabled: frames are then reported unprocessed.
pub fn open_frame(table: &SaTable, frame: &mut [u8], enabled: bool) -> ReceiveReport {
    let mut report = ReceiveReport::default();
    if !enabled {
        return report;
    }
    let Some(ip_start) = ip::ethernet_payload(frame) else {
        return report;
    };
    let Some(outer) = ip::parse_ip(frame, ip_start) else {
        return report;
    };
    if outer.fragment {
        return report;
    }
    let Some(first) = ip::find_ipsec(frame, &outer) else {
        return report;
    };
    let spi_at = if first.protocol == PROTO_AH {
        first.offset + 4
    } else {
        first.offset
    };
    let Some(sa) = find_sa(
        table,
        frame,
        &outer,
        first.protocol,
        spi_at,
        first.udp.is_some(),
    ) else {
        return report;
    };
    report.crypto_done = true;
    let outer_layers = match process_sa(frame, &outer, &sa, &first) {
        Ok(layers) => layers,
        Err(status) => {
            report.status = status as u16;
            return report;
        }
    };
    drop(sa);
    report.spi = outer_layers.spi;
    report.seq = outer_layers.seq;
    report.sa_delete_req = outer_layers.delete_request;
    report.header_info = outer_layers.trailer.map(|t| (t.next_header, t.pad_length));
    // Tunnel mode: the inner packet may carry a transport layer of another offloaded SA.
    let Some(trailer) = outer_layers.trailer else {
        return report;
    };
    if !is_tunnel(outer_layers.next_header) {
        return report;
    }
    let Some(inner) = frame
        .get(..trailer.payload_end)
        .and_then(|payload| ip::parse_ip(payload, outer_layers.payload_start))
    else {
        return report;
    };
    let Some(inner_first) = ip::find_ipsec(frame, &inner) else {
        return report;
    };
    let inner_spi_at = if inner_first.protocol == PROTO_AH {
        inner_first.offset + 4
    } else {
        inner_first.offset
    };
    let Some(inner_sa) = find_sa(
        table,
        frame,
        &inner,
        inner_first.protocol,
        inner_spi_at,
        inner_first.udp.is_some(),
    ) else {
        return report;
    };
    match process_sa(frame, &inner, &inner_sa, &inner_first) {
        Ok(layers) => {
            report.next_crypto_done = true;
            report.sa_delete_req |= layers.delete_request;
        }
        Err(status) => report.status = status as u16,
    }
    report
}
