//! OID requests and status indications, with the payloads the miniport fills for them
//! (link state, statistics).

use crate::constants::NDIS_OID_REQUEST_NDIS_RESERVED_SIZE;
use crate::types::*;

/// `NDIS_OID_REQUEST`: a query, set or method request NDIS passes to `MiniportOidRequest` /
/// `MiniportDirectOidRequest`. NDIS allocates it; a miniport never depends on its size.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OID_REQUEST {
    /// `NDIS_OBJECT_TYPE_OID_REQUEST`, revision and size.
    pub Header: NDIS_OBJECT_HEADER,
    /// An `NDIS_REQUEST_TYPE` (`NdisRequestQueryInformation`, `...SetInformation`, `...Method`).
    pub RequestType: NDIS_ENUM,
    /// Port the request is for (`NDIS_DEFAULT_PORT_NUMBER`).
    pub PortNumber: NDIS_PORT_NUMBER,
    /// Timeout in seconds (`NDIS_OID_REQUEST_TIMEOUT_INFINITE` = none).
    pub Timeout: u32,
    /// Identifier used to cancel the request.
    pub RequestId: PVOID,
    /// Handle of the request's originator (for NDIS).
    pub RequestHandle: NDIS_HANDLE,
    /// The request data, per `RequestType`.
    pub DATA: NDIS_OID_REQUEST_DATA,
    /// Reserved for NDIS.
    pub NdisReserved: [u8; NDIS_OID_REQUEST_NDIS_RESERVED_SIZE as usize * 8],
    /// Scratch space for the miniport.
    pub MiniportReserved: [u8; 2 * 8],
    /// Reserved for the originator.
    pub SourceReserved: [u8; 2 * 8],
    /// Highest revision of the payload structure the originator understands.
    pub SupportedRevision: u8,
    /// Reserved.
    pub Reserved1: u8,
    /// Reserved (last member of revision 1).
    pub Reserved2: u16,
    /// NIC switch the request targets (revision 2, NDIS 6.50).
    pub SwitchId: NDIS_NIC_SWITCH_ID,
    /// VPort the request targets, valid with `NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID`.
    pub VPortId: NDIS_NIC_SWITCH_VPORT_ID,
    /// `NDIS_OID_REQUEST_FLAGS_*`.
    pub Flags: u32,
}

/// The request data of an [`NDIS_OID_REQUEST`] (C: named union `DATA`). All three request
/// kinds start with `Oid` and `InformationBuffer` at the same offsets, followed by the
/// buffer length.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_OID_REQUEST_DATA {
    /// The OID alone (the common first member).
    pub Oid: NDIS_OID,
    /// For `NdisRequestQueryInformation` / `NdisRequestQueryStatistics`.
    pub QUERY_INFORMATION: NDIS_OID_REQUEST_DATA_QUERY_INFORMATION,
    /// For `NdisRequestSetInformation`.
    pub SET_INFORMATION: NDIS_OID_REQUEST_DATA_SET_INFORMATION,
    /// For `NdisRequestMethod`.
    pub METHOD_INFORMATION: NDIS_OID_REQUEST_DATA_METHOD_INFORMATION,
}

/// Query data of an [`NDIS_OID_REQUEST`] (C: `struct _QUERY`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OID_REQUEST_DATA_QUERY_INFORMATION {
    /// The OID.
    pub Oid: NDIS_OID,
    /// Buffer the miniport writes the answer to.
    pub InformationBuffer: PVOID,
    /// Size of `InformationBuffer` in bytes.
    pub InformationBufferLength: u32,
    /// Output: bytes written.
    pub BytesWritten: u32,
    /// Output: bytes needed when the buffer is too short.
    pub BytesNeeded: u32,
}

/// Set data of an [`NDIS_OID_REQUEST`] (C: `struct _SET`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OID_REQUEST_DATA_SET_INFORMATION {
    /// The OID.
    pub Oid: NDIS_OID,
    /// Buffer holding the value to set.
    pub InformationBuffer: PVOID,
    /// Size of `InformationBuffer` in bytes.
    pub InformationBufferLength: u32,
    /// Output: bytes consumed.
    pub BytesRead: u32,
    /// Output: bytes needed when the buffer is too short.
    pub BytesNeeded: u32,
}

/// Method data of an [`NDIS_OID_REQUEST`] (C: `struct _METHOD`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_OID_REQUEST_DATA_METHOD_INFORMATION {
    /// The OID.
    pub Oid: NDIS_OID,
    /// Buffer holding the input and receiving the output.
    pub InformationBuffer: PVOID,
    /// Input bytes in `InformationBuffer`.
    pub InputBufferLength: u32,
    /// Size of `InformationBuffer` available for output.
    pub OutputBufferLength: u32,
    /// Method identifier.
    pub MethodId: u32,
    /// Output: bytes written.
    pub BytesWritten: u32,
    /// Output: bytes consumed.
    pub BytesRead: u32,
    /// Output: bytes needed when the buffer is too short.
    pub BytesNeeded: u32,
}

impl NDIS_OID_REQUEST {
    /// The OID of the request (the same for query, set and method requests).
    #[inline]
    pub fn oid(&self) -> NDIS_OID {
        // SAFETY: every member of `DATA` starts with the same `u32` OID and is plain data
        // (integers and pointers), so the read is valid whichever member NDIS filled.
        unsafe { self.DATA.QUERY_INFORMATION.Oid }
    }

