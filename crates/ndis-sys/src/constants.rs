//! Constants of the NDIS headers that the miniport uses: NBL-info indices and the other C
//! enums, revision numbers and `NDIS_SIZEOF_*` sizes, object types, offload / IPsec values and
//! the various flag sets. Status codes are in `status.rs`, OIDs in `oids.rs`.
//!
//! Sections follow the oracle's `constant_groups`. Values are the header's; each
//! `NDIS_SIZEOF_*_REVISION_n` of a bound structure is computed from the binding
//! (`RTL_SIZEOF_THROUGH_FIELD`), so the ABI test checks it. Every group also yields a list
//! `(name, bit pattern)`; [`ALL_CONSTANTS`] collects them.
//!
//! Types: C enum values are `NDIS_ENUM` (`i32`); revisions `u8`; `NDIS_SIZEOF_*` `u16` (the
//! type of `NDIS_OBJECT_HEADER.Size`); object types `u8`; everything else the type of the
//! member that receives it (`u8` for `UCHAR` members, `u32` for `ULONG` flags).

use crate::types::*;
use crate::{
    IPSEC_OFFLOAD_V2_ADD_SA, IPSEC_OFFLOAD_V2_ADD_SA_EX, IPSEC_OFFLOAD_V2_DELETE_SA,
    IPSEC_OFFLOAD_V2_UPDATE_SA, NDIS_CONFIGURATION_OBJECT, NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD,
    NDIS_INTERRUPT_MODERATION_PARAMETERS, NDIS_LINK_STATE,
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES,
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
    NDIS_MINIPORT_INIT_PARAMETERS, NDIS_MINIPORT_PAUSE_PARAMETERS,
    NDIS_MINIPORT_RESTART_PARAMETERS, NDIS_OFFLOAD, NDIS_OFFLOAD_ENCAPSULATION,
    NDIS_OFFLOAD_PARAMETERS, NDIS_OID_REQUEST, NDIS_PM_CAPABILITIES,
    NDIS_RECEIVE_SCALE_CAPABILITIES, NDIS_STATISTICS_INFO, NDIS_STATUS_INDICATION,
    NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD, NDIS_TIMER_CHARACTERISTICS,
    NET_BUFFER_LIST_POOL_PARAMETERS, NET_BUFFER_POOL_PARAMETERS,
};

// ------------------------------------------------------------------------------------------
// enum NDIS_NET_BUFFER_LIST_INFO
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_NET_BUFFER_LIST_INFO`, as (name, bit pattern).
    NDIS_NET_BUFFER_LIST_INFO_VALUES;
    /// NBL info slot 0: checksum offload request / result (`NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO`).
    TcpIpChecksumNetBufferListInfo: NDIS_ENUM = 0;
    /// NBL info slot 0, alias: bytes moved by TCP connection offload.
    TcpOffloadBytesTransferred: NDIS_ENUM = 0;
    /// NBL info slot 1, alias: IPsec v1 per-packet info (`NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO`).
    IPsecOffloadV1NetBufferListInfo: NDIS_ENUM = 1;
    /// NBL info slot 1: IPsec v2 per-packet info (`NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO`).
    IPsecOffloadV2NetBufferListInfo: NDIS_ENUM = 1;
    /// NBL info slot 2: large send offload request / completion.
    TcpLargeSendNetBufferListInfo: NDIS_ENUM = 2;
    /// NBL info slot 2, alias: TCP receive-side "no push" hint.
    TcpReceiveNoPush: NDIS_ENUM = 2;
    /// NBL info slot 3: packet classification handle.
    ClassificationHandleNetBufferListInfo: NDIS_ENUM = 3;
    /// NBL info slot 4: 802.1Q priority / VLAN tag (`NDIS_NET_BUFFER_LIST_8021Q_INFO`).
    Ieee8021QNetBufferListInfo: NDIS_ENUM = 4;
    /// NBL info slot 5: identifier used by `MiniportCancelSend`.
    NetBufferListCancelId: NDIS_ENUM = 5;
    /// NBL info slot 6: media-specific data.
    MediaSpecificInformation: NDIS_ENUM = 6;
    /// NBL info slot 7: frame (EtherType) type.
    NetBufferListFrameType: NDIS_ENUM = 7;
    /// NBL info slot 7, alias: protocol identifier.
    NetBufferListProtocolId: NDIS_ENUM = 7;
    /// NBL info slot 8: RSS hash value.
    NetBufferListHashValue: NDIS_ENUM = 8;
    /// NBL info slot 9: RSS hash type and function.
    NetBufferListHashInfo: NDIS_ENUM = 9;
    /// NBL info slot 10: Windows Filtering Platform data.
    WfpNetBufferListInfo: NDIS_ENUM = 10;
    /// NBL info slot 11: IPsec v2 tunnel SA handle (`NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO`).
    IPsecOffloadV2TunnelNetBufferListInfo: NDIS_ENUM = 11;
    /// NBL info slot 12: IPsec v2 header offsets / ESP trailer data (`NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`).
    IPsecOffloadV2HeaderNetBufferListInfo: NDIS_ENUM = 12;
    /// NBL info slot 13: correlation identifier for tracing.
    NetBufferListCorrelationId: NDIS_ENUM = 13;
    /// NBL info slot 14: VMQ / receive filter information.
    NetBufferListFilteringInfo: NDIS_ENUM = 14;
    /// NBL info slot 15: extended media-specific data.
    MediaSpecificInformationEx: NDIS_ENUM = 15;
    /// NBL info slot 16: interface index the packet originally arrived on.
    NblOriginalInterfaceIfIndex: NDIS_ENUM = 16;
    /// NBL info slot 16, alias: WFP re-authorization flow context.
    NblReAuthWfpFlowContext: NDIS_ENUM = 16;
    /// NBL info slot 17: bytes received through TCP offload.
    TcpReceiveBytesTransferred: NDIS_ENUM = 17;
    /// NBL info slot 17, alias: name-resolution identifier.
    NrtNameResolutionId: NDIS_ENUM = 17;
    /// NBL info slot 17, alias: UDP receive segment coalescing (URO) info.
    UdpRecvSegCoalesceOffloadInfo: NDIS_ENUM = 17;
    /// NBL info slot 18: reserved for the Hyper-V extensible switch.
    SwitchForwardingReserved: NDIS_ENUM = 18;
    /// NBL info slot 19: Hyper-V extensible switch forwarding detail.
    SwitchForwardingDetail: NDIS_ENUM = 19;
    /// NBL info slot 20: virtual subnet (network virtualization) identifier.
    VirtualSubnetInfo: NDIS_ENUM = 20;
    /// NBL info slot 21: reserved for intermediate drivers.
    IMReserved: NDIS_ENUM = 21;
    /// NBL info slot 22: TCP receive segment coalescing (RSC) info.
    TcpRecvSegCoalesceInfo: NDIS_ENUM = 22;
    /// NBL info slot 22, alias: UDP segmentation offload request.
    UdpSegmentationOffloadInfo: NDIS_ENUM = 22;
    /// NBL info slot 23: RSC TCP timestamp delta.
    RscTcpTimestampDelta: NDIS_ENUM = 23;
    /// NBL info slot 23, alias: supplemental TCP send-offload info.
    TcpSendOffloadsSupplementalNetBufferListInfo: NDIS_ENUM = 23;
    /// NBL info slot 24: generic flow table offload information.
    GftOffloadInformation: NDIS_ENUM = 24;
    /// NBL info slot 25: generic flow table flow entry identifier.
    GftFlowEntryId: NDIS_ENUM = 25;
    /// NBL info slot 26: reserved.
    NetBufferListInfoReserved3: NDIS_ENUM = 26;
    /// Number of `NetBufferListInfo` slots in the NDIS 6.80+ headers (27; 24 for NDIS 6.30).
    MaxNetBufferListInfo: NDIS_ENUM = 27;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_REQUEST_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_REQUEST_TYPE`, as (name, bit pattern).
    NDIS_REQUEST_TYPE_VALUES;
    /// `NDIS_REQUEST_TYPE`: query information.
    NdisRequestQueryInformation: NDIS_ENUM = 0;
    /// `NDIS_REQUEST_TYPE`: set information.
    NdisRequestSetInformation: NDIS_ENUM = 1;
    /// `NDIS_REQUEST_TYPE`: query statistics.
    NdisRequestQueryStatistics: NDIS_ENUM = 2;
    /// `NDIS_REQUEST_TYPE`: open.
    NdisRequestOpen: NDIS_ENUM = 3;
    /// `NDIS_REQUEST_TYPE`: close.
    NdisRequestClose: NDIS_ENUM = 4;
    /// `NDIS_REQUEST_TYPE`: send.
    NdisRequestSend: NDIS_ENUM = 5;
    /// `NDIS_REQUEST_TYPE`: transfer data.
    NdisRequestTransferData: NDIS_ENUM = 6;
    /// `NDIS_REQUEST_TYPE`: reset.
    NdisRequestReset: NDIS_ENUM = 7;
    /// `NDIS_REQUEST_TYPE`: generic1.
    NdisRequestGeneric1: NDIS_ENUM = 8;
    /// `NDIS_REQUEST_TYPE`: generic2.
    NdisRequestGeneric2: NDIS_ENUM = 9;
    /// `NDIS_REQUEST_TYPE`: generic3.
    NdisRequestGeneric3: NDIS_ENUM = 10;
    /// `NDIS_REQUEST_TYPE`: generic4.
    NdisRequestGeneric4: NDIS_ENUM = 11;
    /// `NDIS_REQUEST_TYPE`: method.
    NdisRequestMethod: NDIS_ENUM = 12;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_PARAMETER_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_PARAMETER_TYPE`, as (name, bit pattern).
    NDIS_PARAMETER_TYPE_VALUES;
    /// `NDIS_PARAMETER_TYPE`: integer.
    NdisParameterInteger: NDIS_ENUM = 0;
    /// `NDIS_PARAMETER_TYPE`: hex integer.
    NdisParameterHexInteger: NDIS_ENUM = 1;
    /// `NDIS_PARAMETER_TYPE`: string.
    NdisParameterString: NDIS_ENUM = 2;
    /// `NDIS_PARAMETER_TYPE`: multi string.
    NdisParameterMultiString: NDIS_ENUM = 3;
    /// `NDIS_PARAMETER_TYPE`: binary.
    NdisParameterBinary: NDIS_ENUM = 4;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_MEDIUM
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_MEDIUM`, as (name, bit pattern).
    NDIS_MEDIUM_VALUES;
    /// `NDIS_MEDIUM`: 802.3.
    NdisMedium802_3: NDIS_ENUM = 0;
    /// `NDIS_MEDIUM`: 802.5.
    NdisMedium802_5: NDIS_ENUM = 1;
    /// `NDIS_MEDIUM`: fddi.
    NdisMediumFddi: NDIS_ENUM = 2;
    /// `NDIS_MEDIUM`: wan.
    NdisMediumWan: NDIS_ENUM = 3;
    /// `NDIS_MEDIUM`: local talk.
    NdisMediumLocalTalk: NDIS_ENUM = 4;
    /// `NDIS_MEDIUM`: dix.
    NdisMediumDix: NDIS_ENUM = 5;
    /// `NDIS_MEDIUM`: arcnet raw.
    NdisMediumArcnetRaw: NDIS_ENUM = 6;
    /// `NDIS_MEDIUM`: arcnet878 2.
    NdisMediumArcnet878_2: NDIS_ENUM = 7;
    /// `NDIS_MEDIUM`: atm.
    NdisMediumAtm: NDIS_ENUM = 8;
    /// `NDIS_MEDIUM`: wireless wan.
    NdisMediumWirelessWan: NDIS_ENUM = 9;
    /// `NDIS_MEDIUM`: irda.
    NdisMediumIrda: NDIS_ENUM = 10;
    /// `NDIS_MEDIUM`: bpc.
    NdisMediumBpc: NDIS_ENUM = 11;
    /// `NDIS_MEDIUM`: co wan.
    NdisMediumCoWan: NDIS_ENUM = 12;
    /// `NDIS_MEDIUM`: 1394.
    NdisMedium1394: NDIS_ENUM = 13;
    /// `NDIS_MEDIUM`: infini band.
    NdisMediumInfiniBand: NDIS_ENUM = 14;
    /// `NDIS_MEDIUM`: tunnel.
    NdisMediumTunnel: NDIS_ENUM = 15;
    /// `NDIS_MEDIUM`: native802.11.
    NdisMediumNative802_11: NDIS_ENUM = 16;
    /// `NDIS_MEDIUM`: loopback.
    NdisMediumLoopback: NDIS_ENUM = 17;
    /// `NDIS_MEDIUM`: wi max.
    NdisMediumWiMAX: NDIS_ENUM = 18;
    /// `NDIS_MEDIUM`: ip.
    NdisMediumIP: NDIS_ENUM = 19;
    /// `NDIS_MEDIUM`: max.
    NdisMediumMax: NDIS_ENUM = 20;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_PHYSICAL_MEDIUM
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_PHYSICAL_MEDIUM`, as (name, bit pattern).
    NDIS_PHYSICAL_MEDIUM_VALUES;
    /// `NDIS_PHYSICAL_MEDIUM`: unspecified.
    NdisPhysicalMediumUnspecified: NDIS_ENUM = 0;
    /// `NDIS_PHYSICAL_MEDIUM`: wireless lan.
    NdisPhysicalMediumWirelessLan: NDIS_ENUM = 1;
    /// `NDIS_PHYSICAL_MEDIUM`: cable modem.
    NdisPhysicalMediumCableModem: NDIS_ENUM = 2;
    /// `NDIS_PHYSICAL_MEDIUM`: phone line.
    NdisPhysicalMediumPhoneLine: NDIS_ENUM = 3;
    /// `NDIS_PHYSICAL_MEDIUM`: power line.
    NdisPhysicalMediumPowerLine: NDIS_ENUM = 4;
    /// `NDIS_PHYSICAL_MEDIUM`: dsl.
    NdisPhysicalMediumDSL: NDIS_ENUM = 5;
    /// `NDIS_PHYSICAL_MEDIUM`: fibre channel.
    NdisPhysicalMediumFibreChannel: NDIS_ENUM = 6;
    /// `NDIS_PHYSICAL_MEDIUM`: 1394.
    NdisPhysicalMedium1394: NDIS_ENUM = 7;
    /// `NDIS_PHYSICAL_MEDIUM`: wireless wan.
    NdisPhysicalMediumWirelessWan: NDIS_ENUM = 8;
    /// `NDIS_PHYSICAL_MEDIUM`: native802.11.
    NdisPhysicalMediumNative802_11: NDIS_ENUM = 9;
    /// `NDIS_PHYSICAL_MEDIUM`: bluetooth.
    NdisPhysicalMediumBluetooth: NDIS_ENUM = 10;
    /// `NDIS_PHYSICAL_MEDIUM`: infiniband.
    NdisPhysicalMediumInfiniband: NDIS_ENUM = 11;
    /// `NDIS_PHYSICAL_MEDIUM`: wi max.
    NdisPhysicalMediumWiMax: NDIS_ENUM = 12;
    /// `NDIS_PHYSICAL_MEDIUM`: uwb.
    NdisPhysicalMediumUWB: NDIS_ENUM = 13;
    /// `NDIS_PHYSICAL_MEDIUM`: 802.3.
    NdisPhysicalMedium802_3: NDIS_ENUM = 14;
    /// `NDIS_PHYSICAL_MEDIUM`: 802.5.
    NdisPhysicalMedium802_5: NDIS_ENUM = 15;
    /// `NDIS_PHYSICAL_MEDIUM`: irda.
    NdisPhysicalMediumIrda: NDIS_ENUM = 16;
    /// `NDIS_PHYSICAL_MEDIUM`: wired wan.
    NdisPhysicalMediumWiredWAN: NDIS_ENUM = 17;
    /// `NDIS_PHYSICAL_MEDIUM`: wired co wan.
    NdisPhysicalMediumWiredCoWan: NDIS_ENUM = 18;
    /// `NDIS_PHYSICAL_MEDIUM`: other.
    NdisPhysicalMediumOther: NDIS_ENUM = 19;
    /// `NDIS_PHYSICAL_MEDIUM`: native802.15.4.
    NdisPhysicalMediumNative802_15_4: NDIS_ENUM = 20;
    /// `NDIS_PHYSICAL_MEDIUM`: max.
    NdisPhysicalMediumMax: NDIS_ENUM = 21;
}

// ------------------------------------------------------------------------------------------
// enum NET_IF_MEDIA_CONNECT_STATE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NET_IF_MEDIA_CONNECT_STATE`, as (name, bit pattern).
    NET_IF_MEDIA_CONNECT_STATE_VALUES;
    /// `NET_IF_MEDIA_CONNECT_STATE`: unknown.
    MediaConnectStateUnknown: NDIS_ENUM = 0;
    /// `NET_IF_MEDIA_CONNECT_STATE`: connected.
    MediaConnectStateConnected: NDIS_ENUM = 1;
    /// `NET_IF_MEDIA_CONNECT_STATE`: disconnected.
    MediaConnectStateDisconnected: NDIS_ENUM = 2;
}

