//! The general (non-IPsec) state of one virtual Ethernet adapter: addresses, receive filter,
//! lookahead, multicast list and interface counters.

use crate::mac::MacAddress;
use ndis_sys::{
    NDIS_PACKET_TYPE_ALL_MULTICAST, NDIS_PACKET_TYPE_BROADCAST, NDIS_PACKET_TYPE_DIRECTED,
    NDIS_PACKET_TYPE_MULTICAST, NDIS_PACKET_TYPE_PROMISCUOUS,
};

/// IP MTU of the virtual Ethernet link (the payload of an untagged frame).
pub const MTU: u32 = 1500;
/// Ethernet header without VLAN tag.
pub const ETHERNET_HEADER_LEN: u32 = 14;
/// Largest frame the adapter sends or receives (without FCS).
pub const MAX_FRAME_LEN: u32 = MTU + ETHERNET_HEADER_LEN;
/// Link speed reported for the virtual link, in bits per second.
pub const LINK_SPEED_BPS: u64 = 10_000_000_000;
/// Entries in the multicast address list.
pub const MAX_MULTICAST: usize = 32;
/// Frames the adapter can have in flight in each direction (sizes its buffer pools).
pub const FRAMES_IN_FLIGHT: u32 = 64;
/// Receive filters the adapter implements.
pub const SUPPORTED_PACKET_FILTERS: u32 = NDIS_PACKET_TYPE_DIRECTED
    | NDIS_PACKET_TYPE_MULTICAST
    | NDIS_PACKET_TYPE_ALL_MULTICAST
    | NDIS_PACKET_TYPE_BROADCAST
    | NDIS_PACKET_TYPE_PROMISCUOUS;

/// Interface counters, as `NDIS_STATISTICS_INFO` reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Statistics {
    pub in_ucast_pkts: u64,
    pub in_mcast_pkts: u64,
    pub in_bcast_pkts: u64,
    pub in_ucast_octets: u64,
    pub in_mcast_octets: u64,
    pub in_bcast_octets: u64,
    pub in_errors: u64,
    pub in_discards: u64,
    pub out_ucast_pkts: u64,
    pub out_mcast_pkts: u64,
    pub out_bcast_pkts: u64,
    pub out_ucast_octets: u64,
    pub out_mcast_octets: u64,
    pub out_bcast_octets: u64,
    pub out_errors: u64,
    pub out_discards: u64,
}

impl Statistics {
    /// Frames received without error.
    pub fn in_ok(&self) -> u64 {
        self.in_ucast_pkts + self.in_mcast_pkts + self.in_bcast_pkts
    }

    /// Frames sent without error.
    pub fn out_ok(&self) -> u64 {
        self.out_ucast_pkts + self.out_mcast_pkts + self.out_bcast_pkts
    }

    /// Counts one frame sent to `dest` with `len` bytes.
    pub fn count_sent(&mut self, dest: &MacAddress, len: u64) {
        let (pkts, octets) = if dest.is_broadcast() {
            (&mut self.out_bcast_pkts, &mut self.out_bcast_octets)
        } else if dest.is_multicast() {
            (&mut self.out_mcast_pkts, &mut self.out_mcast_octets)
        } else {
            (&mut self.out_ucast_pkts, &mut self.out_ucast_octets)
        };
        *pkts = pkts.wrapping_add(1);
        *octets = octets.wrapping_add(len);
    }

    /// Counts one frame received for `dest` with `len` bytes.
    pub fn count_received(&mut self, dest: &MacAddress, len: u64) {
        let (pkts, octets) = if dest.is_broadcast() {
            (&mut self.in_bcast_pkts, &mut self.in_bcast_octets)
        } else if dest.is_multicast() {
            (&mut self.in_mcast_pkts, &mut self.in_mcast_octets)
        } else {
            (&mut self.in_ucast_pkts, &mut self.in_ucast_octets)
        };
        *pkts = pkts.wrapping_add(1);
        *octets = octets.wrapping_add(len);
    }
}

/// What the protocol stack can change on a running adapter, and what it reads back.
#[derive(Clone, Debug)]
pub struct GeneralState {
    /// Address burnt into the (virtual) hardware.
    pub permanent_mac: MacAddress,
    /// Address in use (the `NetworkAddress` keyword can override the permanent one).
    pub current_mac: MacAddress,
    /// `NDIS_PACKET_TYPE_*` receive filter; 0 until a protocol sets one.
    pub packet_filter: u32,
    /// Bytes of lookahead the protocols asked for.
    pub lookahead: u32,
    multicast: [MacAddress; MAX_MULTICAST],
    multicast_count: usize,
    /// Interface counters.
    pub stats: Statistics,
}

