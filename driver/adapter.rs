//! One adapter instance: its context and the lifecycle handlers NDIS calls on it.

use crate::config::read_keywords;
use crate::frames::FramePool;
use crate::log::{kd_error, kd_info};
use crate::memory::try_box;
use crate::receive::RxPool;
use crate::sync::SpinLock;
use alloc::boxed::Box;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use ipsecov2_core::adapter::{
    FRAMES_IN_FLIGHT, GeneralState, LINK_SPEED_BPS, MAX_MULTICAST, MTU, SUPPORTED_PACKET_FILTERS,
};
use ipsecov2_core::mac::MacAddress;
use ipsecov2_core::oid_gen::{MAC_OPTIONS, SUPPORTED_OIDS, SUPPORTED_STATISTICS};
use ipsecov2_core::sa_oids::IpsecOffload;
use ndis_sys::*;

/// Instances initialised so far; gives each adapter its own permanent MAC address.
static NEXT_INSTANCE: AtomicU32 = AtomicU32::new(0);

/// The adapter context NDIS hands back to every handler (`MiniportAdapterContext`).
pub struct Adapter {
    /// NDIS's handle for this adapter (`NdisMiniportHandle` of initialize).
    pub handle: NDIS_HANDLE,
    /// True between pause and restart: sends fail with `NDIS_STATUS_PAUSED`.
    pub paused: AtomicBool,
    /// General state: addresses, filters, counters.
    pub general: SpinLock<GeneralState>,
    /// IPsec offload: configuration and SA table (internally synchronised; the data path
    /// never waits on it).
    pub ipsec: IpsecOffload,
    /// Serialises the SA-changing OIDs at DISPATCH_LEVEL, so that no table writer can be
    /// interrupted on its processor by another (see `ipsec_oid`).
    pub sa_writer: SpinLock<()>,
    /// Buffers the send path seals frames in (never the protocol's own buffers).
    pub tx_frames: FramePool,
    /// Receive NBLs, MDLs and buffers.
    pub rx: RxPool,
    /// Receive NBLs indicated and not yet returned (plus deliveries in progress).
    pub rx_outstanding: AtomicU32,
    /// A pause answered `NDIS_STATUS_PENDING`, to be completed by the last return.
    pub pause_pending: AtomicBool,
    /// Hub deliveries currently using this adapter (halt waits for none).
    pub hub_refs: AtomicU32,
    /// Order of initialisation since load (the permanent MAC derives from it).
    pub instance: u32,
    /// The interface NDIS created for the adapter (`Get-NetAdapter` shows both).
    pub if_index: u32,
    pub net_luid: u64,
    /// `OID_OFFLOAD_ENCAPSULATION` has been set: receive-side IPsec processing may start
    /// (documented rule).
    pub encapsulation_set: AtomicBool,
}

impl Adapter {
    /// Whether received frames go through the engine: IPsec offload is enabled and the
    /// protocol has set the frame encapsulation.
    pub fn receive_offload_enabled(&self) -> bool {
        let current = self.ipsec.config.current();
        (current.ah || current.esp) && self.encapsulation_set.load(Ordering::Acquire)
    }

    /// The adapter behind a context pointer NDIS passed to a handler.
    ///
    /// # Safety
    /// `context` is the `MiniportAdapterContext` this driver registered in initialize, and
    /// the adapter has not been halted.
    pub unsafe fn from_context<'a>(context: NDIS_HANDLE) -> &'a Adapter {
        // SAFETY: per the contract the pointer came from Box::into_raw in `initialize` and
        // stays valid until `halt`.
        unsafe { &*context.cast::<Adapter>() }
    }
}

