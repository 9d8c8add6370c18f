//! Encoders of the SA OID payloads: the inverse of `decode`, as the Windows stack lays them
//! out. Used by tests, benchmarks and the host tools (they never run in the kernel).

use crate::sa::spec::*;
use crate::wire::{write_bytes, write_u16, write_u32, write_u64};
use alloc::vec;
use alloc::vec::Vec;
use core::mem::{offset_of, size_of};
use ndis_sys::*;

type SecAssoc = IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION;
type AlgInfo = IPSEC_OFFLOAD_V2_ALGORITHM_INFO;

fn header(buffer: &mut [u8], size: u16) {
    write_bytes(buffer, 0, &[NDIS_OBJECT_TYPE_DEFAULT, 1]);
    write_u16(buffer, 2, size);
}

/// The key array of a bundle (each element's integrity key, then its confidentiality key)
/// and, per element, the (offset, length) of each key in it.
fn key_array(spec: &BundleSpec) -> (Vec<u8>, [[(u32, u32); 2]; 2]) {
    let mut keys = Vec::new();
    let mut places = [[(0u32, 0u32); 2]; 2];
    for (i, element) in spec.elements.iter().enumerate() {
        if let Some(auth) = &element.auth {
            places[i][0] = (keys.len() as u32, auth.key.as_bytes().len() as u32);
            keys.extend_from_slice(auth.key.as_bytes());
        }
        if let Some(enc) = &element.enc {
            places[i][1] = (keys.len() as u32, enc.key.as_bytes().len() as u32);
            keys.extend_from_slice(enc.key.as_bytes());
        }
    }
    (keys, places)
}

fn write_algorithm(buffer: &mut [u8], at: usize, id: u32, place: (u32, u32), additional: u32) {
    write_u32(buffer, at + offset_of!(AlgInfo, Identifier), id);
    write_u32(buffer, at + offset_of!(AlgInfo, KeyLength), place.1);
    write_u32(buffer, at + offset_of!(AlgInfo, KeyOffsetBytes), place.0);
    write_u32(buffer, at + offset_of!(AlgInfo, AdditionalInfo), additional);
}

fn write_element(buffer: &mut [u8], at: usize, element: &ElementSpec, places: [(u32, u32); 2]) {
    write_u32(
        buffer,
        at + offset_of!(SecAssoc, Flags),
        if element.esn {
            IPSEC_OFFLOAD_V2_ESN_SA
        } else {
            0
        },
    );
    let operation = element.operation.value();
    write_u32(
        buffer,
        at + offset_of!(SecAssoc, Operation),
        operation as u32,
    );
    write_u32(buffer, at + offset_of!(SecAssoc, Spi), element.spi);
    write_u32(
        buffer,
        at + offset_of!(SecAssoc, SequenceNumberHighOrder),
        element.seq_high,
    );
    if let Some(auth) = &element.auth {
        write_algorithm(
            buffer,
            at + offset_of!(SecAssoc, AuthenticationAlgorithm),
            auth.algorithm.bit(),
            places[0],
            0,
        );
    }
    if let Some(enc) = &element.enc {
        write_algorithm(
            buffer,
            at + offset_of!(SecAssoc, EncryptionAlgorithm),
            enc.algorithm.bit(),
            places[1],
            u32::from(enc.icv_len),
        );
    }
}

struct Fields {
    num_ext_hdrs: usize,
    flags: usize,
    src: usize,
    dst: usize,
    udp: usize,
    sec_assoc: usize,
}

fn write_bundle(
    buffer: &mut [u8],
    fields: &Fields,
    spec: &BundleSpec,
    places: [[(u32, u32); 2]; 2],
) {
    let count = spec.elements.iter().count() as u32;
    write_u32(buffer, fields.num_ext_hdrs, count);
    let mut flags = 0;
    if spec.direction == Direction::Inbound {
        flags |= IPSEC_OFFLOAD_V2_INBOUND;
    }
    let len = match spec.ip_version {
        IpVersion::V4 => 4,
        IpVersion::V6 => {
            flags |= IPSEC_OFFLOAD_V2_IPv6;
            16
        }
    };
    write_u32(buffer, fields.flags, flags);
    let (src, dst) = match spec.ip_version {
        IpVersion::V4 => (fields.src, fields.src + 4),
        IpVersion::V6 => (fields.src, fields.dst),
    };
    write_bytes(buffer, src, &spec.source[..len]);
    write_bytes(buffer, dst, &spec.destination[..len]);
    write_u32(buffer, fields.udp, spec.udp_encapsulation.value());
    for (i, element) in spec.elements.iter().enumerate() {
        write_element(
            buffer,
            fields.sec_assoc + i * size_of::<SecAssoc>(),
            element,
            places[i],
        );
    }
}

/// `IPSEC_OFFLOAD_V2_ADD_SA_EX` for `spec`, keys right after the fixed part.
pub fn add_sa_ex(spec: &BundleSpec) -> Vec<u8> {
    type A = IPSEC_OFFLOAD_V2_ADD_SA_EX;
    let (keys, places) = key_array(spec);
    let fixed = size_of::<A>();
    let mut buffer = vec![0u8; fixed + keys.len()];
    header(
        &mut buffer,
        NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1,
    );
    let fields = Fields {
        num_ext_hdrs: offset_of!(A, NumExtHdrs),
        flags: offset_of!(A, Flags),
        src: offset_of!(A, Anonymous.IPv6Endpoints.SrcAddr),
        dst: offset_of!(A, Anonymous.IPv6Endpoints.DestAddr),
        udp: offset_of!(A, UdpEspEncapsulation),
        sec_assoc: offset_of!(A, SecAssoc),
    };
    write_bundle(&mut buffer, &fields, spec, places);
    write_u32(&mut buffer, offset_of!(A, KeyLength), keys.len() as u32);
    write_u32(&mut buffer, offset_of!(A, KeyOffset), fixed as u32);
    write_bytes(&mut buffer, fixed, &keys);
    buffer
}