// ------------------------------------------------------------------------------------------
// enum NET_IF_MEDIA_DUPLEX_STATE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NET_IF_MEDIA_DUPLEX_STATE`, as (name, bit pattern).
    NET_IF_MEDIA_DUPLEX_STATE_VALUES;
    /// `NET_IF_MEDIA_DUPLEX_STATE`: unknown.
    MediaDuplexStateUnknown: NDIS_ENUM = 0;
    /// `NET_IF_MEDIA_DUPLEX_STATE`: half.
    MediaDuplexStateHalf: NDIS_ENUM = 1;
    /// `NET_IF_MEDIA_DUPLEX_STATE`: full.
    MediaDuplexStateFull: NDIS_ENUM = 2;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_INTERFACE_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_INTERFACE_TYPE`, as (name, bit pattern).
    NDIS_INTERFACE_TYPE_VALUES;
    /// `NDIS_INTERFACE_TYPE`: internal.
    NdisInterfaceInternal: NDIS_ENUM = 0;
    /// `NDIS_INTERFACE_TYPE`: isa.
    NdisInterfaceIsa: NDIS_ENUM = 1;
    /// `NDIS_INTERFACE_TYPE`: eisa.
    NdisInterfaceEisa: NDIS_ENUM = 2;
    /// `NDIS_INTERFACE_TYPE`: mca.
    NdisInterfaceMca: NDIS_ENUM = 3;
    /// `NDIS_INTERFACE_TYPE`: turbo channel.
    NdisInterfaceTurboChannel: NDIS_ENUM = 4;
    /// `NDIS_INTERFACE_TYPE`: pci.
    NdisInterfacePci: NDIS_ENUM = 5;
    /// `NDIS_INTERFACE_TYPE`: pc mcia.
    NdisInterfacePcMcia: NDIS_ENUM = 8;
    /// `NDIS_INTERFACE_TYPE`: cbus.
    NdisInterfaceCBus: NDIS_ENUM = 9;
    /// `NDIS_INTERFACE_TYPE`: mpibus.
    NdisInterfaceMPIBus: NDIS_ENUM = 10;
    /// `NDIS_INTERFACE_TYPE`: mpsabus.
    NdisInterfaceMPSABus: NDIS_ENUM = 11;
    /// `NDIS_INTERFACE_TYPE`: processor internal.
    NdisInterfaceProcessorInternal: NDIS_ENUM = 12;
    /// `NDIS_INTERFACE_TYPE`: internal power bus.
    NdisInterfaceInternalPowerBus: NDIS_ENUM = 13;
    /// `NDIS_INTERFACE_TYPE`: pnpisabus.
    NdisInterfacePNPISABus: NDIS_ENUM = 14;
    /// `NDIS_INTERFACE_TYPE`: pnpbus.
    NdisInterfacePNPBus: NDIS_ENUM = 15;
    /// `NDIS_INTERFACE_TYPE`: usb.
    NdisInterfaceUSB: NDIS_ENUM = 16;
    /// `NDIS_INTERFACE_TYPE`: irda.
    NdisInterfaceIrda: NDIS_ENUM = 17;
    /// `NDIS_INTERFACE_TYPE`: 1394.
    NdisInterface1394: NDIS_ENUM = 18;
    /// `NDIS_INTERFACE_TYPE`: maximum interface type.
    NdisMaximumInterfaceType: NDIS_ENUM = 19;
}

// ------------------------------------------------------------------------------------------
// enum IPSEC_OFFLOAD_V2_OPERATION
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum IPSEC_OFFLOAD_V2_OPERATION`, as (name, bit pattern).
    IPSEC_OFFLOAD_V2_OPERATION_VALUES;
    /// `IPSEC_OFFLOAD_V2_OPERATION`: the SA is an AH (integrity) SA.
    IPsecOffloadV2Ah: NDIS_ENUM = 1;
    /// `IPSEC_OFFLOAD_V2_OPERATION`: the SA is an ESP SA.
    IPsecOffloadV2Esp: NDIS_ENUM = 2;
    /// `IPSEC_OFFLOAD_V2_OPERATION`: upper bound, not a valid operation.
    IPsecOffloadV2Max: NDIS_ENUM = 3;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_HALT_ACTION
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_HALT_ACTION`, as (name, bit pattern).
    NDIS_HALT_ACTION_VALUES;
    /// `NDIS_HALT_ACTION`: device disabled.
    NdisHaltDeviceDisabled: NDIS_ENUM = 0;
    /// `NDIS_HALT_ACTION`: device instance de initialized.
    NdisHaltDeviceInstanceDeInitialized: NDIS_ENUM = 1;
    /// `NDIS_HALT_ACTION`: device powered down.
    NdisHaltDevicePoweredDown: NDIS_ENUM = 2;
    /// `NDIS_HALT_ACTION`: device surprise removed.
    NdisHaltDeviceSurpriseRemoved: NDIS_ENUM = 3;
    /// `NDIS_HALT_ACTION`: device failed.
    NdisHaltDeviceFailed: NDIS_ENUM = 4;
    /// `NDIS_HALT_ACTION`: device initialization failed.
    NdisHaltDeviceInitializationFailed: NDIS_ENUM = 5;
    /// `NDIS_HALT_ACTION`: device stopped.
    NdisHaltDeviceStopped: NDIS_ENUM = 6;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_SHUTDOWN_ACTION
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_SHUTDOWN_ACTION`, as (name, bit pattern).
    NDIS_SHUTDOWN_ACTION_VALUES;
    /// `NDIS_SHUTDOWN_ACTION`: power off.
    NdisShutdownPowerOff: NDIS_ENUM = 0;
    /// `NDIS_SHUTDOWN_ACTION`: bug check.
    NdisShutdownBugCheck: NDIS_ENUM = 1;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_DEVICE_PNP_EVENT
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_DEVICE_PNP_EVENT`, as (name, bit pattern).
    NDIS_DEVICE_PNP_EVENT_VALUES;
    /// `NDIS_DEVICE_PNP_EVENT`: query removed.
    NdisDevicePnPEventQueryRemoved: NDIS_ENUM = 0;
    /// `NDIS_DEVICE_PNP_EVENT`: removed.
    NdisDevicePnPEventRemoved: NDIS_ENUM = 1;
    /// `NDIS_DEVICE_PNP_EVENT`: surprise removed.
    NdisDevicePnPEventSurpriseRemoved: NDIS_ENUM = 2;
    /// `NDIS_DEVICE_PNP_EVENT`: query stopped.
    NdisDevicePnPEventQueryStopped: NDIS_ENUM = 3;
    /// `NDIS_DEVICE_PNP_EVENT`: stopped.
    NdisDevicePnPEventStopped: NDIS_ENUM = 4;
    /// `NDIS_DEVICE_PNP_EVENT`: power profile changed.
    NdisDevicePnPEventPowerProfileChanged: NDIS_ENUM = 5;
    /// `NDIS_DEVICE_PNP_EVENT`: filter list changed.
    NdisDevicePnPEventFilterListChanged: NDIS_ENUM = 6;
    /// `NDIS_DEVICE_PNP_EVENT`: maximum.
    NdisDevicePnPEventMaximum: NDIS_ENUM = 7;
}

// ------------------------------------------------------------------------------------------
// enum NET_IF_ACCESS_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NET_IF_ACCESS_TYPE`, as (name, bit pattern).
    NET_IF_ACCESS_TYPE_VALUES;
    /// `NET_IF_ACCESS_TYPE`: loopback.
    NET_IF_ACCESS_LOOPBACK: NDIS_ENUM = 1;
    /// `NET_IF_ACCESS_TYPE`: broadcast.
    NET_IF_ACCESS_BROADCAST: NDIS_ENUM = 2;
    /// `NET_IF_ACCESS_TYPE`: point to point.
    NET_IF_ACCESS_POINT_TO_POINT: NDIS_ENUM = 3;
    /// `NET_IF_ACCESS_TYPE`: point to multi point.
    NET_IF_ACCESS_POINT_TO_MULTI_POINT: NDIS_ENUM = 4;
    /// `NET_IF_ACCESS_TYPE`: maximum.
    NET_IF_ACCESS_MAXIMUM: NDIS_ENUM = 5;
}

