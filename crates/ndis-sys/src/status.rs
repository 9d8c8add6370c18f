//! `NDIS_STATUS_*` codes (return values and status-indication codes).
//!
//! Typed `NDIS_STATUS` (`i32`); the bit pattern of a negative value is the unsigned header
//! value (`NDIS_STATUS_FAILURE` = `0xC000_0001`). The two `NDIS_STATUS_INDICATION_FLAGS_*`
//! values of the same oracle group are `u32` flags of `NDIS_STATUS_INDICATION.Flags`.

use crate::types::*;

// ------------------------------------------------------------------------------------------
// NDIS_STATUS_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `NDIS_STATUS_`, as (name, bit pattern).
    NDIS_STATUS_CONSTANTS;
    /// Status indication: online.
    NDIS_STATUS_ONLINE: NDIS_STATUS = 0x4001_0003;
    /// Status indication: reset start.
    NDIS_STATUS_RESET_START: NDIS_STATUS = 0x4001_0004;
    /// Status indication: reset end.
    NDIS_STATUS_RESET_END: NDIS_STATUS = 0x4001_0005;
    /// Status indication: ring status.
    NDIS_STATUS_RING_STATUS: NDIS_STATUS = 0x4001_0006;
    /// Status indication: closed.
    NDIS_STATUS_CLOSED: NDIS_STATUS = 0x4001_0007;
    /// Status indication: wan line up.
    NDIS_STATUS_WAN_LINE_UP: NDIS_STATUS = 0x4001_0008;
    /// Status indication: wan line down.
    NDIS_STATUS_WAN_LINE_DOWN: NDIS_STATUS = 0x4001_0009;
    /// Status indication: wan fragment.
    NDIS_STATUS_WAN_FRAGMENT: NDIS_STATUS = 0x4001_000A;
    /// Status indication: media connect.
    NDIS_STATUS_MEDIA_CONNECT: NDIS_STATUS = 0x4001_000B;
    /// Status indication: media disconnect.
    NDIS_STATUS_MEDIA_DISCONNECT: NDIS_STATUS = 0x4001_000C;
    /// Status indication: hardware line up.
    NDIS_STATUS_HARDWARE_LINE_UP: NDIS_STATUS = 0x4001_000D;
    /// Status indication: hardware line down.
    NDIS_STATUS_HARDWARE_LINE_DOWN: NDIS_STATUS = 0x4001_000E;
    /// Status indication: interface up.
    NDIS_STATUS_INTERFACE_UP: NDIS_STATUS = 0x4001_000F;
    /// Status indication: interface down.
    NDIS_STATUS_INTERFACE_DOWN: NDIS_STATUS = 0x4001_0010;
    /// Status indication: media busy.
    NDIS_STATUS_MEDIA_BUSY: NDIS_STATUS = 0x4001_0011;
    /// Status indication: media specific indication.
    NDIS_STATUS_MEDIA_SPECIFIC_INDICATION: NDIS_STATUS = 0x4001_0012;
    /// Status indication: ww indication.
    NDIS_STATUS_WW_INDICATION: NDIS_STATUS = 0x4001_0012;
    /// Status indication: link speed change.
    NDIS_STATUS_LINK_SPEED_CHANGE: NDIS_STATUS = 0x4001_0013;
    /// Status indication: wan get stats.
    NDIS_STATUS_WAN_GET_STATS: NDIS_STATUS = 0x4001_0014;
    /// Status indication: wan co fragment.
    NDIS_STATUS_WAN_CO_FRAGMENT: NDIS_STATUS = 0x4001_0015;
    /// Status indication: wan co linkparams.
    NDIS_STATUS_WAN_CO_LINKPARAMS: NDIS_STATUS = 0x4001_0016;
    /// Status indication: wan co mtulinkparams.
    NDIS_STATUS_WAN_CO_MTULINKPARAMS: NDIS_STATUS = 0x4001_0025;
    /// Indication: the link state changed (payload `NDIS_LINK_STATE`).
    NDIS_STATUS_LINK_STATE: NDIS_STATUS = 0x4001_0017;
    /// Status indication: network change.
    NDIS_STATUS_NETWORK_CHANGE: NDIS_STATUS = 0x4001_0018;
    /// Status indication: media specific indication ex.
    NDIS_STATUS_MEDIA_SPECIFIC_INDICATION_EX: NDIS_STATUS = 0x4001_0019;
    /// Status indication: port state.
    NDIS_STATUS_PORT_STATE: NDIS_STATUS = 0x4001_0022;
    /// Status indication: oper status.
    NDIS_STATUS_OPER_STATUS: NDIS_STATUS = 0x4001_0023;
    /// Status indication: packet filter.
    NDIS_STATUS_PACKET_FILTER: NDIS_STATUS = 0x4001_0024;
    /// Status indication: ip oper status.
    NDIS_STATUS_IP_OPER_STATUS: NDIS_STATUS = 0x4001_0026;
    /// Status indication: offload pause.
    NDIS_STATUS_OFFLOAD_PAUSE: NDIS_STATUS = 0x4002_0001;
    /// Status indication: upload all.
    NDIS_STATUS_UPLOAD_ALL: NDIS_STATUS = 0x4002_0002;
    /// Status indication: offload resume.
    NDIS_STATUS_OFFLOAD_RESUME: NDIS_STATUS = 0x4002_0003;
    /// Status indication: offload partial success.
    NDIS_STATUS_OFFLOAD_PARTIAL_SUCCESS: NDIS_STATUS = 0x4002_0004;
    /// Status indication: offload state invalid.
    NDIS_STATUS_OFFLOAD_STATE_INVALID: NDIS_STATUS = 0x4002_0005;
    /// Indication: the current task offload configuration changed (payload `NDIS_OFFLOAD`).
    NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG: NDIS_STATUS = 0x4002_0006;
    /// Indication: the task offload hardware capabilities changed (payload `NDIS_OFFLOAD`).
    NDIS_STATUS_TASK_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_0007;
    /// Indication: the offload encapsulation changed (the header spells it ENCASPULATION).
    NDIS_STATUS_OFFLOAD_ENCASPULATION_CHANGE: NDIS_STATUS = 0x4002_0008;
    /// Status indication: tcp connection offload hardware capabilities.
    NDIS_STATUS_TCP_CONNECTION_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_000B;
    /// Status indication: hd split current config.
    NDIS_STATUS_HD_SPLIT_CURRENT_CONFIG: NDIS_STATUS = 0x4002_000C;
    /// Status indication: receive queue state.
    NDIS_STATUS_RECEIVE_QUEUE_STATE: NDIS_STATUS = 0x4002_000D;
    /// Status indication: vf config state.
    NDIS_STATUS_VF_CONFIG_STATE: NDIS_STATUS = 0x4002_000E;
    /// Status indication: receive filter current capabilities.
    NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES: NDIS_STATUS = 0x4002_0010;
    /// Status indication: receive filter hardware capabilities.
    NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_0020;
    /// Status indication: receive filter queue parameters.
    NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS: NDIS_STATUS = 0x4002_0030;
    /// Status indication: nic switch current capabilities.
    NDIS_STATUS_NIC_SWITCH_CURRENT_CAPABILITIES: NDIS_STATUS = 0x4002_0040;
    /// Status indication: nic switch hardware capabilities.
    NDIS_STATUS_NIC_SWITCH_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_0050;
    /// Status indication: receive filter queue state change.
    NDIS_STATUS_RECEIVE_FILTER_QUEUE_STATE_CHANGE: NDIS_STATUS = 0x4002_0070;
    /// Status indication: qos operational parameters change.
    NDIS_STATUS_QOS_OPERATIONAL_PARAMETERS_CHANGE: NDIS_STATUS = 0x4002_00A0;
    /// Status indication: qos remote parameters change.
    NDIS_STATUS_QOS_REMOTE_PARAMETERS_CHANGE: NDIS_STATUS = 0x4002_00A1;
    /// Status indication: isolation parameters change.
    NDIS_STATUS_ISOLATION_PARAMETERS_CHANGE: NDIS_STATUS = 0x4002_0080;
    /// Status indication: offload im reserved1.
    NDIS_STATUS_OFFLOAD_IM_RESERVED1: NDIS_STATUS = 0x4002_0100;
    /// Status indication: offload im reserved2.
    NDIS_STATUS_OFFLOAD_IM_RESERVED2: NDIS_STATUS = 0x4002_0101;
    /// Status indication: offload im reserved3.
    NDIS_STATUS_OFFLOAD_IM_RESERVED3: NDIS_STATUS = 0x4002_0102;
    /// Status indication: pd current config.
    NDIS_STATUS_PD_CURRENT_CONFIG: NDIS_STATUS = 0x4002_0200;
    /// Status indication: gft offload current capabilities.
    NDIS_STATUS_GFT_OFFLOAD_CURRENT_CAPABILITIES: NDIS_STATUS = 0x4002_0300;
    /// Status indication: gft offload hardware capabilities.
    NDIS_STATUS_GFT_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_0301;
    /// Status indication: gft offload current config.
    NDIS_STATUS_GFT_OFFLOAD_CURRENT_CONFIG: NDIS_STATUS = 0x4002_0302;
    /// Status indication: gft counters updated.
    NDIS_STATUS_GFT_COUNTERS_UPDATED: NDIS_STATUS = 0x4002_0303;
    /// Status indication: qos offload current capabilities.
    NDIS_STATUS_QOS_OFFLOAD_CURRENT_CAPABILITIES: NDIS_STATUS = 0x4002_0400;
    /// Status indication: qos offload hardware capabilities.
    NDIS_STATUS_QOS_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4002_0401;
    /// Status indication: current mac address change.
    NDIS_STATUS_CURRENT_MAC_ADDRESS_CHANGE: NDIS_STATUS = 0x4002_00B0;
    /// Status indication: l2 mtu size change.
    NDIS_STATUS_L2_MTU_SIZE_CHANGE: NDIS_STATUS = 0x4002_00B1;
    /// Status indication: timestamp capability.
    NDIS_STATUS_TIMESTAMP_CAPABILITY: NDIS_STATUS = 0x4005_1000;
    /// Status indication: timestamp current config.
    NDIS_STATUS_TIMESTAMP_CURRENT_CONFIG: NDIS_STATUS = 0x4005_1001;
    /// Status indication: pm wol pattern rejected.
    NDIS_STATUS_PM_WOL_PATTERN_REJECTED: NDIS_STATUS = 0x4003_0051;
    /// Status indication: pm offload rejected.
    NDIS_STATUS_PM_OFFLOAD_REJECTED: NDIS_STATUS = 0x4003_0052;
    /// Status indication: pm capabilities change.
    NDIS_STATUS_PM_CAPABILITIES_CHANGE: NDIS_STATUS = 0x4003_0053;
    /// Status indication: pm hardware capabilities.
    NDIS_STATUS_PM_HARDWARE_CAPABILITIES: NDIS_STATUS = 0x4003_0054;
    /// Status indication: pm wake reason.
    NDIS_STATUS_PM_WAKE_REASON: NDIS_STATUS = 0x4003_0055;
    /// Error status: invalid sap.
    NDIS_STATUS_INVALID_SAP: NDIS_STATUS = 0xC001_0020_u32 as NDIS_STATUS;
    /// Error status: sap in use.
    NDIS_STATUS_SAP_IN_USE: NDIS_STATUS = 0xC001_0021_u32 as NDIS_STATUS;
    /// Error status: invalid address.
    NDIS_STATUS_INVALID_ADDRESS: NDIS_STATUS = 0xC001_0022_u32 as NDIS_STATUS;
    /// Error status: vc not activated.
    NDIS_STATUS_VC_NOT_ACTIVATED: NDIS_STATUS = 0xC001_0023_u32 as NDIS_STATUS;
    /// Error status: dest out of order.
    NDIS_STATUS_DEST_OUT_OF_ORDER: NDIS_STATUS = 0xC001_0024_u32 as NDIS_STATUS;
    /// Error status: vc not available.
    NDIS_STATUS_VC_NOT_AVAILABLE: NDIS_STATUS = 0xC001_0025_u32 as NDIS_STATUS;
    /// Error status: cellrate not available.
    NDIS_STATUS_CELLRATE_NOT_AVAILABLE: NDIS_STATUS = 0xC001_0026_u32 as NDIS_STATUS;
    /// Error status: incompatible qos.
    NDIS_STATUS_INCOMPATIBLE_QOS: NDIS_STATUS = 0xC001_0027_u32 as NDIS_STATUS;
    /// Error status: incompatible QoS (misspelled alias kept by the header).
    NDIS_STATUS_INCOMPATABLE_QOS: NDIS_STATUS = 0xC001_0027_u32 as NDIS_STATUS;
    /// Error status: aal params unsupported.
    NDIS_STATUS_AAL_PARAMS_UNSUPPORTED: NDIS_STATUS = 0xC001_0028_u32 as NDIS_STATUS;
    /// Error status: no route to destination.
    NDIS_STATUS_NO_ROUTE_TO_DESTINATION: NDIS_STATUS = 0xC001_0029_u32 as NDIS_STATUS;
    /// Error status: token ring open error.
    NDIS_STATUS_TOKEN_RING_OPEN_ERROR: NDIS_STATUS = 0xC001_1000_u32 as NDIS_STATUS;
    /// Error status: send aborted.
    NDIS_STATUS_SEND_ABORTED: NDIS_STATUS = 0xC023_000C_u32 as NDIS_STATUS;
    /// The miniport is paused (sends are failed with this).
    NDIS_STATUS_PAUSED: NDIS_STATUS = 0xC023_002A_u32 as NDIS_STATUS;
    /// Error status: interface not found.
    NDIS_STATUS_INTERFACE_NOT_FOUND: NDIS_STATUS = 0xC023_002B_u32 as NDIS_STATUS;
    /// A parameter is invalid.
    NDIS_STATUS_INVALID_PARAMETER: NDIS_STATUS = 0xC000_000D_u32 as NDIS_STATUS;
    /// Error status: unsupported revision.
    NDIS_STATUS_UNSUPPORTED_REVISION: NDIS_STATUS = 0xC023_002C_u32 as NDIS_STATUS;
    /// Error status: invalid port.
    NDIS_STATUS_INVALID_PORT: NDIS_STATUS = 0xC023_002D_u32 as NDIS_STATUS;
    /// Error status: invalid port state.
    NDIS_STATUS_INVALID_PORT_STATE: NDIS_STATUS = 0xC023_002E_u32 as NDIS_STATUS;
    /// Error status: invalid state.
    NDIS_STATUS_INVALID_STATE: NDIS_STATUS = 0xC000_0184_u32 as NDIS_STATUS;
    /// Error status: media disconnected.
    NDIS_STATUS_MEDIA_DISCONNECTED: NDIS_STATUS = 0xC023_001F_u32 as NDIS_STATUS;
    /// Error status: low power state.
    NDIS_STATUS_LOW_POWER_STATE: NDIS_STATUS = 0xC023_002F_u32 as NDIS_STATUS;
    /// Error status: no queues.
    NDIS_STATUS_NO_QUEUES: NDIS_STATUS = 0xC023_0031_u32 as NDIS_STATUS;
    /// Error status: pm wol pattern list full.
    NDIS_STATUS_PM_WOL_PATTERN_LIST_FULL: NDIS_STATUS = 0xC023_2003_u32 as NDIS_STATUS;
    /// Error status: pm protocol offload list full.
    NDIS_STATUS_PM_PROTOCOL_OFFLOAD_LIST_FULL: NDIS_STATUS = 0xC023_2004_u32 as NDIS_STATUS;
    /// Warning status: busy.
    NDIS_STATUS_BUSY: NDIS_STATUS = 0x8000_0011_u32 as NDIS_STATUS;
    /// Error status: reinit required.
    NDIS_STATUS_REINIT_REQUIRED: NDIS_STATUS = 0xC023_0030_u32 as NDIS_STATUS;
    /// Error status: upload in progress.
    NDIS_STATUS_UPLOAD_IN_PROGRESS: NDIS_STATUS = 0xC023_1001_u32 as NDIS_STATUS;
    /// Error status: request upload.
    NDIS_STATUS_REQUEST_UPLOAD: NDIS_STATUS = 0xC023_1002_u32 as NDIS_STATUS;
    /// Error status: upload requested.
    NDIS_STATUS_UPLOAD_REQUESTED: NDIS_STATUS = 0xC023_1003_u32 as NDIS_STATUS;
    /// Error status: offload tcp entries.
    NDIS_STATUS_OFFLOAD_TCP_ENTRIES: NDIS_STATUS = 0xC023_1004_u32 as NDIS_STATUS;
    /// Error status: offload path entries.
    NDIS_STATUS_OFFLOAD_PATH_ENTRIES: NDIS_STATUS = 0xC023_1005_u32 as NDIS_STATUS;
    /// Error status: offload neighbor entries.
    NDIS_STATUS_OFFLOAD_NEIGHBOR_ENTRIES: NDIS_STATUS = 0xC023_1006_u32 as NDIS_STATUS;
    /// Error status: offload ip address entries.
    NDIS_STATUS_OFFLOAD_IP_ADDRESS_ENTRIES: NDIS_STATUS = 0xC023_1007_u32 as NDIS_STATUS;
    /// Error status: offload hw address entries.
    NDIS_STATUS_OFFLOAD_HW_ADDRESS_ENTRIES: NDIS_STATUS = 0xC023_1008_u32 as NDIS_STATUS;
    /// Error status: offload vlan entries.
    NDIS_STATUS_OFFLOAD_VLAN_ENTRIES: NDIS_STATUS = 0xC023_1009_u32 as NDIS_STATUS;
    /// Error status: offload tcp xmit buffer.
    NDIS_STATUS_OFFLOAD_TCP_XMIT_BUFFER: NDIS_STATUS = 0xC023_100A_u32 as NDIS_STATUS;
    /// Error status: offload tcp rcv buffer.
    NDIS_STATUS_OFFLOAD_TCP_RCV_BUFFER: NDIS_STATUS = 0xC023_100B_u32 as NDIS_STATUS;
    /// Error status: offload tcp rcv window.
    NDIS_STATUS_OFFLOAD_TCP_RCV_WINDOW: NDIS_STATUS = 0xC023_100C_u32 as NDIS_STATUS;
    /// Error status: offload vlan mismatch.
    NDIS_STATUS_OFFLOAD_VLAN_MISMATCH: NDIS_STATUS = 0xC023_100D_u32 as NDIS_STATUS;
    /// Error status: offload data not accepted.
    NDIS_STATUS_OFFLOAD_DATA_NOT_ACCEPTED: NDIS_STATUS = 0xC023_100E_u32 as NDIS_STATUS;
    /// Error status: offload policy.
    NDIS_STATUS_OFFLOAD_POLICY: NDIS_STATUS = 0xC023_100F_u32 as NDIS_STATUS;
    /// Error status: offload data partially accepted.
    NDIS_STATUS_OFFLOAD_DATA_PARTIALLY_ACCEPTED: NDIS_STATUS = 0xC023_1010_u32 as NDIS_STATUS;
    /// Error status: offload request reset.
    NDIS_STATUS_OFFLOAD_REQUEST_RESET: NDIS_STATUS = 0xC023_1011_u32 as NDIS_STATUS;
    /// Error status: offload connection rejected.
    NDIS_STATUS_OFFLOAD_CONNECTION_REJECTED: NDIS_STATUS = 0xC023_1012_u32 as NDIS_STATUS;
    /// Error status: switch port remove vf.
    NDIS_STATUS_SWITCH_PORT_REMOVE_VF: NDIS_STATUS = 0xC024_1001_u32 as NDIS_STATUS;
    /// Error status: switch nic status.
    NDIS_STATUS_SWITCH_NIC_STATUS: NDIS_STATUS = 0xC024_1002_u32 as NDIS_STATUS;
    /// `NDIS_STATUS_INDICATION.Flags` bits reserved for NDIS.
    NDIS_STATUS_INDICATION_FLAGS_NDIS_RESERVED: u32 = 0xFFF;
    /// `NDIS_STATUS_INDICATION.Flags`: a media-connect indication while already connected.
    NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT: u32 = 0x1000;
    /// Packet drop reason: host out of memory.
    NDIS_STATUS_HOST_OUT_OF_MEMORY: NDIS_STATUS = 0x4005_2001;
    /// Packet drop reason: frame too long.
    NDIS_STATUS_FRAME_TOO_LONG: NDIS_STATUS = 0x4005_2002;
    /// Packet drop reason: frame too short.
    NDIS_STATUS_FRAME_TOO_SHORT: NDIS_STATUS = 0x4005_2003;
    /// Packet drop reason: frame length error.
    NDIS_STATUS_FRAME_LENGTH_ERROR: NDIS_STATUS = 0x4005_2004;
    /// Packet drop reason: crc error.
    NDIS_STATUS_CRC_ERROR: NDIS_STATUS = 0x4005_2005;
    /// Packet drop reason: bad checksum.
    NDIS_STATUS_BAD_CHECKSUM: NDIS_STATUS = 0x4005_2006;
    /// Packet drop reason: fcs error.
    NDIS_STATUS_FCS_ERROR: NDIS_STATUS = 0x4005_2007;
    /// Packet drop reason: symbol error.
    NDIS_STATUS_SYMBOL_ERROR: NDIS_STATUS = 0x4005_2008;
    /// Packet drop reason: head of queue timeout.
    NDIS_STATUS_HEAD_OF_QUEUE_TIMEOUT: NDIS_STATUS = 0x4005_2009;
    /// Packet drop reason: stalled state discard.
    NDIS_STATUS_STALLED_STATE_DISCARD: NDIS_STATUS = 0x4005_2010;
    /// Packet drop reason: rx queue full.
    NDIS_STATUS_RX_QUEUE_FULL: NDIS_STATUS = 0x4005_2011;
    /// Packet drop reason: physical layer error.
    NDIS_STATUS_PHYSICAL_LAYER_ERROR: NDIS_STATUS = 0x4005_2012;
    /// Packet drop reason: dma error.
    NDIS_STATUS_DMA_ERROR: NDIS_STATUS = 0x4005_2013;
    /// Packet drop reason: firmware error.
    NDIS_STATUS_FIRMWARE_ERROR: NDIS_STATUS = 0x4005_2014;
    /// Packet drop reason: decryption failed.
    NDIS_STATUS_DECRYPTION_FAILED: NDIS_STATUS = 0x4005_2015;
    /// Packet drop reason: bad signature.
    NDIS_STATUS_BAD_SIGNATURE: NDIS_STATUS = 0x4005_2016;
    /// Packet drop reason: coalescing error.
    NDIS_STATUS_COALESCING_ERROR: NDIS_STATUS = 0x4005_2017;
    /// Packet drop reason: mac spoofing failure.
    NDIS_STATUS_MAC_SPOOFING_FAILURE: NDIS_STATUS = 0x4005_2018;
    /// Packet drop reason: vlan spoofing failure.
    NDIS_STATUS_VLAN_SPOOFING_FAILURE: NDIS_STATUS = 0x4005_2019;
    /// Packet drop reason: unallowed ethertype.
    NDIS_STATUS_UNALLOWED_ETHERTYPE: NDIS_STATUS = 0x4005_2020;
    /// Packet drop reason: vport down.
    NDIS_STATUS_VPORT_DOWN: NDIS_STATUS = 0x4005_2021;
    /// Packet drop reason: steering mismatch.
    NDIS_STATUS_STEERING_MISMATCH: NDIS_STATUS = 0x4005_2022;
    /// Packet drop reason: reserved drop begin.
    NDIS_STATUS_RESERVED_DROP_BEGIN: NDIS_STATUS = 0x4005_2023;
    /// Packet drop reason: reserved drop end.
    NDIS_STATUS_RESERVED_DROP_END: NDIS_STATUS = 0x4005_3000;
    /// Packet drop reason: driver internal drop begin.
    NDIS_STATUS_DRIVER_INTERNAL_DROP_BEGIN: NDIS_STATUS = 0x4005_3000;
    /// Packet drop reason: driver internal drop end.
    NDIS_STATUS_DRIVER_INTERNAL_DROP_END: NDIS_STATUS = 0x4005_4000;
    /// Success.
    NDIS_STATUS_SUCCESS: NDIS_STATUS = 0x0;
    /// The operation completes later (asynchronously).
    NDIS_STATUS_PENDING: NDIS_STATUS = 0x103;
    /// Status: already complete.
    NDIS_STATUS_ALREADY_COMPLETE: NDIS_STATUS = 0xFF;
    /// Status: not recognized.
    NDIS_STATUS_NOT_RECOGNIZED: NDIS_STATUS = 0x0001_0001;
    /// Status: not copied.
    NDIS_STATUS_NOT_COPIED: NDIS_STATUS = 0x0001_0002;
    /// Status: not accepted.
    NDIS_STATUS_NOT_ACCEPTED: NDIS_STATUS = 0x0001_0003;
    /// Status: call active.
    NDIS_STATUS_CALL_ACTIVE: NDIS_STATUS = 0x0001_0007;
    /// Status: indication required.
    NDIS_STATUS_INDICATION_REQUIRED: NDIS_STATUS = 0x4023_0001;
    /// Warning status: not resettable.
    NDIS_STATUS_NOT_RESETTABLE: NDIS_STATUS = 0x8001_0001_u32 as NDIS_STATUS;
    /// Warning status: soft errors.
    NDIS_STATUS_SOFT_ERRORS: NDIS_STATUS = 0x8001_0003_u32 as NDIS_STATUS;
    /// Warning status: hard errors.
    NDIS_STATUS_HARD_ERRORS: NDIS_STATUS = 0x8001_0004_u32 as NDIS_STATUS;
    /// Warning status: buffer overflow.
    NDIS_STATUS_BUFFER_OVERFLOW: NDIS_STATUS = 0x8000_0005_u32 as NDIS_STATUS;
    /// Generic failure.
    NDIS_STATUS_FAILURE: NDIS_STATUS = 0xC000_0001_u32 as NDIS_STATUS;
    /// Out of memory or other resources.
    NDIS_STATUS_RESOURCES: NDIS_STATUS = 0xC000_009A_u32 as NDIS_STATUS;
    /// Error status: closing.
    NDIS_STATUS_CLOSING: NDIS_STATUS = 0xC001_0002_u32 as NDIS_STATUS;
    /// Error status: bad version.
    NDIS_STATUS_BAD_VERSION: NDIS_STATUS = 0xC001_0004_u32 as NDIS_STATUS;
    /// Error status: bad characteristics.
    NDIS_STATUS_BAD_CHARACTERISTICS: NDIS_STATUS = 0xC001_0005_u32 as NDIS_STATUS;
    /// Error status: adapter not found.
    NDIS_STATUS_ADAPTER_NOT_FOUND: NDIS_STATUS = 0xC001_0006_u32 as NDIS_STATUS;
    /// Error status: open failed.
    NDIS_STATUS_OPEN_FAILED: NDIS_STATUS = 0xC001_0007_u32 as NDIS_STATUS;
    /// Error status: device failed.
    NDIS_STATUS_DEVICE_FAILED: NDIS_STATUS = 0xC001_0008_u32 as NDIS_STATUS;
    /// Error status: multicast full.
    NDIS_STATUS_MULTICAST_FULL: NDIS_STATUS = 0xC001_0009_u32 as NDIS_STATUS;
    /// Error status: multicast exists.
    NDIS_STATUS_MULTICAST_EXISTS: NDIS_STATUS = 0xC001_000A_u32 as NDIS_STATUS;
    /// Error status: multicast not found.
    NDIS_STATUS_MULTICAST_NOT_FOUND: NDIS_STATUS = 0xC001_000B_u32 as NDIS_STATUS;
    /// The request was cancelled or aborted.
    NDIS_STATUS_REQUEST_ABORTED: NDIS_STATUS = 0xC001_000C_u32 as NDIS_STATUS;
    /// Error status: reset in progress.
    NDIS_STATUS_RESET_IN_PROGRESS: NDIS_STATUS = 0xC001_000D_u32 as NDIS_STATUS;
    /// Error status: closing indicating.
    NDIS_STATUS_CLOSING_INDICATING: NDIS_STATUS = 0xC001_000E_u32 as NDIS_STATUS;
    /// Request or OID not supported.
    NDIS_STATUS_NOT_SUPPORTED: NDIS_STATUS = 0xC000_00BB_u32 as NDIS_STATUS;
    /// Error status: invalid packet.
    NDIS_STATUS_INVALID_PACKET: NDIS_STATUS = 0xC001_000F_u32 as NDIS_STATUS;
    /// Error status: open list full.
    NDIS_STATUS_OPEN_LIST_FULL: NDIS_STATUS = 0xC001_0010_u32 as NDIS_STATUS;
    /// Error status: adapter not ready.
    NDIS_STATUS_ADAPTER_NOT_READY: NDIS_STATUS = 0xC001_0011_u32 as NDIS_STATUS;
    /// Error status: adapter not open.
    NDIS_STATUS_ADAPTER_NOT_OPEN: NDIS_STATUS = 0xC001_0012_u32 as NDIS_STATUS;
    /// Error status: not indicating.
    NDIS_STATUS_NOT_INDICATING: NDIS_STATUS = 0xC001_0013_u32 as NDIS_STATUS;
    /// The information buffer has the wrong length.
    NDIS_STATUS_INVALID_LENGTH: NDIS_STATUS = 0xC001_0014_u32 as NDIS_STATUS;
    /// The information buffer holds invalid data.
    NDIS_STATUS_INVALID_DATA: NDIS_STATUS = 0xC001_0015_u32 as NDIS_STATUS;
    /// The information buffer is too small (see `BytesNeeded`).
    NDIS_STATUS_BUFFER_TOO_SHORT: NDIS_STATUS = 0xC001_0016_u32 as NDIS_STATUS;
    /// The OID is not handled by this miniport.
    NDIS_STATUS_INVALID_OID: NDIS_STATUS = 0xC001_0017_u32 as NDIS_STATUS;
    /// Error status: adapter removed.
    NDIS_STATUS_ADAPTER_REMOVED: NDIS_STATUS = 0xC001_0018_u32 as NDIS_STATUS;
    /// Error status: unsupported media.
    NDIS_STATUS_UNSUPPORTED_MEDIA: NDIS_STATUS = 0xC001_0019_u32 as NDIS_STATUS;
    /// Error status: group address in use.
    NDIS_STATUS_GROUP_ADDRESS_IN_USE: NDIS_STATUS = 0xC001_001A_u32 as NDIS_STATUS;
    /// Error status: file not found.
    NDIS_STATUS_FILE_NOT_FOUND: NDIS_STATUS = 0xC001_001B_u32 as NDIS_STATUS;
    /// Error status: error reading file.
    NDIS_STATUS_ERROR_READING_FILE: NDIS_STATUS = 0xC001_001C_u32 as NDIS_STATUS;
    /// Error status: already mapped.
    NDIS_STATUS_ALREADY_MAPPED: NDIS_STATUS = 0xC001_001D_u32 as NDIS_STATUS;
    /// Error status: resource conflict.
    NDIS_STATUS_RESOURCE_CONFLICT: NDIS_STATUS = 0xC001_001E_u32 as NDIS_STATUS;
    /// Error status: no cable.
    NDIS_STATUS_NO_CABLE: NDIS_STATUS = 0xC001_001F_u32 as NDIS_STATUS;
    /// Error status: invalid device request.
    NDIS_STATUS_INVALID_DEVICE_REQUEST: NDIS_STATUS = 0xC000_0010_u32 as NDIS_STATUS;
    /// Error status: network unreachable.
    NDIS_STATUS_NETWORK_UNREACHABLE: NDIS_STATUS = 0xC000_023C_u32 as NDIS_STATUS;
    /// Error status: data not accepted.
    NDIS_STATUS_DATA_NOT_ACCEPTED: NDIS_STATUS = 0xC000_021B_u32 as NDIS_STATUS;
}
