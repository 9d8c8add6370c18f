//! Packet descriptors: NET_BUFFER_LIST, NET_BUFFER, MDL and their helper types, the pool
//! parameters, and the per-packet infos (checksum, LSO, 802.1Q) stored in place in
//! `NET_BUFFER_LIST.NetBufferListInfo`.
//!
//! NDIS allocates NBLs and NBs; the sizes here are those of the NDIS 6.87 headers (27 info
//! slots), and a driver must never depend on `size_of::<NET_BUFFER_LIST>()`: a system running an
//! older NDIS allocates fewer slots (24 for NDIS 6.30), newer ones more.

use crate::constants::MaxNetBufferListInfo;
use crate::types::*;

/// `SLIST_HEADER` (x64): head of an interlocked singly linked list; 16-byte aligned.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub union SLIST_HEADER {
    /// The two 64-bit halves (C: anonymous struct `Alignment` / `Region`).
    pub Anonymous: SLIST_HEADER_0,
    /// The bit-field view (`Depth`, `Sequence`, `Reserved`, `NextEntry`).
    pub HeaderX64: SLIST_HEADER_HeaderX64,
}

/// The two 64-bit halves of an [`SLIST_HEADER`] (C: anonymous struct).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SLIST_HEADER_0 {
    /// Low half (`Depth` and `Sequence`).
    pub Alignment: u64,
    /// High half (`NextEntry`).
    pub Region: u64,
}

/// Bit-field view of an [`SLIST_HEADER`]: two `u64` storage units.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SLIST_HEADER_HeaderX64 {
    /// `Depth:16`, `Sequence:48`.
    pub _bitfield: u64,
    /// `Reserved:4`, `NextEntry:60`.
    pub _bitfield2: u64,
}

/// `MDL`: a memory descriptor list element (describes one virtually contiguous buffer).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct MDL {
    /// Next MDL of the chain, NULL for the last.
    pub Next: *mut MDL,
    /// Size of this MDL including its page array.
    pub Size: CSHORT,
    /// `MDL_*` flags (mapped, locked, source is non-paged pool, ...).
    pub MdlFlags: CSHORT,
    /// Processor the MDL was allocated on (padding in the public header).
    pub AllocationProcessorNumber: u16,
    /// Reserved (padding in the public header).
    pub Reserved1: u16,
    /// Owning process (`PEPROCESS`), for user buffers.
    pub Process: PVOID,
    /// System-space mapping, valid when `MdlFlags` says the MDL is mapped.
    pub MappedSystemVa: PVOID,
    /// Page-aligned start of the buffer's first page.
    pub StartVa: PVOID,
    /// Buffer length in bytes.
    pub ByteCount: u32,
    /// Offset of the buffer inside its first page.
    pub ByteOffset: u32,
}

/// `SCATTER_GATHER_ELEMENT`: one physically contiguous piece of a DMA transfer.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SCATTER_GATHER_ELEMENT {
    /// Bus address.
    pub Address: PHYSICAL_ADDRESS,
    /// Length in bytes.
    pub Length: u32,
    /// Reserved (`ULONG_PTR`).
    pub Reserved: u64,
}

/// `SCATTER_GATHER_LIST`: the elements of a DMA transfer (`Elements` is variable length).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SCATTER_GATHER_LIST {
    /// Number of entries in `Elements`.
    pub NumberOfElements: u32,
    /// Reserved (`ULONG_PTR`).
    pub Reserved: u64,
    /// The elements (flexible array).
    pub Elements: [SCATTER_GATHER_ELEMENT; 0],
}

/// `NET_BUFFER_DATA_LENGTH` (legacy name): the data length as `ULONG` or `SIZE_T`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NET_BUFFER_DATA_LENGTH {
    /// Length as 32 bits.
    pub DataLength: u32,
    /// Length as `SIZE_T`.
    pub stDataLength: u64,
}

/// `NET_BUFFER_DATA` (legacy name): the first members of a NET_BUFFER.
///
/// In C the `NET_BUFFER_DATA_LENGTH` member is anonymous; it is bound under its C++ name
/// `NbDataLength`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_DATA {
    /// Next NET_BUFFER of the NBL.
    pub Next: *mut NET_BUFFER,
    /// MDL holding the first used byte.
    pub CurrentMdl: *mut MDL,
    /// Offset of the first used byte inside `CurrentMdl`.
    pub CurrentMdlOffset: u32,
    /// Number of used bytes.
    pub NbDataLength: NET_BUFFER_DATA_LENGTH,
    /// First MDL of the chain.
    pub MdlChain: *mut MDL,
    /// Offset of the first used byte from the start of `MdlChain`.
    pub DataOffset: u32,
}

