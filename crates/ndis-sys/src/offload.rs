//! Task offload: the `NDIS_OFFLOAD` capability/configuration structure and every block in it
//! (checksum, LSO, IPsec v1/v2, RSC, encapsulation, 464XLAT, USO), the
//! `OID_TCP_OFFLOAD_PARAMETERS` payload and the `OID_OFFLOAD_ENCAPSULATION` payload.
//!
//! The 2-bit capability fields hold `NDIS_OFFLOAD_NOT_SUPPORTED` / `NDIS_OFFLOAD_SUPPORTED`;
//! they are bound as one storage integer per C bit-field unit (`_bitfield`, `_bitfield2`) with
//! `*_MASK` / `*_SHIFT` constants.

use crate::types::*;

/// `NDIS_OFFLOAD`: the task-offload capabilities or current configuration of an adapter
/// (reported through `NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES` and the offload status
/// indications).
///
/// Laid out through `UdpSegmentation` (revision 6/7, NDIS 6.83+); a driver that declares
/// NDIS 6.30 sends `NDIS_OFFLOAD_REVISION_3` / `NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3` (through
/// `EncapsulatedPacketTaskOffloadGre`) and leaves the later members zero.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD {
    /// `NDIS_OBJECT_TYPE_OFFLOAD`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// IP/TCP/UDP checksum offload.
    pub Checksum: NDIS_TCP_IP_CHECKSUM_OFFLOAD,
    /// Large send offload version 1 (IPv4 only).
    pub LsoV1: NDIS_TCP_LARGE_SEND_OFFLOAD_V1,
    /// IPsec offload version 1 (not supported since Windows 8; report zeros).
    pub IPsecV1: NDIS_IPSEC_OFFLOAD_V1,
    /// Large send offload version 2.
    pub LsoV2: NDIS_TCP_LARGE_SEND_OFFLOAD_V2,
    /// `NDIS_OFFLOAD_FLAGS_GROUP_CHECKSUM_CAPABILITIES`,
    /// `IPSEC_OFFLOAD_V2_AND_TCP_CHECKSUM_COEXISTENCE`, ... (last member of revision 1).
    pub Flags: u32,
    /// IPsec offload version 2 (revision 2, NDIS 6.1+).
    pub IPsecV2: NDIS_IPSEC_OFFLOAD_V2,
    /// Receive segment coalescing (revision 3, NDIS 6.30).
    pub Rsc: NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD,
    /// NVGRE encapsulated-packet offload (last member of revision 3).
    pub EncapsulatedPacketTaskOffloadGre: NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD,
    /// VXLAN encapsulated-packet offload (revision 4, NDIS 6.50).
    pub EncapsulatedPacketTaskOffloadVxlan: NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2,
    /// `NDIS_ENCAPSULATION_TYPE_*` bits (last member of revision 4).
    pub EncapsulationTypes: u8,
    /// RFC 6877 464XLAT offload (revision 5, NDIS 6.70).
    pub Rfc6877Xlat: NDIS_RFC6877_464XLAT_OFFLOAD,
    /// UDP segmentation offload (revision 6, NDIS 6.83).
    pub UdpSegmentation: NDIS_UDP_SEGMENTATION_OFFLOAD,
}

/// `NDIS_TCP_IP_CHECKSUM_OFFLOAD`: checksum offload capabilities per IP version and direction.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_OFFLOAD {
    /// IPv4 send.
    pub IPv4Transmit: NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit,
    /// IPv4 receive.
    pub IPv4Receive: NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive,
    /// IPv6 send.
    pub IPv6Transmit: NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit,
    /// IPv6 receive.
    pub IPv6Receive: NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive,
}

/// IPv4 send checksum capabilities of [`NDIS_TCP_IP_CHECKSUM_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// `IpOptionsSupported`, `TcpOptionsSupported`, `TcpChecksum`, `UdpChecksum`, `IpChecksum`.
    pub _bitfield: u32,
}

