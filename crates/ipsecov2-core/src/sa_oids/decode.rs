//! Decoders of the IPsecOV2 SA OID payloads, from byte slices.
//!
//! Every offset comes from the `ndis-sys` layout (checked against the ABI oracle). Every
//! length and offset is checked with checked arithmetic before any byte is read; every
//! rejection is a specific [`SaError`]. Nothing here allocates or panics.

use crate::offload::Capabilities;
use crate::sa::SaError;
use crate::sa::spec::*;
use crate::wire::{read_u8, read_u16, read_u32, read_u64};
use core::mem::offset_of;
use ndis_sys::*;

type AddSa = IPSEC_OFFLOAD_V2_ADD_SA;
type AddSaEx = IPSEC_OFFLOAD_V2_ADD_SA_EX;
type SecAssoc = IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION;
type AlgInfo = IPSEC_OFFLOAD_V2_ALGORITHM_INFO;

/// Largest key array accepted in one request: far above any real bundle (AH-SHA256 + ESP
/// AES-256-CBC + SHA256 needs 96 bytes), and a bound on what the shell copies.
pub const MAX_KEY_ARRAY: u32 = 512;

/// The most of an ADD_SA_EX information buffer the shell copies into driver memory before
/// decoding it (the structure, then keys; a key array that ends beyond this is refused).
pub const MAX_ADD_SA_EX_BUFFER: usize = 1024;

/// The most of one ADD_SA list element the shell copies (fixed part plus the largest key
/// array).
pub const MAX_ADD_SA_ELEMENT: usize = ADD_SA_KEY_DATA_OFFSET + MAX_KEY_ARRAY as usize;

/// Checks an `NDIS_OBJECT_HEADER` at the start of `buffer`: type DEFAULT, revision >= 1,
/// `minimum <= Size <= max(buffer length, size_limit)`.
fn check_header(buffer: &[u8], minimum: usize, size_limit: usize) -> Result<(), SaError> {
    if buffer.len() < minimum {
        return Err(SaError::BufferTooShort { needed: minimum });
    }
    let kind = read_u8(buffer, 0).ok_or(SaError::BufferTooShort { needed: minimum })?;
    let revision = read_u8(buffer, 1).ok_or(SaError::BufferTooShort { needed: minimum })?;
    let size = usize::from(read_u16(buffer, 2).ok_or(SaError::BufferTooShort { needed: minimum })?);
    if kind != NDIS_OBJECT_TYPE_DEFAULT {
        return Err(SaError::HeaderType);
    }
    if revision < 1 {
        return Err(SaError::HeaderRevision);
    }
    if size < minimum || size > buffer.len().max(size_limit) {
        return Err(SaError::HeaderSize);
    }
    Ok(())
}

fn u32_at(buffer: &[u8], offset: usize) -> Result<u32, SaError> {
    read_u32(buffer, offset).ok_or(SaError::BufferTooShort { needed: offset + 4 })
}

/// Offsets of the fields ADD_SA and ADD_SA_EX share, which sit at different places.
struct AddLayout {
    num_ext_hdrs: usize,
    flags: usize,
    v4_src: usize,
    v4_dst: usize,
    v6_src: usize,
    v6_dst: usize,
    udp_esp: usize,
    sec_assoc: usize,
}

const ADD_SA_LAYOUT: AddLayout = AddLayout {
    num_ext_hdrs: offset_of!(AddSa, NumExtHdrs),
    flags: offset_of!(AddSa, Flags),
    v4_src: offset_of!(AddSa, Anonymous.IPv4Endpoints.SrcAddr),
    v4_dst: offset_of!(AddSa, Anonymous.IPv4Endpoints.DestAddr),
    v6_src: offset_of!(AddSa, Anonymous.IPv6Endpoints.SrcAddr),
    v6_dst: offset_of!(AddSa, Anonymous.IPv6Endpoints.DestAddr),
    udp_esp: offset_of!(AddSa, UdpEspEncapsulation),
    sec_assoc: offset_of!(AddSa, SecAssoc),
};

