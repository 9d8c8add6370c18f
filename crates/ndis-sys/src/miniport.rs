//! Miniport registration and initialization: the driver characteristics, the parameters NDIS
//! passes to `MiniportInitializeEx` / `MiniportPause` / `MiniportRestart`, the adapter
//! attribute structures reported with `NdisMSetMiniportAttributes`, and the power-management
//! and RSS capability blocks those attributes point to.
//!
//! Every handler typedef used here comes from `handlers.rs`.

use crate::handlers::*;
use crate::offload::NDIS_OFFLOAD;
use crate::types::*;

/// `NDIS_MINIPORT_DRIVER_CHARACTERISTICS`: the entry points and versions a miniport registers
/// with `NdisMRegisterMiniportDriver`.
///
/// Laid out through `SynchronousOidRequestHandler` (revision 3, NDIS 6.80+); a driver that
/// declares NDIS 6.30 sets `Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2`
/// and `Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2` and leaves
/// `SynchronousOidRequestHandler` as `None`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    /// `NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// NDIS major version the driver is written for (6).
    pub MajorNdisVersion: u8,
    /// NDIS minor version the driver is written for (e.g. 30).
    pub MinorNdisVersion: u8,
    /// Driver's own major version.
    pub MajorDriverVersion: u8,
    /// Driver's own minor version.
    pub MinorDriverVersion: u8,
    /// `NDIS_WDM_DRIVER`, `NDIS_INTERMEDIATE_DRIVER`, ...
    pub Flags: u32,
    /// `MiniportSetOptions`.
    pub SetOptionsHandler: MINIPORT_SET_OPTIONS,
    /// `MiniportInitializeEx`.
    pub InitializeHandlerEx: MINIPORT_INITIALIZE,
    /// `MiniportHaltEx`.
    pub HaltHandlerEx: MINIPORT_HALT,
    /// `MiniportDriverUnload`.
    pub UnloadHandler: MINIPORT_UNLOAD,
    /// `MiniportPause`.
    pub PauseHandler: MINIPORT_PAUSE,
    /// `MiniportRestart`.
    pub RestartHandler: MINIPORT_RESTART,
    /// `MiniportOidRequest`.
    pub OidRequestHandler: MINIPORT_OID_REQUEST,
    /// `MiniportSendNetBufferLists`.
    pub SendNetBufferListsHandler: MINIPORT_SEND_NET_BUFFER_LISTS,
    /// `MiniportReturnNetBufferLists`.
    pub ReturnNetBufferListsHandler: MINIPORT_RETURN_NET_BUFFER_LISTS,
    /// `MiniportCancelSend`.
    pub CancelSendHandler: MINIPORT_CANCEL_SEND,
    /// `MiniportCheckForHangEx`.
    pub CheckForHangHandlerEx: MINIPORT_CHECK_FOR_HANG,
    /// `MiniportResetEx`.
    pub ResetHandlerEx: MINIPORT_RESET,
    /// `MiniportDevicePnPEventNotify`.
    pub DevicePnPEventNotifyHandler: MINIPORT_DEVICE_PNP_EVENT_NOTIFY,
    /// `MiniportShutdownEx`.
    pub ShutdownHandlerEx: MINIPORT_SHUTDOWN,
    /// `MiniportCancelOidRequest` (last member of revision 1).
    pub CancelOidRequestHandler: MINIPORT_CANCEL_OID_REQUEST,
    /// `MiniportDirectOidRequest` (revision 2, NDIS 6.1+).
    pub DirectOidRequestHandler: MINIPORT_DIRECT_OID_REQUEST,
    /// `MiniportCancelDirectOidRequest` (last member of revision 2).
    pub CancelDirectOidRequestHandler: MINIPORT_CANCEL_DIRECT_OID_REQUEST,
    /// `MiniportSynchronousOidRequest` (revision 3, NDIS 6.80+).
    pub SynchronousOidRequestHandler: MINIPORT_SYNCHRONOUS_OID_REQUEST,
}