// ------------------------------------------------------------------------------------------
// enum NET_IF_DIRECTION_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NET_IF_DIRECTION_TYPE`, as (name, bit pattern).
    NET_IF_DIRECTION_TYPE_VALUES;
    /// `NET_IF_DIRECTION_TYPE`: sendreceive.
    NET_IF_DIRECTION_SENDRECEIVE: NDIS_ENUM = 0;
    /// `NET_IF_DIRECTION_TYPE`: sendonly.
    NET_IF_DIRECTION_SENDONLY: NDIS_ENUM = 1;
    /// `NET_IF_DIRECTION_TYPE`: receiveonly.
    NET_IF_DIRECTION_RECEIVEONLY: NDIS_ENUM = 2;
    /// `NET_IF_DIRECTION_TYPE`: maximum.
    NET_IF_DIRECTION_MAXIMUM: NDIS_ENUM = 3;
}

// ------------------------------------------------------------------------------------------
// enum NET_IF_CONNECTION_TYPE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NET_IF_CONNECTION_TYPE`, as (name, bit pattern).
    NET_IF_CONNECTION_TYPE_VALUES;
    /// `NET_IF_CONNECTION_TYPE`: dedicated.
    NET_IF_CONNECTION_DEDICATED: NDIS_ENUM = 1;
    /// `NET_IF_CONNECTION_TYPE`: passive.
    NET_IF_CONNECTION_PASSIVE: NDIS_ENUM = 2;
    /// `NET_IF_CONNECTION_TYPE`: demand.
    NET_IF_CONNECTION_DEMAND: NDIS_ENUM = 3;
    /// `NET_IF_CONNECTION_TYPE`: maximum.
    NET_IF_CONNECTION_MAXIMUM: NDIS_ENUM = 4;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_SUPPORTED_PAUSE_FUNCTIONS
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_SUPPORTED_PAUSE_FUNCTIONS`, as (name, bit pattern).
    NDIS_SUPPORTED_PAUSE_FUNCTIONS_VALUES;
    /// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`: unsupported.
    NdisPauseFunctionsUnsupported: NDIS_ENUM = 0;
    /// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`: send only.
    NdisPauseFunctionsSendOnly: NDIS_ENUM = 1;
    /// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`: receive only.
    NdisPauseFunctionsReceiveOnly: NDIS_ENUM = 2;
    /// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`: send and receive.
    NdisPauseFunctionsSendAndReceive: NDIS_ENUM = 3;
    /// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`: unknown.
    NdisPauseFunctionsUnknown: NDIS_ENUM = 4;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_PORT_AUTHORIZATION_STATE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_PORT_AUTHORIZATION_STATE`, as (name, bit pattern).
    NDIS_PORT_AUTHORIZATION_STATE_VALUES;
    /// `NDIS_PORT_AUTHORIZATION_STATE`: authorization unknown.
    NdisPortAuthorizationUnknown: NDIS_ENUM = 0;
    /// `NDIS_PORT_AUTHORIZATION_STATE`: authorized.
    NdisPortAuthorized: NDIS_ENUM = 1;
    /// `NDIS_PORT_AUTHORIZATION_STATE`: unauthorized.
    NdisPortUnauthorized: NDIS_ENUM = 2;
    /// `NDIS_PORT_AUTHORIZATION_STATE`: reauthorizing.
    NdisPortReauthorizing: NDIS_ENUM = 3;
}

// ------------------------------------------------------------------------------------------
// enum NDIS_PORT_CONTROL_STATE
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `enum NDIS_PORT_CONTROL_STATE`, as (name, bit pattern).
    NDIS_PORT_CONTROL_STATE_VALUES;
    /// `NDIS_PORT_CONTROL_STATE`: unknown.
    NdisPortControlStateUnknown: NDIS_ENUM = 0;
    /// `NDIS_PORT_CONTROL_STATE`: controlled.
    NdisPortControlStateControlled: NDIS_ENUM = 1;
    /// `NDIS_PORT_CONTROL_STATE`: uncontrolled.
    NdisPortControlStateUncontrolled: NDIS_ENUM = 2;
}

// ------------------------------------------------------------------------------------------
// Revision numbers and NDIS_SIZEOF_* sizes (RTL_SIZEOF_THROUGH_FIELD)
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `revision and size constants (NDIS_SIZEOF_* = RTL_SIZEOF_THROUGH_FIELD)`, as (name, bit pattern).
    REVISION_AND_SIZE_CONSTANTS;
    /// `Header.Revision` value 1 of `NDIS_CONFIGURATION_OBJECT`.
    NDIS_CONFIGURATION_OBJECT_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_CONFIGURATION_OBJECT` revision 1: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1: u16 = sizeof_through!(NDIS_CONFIGURATION_OBJECT, Flags);
    /// `Header.Revision` value 1 of `NDIS_STATUS_INDICATION`.
    NDIS_STATUS_INDICATION_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_STATUS_INDICATION` revision 1: bytes through `NdisReserved` (computed from the binding).
    NDIS_SIZEOF_STATUS_INDICATION_REVISION_1: u16 = sizeof_through!(NDIS_STATUS_INDICATION, NdisReserved);
    /// `Header.Revision` value 1 of `NDIS_TIMER_CHARACTERISTICS`.
    NDIS_TIMER_CHARACTERISTICS_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_TIMER_CHARACTERISTICS` revision 1: bytes through `FunctionContext` (computed from the binding).
    NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1: u16 = sizeof_through!(NDIS_TIMER_CHARACTERISTICS, FunctionContext);
    /// `Header.Revision` value 1 of `NDIS_SWITCH_NIC_STATUS_INDICATION` (structure not bound).
    NDIS_SWITCH_NIC_STATUS_INDICATION_REVISION_1: u8 = 1;
    /// `Header.Revision` value 1 of `IPSEC_OFFLOAD_V2_ADD_SA`.
    NDIS_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1: u8 = 1;
    /// `Header.Size` of `IPSEC_OFFLOAD_V2_ADD_SA` revision 1: bytes through `KeyData` (computed from the binding).
    NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1: u16 = sizeof_through!(IPSEC_OFFLOAD_V2_ADD_SA, KeyData);
    /// `Header.Revision` value 1 of `IPSEC_OFFLOAD_V2_ADD_SA_EX`.
    NDIS_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1: u8 = 1;
    /// `Header.Size` of `IPSEC_OFFLOAD_V2_ADD_SA_EX` revision 1: bytes through `VlanId` (computed from the binding).
    NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1: u16 = sizeof_through!(IPSEC_OFFLOAD_V2_ADD_SA_EX, VlanId);
    /// `Header.Revision` value 1 of `IPSEC_OFFLOAD_V2_DELETE_SA`.
    NDIS_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1: u8 = 1;
    /// `Header.Size` of `IPSEC_OFFLOAD_V2_DELETE_SA` revision 1: bytes through `OffloadHandle` (computed from the binding).
    NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1: u16 = sizeof_through!(IPSEC_OFFLOAD_V2_DELETE_SA, OffloadHandle);
    /// `Header.Revision` value 1 of `IPSEC_OFFLOAD_V2_UPDATE_SA`.
    NDIS_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1: u8 = 1;
    /// `Header.Size` of `IPSEC_OFFLOAD_V2_UPDATE_SA` revision 1: bytes through `SequenceNumberHighOrder` (computed from the binding).
    NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1: u16 = sizeof_through!(IPSEC_OFFLOAD_V2_UPDATE_SA, SequenceNumberHighOrder);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_INIT_PARAMETERS`.
    NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_MINIPORT_INIT_PARAMETERS` revision 1: bytes through `PciDeviceCustomProperties` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_INIT_PARAMETERS, PciDeviceCustomProperties);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_RESTART_PARAMETERS`.
    NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_MINIPORT_RESTART_PARAMETERS` revision 1: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_RESTART_PARAMETERS_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_RESTART_PARAMETERS, Flags);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES`.
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES`.
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2: u8 = 2;
    /// `Header.Size` of `NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES` revision 1: bytes through `InterfaceType` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType);
    /// `Header.Size` of `NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES` revision 2: bytes through `InterfaceType` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2: u16 = sizeof_through!(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES`.
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES`.
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2: u8 = 2;
    /// `Header.Size` of `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES` revision 1: bytes through `AutoNegotiationFlags` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags);
    /// `Header.Size` of `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES` revision 2: bytes through `PowerManagementCapabilitiesEx` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2: u16 = sizeof_through!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, PowerManagementCapabilitiesEx);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES`.
    NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES` revision 1: bytes through `TcpConnectionOffloadHardwareCapabilities` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, TcpConnectionOffloadHardwareCapabilities);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_PAUSE_PARAMETERS`.
    NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_MINIPORT_PAUSE_PARAMETERS` revision 1: bytes through `PauseReason` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_PAUSE_PARAMETERS_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_PAUSE_PARAMETERS, PauseReason);
    /// `Header.Revision` value 1 of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS`.
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS`.
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2: u8 = 2;
    /// `Header.Revision` value 3 of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS`.
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3: u8 = 3;
    /// `Header.Size` of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS` revision 1: bytes through `CancelOidRequestHandler` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1: u16 = sizeof_through!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler);
    /// `Header.Size` of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS` revision 2: bytes through `CancelDirectOidRequestHandler` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2: u16 = sizeof_through!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler);
    /// `Header.Size` of `NDIS_MINIPORT_DRIVER_CHARACTERISTICS` revision 3: bytes through `SynchronousOidRequestHandler` (computed from the binding).
    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3: u16 = sizeof_through!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SynchronousOidRequestHandler);
    /// `Header.Revision` value 1 of `NDIS_STATISTICS_INFO`.
    NDIS_STATISTICS_INFO_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_STATISTICS_INFO` revision 1: bytes through `ifHCOutBroadcastOctets` (computed from the binding).
    NDIS_SIZEOF_STATISTICS_INFO_REVISION_1: u16 = sizeof_through!(NDIS_STATISTICS_INFO, ifHCOutBroadcastOctets);
    /// `Header.Revision` value 1 of `NDIS_INTERRUPT_MODERATION_PARAMETERS`.
    NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_INTERRUPT_MODERATION_PARAMETERS` revision 1: bytes through `InterruptModeration` (computed from the binding).
    NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1: u16 = sizeof_through!(NDIS_INTERRUPT_MODERATION_PARAMETERS, InterruptModeration);
    /// `Header.Revision` value 1 of `NDIS_LINK_STATE`.
    NDIS_LINK_STATE_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_LINK_STATE` revision 1: bytes through `AutoNegotiationFlags` (computed from the binding).
    NDIS_SIZEOF_LINK_STATE_REVISION_1: u16 = sizeof_through!(NDIS_LINK_STATE, AutoNegotiationFlags);
    /// `Header.Revision` value 1 of `NDIS_OFFLOAD_PARAMETERS`.
    NDIS_OFFLOAD_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_OFFLOAD_PARAMETERS`.
    NDIS_OFFLOAD_PARAMETERS_REVISION_2: u8 = 2;
    /// `Header.Revision` value 3 of `NDIS_OFFLOAD_PARAMETERS`.
    NDIS_OFFLOAD_PARAMETERS_REVISION_3: u8 = 3;
    /// `Header.Revision` value 4 of `NDIS_OFFLOAD_PARAMETERS`.
    NDIS_OFFLOAD_PARAMETERS_REVISION_4: u8 = 4;
    /// `Header.Revision` value 5 of `NDIS_OFFLOAD_PARAMETERS`.
    NDIS_OFFLOAD_PARAMETERS_REVISION_5: u8 = 5;
    /// `Header.Size` of `NDIS_OFFLOAD_PARAMETERS` revision 1: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1: u16 = sizeof_through!(NDIS_OFFLOAD_PARAMETERS, Flags);
    /// `Header.Size` of `NDIS_OFFLOAD_PARAMETERS` revision 2: bytes through `IPsecV2IPv4` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_2: u16 = sizeof_through!(NDIS_OFFLOAD_PARAMETERS, IPsecV2IPv4);
    /// `Header.Size` of `NDIS_OFFLOAD_PARAMETERS` revision 3: bytes through `EncapsulationTypes` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3: u16 = sizeof_through!(NDIS_OFFLOAD_PARAMETERS, EncapsulationTypes);
    /// `Header.Size` of `NDIS_OFFLOAD_PARAMETERS` revision 4: bytes through `EncapsulationProtocolParameters` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_4: u16 = sizeof_through!(NDIS_OFFLOAD_PARAMETERS, EncapsulationProtocolParameters);
    /// `Header.Size` of `NDIS_OFFLOAD_PARAMETERS` revision 5: bytes through `UdpSegmentation` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_5: u16 = sizeof_through!(NDIS_OFFLOAD_PARAMETERS, UdpSegmentation);
    /// `Header.Revision` value 1 of `NDIS_TCP_RECV_SEG_COALESC_OFFLOAD` (structure not bound).
    NDIS_TCP_RECV_SEG_COALESC_OFFLOAD_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD` revision 1: bytes through `IPv6.Enabled` (computed from the binding).
    NDIS_SIZEOF_TCP_RECV_SEG_COALESC_OFFLOAD_REVISION_1: u16 = sizeof_through!(NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD, IPv6.Enabled);
    /// `Header.Size` of `NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD` revision 1: bytes through `MaxHeaderSizeSupported` (computed from the binding).
    NDIS_SIZEOF_ENCAPSULATED_PACKET_TASK_OFFLOAD_REVISION_1: u16 = sizeof_through!(NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD, MaxHeaderSizeSupported);
    /// `Header.Revision` value 1 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_2: u8 = 2;
    /// `Header.Revision` value 3 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_3: u8 = 3;
    /// `Header.Revision` value 4 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_4: u8 = 4;
    /// `Header.Revision` value 5 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_5: u8 = 5;
    /// `Header.Revision` value 6 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_6: u8 = 6;
    /// `Header.Revision` value 7 of `NDIS_OFFLOAD`.
    NDIS_OFFLOAD_REVISION_7: u8 = 7;
    /// `Header.Size` of `NDIS_OFFLOAD` revision 1: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_1: u16 = sizeof_through!(NDIS_OFFLOAD, Flags);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 2: bytes through `IPsecV2` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_2: u16 = sizeof_through!(NDIS_OFFLOAD, IPsecV2);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 3: bytes through `EncapsulatedPacketTaskOffloadGre` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3: u16 = sizeof_through!(NDIS_OFFLOAD, EncapsulatedPacketTaskOffloadGre);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 4: bytes through `EncapsulationTypes` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_4: u16 = sizeof_through!(NDIS_OFFLOAD, EncapsulationTypes);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 5: bytes through `Rfc6877Xlat` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_5: u16 = sizeof_through!(NDIS_OFFLOAD, Rfc6877Xlat);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 6: bytes through `UdpSegmentation` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6: u16 = sizeof_through!(NDIS_OFFLOAD, UdpSegmentation);
    /// `Header.Size` of `NDIS_OFFLOAD` revision 7: bytes through `UdpSegmentation` (computed from the binding).
    NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_7: u16 = sizeof_through!(NDIS_OFFLOAD, UdpSegmentation);
    /// `Header.Revision` value 1 of `NDIS_PM_CAPABILITIES`.
    NDIS_PM_CAPABILITIES_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_PM_CAPABILITIES`.
    NDIS_PM_CAPABILITIES_REVISION_2: u8 = 2;
    /// `Header.Size` of `NDIS_PM_CAPABILITIES` revision 1: bytes through `MinLinkChangeWakeUp` (computed from the binding).
    NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1: u16 = sizeof_through!(NDIS_PM_CAPABILITIES, MinLinkChangeWakeUp);
    /// `Header.Size` of `NDIS_PM_CAPABILITIES` revision 2: bytes through `MediaSpecificWakeUpEvents` (computed from the binding).
    NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2: u16 = sizeof_through!(NDIS_PM_CAPABILITIES, MediaSpecificWakeUpEvents);
    /// `Header.Revision` value 1 of `NDIS_RECEIVE_SCALE_CAPABILITIES`.
    NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_RECEIVE_SCALE_CAPABILITIES`.
    NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_2: u8 = 2;
    /// `Header.Revision` value 3 of `NDIS_RECEIVE_SCALE_CAPABILITIES`.
    NDIS_RECEIVE_SCALE_CAPABILITIES_REVISION_3: u8 = 3;
    /// `Header.Size` of `NDIS_RECEIVE_SCALE_CAPABILITIES` revision 1: bytes through `NumberOfReceiveQueues` (computed from the binding).
    NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_1: u16 = sizeof_through!(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfReceiveQueues);
    /// `Header.Size` of `NDIS_RECEIVE_SCALE_CAPABILITIES` revision 2: bytes through `NumberOfIndirectionTableEntries` (computed from the binding).
    NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_2: u16 = sizeof_through!(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfIndirectionTableEntries);
    /// `Header.Size` of `NDIS_RECEIVE_SCALE_CAPABILITIES` revision 3: bytes through `NumberOfIndirectionTableEntries` (computed from the binding).
    NDIS_SIZEOF_RECEIVE_SCALE_CAPABILITIES_REVISION_3: u16 = sizeof_through!(NDIS_RECEIVE_SCALE_CAPABILITIES, NumberOfIndirectionTableEntries);
    /// `Header.Revision` value 1 of `NDIS_NDK_STATISTICS_INFO` (structure not bound).
    NDIS_NDK_STATISTICS_INFO_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDK_STATISTICS_INFO` revision 1 (structure not bound).
    NDIS_SIZEOF_NDK_STATISTICS_INFO_REVISION_1: u16 = 248;
    /// `Header.Revision` value 1 of `NDIS_SWITCH_NIC_OID_REQUEST` (structure not bound).
    NDIS_SWITCH_NIC_OID_REQUEST_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_SWITCH_NIC_OID_REQUEST` revision 1 (structure not bound).
    NDIS_SIZEOF_NDIS_SWITCH_NIC_OID_REQUEST_REVISION_1: u16 = 32;
    /// `Header.Revision` value 1 of `NET_BUFFER_LIST_POOL_PARAMETERS`.
    NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NET_BUFFER_LIST_POOL_PARAMETERS`.
    NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2: u8 = 2;
    /// `Header.Size` of `NET_BUFFER_LIST_POOL_PARAMETERS` revision 1: bytes through `DataSize` (computed from the binding).
    NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1: u16 = sizeof_through!(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize);
    /// `Header.Size` of `NET_BUFFER_LIST_POOL_PARAMETERS` revision 2: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2: u16 = sizeof_through!(NET_BUFFER_LIST_POOL_PARAMETERS, Flags);
    /// `Header.Revision` value 1 of `NET_BUFFER_POOL_PARAMETERS`.
    NET_BUFFER_POOL_PARAMETERS_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NET_BUFFER_POOL_PARAMETERS`.
    NET_BUFFER_POOL_PARAMETERS_REVISION_2: u8 = 2;
    /// `Header.Size` of `NET_BUFFER_POOL_PARAMETERS` revision 1: bytes through `DataSize` (computed from the binding).
    NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1: u16 = sizeof_through!(NET_BUFFER_POOL_PARAMETERS, DataSize);
    /// `Header.Size` of `NET_BUFFER_POOL_PARAMETERS` revision 2: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2: u16 = sizeof_through!(NET_BUFFER_POOL_PARAMETERS, Flags);
    /// `Header.Revision` value 1 of `NDIS_OFFLOAD_ENCAPSULATION`.
    NDIS_OFFLOAD_ENCAPSULATION_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_OFFLOAD_ENCAPSULATION` revision 1: bytes through `IPv6.HeaderSize` (computed from the binding).
    NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1: u16 = sizeof_through!(NDIS_OFFLOAD_ENCAPSULATION, IPv6.HeaderSize);
    /// `Header.Revision` value 1 of `NDIS_OID_REQUEST`.
    NDIS_OID_REQUEST_REVISION_1: u8 = 1;
    /// `Header.Size` of `NDIS_OID_REQUEST` revision 1: bytes through `Reserved2` (computed from the binding).
    NDIS_SIZEOF_OID_REQUEST_REVISION_1: u16 = sizeof_through!(NDIS_OID_REQUEST, Reserved2);
    /// `Header.Revision` value 2 of `NDIS_OID_REQUEST`.
    NDIS_OID_REQUEST_REVISION_2: u8 = 2;
    /// `Header.Size` of `NDIS_OID_REQUEST` revision 2: bytes through `Flags` (computed from the binding).
    NDIS_SIZEOF_OID_REQUEST_REVISION_2: u16 = sizeof_through!(NDIS_OID_REQUEST, Flags);
}