/// `NET_BUFFER_HEADER` (legacy name): the first 48 bytes of a NET_BUFFER.
///
/// In C the `NET_BUFFER_DATA` member is anonymous; it is bound under its C++ name
/// `NetBufferData`.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub union NET_BUFFER_HEADER {
    /// The data description.
    pub NetBufferData: NET_BUFFER_DATA,
    /// Free-list link used by NDIS pools.
    pub Link: SLIST_HEADER,
}

/// `NET_BUFFER`: one packet (frame) of a NET_BUFFER_LIST, described by an MDL chain.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub struct NET_BUFFER {
    /// Data description / pool link (C: anonymous union).
    pub Anonymous: NET_BUFFER_0,
    /// Checksum bias for partial checksum offload.
    pub ChecksumBias: u16,
    /// Reserved.
    pub Reserved: u16,
    /// Pool the NET_BUFFER came from.
    pub NdisPoolHandle: NDIS_HANDLE,
    /// Reserved for NDIS.
    pub NdisReserved: [PVOID; 2],
    /// Reserved for the protocol that owns the NET_BUFFER.
    pub ProtocolReserved: [PVOID; 6],
    /// Scratch space for the current miniport.
    pub MiniportReserved: [PVOID; 4],
    /// Physical address of the data, when the miniport asked NDIS for it.
    pub DataPhysicalAddress: PHYSICAL_ADDRESS,
    /// Shared-memory / scatter-gather description (C: anonymous union, NDIS 6.20+).
    pub Anonymous2: NET_BUFFER_1,
}

/// First member of [`NET_BUFFER`] (C: anonymous union).
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub union NET_BUFFER_0 {
    /// The data description (C: anonymous struct).
    pub Anonymous: NET_BUFFER_0_0,
    /// Free-list link used by NDIS pools.
    pub Link: SLIST_HEADER,
    /// The same members under the legacy type.
    pub NetBufferHeader: NET_BUFFER_HEADER,
}

/// Data description of a [`NET_BUFFER`] (C: anonymous struct).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_0_0 {
    /// Next NET_BUFFER of the NBL.
    pub Next: *mut NET_BUFFER,
    /// MDL holding the first used byte.
    pub CurrentMdl: *mut MDL,
    /// Offset of the first used byte inside `CurrentMdl`.
    pub CurrentMdlOffset: u32,
    /// Number of used bytes (C: anonymous union).
    pub Anonymous: NET_BUFFER_0_0_0,
    /// First MDL of the chain.
    pub MdlChain: *mut MDL,
    /// Offset of the first used byte from the start of `MdlChain`.
    pub DataOffset: u32,
}

/// Data length of a [`NET_BUFFER`] (C: anonymous union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NET_BUFFER_0_0_0 {
    /// Length as 32 bits (what `NET_BUFFER_DATA_LENGTH()` reads).
    pub DataLength: u32,
    /// Length as `SIZE_T`.
    pub stDataLength: u64,
}

/// Last member of [`NET_BUFFER`] (C: anonymous union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NET_BUFFER_1 {
    /// Shared-memory segments (`PNET_BUFFER_SHARED_MEMORY`).
    pub SharedMemoryInfo: PVOID,
    /// Scatter-gather list of the data.
    pub ScatterGatherList: *mut SCATTER_GATHER_LIST,
}

impl NET_BUFFER {
    /// Next NET_BUFFER of the same NBL (`NET_BUFFER_NEXT_NB`).
    #[inline]
    pub fn next(&self) -> *mut NET_BUFFER {
        // SAFETY: every member of the union is plain data (pointers and integers), so any
        // bit pattern is a valid pointer value; nothing is dereferenced.
        unsafe { self.Anonymous.Anonymous.Next }
    }

    /// MDL holding the first used byte (`NET_BUFFER_CURRENT_MDL`).
    #[inline]
    pub fn current_mdl(&self) -> *mut MDL {
        // SAFETY: as in `next`: plain data, nothing dereferenced.
        unsafe { self.Anonymous.Anonymous.CurrentMdl }
    }