/// `NDIS_MINIPORT_INIT_PARAMETERS`: what NDIS passes to `MiniportInitializeEx`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_INIT_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// Reserved flags.
    pub Flags: u32,
    /// Hardware resources (`PNDIS_RESOURCE_LIST`); NULL for a virtual miniport.
    pub AllocatedResources: PVOID,
    /// Intermediate-driver device context (unused by a plain miniport).
    pub IMDeviceInstanceContext: PVOID,
    /// Context returned by `MiniportAddDevice`, if the driver has one.
    pub MiniportAddDeviceContext: NDIS_HANDLE,
    /// Interface index NDIS assigned to the adapter.
    pub IfIndex: NET_IFINDEX,
    /// Interface LUID NDIS assigned to the adapter.
    pub NetLuid: NET_LUID,
    /// Initial port authentication states (`PNDIS_PORT_AUTHENTICATION_PARAMETERS`).
    pub DefaultPortAuthStates: PVOID,
    /// PCI custom properties (`PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES`); NULL for a virtual miniport.
    pub PciDeviceCustomProperties: PVOID,
}

/// `NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES`: the first attributes a miniport reports
/// from `MiniportInitializeEx` (its adapter context and basic behaviour).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    /// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// The driver's per-adapter context, passed back to every handler.
    pub MiniportAdapterContext: NDIS_HANDLE,
    /// `NDIS_MINIPORT_ATTRIBUTES_*` flags.
    pub AttributeFlags: u32,
    /// Check-for-hang period in seconds (0 = NDIS default).
    pub CheckForHangTimeInSeconds: u32,
    /// The bus type (an `NDIS_INTERFACE_TYPE`, `NdisInterface*`).
    pub InterfaceType: NDIS_ENUM,
}

/// `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES`: medium, link, addresses, filters and supported
/// OIDs of an adapter, reported from `MiniportInitializeEx`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    /// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// Reserved flags.
    pub Flags: u32,
    /// An `NDIS_MEDIUM` (`NdisMedium802_3` for Ethernet).
    pub MediaType: NDIS_ENUM,
    /// An `NDIS_PHYSICAL_MEDIUM`.
    pub PhysicalMediumType: NDIS_ENUM,
    /// Maximum frame payload (MTU) in bytes, without the link header.
    pub MtuSize: u32,
    /// Maximum transmit speed in bits per second.
    pub MaxXmitLinkSpeed: u64,
    /// Current transmit speed in bits per second (`NDIS_LINK_SPEED_UNKNOWN` if unknown).
    pub XmitLinkSpeed: u64,
    /// Maximum receive speed in bits per second.
    pub MaxRcvLinkSpeed: u64,
    /// Current receive speed in bits per second (`NDIS_LINK_SPEED_UNKNOWN` if unknown).
    pub RcvLinkSpeed: u64,
    /// A `NET_IF_MEDIA_CONNECT_STATE` (`MediaConnectState*`).
    pub MediaConnectState: NDIS_ENUM,
    /// A `NET_IF_MEDIA_DUPLEX_STATE` (`MediaDuplexState*`).
    pub MediaDuplexState: NDIS_ENUM,
    /// Lookahead size in bytes.
    pub LookaheadSize: u32,
    /// Legacy power-management capabilities (NULL when `PowerManagementCapabilitiesEx` is used).
    pub PowerManagementCapabilities: *mut NDIS_PNP_CAPABILITIES,
    /// `NDIS_MAC_OPTION_*` flags.
    pub MacOptions: u32,
    /// `NDIS_PACKET_TYPE_*` filters the adapter supports.
    pub SupportedPacketFilters: u32,
    /// Number of multicast addresses the adapter can filter.
    pub MaxMulticastListSize: u32,
    /// Number of valid bytes in the MAC address arrays (6 for Ethernet).
    pub MacAddressLength: u16,
    /// Burned-in MAC address.
    pub PermanentMacAddress: [u8; crate::constants::NDIS_MAX_PHYS_ADDRESS_LENGTH as usize],
    /// MAC address in use.
    pub CurrentMacAddress: [u8; crate::constants::NDIS_MAX_PHYS_ADDRESS_LENGTH as usize],
    /// RSS capabilities, NULL when RSS is not supported.
    pub RecvScaleCapabilities: *mut NDIS_RECEIVE_SCALE_CAPABILITIES,
    /// A `NET_IF_ACCESS_TYPE` (`NET_IF_ACCESS_BROADCAST` for Ethernet).
    pub AccessType: NDIS_ENUM,
    /// A `NET_IF_DIRECTION_TYPE`.
    pub DirectionType: NDIS_ENUM,
    /// A `NET_IF_CONNECTION_TYPE`.
    pub ConnectionType: NDIS_ENUM,
    /// IANA interface type (`IF_TYPE_ETHERNET_CSMACD`).
    pub IfType: NET_IFTYPE,
    /// TRUE if a physical connector is present (FALSE for a virtual adapter).
    pub IfConnectorPresent: BOOLEAN,
    /// `NDIS_STATISTICS_FLAGS_VALID_*` counters the adapter keeps.
    pub SupportedStatistics: u32,
    /// An `NDIS_SUPPORTED_PAUSE_FUNCTIONS` (802.3x pause frames).
    pub SupportedPauseFunctions: NDIS_ENUM,
    /// Bytes of data backfill the miniport wants in front of received frames.
    pub DataBackFillSize: u32,
    /// Bytes of NBL context backfill the miniport wants.
    pub ContextBackFillSize: u32,
    /// Array of the OIDs the miniport handles.
    pub SupportedOidList: *mut NDIS_OID,
    /// Size of `SupportedOidList` in bytes.
    pub SupportedOidListLength: u32,
    /// `NDIS_LINK_STATE_*_AUTO_NEGOTIATED` flags (last member of revision 1).
    pub AutoNegotiationFlags: u32,
    /// Power-management capabilities (revision 2, NDIS 6.20+).
    pub PowerManagementCapabilitiesEx: *mut NDIS_PM_CAPABILITIES,
}

