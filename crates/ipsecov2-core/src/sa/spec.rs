//! A validated description of one SA bundle, as decoded from `IPSEC_OFFLOAD_V2_ADD_SA` or
//! `IPSEC_OFFLOAD_V2_ADD_SA_EX`: what the SA table stores and the engine runs.

use zeroize::{Zeroize, ZeroizeOnDrop};

/// Direction of a bundle (`IPSEC_OFFLOAD_V2_INBOUND` flag).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Inbound,
    Outbound,
}

/// IP version of the bundle's traffic (`IPSEC_OFFLOAD_V2_IPv6` flag).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IpVersion {
    V4,
    V6,
}

/// `IPSEC_OFFLOAD_V2_OPERATION`: which IPsec protocol an element applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    Ah,
    Esp,
}

impl Operation {
    /// From an `IPSEC_OFFLOAD_V2_OPERATION` value (1 AH, 2 ESP); anything else is `None`.
    pub fn from_value(value: i32) -> Option<Self> {
        if value == ndis_sys::IPsecOffloadV2Ah {
            Some(Operation::Ah)
        } else if value == ndis_sys::IPsecOffloadV2Esp {
            Some(Operation::Esp)
        } else {
            None
        }
    }

    /// The `IPSEC_OFFLOAD_V2_OPERATION` value.
    pub fn value(self) -> i32 {
        match self {
            Operation::Ah => ndis_sys::IPsecOffloadV2Ah,
            Operation::Esp => ndis_sys::IPsecOffloadV2Esp,
        }
    }

    /// The IP protocol number (51 AH, 50 ESP).
    pub fn ip_protocol(self) -> u8 {
        match self {
            Operation::Ah => 51,
            Operation::Esp => 50,
        }
    }
}

/// `IPSEC_OFFLOAD_V2_*UDP_ESP_ENCAPSULATION*`: how ESP is carried in UDP (RFC 3948).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UdpEncapsulation {
    /// Plain ESP/AH.
    None,
    /// ESP transport-mode packet in UDP.
    Transport,
    /// The tunnel layer is UDP-encapsulated; the inner transport part is not protected.
    Tunnel,
    /// The tunnel layer is UDP-encapsulated; the inner transport part is ESP, not in UDP.
    TransportOverUdpTunnel,
    /// The tunnel layer is plain; the inner transport part is UDP-encapsulated ESP.
    UdpTransportOverTunnel,
}

impl UdpEncapsulation {
    /// The value the OIDs carry.
    pub fn value(self) -> u32 {
        match self {
            UdpEncapsulation::None => 0x0,
            UdpEncapsulation::Transport => 0x1,
            UdpEncapsulation::Tunnel => 0x2,
            UdpEncapsulation::TransportOverUdpTunnel => 0x4,
            UdpEncapsulation::UdpTransportOverTunnel => 0x8,
        }
    }

    /// The type for an OID value; `None` for anything undefined (including several bits).
    pub fn from_value(value: u32) -> Option<Self> {
        Some(match value {
            0x0 => UdpEncapsulation::None,
            0x1 => UdpEncapsulation::Transport,
            0x2 => UdpEncapsulation::Tunnel,
            0x4 => UdpEncapsulation::TransportOverUdpTunnel,
            0x8 => UdpEncapsulation::UdpTransportOverTunnel,
            _ => return None,
        })
    }

    /// True when packets of this SA arrive inside UDP (port 4500) at the outer layer the
    /// inbound lookup sees.
    pub fn is_udp(self) -> bool {
        self != UdpEncapsulation::None
    }
}

/// Integrity algorithms (`IPSEC_OFFLOAD_V2_AUTHENTICATION_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthAlgorithm {
    /// HMAC-MD5-96 (RFC 2403).
    HmacMd5_96,
    /// HMAC-SHA1-96 (RFC 2404).
    HmacSha1_96,
    /// HMAC-SHA-256-128 (RFC 4868).
    HmacSha256_128,
    /// AES-GMAC (RFC 4543) with a 128/192/256-bit key.
    Gmac128,
    Gmac192,
    Gmac256,
}