// ------------------------------------------------------------------------------------------
// NDIS_OBJECT_TYPE_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_OBJECT_TYPE_`, as (name, bit pattern).
    NDIS_OBJECT_TYPE_CONSTANTS;
    /// `Header.Revision` value 1 of `NDIS_OBJECT_TYPE_DRIVER_WRAPPER` (structure not bound).
    NDIS_OBJECT_TYPE_DRIVER_WRAPPER_REVISION_1: u8 = 1;
    /// `NDIS_OBJECT_HEADER.Type` of default.
    NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;
    /// `NDIS_OBJECT_HEADER.Type` of miniport init parameters.
    NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS: u8 = 0x81;
    /// `NDIS_OBJECT_HEADER.Type` of sg dma description.
    NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION: u8 = 0x83;
    /// `NDIS_OBJECT_HEADER.Type` of miniport interrupt.
    NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT: u8 = 0x84;
    /// `NDIS_OBJECT_HEADER.Type` of device object attributes.
    NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES: u8 = 0x85;
    /// `NDIS_OBJECT_HEADER.Type` of bind parameters.
    NDIS_OBJECT_TYPE_BIND_PARAMETERS: u8 = 0x86;
    /// `NDIS_OBJECT_HEADER.Type` of open parameters.
    NDIS_OBJECT_TYPE_OPEN_PARAMETERS: u8 = 0x87;
    /// `NDIS_OBJECT_HEADER.Type` of rss capabilities.
    NDIS_OBJECT_TYPE_RSS_CAPABILITIES: u8 = 0x88;
    /// `NDIS_OBJECT_HEADER.Type` of rss parameters.
    NDIS_OBJECT_TYPE_RSS_PARAMETERS: u8 = 0x89;
    /// `NDIS_OBJECT_HEADER.Type` of miniport driver characteristics.
    NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS: u8 = 0x8A;
    /// `NDIS_OBJECT_HEADER.Type` of filter driver characteristics.
    NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS: u8 = 0x8B;
    /// `NDIS_OBJECT_HEADER.Type` of filter partial characteristics.
    NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS: u8 = 0x8C;
    /// `NDIS_OBJECT_HEADER.Type` of filter attributes.
    NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES: u8 = 0x8D;
    /// `NDIS_OBJECT_HEADER.Type` of client chimney offload generic characteristics.
    NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS: u8 = 0x8E;
    /// `NDIS_OBJECT_HEADER.Type` of provider chimney offload generic characteristics.
    NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS: u8 = 0x8F;
    /// `NDIS_OBJECT_HEADER.Type` of co protocol characteristics.
    NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS: u8 = 0x90;
    /// `NDIS_OBJECT_HEADER.Type` of co miniport characteristics.
    NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS: u8 = 0x91;
    /// `NDIS_OBJECT_HEADER.Type` of miniport pnp characteristics.
    NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS: u8 = 0x92;
    /// `NDIS_OBJECT_HEADER.Type` of client chimney offload characteristics.
    NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS: u8 = 0x93;
    /// `NDIS_OBJECT_HEADER.Type` of provider chimney offload characteristics.
    NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS: u8 = 0x94;
    /// `NDIS_OBJECT_HEADER.Type` of protocol driver characteristics.
    NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS: u8 = 0x95;
    /// `NDIS_OBJECT_HEADER.Type` of request ex.
    NDIS_OBJECT_TYPE_REQUEST_EX: u8 = 0x96;
    /// `NDIS_OBJECT_HEADER.Type` of timer characteristics.
    NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS: u8 = 0x97;
    /// `NDIS_OBJECT_HEADER.Type` of status indication.
    NDIS_OBJECT_TYPE_STATUS_INDICATION: u8 = 0x98;
    /// `NDIS_OBJECT_HEADER.Type` of filter attach parameters.
    NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS: u8 = 0x99;
    /// `NDIS_OBJECT_HEADER.Type` of filter pause parameters.
    NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS: u8 = 0x9A;
    /// `NDIS_OBJECT_HEADER.Type` of filter restart parameters.
    NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS: u8 = 0x9B;
    /// `NDIS_OBJECT_HEADER.Type` of port characteristics.
    NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS: u8 = 0x9C;
    /// `NDIS_OBJECT_HEADER.Type` of port state.
    NDIS_OBJECT_TYPE_PORT_STATE: u8 = 0x9D;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter registration attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES: u8 = 0x9E;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter general attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES: u8 = 0x9F;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter offload attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES: u8 = 0xA0;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter native 802 11 attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NATIVE_802_11_ATTRIBUTES: u8 = 0xA1;
    /// `NDIS_OBJECT_HEADER.Type` of restart general attributes.
    NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES: u8 = 0xA2;
    /// `NDIS_OBJECT_HEADER.Type` of protocol restart parameters.
    NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS: u8 = 0xA3;
    /// `NDIS_OBJECT_HEADER.Type` of miniport add device registration attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES: u8 = 0xA4;
    /// `NDIS_OBJECT_HEADER.Type` of co call manager optional handlers.
    NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS: u8 = 0xA5;
    /// `NDIS_OBJECT_HEADER.Type` of co client optional handlers.
    NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS: u8 = 0xA6;
    /// `NDIS_OBJECT_HEADER.Type` of offload.
    NDIS_OBJECT_TYPE_OFFLOAD: u8 = 0xA7;
    /// `NDIS_OBJECT_HEADER.Type` of offload encapsulation.
    NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION: u8 = 0xA8;
    /// `NDIS_OBJECT_HEADER.Type` of configuration object.
    NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT: u8 = 0xA9;
    /// `NDIS_OBJECT_HEADER.Type` of driver wrapper object.
    NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT: u8 = 0xAA;
    /// `NDIS_OBJECT_HEADER.Type` of hd split attributes.
    NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES: u8 = 0xAB;
    /// `NDIS_OBJECT_HEADER.Type` of nsi network rw struct.
    NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT: u8 = 0xAC;
    /// `NDIS_OBJECT_HEADER.Type` of nsi compartment rw struct.
    NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT: u8 = 0xAD;
    /// `NDIS_OBJECT_HEADER.Type` of nsi interface persist rw struct.
    NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT: u8 = 0xAE;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter hardware assist attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES: u8 = 0xAF;
    /// `NDIS_OBJECT_HEADER.Type` of shared memory provider characteristics.
    NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS: u8 = 0xB0;
    /// `NDIS_OBJECT_HEADER.Type` of rss processor info.
    NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO: u8 = 0xB1;
    /// `NDIS_OBJECT_HEADER.Type` of ndk provider characteristics.
    NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS: u8 = 0xB2;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter ndk attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES: u8 = 0xB3;
    /// `NDIS_OBJECT_HEADER.Type` of miniport ss characteristics.
    NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS: u8 = 0xB4;
    /// `NDIS_OBJECT_HEADER.Type` of qos capabilities.
    NDIS_OBJECT_TYPE_QOS_CAPABILITIES: u8 = 0xB5;
    /// `NDIS_OBJECT_HEADER.Type` of qos parameters.
    NDIS_OBJECT_TYPE_QOS_PARAMETERS: u8 = 0xB6;
    /// `NDIS_OBJECT_HEADER.Type` of qos classification element.
    NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT: u8 = 0xB7;
    /// `NDIS_OBJECT_HEADER.Type` of switch optional handlers.
    NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS: u8 = 0xB8;
    /// `NDIS_OBJECT_HEADER.Type` of pd transmit queue.
    NDIS_OBJECT_TYPE_PD_TRANSMIT_QUEUE: u8 = 0xBE;
    /// `NDIS_OBJECT_HEADER.Type` of pd receive queue.
    NDIS_OBJECT_TYPE_PD_RECEIVE_QUEUE: u8 = 0xBF;
    /// `NDIS_OBJECT_HEADER.Type` of miniport adapter packet direct attributes.
    NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_PACKET_DIRECT_ATTRIBUTES: u8 = 0xC5;
    /// `NDIS_OBJECT_HEADER.Type` of miniport device power notification.
    NDIS_OBJECT_TYPE_MINIPORT_DEVICE_POWER_NOTIFICATION: u8 = 0xC6;
    /// `NDIS_OBJECT_HEADER.Type` of rss parameters v2.
    NDIS_OBJECT_TYPE_RSS_PARAMETERS_V2: u8 = 0xC8;
    /// `NDIS_OBJECT_HEADER.Type` of rss set indirection entries.
    NDIS_OBJECT_TYPE_RSS_SET_INDIRECTION_ENTRIES: u8 = 0xC9;
    /// `Header.Revision` value 1 of `NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES` (structure not bound).
    NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES_REVISION_1: u8 = 1;
    /// `Header.Revision` value 2 of `NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES` (structure not bound).
    NDIS_OBJECT_TYPE_PCI_DEVICE_CUSTOM_PROPERTIES_REVISION_2: u8 = 2;
    /// `NDIS_OBJECT_HEADER.Type` of oid request.
    NDIS_OBJECT_TYPE_OID_REQUEST: u8 = 0x96;
}

