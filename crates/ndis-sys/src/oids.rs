//! Object identifiers (`OID_*`) of the general, Ethernet, power-management and TCP/IP offload
//! families, including the IPsec offload v2 OIDs.

use crate::types::*;

// ------------------------------------------------------------------------------------------
// OID_GEN/802_3/TCP/OFFLOAD/PNP/PM_
// ------------------------------------------------------------------------------------------

ndis_constants! {
    /// Every constant of the group `OID_GEN/802_3/TCP/OFFLOAD/PNP/PM_`, as (name, bit pattern).
    OID_CONSTANTS;
    /// General OID: supported list.
    OID_GEN_SUPPORTED_LIST: NDIS_OID = 0x0001_0101;
    /// General OID: hardware status.
    OID_GEN_HARDWARE_STATUS: NDIS_OID = 0x0001_0102;
    /// General OID: media supported.
    OID_GEN_MEDIA_SUPPORTED: NDIS_OID = 0x0001_0103;
    /// General OID: media in use.
    OID_GEN_MEDIA_IN_USE: NDIS_OID = 0x0001_0104;
    /// General OID: maximum lookahead.
    OID_GEN_MAXIMUM_LOOKAHEAD: NDIS_OID = 0x0001_0105;
    /// General OID: maximum frame size.
    OID_GEN_MAXIMUM_FRAME_SIZE: NDIS_OID = 0x0001_0106;
    /// General OID: link speed.
    OID_GEN_LINK_SPEED: NDIS_OID = 0x0001_0107;
    /// General OID: transmit buffer space.
    OID_GEN_TRANSMIT_BUFFER_SPACE: NDIS_OID = 0x0001_0108;
    /// General OID: receive buffer space.
    OID_GEN_RECEIVE_BUFFER_SPACE: NDIS_OID = 0x0001_0109;
    /// General OID: transmit block size.
    OID_GEN_TRANSMIT_BLOCK_SIZE: NDIS_OID = 0x0001_010A;
    /// General OID: receive block size.
    OID_GEN_RECEIVE_BLOCK_SIZE: NDIS_OID = 0x0001_010B;
    /// General OID: vendor id.
    OID_GEN_VENDOR_ID: NDIS_OID = 0x0001_010C;
    /// General OID: vendor description.
    OID_GEN_VENDOR_DESCRIPTION: NDIS_OID = 0x0001_010D;
    /// General: receive packet filter (`NDIS_PACKET_TYPE_*`).
    OID_GEN_CURRENT_PACKET_FILTER: NDIS_OID = 0x0001_010E;
    /// General: lookahead size.
    OID_GEN_CURRENT_LOOKAHEAD: NDIS_OID = 0x0001_010F;
    /// General OID: driver version.
    OID_GEN_DRIVER_VERSION: NDIS_OID = 0x0001_0110;
    /// General OID: maximum total size.
    OID_GEN_MAXIMUM_TOTAL_SIZE: NDIS_OID = 0x0001_0111;
    /// General OID: protocol options.
    OID_GEN_PROTOCOL_OPTIONS: NDIS_OID = 0x0001_0112;
    /// General OID: mac options.
    OID_GEN_MAC_OPTIONS: NDIS_OID = 0x0001_0113;
    /// General OID: media connect status.
    OID_GEN_MEDIA_CONNECT_STATUS: NDIS_OID = 0x0001_0114;
    /// General OID: maximum send packets.
    OID_GEN_MAXIMUM_SEND_PACKETS: NDIS_OID = 0x0001_0115;
    /// General OID: vendor driver version.
    OID_GEN_VENDOR_DRIVER_VERSION: NDIS_OID = 0x0001_0116;
    /// General OID: supported guids.
    OID_GEN_SUPPORTED_GUIDS: NDIS_OID = 0x0001_0117;
    /// General OID: network layer addresses.
    OID_GEN_NETWORK_LAYER_ADDRESSES: NDIS_OID = 0x0001_0118;
    /// General OID: transport header offset.
    OID_GEN_TRANSPORT_HEADER_OFFSET: NDIS_OID = 0x0001_0119;
    /// General OID: media capabilities.
    OID_GEN_MEDIA_CAPABILITIES: NDIS_OID = 0x0001_0201;
    /// General OID: physical medium.
    OID_GEN_PHYSICAL_MEDIUM: NDIS_OID = 0x0001_0202;
    /// General OID: receive scale capabilities.
    OID_GEN_RECEIVE_SCALE_CAPABILITIES: NDIS_OID = 0x0001_0203;
    /// General OID: receive scale parameters.
    OID_GEN_RECEIVE_SCALE_PARAMETERS: NDIS_OID = 0x0001_0204;
    /// General OID: mac address.
    OID_GEN_MAC_ADDRESS: NDIS_OID = 0x0001_0205;
    /// General OID: max link speed.
    OID_GEN_MAX_LINK_SPEED: NDIS_OID = 0x0001_0206;
    /// General: current link state (`NDIS_LINK_STATE`).
    OID_GEN_LINK_STATE: NDIS_OID = 0x0001_0207;
    /// General OID: link parameters.
    OID_GEN_LINK_PARAMETERS: NDIS_OID = 0x0001_0208;
    /// General: interrupt moderation (`NDIS_INTERRUPT_MODERATION_PARAMETERS`).
    OID_GEN_INTERRUPT_MODERATION: NDIS_OID = 0x0001_0209;
    /// General OID: ndis reserved 3.
    OID_GEN_NDIS_RESERVED_3: NDIS_OID = 0x0001_020A;
    /// General OID: ndis reserved 4.
    OID_GEN_NDIS_RESERVED_4: NDIS_OID = 0x0001_020B;
    /// General OID: ndis reserved 5.
    OID_GEN_NDIS_RESERVED_5: NDIS_OID = 0x0001_020C;
    /// General OID: enumerate ports.
    OID_GEN_ENUMERATE_PORTS: NDIS_OID = 0x0001_020D;
    /// General OID: port state.
    OID_GEN_PORT_STATE: NDIS_OID = 0x0001_020E;
    /// General OID: port authentication parameters.
    OID_GEN_PORT_AUTHENTICATION_PARAMETERS: NDIS_OID = 0x0001_020F;
    /// General OID: timeout dpc request capabilities.
    OID_GEN_TIMEOUT_DPC_REQUEST_CAPABILITIES: NDIS_OID = 0x0001_0210;
    /// General OID: pci device custom properties.
    OID_GEN_PCI_DEVICE_CUSTOM_PROPERTIES: NDIS_OID = 0x0001_0211;
    /// General OID: ndis reserved 6.
    OID_GEN_NDIS_RESERVED_6: NDIS_OID = 0x0001_0212;
    /// General OID: physical medium ex.
    OID_GEN_PHYSICAL_MEDIUM_EX: NDIS_OID = 0x0001_0213;
    /// General OID: receive scale parameters v2.
    OID_GEN_RECEIVE_SCALE_PARAMETERS_V2: NDIS_OID = 0x0001_0214;
    /// General OID: machine name.
    OID_GEN_MACHINE_NAME: NDIS_OID = 0x0001_021A;
    /// General OID: rndis config parameter.
    OID_GEN_RNDIS_CONFIG_PARAMETER: NDIS_OID = 0x0001_021B;
    /// General OID: vlan id.
    OID_GEN_VLAN_ID: NDIS_OID = 0x0001_021C;
    /// General OID: receive hash.
    OID_GEN_RECEIVE_HASH: NDIS_OID = 0x0001_021F;
    /// General OID: miniport restart attributes.
    OID_GEN_MINIPORT_RESTART_ATTRIBUTES: NDIS_OID = 0x0001_021D;
    /// General OID: hd split parameters.
    OID_GEN_HD_SPLIT_PARAMETERS: NDIS_OID = 0x0001_021E;
    /// General OID: hd split current config.
    OID_GEN_HD_SPLIT_CURRENT_CONFIG: NDIS_OID = 0x0001_0220;
    /// General OID: promiscuous mode.
    OID_GEN_PROMISCUOUS_MODE: NDIS_OID = 0x0001_0280;
    /// General OID: last change.
    OID_GEN_LAST_CHANGE: NDIS_OID = 0x0001_0281;
    /// General OID: discontinuity time.
    OID_GEN_DISCONTINUITY_TIME: NDIS_OID = 0x0001_0282;
    /// General OID: operational status.
    OID_GEN_OPERATIONAL_STATUS: NDIS_OID = 0x0001_0283;
    /// General OID: xmit link speed.
    OID_GEN_XMIT_LINK_SPEED: NDIS_OID = 0x0001_0284;
    /// General OID: rcv link speed.
    OID_GEN_RCV_LINK_SPEED: NDIS_OID = 0x0001_0285;
    /// General OID: unknown protos.
    OID_GEN_UNKNOWN_PROTOS: NDIS_OID = 0x0001_0286;
    /// General OID: interface info.
    OID_GEN_INTERFACE_INFO: NDIS_OID = 0x0001_0287;
    /// General OID: admin status.
    OID_GEN_ADMIN_STATUS: NDIS_OID = 0x0001_0288;
    /// General OID: alias.
    OID_GEN_ALIAS: NDIS_OID = 0x0001_0289;
    /// General OID: media connect status ex.
    OID_GEN_MEDIA_CONNECT_STATUS_EX: NDIS_OID = 0x0001_028A;
    /// General OID: link speed ex.
    OID_GEN_LINK_SPEED_EX: NDIS_OID = 0x0001_028B;
    /// General OID: media duplex state.
    OID_GEN_MEDIA_DUPLEX_STATE: NDIS_OID = 0x0001_028C;
    /// General OID: ip oper status.
    OID_GEN_IP_OPER_STATUS: NDIS_OID = 0x0001_028D;
    /// General statistics OID: xmit ok.
    OID_GEN_XMIT_OK: NDIS_OID = 0x0002_0101;
    /// General statistics OID: rcv ok.
    OID_GEN_RCV_OK: NDIS_OID = 0x0002_0102;
    /// General statistics OID: xmit error.
    OID_GEN_XMIT_ERROR: NDIS_OID = 0x0002_0103;
    /// General statistics OID: rcv error.
    OID_GEN_RCV_ERROR: NDIS_OID = 0x0002_0104;
    /// General statistics OID: rcv no buffer.
    OID_GEN_RCV_NO_BUFFER: NDIS_OID = 0x0002_0105;
    /// General: all interface counters at once (`NDIS_STATISTICS_INFO`).
    OID_GEN_STATISTICS: NDIS_OID = 0x0002_0106;
    /// General statistics OID: directed bytes xmit.
    OID_GEN_DIRECTED_BYTES_XMIT: NDIS_OID = 0x0002_0201;
    /// General statistics OID: directed frames xmit.
    OID_GEN_DIRECTED_FRAMES_XMIT: NDIS_OID = 0x0002_0202;
    /// General statistics OID: multicast bytes xmit.
    OID_GEN_MULTICAST_BYTES_XMIT: NDIS_OID = 0x0002_0203;
    /// General statistics OID: multicast frames xmit.
    OID_GEN_MULTICAST_FRAMES_XMIT: NDIS_OID = 0x0002_0204;
    /// General statistics OID: broadcast bytes xmit.
    OID_GEN_BROADCAST_BYTES_XMIT: NDIS_OID = 0x0002_0205;
    /// General statistics OID: broadcast frames xmit.
    OID_GEN_BROADCAST_FRAMES_XMIT: NDIS_OID = 0x0002_0206;
    /// General statistics OID: directed bytes rcv.
    OID_GEN_DIRECTED_BYTES_RCV: NDIS_OID = 0x0002_0207;
    /// General statistics OID: directed frames rcv.
    OID_GEN_DIRECTED_FRAMES_RCV: NDIS_OID = 0x0002_0208;
    /// General statistics OID: multicast bytes rcv.
    OID_GEN_MULTICAST_BYTES_RCV: NDIS_OID = 0x0002_0209;
    /// General statistics OID: multicast frames rcv.
    OID_GEN_MULTICAST_FRAMES_RCV: NDIS_OID = 0x0002_020A;
    /// General statistics OID: broadcast bytes rcv.
    OID_GEN_BROADCAST_BYTES_RCV: NDIS_OID = 0x0002_020B;
    /// General statistics OID: broadcast frames rcv.
    OID_GEN_BROADCAST_FRAMES_RCV: NDIS_OID = 0x0002_020C;
    /// General statistics OID: rcv crc error.
    OID_GEN_RCV_CRC_ERROR: NDIS_OID = 0x0002_020D;
    /// General statistics OID: transmit queue length.
    OID_GEN_TRANSMIT_QUEUE_LENGTH: NDIS_OID = 0x0002_020E;
    /// General statistics OID: get time caps.
    OID_GEN_GET_TIME_CAPS: NDIS_OID = 0x0002_020F;
    /// General statistics OID: get netcard time.
    OID_GEN_GET_NETCARD_TIME: NDIS_OID = 0x0002_0210;
    /// General statistics OID: netcard load.
    OID_GEN_NETCARD_LOAD: NDIS_OID = 0x0002_0211;
    /// General statistics OID: device profile.
    OID_GEN_DEVICE_PROFILE: NDIS_OID = 0x0002_0212;
    /// General statistics OID: init time ms.
    OID_GEN_INIT_TIME_MS: NDIS_OID = 0x0002_0213;
    /// General statistics OID: reset counts.
    OID_GEN_RESET_COUNTS: NDIS_OID = 0x0002_0214;
    /// General statistics OID: media sense counts.
    OID_GEN_MEDIA_SENSE_COUNTS: NDIS_OID = 0x0002_0215;
    /// General statistics OID: friendly name.
    OID_GEN_FRIENDLY_NAME: NDIS_OID = 0x0002_0216;
    /// General statistics OID: ndis reserved 1.
    OID_GEN_NDIS_RESERVED_1: NDIS_OID = 0x0002_0217;
    /// General statistics OID: ndis reserved 2.
    OID_GEN_NDIS_RESERVED_2: NDIS_OID = 0x0002_0218;
    /// General statistics OID: bytes rcv.
    OID_GEN_BYTES_RCV: NDIS_OID = 0x0002_0219;
    /// General statistics OID: bytes xmit.
    OID_GEN_BYTES_XMIT: NDIS_OID = 0x0002_021A;
    /// General statistics OID: rcv discards.
    OID_GEN_RCV_DISCARDS: NDIS_OID = 0x0002_021B;
    /// General statistics OID: xmit discards.
    OID_GEN_XMIT_DISCARDS: NDIS_OID = 0x0002_021C;
    /// TCP/IP offload OID: rsc statistics.
    OID_TCP_RSC_STATISTICS: NDIS_OID = 0x0002_021D;
    /// General statistics OID: ndis reserved 7.
    OID_GEN_NDIS_RESERVED_7: NDIS_OID = 0x0002_021E;
    /// Connection-oriented general OID: supported list.
    OID_GEN_CO_SUPPORTED_LIST: NDIS_OID = 0x0001_0101;
    /// Connection-oriented general OID: hardware status.
    OID_GEN_CO_HARDWARE_STATUS: NDIS_OID = 0x0001_0102;
    /// Connection-oriented general OID: media supported.
    OID_GEN_CO_MEDIA_SUPPORTED: NDIS_OID = 0x0001_0103;
    /// Connection-oriented general OID: media in use.
    OID_GEN_CO_MEDIA_IN_USE: NDIS_OID = 0x0001_0104;
    /// Connection-oriented general OID: link speed.
    OID_GEN_CO_LINK_SPEED: NDIS_OID = 0x0001_0107;
    /// Connection-oriented general OID: vendor id.
    OID_GEN_CO_VENDOR_ID: NDIS_OID = 0x0001_010C;
    /// Connection-oriented general OID: vendor description.
    OID_GEN_CO_VENDOR_DESCRIPTION: NDIS_OID = 0x0001_010D;
    /// Connection-oriented general OID: driver version.
    OID_GEN_CO_DRIVER_VERSION: NDIS_OID = 0x0001_0110;
    /// Connection-oriented general OID: protocol options.
    OID_GEN_CO_PROTOCOL_OPTIONS: NDIS_OID = 0x0001_0112;
    /// Connection-oriented general OID: mac options.
    OID_GEN_CO_MAC_OPTIONS: NDIS_OID = 0x0001_0113;
    /// Connection-oriented general OID: media connect status.
    OID_GEN_CO_MEDIA_CONNECT_STATUS: NDIS_OID = 0x0001_0114;
    /// Connection-oriented general OID: vendor driver version.
    OID_GEN_CO_VENDOR_DRIVER_VERSION: NDIS_OID = 0x0001_0116;
    /// Connection-oriented general OID: supported guids.
    OID_GEN_CO_SUPPORTED_GUIDS: NDIS_OID = 0x0001_0117;
    /// Connection-oriented general OID: get time caps.
    OID_GEN_CO_GET_TIME_CAPS: NDIS_OID = 0x0002_020F;
    /// Connection-oriented general OID: get netcard time.
    OID_GEN_CO_GET_NETCARD_TIME: NDIS_OID = 0x0002_0210;
    /// Connection-oriented general OID: minimum link speed.
    OID_GEN_CO_MINIMUM_LINK_SPEED: NDIS_OID = 0x0002_0120;
    /// Connection-oriented general OID: xmit pdus ok.
    OID_GEN_CO_XMIT_PDUS_OK: NDIS_OID = 0x0002_0101;
    /// Connection-oriented general OID: rcv pdus ok.
    OID_GEN_CO_RCV_PDUS_OK: NDIS_OID = 0x0002_0102;
    /// Connection-oriented general OID: xmit pdus error.
    OID_GEN_CO_XMIT_PDUS_ERROR: NDIS_OID = 0x0002_0103;
    /// Connection-oriented general OID: rcv pdus error.
    OID_GEN_CO_RCV_PDUS_ERROR: NDIS_OID = 0x0002_0104;
    /// Connection-oriented general OID: rcv pdus no buffer.
    OID_GEN_CO_RCV_PDUS_NO_BUFFER: NDIS_OID = 0x0002_0105;
    /// Connection-oriented general OID: rcv crc error.
    OID_GEN_CO_RCV_CRC_ERROR: NDIS_OID = 0x0002_020D;
    /// Connection-oriented general OID: transmit queue length.
    OID_GEN_CO_TRANSMIT_QUEUE_LENGTH: NDIS_OID = 0x0002_020E;
    /// Connection-oriented general OID: bytes xmit.
    OID_GEN_CO_BYTES_XMIT: NDIS_OID = 0x0002_0201;
    /// Connection-oriented general OID: bytes rcv.
    OID_GEN_CO_BYTES_RCV: NDIS_OID = 0x0002_0207;
    /// Connection-oriented general OID: netcard load.
    OID_GEN_CO_NETCARD_LOAD: NDIS_OID = 0x0002_0211;
    /// Connection-oriented general OID: device profile.
    OID_GEN_CO_DEVICE_PROFILE: NDIS_OID = 0x0002_0212;
    /// Connection-oriented general OID: bytes xmit outstanding.
    OID_GEN_CO_BYTES_XMIT_OUTSTANDING: NDIS_OID = 0x0002_0221;
    /// Ethernet OID: permanent address.
    OID_802_3_PERMANENT_ADDRESS: NDIS_OID = 0x0101_0101;
    /// Ethernet OID: current address.
    OID_802_3_CURRENT_ADDRESS: NDIS_OID = 0x0101_0102;
    /// Ethernet OID: multicast list.
    OID_802_3_MULTICAST_LIST: NDIS_OID = 0x0101_0103;
    /// Ethernet OID: maximum list size.
    OID_802_3_MAXIMUM_LIST_SIZE: NDIS_OID = 0x0101_0104;
    /// Ethernet OID: mac options.
    OID_802_3_MAC_OPTIONS: NDIS_OID = 0x0101_0105;
    /// Ethernet statistics OID: rcv error alignment.
    OID_802_3_RCV_ERROR_ALIGNMENT: NDIS_OID = 0x0102_0101;
    /// Ethernet statistics OID: xmit one collision.
    OID_802_3_XMIT_ONE_COLLISION: NDIS_OID = 0x0102_0102;
    /// Ethernet statistics OID: xmit more collisions.
    OID_802_3_XMIT_MORE_COLLISIONS: NDIS_OID = 0x0102_0103;
    /// Ethernet statistics OID: xmit deferred.
    OID_802_3_XMIT_DEFERRED: NDIS_OID = 0x0102_0201;
    /// Ethernet statistics OID: xmit max collisions.
    OID_802_3_XMIT_MAX_COLLISIONS: NDIS_OID = 0x0102_0202;
    /// Ethernet statistics OID: rcv overrun.
    OID_802_3_RCV_OVERRUN: NDIS_OID = 0x0102_0203;
    /// Ethernet statistics OID: xmit underrun.
    OID_802_3_XMIT_UNDERRUN: NDIS_OID = 0x0102_0204;
    /// Ethernet statistics OID: xmit heartbeat failure.
    OID_802_3_XMIT_HEARTBEAT_FAILURE: NDIS_OID = 0x0102_0205;
    /// Ethernet statistics OID: xmit times crs lost.
    OID_802_3_XMIT_TIMES_CRS_LOST: NDIS_OID = 0x0102_0206;
    /// Ethernet statistics OID: xmit late collisions.
    OID_802_3_XMIT_LATE_COLLISIONS: NDIS_OID = 0x0102_0207;
    /// Ethernet OID: add multicast address.
    OID_802_3_ADD_MULTICAST_ADDRESS: NDIS_OID = 0x0101_0208;
    /// Ethernet OID: delete multicast address.
    OID_802_3_DELETE_MULTICAST_ADDRESS: NDIS_OID = 0x0101_0209;
    /// Power-management (PnP) OID: capabilities.
    OID_PNP_CAPABILITIES: NDIS_OID = 0xFD01_0100;
    /// Power-management (PnP) OID: set power.
    OID_PNP_SET_POWER: NDIS_OID = 0xFD01_0101;
    /// Power-management (PnP) OID: query power.
    OID_PNP_QUERY_POWER: NDIS_OID = 0xFD01_0102;
    /// Power-management (PnP) OID: add wake up pattern.
    OID_PNP_ADD_WAKE_UP_PATTERN: NDIS_OID = 0xFD01_0103;
    /// Power-management (PnP) OID: remove wake up pattern.
    OID_PNP_REMOVE_WAKE_UP_PATTERN: NDIS_OID = 0xFD01_0104;
    /// Power-management (PnP) OID: wake up pattern list.
    OID_PNP_WAKE_UP_PATTERN_LIST: NDIS_OID = 0xFD01_0105;
    /// Power-management (PnP) OID: enable wake up.
    OID_PNP_ENABLE_WAKE_UP: NDIS_OID = 0xFD01_0106;
    /// Power-management (PnP) OID: wake up ok.
    OID_PNP_WAKE_UP_OK: NDIS_OID = 0xFD02_0200;
    /// Power-management (PnP) OID: wake up error.
    OID_PNP_WAKE_UP_ERROR: NDIS_OID = 0xFD02_0201;
    /// Power-management OID: current capabilities.
    OID_PM_CURRENT_CAPABILITIES: NDIS_OID = 0xFD01_0107;
    /// Power-management OID: hardware capabilities.
    OID_PM_HARDWARE_CAPABILITIES: NDIS_OID = 0xFD01_0108;
    /// Power-management OID: parameters.
    OID_PM_PARAMETERS: NDIS_OID = 0xFD01_0109;
    /// Power-management OID: add wol pattern.
    OID_PM_ADD_WOL_PATTERN: NDIS_OID = 0xFD01_010A;
    /// Power-management OID: remove wol pattern.
    OID_PM_REMOVE_WOL_PATTERN: NDIS_OID = 0xFD01_010B;
    /// Power-management OID: wol pattern list.
    OID_PM_WOL_PATTERN_LIST: NDIS_OID = 0xFD01_010C;
    /// Power-management OID: add protocol offload.
    OID_PM_ADD_PROTOCOL_OFFLOAD: NDIS_OID = 0xFD01_010D;
    /// Power-management OID: get protocol offload.
    OID_PM_GET_PROTOCOL_OFFLOAD: NDIS_OID = 0xFD01_010E;
    /// Power-management OID: remove protocol offload.
    OID_PM_REMOVE_PROTOCOL_OFFLOAD: NDIS_OID = 0xFD01_010F;
    /// Power-management OID: protocol offload list.
    OID_PM_PROTOCOL_OFFLOAD_LIST: NDIS_OID = 0xFD01_0110;
    /// Power-management OID: reserved 1.
    OID_PM_RESERVED_1: NDIS_OID = 0xFD01_0111;
    /// General OID: rss set indirection table entries.
    OID_GEN_RSS_SET_INDIRECTION_TABLE_ENTRIES: NDIS_OID = 0x0001_02C0;
    /// General OID: isolation parameters.
    OID_GEN_ISOLATION_PARAMETERS: NDIS_OID = 0x0001_0300;
    /// TCP/IP offload: legacy task offload query.
    OID_TCP_TASK_OFFLOAD: NDIS_OID = 0xFC01_0201;
    /// IPsec v1: add an SA (obsolete).
    OID_TCP_TASK_IPSEC_ADD_SA: NDIS_OID = 0xFC01_0202;
    /// IPsec v1: delete an SA (obsolete).
    OID_TCP_TASK_IPSEC_DELETE_SA: NDIS_OID = 0xFC01_0203;
    /// TCP/IP offload OID: san support.
    OID_TCP_SAN_SUPPORT: NDIS_OID = 0xFC01_0204;
    /// IPsec v1: add a UDP-ESP SA (obsolete).
    OID_TCP_TASK_IPSEC_ADD_UDPESP_SA: NDIS_OID = 0xFC01_0205;
    /// IPsec v1: delete a UDP-ESP SA (obsolete).
    OID_TCP_TASK_IPSEC_DELETE_UDPESP_SA: NDIS_OID = 0xFC01_0206;
    /// TCP/IP offload: current task offload configuration (answered by NDIS).
    OID_TCP_OFFLOAD_CURRENT_CONFIG: NDIS_OID = 0xFC01_020B;
    /// TCP/IP offload: enable or disable offloads (`NDIS_OFFLOAD_PARAMETERS`).
    OID_TCP_OFFLOAD_PARAMETERS: NDIS_OID = 0xFC01_020C;
    /// TCP/IP offload: hardware task offload capabilities (answered by NDIS).
    OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_OID = 0xFC01_020D;
    /// TCP/IP offload OID: connection offload current config.
    OID_TCP_CONNECTION_OFFLOAD_CURRENT_CONFIG: NDIS_OID = 0xFC01_020E;
    /// TCP/IP offload OID: connection offload hardware capabilities.
    OID_TCP_CONNECTION_OFFLOAD_HARDWARE_CAPABILITIES: NDIS_OID = 0xFC01_020F;
    /// Offload: link encapsulation the stack uses (`NDIS_OFFLOAD_ENCAPSULATION`).
    OID_OFFLOAD_ENCAPSULATION: NDIS_OID = 0x0101_010A;
    /// IPsec v2: install a list of SA bundles (`IPSEC_OFFLOAD_V2_ADD_SA`).
    OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA: NDIS_OID = 0xFC03_0202;
    /// IPsec v2: remove a list of SA bundles (`IPSEC_OFFLOAD_V2_DELETE_SA`).
    OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA: NDIS_OID = 0xFC03_0203;
    /// IPsec v2: update the ESN high half of an SA (`IPSEC_OFFLOAD_V2_UPDATE_SA`).
    OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA: NDIS_OID = 0xFC03_0204;
    /// IPsec v2 (NDIS 6.30+): install one SA bundle (`IPSEC_OFFLOAD_V2_ADD_SA_EX`).
    OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX: NDIS_OID = 0xFC03_0205;
    /// TCP/IP offload OID: connection offload parameters.
    OID_TCP_CONNECTION_OFFLOAD_PARAMETERS: NDIS_OID = 0xFC03_0201;
    /// General OID: packet monitor.
    OID_GEN_PACKET_MONITOR: NDIS_OID = 0x0001_02D1;
}