impl AuthAlgorithm {
    /// Every integrity algorithm, in bit order.
    pub const ALL: [AuthAlgorithm; 6] = [
        AuthAlgorithm::HmacMd5_96,
        AuthAlgorithm::HmacSha1_96,
        AuthAlgorithm::HmacSha256_128,
        AuthAlgorithm::Gmac128,
        AuthAlgorithm::Gmac192,
        AuthAlgorithm::Gmac256,
    ];

    /// The one-bit identifier of the algorithm.
    pub fn bit(self) -> u32 {
        match self {
            AuthAlgorithm::HmacMd5_96 => 0x01,
            AuthAlgorithm::HmacSha1_96 => 0x02,
            AuthAlgorithm::HmacSha256_128 => 0x04,
            AuthAlgorithm::Gmac128 => 0x08,
            AuthAlgorithm::Gmac192 => 0x10,
            AuthAlgorithm::Gmac256 => 0x20,
        }
    }

    /// The algorithm of a one-bit identifier.
    pub fn from_bit(bit: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.bit() == bit)
    }

    /// Key length in bytes, without the 4-byte GMAC salt.
    pub fn key_len(self) -> usize {
        match self {
            AuthAlgorithm::HmacMd5_96 | AuthAlgorithm::Gmac128 => 16,
            AuthAlgorithm::HmacSha1_96 => 20,
            AuthAlgorithm::HmacSha256_128 => 32,
            AuthAlgorithm::Gmac192 => 24,
            AuthAlgorithm::Gmac256 => 32,
        }
    }

    /// True for the AES-GMAC family (key may carry a 4-byte salt).
    pub fn is_gmac(self) -> bool {
        matches!(
            self,
            AuthAlgorithm::Gmac128 | AuthAlgorithm::Gmac192 | AuthAlgorithm::Gmac256
        )
    }

    /// ICV length in bytes.
    pub fn icv_len(self) -> usize {
        match self {
            AuthAlgorithm::HmacMd5_96 | AuthAlgorithm::HmacSha1_96 => 12,
            AuthAlgorithm::HmacSha256_128
            | AuthAlgorithm::Gmac128
            | AuthAlgorithm::Gmac192
            | AuthAlgorithm::Gmac256 => 16,
        }
    }
}

/// Confidentiality algorithms (`IPSEC_OFFLOAD_V2_ENCRYPTION_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EncAlgorithm {
    /// ESP-NULL: integrity only.
    Null,
    DesCbc,
    TripleDesCbc,
    /// AES-GCM combined mode (RFC 4106).
    AesGcm128,
    AesGcm192,
    AesGcm256,
    AesCbc128,
    AesCbc192,
    AesCbc256,
}

impl EncAlgorithm {
    /// Every confidentiality algorithm, in bit order.
    pub const ALL: [EncAlgorithm; 9] = [
        EncAlgorithm::Null,
        EncAlgorithm::DesCbc,
        EncAlgorithm::TripleDesCbc,
        EncAlgorithm::AesGcm128,
        EncAlgorithm::AesGcm192,
        EncAlgorithm::AesGcm256,
        EncAlgorithm::AesCbc128,
        EncAlgorithm::AesCbc192,
        EncAlgorithm::AesCbc256,
    ];

    /// The one-bit identifier of the algorithm.
    pub fn bit(self) -> u32 {
        match self {
            EncAlgorithm::Null => 0x001,
            EncAlgorithm::DesCbc => 0x002,
            EncAlgorithm::TripleDesCbc => 0x004,
            EncAlgorithm::AesGcm128 => 0x008,
            EncAlgorithm::AesGcm192 => 0x010,
            EncAlgorithm::AesGcm256 => 0x020,
            EncAlgorithm::AesCbc128 => 0x040,
            EncAlgorithm::AesCbc192 => 0x080,
            EncAlgorithm::AesCbc256 => 0x100,
        }
    }

    /// The algorithm of a one-bit identifier.
    pub fn from_bit(bit: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.bit() == bit)
    }

    /// Key length in bytes (without the 4-byte GCM salt).
    pub fn key_len(self) -> usize {
        match self {
            EncAlgorithm::Null => 0,
            EncAlgorithm::DesCbc => 8,
            EncAlgorithm::TripleDesCbc => 24,
            EncAlgorithm::AesGcm128 | EncAlgorithm::AesCbc128 => 16,
            EncAlgorithm::AesGcm192 | EncAlgorithm::AesCbc192 => 24,
            EncAlgorithm::AesGcm256 | EncAlgorithm::AesCbc256 => 32,
        }
    }

    /// True for AES-GCM (combined mode: no separate integrity algorithm).
    pub fn is_aead(self) -> bool {
        matches!(
            self,
            EncAlgorithm::AesGcm128 | EncAlgorithm::AesGcm192 | EncAlgorithm::AesGcm256
        )
    }
}