    /// Offset of the first used byte in the current MDL (`NET_BUFFER_CURRENT_MDL_OFFSET`).
    #[inline]
    pub fn current_mdl_offset(&self) -> u32 {
        // SAFETY: as in `next`: plain data.
        unsafe { self.Anonymous.Anonymous.CurrentMdlOffset }
    }

    /// Number of used bytes (`NET_BUFFER_DATA_LENGTH`).
    #[inline]
    pub fn data_length(&self) -> u32 {
        // SAFETY: as in `next`: plain data.
        unsafe { self.Anonymous.Anonymous.Anonymous.DataLength }
    }

    /// Sets the number of used bytes (for a NET_BUFFER the miniport owns).
    #[inline]
    pub fn set_data_length(&mut self, length: u32) {
        self.Anonymous.Anonymous.Anonymous.DataLength = length;
    }

    /// Offset of the first used byte from the start of the MDL chain (`NET_BUFFER_DATA_OFFSET`).
    #[inline]
    pub fn data_offset(&self) -> u32 {
        // SAFETY: as in `next`: plain data.
        unsafe { self.Anonymous.Anonymous.DataOffset }
    }

    /// First MDL of the chain (`NET_BUFFER_FIRST_MDL`).
    #[inline]
    pub fn mdl_chain(&self) -> *mut MDL {
        // SAFETY: as in `next`: plain data, nothing dereferenced.
        unsafe { self.Anonymous.Anonymous.MdlChain }
    }
}

/// `NET_BUFFER_LIST_CONTEXT`: a block of NBL context space (`ContextData` is variable length
/// and 16-byte aligned).
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_LIST_CONTEXT {
    /// Next context block.
    pub Next: *mut NET_BUFFER_LIST_CONTEXT,
    /// Size of the block.
    pub Size: u16,
    /// Offset of the used part inside `ContextData`.
    pub Offset: u16,
    /// Alignment padding in front of `ContextData` (`DECLSPEC_ALIGN(16)` in C).
    _padding0: [u8; 4],
    /// The context bytes (flexible array).
    pub ContextData: [u8; 0],
}

/// `NET_BUFFER_LIST_DATA` (legacy name): the first two members of an NBL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_LIST_DATA {
    /// Next NBL of the chain.
    pub Next: *mut NET_BUFFER_LIST,
    /// First NET_BUFFER of this NBL.
    pub FirstNetBuffer: *mut NET_BUFFER,
}

/// `NET_BUFFER_LIST_HEADER` (legacy name): the first 16 bytes of an NBL.
///
/// In C the `NET_BUFFER_LIST_DATA` member is anonymous; it is bound under its C++ name
/// `NetBufferListData`.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub union NET_BUFFER_LIST_HEADER {
    /// Chain links.
    pub NetBufferListData: NET_BUFFER_LIST_DATA,
    /// Free-list link used by NDIS pools.
    pub Link: SLIST_HEADER,
}

/// `NET_BUFFER_LIST`: a list of NET_BUFFERs that share out-of-band data (the unit NDIS sends
/// and indicates). 16-byte aligned; 8 bytes of padding precede `NdisReserved`.
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_LIST {
    /// Chain links / pool link (C: anonymous union).
    pub Anonymous: NET_BUFFER_LIST_0,
    /// NBL context space (`NdisAllocateNetBufferListContext`).
    pub Context: *mut NET_BUFFER_LIST_CONTEXT,
    /// Parent NBL, for a cloned or fragmented NBL.
    pub ParentNetBufferList: *mut NET_BUFFER_LIST,
    /// Pool the NBL came from.
    pub NdisPoolHandle: NDIS_HANDLE,
    /// Alignment padding in front of `NdisReserved` (`DECLSPEC_ALIGN(16)` in C).
    _padding0: [u8; 8],
    /// Reserved for NDIS.
    pub NdisReserved: [PVOID; 2],
    /// Reserved for the protocol that owns the NBL.
    pub ProtocolReserved: [PVOID; 4],
    /// Scratch space for the current miniport.
    pub MiniportReserved: [PVOID; 2],
    /// Scratch space for the current owner.
    pub Scratch: PVOID,
    /// Handle of the driver that sent / indicated the NBL (NDIS uses it to route completion).
    pub SourceHandle: NDIS_HANDLE,
    /// `NDIS_NBL_FLAGS_*`.
    pub NblFlags: u32,
    /// Number of outstanding child NBLs.
    pub ChildRefCount: i32,
    /// `NBL_FLAGS_*` (ranges reserved for NDIS, protocols and miniports).
    pub Flags: u32,
    /// Completion status (C: anonymous union of `Status` / `NdisReserved2`).
    pub Anonymous2: NET_BUFFER_LIST_1,
    /// Out-of-band data, indexed by `NDIS_NET_BUFFER_LIST_INFO` values.
    pub NetBufferListInfo: [PVOID; MaxNetBufferListInfo as usize],
}

