//! The general OIDs a virtual Ethernet miniport answers on the regular OID path.
//!
//! `query` and `set` work on the adapter's [`GeneralState`] and on plain byte buffers (the
//! shell copies the OID information buffer in and out). Every outcome maps to the NDIS status
//! the miniport returns, with `BytesNeeded` where the buffer was too short. A failed set
//! changes nothing.

use crate::adapter::{
    FRAMES_IN_FLIGHT, GeneralState, LINK_SPEED_BPS, MAX_FRAME_LEN, MAX_MULTICAST, MTU,
    SUPPORTED_PACKET_FILTERS, Statistics,
};
use crate::mac::MacAddress;
use crate::sa_report::OID_IPSECOV2_SA_TABLE;
use crate::wire::{write_bytes, write_u16, write_u32, write_u64};
use core::mem::offset_of;
use ndis_sys::*;

/// Version of this driver reported by `OID_GEN_VENDOR_DRIVER_VERSION` (major << 16 | minor).
pub const VENDOR_DRIVER_VERSION: u32 = 0x0000_0001;
/// The NDIS version the miniport declares (6.30), as `OID_GEN_DRIVER_VERSION` reports it.
pub const NDIS_DRIVER_VERSION: u16 = 0x0630;
/// `OID_GEN_VENDOR_ID`: no IEEE OUI is registered for this project, so the documented
/// "no OUI" value 0xFFFFFF is used with a vendor NIC index of 0.
pub const VENDOR_ID: u32 = 0x00FF_FFFF;
/// `OID_GEN_VENDOR_DESCRIPTION` (an ANSI string, NUL-terminated).
pub const VENDOR_DESCRIPTION: &[u8] = b"ipsecov2 virtual IPsec Offload V2 adapter\0";
/// `NdisHardwareStatusReady` (NDIS_HARDWARE_STATUS).
const HARDWARE_STATUS_READY: u32 = 0;
/// `NdisMediaStateConnected` (NDIS_MEDIA_STATE).
const MEDIA_STATE_CONNECTED: u32 = 0;
/// MAC options: the virtual hub copies frames, completes sends without pending on hardware,
/// and the link is full duplex.
pub const MAC_OPTIONS: u32 = NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA
    | NDIS_MAC_OPTION_TRANSFERS_NOT_PEND
    | NDIS_MAC_OPTION_NO_LOOPBACK
    | NDIS_MAC_OPTION_FULL_DUPLEX;

/// The statistics `OID_GEN_STATISTICS` fills in.
pub const SUPPORTED_STATISTICS: u32 = NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS
    | NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR
    | NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR
    | NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS
    | NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV
    | NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT
    | NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT;

/// Every OID the miniport handles on the regular path (reported in the general attributes
/// and by `OID_GEN_SUPPORTED_LIST`).
pub static SUPPORTED_OIDS: [NDIS_OID; 35] = [
    OID_GEN_SUPPORTED_LIST,
    OID_GEN_HARDWARE_STATUS,
    OID_GEN_MEDIA_SUPPORTED,
    OID_GEN_MEDIA_IN_USE,
    OID_GEN_PHYSICAL_MEDIUM,
    OID_GEN_MAXIMUM_LOOKAHEAD,
    OID_GEN_CURRENT_LOOKAHEAD,
    OID_GEN_MAXIMUM_FRAME_SIZE,
    OID_GEN_MAXIMUM_TOTAL_SIZE,
    OID_GEN_TRANSMIT_BLOCK_SIZE,
    OID_GEN_RECEIVE_BLOCK_SIZE,
    OID_GEN_TRANSMIT_BUFFER_SPACE,
    OID_GEN_RECEIVE_BUFFER_SPACE,
    OID_GEN_LINK_SPEED,
    OID_GEN_VENDOR_ID,
    OID_GEN_VENDOR_DESCRIPTION,
    OID_GEN_VENDOR_DRIVER_VERSION,
    OID_GEN_DRIVER_VERSION,
    OID_GEN_MAC_OPTIONS,
    OID_GEN_MEDIA_CONNECT_STATUS,
    OID_GEN_MAXIMUM_SEND_PACKETS,
    OID_GEN_CURRENT_PACKET_FILTER,
    OID_GEN_XMIT_OK,
    OID_GEN_RCV_OK,
    OID_GEN_XMIT_ERROR,
    OID_GEN_RCV_ERROR,
    OID_GEN_RCV_NO_BUFFER,
    OID_GEN_STATISTICS,
    OID_802_3_PERMANENT_ADDRESS,
    OID_802_3_CURRENT_ADDRESS,
    OID_802_3_MULTICAST_LIST,
    OID_802_3_MAXIMUM_LIST_SIZE,
    // Set-only, handled by the offload configuration (crate::offload).
    OID_TCP_OFFLOAD_PARAMETERS,
    OID_OFFLOAD_ENCAPSULATION,
    // Query-only, answered from the SA table (crate::sa_report).
    OID_IPSECOV2_SA_TABLE,
];