const ADD_SA_EX_LAYOUT: AddLayout = AddLayout {
    num_ext_hdrs: offset_of!(AddSaEx, NumExtHdrs),
    flags: offset_of!(AddSaEx, Flags),
    v4_src: offset_of!(AddSaEx, Anonymous.IPv4Endpoints.SrcAddr),
    v4_dst: offset_of!(AddSaEx, Anonymous.IPv4Endpoints.DestAddr),
    v6_src: offset_of!(AddSaEx, Anonymous.IPv6Endpoints.SrcAddr),
    v6_dst: offset_of!(AddSaEx, Anonymous.IPv6Endpoints.DestAddr),
    udp_esp: offset_of!(AddSaEx, UdpEspEncapsulation),
    sec_assoc: offset_of!(AddSaEx, SecAssoc),
};

/// Offset of the `OffloadHandle` an ADD_SA element returns the handle in.
pub const ADD_SA_HANDLE_OFFSET: usize = offset_of!(AddSa, OffloadHandle);
/// Offset of the `OffloadHandle` of ADD_SA_EX.
pub const ADD_SA_EX_HANDLE_OFFSET: usize = offset_of!(AddSaEx, OffloadHandle);
/// Offset of `Next` in an ADD_SA element.
pub const ADD_SA_NEXT_OFFSET: usize = offset_of!(AddSa, Next);
/// Offset of the inline key array of an ADD_SA element.
pub const ADD_SA_KEY_DATA_OFFSET: usize = offset_of!(AddSa, KeyData);

/// The full length of an ADD_SA element whose fixed part is at the start of `fixed`: the
/// fixed fields plus `KeyLength` bytes of keys. The shell reads this much of each element.
pub fn add_sa_element_len(fixed: &[u8]) -> Result<usize, SaError> {
    let key_length = u32_at(fixed, offset_of!(AddSa, KeyLength))?;
    if key_length > MAX_KEY_ARRAY {
        return Err(SaError::KeyOutOfBounds);
    }
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1);
    Ok((ADD_SA_KEY_DATA_OFFSET + key_length as usize).max(minimum))
}

/// Decodes one `IPSEC_OFFLOAD_V2_ADD_SA` element (`element` holds the fixed part and its
/// `KeyLength` key bytes) against what is enabled now.
pub fn decode_add_sa(element: &[u8], enabled: &Capabilities) -> Result<BundleSpec, SaError> {
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1);
    // The header comment in ndis.h says Size = sizeof (0xB0), the documentation says the
    // revision-1 size (0xA9): accept both.
    check_header(element, minimum, core::mem::size_of::<AddSa>())?;
    let key_length = u32_at(element, offset_of!(AddSa, KeyLength))?;
    let keys = key_array(
        element,
        ADD_SA_KEY_DATA_OFFSET as u32,
        key_length,
        ADD_SA_KEY_DATA_OFFSET,
    )?;
    decode_bundle(element, &ADD_SA_LAYOUT, keys, enabled)
}

/// Decodes an `IPSEC_OFFLOAD_V2_ADD_SA_EX` buffer (keys at `KeyOffset` in the same buffer).
pub fn decode_add_sa_ex(buffer: &[u8], enabled: &Capabilities) -> Result<BundleSpec, SaError> {
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1);
    check_header(buffer, minimum, 0)?;
    let key_length = u32_at(buffer, offset_of!(AddSaEx, KeyLength))?;
    let key_offset = u32_at(buffer, offset_of!(AddSaEx, KeyOffset))?;
    let keys = key_array(buffer, key_offset, key_length, minimum)?;
    decode_bundle(buffer, &ADD_SA_EX_LAYOUT, keys, enabled)
}

/// The key array `[offset, offset + length)` of `buffer`; it may not start inside the fixed
/// fields (`fixed_end`).
fn key_array(buffer: &[u8], offset: u32, length: u32, fixed_end: usize) -> Result<&[u8], SaError> {
    if length > MAX_KEY_ARRAY {
        return Err(SaError::KeyOutOfBounds);
    }
    let end = offset.checked_add(length).ok_or(SaError::KeyOverflow)?;
    if (offset as usize) < fixed_end {
        return Err(SaError::KeyOutOfBounds);
    }
    buffer
        .get(offset as usize..end as usize)
        .ok_or(SaError::KeyOutOfBounds)
}

