//! Kernel (wdm.h) constants the driver needs that are not NDIS definitions and therefore not
//! in the NDIS ABI oracle. Each value was checked against two public copies of the header
//! definitions (see the comments); they are not part of `ALL_CONSTANTS`.

/// `POOL_FLAG_UNINITIALIZED`: `ExAllocatePool2` skips zeroing.
pub const POOL_FLAG_UNINITIALIZED: u64 = 0x0000_0000_0000_0002;
/// `POOL_FLAG_NON_PAGED`: non-paged, no-execute pool.
pub const POOL_FLAG_NON_PAGED: u64 = 0x0000_0000_0000_0040;

/// `MDL_MAPPED_TO_SYSTEM_VA`: `MappedSystemVa` is valid.
pub const MDL_MAPPED_TO_SYSTEM_VA: u16 = 0x0001;
/// `MDL_SOURCE_IS_NONPAGED_POOL`: the MDL describes non-paged pool, `MappedSystemVa` is valid.
pub const MDL_SOURCE_IS_NONPAGED_POOL: u16 = 0x0004;

/// `KernelMode` (`KPROCESSOR_MODE`).
pub const KernelMode: i8 = 0;
/// `MmCached` (`MEMORY_CACHING_TYPE`).
pub const MmCached: i32 = 1;
/// `NormalPagePriority` (`MM_PAGE_PRIORITY`).
pub const NormalPagePriority: u32 = 16;
/// `MdlMappingNoExecute`: map the pages no-execute.
pub const MdlMappingNoExecute: u32 = 0x4000_0000;

/// `DPFLTR_IHVNETWORK_ID`: the `DbgPrintEx` component for third-party network drivers.
pub const DPFLTR_IHVNETWORK_ID: u32 = 78;
/// `DPFLTR_ERROR_LEVEL`.
pub const DPFLTR_ERROR_LEVEL: u32 = 0;
/// `DPFLTR_WARNING_LEVEL`.
pub const DPFLTR_WARNING_LEVEL: u32 = 1;
/// `DPFLTR_TRACE_LEVEL`.
pub const DPFLTR_TRACE_LEVEL: u32 = 2;
/// `DPFLTR_INFO_LEVEL`.
pub const DPFLTR_INFO_LEVEL: u32 = 3;

/// `STATUS_SUCCESS`.
pub const STATUS_SUCCESS: i32 = 0;