/// `NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES`: the task-offload configuration and hardware
/// capabilities reported from `MiniportInitializeEx`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES {
    /// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// Offloads enabled now (after the INF keywords were applied).
    pub DefaultOffloadConfiguration: *mut NDIS_OFFLOAD,
    /// Everything the adapter could do.
    pub HardwareOffloadCapabilities: *mut NDIS_OFFLOAD,
    /// TCP chimney configuration (`PNDIS_TCP_CONNECTION_OFFLOAD`); NULL.
    pub DefaultTcpConnectionOffloadConfiguration: PVOID,
    /// TCP chimney capabilities (`PNDIS_TCP_CONNECTION_OFFLOAD`); NULL.
    pub TcpConnectionOffloadHardwareCapabilities: PVOID,
}

/// `NDIS_MINIPORT_PAUSE_PARAMETERS`: what NDIS passes to `MiniportPause`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_PAUSE_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// Reserved flags.
    pub Flags: u32,
    /// `NDIS_PAUSE_*` reason bits.
    pub PauseReason: u32,
}

/// `NDIS_MINIPORT_RESTART_PARAMETERS`: what NDIS passes to `MiniportRestart`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_MINIPORT_RESTART_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// Restart attribute list (`PNDIS_RESTART_ATTRIBUTES`).
    pub RestartAttributes: PVOID,
    /// Reserved flags.
    pub Flags: u32,
}

