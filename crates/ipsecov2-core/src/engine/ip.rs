//! The parts of Ethernet, IPv4, IPv6 and UDP the engine reads and writes, over byte slices.
//! Every accessor is bounds-checked; a frame that does not parse is simply "not for us".

use crate::wire::{read_u8, read_u16};

pub const ETHERTYPE_IPV4: u16 = 0x0800;
pub const ETHERTYPE_IPV6: u16 = 0x86DD;
pub const ETHERTYPE_VLAN: u16 = 0x8100;
pub const PROTO_HOPOPT: u8 = 0;
pub const PROTO_IPV4: u8 = 4;
pub const PROTO_UDP: u8 = 17;
pub const PROTO_IPV6: u8 = 41;
pub const PROTO_ROUTING: u8 = 43;
pub const PROTO_FRAGMENT: u8 = 44;
pub const PROTO_ESP: u8 = 50;
pub const PROTO_AH: u8 = 51;
pub const PROTO_DSTOPTS: u8 = 60;
/// UDP port of NAT-traversal ESP (RFC 3948).
pub const NAT_T_PORT: u16 = 4500;

/// Where the IP packet of an Ethernet frame starts (after an optional 802.1Q tag).
pub fn ethernet_payload(frame: &[u8]) -> Option<usize> {
    match read_u16_be(frame, 12)? {
        ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => Some(14),
        ETHERTYPE_VLAN => match read_u16_be(frame, 16)? {
            ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => Some(18),
            _ => None,
        },
        _ => None,
    }
}

/// Big-endian `u16`.
pub fn read_u16_be(buf: &[u8], offset: usize) -> Option<u16> {
    read_u16(buf, offset).map(u16::swap_bytes)
}

/// Big-endian `u32`.
pub fn read_u32_be(buf: &[u8], offset: usize) -> Option<u32> {
    let b = buf.get(offset..offset.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// Writes a big-endian `u16`.
pub fn write_u16_be(buf: &mut [u8], offset: usize, value: u16) -> Option<()> {
    buf.get_mut(offset..offset.checked_add(2)?)?
        .copy_from_slice(&value.to_be_bytes());
    Some(())
}

/// One IP header as the engine needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpHeader {
    /// Offset of the IP header in the frame.
    pub start: usize,
    pub version: u8,
    /// Length of the fixed header (IPv4: IHL × 4 including options; IPv6: 40).
    pub header_len: usize,
    /// Offset one past the last byte of the IP packet (from its length field).
    pub end: usize,
    /// Protocol (IPv4) or Next Header (IPv6) of the fixed header.
    pub protocol: u8,
    /// Destination address (IPv4 in the first 4 bytes).
    pub destination: [u8; 16],
    /// True for a fragment (IPv4 MF or offset; IPv6 fragments show as PROTO_FRAGMENT).
    pub fragment: bool,
}

/// Parses the IP header at `start` (`frame_end` bounds it).
pub fn parse_ip(frame: &[u8], start: usize) -> Option<IpHeader> {
    let version = read_u8(frame, start)? >> 4;
    let mut destination = [0u8; 16];
    match version {
        4 => {
            let header_len = usize::from(read_u8(frame, start)? & 0x0F) * 4;
            let total = usize::from(read_u16_be(frame, start + 2)?);
            let end = start.checked_add(total)?;
            if header_len < 20 || total < header_len || end > frame.len() {
                return None;
            }
            let flags_fragment = read_u16_be(frame, start + 6)?;
            destination[..4].copy_from_slice(frame.get(start + 16..start + 20)?);
            Some(IpHeader {
                start,
                version,
                header_len,
                end,
                protocol: read_u8(frame, start + 9)?,
                destination,
                fragment: flags_fragment & 0x3FFF != 0,
            })
        }
        6 => {
            let payload = usize::from(read_u16_be(frame, start + 4)?);
            let end = start.checked_add(40)?.checked_add(payload)?;
            if end > frame.len() {
                return None;
            }
            destination.copy_from_slice(frame.get(start + 24..start + 40)?);
            Some(IpHeader {
                start,
                version,
                header_len: 40,
                end,
                protocol: read_u8(frame, start + 6)?,
                destination,
                fragment: false,
            })
        }
        _ => None,
    }
}

/// The first IPsec header of an IP packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpsecHeader {
    /// PROTO_ESP or PROTO_AH.
    pub protocol: u8,
    /// Offset of the AH/ESP header in the frame.
    pub offset: usize,
    /// ESP inside UDP port 4500 (offset of the UDP header if so).
    pub udp: Option<usize>,
}