/// First member of [`NET_BUFFER_LIST`] (C: anonymous union).
#[repr(C, align(16))]
#[derive(Clone, Copy)]
pub union NET_BUFFER_LIST_0 {
    /// Chain links (C: anonymous struct).
    pub Anonymous: NET_BUFFER_LIST_0_0,
    /// Free-list link used by NDIS pools.
    pub Link: SLIST_HEADER,
    /// The same members under the legacy type.
    pub NetBufferListHeader: NET_BUFFER_LIST_HEADER,
}

/// Chain links of a [`NET_BUFFER_LIST`] (C: anonymous struct).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_LIST_0_0 {
    /// Next NBL of the chain.
    pub Next: *mut NET_BUFFER_LIST,
    /// First NET_BUFFER of this NBL.
    pub FirstNetBuffer: *mut NET_BUFFER,
}

/// Completion status of a [`NET_BUFFER_LIST`] (C: anonymous union).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NET_BUFFER_LIST_1 {
    /// Status the miniport sets before completing a send.
    pub Status: NDIS_STATUS,
    /// The same bits, reserved for NDIS.
    pub NdisReserved2: u32,
}

impl NET_BUFFER_LIST {
    /// Next NBL of the chain (`NET_BUFFER_LIST_NEXT_NBL`).
    #[inline]
    pub fn next(&self) -> *mut NET_BUFFER_LIST {
        // SAFETY: every member of the union is plain data (pointers and integers), so any
        // bit pattern is a valid pointer value; nothing is dereferenced.
        unsafe { self.Anonymous.Anonymous.Next }
    }

    /// Links this NBL to `next` (`NET_BUFFER_LIST_NEXT_NBL(nbl) = next`).
    #[inline]
    pub fn set_next(&mut self, next: *mut NET_BUFFER_LIST) {
        self.Anonymous.Anonymous.Next = next;
    }

    /// First NET_BUFFER of this NBL (`NET_BUFFER_LIST_FIRST_NB`).
    #[inline]
    pub fn first_net_buffer(&self) -> *mut NET_BUFFER {
        // SAFETY: as in `next`: plain data, nothing dereferenced.
        unsafe { self.Anonymous.Anonymous.FirstNetBuffer }
    }

    /// Completion status (`NET_BUFFER_LIST_STATUS`).
    #[inline]
    pub fn status(&self) -> NDIS_STATUS {
        // SAFETY: both members are 32-bit integers; any bit pattern is valid.
        unsafe { self.Anonymous2.Status }
    }

    /// Sets the completion status (`NET_BUFFER_LIST_STATUS(nbl) = status`).
    #[inline]
    pub fn set_status(&mut self, status: NDIS_STATUS) {
        self.Anonymous2.Status = status;
    }

    /// Slot `index` of `NetBufferListInfo` (`NET_BUFFER_LIST_INFO(nbl, index)`); `index` is an
    /// `NDIS_NET_BUFFER_LIST_INFO` value such as `IPsecOffloadV2NetBufferListInfo as usize`.
    ///
    /// NULL if `index >= MaxNetBufferListInfo`.
    #[inline]
    pub fn info(&self, index: usize) -> PVOID {
        self.NetBufferListInfo
            .get(index)
            .copied()
            .unwrap_or(core::ptr::null_mut())
    }

    /// Stores `value` in slot `index` of `NetBufferListInfo`.
    ///
    /// Does nothing if `index >= MaxNetBufferListInfo`.
    #[inline]
    pub fn set_info(&mut self, index: usize, value: PVOID) {
        if let Some(slot) = self.NetBufferListInfo.get_mut(index) {
            *slot = value;
        }
    }
}