impl GeneralState {
    /// A fresh adapter with the given permanent address and optional override.
    pub fn new(permanent_mac: MacAddress, override_mac: Option<MacAddress>) -> Self {
        Self {
            permanent_mac,
            current_mac: override_mac.unwrap_or(permanent_mac),
            packet_filter: 0,
            lookahead: MAX_FRAME_LEN - ETHERNET_HEADER_LEN,
            multicast: [MacAddress::default(); MAX_MULTICAST],
            multicast_count: 0,
            stats: Statistics::default(),
        }
    }

    /// The multicast addresses currently programmed.
    pub fn multicast_list(&self) -> &[MacAddress] {
        self.multicast.get(..self.multicast_count).unwrap_or(&[])
    }

    /// Replaces the multicast list; the caller has validated `list`.
    pub(crate) fn replace_multicast_list(&mut self, list: &[MacAddress]) -> bool {
        let Some(slots) = self.multicast.get_mut(..list.len()) else {
            return false;
        };
        slots.copy_from_slice(list);
        self.multicast_count = list.len();
        true
    }

    /// Whether the receive filter admits a frame addressed to `dest` (the hub's MAC filter).
    pub fn accepts(&self, dest: &MacAddress) -> bool {
        let filter = self.packet_filter;
        if filter & NDIS_PACKET_TYPE_PROMISCUOUS != 0 {
            return true;
        }
        if dest.is_broadcast() {
            return filter & NDIS_PACKET_TYPE_BROADCAST != 0;
        }
        if dest.is_multicast() {
            return filter & NDIS_PACKET_TYPE_ALL_MULTICAST != 0
                || (filter & NDIS_PACKET_TYPE_MULTICAST != 0
                    && self.multicast_list().contains(dest));
        }
        filter & NDIS_PACKET_TYPE_DIRECTED != 0 && *dest == self.current_mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receive_filter_follows_the_packet_types() {
        let me = MacAddress([0x02, 0, 0, 0, 0, 1]);
        let other = MacAddress([0x02, 0, 0, 0, 0, 2]);
        let group = MacAddress([0x01, 0, 0x5E, 0, 0, 1]);
        let mut st = GeneralState::new(me, None);
        assert!(!st.accepts(&me), "no filter set: nothing is received");
        st.packet_filter = NDIS_PACKET_TYPE_DIRECTED;
        assert!(st.accepts(&me));
        assert!(!st.accepts(&other));
        assert!(!st.accepts(&MacAddress::BROADCAST));
        st.packet_filter |= NDIS_PACKET_TYPE_BROADCAST | NDIS_PACKET_TYPE_MULTICAST;
        assert!(st.accepts(&MacAddress::BROADCAST));
        assert!(
            !st.accepts(&group),
            "multicast needs the address in the list"
        );
        assert!(st.replace_multicast_list(&[group]));
        assert!(st.accepts(&group));
        st.packet_filter = NDIS_PACKET_TYPE_PROMISCUOUS;
        assert!(st.accepts(&other));
    }

    #[test]
    fn override_replaces_the_current_address_only() {
        let perm = MacAddress([0x02, 0, 0, 0, 0, 1]);
        let ovr = MacAddress([0x02, 9, 9, 9, 9, 9]);
        let st = GeneralState::new(perm, Some(ovr));
        assert_eq!(st.permanent_mac, perm);
        assert_eq!(st.current_mac, ovr);
    }

    #[test]
    fn counters_split_by_destination_kind() {
        let mut s = Statistics::default();
        s.count_sent(&MacAddress([0x02, 0, 0, 0, 0, 1]), 100);
        s.count_sent(&MacAddress::BROADCAST, 60);
        s.count_received(&MacAddress([0x01, 0, 0x5E, 0, 0, 1]), 70);
        assert_eq!((s.out_ucast_pkts, s.out_ucast_octets), (1, 100));
        assert_eq!((s.out_bcast_pkts, s.out_bcast_octets), (1, 60));
        assert_eq!((s.in_mcast_pkts, s.in_mcast_octets), (1, 70));
        assert_eq!((s.out_ok(), s.in_ok()), (2, 1));
    }
}