/// The OIDs in [`SUPPORTED_OIDS`] that are only ever set.
pub const SET_ONLY_OIDS: [NDIS_OID; 2] = [OID_TCP_OFFLOAD_PARAMETERS, OID_OFFLOAD_ENCAPSULATION];

/// The OIDs in [`SUPPORTED_OIDS`] whose answer comes from the SA table, not from
/// [`GeneralState`]: the shell routes them to [`crate::sa_report`] before calling [`query`].
pub const SA_TABLE_OIDS: [NDIS_OID; 1] = [OID_IPSECOV2_SA_TABLE];

/// Why an OID request did not succeed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OidError {
    /// The information buffer is shorter than the answer or the input must be.
    BufferTooShort { needed: usize },
    /// The input length is not a valid length for this OID (e.g. not a multiple of 6).
    InvalidLength { needed: usize },
    /// The input has a value the adapter cannot accept.
    InvalidData,
    /// The multicast list has more entries than the adapter can hold.
    MulticastFull,
    /// The OID is not handled by this miniport (or not in this direction).
    NotSupported,
}

impl OidError {
    /// The NDIS status the miniport returns for this error.
    pub fn status(self) -> NDIS_STATUS {
        match self {
            OidError::BufferTooShort { .. } => NDIS_STATUS_BUFFER_TOO_SHORT,
            OidError::InvalidLength { .. } => NDIS_STATUS_INVALID_LENGTH,
            OidError::InvalidData => NDIS_STATUS_INVALID_DATA,
            OidError::MulticastFull => NDIS_STATUS_MULTICAST_FULL,
            OidError::NotSupported => NDIS_STATUS_NOT_SUPPORTED,
        }
    }

    /// The `BytesNeeded` to report with this error.
    pub fn bytes_needed(self) -> usize {
        match self {
            OidError::BufferTooShort { needed } | OidError::InvalidLength { needed } => needed,
            _ => 0,
        }
    }
}