/// `NET_BUFFER_LIST_POOL_PARAMETERS`: input of `NdisAllocateNetBufferListPool`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_LIST_POOL_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1`,
    /// `NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1` (before NDIS 6.87).
    pub Header: NDIS_OBJECT_HEADER,
    /// `NDIS_PROTOCOL_ID_*` of the packets (`NDIS_PROTOCOL_ID_DEFAULT`).
    pub ProtocolId: u8,
    /// TRUE to allocate one NET_BUFFER with each NBL.
    pub fAllocateNetBuffer: BOOLEAN,
    /// Context space per NBL in bytes (multiple of `MEMORY_ALLOCATION_ALIGNMENT`).
    pub ContextSize: u16,
    /// Pool tag.
    pub PoolTag: u32,
    /// Data buffer size NDIS preallocates per NET_BUFFER (0 = none; last member of revision 1).
    pub DataSize: u32,
    /// Pool flags (revision 2, NDIS 6.87).
    pub Flags: u32,
}

/// `NET_BUFFER_POOL_PARAMETERS`: input of `NdisAllocateNetBufferPool`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NET_BUFFER_POOL_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, `NET_BUFFER_POOL_PARAMETERS_REVISION_1`,
    /// `NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1` (before NDIS 6.87).
    pub Header: NDIS_OBJECT_HEADER,
    /// Pool tag.
    pub PoolTag: u32,
    /// Data buffer size NDIS preallocates per NET_BUFFER (0 = none; last member of revision 1).
    pub DataSize: u32,
    /// Pool flags (revision 2, NDIS 6.87).
    pub Flags: u32,
}

/// `NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO`: the value stored in place in
/// `NetBufferListInfo[TcpIpChecksumNetBufferListInfo]`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO {
    /// Send view: which checksums to compute.
    pub Transmit: NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit,
    /// Receive view: which checksums were verified.
    pub Receive: NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive,
    /// The whole pointer-sized slot.
    pub Value: PVOID,
}

/// Send view of [`NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit {
    /// Storage unit of `IsIPv4`, `IsIPv6`, `TcpChecksum`, `UdpChecksum`, `IpHeaderChecksum`,
    /// `Reserved` and `TcpHeaderOffset`.
    pub _bitfield: u32,
}

/// Receive view of [`NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive {
    /// Storage unit of the `*ChecksumFailed`, `*ChecksumSucceeded`, `Loopback` and
    /// `*ChecksumValueInvalid` bits.
    pub _bitfield: u32,
}

/// `NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`: the value stored in place in
/// `NetBufferListInfo[TcpLargeSendNetBufferListInfo]`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO {
    /// Generic send view (only `Type` is meaningful).
    pub Transmit: NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit,
    /// LSOv1 send request.
    pub LsoV1Transmit: NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit,
    /// LSOv1 completion (payload bytes sent).
    pub LsoV1TransmitComplete:
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete,
    /// LSOv2 send request.
    pub LsoV2Transmit: NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit,
    /// LSOv2 completion.
    pub LsoV2TransmitComplete:
        NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete,
    /// The whole pointer-sized slot.
    pub Value: PVOID,
}

/// Generic send view of [`NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit {
    /// Storage unit of `Unused`, `Type` and `Reserved2`.
    pub _bitfield: u32,
}

/// LSOv1 send view of [`NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit {
    /// Storage unit of `MSS`, `TcpHeaderOffset`, `Type` and `Reserved2`.
    pub _bitfield: u32,
}

/// LSOv1 completion view of [`NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete {
    /// Storage unit of `TcpPayload`, `Type` and `Reserved2`.
    pub _bitfield: u32,
}

/// LSOv2 send view of [`NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit {
    /// Storage unit of `MSS`, `TcpHeaderOffset`, `Type` and `IPVersion`.
    pub _bitfield: u32,
}

/// LSOv2 completion view of [`NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete {
    /// Storage unit of `Reserved`, `Type` and `Reserved2`.
    pub _bitfield: u32,
}

/// `NDIS_NET_BUFFER_LIST_8021Q_INFO`: the value stored in place in
/// `NetBufferListInfo[Ieee8021QNetBufferListInfo]` (VLAN / priority tag).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_NET_BUFFER_LIST_8021Q_INFO {
    /// Ethernet view.
    pub TagHeader: NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader,
    /// 802.11 view (adds `WMMInfo`).
    pub WLanTagHeader: NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader,
    /// The whole pointer-sized slot.
    pub Value: PVOID,
}

