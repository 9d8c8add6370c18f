//! Classic pcap files (not pcapng): read in either byte order and time resolution, write
//! little-endian microsecond captures.

/// Link types this tool understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    Ethernet,
    /// Raw IP (DLT_RAW 101 / LINKTYPE_RAW 12 / IPV4 228 / IPV6 229).
    RawIp(u32),
}

impl LinkType {
    fn from_code(code: u32) -> Result<Self, String> {
        match code {
            1 => Ok(LinkType::Ethernet),
            12 | 101 | 228 | 229 => Ok(LinkType::RawIp(code)),
            other => Err(format!(
                "unsupported pcap link type {other} (Ethernet or raw IP only)"
            )),
        }
    }

    fn code(self) -> u32 {
        match self {
            LinkType::Ethernet => 1,
            LinkType::RawIp(code) => code,
        }
    }
}

/// One captured packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    pub seconds: u32,
    pub micros: u32,
    pub data: Vec<u8>,
}

/// A capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    pub link: LinkType,
    pub packets: Vec<Packet>,
}

fn take<'a>(bytes: &'a [u8], at: &mut usize, n: usize) -> Result<&'a [u8], String> {
    let end = at.checked_add(n).ok_or("pcap: length overflow")?;
    let slice = bytes.get(*at..end).ok_or("pcap: truncated file")?;
    *at = end;
    Ok(slice)
}

/// Parses a pcap file.
pub fn parse(bytes: &[u8]) -> Result<Capture, String> {
    let mut at = 0;
    let magic = take(bytes, &mut at, 4)?;
    let (big_endian, nanos) = match magic {
        [0xd4, 0xc3, 0xb2, 0xa1] => (false, false),
        [0xa1, 0xb2, 0xc3, 0xd4] => (true, false),
        [0x4d, 0x3c, 0xb2, 0xa1] => (false, true),
        [0xa1, 0xb2, 0x3c, 0x4d] => (true, true),
        _ => return Err("not a classic pcap file (pcapng is not supported)".into()),
    };
    let u32_of = |b: &[u8]| {
        let word = [b[0], b[1], b[2], b[3]];
        if big_endian {
            u32::from_be_bytes(word)
        } else {
            u32::from_le_bytes(word)
        }
    };
    let header = take(bytes, &mut at, 20)?;
    let link = LinkType::from_code(u32_of(&header[16..20]))?;
    let mut packets = Vec::new();
    while at < bytes.len() {
        let record = take(bytes, &mut at, 16)?;
        let seconds = u32_of(&record[0..4]);
        let fraction = u32_of(&record[4..8]);
        let captured = u32_of(&record[8..12]) as usize;
        let data = take(bytes, &mut at, captured)?.to_vec();
        packets.push(Packet {
            seconds,
            micros: if nanos { fraction / 1000 } else { fraction },
            data,
        });
    }
    Ok(Capture { link, packets })
}

/// Serialises a capture (little-endian, microseconds, snaplen 65535).
pub fn write(capture: &Capture) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&0i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&65535u32.to_le_bytes());
    out.extend_from_slice(&capture.link.code().to_le_bytes());
    for packet in &capture.packets {
        out.extend_from_slice(&packet.seconds.to_le_bytes());
        out.extend_from_slice(&packet.micros.to_le_bytes());
        out.extend_from_slice(&(packet.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(packet.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&packet.data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_byte_orders() {
        let capture = Capture {
            link: LinkType::RawIp(101),
            packets: vec![Packet {
                seconds: 7,
                micros: 9,
                data: vec![0x45, 0, 0, 20],
            }],
        };
        let bytes = write(&capture);
        assert_eq!(parse(&bytes).unwrap(), capture);
        // The same file in big-endian with nanoseconds.
        let mut be = vec![
            0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0,
            1,
        ];
        be.extend_from_slice(&[
            0, 0, 0, 7, 0, 0, 0x23, 0x28, 0, 0, 0, 2, 0, 0, 0, 2, 0xaa, 0xbb,
        ]);
        let parsed = parse(&be).unwrap();
        assert_eq!(parsed.link, LinkType::Ethernet);
        assert_eq!(
            parsed.packets[0],
            Packet {
                seconds: 7,
                micros: 9,
                data: vec![0xaa, 0xbb]
            }
        );
        assert!(parse(&be[..30]).is_err());
        assert!(parse(b"\x0a\x0d\x0d\x0a").is_err());
    }
}