/// `MiniportInitializeEx`: creates the adapter context and reports the registration and
/// general attributes. Runs at PASSIVE_LEVEL.
pub unsafe extern "system" fn initialize(
    miniport_handle: NDIS_HANDLE,
    _driver_context: NDIS_HANDLE,
    init_parameters: *mut NDIS_MINIPORT_INIT_PARAMETERS,
) -> NDIS_STATUS {
    let (if_index, net_luid) = if init_parameters.is_null() {
        (0, 0)
    } else {
        // SAFETY: NDIS passes valid initialization parameters; `NetLuid.Value` views the
        // whole 64-bit union.
        unsafe { ((*init_parameters).IfIndex, (*init_parameters).NetLuid.Value) }
    };
    let keywords = read_keywords(miniport_handle);
    let instance = NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed);
    let permanent = MacAddress::for_instance(instance);
    let Some(ipsec) = IpsecOffload::new(
        keywords.sa_capacity,
        handle_seed(miniport_handle),
        keywords.ipsec,
    ) else {
        kd_error!(
            "initialize: no memory for %u SA bundles",
            keywords.sa_capacity
        );
        return NDIS_STATUS_RESOURCES;
    };
    let Some(tx_frames) = FramePool::new(FRAMES_IN_FLIGHT) else {
        kd_error!("initialize: no memory for the frame buffers");
        return NDIS_STATUS_RESOURCES;
    };
    let Some(rx) = RxPool::new(miniport_handle, FRAMES_IN_FLIGHT) else {
        kd_error!("initialize: no receive NBLs");
        return NDIS_STATUS_RESOURCES;
    };
    let adapter = Adapter {
        handle: miniport_handle,
        paused: AtomicBool::new(true),
        general: SpinLock::new(GeneralState::new(permanent, keywords.network_address)),
        ipsec,
        sa_writer: SpinLock::new(()),
        tx_frames,
        rx,
        rx_outstanding: AtomicU32::new(0),
        pause_pending: AtomicBool::new(false),
        hub_refs: AtomicU32::new(0),
        instance,
        if_index,
        net_luid,
        encapsulation_set: AtomicBool::new(false),
    };
    let Ok(adapter) = try_box(adapter) else {
        kd_error!("initialize: out of memory for the adapter context");
        return NDIS_STATUS_RESOURCES;
    };
    let context = Box::into_raw(adapter);
    // SAFETY: `context` is the adapter just created, live until halt (or freed below).
    let status = unsafe { set_attributes(miniport_handle, &*context) };
    if status != NDIS_STATUS_SUCCESS {
        kd_error!(
            "initialize: NdisMSetMiniportAttributes failed: %08x",
            status
        );
        // SAFETY: `context` came from Box::into_raw above and NDIS will not use it after a
        // failed initialize.
        drop(unsafe { Box::from_raw(context) });
        return status;
    }
    // SAFETY: `context` is live until halt, which leaves the hub before freeing it.
    match crate::hub::join(unsafe { &*context }) {
        Some(port) => kd_info!(
            "adapter %u initialized, context %p, hub port %u",
            instance,
            context,
            port
        ),
        None => kd_error!(
            "adapter %u: the virtual hub is full; the adapter works alone (and the control device cannot reach it)",
            instance
        ),
    }
    // The first live adapter brings up the control device (PASSIVE_LEVEL, no lock held).
    crate::control::adapter_started();
    NDIS_STATUS_SUCCESS
}

/// A per-adapter value that keys the SA handle encoding, so handles differ across adapters
/// and boots: the time-stamp counter mixed with NDIS's handle.
fn handle_seed(miniport_handle: NDIS_HANDLE) -> u64 {
    // SAFETY: RDTSC has no preconditions on x86_64.
    let tsc = unsafe { core::arch::x86_64::_rdtsc() };
    tsc.rotate_left(29) ^ (miniport_handle as u64)
}