/// Where an answer's bytes come from.
enum Answer<'a> {
    U32(u32),
    U16(u16),
    /// A counter: 8 bytes, or 4 (truncated) when the caller offers exactly 4.
    Counter(u64),
    Bytes(&'a [u8]),
    Oids(&'a [NDIS_OID]),
    Statistics(&'a Statistics),
    Multicast(&'a [MacAddress]),
}

/// Answers a query OID into `out`; returns the bytes written.
pub fn query(state: &GeneralState, oid: NDIS_OID, out: &mut [u8]) -> Result<usize, OidError> {
    let answer = match oid {
        OID_GEN_SUPPORTED_LIST => Answer::Oids(&SUPPORTED_OIDS),
        OID_GEN_HARDWARE_STATUS => Answer::U32(HARDWARE_STATUS_READY),
        OID_GEN_MEDIA_SUPPORTED | OID_GEN_MEDIA_IN_USE => Answer::U32(NdisMedium802_3 as u32),
        OID_GEN_PHYSICAL_MEDIUM => Answer::U32(NdisPhysicalMedium802_3 as u32),
        OID_GEN_MAXIMUM_LOOKAHEAD => Answer::U32(MTU),
        OID_GEN_CURRENT_LOOKAHEAD => Answer::U32(state.lookahead),
        OID_GEN_MAXIMUM_FRAME_SIZE => Answer::U32(MTU),
        OID_GEN_MAXIMUM_TOTAL_SIZE | OID_GEN_TRANSMIT_BLOCK_SIZE | OID_GEN_RECEIVE_BLOCK_SIZE => {
            Answer::U32(MAX_FRAME_LEN)
        }
        OID_GEN_TRANSMIT_BUFFER_SPACE | OID_GEN_RECEIVE_BUFFER_SPACE => {
            Answer::U32(MAX_FRAME_LEN * FRAMES_IN_FLIGHT)
        }
        // In units of 100 bit/s.
        OID_GEN_LINK_SPEED => Answer::U32((LINK_SPEED_BPS / 100) as u32),
        OID_GEN_VENDOR_ID => Answer::U32(VENDOR_ID),
        OID_GEN_VENDOR_DESCRIPTION => Answer::Bytes(VENDOR_DESCRIPTION),
        OID_GEN_VENDOR_DRIVER_VERSION => Answer::U32(VENDOR_DRIVER_VERSION),
        OID_GEN_DRIVER_VERSION => Answer::U16(NDIS_DRIVER_VERSION),
        OID_GEN_MAC_OPTIONS => Answer::U32(MAC_OPTIONS),
        OID_GEN_MEDIA_CONNECT_STATUS => Answer::U32(MEDIA_STATE_CONNECTED),
        OID_GEN_MAXIMUM_SEND_PACKETS => Answer::U32(FRAMES_IN_FLIGHT),
        OID_GEN_CURRENT_PACKET_FILTER => Answer::U32(state.packet_filter),
        OID_GEN_XMIT_OK => Answer::Counter(state.stats.out_ok()),
        OID_GEN_RCV_OK => Answer::Counter(state.stats.in_ok()),
        OID_GEN_XMIT_ERROR => Answer::Counter(state.stats.out_errors),
        OID_GEN_RCV_ERROR => Answer::Counter(state.stats.in_errors),
        OID_GEN_RCV_NO_BUFFER => Answer::Counter(state.stats.in_discards),
        OID_GEN_STATISTICS => Answer::Statistics(&state.stats),
        OID_802_3_PERMANENT_ADDRESS => Answer::Bytes(&state.permanent_mac.0),
        OID_802_3_CURRENT_ADDRESS => Answer::Bytes(&state.current_mac.0),
        OID_802_3_MULTICAST_LIST => Answer::Multicast(state.multicast_list()),
        OID_802_3_MAXIMUM_LIST_SIZE => Answer::U32(MAX_MULTICAST as u32),
        _ => return Err(OidError::NotSupported),
    };
    write_answer(&answer, out)
}

fn need(out: &[u8], needed: usize) -> Result<(), OidError> {
    if out.len() < needed {
        Err(OidError::BufferTooShort { needed })
    } else {
        Ok(())
    }
}

fn write_answer(answer: &Answer<'_>, out: &mut [u8]) -> Result<usize, OidError> {
    match *answer {
        Answer::U32(v) => {
            need(out, 4)?;
            write_u32(out, 0, v);
            Ok(4)
        }
        Answer::U16(v) => {
            need(out, 2)?;
            write_u16(out, 0, v);
            Ok(2)
        }
        Answer::Counter(v) if out.len() == 4 => {
            write_u32(out, 0, v as u32);
            Ok(4)
        }
        Answer::Counter(v) => {
            need(out, 8)?;
            write_u64(out, 0, v);
            Ok(8)
        }
        Answer::Bytes(bytes) => {
            need(out, bytes.len())?;
            write_bytes(out, 0, bytes);
            Ok(bytes.len())
        }
        Answer::Oids(oids) => {
            let needed = oids.len() * 4;
            need(out, needed)?;
            for (i, oid) in oids.iter().enumerate() {
                write_u32(out, i * 4, *oid);
            }
            Ok(needed)
        }
        Answer::Multicast(list) => {
            let needed = list.len() * 6;
            need(out, needed)?;
            for (i, mac) in list.iter().enumerate() {
                write_bytes(out, i * 6, &mac.0);
            }
            Ok(needed)
        }
        Answer::Statistics(stats) => {
            let needed = usize::from(NDIS_SIZEOF_STATISTICS_INFO_REVISION_1);
            need(out, needed)?;
            encode_statistics(stats, out.get_mut(..needed).unwrap_or_default());
            Ok(needed)
        }
    }
}

/// Fills an `NDIS_STATISTICS_INFO` (revision 1) from the counters.
fn encode_statistics(s: &Statistics, out: &mut [u8]) {
    type S = NDIS_STATISTICS_INFO;
    out.fill(0);
    write_bytes(
        out,
        0,
        &[NDIS_OBJECT_TYPE_DEFAULT, NDIS_STATISTICS_INFO_REVISION_1],
    );
    write_u16(out, 2, NDIS_SIZEOF_STATISTICS_INFO_REVISION_1);
    write_u32(
        out,
        offset_of!(S, SupportedStatistics),
        SUPPORTED_STATISTICS,
    );
    let in_octets = s.in_ucast_octets + s.in_mcast_octets + s.in_bcast_octets;
    let out_octets = s.out_ucast_octets + s.out_mcast_octets + s.out_bcast_octets;
    for (offset, value) in [
        (offset_of!(S, ifInDiscards), s.in_discards),
        (offset_of!(S, ifInErrors), s.in_errors),
        (offset_of!(S, ifHCInOctets), in_octets),
        (offset_of!(S, ifHCInUcastPkts), s.in_ucast_pkts),
        (offset_of!(S, ifHCInMulticastPkts), s.in_mcast_pkts),
        (offset_of!(S, ifHCInBroadcastPkts), s.in_bcast_pkts),
        (offset_of!(S, ifHCOutOctets), out_octets),
        (offset_of!(S, ifHCOutUcastPkts), s.out_ucast_pkts),
        (offset_of!(S, ifHCOutMulticastPkts), s.out_mcast_pkts),
        (offset_of!(S, ifHCOutBroadcastPkts), s.out_bcast_pkts),
        (offset_of!(S, ifOutErrors), s.out_errors),
        (offset_of!(S, ifOutDiscards), s.out_discards),
        (offset_of!(S, ifHCInUcastOctets), s.in_ucast_octets),
        (offset_of!(S, ifHCInMulticastOctets), s.in_mcast_octets),
        (offset_of!(S, ifHCInBroadcastOctets), s.in_bcast_octets),
        (offset_of!(S, ifHCOutUcastOctets), s.out_ucast_octets),
        (offset_of!(S, ifHCOutMulticastOctets), s.out_mcast_octets),
        (offset_of!(S, ifHCOutBroadcastOctets), s.out_bcast_octets),
    ] {
        write_u64(out, offset, value);
    }
}

/// Applies a set OID from `input`; returns the bytes read. On error nothing changes.
pub fn set(state: &mut GeneralState, oid: NDIS_OID, input: &[u8]) -> Result<usize, OidError> {
    match oid {
        OID_GEN_CURRENT_PACKET_FILTER => {
            let filter = read_u32_input(input)?;
            if filter & !SUPPORTED_PACKET_FILTERS != 0 {
                return Err(OidError::NotSupported);
            }
            state.packet_filter = filter;
            Ok(4)
        }
        OID_GEN_CURRENT_LOOKAHEAD => {
            let lookahead = read_u32_input(input)?;
            if lookahead > MTU {
                return Err(OidError::InvalidData);
            }
            state.lookahead = lookahead;
            Ok(4)
        }
        OID_802_3_MULTICAST_LIST => {
            if !input.len().is_multiple_of(6) {
                return Err(OidError::InvalidLength {
                    needed: input.len() / 6 * 6 + 6,
                });
            }
            let count = input.len() / 6;
            if count > MAX_MULTICAST {
                return Err(OidError::MulticastFull);
            }
            let mut list = [MacAddress::default(); MAX_MULTICAST];
            for (slot, chunk) in list.iter_mut().zip(input.chunks_exact(6)) {
                let mut addr = [0u8; 6];
                addr.copy_from_slice(chunk);
                *slot = MacAddress(addr);
                if !slot.is_multicast() {
                    return Err(OidError::InvalidData);
                }
            }
            let list = list.get(..count).ok_or(OidError::MulticastFull)?;
            if !state.replace_multicast_list(list) {
                return Err(OidError::MulticastFull);
            }
            Ok(input.len())
        }
        _ => Err(OidError::NotSupported),
    }
}

fn read_u32_input(input: &[u8]) -> Result<u32, OidError> {
    crate::wire::read_u32(input, 0).ok_or(OidError::BufferTooShort { needed: 4 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{read_u16, read_u32, read_u64};

    fn adapter() -> GeneralState {
        GeneralState::new(MacAddress::for_instance(0), None)
    }

    #[test]
    fn supported_list_round_trips_and_every_listed_oid_answers() {
        let st = adapter();
        let mut buf = [0u8; 256];
        let n = query(&st, OID_GEN_SUPPORTED_LIST, &mut buf).unwrap();
        assert_eq!(n, SUPPORTED_OIDS.len() * 4);
        for (i, oid) in SUPPORTED_OIDS.iter().enumerate() {
            assert_eq!(read_u32(&buf, i * 4), Some(*oid));
            if SET_ONLY_OIDS.contains(oid) || SA_TABLE_OIDS.contains(oid) {
                continue;
            }
            let mut answer = [0u8; 256];
            assert!(
                query(&st, *oid, &mut answer).is_ok(),
                "OID {oid:#x} listed but not answered"
            );
        }
    }

    #[test]
    fn scalar_answers() {
        let st = adapter();
        let mut buf = [0u8; 8];
        assert_eq!(query(&st, OID_GEN_MAXIMUM_FRAME_SIZE, &mut buf), Ok(4));
        assert_eq!(read_u32(&buf, 0), Some(1500));
        assert_eq!(query(&st, OID_GEN_LINK_SPEED, &mut buf), Ok(4));
        assert_eq!(read_u32(&buf, 0), Some(100_000_000));
        assert_eq!(query(&st, OID_GEN_DRIVER_VERSION, &mut buf), Ok(2));
        assert_eq!(read_u16(&buf, 0), Some(0x0630));
        assert_eq!(query(&st, OID_802_3_CURRENT_ADDRESS, &mut buf), Ok(6));
        assert_eq!(&buf[..6], &st.current_mac.0);
    }

    #[test]
    fn short_buffers_report_bytes_needed_and_write_nothing() {
        let st = adapter();
        let mut buf = [0xEEu8; 3];
        let err = query(&st, OID_GEN_MAXIMUM_FRAME_SIZE, &mut buf).unwrap_err();
        assert_eq!(err, OidError::BufferTooShort { needed: 4 });
        assert_eq!(err.status(), NDIS_STATUS_BUFFER_TOO_SHORT);
        assert_eq!(buf, [0xEE; 3]);
        let mut small = [0u8; 100];
        let err = query(&st, OID_GEN_STATISTICS, &mut small).unwrap_err();
        assert_eq!(err.bytes_needed(), 152);
        let err = query(&st, OID_GEN_SUPPORTED_LIST, &mut small).unwrap_err();
        assert_eq!(err.bytes_needed(), SUPPORTED_OIDS.len() * 4);
    }

    #[test]
    fn counters_fit_four_or_eight_bytes() {
        let mut st = adapter();
        st.stats.out_ucast_pkts = 0x1_0000_0002;
        let mut four = [0u8; 4];
        assert_eq!(query(&st, OID_GEN_XMIT_OK, &mut four), Ok(4));
        assert_eq!(read_u32(&four, 0), Some(2));
        let mut eight = [0u8; 16];
        assert_eq!(query(&st, OID_GEN_XMIT_OK, &mut eight), Ok(8));
        assert_eq!(read_u64(&eight, 0), Some(0x1_0000_0002));
        assert_eq!(
            query(&st, OID_GEN_XMIT_OK, &mut [0u8; 2]),
            Err(OidError::BufferTooShort { needed: 8 })
        );
    }

    #[test]
    fn statistics_block_has_header_and_counters() {
        let mut st = adapter();
        st.stats.count_sent(&MacAddress::BROADCAST, 60);
        st.stats.in_errors = 3;
        let mut buf = [0u8; 200];
        assert_eq!(query(&st, OID_GEN_STATISTICS, &mut buf), Ok(152));
        assert_eq!(&buf[..4], &[NDIS_OBJECT_TYPE_DEFAULT, 1, 152, 0]);
        assert_eq!(read_u32(&buf, 4), Some(SUPPORTED_STATISTICS));
        assert_eq!(read_u64(&buf, 16), Some(3), "ifInErrors");
        assert_eq!(read_u64(&buf, 80), Some(1), "ifHCOutBroadcastPkts");
        assert_eq!(read_u64(&buf, 56), Some(60), "ifHCOutOctets");
    }

    #[test]
    fn unknown_oids_are_not_supported() {
        let mut st = adapter();
        assert_eq!(
            query(&st, 0xDEAD_BEEF, &mut [0u8; 64]),
            Err(OidError::NotSupported)
        );
        assert_eq!(
            set(&mut st, OID_GEN_SUPPORTED_LIST, &[0u8; 4]),
            Err(OidError::NotSupported)
        );
        assert_eq!(OidError::NotSupported.status(), NDIS_STATUS_NOT_SUPPORTED);
    }

    #[test]
    fn packet_filter_set_validates_and_reads_back() {
        let mut st = adapter();
        let filter = NDIS_PACKET_TYPE_DIRECTED | NDIS_PACKET_TYPE_BROADCAST;
        assert_eq!(
            set(
                &mut st,
                OID_GEN_CURRENT_PACKET_FILTER,
                &filter.to_le_bytes()
            ),
            Ok(4)
        );
        let mut buf = [0u8; 4];
        query(&st, OID_GEN_CURRENT_PACKET_FILTER, &mut buf).unwrap();
        assert_eq!(u32::from_le_bytes(buf), filter);
        // Source routing is not implemented: rejected, filter unchanged.
        let bad = NDIS_PACKET_TYPE_SOURCE_ROUTING;
        assert_eq!(
            set(&mut st, OID_GEN_CURRENT_PACKET_FILTER, &bad.to_le_bytes()),
            Err(OidError::NotSupported)
        );
        assert_eq!(st.packet_filter, filter);
        assert_eq!(
            set(&mut st, OID_GEN_CURRENT_PACKET_FILTER, &[1, 2]),
            Err(OidError::BufferTooShort { needed: 4 })
        );
    }

    #[test]
    fn lookahead_set_is_bounded() {
        let mut st = adapter();
        assert_eq!(
            set(&mut st, OID_GEN_CURRENT_LOOKAHEAD, &256u32.to_le_bytes()),
            Ok(4)
        );
        assert_eq!(st.lookahead, 256);
        assert_eq!(
            set(&mut st, OID_GEN_CURRENT_LOOKAHEAD, &2000u32.to_le_bytes()),
            Err(OidError::InvalidData)
        );
        assert_eq!(st.lookahead, 256);
    }

    #[test]
    fn multicast_list_is_validated_atomically() {
        let mut st = adapter();
        let a = [0x01, 0x00, 0x5E, 0, 0, 1];
        let b = [0x33, 0x33, 0, 0, 0, 1];
        let list = [a, b].concat();
        assert_eq!(set(&mut st, OID_802_3_MULTICAST_LIST, &list), Ok(12));
        assert_eq!(st.multicast_list(), &[MacAddress(a), MacAddress(b)]);
        let mut out = [0u8; 12];
        assert_eq!(query(&st, OID_802_3_MULTICAST_LIST, &mut out), Ok(12));
        assert_eq!(&out[..], &list[..]);
        // A unicast entry, a ragged length, too many entries: each rejected, list unchanged.
        let bad = [a, [0x02, 0, 0, 0, 0, 9]].concat();
        assert_eq!(
            set(&mut st, OID_802_3_MULTICAST_LIST, &bad),
            Err(OidError::InvalidData)
        );
        assert_eq!(
            set(&mut st, OID_802_3_MULTICAST_LIST, &list[..7]),
            Err(OidError::InvalidLength { needed: 12 })
        );
        let many = [0x01u8; 6 * (MAX_MULTICAST + 1)];
        assert_eq!(
            set(&mut st, OID_802_3_MULTICAST_LIST, &many),
            Err(OidError::MulticastFull)
        );
        assert_eq!(st.multicast_list().len(), 2);
        assert_eq!(set(&mut st, OID_802_3_MULTICAST_LIST, &[]), Ok(0));
        assert!(st.multicast_list().is_empty());
    }
}
