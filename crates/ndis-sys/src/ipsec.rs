//! IPsec Offload Version 2: the SA structures of the `OID_TCP_TASK_IPSEC_OFFLOAD_V2_*` OIDs and
//! the per-packet NET_BUFFER_LIST infos (plus the V1 NBL info that shares slot 1).
//!
//! The capability block `NDIS_IPSEC_OFFLOAD_V2` is part of `NDIS_OFFLOAD` and lives in
//! `offload.rs`.

use crate::constants::IPSEC_OFFLOAD_V2_MAX_EXTENSION_HEADERS;
use crate::types::*;

/// `IPSEC_OFFLOAD_V2_ALGORITHM_INFO`: one algorithm of a security association and where its
/// key is.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ALGORITHM_INFO {
    /// One `IPSEC_OFFLOAD_V2_AUTHENTICATION_*` or `IPSEC_OFFLOAD_V2_ENCRYPTION_*` bit,
    /// depending on which member of the SA this is.
    pub Identifier: u32,
    /// Key length in bytes.
    pub KeyLength: u32,
    /// Offset of this algorithm's key inside the SA's key array, in bytes.
    pub KeyOffsetBytes: u32,
    /// Algorithm-specific extra value (for AES-GCM: the ICV length).
    pub AdditionalInfo: u32,
}

/// `IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION`: one AH or ESP security association.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION {
    /// `IPSEC_OFFLOAD_V2_ESN_SA` when the SA uses 64-bit extended sequence numbers.
    pub Flags: u32,
    /// `IPsecOffloadV2Ah` or `IPsecOffloadV2Esp` (an `IPSEC_OFFLOAD_V2_OPERATION`).
    pub Operation: NDIS_ENUM,
    /// The security parameter index.
    pub Spi: IPSEC_OFFLOAD_V2_SPI_TYPE,
    /// Integrity algorithm (all zero for combined-mode ESP such as AES-GCM).
    pub AuthenticationAlgorithm: IPSEC_OFFLOAD_V2_ALGORITHM_INFO,
    /// Confidentiality (or combined-mode) algorithm; all zero for AH.
    pub EncryptionAlgorithm: IPSEC_OFFLOAD_V2_ALGORITHM_INFO,
    /// High 32 bits of the extended sequence number.
    pub SequenceNumberHighOrder: u32,
}

/// `IPSEC_OFFLOAD_V2_ADD_SA`: payload of `OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA`, one element of
/// a list of SA bundles to install. `KeyData` is variable length: the keys start at offset 0xA8.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1`,
    /// `NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1` (or more).
    pub Header: NDIS_OBJECT_HEADER,
    /// Next element of the list, NULL for the last one.
    pub Next: *mut IPSEC_OFFLOAD_V2_ADD_SA,
    /// Number of valid `SecAssoc` entries (1 or 2).
    pub NumExtHdrs: u32,
    /// `IPSEC_OFFLOAD_V2_INBOUND` and/or `IPSEC_OFFLOAD_V2_IPv6`.
    pub Flags: u32,
    /// The address filter (C: anonymous union of `IPv4Endpoints` / `IPv6Endpoints`).
    pub Anonymous: IPSEC_OFFLOAD_V2_ADD_SA_0,
    /// Output: the handle the miniport assigns to this SA bundle.
    pub OffloadHandle: NDIS_HANDLE,
    /// One `IPSEC_OFFLOAD_V2_*UDP_ESP_ENCAPSULATION*` value (0 = none).
    pub UdpEspEncapsulation: u32,
    /// The SAs of the bundle, in header order.
    pub SecAssoc:
        [IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION; IPSEC_OFFLOAD_V2_MAX_EXTENSION_HEADERS as usize],
    /// Number of key bytes starting at `KeyData`.
    pub KeyLength: u32,
    /// First byte of the key material (the array continues past the end of the structure).
    pub KeyData: [u8; 1],
}

/// The address filter of an [`IPSEC_OFFLOAD_V2_ADD_SA`] (C: anonymous union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union IPSEC_OFFLOAD_V2_ADD_SA_0 {
    /// Valid when `Flags` lacks `IPSEC_OFFLOAD_V2_IPv6`.
    pub IPv4Endpoints: IPSEC_OFFLOAD_V2_ADD_SA_0_IPv4Endpoints,
    /// Valid when `Flags` has `IPSEC_OFFLOAD_V2_IPv6`.
    pub IPv6Endpoints: IPSEC_OFFLOAD_V2_ADD_SA_0_IPv6Endpoints,
}

/// IPv4 source/destination of an [`IPSEC_OFFLOAD_V2_ADD_SA`] (0 = any).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA_0_IPv4Endpoints {
    /// Source address (network byte order in memory).
    pub SrcAddr: IPAddr,
    /// Destination address (network byte order in memory).
    pub DestAddr: IPAddr,
}

/// IPv6 source/destination of an [`IPSEC_OFFLOAD_V2_ADD_SA`] (all zero = any).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA_0_IPv6Endpoints {
    /// Source address bytes.
    pub SrcAddr: [u8; 16],
    /// Destination address bytes.
    pub DestAddr: [u8; 16],
}