/// Reports the registration attributes, then the general attributes, then the offload
/// attributes (NDIS requires the registration attributes first).
///
/// # Safety
/// `miniport_handle` is the handle of the adapter being initialized.
unsafe fn set_attributes(miniport_handle: NDIS_HANDLE, adapter: &Adapter) -> NDIS_STATUS {
    let mut registration = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES,
            NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2,
            NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2,
        ),
        MiniportAdapterContext: (adapter as *const Adapter).cast_mut().cast(),
        // A software device: WDM-model, no hardware, stays up across suspend.
        AttributeFlags: NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM
            | NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND,
        CheckForHangTimeInSeconds: 0,
        InterfaceType: NdisInterfaceInternal as _,
    };
    // SAFETY: `registration` starts with its NDIS_OBJECT_HEADER and is valid for the call.
    let status =
        unsafe { NdisMSetMiniportAttributes(miniport_handle, (&raw mut registration).cast()) };
    if status != NDIS_STATUS_SUCCESS {
        return status;
    }

    let (permanent, current) = {
        let general = adapter.general.lock();
        (general.permanent_mac, general.current_mac)
    };
    let mut permanent_address = [0u8; 32];
    permanent_address[..6].copy_from_slice(&permanent.0);
    let mut current_address = [0u8; 32];
    current_address[..6].copy_from_slice(&current.0);
    // No wake-up capabilities: every field "unspecified".
    let mut pm = NDIS_PM_CAPABILITIES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_DEFAULT,
            NDIS_PM_CAPABILITIES_REVISION_2,
            NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2,
        ),
        ..Default::default()
    };
    let mut general = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
            NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
            NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
        ),
        MediaType: NdisMedium802_3 as _,
        PhysicalMediumType: NdisPhysicalMedium802_3 as _,
        MtuSize: MTU,
        MaxXmitLinkSpeed: LINK_SPEED_BPS,
        XmitLinkSpeed: LINK_SPEED_BPS,
        MaxRcvLinkSpeed: LINK_SPEED_BPS,
        RcvLinkSpeed: LINK_SPEED_BPS,
        MediaConnectState: MediaConnectStateConnected as _,
        MediaDuplexState: MediaDuplexStateFull as _,
        LookaheadSize: MTU,
        PowerManagementCapabilitiesEx: &raw mut pm,
        MacOptions: MAC_OPTIONS,
        SupportedPacketFilters: SUPPORTED_PACKET_FILTERS,
        MaxMulticastListSize: MAX_MULTICAST as u32,
        MacAddressLength: 6,
        PermanentMacAddress: permanent_address,
        CurrentMacAddress: current_address,
        AccessType: NET_IF_ACCESS_BROADCAST as _,
        DirectionType: NET_IF_DIRECTION_SENDRECEIVE as _,
        ConnectionType: NET_IF_CONNECTION_DEDICATED as _,
        IfType: IF_TYPE_ETHERNET_CSMACD as _,
        IfConnectorPresent: 0,
        SupportedStatistics: SUPPORTED_STATISTICS,
        SupportedPauseFunctions: NdisPauseFunctionsUnsupported as _,
        SupportedOidList: SUPPORTED_OIDS.as_ptr().cast_mut(),
        SupportedOidListLength: size_of_val(&SUPPORTED_OIDS) as u32,
        ..Default::default()
    };
    // SAFETY: `general` (and the PM capabilities it points to) live across the call; NDIS
    // copies what it keeps. The OID list is a static.
    let status = unsafe { NdisMSetMiniportAttributes(miniport_handle, (&raw mut general).cast()) };
    if status != NDIS_STATUS_SUCCESS {
        return status;
    }

    // IPsec Offload V2: everything the engine can do, and what the keywords leave enabled.
    let mut hardware = adapter.ipsec.config.hardware().ndis_offload();
    let mut current = adapter.ipsec.config.current().ndis_offload();
    let mut offload = NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES,
            NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1,
            NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1,
        ),
        DefaultOffloadConfiguration: &raw mut current,
        HardwareOffloadCapabilities: &raw mut hardware,
        ..Default::default()
    };
    // SAFETY: the attributes and both NDIS_OFFLOAD blocks live across the call.
    unsafe { NdisMSetMiniportAttributes(miniport_handle, (&raw mut offload).cast()) }
}

