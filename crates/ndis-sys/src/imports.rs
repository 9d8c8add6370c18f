//! Functions the driver imports from `ndis.sys`, `ntoskrnl.exe` and `hal.dll`.
//!
//! On Windows targets each block is `#[link(kind = "raw-dylib")]`: rustc synthesises the import
//! table entries itself, so the image links with rust-lld on any host without an import
//! library. With the `import-lib` feature (a WDK build on Windows) the blocks carry no link
//! attribute and `ndis.lib` / `ntoskrnl.lib` resolve them.
//!
//! `IMPORTED_FUNCTIONS` lists every declaration, so tests can compare the image's import table
//! with what the crate declares.

use crate::types::*;
use crate::{
    IRP, MDL, NDIS_CONFIGURATION_OBJECT, NDIS_CONFIGURATION_PARAMETER,
    NDIS_DEVICE_OBJECT_ATTRIBUTES, NDIS_MINIPORT_DRIVER_CHARACTERISTICS, NDIS_OID_REQUEST,
    NDIS_STATUS_INDICATION, NDIS_TIMER_CHARACTERISTICS, NET_BUFFER, NET_BUFFER_LIST,
    NET_BUFFER_LIST_POOL_PARAMETERS, NET_BUFFER_POOL_PARAMETERS,
};