/// One `IPSEC_OFFLOAD_V2_ADD_SA` element for `spec` (`Next` = `next`), keys inline.
pub fn add_sa(spec: &BundleSpec, next: u64) -> Vec<u8> {
    type A = IPSEC_OFFLOAD_V2_ADD_SA;
    let (keys, places) = key_array(spec);
    let key_data = offset_of!(A, KeyData);
    let mut buffer = vec![0u8; (key_data + keys.len()).max(size_of::<A>())];
    header(&mut buffer, size_of::<A>() as u16);
    write_u64(&mut buffer, offset_of!(A, Next), next);
    let fields = Fields {
        num_ext_hdrs: offset_of!(A, NumExtHdrs),
        flags: offset_of!(A, Flags),
        src: offset_of!(A, Anonymous.IPv6Endpoints.SrcAddr),
        dst: offset_of!(A, Anonymous.IPv6Endpoints.DestAddr),
        udp: offset_of!(A, UdpEspEncapsulation),
        sec_assoc: offset_of!(A, SecAssoc),
    };
    write_bundle(&mut buffer, &fields, spec, places);
    write_u32(&mut buffer, offset_of!(A, KeyLength), keys.len() as u32);
    write_bytes(&mut buffer, key_data, &keys);
    buffer
}

/// One `IPSEC_OFFLOAD_V2_DELETE_SA` element.
pub fn delete_sa(handle: u64, next: u64) -> Vec<u8> {
    type D = IPSEC_OFFLOAD_V2_DELETE_SA;
    let mut buffer = vec![0u8; size_of::<D>()];
    header(
        &mut buffer,
        NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1,
    );
    write_u64(&mut buffer, offset_of!(D, Next), next);
    write_u64(&mut buffer, offset_of!(D, OffloadHandle), handle);
    buffer
}

/// An `IPSEC_OFFLOAD_V2_UPDATE_SA`.
pub fn update_sa(handle: u64, operation: Operation, spi: u32, seq_high: u32) -> Vec<u8> {
    type U = IPSEC_OFFLOAD_V2_UPDATE_SA;
    let mut buffer = vec![0u8; size_of::<U>()];
    header(
        &mut buffer,
        NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1,
    );
    write_u64(&mut buffer, offset_of!(U, OffloadHandle), handle);
    let operation = operation.value();
    write_u32(&mut buffer, offset_of!(U, Operation), operation as u32);
    write_u32(&mut buffer, offset_of!(U, Spi), spi);
    write_u32(
        &mut buffer,
        offset_of!(U, SequenceNumberHighOrder),
        seq_high,
    );
    buffer
}

/// Common bundles for tests and examples.
pub mod samples {
    use super::*;

    /// An ESP AES-GCM-128 (16-byte key + 4-byte salt, 16-byte ICV) IPv4 transport bundle.
    pub fn esp_gcm128(direction: Direction, spi: u32) -> BundleSpec {
        BundleSpec {
            direction,
            ip_version: IpVersion::V4,
            source: addr4([192, 0, 2, 1]),
            destination: addr4([192, 0, 2, 2]),
            udp_encapsulation: UdpEncapsulation::None,
            elements: ElementList::one(ElementSpec {
                operation: Operation::Esp,
                spi,
                esn: false,
                seq_high: 0,
                auth: None,
                enc: Some(EncSpec {
                    algorithm: EncAlgorithm::AesGcm128,
                    key: Key::new(&[0x11; 20]).unwrap_or_else(empty_key),
                    icv_len: 16,
                }),
            }),
        }
    }

    /// ESP AES-CBC-256 + HMAC-SHA-256 then AH HMAC-SHA1 (IPv6, ESN on ESP).
    pub fn esp_then_ah(direction: Direction, esp_spi: u32, ah_spi: u32) -> BundleSpec {
        BundleSpec {
            direction,
            ip_version: IpVersion::V6,
            source: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            destination: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
            udp_encapsulation: UdpEncapsulation::None,
            elements: ElementList::two(
                ElementSpec {
                    operation: Operation::Esp,
                    spi: esp_spi,
                    esn: true,
                    seq_high: 7,
                    auth: Some(AuthSpec {
                        algorithm: AuthAlgorithm::HmacSha256_128,
                        key: Key::new(&[0x22; 32]).unwrap_or_else(empty_key),
                    }),
                    enc: Some(EncSpec {
                        algorithm: EncAlgorithm::AesCbc256,
                        key: Key::new(&[0x33; 32]).unwrap_or_else(empty_key),
                        icv_len: 0,
                    }),
                },
                ElementSpec {
                    operation: Operation::Ah,
                    spi: ah_spi,
                    esn: false,
                    seq_high: 0,
                    auth: Some(AuthSpec {
                        algorithm: AuthAlgorithm::HmacSha1_96,
                        key: Key::new(&[0x44; 20]).unwrap_or_else(empty_key),
                    }),
                    enc: None,
                },
            ),
        }
    }

    /// An IPv4 address in the 16-byte address form.
    pub fn addr4(octets: [u8; 4]) -> [u8; 16] {
        let mut a = [0u8; 16];
        a[..4].copy_from_slice(&octets);
        a
    }

    fn empty_key() -> Key {
        Key::new(&[]).unwrap_or_else(|| unreachable!())
    }
}