/// IPv4 receive checksum capabilities of [`NDIS_TCP_IP_CHECKSUM_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// `IpOptionsSupported`, `TcpOptionsSupported`, `TcpChecksum`, `UdpChecksum`, `IpChecksum`.
    pub _bitfield: u32,
}

/// IPv6 send checksum capabilities of [`NDIS_TCP_IP_CHECKSUM_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// `IpExtensionHeadersSupported`, `TcpOptionsSupported`, `TcpChecksum`, `UdpChecksum`.
    pub _bitfield: u32,
}

/// IPv6 receive checksum capabilities of [`NDIS_TCP_IP_CHECKSUM_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// `IpExtensionHeadersSupported`, `TcpOptionsSupported`, `TcpChecksum`, `UdpChecksum`.
    pub _bitfield: u32,
}

/// `NDIS_TCP_LARGE_SEND_OFFLOAD_V1`: LSOv1 capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_V1 {
    /// IPv4 LSOv1.
    pub IPv4: NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4,
}

/// IPv4 part of [`NDIS_TCP_LARGE_SEND_OFFLOAD_V1`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4 {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// Largest payload the adapter segments, in bytes.
    pub MaxOffLoadSize: u32,
    /// Fewest segments a large send must produce.
    pub MinSegmentCount: u32,
    /// `TcpOptions`, `IpOptions`.
    pub _bitfield: u32,
}

/// `NDIS_IPSEC_OFFLOAD_V1`: IPsec offload version 1 capabilities (obsolete since Windows 8).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1 {
    /// General v1 capabilities.
    pub Supported: NDIS_IPSEC_OFFLOAD_V1_Supported,
    /// IPv4 AH capabilities.
    pub IPv4AH: NDIS_IPSEC_OFFLOAD_V1_IPv4AH,
    /// IPv4 ESP capabilities.
    pub IPv4ESP: NDIS_IPSEC_OFFLOAD_V1_IPv4ESP,
}

/// General part of [`NDIS_IPSEC_OFFLOAD_V1`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1_Supported {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// AH and ESP in the same packet.
    pub AhEspCombined: u32,
    /// Transport and tunnel in the same packet.
    pub TransportTunnelCombined: u32,
    /// IPv4 options supported.
    pub IPv4Options: u32,
    /// Other v1 flags.
    pub Flags: u32,
}

/// AH part of [`NDIS_IPSEC_OFFLOAD_V1`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1_IPv4AH {
    /// `Md5`, `Sha_1`, `Transport`, `Tunnel`, `Send`, `Receive`.
    pub _bitfield: u32,
}

/// ESP part of [`NDIS_IPSEC_OFFLOAD_V1`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V1_IPv4ESP {
    /// `Des`, (reserved), `TripleDes`, `NullEsp`, `Transport`, `Tunnel`, `Send`, `Receive`.
    pub _bitfield: u32,
}

/// `NDIS_TCP_LARGE_SEND_OFFLOAD_V2`: LSOv2 capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_V2 {
    /// IPv4 LSOv2.
    pub IPv4: NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv4,
    /// IPv6 LSOv2.
    pub IPv6: NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6,
}

/// IPv4 part of [`NDIS_TCP_LARGE_SEND_OFFLOAD_V2`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv4 {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// Largest payload the adapter segments, in bytes.
    pub MaxOffLoadSize: u32,
    /// Fewest segments a large send must produce.
    pub MinSegmentCount: u32,
}

/// IPv6 part of [`NDIS_TCP_LARGE_SEND_OFFLOAD_V2`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6 {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// Largest payload the adapter segments, in bytes.
    pub MaxOffLoadSize: u32,
    /// Fewest segments a large send must produce.
    pub MinSegmentCount: u32,
    /// `IpExtensionHeadersSupported`, `TcpOptionsSupported`.
    pub _bitfield: u32,
}