macro_rules! imports {
    ($list:ident, $dll:literal, $abi:literal {
        $( $(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?; )*
    }) => {
        #[cfg_attr(
            all(windows, not(feature = "import-lib")),
            link(name = $dll, kind = "raw-dylib", modifiers = "+verbatim")
        )]
        unsafe extern $abi {
            $( $(#[$meta])* pub fn $name($($arg: $ty),*) $(-> $ret)?; )*
        }
        /// The functions declared for this module, as (module, name).
        pub const $list: &[(&str, &str)] = &[$(($dll, stringify!($name))),*];
    };
}

imports!(NDIS_IMPORTS, "ndis.sys", "system" {
    /// Registers the miniport driver's entry points with NDIS (from `DriverEntry`).
    pub fn NdisMRegisterMiniportDriver(
        DriverObject: *mut DRIVER_OBJECT,
        RegistryPath: *const UNICODE_STRING,
        MiniportDriverContext: NDIS_HANDLE,
        MiniportDriverCharacteristics: *const NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
        NdisMiniportDriverHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    /// Undoes `NdisMRegisterMiniportDriver` (from the unload handler).
    pub fn NdisMDeregisterMiniportDriver(NdisMiniportDriverHandle: NDIS_HANDLE);
    /// Reports one adapter attribute structure (the argument starts with an `NDIS_OBJECT_HEADER`).
    pub fn NdisMSetMiniportAttributes(
        NdisMiniportHandle: NDIS_HANDLE,
        MiniportAttributes: *mut NDIS_OBJECT_HEADER,
    ) -> NDIS_STATUS;
    /// Completes a pended regular OID request.
    pub fn NdisMOidRequestComplete(
        MiniportAdapterHandle: NDIS_HANDLE,
        OidRequest: *mut NDIS_OID_REQUEST,
        Status: NDIS_STATUS,
    );
    /// Completes a pended direct OID request.
    pub fn NdisMDirectOidRequestComplete(
        MiniportAdapterHandle: NDIS_HANDLE,
        OidRequest: *mut NDIS_OID_REQUEST,
        Status: NDIS_STATUS,
    );
    /// Indicates a status change (link state, offload configuration, ...).
    pub fn NdisMIndicateStatusEx(
        MiniportAdapterHandle: NDIS_HANDLE,
        StatusIndication: *mut NDIS_STATUS_INDICATION,
    );
    /// Creates a pool of NET_BUFFER_LISTs (optionally with one NET_BUFFER each).
    pub fn NdisAllocateNetBufferListPool(
        NdisHandle: NDIS_HANDLE,
        Parameters: *mut NET_BUFFER_LIST_POOL_PARAMETERS,
    ) -> NDIS_HANDLE;
    /// Frees a pool made by `NdisAllocateNetBufferListPool`.
    pub fn NdisFreeNetBufferListPool(PoolHandle: NDIS_HANDLE);
    /// Allocates an NBL with one NET_BUFFER describing `MdlChain`.
    pub fn NdisAllocateNetBufferAndNetBufferList(
        PoolHandle: NDIS_HANDLE,
        ContextSize: u16,
        ContextBackFill: u16,
        MdlChain: *mut MDL,
        DataOffset: u32,
        DataLength: u64,
    ) -> *mut NET_BUFFER_LIST;
    /// Allocates an NBL without NET_BUFFERs.
    pub fn NdisAllocateNetBufferList(
        PoolHandle: NDIS_HANDLE,
        ContextSize: u16,
        ContextBackFill: u16,
    ) -> *mut NET_BUFFER_LIST;
    /// Frees an NBL allocated from a pool.
    pub fn NdisFreeNetBufferList(NetBufferList: *mut NET_BUFFER_LIST);
    /// Creates a pool of NET_BUFFERs.
    pub fn NdisAllocateNetBufferPool(
        NdisHandle: NDIS_HANDLE,
        Parameters: *mut NET_BUFFER_POOL_PARAMETERS,
    ) -> NDIS_HANDLE;
    /// Frees a pool made by `NdisAllocateNetBufferPool`.
    pub fn NdisFreeNetBufferPool(PoolHandle: NDIS_HANDLE);
    /// Allocates a NET_BUFFER describing `MdlChain`.
    pub fn NdisAllocateNetBuffer(
        PoolHandle: NDIS_HANDLE,
        MdlChain: *mut MDL,
        DataOffset: u32,
        DataLength: u64,
    ) -> *mut NET_BUFFER;
    /// Frees a NET_BUFFER allocated from a pool.
    pub fn NdisFreeNetBuffer(NetBuffer: *mut NET_BUFFER);
    /// Allocates an MDL that maps non-paged memory the driver owns.
    pub fn NdisAllocateMdl(NdisHandle: NDIS_HANDLE, VirtualAddress: PVOID, Length: u32) -> *mut MDL;
    /// Frees an MDL from `NdisAllocateMdl`.
    pub fn NdisFreeMdl(Mdl: *mut MDL);
    /// Returns sent NBLs to the protocol that sent them.
    pub fn NdisMSendNetBufferListsComplete(
        MiniportAdapterHandle: NDIS_HANDLE,
        NetBufferLists: *mut NET_BUFFER_LIST,
        SendCompleteFlags: u32,
    );
    /// Indicates received NBLs to the bound protocols.
    pub fn NdisMIndicateReceiveNetBufferLists(
        MiniportAdapterHandle: NDIS_HANDLE,
        NetBufferLists: *mut NET_BUFFER_LIST,
        PortNumber: NDIS_PORT_NUMBER,
        NumberOfNetBufferLists: u32,
        ReceiveFlags: u32,
    );
    /// Opens the adapter's registry configuration.
    pub fn NdisOpenConfigurationEx(
        ConfigObject: *mut NDIS_CONFIGURATION_OBJECT,
        ConfigurationHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    /// Reads one keyword (`ParameterType` is an `NDIS_PARAMETER_TYPE`).
    pub fn NdisReadConfiguration(
        Status: *mut NDIS_STATUS,
        ParameterValue: *mut *mut NDIS_CONFIGURATION_PARAMETER,
        ConfigurationHandle: NDIS_HANDLE,
        Keyword: *mut UNICODE_STRING,
        ParameterType: NDIS_ENUM,
    );
    /// Reads the `NetworkAddress` keyword (a locally administered MAC address override).
    pub fn NdisReadNetworkAddress(
        Status: *mut NDIS_STATUS,
        NetworkAddress: *mut PVOID,
        NetworkAddressLength: *mut u32,
        ConfigurationHandle: NDIS_HANDLE,
    );
    /// Closes a configuration handle.
    pub fn NdisCloseConfiguration(ConfigurationHandle: NDIS_HANDLE);
    /// Allocates non-paged memory charged to an NDIS handle (`Priority` is an `EX_POOL_PRIORITY`).
    pub fn NdisAllocateMemoryWithTagPriority(
        NdisHandle: NDIS_HANDLE,
        Length: u32,
        Tag: u32,
        Priority: NDIS_ENUM,
    ) -> PVOID;
    /// Frees memory from `NdisAllocateMemoryWithTagPriority`.
    pub fn NdisFreeMemoryWithTagPriority(NdisHandle: NDIS_HANDLE, VirtualAddress: PVOID, Tag: u32);
    /// Creates a timer object.
    pub fn NdisAllocateTimerObject(
        NdisHandle: NDIS_HANDLE,
        TimerCharacteristics: *mut NDIS_TIMER_CHARACTERISTICS,
        pTimerObject: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    /// Arms a timer (`DueTime` in 100 ns units, negative = relative).
    pub fn NdisSetTimerObject(
        TimerObject: NDIS_HANDLE,
        DueTime: i64,
        MillisecondsPeriod: u32,
        FunctionContext: PVOID,
    ) -> BOOLEAN;
    /// Cancels a timer; TRUE if it was queued.
    pub fn NdisCancelTimerObject(TimerObject: NDIS_HANDLE) -> BOOLEAN;
        /// Frees a timer object.
    pub fn NdisFreeTimerObject(TimerObject: NDIS_HANDLE);
    /// Completes a pause the miniport answered with `NDIS_STATUS_PENDING`.
    pub fn NdisMPauseComplete(MiniportAdapterHandle: NDIS_HANDLE);
    /// Waits at PASSIVE_LEVEL (halt waits for in-flight hub deliveries).
    pub fn NdisMSleep(MicrosecondsToSleep: u32);
    /// Creates the driver's control device and its symbolic link (PASSIVE_LEVEL; `NdisHandle`
    /// is the miniport driver handle).
    pub fn NdisRegisterDeviceEx(
        NdisHandle: NDIS_HANDLE,
        DeviceObjectAttributes: *mut NDIS_DEVICE_OBJECT_ATTRIBUTES,
        pDeviceObject: *mut *mut DEVICE_OBJECT,
        NdisDeviceHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    /// Deletes the control device and its symbolic link (PASSIVE_LEVEL).
    pub fn NdisDeregisterDeviceEx(NdisDeviceHandle: NDIS_HANDLE);
});

imports!(NTOSKRNL_IMPORTS, "ntoskrnl.exe", "system" {
    /// Stops the system with a bug check (the kernel's answer to a Rust panic).
    pub fn KeBugCheckEx(
        BugCheckCode: u32,
        BugCheckParameter1: u64,
        BugCheckParameter2: u64,
        BugCheckParameter3: u64,
        BugCheckParameter4: u64,
    ) -> !;
    /// Allocates pool memory (`Flags` = `POOL_FLAG_*`); zeroed unless `POOL_FLAG_UNINITIALIZED`.
    pub fn ExAllocatePool2(Flags: POOL_FLAGS, NumberOfBytes: u64, Tag: u32) -> PVOID;
    /// Frees pool memory allocated with `Tag`.
    pub fn ExFreePoolWithTag(P: PVOID, Tag: u32);
    /// Acquires a spin lock, raising IRQL to DISPATCH_LEVEL; returns the previous IRQL.
    pub fn KeAcquireSpinLockRaiseToDpc(SpinLock: *mut KSPIN_LOCK) -> KIRQL;
    /// Releases a spin lock and restores the IRQL returned by the acquire.
    pub fn KeReleaseSpinLock(SpinLock: *mut KSPIN_LOCK, NewIrql: KIRQL);
    /// Acquires a spin lock when already at DISPATCH_LEVEL.
    pub fn KeAcquireSpinLockAtDpcLevel(SpinLock: *mut KSPIN_LOCK);
    /// Releases a spin lock taken with `KeAcquireSpinLockAtDpcLevel`.
    pub fn KeReleaseSpinLockFromDpcLevel(SpinLock: *mut KSPIN_LOCK);
    /// Maps an MDL's pages into system space (`AccessMode` is a `KPROCESSOR_MODE`,
    /// `CacheType` a `MEMORY_CACHING_TYPE`, `Priority` an `MM_PAGE_PRIORITY` ORed with `MdlMapping*` flags).
    pub fn MmMapLockedPagesSpecifyCache(
        MemoryDescriptorList: *mut MDL,
        AccessMode: i8,
        CacheType: NDIS_ENUM,
        RequestedAddress: PVOID,
        BugCheckOnFailure: u32,
        Priority: u32,
    ) -> PVOID;
    /// Completes an IRP (`IoCompleteRequest` is a macro for it; FASTCALL is the x64
    /// convention). IRQL <= DISPATCH_LEVEL, no spin lock held.
    pub fn IofCompleteRequest(Irp: *mut IRP, PriorityBoost: i8);
});

#[cfg_attr(
    all(windows, not(feature = "import-lib")),
    link(name = "ntoskrnl.exe", kind = "raw-dylib", modifiers = "+verbatim")
)]
unsafe extern "C" {
    /// Prints to the kernel debugger (format as printf; never pass key material).
    pub fn DbgPrintEx(ComponentId: u32, Level: u32, Format: *const u8, ...) -> u32;
    /// `memcpy`: the precompiled `core` calls the C memory functions, which ntoskrnl exports.
    pub fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8;
    /// `memmove`.
    pub fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8;
    /// `memset`.
    pub fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8;
    /// `memcmp`.
    pub fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32;
}

/// The C-ABI functions declared from `ntoskrnl.exe` outside the macro (variadic or libc-named).
pub const NTOSKRNL_C_IMPORTS: &[(&str, &str)] = &[
    ("ntoskrnl.exe", "DbgPrintEx"),
    ("ntoskrnl.exe", "memcpy"),
    ("ntoskrnl.exe", "memmove"),
    ("ntoskrnl.exe", "memset"),
    ("ntoskrnl.exe", "memcmp"),
];

/// Every function this crate declares, as (module, name).
pub const IMPORTED_FUNCTIONS: [&[(&str, &str)]; 3] =
    [NDIS_IMPORTS, NTOSKRNL_IMPORTS, NTOSKRNL_C_IMPORTS];