// ------------------------------------------------------------------------------------------
// IPSEC_OFFLOAD_V2_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `IPSEC_OFFLOAD_V2_`, as (name, bit pattern).
    IPSEC_OFFLOAD_V2_CONSTANTS;
    /// Number of SAs in one ADD_SA bundle (`SecAssoc` array length).
    IPSEC_OFFLOAD_V2_MAX_EXTENSION_HEADERS: u32 = 2;
    /// UDP-ESP type: no UDP encapsulation.
    IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_NONE: u32 = 0;
    /// UDP-ESP type: transport-mode ESP inside UDP.
    IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT: u32 = 1;
    /// UDP-ESP type: tunnel layer in UDP, inner transport part neither in UDP nor ESP.
    IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TUNNEL: u32 = 2;
    /// UDP-ESP type: tunnel layer in UDP, inner transport part ESP but not in UDP.
    IPSEC_OFFLOAD_V2_TRANSPORT_OVER_UDP_ESP_ENCAPSULATION_TUNNEL: u32 = 4;
    /// UDP-ESP type: tunnel layer not in UDP, inner transport part ESP inside UDP.
    IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT_OVER_TUNNEL: u32 = 8;
    /// `SECURITY_ASSOCIATION.Flags`: the SA uses 64-bit extended sequence numbers.
    IPSEC_OFFLOAD_V2_ESN_SA: u32 = 1;
    /// `ADD_SA.Flags`: the bundle is for received packets (else sent).
    IPSEC_OFFLOAD_V2_INBOUND: u32 = 1;
    /// `ADD_SA.Flags`: the endpoints are IPv6 (else IPv4).
    IPSEC_OFFLOAD_V2_IPv6: u32 = 0x10;
    /// Integrity algorithm bit: HMAC-MD5-96.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_MD5: u32 = 1;
    /// Integrity algorithm bit: HMAC-SHA1-96.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1: u32 = 2;
    /// Integrity algorithm bit: HMAC-SHA-256-128.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256: u32 = 4;
    /// Integrity algorithm bit: AES-GMAC with a 128-bit key.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_128: u32 = 8;
    /// Integrity algorithm bit: AES-GMAC with a 192-bit key.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_192: u32 = 0x10;
    /// Integrity algorithm bit: AES-GMAC with a 256-bit key.
    IPSEC_OFFLOAD_V2_AUTHENTICATION_AES_GCM_256: u32 = 0x20;
    /// Encryption algorithm bit: ESP-NULL (integrity only).
    IPSEC_OFFLOAD_V2_ENCRYPTION_NONE: u32 = 1;
    /// Encryption algorithm bit: DES-CBC.
    IPSEC_OFFLOAD_V2_ENCRYPTION_DES_CBC: u32 = 2;
    /// Encryption algorithm bit: 3DES-CBC.
    IPSEC_OFFLOAD_V2_ENCRYPTION_3_DES_CBC: u32 = 4;
    /// Encryption algorithm bit: AES-GCM-128 combined mode.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128: u32 = 8;
    /// Encryption algorithm bit: AES-GCM-192 combined mode.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_192: u32 = 0x10;
    /// Encryption algorithm bit: AES-GCM-256 combined mode.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_256: u32 = 0x20;
    /// Encryption algorithm bit: AES-CBC-128.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128: u32 = 0x40;
    /// Encryption algorithm bit: AES-CBC-192.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_192: u32 = 0x80;
    /// Encryption algorithm bit: AES-CBC-256.
    IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_256: u32 = 0x100;
    /// `NDIS_OFFLOAD.Flags`: IPsec v2 and TCP checksum offload work on the same packet.
    IPSEC_OFFLOAD_V2_AND_TCP_CHECKSUM_COEXISTENCE: u32 = 2;
    /// `NDIS_OFFLOAD.Flags`: IPsec v2 and UDP checksum offload work on the same packet.
    IPSEC_OFFLOAD_V2_AND_UDP_CHECKSUM_COEXISTENCE: u32 = 4;
}