/// `NDIS_IPSEC_OFFLOAD_V2`: IPsec offload version 2 capabilities (or current configuration).
/// It has no header of its own: the enclosing `NDIS_OFFLOAD` revision (2 or later) versions it.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_IPSEC_OFFLOAD_V2 {
    /// `NDIS_ENCAPSULATION_*` bits the offload works with (802.3 is required).
    pub Encapsulation: u32,
    /// TRUE if IPv6 packets can be offloaded.
    pub IPv6Supported: BOOLEAN,
    /// TRUE if IPv4 packets with options can be offloaded.
    pub IPv4Options: BOOLEAN,
    /// TRUE if IPv6 packets with non-IPsec extension headers can be offloaded.
    pub IPv6NonIPsecExtensionHeaders: BOOLEAN,
    /// TRUE if AH is supported.
    pub Ah: BOOLEAN,
    /// TRUE if ESP is supported.
    pub Esp: BOOLEAN,
    /// TRUE if a packet may carry both AH and ESP.
    pub AhEspCombined: BOOLEAN,
    /// TRUE if transport mode is supported.
    pub Transport: BOOLEAN,
    /// TRUE if tunnel mode is supported.
    pub Tunnel: BOOLEAN,
    /// TRUE if transport-in-tunnel packets are supported.
    pub TransportTunnelCombined: BOOLEAN,
    /// TRUE if the LSO capabilities also hold for IPsec packets.
    pub LsoSupported: BOOLEAN,
    /// TRUE if 64-bit extended sequence numbers are supported.
    pub ExtendedSequenceNumbers: BOOLEAN,
    /// `IPSEC_OFFLOAD_V2_*UDP_ESP_ENCAPSULATION*` bits.
    pub UdpEsp: u32,
    /// `IPSEC_OFFLOAD_V2_AUTHENTICATION_*` bits.
    pub AuthenticationAlgorithms: u32,
    /// `IPSEC_OFFLOAD_V2_ENCRYPTION_*` bits.
    pub EncryptionAlgorithms: u32,
    /// Number of SA bundles the adapter can hold.
    pub SaOffloadCapacity: u32,
}

/// `NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD`: receive segment coalescing capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD {
    /// IPv4 RSC.
    pub IPv4: NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv4,
    /// IPv6 RSC.
    pub IPv6: NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv6,
}

/// IPv4 part of [`NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv4 {
    /// TRUE if enabled / supported.
    pub Enabled: BOOLEAN,
}

/// IPv6 part of [`NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv6 {
    /// TRUE if enabled / supported.
    pub Enabled: BOOLEAN,
}

/// `NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD`: offloads available inside NVGRE packets.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD {
    /// `TransmitChecksumOffloadSupported`, `ReceiveChecksumOffloadSupported`, `LsoV2Supported`,
    /// `RssSupported`, `VmqSupported`, `UsoSupported`, `Reserved` (4-bit fields).
    pub _bitfield: u32,
    /// Largest encapsulation header the adapter handles, in bytes.
    pub MaxHeaderSizeSupported: u32,
}

/// `NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2`: offloads available inside VXLAN packets.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2 {
    /// Same 4-bit fields as [`NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD`].
    pub _bitfield: u32,
    /// Largest encapsulation header the adapter handles, in bytes.
    pub MaxHeaderSizeSupported: u32,
    /// Protocol-specific data (the VXLAN UDP port).
    pub EncapsulationProtocolInfo:
        NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo,
    /// Reserved.
    pub Reserved1: u32,
    /// Reserved.
    pub Reserved2: u32,
}

/// Protocol-specific data of [`NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2`] (C: named union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo {
    /// VXLAN view.
    pub VxlanInfo: NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo_VxlanInfo,
    /// The whole 32-bit value.
    pub Value: u32,
}

/// VXLAN view of [`NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo_VxlanInfo {
    /// VXLAN UDP destination port.
    pub VxlanUDPPortNumber: u16,
    /// `VxlanUDPPortNumberConfigurable` (and reserved bits).
    pub _bitfield: u16,
}