fn decode_bundle(
    buffer: &[u8],
    layout: &AddLayout,
    keys: &[u8],
    enabled: &Capabilities,
) -> Result<BundleSpec, SaError> {
    let count = u32_at(buffer, layout.num_ext_hdrs)?;
    if count != 1 && count != 2 {
        return Err(SaError::NumExtHdrs);
    }
    let flags = u32_at(buffer, layout.flags)?;
    if flags & !(IPSEC_OFFLOAD_V2_INBOUND | IPSEC_OFFLOAD_V2_IPv6) != 0 {
        return Err(SaError::UnknownFlags);
    }
    let direction = if flags & IPSEC_OFFLOAD_V2_INBOUND != 0 {
        Direction::Inbound
    } else {
        Direction::Outbound
    };
    let ip_version = if flags & IPSEC_OFFLOAD_V2_IPv6 != 0 {
        IpVersion::V6
    } else {
        IpVersion::V4
    };
    let (mut source, mut destination) = ([0u8; 16], [0u8; 16]);
    let (src_at, dst_at, len) = match ip_version {
        IpVersion::V4 => (layout.v4_src, layout.v4_dst, 4),
        IpVersion::V6 => (layout.v6_src, layout.v6_dst, 16),
    };
    let src = buffer
        .get(src_at..src_at + len)
        .ok_or(SaError::BufferTooShort {
            needed: src_at + len,
        })?;
    let dst = buffer
        .get(dst_at..dst_at + len)
        .ok_or(SaError::BufferTooShort {
            needed: dst_at + len,
        })?;
    source[..len].copy_from_slice(src);
    destination[..len].copy_from_slice(dst);
    let udp_value = u32_at(buffer, layout.udp_esp)?;
    let udp_encapsulation =
        UdpEncapsulation::from_value(udp_value).ok_or(SaError::UnknownUdpEncapsulation)?;

    let size = core::mem::size_of::<SecAssoc>();
    let first = decode_element(buffer, layout.sec_assoc, keys, enabled)?;
    let elements = if count == 2 {
        let second = decode_element(buffer, layout.sec_assoc + size, keys, enabled)?;
        // The documented pair is ESP followed by AH, in processing order.
        if first.operation != Operation::Esp || second.operation != Operation::Ah {
            return Err(SaError::ElementOrder);
        }
        ElementList::two(first, second)
    } else {
        ElementList::one(first)
    };

    // Configuration checks, after the structure is known to be well formed.
    if !(enabled.ah || enabled.esp) {
        return Err(SaError::OffloadDisabled);
    }
    for element in elements.iter() {
        let allowed = match element.operation {
            Operation::Ah => enabled.ah,
            Operation::Esp => enabled.esp,
        };
        if !allowed {
            return Err(SaError::OffloadDisabled);
        }
        if element.esn && !enabled.esn {
            return Err(SaError::EsnNotEnabled);
        }
        if let Some(auth) = &element.auth
            && enabled.auth_algorithms & auth.algorithm.bit() == 0
        {
            return Err(SaError::AlgorithmNotEnabled);
        }
        if let Some(enc) = &element.enc
            && enabled.enc_algorithms & enc.algorithm.bit() == 0
        {
            return Err(SaError::AlgorithmNotEnabled);
        }
    }
    if count == 2 && !enabled.ah_esp_combined {
        return Err(SaError::OffloadDisabled);
    }
    if ip_version == IpVersion::V6 && !enabled.ipv6 {
        return Err(SaError::Ipv6NotEnabled);
    }
    if udp_encapsulation.is_udp() {
        // UDP encapsulation (RFC 3948) is defined for ESP; AH cannot cross a NAT.
        let has_ah = elements.iter().any(|e| e.operation == Operation::Ah);
        if has_ah || enabled.udp_esp & udp_encapsulation.value() == 0 {
            return Err(SaError::UdpEncapsulationNotAllowed);
        }
    }
    Ok(BundleSpec {
        direction,
        ip_version,
        source,
        destination,
        udp_encapsulation,
        elements,
    })
}

/// An algorithm info: identifier, the algorithm's key bytes, `AdditionalInfo`.
struct RawAlgorithm<'a> {
    identifier: u32,
    key: &'a [u8],
    additional: u32,
}