// ------------------------------------------------------------------------------------------
// CRYPTO_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `CRYPTO_`, as (name, bit pattern).
    CRYPTO_CONSTANTS;
    /// Receive `CryptoStatus`: processed correctly (also the value for unprocessed packets).
    CRYPTO_SUCCESS: u32 = 0;
    /// Receive `CryptoStatus`: failed for an unspecified reason.
    CRYPTO_GENERIC_ERROR: u32 = 1;
    /// Receive `CryptoStatus`: transport-layer AH ICV mismatch.
    CRYPTO_TRANSPORT_AH_AUTH_FAILED: u32 = 2;
    /// Receive `CryptoStatus`: transport-layer ESP ICV mismatch.
    CRYPTO_TRANSPORT_ESP_AUTH_FAILED: u32 = 3;
    /// Receive `CryptoStatus`: tunnel-layer AH ICV mismatch.
    CRYPTO_TUNNEL_AH_AUTH_FAILED: u32 = 4;
    /// Receive `CryptoStatus`: tunnel-layer ESP ICV mismatch.
    CRYPTO_TUNNEL_ESP_AUTH_FAILED: u32 = 5;
    /// Receive `CryptoStatus`: inconsistent lengths or malformed headers.
    CRYPTO_INVALID_PACKET_SYNTAX: u32 = 6;
    /// Receive `CryptoStatus`: the packet's IPsec protocols do not match the SA.
    CRYPTO_INVALID_PROTOCOL: u32 = 7;
}

// ------------------------------------------------------------------------------------------
// IPSEC_TPT/TUN/TPTOVERTUN_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `IPSEC_TPT/TUN/TPTOVERTUN_`, as (name, bit pattern).
    IPSEC_V1_UDPESP_CONSTANTS;
    /// IPsec v1 UDP-ESP encapsulation type: tpt udpesp encaptype ike.
    IPSEC_TPT_UDPESP_ENCAPTYPE_IKE: u32 = 1;
    /// IPsec v1 UDP-ESP encapsulation type: tun udpesp encaptype ike.
    IPSEC_TUN_UDPESP_ENCAPTYPE_IKE: u32 = 2;
    /// IPsec v1 UDP-ESP encapsulation type: tptovertun udpesp encaptype ike.
    IPSEC_TPTOVERTUN_UDPESP_ENCAPTYPE_IKE: u32 = 4;
    /// IPsec v1 UDP-ESP encapsulation type: tpt udpesp over pure tun encaptype ike.
    IPSEC_TPT_UDPESP_OVER_PURE_TUN_ENCAPTYPE_IKE: u32 = 8;
    /// IPsec v1 UDP-ESP encapsulation type: tpt udpesp encaptype other.
    IPSEC_TPT_UDPESP_ENCAPTYPE_OTHER: u32 = 0x10;
    /// IPsec v1 UDP-ESP encapsulation type: tun udpesp encaptype other.
    IPSEC_TUN_UDPESP_ENCAPTYPE_OTHER: u32 = 0x20;
    /// IPsec v1 UDP-ESP encapsulation type: tptovertun udpesp encaptype other.
    IPSEC_TPTOVERTUN_UDPESP_ENCAPTYPE_OTHER: u32 = 0x40;
    /// IPsec v1 UDP-ESP encapsulation type: tpt udpesp over pure tun encaptype other.
    IPSEC_TPT_UDPESP_OVER_PURE_TUN_ENCAPTYPE_OTHER: u32 = 0x80;
}

// ------------------------------------------------------------------------------------------
// NDIS_ENCAPSULATION_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_ENCAPSULATION_`, as (name, bit pattern).
    NDIS_ENCAPSULATION_CONSTANTS;
    /// `EncapsulationTypes` bit: NVGRE (GRE with MAC payload).
    NDIS_ENCAPSULATION_TYPE_GRE_MAC: u8 = 1;
    /// `EncapsulationTypes` bit: VXLAN.
    NDIS_ENCAPSULATION_TYPE_VXLAN: u8 = 2;
    /// Link encapsulation: none supported.
    NDIS_ENCAPSULATION_NOT_SUPPORTED: u32 = 0;
    /// Link encapsulation bit: no link header.
    NDIS_ENCAPSULATION_NULL: u32 = 1;
    /// Link encapsulation bit: Ethernet (802.3).
    NDIS_ENCAPSULATION_IEEE_802_3: u32 = 2;
    /// Link encapsulation bit: Ethernet with 802.1p/Q tag in the frame.
    NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q: u32 = 4;
    /// Link encapsulation bit: Ethernet with the 802.1p/Q tag in the NBL info.
    NDIS_ENCAPSULATION_IEEE_802_3_P_AND_Q_IN_OOB: u32 = 8;
    /// Link encapsulation bit: LLC/SNAP routed.
    NDIS_ENCAPSULATION_IEEE_LLC_SNAP_ROUTED: u32 = 0x10;
}

// ------------------------------------------------------------------------------------------
// NDIS_OFFLOAD_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_OFFLOAD_`, as (name, bit pattern).
    NDIS_OFFLOAD_CONSTANTS;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: no change.
    NDIS_OFFLOAD_PARAMETERS_NO_CHANGE: u8 = 0;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: tx rx disabled.
    NDIS_OFFLOAD_PARAMETERS_TX_RX_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: tx enabled rx disabled.
    NDIS_OFFLOAD_PARAMETERS_TX_ENABLED_RX_DISABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: rx enabled tx disabled.
    NDIS_OFFLOAD_PARAMETERS_RX_ENABLED_TX_DISABLED: u8 = 3;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: tx rx enabled.
    NDIS_OFFLOAD_PARAMETERS_TX_RX_ENABLED: u8 = 4;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: lsov1 disabled.
    NDIS_OFFLOAD_PARAMETERS_LSOV1_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: lsov1 enabled.
    NDIS_OFFLOAD_PARAMETERS_LSOV1_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv1 disabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV1_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv1 ah enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv1 esp enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV1_ESP_ENABLED: u8 = 3;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv1 ah and esp enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV1_AH_AND_ESP_ENABLED: u8 = 4;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: lsov2 disabled.
    NDIS_OFFLOAD_PARAMETERS_LSOV2_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: lsov2 enabled.
    NDIS_OFFLOAD_PARAMETERS_LSOV2_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv2 disabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv2 ah enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv2 esp enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED: u8 = 3;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: ipsecv2 ah and esp enabled.
    NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_AND_ESP_ENABLED: u8 = 4;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: rsc disabled.
    NDIS_OFFLOAD_PARAMETERS_RSC_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: rsc enabled.
    NDIS_OFFLOAD_PARAMETERS_RSC_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: connection offload disabled.
    NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: connection offload enabled.
    NDIS_OFFLOAD_PARAMETERS_CONNECTION_OFFLOAD_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: uso disabled.
    NDIS_OFFLOAD_PARAMETERS_USO_DISABLED: u8 = 1;
    /// `NDIS_OFFLOAD_PARAMETERS` member value: uso enabled.
    NDIS_OFFLOAD_PARAMETERS_USO_ENABLED: u8 = 2;
    /// `NDIS_OFFLOAD_PARAMETERS.Flags`: apply without persisting to the registry.
    NDIS_OFFLOAD_PARAMETERS_SKIP_REGISTRY_UPDATE: u32 = 1;
    /// `NDIS_OFFLOAD.Flags`: checksum capabilities are reported as a group.
    NDIS_OFFLOAD_FLAGS_GROUP_CHECKSUM_CAPABILITIES: u32 = 1;
    /// Capability bit-field value: not supported.
    NDIS_OFFLOAD_NOT_SUPPORTED: u32 = 0;
    /// Capability bit-field value: supported.
    NDIS_OFFLOAD_SUPPORTED: u32 = 1;
    /// `NDIS_OFFLOAD_ENCAPSULATION` `Enabled`: leave as is.
    NDIS_OFFLOAD_SET_NO_CHANGE: u32 = 0;
    /// `NDIS_OFFLOAD_ENCAPSULATION` `Enabled`: turn on.
    NDIS_OFFLOAD_SET_ON: u32 = 1;
    /// `NDIS_OFFLOAD_ENCAPSULATION` `Enabled`: turn off.
    NDIS_OFFLOAD_SET_OFF: u32 = 2;
}

// ------------------------------------------------------------------------------------------
// NDIS_TCP_LARGE_SEND_OFFLOAD_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_TCP_LARGE_SEND_OFFLOAD_`, as (name, bit pattern).
    NDIS_TCP_LARGE_SEND_OFFLOAD_CONSTANTS;
    /// LSO NBL info `Type`: LSOv1.
    NDIS_TCP_LARGE_SEND_OFFLOAD_V1_TYPE: u32 = 0;
    /// LSO NBL info `Type`: LSOv2.
    NDIS_TCP_LARGE_SEND_OFFLOAD_V2_TYPE: u32 = 1;
    /// LSOv2 NBL info `IPVersion`: IPv4.
    NDIS_TCP_LARGE_SEND_OFFLOAD_IPv4: u32 = 0;
    /// LSOv2 NBL info `IPVersion`: IPv6.
    NDIS_TCP_LARGE_SEND_OFFLOAD_IPv6: u32 = 1;
}

// ------------------------------------------------------------------------------------------
// NDIS_MINIPORT_ATTRIBUTES_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_MINIPORT_ATTRIBUTES_`, as (name, bit pattern).
    NDIS_MINIPORT_ATTRIBUTES_CONSTANTS;
    /// `AttributeFlags` bit: hardware device.
    NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE: u32 = 1;
    /// `AttributeFlags` bit: ndis wdm.
    NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM: u32 = 2;
    /// `AttributeFlags` bit: surprise remove ok.
    NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK: u32 = 4;
    /// `AttributeFlags` bit: not co ndis.
    NDIS_MINIPORT_ATTRIBUTES_NOT_CO_NDIS: u32 = 8;
    /// `AttributeFlags` bit: do not bind to all co.
    NDIS_MINIPORT_ATTRIBUTES_DO_NOT_BIND_TO_ALL_CO: u32 = 0x10;
    /// `AttributeFlags` bit: no halt on suspend.
    NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND: u32 = 0x20;
    /// `AttributeFlags` bit: bus master.
    NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER: u32 = 0x40;
    /// `AttributeFlags` bit: controls default port.
    NDIS_MINIPORT_ATTRIBUTES_CONTROLS_DEFAULT_PORT: u32 = 0x80;
    /// `AttributeFlags` bit: no pause on suspend.
    NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND: u32 = 0x100;
    /// `AttributeFlags` bit: no oid intercept on nondefault ports.
    NDIS_MINIPORT_ATTRIBUTES_NO_OID_INTERCEPT_ON_NONDEFAULT_PORTS: u32 = 0x200;
    /// `AttributeFlags` bit: register bugcheck callback.
    NDIS_MINIPORT_ATTRIBUTES_REGISTER_BUGCHECK_CALLBACK: u32 = 0x400;
}