/// Walks IPv6 extension headers (and skips nothing for IPv4) to the first AH, ESP or
/// NAT-T UDP header. Fragments and IKE (non-ESP marker) are not IPsec for the engine.
pub fn find_ipsec(frame: &[u8], ip: &IpHeader) -> Option<IpsecHeader> {
    let mut protocol = ip.protocol;
    let mut offset = ip.start.checked_add(ip.header_len)?;
    for _ in 0..8 {
        match protocol {
            PROTO_ESP | PROTO_AH => {
                return Some(IpsecHeader {
                    protocol,
                    offset,
                    udp: None,
                });
            }
            PROTO_UDP => {
                let port = read_u16_be(frame, offset + 2)?;
                let marker = read_u32_be(frame, offset + 8)?;
                return (port == NAT_T_PORT && marker != 0).then_some(IpsecHeader {
                    protocol: PROTO_ESP,
                    offset: offset + 8,
                    udp: Some(offset),
                });
            }
            PROTO_HOPOPT | PROTO_ROUTING | PROTO_DSTOPTS if ip.version == 6 => {
                protocol = read_u8(frame, offset)?;
                offset = offset.checked_add((usize::from(read_u8(frame, offset + 1)?) + 1) * 8)?;
            }
            _ => return None,
        }
        if offset > ip.end {
            return None;
        }
    }
    None
}

/// Recomputes the IPv4 header checksum.
pub fn fix_ipv4_checksum(frame: &mut [u8], ip: &IpHeader) -> Option<()> {
    let header = frame.get_mut(ip.start..ip.start + ip.header_len)?;
    header[10] = 0;
    header[11] = 0;
    let mut sum = 0u32;
    for pair in header.chunks(2) {
        sum += u32::from(u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]));
    }
    while sum > 0xFFFF {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    header[10..12].copy_from_slice(&(!(sum as u16)).to_be_bytes());
    Some(())
}

/// Adds `delta` bytes to an IP packet's length field (and fixes the IPv4 checksum).
pub fn grow_ip(frame: &mut [u8], ip: &IpHeader, delta: usize) -> Option<()> {
    match ip.version {
        4 => {
            let total = usize::from(read_u16_be(frame, ip.start + 2)?) + delta;
            write_u16_be(frame, ip.start + 2, u16::try_from(total).ok()?)?;
            fix_ipv4_checksum(frame, ip)
        }
        _ => {
            let payload = usize::from(read_u16_be(frame, ip.start + 4)?) + delta;
            write_u16_be(frame, ip.start + 4, u16::try_from(payload).ok()?)
        }
    }
}

/// IPv4 options that do not change in transit (RFC 4302 Appendix A.1): kept in the AH ICV;
/// every other option is zeroed whole.
fn ipv4_option_is_immutable(kind: u8) -> bool {
    matches!(kind, 0 | 1 | 130 | 133 | 134 | 148 | 149)
}

/// Copies the IP header chain `[ip.start, upto)` into `out` with the fields that may change
/// in transit zeroed, as AH computes its ICV (RFC 4302 §3.3.3.1). Returns the length, or
/// `None` for shapes the engine does not handle (IPv6 routing headers with segments left).
pub fn copy_zeroing_mutable(
    frame: &[u8],
    ip: &IpHeader,
    upto: usize,
    out: &mut [u8],
) -> Option<usize> {
    let length = upto.checked_sub(ip.start)?;
    let copy = out.get_mut(..length)?;
    copy.copy_from_slice(frame.get(ip.start..upto)?);
    if ip.version == 4 {
        copy[1] = 0; // DSCP/ECN
        copy[6] = 0; // flags + fragment offset
        copy[7] = 0;
        copy[8] = 0; // TTL
        copy[10] = 0; // checksum
        copy[11] = 0;
        let mut at = 20;
        while at < ip.header_len {
            let kind = copy[at];
            if kind == 0 {
                break;
            }
            if kind == 1 {
                at += 1;
                continue;
            }
            let len = usize::from(*copy.get(at + 1)?);
            if len < 2 || at + len > ip.header_len {
                return None;
            }
            if !ipv4_option_is_immutable(kind) {
                copy[at..at + len].fill(0);
            }
            at += len;
        }
        return Some(length);
    }
    // IPv6: traffic class and flow label, hop limit.
    copy[0] &= 0xF0;
    copy[1] = 0;
    copy[2] = 0;
    copy[3] = 0;
    copy[7] = 0;
    let mut protocol = copy[6];
    let mut at = 40;
    while at < length {
        let next = *copy.get(at)?;
        let len = (usize::from(*copy.get(at + 1)?) + 1) * 8;
        match protocol {
            PROTO_HOPOPT | PROTO_DSTOPTS => {
                let mut option = at + 2;
                while option < at + len {
                    let kind = *copy.get(option)?;
                    if kind == 0 {
                        option += 1; // Pad1
                        continue;
                    }
                    let data_len = usize::from(*copy.get(option + 1)?);
                    if kind & 0x20 != 0 {
                        copy.get_mut(option + 2..option + 2 + data_len)?.fill(0);
                    }
                    option += 2 + data_len;
                }
            }
            PROTO_ROUTING => {
                // Only a routing header already at its final destination is predictable here.
                if *copy.get(at + 3)? != 0 {
                    return None;
                }
            }
            _ => return None,
        }
        protocol = next;
        at += len;
    }
    Some(length)
}