fn raw_algorithm<'a>(
    buffer: &[u8],
    at: usize,
    keys: &'a [u8],
) -> Result<RawAlgorithm<'a>, SaError> {
    let identifier = u32_at(buffer, at + offset_of!(AlgInfo, Identifier))?;
    let length = u32_at(buffer, at + offset_of!(AlgInfo, KeyLength))?;
    let offset = u32_at(buffer, at + offset_of!(AlgInfo, KeyOffsetBytes))?;
    let additional = u32_at(buffer, at + offset_of!(AlgInfo, AdditionalInfo))?;
    if identifier == 0 {
        return Ok(RawAlgorithm {
            identifier,
            key: &[],
            additional,
        });
    }
    let end = offset.checked_add(length).ok_or(SaError::KeyOverflow)?;
    let key = keys
        .get(offset as usize..end as usize)
        .ok_or(SaError::KeyOutOfBounds)?;
    Ok(RawAlgorithm {
        identifier,
        key,
        additional,
    })
}

fn single_bit(identifier: u32) -> Result<u32, SaError> {
    if identifier.count_ones() == 1 {
        Ok(identifier)
    } else {
        Err(SaError::AlgorithmIdentifier)
    }
}

/// A key of `expected` bytes, or `expected + 4` when a 4-byte salt may follow (GCM/GMAC).
fn key_of(bytes: &[u8], expected: usize, salt_allowed: bool) -> Result<Key, SaError> {
    let fits = bytes.len() == expected || (salt_allowed && bytes.len() == expected + 4);
    if !fits {
        return Err(SaError::KeyLength);
    }
    Key::new(bytes).ok_or(SaError::KeyLength)
}

/// The AES-GCM ICV length from `AdditionalInfo`: 8, 12 or 16 bytes. Whether the value is in
/// bytes or bits is not documented, so both are accepted; 0 means the RFC 4106 default (16).
fn gcm_icv_len(additional: u32) -> Result<u8, SaError> {
    match additional {
        0 | 16 | 128 => Ok(16),
        12 | 96 => Ok(12),
        8 | 64 => Ok(8),
        _ => Err(SaError::IcvLength),
    }
}

fn decode_element(
    buffer: &[u8],
    at: usize,
    keys: &[u8],
    _enabled: &Capabilities,
) -> Result<ElementSpec, SaError> {
    let flags = u32_at(buffer, at + offset_of!(SecAssoc, Flags))?;
    if flags & !IPSEC_OFFLOAD_V2_ESN_SA != 0 {
        return Err(SaError::UnknownSaFlags);
    }
    let operation =
        Operation::from_value(u32_at(buffer, at + offset_of!(SecAssoc, Operation))? as i32)
            .ok_or(SaError::UnknownOperation)?;
    let spi = u32_at(buffer, at + offset_of!(SecAssoc, Spi))?;
    if spi == 0 {
        return Err(SaError::ReservedSpi);
    }
    let seq_high = u32_at(buffer, at + offset_of!(SecAssoc, SequenceNumberHighOrder))?;
    let auth_raw = raw_algorithm(
        buffer,
        at + offset_of!(SecAssoc, AuthenticationAlgorithm),
        keys,
    )?;
    let enc_raw = raw_algorithm(buffer, at + offset_of!(SecAssoc, EncryptionAlgorithm), keys)?;

    let (auth, enc) = match operation {
        Operation::Ah => {
            if enc_raw.identifier != 0 {
                return Err(SaError::AhWithEncryption);
            }
            if auth_raw.identifier == 0 {
                return Err(SaError::AhWithoutIntegrity);
            }
            (Some(auth_spec(&auth_raw)?), None)
        }
        Operation::Esp => esp_specs(&auth_raw, &enc_raw)?,
    };
    Ok(ElementSpec {
        operation,
        spi,
        esn: flags & IPSEC_OFFLOAD_V2_ESN_SA != 0,
        seq_high,
        auth,
        enc,
    })
}

fn auth_spec(raw: &RawAlgorithm<'_>) -> Result<AuthSpec, SaError> {
    let algorithm =
        AuthAlgorithm::from_bit(single_bit(raw.identifier)?).ok_or(SaError::UnknownAlgorithm)?;
    let key = key_of(raw.key, algorithm.key_len(), algorithm.is_gmac())?;
    Ok(AuthSpec { algorithm, key })
}