/// Largest key the table stores for one algorithm: a 32-byte key plus a 4-byte salt.
pub const MAX_KEY_LEN: usize = 36;

/// Key bytes of one algorithm, in driver-owned memory, zeroed when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Key {
    bytes: [u8; MAX_KEY_LEN],
    len: u8,
}

impl Key {
    /// Copies `bytes` (at most [`MAX_KEY_LEN`]).
    pub fn new(bytes: &[u8]) -> Option<Self> {
        let mut key = Key {
            bytes: [0; MAX_KEY_LEN],
            len: 0,
        };
        key.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        key.len = bytes.len() as u8;
        Some(key)
    }

    /// The key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

impl core::fmt::Debug for Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never print key material.
        write!(f, "Key({} bytes)", self.len)
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Key {}

/// The integrity part of an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthSpec {
    pub algorithm: AuthAlgorithm,
    pub key: Key,
}

/// The confidentiality part of an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncSpec {
    pub algorithm: EncAlgorithm,
    pub key: Key,
    /// ICV length in bytes for AES-GCM (8, 12 or 16); 0 otherwise.
    pub icv_len: u8,
}

/// One `IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION` element of a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementSpec {
    pub operation: Operation,
    /// SPI as the wire carries it (see the README on byte order).
    pub spi: u32,
    /// `IPSEC_OFFLOAD_V2_ESN_SA`.
    pub esn: bool,
    /// High 32 bits of the extended sequence number at add time.
    pub seq_high: u32,
    pub auth: Option<AuthSpec>,
    pub enc: Option<EncSpec>,
}

/// A validated SA bundle: one handle, one or two elements (ESP, or AH, or ESP then AH).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleSpec {
    pub direction: Direction,
    pub ip_version: IpVersion,
    /// Source address (IPv4 in the first 4 bytes, network byte order); all zero = any.
    pub source: [u8; 16],
    /// Destination address, same form.
    pub destination: [u8; 16],
    pub udp_encapsulation: UdpEncapsulation,
    /// The elements in processing order (`SecAssoc[0]` first).
    pub elements: ElementList,
}

/// One or two elements, in processing order.
///
/// Stored as two optional slots (not an enum with a one-element variant) so that the space of
/// an absent element can be wiped: a value moved into the SA table must not carry stale bytes
/// (such as another SA's keys) from the stack it was built on (see [`BundleSpec::scrub`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementList {
    items: [Option<ElementSpec>; 2],
}

impl ElementList {
    /// A bundle of one element.
    pub fn one(element: ElementSpec) -> Self {
        Self {
            items: [Some(element), None],
        }
    }

    /// A bundle of two elements (ESP then AH).
    pub fn two(first: ElementSpec, second: ElementSpec) -> Self {
        Self {
            items: [Some(first), Some(second)],
        }
    }

    /// The elements in order.
    pub fn iter(&self) -> impl Iterator<Item = &ElementSpec> {
        self.items.iter().flatten()
    }

    /// The elements in order, mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut ElementSpec> {
        self.items.iter_mut().flatten()
    }

    /// Number of elements (1 or 2).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True for an empty list (never produced by the decoders).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The element at `index`.
    pub fn get(&self, index: usize) -> Option<&ElementSpec> {
        self.iter().nth(index)
    }

    /// The element with the given operation, if any.
    pub fn find(&self, operation: Operation) -> Option<&ElementSpec> {
        self.iter().find(|e| e.operation == operation)
    }

    /// Keeps only the first element.
    pub fn truncate_to_first(&mut self) {
        self.items[1].zeroize();
    }
}

impl Zeroize for AuthSpec {
    fn zeroize(&mut self) {
        self.key.zeroize();
    }
}

impl Zeroize for EncSpec {
    fn zeroize(&mut self) {
        self.key.zeroize();
    }
}