/// Recomputes the UDP checksum of a NAT-T datagram at `udp` after encryption changed its
/// payload. For IPv4 a zero checksum (RFC 3948 allows it) is left zero.
pub fn fix_udp_checksum(frame: &mut [u8], ip: &IpHeader, udp: usize) -> Option<()> {
    let udp_len = usize::from(read_u16_be(frame, udp + 4)?);
    let end = udp.checked_add(udp_len)?;
    if end > frame.len() {
        return None;
    }
    if ip.version == 4 && read_u16_be(frame, udp + 6)? == 0 {
        return Some(());
    }
    write_u16_be(frame, udp + 6, 0)?;
    let mut sum = 0u64;
    let mut add = |bytes: &[u8]| {
        for pair in bytes.chunks(2) {
            sum += u64::from(u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]));
        }
    };
    if ip.version == 4 {
        add(frame.get(ip.start + 12..ip.start + 20)?);
    } else {
        add(frame.get(ip.start + 8..ip.start + 40)?);
    }
    add(&[0, PROTO_UDP]);
    add(&(udp_len as u32).to_be_bytes());
    add(frame.get(udp..end)?);
    while sum > 0xFFFF {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    let checksum = !(sum as u16);
    write_u16_be(
        frame,
        udp + 6,
        if checksum == 0 { 0xFFFF } else { checksum },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ipv4_udp(payload: &[u8], dport: u16) -> std::vec::Vec<u8> {
        let total = 20 + 8 + payload.len();
        let mut p = std::vec![
            0x45, 0x10, 0, 0, 0x12, 0x34, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2
        ];
        p[2..4].copy_from_slice(&(total as u16).to_be_bytes());
        p.extend_from_slice(&[
            0x11,
            0x94,
            (dport >> 8) as u8,
            dport as u8,
            0,
            (8 + payload.len()) as u8,
            0,
            0,
        ]);
        p.extend_from_slice(payload);
        p
    }

    #[test]
    fn finds_nat_t_esp_but_not_ike() {
        let esp = ipv4_udp(&[0, 0, 1, 0, 0, 0, 0, 1, 9, 9], NAT_T_PORT);
        let ip = parse_ip(&esp, 0).unwrap();
        assert_eq!(
            find_ipsec(&esp, &ip),
            Some(IpsecHeader {
                protocol: PROTO_ESP,
                offset: 28,
                udp: Some(20)
            })
        );
        let ike = ipv4_udp(&[0, 0, 0, 0, 1, 2, 3, 4], NAT_T_PORT);
        assert_eq!(find_ipsec(&ike, &parse_ip(&ike, 0).unwrap()), None);
        let other = ipv4_udp(&[1, 2, 3, 4, 5, 6, 7, 8], 53);
        assert_eq!(find_ipsec(&other, &parse_ip(&other, 0).unwrap()), None);
    }

    #[test]
    fn ipv4_checksum_and_growth() {
        let mut p = ipv4_udp(&[1, 2, 3, 4], 53);
        let ip = parse_ip(&p, 0).unwrap();
        fix_ipv4_checksum(&mut p, &ip).unwrap();
        // A correct checksum sums to 0xFFFF.
        let sum: u32 = p[..20]
            .chunks(2)
            .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
            .sum();
        assert_eq!((sum & 0xFFFF) + (sum >> 16), 0xFFFF);
        p.extend_from_slice(&[0; 4]);
        grow_ip(&mut p, &ip, 4).unwrap();
        assert_eq!(read_u16_be(&p, 2), Some(36));
        assert!(parse_ip(&p[..30], 0).is_none(), "length beyond the buffer");
    }

    #[test]
    fn mutable_fields_are_zeroed_for_ah() {
        let mut p = ipv4_udp(&[], 53);
        let ip = parse_ip(&p, 0).unwrap();
        fix_ipv4_checksum(&mut p, &ip).unwrap();
        let mut out = [0xAAu8; 64];
        assert_eq!(copy_zeroing_mutable(&p, &ip, 20, &mut out), Some(20));
        assert_eq!(
            &out[..20],
            &[
                0x45, 0, 0, 28, 0x12, 0x34, 0, 0, 0, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2
            ]
        );
    }
}