fn esp_specs(
    auth_raw: &RawAlgorithm<'_>,
    enc_raw: &RawAlgorithm<'_>,
) -> Result<(Option<AuthSpec>, Option<EncSpec>), SaError> {
    // An identifier of 0 means "no confidentiality", the same as ENCRYPTION_NONE.
    let enc_algorithm = if enc_raw.identifier == 0 {
        EncAlgorithm::Null
    } else {
        EncAlgorithm::from_bit(single_bit(enc_raw.identifier)?).ok_or(SaError::UnknownAlgorithm)?
    };
    if enc_algorithm.is_aead() {
        // Combined mode: the integrity member is ignored (documented).
        let key = key_of(enc_raw.key, enc_algorithm.key_len(), true)?;
        let icv_len = gcm_icv_len(enc_raw.additional)?;
        return Ok((
            None,
            Some(EncSpec {
                algorithm: enc_algorithm,
                key,
                icv_len,
            }),
        ));
    }
    let auth = if auth_raw.identifier == 0 {
        None
    } else {
        Some(auth_spec(auth_raw)?)
    };
    if enc_algorithm == EncAlgorithm::Null {
        if auth.is_none() {
            return Err(SaError::EspWithoutProtection);
        }
        if !enc_raw.key.is_empty() {
            return Err(SaError::KeyLength);
        }
        return Ok((
            auth,
            Some(EncSpec {
                algorithm: EncAlgorithm::Null,
                key: Key::new(&[]).ok_or(SaError::KeyLength)?,
                icv_len: 0,
            }),
        ));
    }
    if auth.as_ref().is_some_and(|a| a.algorithm.is_gmac()) {
        return Err(SaError::GmacWithEncryption);
    }
    let key = key_of(enc_raw.key, enc_algorithm.key_len(), false)?;
    Ok((
        auth,
        Some(EncSpec {
            algorithm: enc_algorithm,
            key,
            icv_len: 0,
        }),
    ))
}

/// A decoded `IPSEC_OFFLOAD_V2_DELETE_SA` element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeleteSa {
    pub next: u64,
    pub handle: u64,
}

/// Decodes one `IPSEC_OFFLOAD_V2_DELETE_SA` element.
pub fn decode_delete_sa(element: &[u8]) -> Result<DeleteSa, SaError> {
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1);
    check_header(element, minimum, 0)?;
    let next = read_u64(element, offset_of!(IPSEC_OFFLOAD_V2_DELETE_SA, Next))
        .ok_or(SaError::BufferTooShort { needed: minimum })?;
    let handle = read_u64(
        element,
        offset_of!(IPSEC_OFFLOAD_V2_DELETE_SA, OffloadHandle),
    )
    .ok_or(SaError::BufferTooShort { needed: minimum })?;
    Ok(DeleteSa { next, handle })
}

/// A decoded `IPSEC_OFFLOAD_V2_UPDATE_SA`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpdateSa {
    pub handle: u64,
    pub operation: Operation,
    pub spi: u32,
    pub seq_high: u32,
}

/// Decodes an `IPSEC_OFFLOAD_V2_UPDATE_SA` (one structure, no list: spec §1.12).
pub fn decode_update_sa(buffer: &[u8]) -> Result<UpdateSa, SaError> {
    type U = IPSEC_OFFLOAD_V2_UPDATE_SA;
    let minimum = usize::from(NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1);
    check_header(buffer, minimum, core::mem::size_of::<U>())?;
    let handle = read_u64(buffer, offset_of!(U, OffloadHandle))
        .ok_or(SaError::BufferTooShort { needed: minimum })?;
    let operation = Operation::from_value(u32_at(buffer, offset_of!(U, Operation))? as i32)
        .ok_or(SaError::UnknownOperation)?;
    let spi = u32_at(buffer, offset_of!(U, Spi))?;
    let seq_high = u32_at(buffer, offset_of!(U, SequenceNumberHighOrder))?;
    Ok(UpdateSa {
        handle,
        operation,
        spi,
        seq_high,
    })
}