impl Zeroize for ElementSpec {
    fn zeroize(&mut self) {
        self.auth.zeroize();
        self.enc.zeroize();
    }
}

impl BundleSpec {
    /// Wipes the bytes of every absent part (a missing second element, a missing integrity or
    /// confidentiality algorithm): moved values keep whatever the stack held there before,
    /// possibly key bytes of another SA. Called on the entry once it is in the SA table.
    pub fn scrub(&mut self) {
        for item in &mut self.elements.items {
            match item {
                None => item.zeroize(),
                Some(element) => {
                    if element.auth.is_none() {
                        element.auth.zeroize();
                    }
                    if element.enc.is_none() {
                        element.enc.zeroize();
                    }
                }
            }
        }
    }

    /// Zeroes every key of the bundle.
    pub fn zeroize_keys(&mut self) {
        for item in &mut self.elements.items {
            item.zeroize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_bits_round_trip_and_are_single_bits() {
        for a in AuthAlgorithm::ALL {
            assert_eq!(a.bit().count_ones(), 1);
            assert_eq!(AuthAlgorithm::from_bit(a.bit()), Some(a));
        }
        for e in EncAlgorithm::ALL {
            assert_eq!(e.bit().count_ones(), 1);
            assert_eq!(EncAlgorithm::from_bit(e.bit()), Some(e));
        }
        assert_eq!(AuthAlgorithm::from_bit(0x03), None);
        assert_eq!(EncAlgorithm::from_bit(0x200), None);
    }

    #[test]
    fn algorithm_bits_match_the_bindings() {
        use ndis_sys::*;
        assert_eq!(
            AuthAlgorithm::HmacMd5_96.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_MD5
        );
        assert_eq!(
            AuthAlgorithm::HmacSha1_96.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1
        );
        assert_eq!(
            AuthAlgorithm::HmacSha256_128.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256
        );
        assert_eq!(
            AuthAlgorithm::Gmac128.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_128
        );
        assert_eq!(
            AuthAlgorithm::Gmac192.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_192
        );
        assert_eq!(
            AuthAlgorithm::Gmac256.bit(),
            IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_256
        );
        assert_eq!(EncAlgorithm::Null.bit(), IPSEC_OFFLOAD_V2_ENCRYPTION_NONE);
        assert_eq!(
            EncAlgorithm::DesCbc.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_DES_CBC
        );
        assert_eq!(
            EncAlgorithm::TripleDesCbc.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_3_DES_CBC
        );
        assert_eq!(
            EncAlgorithm::AesGcm128.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128
        );
        assert_eq!(
            EncAlgorithm::AesGcm192.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_192
        );
        assert_eq!(
            EncAlgorithm::AesGcm256.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_256
        );
        assert_eq!(
            EncAlgorithm::AesCbc128.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128
        );
        assert_eq!(
            EncAlgorithm::AesCbc192.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_192
        );
        assert_eq!(
            EncAlgorithm::AesCbc256.bit(),
            IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_256
        );
        for (encap, value) in [
            (
                UdpEncapsulation::None,
                IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_NONE,
            ),
            (
                UdpEncapsulation::Transport,
                IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT,
            ),
            (
                UdpEncapsulation::Tunnel,
                IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TUNNEL,
            ),
            (
                UdpEncapsulation::TransportOverUdpTunnel,
                IPSEC_OFFLOAD_V2_TRANSPORT_OVER_UDP_ESP_ENCAPSULATION_TUNNEL,
            ),
            (
                UdpEncapsulation::UdpTransportOverTunnel,
                IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT_OVER_TUNNEL,
            ),
        ] {
            assert_eq!(encap.value(), value);
            assert_eq!(UdpEncapsulation::from_value(value), Some(encap));
        }
        assert_eq!(UdpEncapsulation::from_value(0x3), None);
    }

    #[test]
    fn keys_never_print_and_compare_by_content() {
        let k = Key::new(&[0xAB; 16]).unwrap();
        assert_eq!(std::format!("{k:?}"), "Key(16 bytes)");
        assert_eq!(k.as_bytes(), &[0xAB; 16]);
        assert_eq!(k, Key::new(&[0xAB; 16]).unwrap());
        assert!(Key::new(&[0; MAX_KEY_LEN + 1]).is_none());
    }
}
