//! Ethernet MAC addresses of the virtual adapters.

/// A 48-bit Ethernet address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct MacAddress(pub [u8; 6]);

/// The organisation part used for generated addresses: `02` marks the address as locally
/// administered and unicast; `49 50 53` is "IPS".
const GENERATED_PREFIX: [u8; 3] = [0x02, 0x49, 0x50];

impl MacAddress {
    /// The broadcast address `ff:ff:ff:ff:ff:ff`.
    pub const BROADCAST: Self = Self([0xFF; 6]);

    /// The permanent address of the adapter instance `instance` (0, 1, 2, ... in the order
    /// NDIS initialized them): locally administered, unicast, unique per instance.
    pub fn for_instance(instance: u32) -> Self {
        // The fourth byte is 0x53 ('S') mixed with bits 16..23 of the instance number, the
        // last two bytes are its low 16 bits: unique for the first 16M instances.
        let [_, b1, b2, b3] = instance.to_be_bytes();
        let [p0, p1, p2] = GENERATED_PREFIX;
        Self([p0, p1, p2, 0x53 ^ b1, b2, b3])
    }

    /// Accepts a `NetworkAddress` override from the registry: exactly 6 bytes, unicast
    /// (I/G bit clear) and not all zero. Anything else is rejected and the permanent address
    /// stays in force, as a NIC driver is expected to do.
    pub fn from_override(bytes: &[u8]) -> Option<Self> {
        let addr: [u8; 6] = bytes.try_into().ok()?;
        let mac = Self(addr);
        (mac.is_unicast() && addr != [0; 6]).then_some(mac)
    }

    /// True when the I/G bit is clear.
    pub fn is_unicast(&self) -> bool {
        self.0[0] & 0x01 == 0
    }

    /// True for group (multicast or broadcast) addresses.
    pub fn is_multicast(&self) -> bool {
        !self.is_unicast()
    }

    /// True for `ff:ff:ff:ff:ff:ff`.
    pub fn is_broadcast(&self) -> bool {
        *self == Self::BROADCAST
    }

    /// True when the U/L bit marks the address as locally administered.
    pub fn is_locally_administered(&self) -> bool {
        self.0[0] & 0x02 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_addresses_are_local_unicast_and_distinct() {
        let a = MacAddress::for_instance(0);
        let b = MacAddress::for_instance(1);
        let c = MacAddress::for_instance(0x0102_0304);
        for mac in [a, b, c] {
            assert!(mac.is_unicast());
            assert!(mac.is_locally_administered());
        }
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_eq!(a.0, [0x02, 0x49, 0x50, 0x53, 0x00, 0x00]);
        assert_eq!(b.0, [0x02, 0x49, 0x50, 0x53, 0x00, 0x01]);
    }

    #[test]
    fn overrides_must_be_six_byte_unicast() {
        assert_eq!(
            MacAddress::from_override(&[0x02, 0x11, 0x22, 0x33, 0x44, 0x55]),
            Some(MacAddress([0x02, 0x11, 0x22, 0x33, 0x44, 0x55]))
        );
        assert_eq!(
            MacAddress::from_override(&[0x03, 0x11, 0x22, 0x33, 0x44, 0x55]),
            None
        );
        assert_eq!(
            MacAddress::from_override(&[0x02, 0x11, 0x22, 0x33, 0x44]),
            None
        );
        assert_eq!(MacAddress::from_override(&[0; 6]), None);
        assert_eq!(MacAddress::from_override(&[0xFF; 6]), None);
        assert_eq!(MacAddress::from_override(&[]), None);
    }
}