/// Ethernet view of [`NDIS_NET_BUFFER_LIST_8021Q_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader {
    /// Storage unit of `UserPriority`, `CanonicalFormatId`, `VlanId` (and `Reserved`).
    pub _bitfield: u32,
}

/// 802.11 view of [`NDIS_NET_BUFFER_LIST_8021Q_INFO`].
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader {
    /// Storage unit of `UserPriority`, `CanonicalFormatId`, `VlanId`, `WMMInfo` (and `Reserved`).
    pub _bitfield: u32,
}

zeroed_default!(
    SLIST_HEADER,
    SLIST_HEADER_0,
    SLIST_HEADER_HeaderX64,
    MDL,
    SCATTER_GATHER_ELEMENT,
    SCATTER_GATHER_LIST,
    NET_BUFFER_DATA_LENGTH,
    NET_BUFFER_DATA,
    NET_BUFFER_HEADER,
    NET_BUFFER,
    NET_BUFFER_0,
    NET_BUFFER_0_0,
    NET_BUFFER_0_0_0,
    NET_BUFFER_1,
    NET_BUFFER_LIST_CONTEXT,
    NET_BUFFER_LIST_DATA,
    NET_BUFFER_LIST_HEADER,
    NET_BUFFER_LIST,
    NET_BUFFER_LIST_0,
    NET_BUFFER_LIST_0_0,
    NET_BUFFER_LIST_1,
    NET_BUFFER_LIST_POOL_PARAMETERS,
    NET_BUFFER_POOL_PARAMETERS,
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO,
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit,
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete,
    NDIS_NET_BUFFER_LIST_8021Q_INFO,
    NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader,
    NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader,
);