/// `NDIS_RFC6877_464XLAT_OFFLOAD`: 464XLAT (RFC 6877) offload capability.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_RFC6877_464XLAT_OFFLOAD {
    /// Non-zero if 464XLAT offload is supported (4 bytes in the header compile).
    pub XlatOffload: u32,
    /// Reserved flags.
    pub Flags: u32,
}

/// `NDIS_UDP_SEGMENTATION_OFFLOAD`: UDP segmentation offload (USO) capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_UDP_SEGMENTATION_OFFLOAD {
    /// IPv4 USO.
    pub IPv4: NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4,
    /// IPv6 USO.
    pub IPv6: NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6,
}

/// IPv4 part of [`NDIS_UDP_SEGMENTATION_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4 {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// Largest payload the adapter segments, in bytes.
    pub MaxOffLoadSize: u32,
    /// `MinSegmentCount`, `SubMssFinalSegmentSupported`.
    pub _bitfield: u32,
}

/// IPv6 part of [`NDIS_UDP_SEGMENTATION_OFFLOAD`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6 {
    /// `NDIS_ENCAPSULATION_*` bits.
    pub Encapsulation: u32,
    /// Largest payload the adapter segments, in bytes.
    pub MaxOffLoadSize: u32,
    /// `MinSegmentCount`, `SubMssFinalSegmentSupported`.
    pub _bitfield: u32,
    /// `IpExtensionHeadersSupported`.
    pub _bitfield2: u32,
}

/// `NDIS_OFFLOAD_PARAMETERS`: payload of `OID_TCP_OFFLOAD_PARAMETERS` (the stack turning
/// offloads on or off). Every `u8` member holds an `NDIS_OFFLOAD_PARAMETERS_*` value
/// (0 = no change).
///
/// Laid out through `UdpSegmentation` (revision 5, NDIS 6.83); check `Header.Revision` /
/// `Header.Size` before reading members of later revisions.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// IPv4 header checksum.
    pub IPv4Checksum: u8,
    /// TCP over IPv4 checksum.
    pub TCPIPv4Checksum: u8,
    /// UDP over IPv4 checksum.
    pub UDPIPv4Checksum: u8,
    /// TCP over IPv6 checksum.
    pub TCPIPv6Checksum: u8,
    /// UDP over IPv6 checksum.
    pub UDPIPv6Checksum: u8,
    /// LSOv1.
    pub LsoV1: u8,
    /// IPsec v1.
    pub IPsecV1: u8,
    /// LSOv2 over IPv4.
    pub LsoV2IPv4: u8,
    /// LSOv2 over IPv6.
    pub LsoV2IPv6: u8,
    /// TCP chimney over IPv4.
    pub TcpConnectionIPv4: u8,
    /// TCP chimney over IPv6.
    pub TcpConnectionIPv6: u8,
    /// `NDIS_OFFLOAD_PARAMETERS_SKIP_REGISTRY_UPDATE` (last member of revision 1).
    pub Flags: u32,
    /// IPsec v2 for an adapter that supports IPv4 and IPv6 (revision 2).
    pub IPsecV2: u8,
    /// IPsec v2 for an IPv4-only adapter (last member of revision 2).
    pub IPsecV2IPv4: u8,
    /// RSC over IPv4 (revision 3).
    pub RscIPv4: u8,
    /// RSC over IPv6.
    pub RscIPv6: u8,
    /// Encapsulated-packet offload on/off.
    pub EncapsulatedPacketTaskOffload: u8,
    /// `NDIS_ENCAPSULATION_TYPE_*` bits (last member of revision 3).
    pub EncapsulationTypes: u8,
    /// Protocol-specific data (revision 4).
    pub EncapsulationProtocolParameters: NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters,
    /// USO on/off (revision 5).
    pub UdpSegmentation: NDIS_OFFLOAD_PARAMETERS_UdpSegmentation,
}

/// Protocol-specific data of [`NDIS_OFFLOAD_PARAMETERS`] (C: named union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters {
    /// VXLAN view.
    pub VxlanParameters: NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters_VxlanParameters,
    /// The whole 32-bit value.
    pub Value: u32,
}