/// `IPSEC_OFFLOAD_V2_ADD_SA_EX`: payload of `OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX`
/// (NDIS 6.30+): a single SA bundle; the keys are `KeyLength` bytes at `KeyOffset` from the
/// start of this structure.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA_EX {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1`,
    /// `NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1` (or more).
    pub Header: NDIS_OBJECT_HEADER,
    /// Number of valid `SecAssoc` entries (1 or 2).
    pub NumExtHdrs: u32,
    /// `IPSEC_OFFLOAD_V2_INBOUND` and/or `IPSEC_OFFLOAD_V2_IPv6`.
    pub Flags: u32,
    /// The address filter (C: anonymous union of `IPv4Endpoints` / `IPv6Endpoints`).
    pub Anonymous: IPSEC_OFFLOAD_V2_ADD_SA_EX_0,
    /// Output: the handle the miniport assigns to this SA bundle.
    pub OffloadHandle: NDIS_HANDLE,
    /// One `IPSEC_OFFLOAD_V2_*UDP_ESP_ENCAPSULATION*` value (0 = none).
    pub UdpEspEncapsulation: u32,
    /// The SAs of the bundle, in header order.
    pub SecAssoc:
        [IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION; IPSEC_OFFLOAD_V2_MAX_EXTENSION_HEADERS as usize],
    /// Total key bytes.
    pub KeyLength: u32,
    /// Offset of the key bytes from the start of this structure.
    pub KeyOffset: u32,
    /// Hyper-V switch port the SA came from.
    pub SourceSwitchPortId: NDIS_SWITCH_PORT_ID,
    /// VLAN the SA applies to (0 = none).
    pub VlanId: u16,
}

/// The address filter of an [`IPSEC_OFFLOAD_V2_ADD_SA_EX`] (C: anonymous union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union IPSEC_OFFLOAD_V2_ADD_SA_EX_0 {
    /// Valid when `Flags` lacks `IPSEC_OFFLOAD_V2_IPv6`.
    pub IPv4Endpoints: IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv4Endpoints,
    /// Valid when `Flags` has `IPSEC_OFFLOAD_V2_IPv6`.
    pub IPv6Endpoints: IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv6Endpoints,
}

/// IPv4 source/destination of an [`IPSEC_OFFLOAD_V2_ADD_SA_EX`] (0 = any).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv4Endpoints {
    /// Source address (network byte order in memory).
    pub SrcAddr: IPAddr,
    /// Destination address (network byte order in memory).
    pub DestAddr: IPAddr,
}

/// IPv6 source/destination of an [`IPSEC_OFFLOAD_V2_ADD_SA_EX`] (all zero = any).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv6Endpoints {
    /// Source address bytes.
    pub SrcAddr: [u8; 16],
    /// Destination address bytes.
    pub DestAddr: [u8; 16],
}

/// `IPSEC_OFFLOAD_V2_DELETE_SA`: payload of `OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA`, one
/// element of a list of SA bundles to remove.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_DELETE_SA {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1`,
    /// `NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// Next element of the list, NULL for the last one.
    pub Next: *mut IPSEC_OFFLOAD_V2_DELETE_SA,
    /// The handle returned when the bundle was added.
    pub OffloadHandle: NDIS_HANDLE,
}

/// `IPSEC_OFFLOAD_V2_UPDATE_SA`: payload of `OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA` (new
/// ESN high half for one SA of a bundle).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct IPSEC_OFFLOAD_V2_UPDATE_SA {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1`,
    /// `NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// The bundle's handle.
    pub OffloadHandle: NDIS_HANDLE,
    /// Which SA of the bundle (an `IPSEC_OFFLOAD_V2_OPERATION`).
    pub Operation: NDIS_ENUM,
    /// SPI of the SA to update.
    pub Spi: IPSEC_OFFLOAD_V2_SPI_TYPE,
    /// New high 32 bits of the extended sequence number.
    pub SequenceNumberHighOrder: u32,
}

/// `NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO`: the pointer-sized value stored in
/// `NetBufferListInfo[IPsecOffloadV2NetBufferListInfo]`.
///
/// The receive view covers only the low 4 bytes of the slot: build it from
/// `Default::default()` (all zero) and then set `Receive._bitfield`, so that the whole slot
/// is initialised before it is read back as a pointer.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO {
    /// Send view: which SA bundle to apply.
    pub Transmit: NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Transmit,
    /// Receive view: what the miniport did to the packet (bit-fields).
    pub Receive: NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive,
}

/// Send view of [`NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Transmit {
    /// Handle of the SA bundle the miniport must apply (from ADD_SA / ADD_SA_EX).
    pub OffloadHandle: NDIS_HANDLE,
}

/// Receive view of [`NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO`]: one `u32` storage unit with
/// `SaDeleteReq`, `CryptoDone`, `NextCryptoDone`, `Reserved` and `CryptoStatus` (see the
/// `NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_*_MASK`/`_SHIFT` constants).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive {
    /// Storage unit of the bit-fields (offset 0 of the slot; the slot's upper 4 bytes are unused).
    pub _bitfield: u32,
}