/// `NDIS_PM_CAPABILITIES`: power-management capabilities (NDIS 6.20+), referenced from
/// `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES.PowerManagementCapabilitiesEx`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_PM_CAPABILITIES {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// `NDIS_PM_*` capability flags.
    pub Flags: u32,
    /// Wake-on-LAN pattern types supported.
    pub SupportedWoLPacketPatterns: u32,
    /// Total number of WoL patterns.
    pub NumTotalWoLPatterns: u32,
    /// Largest WoL pattern in bytes.
    pub MaxWoLPatternSize: u32,
    /// Largest offset of a WoL pattern in a frame.
    pub MaxWoLPatternOffset: u32,
    /// Bytes of a waking packet the adapter can save.
    pub MaxWoLPacketSaveBuffer: u32,
    /// Protocol offloads supported while asleep.
    pub SupportedProtocolOffloads: u32,
    /// Number of IPv4 addresses for ARP offload.
    pub NumArpOffloadIPv4Addresses: u32,
    /// Number of IPv6 addresses for NS offload.
    pub NumNSOffloadIPv6Addresses: u32,
    /// Lowest device power state for magic-packet wake (`NDIS_DEVICE_POWER_STATE`).
    pub MinMagicPacketWakeUp: NDIS_ENUM,
    /// Lowest device power state for pattern wake (`NDIS_DEVICE_POWER_STATE`).
    pub MinPatternWakeUp: NDIS_ENUM,
    /// Lowest device power state for link-change wake (last member of revision 1).
    pub MinLinkChangeWakeUp: NDIS_ENUM,
    /// Wake-up events supported (revision 2).
    pub SupportedWakeUpEvents: u32,
    /// Media-specific wake-up events supported (revision 2).
    pub MediaSpecificWakeUpEvents: u32,
}

/// `NDIS_PNP_CAPABILITIES`: legacy power-management capabilities, referenced from
/// `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES.PowerManagementCapabilities`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_PNP_CAPABILITIES {
    /// `NDIS_DEVICE_*` wake flags.
    pub Flags: u32,
    /// Lowest power states from which each wake source works.
    pub WakeUpCapabilities: NDIS_PNP_CAPABILITIES_WakeUpCapabilities,
}

/// The `NDIS_PM_WAKE_UP_CAPABILITIES` member of [`NDIS_PNP_CAPABILITIES`]. The C type has its
/// own name, but the oracle only describes it as this member, so it is bound as a helper type
/// (alias: [`NDIS_PM_WAKE_UP_CAPABILITIES`]).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_PNP_CAPABILITIES_WakeUpCapabilities {
    /// Lowest device power state for magic-packet wake (`NDIS_DEVICE_POWER_STATE`).
    pub MinMagicPacketWakeUp: NDIS_ENUM,
    /// Lowest device power state for pattern wake.
    pub MinPatternWakeUp: NDIS_ENUM,
    /// Lowest device power state for link-change wake.
    pub MinLinkChangeWakeUp: NDIS_ENUM,
}

/// `NDIS_PM_WAKE_UP_CAPABILITIES` (see [`NDIS_PNP_CAPABILITIES_WakeUpCapabilities`]).
pub type NDIS_PM_WAKE_UP_CAPABILITIES = NDIS_PNP_CAPABILITIES_WakeUpCapabilities;

/// `NDIS_RECEIVE_SCALE_CAPABILITIES`: RSS capabilities, referenced from
/// `NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES.RecvScaleCapabilities`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_RECEIVE_SCALE_CAPABILITIES {
    /// `NDIS_OBJECT_TYPE_RSS_CAPABILITIES`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// `NDIS_RSS_CAPS_*` flags.
    pub CapabilitiesFlags: u32,
    /// Number of MSI-X messages usable for RSS.
    pub NumberOfInterruptMessages: u32,
    /// Number of receive queues (last member of revision 1).
    pub NumberOfReceiveQueues: u32,
    /// Indirection table size (revision 2).
    pub NumberOfIndirectionTableEntries: u16,
}

zeroed_default!(
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
    NDIS_MINIPORT_INIT_PARAMETERS,
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES,
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
    NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES,
    NDIS_MINIPORT_PAUSE_PARAMETERS,
    NDIS_MINIPORT_RESTART_PARAMETERS,
    NDIS_PM_CAPABILITIES,
    NDIS_PNP_CAPABILITIES,
    NDIS_PNP_CAPABILITIES_WakeUpCapabilities,
    NDIS_RECEIVE_SCALE_CAPABILITIES,
);