/// VXLAN view of [`NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters_VxlanParameters {
    /// VXLAN UDP destination port.
    pub VxlanUDPPortNumber: u16,
}

/// USO settings of [`NDIS_OFFLOAD_PARAMETERS`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_PARAMETERS_UdpSegmentation {
    /// USO over IPv4 (`NDIS_OFFLOAD_PARAMETERS_USO_*`).
    pub IPv4: u8,
    /// USO over IPv6 (`NDIS_OFFLOAD_PARAMETERS_USO_*`).
    pub IPv6: u8,
}

/// `NDIS_OFFLOAD_ENCAPSULATION`: payload of `OID_OFFLOAD_ENCAPSULATION` (which link-layer
/// encapsulation the stack uses with offloads).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_ENCAPSULATION {
    /// `NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// IPv4 settings.
    pub IPv4: NDIS_OFFLOAD_ENCAPSULATION_IPv4,
    /// IPv6 settings.
    pub IPv6: NDIS_OFFLOAD_ENCAPSULATION_IPv6,
}

/// IPv4 settings of [`NDIS_OFFLOAD_ENCAPSULATION`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_ENCAPSULATION_IPv4 {
    /// `NDIS_OFFLOAD_SET_*`.
    pub Enabled: u32,
    /// One `NDIS_ENCAPSULATION_*` value.
    pub EncapsulationType: u32,
    /// Link header size in bytes.
    pub HeaderSize: u32,
}

/// IPv6 settings of [`NDIS_OFFLOAD_ENCAPSULATION`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OFFLOAD_ENCAPSULATION_IPv6 {
    /// `NDIS_OFFLOAD_SET_*`.
    pub Enabled: u32,
    /// One `NDIS_ENCAPSULATION_*` value.
    pub EncapsulationType: u32,
    /// Link header size in bytes.
    pub HeaderSize: u32,
}

zeroed_default!(
    NDIS_OFFLOAD,
    NDIS_TCP_IP_CHECKSUM_OFFLOAD,
    NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit,
    NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive,
    NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit,
    NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive,
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1,
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4,
    NDIS_IPSEC_OFFLOAD_V1,
    NDIS_IPSEC_OFFLOAD_V1_Supported,
    NDIS_IPSEC_OFFLOAD_V1_IPv4AH,
    NDIS_IPSEC_OFFLOAD_V1_IPv4ESP,
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2,
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv4,
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6,
    NDIS_IPSEC_OFFLOAD_V2,
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD,
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv4,
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD_IPv6,
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD,
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2,
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo,
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo_VxlanInfo,
    NDIS_RFC6877_464XLAT_OFFLOAD,
    NDIS_UDP_SEGMENTATION_OFFLOAD,
    NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4,
    NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6,
    NDIS_OFFLOAD_PARAMETERS,
    NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters,
    NDIS_OFFLOAD_PARAMETERS_EncapsulationProtocolParameters_VxlanParameters,
    NDIS_OFFLOAD_PARAMETERS_UdpSegmentation,
    NDIS_OFFLOAD_ENCAPSULATION,
    NDIS_OFFLOAD_ENCAPSULATION_IPv4,
    NDIS_OFFLOAD_ENCAPSULATION_IPv6,
);