bitfields! {
    /// Every bit-field bound in this module (checked against the oracle by the ABI test).
    NBL_BITFIELDS;
    SLIST_HEADER (HeaderX64._bitfield): u64 {
        "HeaderX64.Depth" => SLIST_HEADER_HeaderX64_Depth_MASK,
            SLIST_HEADER_HeaderX64_Depth_SHIFT = 0, 16;
        "HeaderX64.Sequence" => SLIST_HEADER_HeaderX64_Sequence_MASK,
            SLIST_HEADER_HeaderX64_Sequence_SHIFT = 16, 48;
    }
    SLIST_HEADER (HeaderX64._bitfield2): u64 {
        "HeaderX64.Reserved" => SLIST_HEADER_HeaderX64_Reserved_MASK,
            SLIST_HEADER_HeaderX64_Reserved_SHIFT = 0, 4;
        "HeaderX64.NextEntry" => SLIST_HEADER_HeaderX64_NextEntry_MASK,
            SLIST_HEADER_HeaderX64_NextEntry_SHIFT = 4, 60;
    }
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO (Receive._bitfield): u32 {
        "Receive.TcpChecksumFailed" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumFailed_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumFailed_SHIFT = 0, 1;
        "Receive.UdpChecksumFailed" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_UdpChecksumFailed_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_UdpChecksumFailed_SHIFT = 1, 1;
        "Receive.IpChecksumFailed" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumFailed_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumFailed_SHIFT = 2, 1;
        "Receive.TcpChecksumSucceeded" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumSucceeded_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumSucceeded_SHIFT = 3, 1;
        "Receive.UdpChecksumSucceeded" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_UdpChecksumSucceeded_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_UdpChecksumSucceeded_SHIFT = 4, 1;
        "Receive.IpChecksumSucceeded" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumSucceeded_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumSucceeded_SHIFT = 5, 1;
        "Receive.Loopback" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_Loopback_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_Loopback_SHIFT = 6, 1;
        "Receive.TcpChecksumValueInvalid" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumValueInvalid_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_TcpChecksumValueInvalid_SHIFT = 7, 1;
        "Receive.IpChecksumValueInvalid" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumValueInvalid_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Receive_IpChecksumValueInvalid_SHIFT = 8, 1;
    }
    NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO (Transmit._bitfield): u32 {
        "Transmit.IsIPv4" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IsIPv4_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IsIPv4_SHIFT = 0, 1;
        "Transmit.IsIPv6" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IsIPv6_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IsIPv6_SHIFT = 1, 1;
        "Transmit.TcpChecksum" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_TcpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_TcpChecksum_SHIFT = 2, 1;
        "Transmit.UdpChecksum" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_UdpChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_UdpChecksum_SHIFT = 3, 1;
        "Transmit.IpHeaderChecksum" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IpHeaderChecksum_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_IpHeaderChecksum_SHIFT = 4, 1;
        "Transmit.Reserved" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_Reserved_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_Reserved_SHIFT = 5, 11;
        "Transmit.TcpHeaderOffset" => NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_TcpHeaderOffset_MASK,
            NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO_Transmit_TcpHeaderOffset_SHIFT = 16, 10;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO (LsoV1Transmit._bitfield): u32 {
        "LsoV1Transmit.MSS" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_MSS_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_MSS_SHIFT = 0, 20;
        "LsoV1Transmit.TcpHeaderOffset" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_TcpHeaderOffset_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_TcpHeaderOffset_SHIFT = 20, 10;
        "LsoV1Transmit.Type" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_Type_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_Type_SHIFT = 30, 1;
        "LsoV1Transmit.Reserved2" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_Reserved2_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1Transmit_Reserved2_SHIFT = 31, 1;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO (LsoV1TransmitComplete._bitfield): u32 {
        "LsoV1TransmitComplete.TcpPayload" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_TcpPayload_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_TcpPayload_SHIFT = 0, 30;
        "LsoV1TransmitComplete.Type" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_Type_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_Type_SHIFT = 30, 1;
        "LsoV1TransmitComplete.Reserved2" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_Reserved2_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV1TransmitComplete_Reserved2_SHIFT = 31, 1;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO (LsoV2Transmit._bitfield): u32 {
        "LsoV2Transmit.MSS" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_MSS_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_MSS_SHIFT = 0, 20;
        "LsoV2Transmit.TcpHeaderOffset" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_TcpHeaderOffset_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_TcpHeaderOffset_SHIFT = 20, 10;
        "LsoV2Transmit.Type" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_Type_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_Type_SHIFT = 30, 1;
        "LsoV2Transmit.IPVersion" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_IPVersion_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2Transmit_IPVersion_SHIFT = 31, 1;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO (LsoV2TransmitComplete._bitfield): u32 {
        "LsoV2TransmitComplete.Reserved" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Reserved_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Reserved_SHIFT = 0, 30;
        "LsoV2TransmitComplete.Type" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Type_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Type_SHIFT = 30, 1;
        "LsoV2TransmitComplete.Reserved2" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Reserved2_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_LsoV2TransmitComplete_Reserved2_SHIFT = 31, 1;
    }
    NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO (Transmit._bitfield): u32 {
        "Transmit.Unused" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Unused_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Unused_SHIFT = 0, 30;
        "Transmit.Type" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Type_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Type_SHIFT = 30, 1;
        "Transmit.Reserved2" => NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Reserved2_MASK,
            NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO_Transmit_Reserved2_SHIFT = 31, 1;
    }
    NDIS_NET_BUFFER_LIST_8021Q_INFO (TagHeader._bitfield): u32 {
        "TagHeader.UserPriority" => NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_UserPriority_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_UserPriority_SHIFT = 0, 3;
        "TagHeader.CanonicalFormatId" => NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_CanonicalFormatId_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_CanonicalFormatId_SHIFT = 3, 1;
        "TagHeader.VlanId" => NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_VlanId_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_TagHeader_VlanId_SHIFT = 4, 12;
    }
    NDIS_NET_BUFFER_LIST_8021Q_INFO (WLanTagHeader._bitfield): u32 {
        "WLanTagHeader.UserPriority" => NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_UserPriority_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_UserPriority_SHIFT = 0, 3;
        "WLanTagHeader.CanonicalFormatId" => NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_CanonicalFormatId_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_CanonicalFormatId_SHIFT = 3, 1;
        "WLanTagHeader.VlanId" => NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_VlanId_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_VlanId_SHIFT = 4, 12;
        "WLanTagHeader.WMMInfo" => NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_WMMInfo_MASK,
            NDIS_NET_BUFFER_LIST_8021Q_INFO_WLanTagHeader_WMMInfo_SHIFT = 16, 4;
    }
}