// ------------------------------------------------------------------------------------------
// NDIS_MAC_OPTION_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_MAC_OPTION_`, as (name, bit pattern).
    NDIS_MAC_OPTION_CONSTANTS;
    /// MAC option bit (`MacOptions`): copy lookahead data.
    NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA: u32 = 1;
    /// MAC option bit (`MacOptions`): receive serialized.
    NDIS_MAC_OPTION_RECEIVE_SERIALIZED: u32 = 2;
    /// MAC option bit (`MacOptions`): transfers not pend.
    NDIS_MAC_OPTION_TRANSFERS_NOT_PEND: u32 = 4;
    /// MAC option bit (`MacOptions`): no loopback.
    NDIS_MAC_OPTION_NO_LOOPBACK: u32 = 8;
    /// MAC option bit (`MacOptions`): full duplex.
    NDIS_MAC_OPTION_FULL_DUPLEX: u32 = 0x10;
    /// MAC option bit (`MacOptions`): eotx indication.
    NDIS_MAC_OPTION_EOTX_INDICATION: u32 = 0x20;
    /// MAC option bit (`MacOptions`): 8021p priority.
    NDIS_MAC_OPTION_8021P_PRIORITY: u32 = 0x40;
    /// MAC option bit (`MacOptions`): supports mac address overwrite.
    NDIS_MAC_OPTION_SUPPORTS_MAC_ADDRESS_OVERWRITE: u32 = 0x80;
    /// MAC option bit (`MacOptions`): receive at dpc.
    NDIS_MAC_OPTION_RECEIVE_AT_DPC: u32 = 0x100;
    /// MAC option bit (`MacOptions`): 8021q vlan.
    NDIS_MAC_OPTION_8021Q_VLAN: u32 = 0x200;
    /// MAC option bit (`MacOptions`): reserved.
    NDIS_MAC_OPTION_RESERVED: u32 = 0x8000_0000;
}

// ------------------------------------------------------------------------------------------
// NDIS_PACKET_TYPE_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_PACKET_TYPE_`, as (name, bit pattern).
    NDIS_PACKET_TYPE_CONSTANTS;
    /// Packet filter bit: directed.
    NDIS_PACKET_TYPE_DIRECTED: u32 = 1;
    /// Packet filter bit: multicast.
    NDIS_PACKET_TYPE_MULTICAST: u32 = 2;
    /// Packet filter bit: all multicast.
    NDIS_PACKET_TYPE_ALL_MULTICAST: u32 = 4;
    /// Packet filter bit: broadcast.
    NDIS_PACKET_TYPE_BROADCAST: u32 = 8;
    /// Packet filter bit: source routing.
    NDIS_PACKET_TYPE_SOURCE_ROUTING: u32 = 0x10;
    /// Packet filter bit: promiscuous.
    NDIS_PACKET_TYPE_PROMISCUOUS: u32 = 0x20;
    /// Packet filter bit: smt.
    NDIS_PACKET_TYPE_SMT: u32 = 0x40;
    /// Packet filter bit: all local.
    NDIS_PACKET_TYPE_ALL_LOCAL: u32 = 0x80;
    /// Packet filter bit: group.
    NDIS_PACKET_TYPE_GROUP: u32 = 0x1000;
    /// Packet filter bit: all functional.
    NDIS_PACKET_TYPE_ALL_FUNCTIONAL: u32 = 0x2000;
    /// Packet filter bit: functional.
    NDIS_PACKET_TYPE_FUNCTIONAL: u32 = 0x4000;
    /// Packet filter bit: mac frame.
    NDIS_PACKET_TYPE_MAC_FRAME: u32 = 0x8000;
    /// Packet filter bit: no local.
    NDIS_PACKET_TYPE_NO_LOCAL: u32 = 0x0001_0000;
}

// ------------------------------------------------------------------------------------------
// NDIS_STATISTICS_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_STATISTICS_FLAGS_`, as (name, bit pattern).
    NDIS_STATISTICS_FLAGS_CONSTANTS;
    /// Valid-counter bit (`SupportedStatistics`): directed frames rcv.
    NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV: u32 = 1;
    /// Valid-counter bit (`SupportedStatistics`): multicast frames rcv.
    NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV: u32 = 2;
    /// Valid-counter bit (`SupportedStatistics`): broadcast frames rcv.
    NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV: u32 = 4;
    /// Valid-counter bit (`SupportedStatistics`): bytes rcv.
    NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV: u32 = 8;
    /// Valid-counter bit (`SupportedStatistics`): rcv discards.
    NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS: u32 = 0x10;
    /// Valid-counter bit (`SupportedStatistics`): rcv error.
    NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR: u32 = 0x20;
    /// Valid-counter bit (`SupportedStatistics`): directed frames xmit.
    NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT: u32 = 0x40;
    /// Valid-counter bit (`SupportedStatistics`): multicast frames xmit.
    NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT: u32 = 0x80;
    /// Valid-counter bit (`SupportedStatistics`): broadcast frames xmit.
    NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT: u32 = 0x100;
    /// Valid-counter bit (`SupportedStatistics`): bytes xmit.
    NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT: u32 = 0x200;
    /// Valid-counter bit (`SupportedStatistics`): xmit error.
    NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR: u32 = 0x400;
    /// Valid-counter bit (`SupportedStatistics`): xmit discards.
    NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS: u32 = 0x8000;
    /// Valid-counter bit (`SupportedStatistics`): directed bytes rcv.
    NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV: u32 = 0x0001_0000;
    /// Valid-counter bit (`SupportedStatistics`): multicast bytes rcv.
    NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV: u32 = 0x0002_0000;
    /// Valid-counter bit (`SupportedStatistics`): broadcast bytes rcv.
    NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV: u32 = 0x0004_0000;
    /// Valid-counter bit (`SupportedStatistics`): directed bytes xmit.
    NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT: u32 = 0x0008_0000;
    /// Valid-counter bit (`SupportedStatistics`): multicast bytes xmit.
    NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT: u32 = 0x0010_0000;
    /// Valid-counter bit (`SupportedStatistics`): broadcast bytes xmit.
    NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT: u32 = 0x0020_0000;
}

// ------------------------------------------------------------------------------------------
// NDIS_RECEIVE_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_RECEIVE_FLAGS_`, as (name, bit pattern).
    NDIS_RECEIVE_FLAGS_CONSTANTS;
    /// `NdisMIndicateReceiveNetBufferLists` flag: dispatch level.
    NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL: u32 = 1;
    /// `NdisMIndicateReceiveNetBufferLists` flag: resources.
    NDIS_RECEIVE_FLAGS_RESOURCES: u32 = 2;
    /// `NdisMIndicateReceiveNetBufferLists` flag: single ether type.
    NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE: u32 = 0x100;
    /// `NdisMIndicateReceiveNetBufferLists` flag: single vlan.
    NDIS_RECEIVE_FLAGS_SINGLE_VLAN: u32 = 0x200;
    /// `NdisMIndicateReceiveNetBufferLists` flag: perfect filtered.
    NDIS_RECEIVE_FLAGS_PERFECT_FILTERED: u32 = 0x400;
    /// `NdisMIndicateReceiveNetBufferLists` flag: single queue.
    NDIS_RECEIVE_FLAGS_SINGLE_QUEUE: u32 = 0x800;
    /// `NdisMIndicateReceiveNetBufferLists` flag: shared memory info valid.
    NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID: u32 = 0x1000;
    /// `NdisMIndicateReceiveNetBufferLists` flag: more nbls.
    NDIS_RECEIVE_FLAGS_MORE_NBLS: u32 = 0x2000;
    /// `NdisMIndicateReceiveNetBufferLists` flag: switch destination group.
    NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP: u32 = 0x4000;
    /// `NdisMIndicateReceiveNetBufferLists` flag: switch single source.
    NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x8000;
}

// ------------------------------------------------------------------------------------------
// NDIS_SEND_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_SEND_FLAGS_`, as (name, bit pattern).
    NDIS_SEND_FLAGS_CONSTANTS;
    /// `MiniportSendNetBufferLists` flag: dispatch level.
    NDIS_SEND_FLAGS_DISPATCH_LEVEL: u32 = 1;
    /// `MiniportSendNetBufferLists` flag: check for loopback.
    NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK: u32 = 2;
    /// `MiniportSendNetBufferLists` flag: single queue.
    NDIS_SEND_FLAGS_SINGLE_QUEUE: u32 = 4;
    /// `MiniportSendNetBufferLists` flag: switch destination group.
    NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP: u32 = 0x10;
    /// `MiniportSendNetBufferLists` flag: switch single source.
    NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x20;
}

// ------------------------------------------------------------------------------------------
// NDIS_SEND_COMPLETE_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_SEND_COMPLETE_FLAGS_`, as (name, bit pattern).
    NDIS_SEND_COMPLETE_FLAGS_CONSTANTS;
    /// `NdisMSendNetBufferListsComplete` flag: dispatch level.
    NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL: u32 = 1;
    /// `NdisMSendNetBufferListsComplete` flag: single queue.
    NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE: u32 = 2;
    /// `NdisMSendNetBufferListsComplete` flag: switch single source.
    NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 4;
}

// ------------------------------------------------------------------------------------------
// NDIS_RETURN_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_RETURN_FLAGS_`, as (name, bit pattern).
    NDIS_RETURN_FLAGS_CONSTANTS;
    /// `MiniportReturnNetBufferLists` flag: dispatch level.
    NDIS_RETURN_FLAGS_DISPATCH_LEVEL: u32 = 1;
    /// `MiniportReturnNetBufferLists` flag: single queue.
    NDIS_RETURN_FLAGS_SINGLE_QUEUE: u32 = 2;
    /// `MiniportReturnNetBufferLists` flag: switch single source.
    NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 4;
}