bitfields! {
    /// Every bit-field bound in this module (checked against the oracle by the ABI test).
    OFFLOAD_BITFIELDS;
    NDIS_TCP_IP_CHECKSUM_OFFLOAD (IPv4Transmit._bitfield): u32 {
        "IPv4Transmit.IpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_IpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_IpOptionsSupported_SHIFT = 0, 2;
        "IPv4Transmit.TcpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_TcpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_TcpOptionsSupported_SHIFT = 2, 2;
        "IPv4Transmit.TcpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_TcpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_TcpChecksum_SHIFT = 4, 2;
        "IPv4Transmit.UdpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_UdpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_UdpChecksum_SHIFT = 6, 2;
        "IPv4Transmit.IpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_IpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Transmit_IpChecksum_SHIFT = 8, 2;
    }
    NDIS_TCP_IP_CHECKSUM_OFFLOAD (IPv4Receive._bitfield): u32 {
        "IPv4Receive.IpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_IpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_IpOptionsSupported_SHIFT = 0, 2;
        "IPv4Receive.TcpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_TcpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_TcpOptionsSupported_SHIFT = 2, 2;
        "IPv4Receive.TcpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_TcpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_TcpChecksum_SHIFT = 4, 2;
        "IPv4Receive.UdpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_UdpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_UdpChecksum_SHIFT = 6, 2;
        "IPv4Receive.IpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_IpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv4Receive_IpChecksum_SHIFT = 8, 2;
    }
    NDIS_TCP_IP_CHECKSUM_OFFLOAD (IPv6Transmit._bitfield): u32 {
        "IPv6Transmit.IpExtensionHeadersSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_IpExtensionHeadersSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_IpExtensionHeadersSupported_SHIFT = 0, 2;
        "IPv6Transmit.TcpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_TcpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_TcpOptionsSupported_SHIFT = 2, 2;
        "IPv6Transmit.TcpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_TcpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_TcpChecksum_SHIFT = 4, 2;
        "IPv6Transmit.UdpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_UdpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Transmit_UdpChecksum_SHIFT = 6, 2;
    }
    NDIS_TCP_IP_CHECKSUM_OFFLOAD (IPv6Receive._bitfield): u32 {
        "IPv6Receive.IpExtensionHeadersSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_IpExtensionHeadersSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_IpExtensionHeadersSupported_SHIFT = 0, 2;
        "IPv6Receive.TcpOptionsSupported" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_TcpOptionsSupported_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_TcpOptionsSupported_SHIFT = 2, 2;
        "IPv6Receive.TcpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_TcpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_TcpChecksum_SHIFT = 4, 2;
        "IPv6Receive.UdpChecksum" => NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_UdpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_OFFLOAD_IPv6Receive_UdpChecksum_SHIFT = 6, 2;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1 (IPv4._bitfield): u32 {
        "IPv4.TcpOptions" => NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4_TcpOptions_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4_TcpOptions_SHIFT = 0, 2;
        "IPv4.IpOptions" => NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4_IpOptions_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_V1_IPv4_IpOptions_SHIFT = 2, 2;
    }
    NDIS_IPSEC_OFFLOAD_V1 (IPv4AH._bitfield): u32 {
        "IPv4AH.Md5" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Md5_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Md5_SHIFT = 0, 2;
        "IPv4AH.Sha_1" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Sha_1_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Sha_1_SHIFT = 2, 2;
        "IPv4AH.Transport" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Transport_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Transport_SHIFT = 4, 2;
        "IPv4AH.Tunnel" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Tunnel_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Tunnel_SHIFT = 6, 2;
        "IPv4AH.Send" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Send_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Send_SHIFT = 8, 2;
        "IPv4AH.Receive" => NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Receive_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4AH_Receive_SHIFT = 10, 2;
    }
    NDIS_IPSEC_OFFLOAD_V1 (IPv4ESP._bitfield): u32 {
        "IPv4ESP.Des" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Des_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Des_SHIFT = 0, 2;
        "IPv4ESP.TripleDes" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_TripleDes_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_TripleDes_SHIFT = 4, 2;
        "IPv4ESP.NullEsp" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_NullEsp_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_NullEsp_SHIFT = 6, 2;
        "IPv4ESP.Transport" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Transport_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Transport_SHIFT = 8, 2;
        "IPv4ESP.Tunnel" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Tunnel_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Tunnel_SHIFT = 10, 2;
        "IPv4ESP.Send" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Send_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Send_SHIFT = 12, 2;
        "IPv4ESP.Receive" => NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Receive_MASK,
            NDIS_IPSEC_OFFLOAD_V1_IPv4ESP_Receive_SHIFT = 14, 2;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2 (IPv6._bitfield): u32 {
        "IPv6.IpExtensionHeadersSupported" => NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6_IpExtensionHeadersSupported_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6_IpExtensionHeadersSupported_SHIFT = 0, 2;
        "IPv6.TcpOptionsSupported" => NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6_TcpOptionsSupported_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_V2_IPv6_TcpOptionsSupported_SHIFT = 2, 2;
    }
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD (_bitfield): u32 {
        "TransmitChecksumOffloadSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_TransmitChecksumOffloadSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_TransmitChecksumOffloadSupported_SHIFT = 0, 4;
        "ReceiveChecksumOffloadSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_ReceiveChecksumOffloadSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_ReceiveChecksumOffloadSupported_SHIFT = 4, 4;
        "LsoV2Supported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_LsoV2Supported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_LsoV2Supported_SHIFT = 8, 4;
        "RssSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_RssSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_RssSupported_SHIFT = 12, 4;
        "VmqSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_VmqSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_VmqSupported_SHIFT = 16, 4;
        "UsoSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_UsoSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_UsoSupported_SHIFT = 20, 4;
        "Reserved" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_Reserved_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_Reserved_SHIFT = 24, 8;
    }
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2 (_bitfield): u32 {
        "TransmitChecksumOffloadSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_TransmitChecksumOffloadSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_TransmitChecksumOffloadSupported_SHIFT = 0, 4;
        "ReceiveChecksumOffloadSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_ReceiveChecksumOffloadSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_ReceiveChecksumOffloadSupported_SHIFT = 4, 4;
        "LsoV2Supported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_LsoV2Supported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_LsoV2Supported_SHIFT = 8, 4;
        "RssSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_RssSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_RssSupported_SHIFT = 12, 4;
        "VmqSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_VmqSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_VmqSupported_SHIFT = 16, 4;
        "UsoSupported" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_UsoSupported_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_UsoSupported_SHIFT = 20, 4;
        "Reserved" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_Reserved_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_Reserved_SHIFT = 24, 8;
    }
    NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2 (EncapsulationProtocolInfo.VxlanInfo._bitfield): u16 {
        "EncapsulationProtocolInfo.VxlanInfo.VxlanUDPPortNumberConfigurable" => NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo_VxlanInfo_VxlanUDPPortNumberConfigurable_MASK,
            NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2_EncapsulationProtocolInfo_VxlanInfo_VxlanUDPPortNumberConfigurable_SHIFT = 0, 1;
    }
    NDIS_UDP_SEGMENTATION_OFFLOAD (IPv4._bitfield): u32 {
        "IPv4.MinSegmentCount" => NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4_MinSegmentCount_MASK,
            NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4_MinSegmentCount_SHIFT = 0, 6;
        "IPv4.SubMssFinalSegmentSupported" => NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4_SubMssFinalSegmentSupported_MASK,
            NDIS_UDP_SEGMENTATION_OFFLOAD_IPv4_SubMssFinalSegmentSupported_SHIFT = 6, 1;
    }
    NDIS_UDP_SEGMENTATION_OFFLOAD (IPv6._bitfield): u32 {
        "IPv6.MinSegmentCount" => NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_MinSegmentCount_MASK,
            NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_MinSegmentCount_SHIFT = 0, 6;
        "IPv6.SubMssFinalSegmentSupported" => NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_SubMssFinalSegmentSupported_MASK,
            NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_SubMssFinalSegmentSupported_SHIFT = 6, 1;
    }
    NDIS_UDP_SEGMENTATION_OFFLOAD (IPv6._bitfield2): u32 {
        "IPv6.IpExtensionHeadersSupported" => NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_IpExtensionHeadersSupported_MASK,
            NDIS_UDP_SEGMENTATION_OFFLOAD_IPv6_IpExtensionHeadersSupported_SHIFT = 0, 2;
    }
}