/// `NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO`: the value stored in
/// `NetBufferListInfo[IPsecOffloadV2TunnelNetBufferListInfo]` (send only).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO {
    /// Send view.
    pub Transmit: NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO_Transmit,
}

/// Send view of [`NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO_Transmit {
    /// Handle of the tunnel-mode SA bundle to apply.
    pub TunnelHandle: NDIS_HANDLE,
}

/// `NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`: a `u32` stored in the low 4 bytes of
/// `NetBufferListInfo[IPsecOffloadV2HeaderNetBufferListInfo]` (ESP trailer / header offsets).
///
/// Only 4 bytes: convert to and from the pointer-sized slot through an integer (low 32 bits,
/// upper bits zero), not by reading the slot as this type.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO {
    /// Send view (`NextHeader`, `PadLength`, `AhHeaderOffset`, `EspHeaderOffset`).
    pub Transmit: NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit,
    /// Receive view (`NextHeader`, `PadLength`, `HeaderInfoSet`).
    pub Receive: NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive,
}

/// Send view of [`NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`] (header offsets in units
/// of 4 bytes from the start of the IP header).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit {
    /// Storage unit of the four 8-bit fields.
    pub _bitfield: u32,
}

/// Receive view of [`NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive {
    /// Storage unit of `NextHeader`, `PadLength` and `HeaderInfoSet`.
    pub _bitfield: u32,
}

/// `NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO`: the IPsec v1 view of
/// `NetBufferListInfo[IPsecOffloadV1NetBufferListInfo]` (same slot as the v2 info).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO {
    /// Send view.
    pub Transmit: NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Transmit,
    /// Receive view.
    pub Receive: NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive,
}

/// Send view of [`NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Transmit {
    /// Handle of the v1 SA to apply.
    pub OffloadHandle: NDIS_HANDLE,
}

/// Receive view of [`NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive {
    /// `u16` storage unit of `SaDeleteReq`, `CryptoDone`, `NextCryptoDone` (and 13 pad bits).
    pub _bitfield: u16,
    /// A `CRYPTO_*` result.
    pub CryptoStatus: u16,
}

zeroed_default!(
    IPSEC_OFFLOAD_V2_ALGORITHM_INFO,
    IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION,
    IPSEC_OFFLOAD_V2_ADD_SA,
    IPSEC_OFFLOAD_V2_ADD_SA_0,
    IPSEC_OFFLOAD_V2_ADD_SA_0_IPv4Endpoints,
    IPSEC_OFFLOAD_V2_ADD_SA_0_IPv6Endpoints,
    IPSEC_OFFLOAD_V2_ADD_SA_EX,
    IPSEC_OFFLOAD_V2_ADD_SA_EX_0,
    IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv4Endpoints,
    IPSEC_OFFLOAD_V2_ADD_SA_EX_0_IPv6Endpoints,
    IPSEC_OFFLOAD_V2_DELETE_SA,
    IPSEC_OFFLOAD_V2_UPDATE_SA,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive,
    NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO,
    NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive,
    NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO,
    NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive,
);

bitfields! {
    /// Every bit-field bound in this module (checked against the oracle by the ABI test).
    IPSEC_BITFIELDS;
    NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO (Receive._bitfield): u32 {
        "Receive.SaDeleteReq" => NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK,
            NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_SHIFT = 0, 1;
        "Receive.CryptoDone" => NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK,
            NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_SHIFT = 1, 1;
        "Receive.NextCryptoDone" => NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK,
            NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_SHIFT = 2, 1;
        "Receive.Reserved" => NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_Reserved_MASK,
            NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_Reserved_SHIFT = 3, 13;
        "Receive.CryptoStatus" => NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK,
            NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_SHIFT = 16, 16;
    }
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO (Transmit._bitfield): u32 {
        "Transmit.NextHeader" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_NextHeader_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_NextHeader_SHIFT = 0, 8;
        "Transmit.PadLength" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_PadLength_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_PadLength_SHIFT = 8, 8;
        "Transmit.AhHeaderOffset" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_AhHeaderOffset_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_AhHeaderOffset_SHIFT = 16, 8;
        "Transmit.EspHeaderOffset" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_EspHeaderOffset_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Transmit_EspHeaderOffset_SHIFT = 24, 8;
    }
    NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO (Receive._bitfield): u32 {
        "Receive.NextHeader" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_NextHeader_SHIFT = 0, 8;
        "Receive.PadLength" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_PadLength_SHIFT = 8, 8;
        "Receive.HeaderInfoSet" => NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_HeaderInfoSet_MASK,
            NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO_Receive_HeaderInfoSet_SHIFT = 16, 1;
    }
    NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO (Receive._bitfield): u16 {
        "Receive.SaDeleteReq" => NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_MASK,
            NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_SaDeleteReq_SHIFT = 0, 1;
        "Receive.CryptoDone" => NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK,
            NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_CryptoDone_SHIFT = 1, 1;
        "Receive.NextCryptoDone" => NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_MASK,
            NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_NextCryptoDone_SHIFT = 2, 1;
    }
}