    /// The information buffer (same offset for query, set and method requests).
    #[inline]
    pub fn information_buffer(&self) -> PVOID {
        // SAFETY: as in `oid`: common prefix of plain data; nothing is dereferenced.
        unsafe { self.DATA.QUERY_INFORMATION.InformationBuffer }
    }

    /// Length of the information buffer (`InformationBufferLength` for query/set,
    /// `InputBufferLength` for a method; all at the same offset).
    #[inline]
    pub fn information_buffer_length(&self) -> u32 {
        // SAFETY: as in `oid`: common prefix of plain data.
        unsafe { self.DATA.QUERY_INFORMATION.InformationBufferLength }
    }
}

/// `NDIS_STATUS_INDICATION`: a status change a miniport reports with `NdisMIndicateStatusEx`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_STATUS_INDICATION {
    /// `NDIS_OBJECT_TYPE_STATUS_INDICATION`, revision 1.
    pub Header: NDIS_OBJECT_HEADER,
    /// The miniport adapter handle.
    pub SourceHandle: NDIS_HANDLE,
    /// Port the indication is about.
    pub PortNumber: NDIS_PORT_NUMBER,
    /// The `NDIS_STATUS_*` indication code.
    pub StatusCode: NDIS_STATUS,
    /// `NDIS_STATUS_INDICATION_FLAGS_*`.
    pub Flags: u32,
    /// Target binding, for an indication answering one request (else NULL).
    pub DestinationHandle: NDIS_HANDLE,
    /// `RequestId` of the OID request this indication answers (else NULL).
    pub RequestId: PVOID,
    /// Payload (e.g. an `NDIS_LINK_STATE` or `NDIS_OFFLOAD`).
    pub StatusBuffer: PVOID,
    /// Size of the payload in bytes.
    pub StatusBufferSize: u32,
    /// WMI GUID of the indication (for custom indications).
    pub Guid: GUID,
    /// Reserved for NDIS.
    pub NdisReserved: [PVOID; 4],
}

/// `NDIS_LINK_STATE`: payload of `NDIS_STATUS_LINK_STATE` and `OID_GEN_LINK_STATE`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_LINK_STATE {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_LINK_STATE_REVISION_1`, `NDIS_SIZEOF_LINK_STATE_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// A `NET_IF_MEDIA_CONNECT_STATE`.
    pub MediaConnectState: NDIS_ENUM,
    /// A `NET_IF_MEDIA_DUPLEX_STATE`.
    pub MediaDuplexState: NDIS_ENUM,
    /// Transmit speed in bits per second.
    pub XmitLinkSpeed: u64,
    /// Receive speed in bits per second.
    pub RcvLinkSpeed: u64,
    /// An `NDIS_SUPPORTED_PAUSE_FUNCTIONS`.
    pub PauseFunctions: NDIS_ENUM,
    /// `NDIS_LINK_STATE_*_AUTO_NEGOTIATED` flags.
    pub AutoNegotiationFlags: u32,
}

/// `NDIS_STATISTICS_INFO`: payload of `OID_GEN_STATISTICS` (interface counters).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_STATISTICS_INFO {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NDIS_STATISTICS_INFO_REVISION_1`,
    /// `NDIS_SIZEOF_STATISTICS_INFO_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// `NDIS_STATISTICS_FLAGS_VALID_*` bits saying which counters are valid.
    pub SupportedStatistics: u32,
    /// Received frames dropped without an error.
    pub ifInDiscards: u64,
    /// Received frames with errors.
    pub ifInErrors: u64,
    /// Received bytes.
    pub ifHCInOctets: u64,
    /// Received unicast frames.
    pub ifHCInUcastPkts: u64,
    /// Received multicast frames.
    pub ifHCInMulticastPkts: u64,
    /// Received broadcast frames.
    pub ifHCInBroadcastPkts: u64,
    /// Sent bytes.
    pub ifHCOutOctets: u64,
    /// Sent unicast frames.
    pub ifHCOutUcastPkts: u64,
    /// Sent multicast frames.
    pub ifHCOutMulticastPkts: u64,
    /// Sent broadcast frames.
    pub ifHCOutBroadcastPkts: u64,
    /// Frames not sent because of errors.
    pub ifOutErrors: u64,
    /// Frames not sent without an error.
    pub ifOutDiscards: u64,
    /// Received unicast bytes.
    pub ifHCInUcastOctets: u64,
    /// Received multicast bytes.
    pub ifHCInMulticastOctets: u64,
    /// Received broadcast bytes.
    pub ifHCInBroadcastOctets: u64,
    /// Sent unicast bytes.
    pub ifHCOutUcastOctets: u64,
    /// Sent multicast bytes.
    pub ifHCOutMulticastOctets: u64,
    /// Sent broadcast bytes.
    pub ifHCOutBroadcastOctets: u64,
}

zeroed_default!(
    NDIS_OID_REQUEST,
    NDIS_OID_REQUEST_DATA,
    NDIS_OID_REQUEST_DATA_QUERY_INFORMATION,
    NDIS_OID_REQUEST_DATA_SET_INFORMATION,
    NDIS_OID_REQUEST_DATA_METHOD_INFORMATION,
    NDIS_STATUS_INDICATION,
    NDIS_LINK_STATE,
    NDIS_STATISTICS_INFO,
);