// ------------------------------------------------------------------------------------------
// NDIS_NBL_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_NBL_FLAGS_`, as (name, bit pattern).
    NDIS_NBL_FLAGS_CONSTANTS;
    /// `NET_BUFFER_LIST.NblFlags` bit: send read only.
    NDIS_NBL_FLAGS_SEND_READ_ONLY: u32 = 1;
    /// `NET_BUFFER_LIST.NblFlags` bit: recv read only.
    NDIS_NBL_FLAGS_RECV_READ_ONLY: u32 = 2;
    /// `NET_BUFFER_LIST.NblFlags` bit: hd split.
    NDIS_NBL_FLAGS_HD_SPLIT: u32 = 0x100;
    /// `NET_BUFFER_LIST.NblFlags` bit: is ipv4.
    NDIS_NBL_FLAGS_IS_IPV4: u32 = 0x200;
    /// `NET_BUFFER_LIST.NblFlags` bit: is ipv6.
    NDIS_NBL_FLAGS_IS_IPV6: u32 = 0x400;
    /// `NET_BUFFER_LIST.NblFlags` bit: is tcp.
    NDIS_NBL_FLAGS_IS_TCP: u32 = 0x800;
    /// `NET_BUFFER_LIST.NblFlags` bit: is udp.
    NDIS_NBL_FLAGS_IS_UDP: u32 = 0x1000;
    /// `NET_BUFFER_LIST.NblFlags` bit: split at upper layer protocol header.
    NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_HEADER: u32 = 0x2000;
    /// `NET_BUFFER_LIST.NblFlags` bit: split at upper layer protocol payload.
    NDIS_NBL_FLAGS_SPLIT_AT_UPPER_LAYER_PROTOCOL_PAYLOAD: u32 = 0x4000;
    /// `NET_BUFFER_LIST.NblFlags` bit: is loopback packet.
    NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET: u32 = 0x8000;
    /// `NET_BUFFER_LIST.NblFlags` bit: capture timestamp on transmit.
    NDIS_NBL_FLAGS_CAPTURE_TIMESTAMP_ON_TRANSMIT: u32 = 0x0001_0000;
}

// ------------------------------------------------------------------------------------------
// NBL_FLAGS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NBL_FLAGS_`, as (name, bit pattern).
    NBL_FLAGS_CONSTANTS;
    /// `NET_BUFFER_LIST.Flags` bits owned by protocols (NDIS 6.30 layout).
    NBL_FLAGS_PROTOCOL_RESERVED: u32 = 0xFFF0_0003;
    /// `NET_BUFFER_LIST.Flags` bits owned by the miniport.
    NBL_FLAGS_MINIPORT_RESERVED: u32 = 0xF000;
    /// `NET_BUFFER_LIST.Flags` bits owned by the current holder.
    NBL_FLAGS_SCRATCH: u32 = 0x000F_0000;
    /// `NET_BUFFER_LIST.Flags` bits owned by NDIS (NDIS 6.30 layout).
    NBL_FLAGS_NDIS_RESERVED: u32 = 0xFFC;
}

// ------------------------------------------------------------------------------------------
// NDIS_PROTOCOL_ID_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_PROTOCOL_ID_`, as (name, bit pattern).
    NDIS_PROTOCOL_ID_CONSTANTS;
    /// NBL pool protocol ID: unspecified.
    NDIS_PROTOCOL_ID_DEFAULT: u8 = 0;
    /// NBL pool protocol ID: TCP/IPv4.
    NDIS_PROTOCOL_ID_TCP_IP: u8 = 2;
    /// NBL pool protocol ID: IPv6.
    NDIS_PROTOCOL_ID_IP6: u8 = 3;
    /// NBL pool protocol ID: IPX.
    NDIS_PROTOCOL_ID_IPX: u8 = 6;
    /// NBL pool protocol ID: NetBEUI.
    NDIS_PROTOCOL_ID_NBF: u8 = 7;
    /// Largest NBL pool protocol ID.
    NDIS_PROTOCOL_ID_MAX: u8 = 0xF;
    /// Mask of the protocol ID bits.
    NDIS_PROTOCOL_ID_MASK: u8 = 0xF;
}

// ------------------------------------------------------------------------------------------
// NDIS_DEFAULT_PORT_NUMBER
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_DEFAULT_PORT_NUMBER`, as (name, bit pattern).
    NDIS_DEFAULT_PORT_NUMBER_CONSTANTS;
    /// The default NDIS port (0).
    NDIS_DEFAULT_PORT_NUMBER: NDIS_PORT_NUMBER = 0;
}

// ------------------------------------------------------------------------------------------
// NDIS_OID_REQUEST_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_OID_REQUEST_`, as (name, bit pattern).
    NDIS_OID_REQUEST_CONSTANTS;
    /// `NDIS_OID_REQUEST.Timeout`: no timeout.
    NDIS_OID_REQUEST_TIMEOUT_INFINITE: u32 = 0;
    /// Number of pointer-sized words in `NDIS_OID_REQUEST.NdisReserved`.
    NDIS_OID_REQUEST_NDIS_RESERVED_SIZE: u32 = 0x10;
    /// `NDIS_OID_REQUEST.Flags`: `VPortId` is valid.
    NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID: u32 = 1;
}

// ------------------------------------------------------------------------------------------
// NDIS_LINK_SPEED_UNKNOWN
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_LINK_SPEED_UNKNOWN`, as (name, bit pattern).
    NDIS_LINK_SPEED_UNKNOWN_CONSTANTS;
    /// Link speed value meaning "unknown" (all ones).
    NDIS_LINK_SPEED_UNKNOWN: u64 = 0xFFFF_FFFF_FFFF_FFFF;
}

// ------------------------------------------------------------------------------------------
// NDIS_MAX_PHYS_ADDRESS_LENGTH
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_MAX_PHYS_ADDRESS_LENGTH`, as (name, bit pattern).
    NDIS_MAX_PHYS_ADDRESS_LENGTH_CONSTANTS;
    /// Size of the MAC address arrays of the general attributes.
    NDIS_MAX_PHYS_ADDRESS_LENGTH: u32 = 0x20;
}

// ------------------------------------------------------------------------------------------
// IF_TYPE_ETHERNET_CSMACD
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `IF_TYPE_ETHERNET_CSMACD`, as (name, bit pattern).
    IF_TYPE_ETHERNET_CSMACD_CONSTANTS;
    /// IANA interface type of Ethernet.
    IF_TYPE_ETHERNET_CSMACD: NET_IFTYPE = 6;
}

// ------------------------------------------------------------------------------------------
// IF_MAX_PHYS_ADDRESS_LENGTH
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `IF_MAX_PHYS_ADDRESS_LENGTH`, as (name, bit pattern).
    IF_MAX_PHYS_ADDRESS_LENGTH_CONSTANTS;
    /// Largest interface physical address, in bytes.
    IF_MAX_PHYS_ADDRESS_LENGTH: u32 = 0x20;
}

// ------------------------------------------------------------------------------------------
// NDIS_INTERRUPT_MODERATION_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_INTERRUPT_MODERATION_`, as (name, bit pattern).
    NDIS_INTERRUPT_MODERATION_CONSTANTS;
    /// Interrupt moderation flag: a change needs a reset.
    NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET: u32 = 1;
    /// Interrupt moderation flag: a change needs a re-initialization.
    NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE: u32 = 2;
}

// ------------------------------------------------------------------------------------------
// NDIS_WDM_DRIVER
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_WDM_DRIVER`, as (name, bit pattern).
    NDIS_WDM_DRIVER_CONSTANTS;
    /// Driver characteristics flag: the miniport is a WDM (non-hardware-bus) driver.
    NDIS_WDM_DRIVER: u32 = 2;
}

// ------------------------------------------------------------------------------------------
// NDIS_INTERMEDIATE_DRIVER
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_INTERMEDIATE_DRIVER`, as (name, bit pattern).
    NDIS_INTERMEDIATE_DRIVER_CONSTANTS;
    /// Driver characteristics flag: the driver is an intermediate driver.
    NDIS_INTERMEDIATE_DRIVER: u32 = 1;
}

// ------------------------------------------------------------------------------------------
// NDIS_MAXIMUM_PORTS
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_MAXIMUM_PORTS`, as (name, bit pattern).
    NDIS_MAXIMUM_PORTS_CONSTANTS;
    /// Largest number of NDIS ports per miniport.
    NDIS_MAXIMUM_PORTS: u32 = 0x0100_0000;
}

// ------------------------------------------------------------------------------------------
// misc
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `misc`, as (name, bit pattern).
    MISC_CONSTANTS;
    /// Alignment of pool allocations and of the NBL/NB reserved arrays (x64).
    MEMORY_ALLOCATION_ALIGNMENT: u32 = 0x10;
}

// ------------------------------------------------------------------------------------------
// Collections for the ABI test
// ------------------------------------------------------------------------------------------

/// Every constant list of the crate (one per oracle constant group).
pub const ALL_CONSTANTS: &[&[(&str, u64)]] = &[
    NDIS_NET_BUFFER_LIST_INFO_VALUES,
    NDIS_REQUEST_TYPE_VALUES,
    NDIS_PARAMETER_TYPE_VALUES,
    NDIS_MEDIUM_VALUES,
    NDIS_PHYSICAL_MEDIUM_VALUES,
    NET_IF_MEDIA_CONNECT_STATE_VALUES,
    NET_IF_MEDIA_DUPLEX_STATE_VALUES,
    NDIS_INTERFACE_TYPE_VALUES,
    IPSEC_OFFLOAD_V2_OPERATION_VALUES,
    NDIS_HALT_ACTION_VALUES,
    NDIS_SHUTDOWN_ACTION_VALUES,
    NDIS_DEVICE_PNP_EVENT_VALUES,
    NET_IF_ACCESS_TYPE_VALUES,
    NET_IF_DIRECTION_TYPE_VALUES,
    NET_IF_CONNECTION_TYPE_VALUES,
    NDIS_SUPPORTED_PAUSE_FUNCTIONS_VALUES,
    NDIS_PORT_AUTHORIZATION_STATE_VALUES,
    NDIS_PORT_CONTROL_STATE_VALUES,
    REVISION_AND_SIZE_CONSTANTS,
    NDIS_OBJECT_TYPE_CONSTANTS,
    IPSEC_OFFLOAD_V2_CONSTANTS,
    CRYPTO_CONSTANTS,
    IPSEC_V1_UDPESP_CONSTANTS,
    NDIS_ENCAPSULATION_CONSTANTS,
    NDIS_OFFLOAD_CONSTANTS,
    NDIS_TCP_LARGE_SEND_OFFLOAD_CONSTANTS,
    NDIS_MINIPORT_ATTRIBUTES_CONSTANTS,
    NDIS_MAC_OPTION_CONSTANTS,
    NDIS_PACKET_TYPE_CONSTANTS,
    NDIS_STATISTICS_FLAGS_CONSTANTS,
    NDIS_RECEIVE_FLAGS_CONSTANTS,
    NDIS_SEND_FLAGS_CONSTANTS,
    NDIS_SEND_COMPLETE_FLAGS_CONSTANTS,
    NDIS_RETURN_FLAGS_CONSTANTS,
    NDIS_NBL_FLAGS_CONSTANTS,
    NBL_FLAGS_CONSTANTS,
    NDIS_PROTOCOL_ID_CONSTANTS,
    NDIS_DEFAULT_PORT_NUMBER_CONSTANTS,
    NDIS_OID_REQUEST_CONSTANTS,
    NDIS_LINK_SPEED_UNKNOWN_CONSTANTS,
    NDIS_MAX_PHYS_ADDRESS_LENGTH_CONSTANTS,
    IF_TYPE_ETHERNET_CSMACD_CONSTANTS,
    IF_MAX_PHYS_ADDRESS_LENGTH_CONSTANTS,
    NDIS_INTERRUPT_MODERATION_CONSTANTS,
    NDIS_WDM_DRIVER_CONSTANTS,
    NDIS_INTERMEDIATE_DRIVER_CONSTANTS,
    NDIS_MAXIMUM_PORTS_CONSTANTS,
    MISC_CONSTANTS,
    crate::status::NDIS_STATUS_CONSTANTS,
    crate::oids::OID_CONSTANTS,
];

/// Every bit-field table of the crate.
pub const ALL_BITFIELDS: &[&[BitField]] = &[
    crate::ipsec::IPSEC_BITFIELDS,
    crate::nbl::NBL_BITFIELDS,
    crate::offload::OFFLOAD_BITFIELDS,
];