/// `MiniportHaltEx`: frees the adapter. NDIS guarantees no other handler of this adapter runs
/// any more and every sent NBL has been completed.
pub unsafe extern "system" fn halt(context: NDIS_HANDLE, _halt_action: NDIS_ENUM) {
    // SAFETY: `context` came from Box::into_raw in initialize; halt is the last use.
    let adapter = unsafe { Box::from_raw(context.cast::<Adapter>()) };
    // No delivery may reach the adapter once its memory goes.
    crate::hub::leave(&adapter);
    // Every SA dies with the adapter (its keys are zeroed); the stack need not be asked.
    let dropped = {
        let _writer = adapter.sa_writer.lock();
        adapter.ipsec.table.clear()
    };
    kd_info!("adapter halt, context %p, %u SAs deleted", context, dropped);
    drop(adapter);
    // The last adapter takes the control device down (PASSIVE_LEVEL).
    crate::control::adapter_halted();
}

/// `MiniportPause`: stops the data path. Sends complete synchronously, so nothing is pending
/// and the pause completes at once.
pub unsafe extern "system" fn pause(
    context: NDIS_HANDLE,
    _parameters: *mut NDIS_MINIPORT_PAUSE_PARAMETERS,
) -> NDIS_STATUS {
    // SAFETY: NDIS passes the context of a live adapter.
    let adapter = unsafe { Adapter::from_context(context) };
    // Sends complete synchronously, so only receives can be outstanding. Paused is set before
    // the count is read (both SeqCst; receive does the opposite), so either the count is
    // seen or no new indication starts.
    adapter.pause_pending.store(true, Ordering::SeqCst);
    adapter.paused.store(true, Ordering::SeqCst);
    if adapter.rx_outstanding.load(Ordering::SeqCst) == 0
        && adapter.pause_pending.swap(false, Ordering::SeqCst)
    {
        return NDIS_STATUS_SUCCESS;
    }
    // The last returned NBL completes the pause (NdisMPauseComplete), or already did.
    NDIS_STATUS_PENDING
}

/// `MiniportRestart`: resumes the data path.
pub unsafe extern "system" fn restart(
    context: NDIS_HANDLE,
    _parameters: *mut NDIS_MINIPORT_RESTART_PARAMETERS,
) -> NDIS_STATUS {
    // SAFETY: NDIS passes the context of a live adapter.
    let adapter = unsafe { Adapter::from_context(context) };
    adapter.pause_pending.store(false, Ordering::SeqCst);
    adapter.paused.store(false, Ordering::SeqCst);
    NDIS_STATUS_SUCCESS
}

/// `MiniportShutdownEx`: a virtual adapter has no hardware to quiesce. It may run at high IRQL
/// during a bug check, so it touches nothing.
pub unsafe extern "system" fn shutdown(_context: NDIS_HANDLE, _action: NDIS_ENUM) {}

/// `MiniportDevicePnPEventNotify`: no hardware events matter to a virtual adapter.
pub unsafe extern "system" fn device_pnp_event_notify(_context: NDIS_HANDLE, _event: PVOID) {}

/// `MiniportResetEx`: nothing is queued in the (virtual) hardware, so a reset is immediate and
/// the addressing information (MAC, multicast list) survives it.
pub unsafe extern "system" fn reset(
    _context: NDIS_HANDLE,
    addressing_reset: *mut BOOLEAN,
) -> NDIS_STATUS {
    if !addressing_reset.is_null() {
        // SAFETY: NDIS passes a valid out-pointer.
        unsafe { *addressing_reset = 0 };
    }
    NDIS_STATUS_SUCCESS
}

/// `MiniportCheckForHangEx`: nothing can hang in software.
pub unsafe extern "system" fn check_for_hang(_context: NDIS_HANDLE) -> BOOLEAN {
    0
}
