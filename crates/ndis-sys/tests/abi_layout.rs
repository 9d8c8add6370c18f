//! ABI layout test: every `#[repr(C)]` binding of `ndis-sys` against the x64 ABI oracle
//! (`tests/data/ndis-x64.json`, a verbatim copy of the shared oracle; see its README).
//!
//! Checked here:
//! * all oracle structures: `size_of`, `align_of`, the offset (`offset_of!`) and size of every
//!   member path the oracle lists, and the selected array elements (`array_elements`); the set
//!   of C paths mapped below must equal the oracle's `fields` keys, so a forgotten or misspelled
//!   path fails;
//! * every bit-field table entry of the crate (storage offset from `offset_of!`, container size,
//!   bit, width, mask) against the oracle, and that every oracle bit-field has an entry;
//! * every constant the crate lists (`ALL_CONSTANTS`) against the oracle `constants`, that all
//!   oracle constants are defined, and that no other `pub const` hides in the sources unless it
//!   is allow-listed below;
//! * that every `pub struct` / `pub union` in `src/` is an oracle structure, a helper type named
//!   `<ORACLE_STRUCT>_...`, or one of the listed opaque / metadata types;
//! * the version-dependent sizes (`sizeof_by_ndis_version`) against the binding's
//!   `NDIS_SIZEOF_*_REVISION_n` constants.
//!
//! The layouts are identical on every x86_64 `repr(C)` target, so the test runs on the Linux
//! host; `cargo check --target x86_64-pc-windows-msvc` covers the Windows target.

// The oracle's C names are used verbatim (types, members, constants).
#![allow(non_snake_case, non_camel_case_types, non_upper_case_globals)]

use core::mem::{MaybeUninit, align_of, offset_of, size_of};
use ndis_sys::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Constants the crate defines although the oracle does not list them. Keep this short: each
/// entry needs a reason.
const CONSTANTS_NOT_IN_ORACLE: &[(&str, &str)] = &[
    // `wdm.rs`: kernel (wdm.h / ntstatus.h / dpfilter.h) values for ExAllocatePool2, MDL
    // mapping and DbgPrintEx. They are not NDIS definitions, so the NDIS oracle does not cover
    // them; wdm.rs documents where each value was checked.
    ("POOL_FLAG_UNINITIALIZED", "wdm.h, ExAllocatePool2 flag"),
    ("POOL_FLAG_NON_PAGED", "wdm.h, ExAllocatePool2 flag"),
    ("MDL_MAPPED_TO_SYSTEM_VA", "wdm.h, MDL flag"),
    ("MDL_SOURCE_IS_NONPAGED_POOL", "wdm.h, MDL flag"),
    ("KernelMode", "wdm.h, KPROCESSOR_MODE"),
    ("MmCached", "wdm.h, MEMORY_CACHING_TYPE"),
    ("NormalPagePriority", "wdm.h, MM_PAGE_PRIORITY"),
    (
        "MdlMappingNoExecute",
        "wdm.h, MmMapLockedPagesSpecifyCache priority flag",
    ),
    ("DPFLTR_IHVNETWORK_ID", "dpfilter.h, DbgPrintEx component"),
    ("DPFLTR_ERROR_LEVEL", "dpfilter.h, DbgPrintEx level"),
    ("DPFLTR_WARNING_LEVEL", "dpfilter.h, DbgPrintEx level"),
    ("DPFLTR_TRACE_LEVEL", "dpfilter.h, DbgPrintEx level"),
    ("DPFLTR_INFO_LEVEL", "dpfilter.h, DbgPrintEx level"),
    ("STATUS_SUCCESS", "ntstatus.h"),
    // `device.rs`: the control device (NdisRegisterDeviceEx, IRPs). Checked by
    // tests/device_layout.rs against docs/notes/control-device-layouts.md.
    (
        "NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1",
        "ndis.h; not in the oracle (device_layout.rs)",
    ),
    (
        "NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1",
        "ndis.h; not in the oracle (device_layout.rs)",
    ),
    ("IRP_MJ_CREATE", "wdm.h (device_layout.rs)"),
    ("IRP_MJ_CLOSE", "wdm.h (device_layout.rs)"),
    ("IRP_MJ_DEVICE_CONTROL", "wdm.h (device_layout.rs)"),
    ("IRP_MJ_CLEANUP", "wdm.h (device_layout.rs)"),
    ("IRP_MJ_MAXIMUM_FUNCTION", "wdm.h (device_layout.rs)"),
    ("IO_NO_INCREMENT", "wdm.h (device_layout.rs)"),
];

/// `pub struct` / `pub union` names in `src/` that are neither oracle structures nor helper
/// types of one.
const TYPES_NOT_IN_ORACLE: &[(&str, &str)] = &[
    // Zero-sized opaque kernel objects: only ever handled through pointers, no layout to check.
    ("DRIVER_OBJECT", "opaque"),
    ("DEVICE_OBJECT", "opaque"),
    // Kernel I/O structures of the control device: not NDIS, so not in the oracle; their
    // layouts are checked by tests/device_layout.rs.
    ("NDIS_DEVICE_OBJECT_ATTRIBUTES", "device_layout.rs"),
    ("IRP", "device_layout.rs"),
    ("IO_STACK_LOCATION", "device_layout.rs"),
    ("IO_STATUS_BLOCK", "device_layout.rs"),
    // Rust-side metadata (the bit-field tables this test reads), not a C structure.
    ("BitField", "metadata"),
];

fn oracle() -> Value {
    serde_json::from_str(include_str!("../../../tests/data/ndis-x64.json"))
        .expect("oracle JSON parses")
}

/// Size of the field a closure points at; the closure is never called.
fn size_of_field<T, F>(_field: fn(&T) -> &F) -> usize {
    size_of::<F>()
}

/// Offset of the place a closure computes from a pointer to (uninitialised) storage of `T`.
fn place_offset<T, F>(place: fn(*const T) -> *const F) -> usize {
    let storage = MaybeUninit::<T>::uninit();
    let base = storage.as_ptr();
    place(base) as usize - base as usize
}

/// Everything the test checked, and everything that did not match.
#[derive(Default)]
struct Ctx {
    errors: Vec<String>,
    sizes: BTreeMap<&'static str, (usize, usize)>,
    fields: usize,
    field_sizes: usize,
    elements: usize,
    bitfields: usize,
    constants: usize,
    versioned_sizes: usize,
}

impl Ctx {
    fn fail(&mut self, msg: String) {
        self.errors.push(msg);
    }

    /// Compares one structure with its oracle entry.
    fn check(
        &mut self,
        o: &Value,
        name: &'static str,
        size: usize,
        align: usize,
        fields: &[(&'static str, usize, usize)],
        elements: &[(&'static str, usize)],
    ) {
        let Some(s) = o["structs"].get(name) else {
            self.fail(format!("{name}: bound but not in the oracle"));
            return;
        };
        if self.sizes.insert(name, (size, align)).is_some() {
            self.fail(format!("{name}: checked twice"));
        }
        let num = |v: &Value| v.as_u64().map(|n| n as usize);
        if num(&s["size"]) != Some(size) {
            self.fail(format!("{name}: size {size}, oracle {}", s["size"]));
        }
        if num(&s["align"]) != Some(align) {
            self.fail(format!("{name}: align {align}, oracle {}", s["align"]));
        }
        let mut mapped = BTreeSet::new();
        for &(path, offset, fsize) in fields {
            if !mapped.insert(path) {
                self.fail(format!("{name}.{path}: mapped twice"));
            }
            match num(&s["fields"][path]) {
                None => self.fail(format!("{name}.{path}: not an oracle field")),
                Some(want) if want != offset => {
                    self.fail(format!("{name}.{path}: offset {offset}, oracle {want}"))
                }
                Some(_) => self.fields += 1,
            }
            if let Some(want) = num(&s["field_sizes"][path]) {
                if want == fsize {
                    self.field_sizes += 1;
                } else {
                    self.fail(format!("{name}.{path}: size {fsize}, oracle {want}"));
                }
            }
        }
        let oracle_fields: BTreeSet<&str> = s["fields"]
            .as_object()
            .expect("fields")
            .keys()
            .map(String::as_str)
            .collect();
        for missing in oracle_fields.difference(&mapped) {
            self.fail(format!("{name}.{missing}: oracle field not checked"));
        }
        let mut mapped_elements = BTreeSet::new();
        for &(path, offset) in elements {
            mapped_elements.insert(path);
            match num(&s["array_elements"][path]) {
                None => self.fail(format!("{name}.{path}: not an oracle array element")),
                Some(want) if want != offset => {
                    self.fail(format!("{name}.{path}: offset {offset}, oracle {want}"))
                }
                Some(_) => self.elements += 1,
            }
        }
        if let Some(ae) = s["array_elements"].as_object() {
            for key in ae.keys() {
                if !mapped_elements.contains(key.as_str()) {
                    self.fail(format!("{name}.{key}: oracle array element not checked"));
                }
            }
        }
    }
}

/// `check_struct!(ctx, oracle, TYPE, { "C.path" => rust.path, ... } [, elements { "a[i]" => rust.a[i], ... }])`
/// The oracle key is the Rust type name (the bindings use the C names).
macro_rules! check_struct {
    ($ctx:expr, $o:expr, $t:ident, { $($c:literal => $($f:ident).+),* $(,)? }
        $(, elements { $($ec:literal => $($ef:ident).+ [$idx:literal]),* $(,)? })? ) => {{
        let fields: Vec<(&'static str, usize, usize)> = vec![
            $( ($c, offset_of!($t, $($f).+),
                // SAFETY: the closure is never called; it only names the field's type. Union
                // members need `unsafe` even to be named through a reference.
                size_of_field(|s: &$t| unsafe { &s.$($f).+ })), )*
        ];
        #[allow(unused_mut)]
        let mut elements: Vec<(&'static str, usize)> = Vec::new();
        $($(
            elements.push(($ec, place_offset(|p: *const $t| {
                // SAFETY: computes the address of an array element inside the storage `p`
                // points at (a live `MaybeUninit<$t>`); nothing is read and no reference is made.
                unsafe { &raw const (*p).$($ef).+[$idx] }
            })));
        )*)?
        $ctx.check($o, stringify!($t), size_of::<$t>(), align_of::<$t>(), &fields, &elements);
    }};
}

/// Every structure of the oracle, mapped member by member (C path => Rust path).
#[allow(unused_unsafe)] // the field closures need `unsafe` only for paths through unions
fn check_structs(ctx: &mut Ctx, o: &Value) {
    check_struct!(ctx, o, NDIS_OBJECT_HEADER, {
        "Type" => Type,
        "Revision" => Revision,
        "Size" => Size,
    });
    check_struct!(ctx, o, UNICODE_STRING, {
        "Length" => Length,
        "MaximumLength" => MaximumLength,
        "Buffer" => Buffer,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_DRIVER_CHARACTERISTICS, {
        "Header" => Header,
        "MajorNdisVersion" => MajorNdisVersion,
        "MinorNdisVersion" => MinorNdisVersion,
        "MajorDriverVersion" => MajorDriverVersion,
        "MinorDriverVersion" => MinorDriverVersion,
        "Flags" => Flags,
        "SetOptionsHandler" => SetOptionsHandler,
        "InitializeHandlerEx" => InitializeHandlerEx,
        "HaltHandlerEx" => HaltHandlerEx,
        "UnloadHandler" => UnloadHandler,
        "PauseHandler" => PauseHandler,
        "RestartHandler" => RestartHandler,
        "OidRequestHandler" => OidRequestHandler,
        "SendNetBufferListsHandler" => SendNetBufferListsHandler,
        "ReturnNetBufferListsHandler" => ReturnNetBufferListsHandler,
        "CancelSendHandler" => CancelSendHandler,
        "CheckForHangHandlerEx" => CheckForHangHandlerEx,
        "ResetHandlerEx" => ResetHandlerEx,
        "DevicePnPEventNotifyHandler" => DevicePnPEventNotifyHandler,
        "ShutdownHandlerEx" => ShutdownHandlerEx,
        "CancelOidRequestHandler" => CancelOidRequestHandler,
        "DirectOidRequestHandler" => DirectOidRequestHandler,
        "CancelDirectOidRequestHandler" => CancelDirectOidRequestHandler,
        "SynchronousOidRequestHandler" => SynchronousOidRequestHandler,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_INIT_PARAMETERS, {
        "Header" => Header,
        "Flags" => Flags,
        "AllocatedResources" => AllocatedResources,
        "IMDeviceInstanceContext" => IMDeviceInstanceContext,
        "MiniportAddDeviceContext" => MiniportAddDeviceContext,
        "IfIndex" => IfIndex,
        "NetLuid" => NetLuid,
        "DefaultPortAuthStates" => DefaultPortAuthStates,
        "PciDeviceCustomProperties" => PciDeviceCustomProperties,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, {
        "Header" => Header,
        "MiniportAdapterContext" => MiniportAdapterContext,
        "AttributeFlags" => AttributeFlags,
        "CheckForHangTimeInSeconds" => CheckForHangTimeInSeconds,
        "InterfaceType" => InterfaceType,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, {
        "Header" => Header,
        "Flags" => Flags,
        "MediaType" => MediaType,
        "PhysicalMediumType" => PhysicalMediumType,
        "MtuSize" => MtuSize,
        "MaxXmitLinkSpeed" => MaxXmitLinkSpeed,
        "XmitLinkSpeed" => XmitLinkSpeed,
        "MaxRcvLinkSpeed" => MaxRcvLinkSpeed,
        "RcvLinkSpeed" => RcvLinkSpeed,
        "MediaConnectState" => MediaConnectState,
        "MediaDuplexState" => MediaDuplexState,
        "LookaheadSize" => LookaheadSize,
        "PowerManagementCapabilities" => PowerManagementCapabilities,
        "MacOptions" => MacOptions,
        "SupportedPacketFilters" => SupportedPacketFilters,
        "MaxMulticastListSize" => MaxMulticastListSize,
        "MacAddressLength" => MacAddressLength,
        "PermanentMacAddress" => PermanentMacAddress,
        "CurrentMacAddress" => CurrentMacAddress,
        "RecvScaleCapabilities" => RecvScaleCapabilities,
        "AccessType" => AccessType,
        "DirectionType" => DirectionType,
        "ConnectionType" => ConnectionType,
        "IfType" => IfType,
        "IfConnectorPresent" => IfConnectorPresent,
        "SupportedStatistics" => SupportedStatistics,
        "SupportedPauseFunctions" => SupportedPauseFunctions,
        "DataBackFillSize" => DataBackFillSize,
        "ContextBackFillSize" => ContextBackFillSize,
        "SupportedOidList" => SupportedOidList,
        "SupportedOidListLength" => SupportedOidListLength,
        "AutoNegotiationFlags" => AutoNegotiationFlags,
        "PowerManagementCapabilitiesEx" => PowerManagementCapabilitiesEx,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES, {
        "Header" => Header,
        "DefaultOffloadConfiguration" => DefaultOffloadConfiguration,
        "HardwareOffloadCapabilities" => HardwareOffloadCapabilities,
        "DefaultTcpConnectionOffloadConfiguration" => DefaultTcpConnectionOffloadConfiguration,
        "TcpConnectionOffloadHardwareCapabilities" => TcpConnectionOffloadHardwareCapabilities,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_PAUSE_PARAMETERS, {
        "Header" => Header,
        "Flags" => Flags,
        "PauseReason" => PauseReason,
    });
    check_struct!(ctx, o, NDIS_MINIPORT_RESTART_PARAMETERS, {
        "Header" => Header,
        "RestartAttributes" => RestartAttributes,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NDIS_PM_CAPABILITIES, {
        "Header" => Header,
        "Flags" => Flags,
        "SupportedWoLPacketPatterns" => SupportedWoLPacketPatterns,
        "NumTotalWoLPatterns" => NumTotalWoLPatterns,
        "MaxWoLPatternSize" => MaxWoLPatternSize,
        "MaxWoLPatternOffset" => MaxWoLPatternOffset,
        "MaxWoLPacketSaveBuffer" => MaxWoLPacketSaveBuffer,
        "SupportedProtocolOffloads" => SupportedProtocolOffloads,
        "NumArpOffloadIPv4Addresses" => NumArpOffloadIPv4Addresses,
        "NumNSOffloadIPv6Addresses" => NumNSOffloadIPv6Addresses,
        "MinMagicPacketWakeUp" => MinMagicPacketWakeUp,
        "MinPatternWakeUp" => MinPatternWakeUp,
        "MinLinkChangeWakeUp" => MinLinkChangeWakeUp,
        "SupportedWakeUpEvents" => SupportedWakeUpEvents,
        "MediaSpecificWakeUpEvents" => MediaSpecificWakeUpEvents,
    });
    check_struct!(ctx, o, NDIS_PNP_CAPABILITIES, {
        "Flags" => Flags,
        "WakeUpCapabilities" => WakeUpCapabilities,
    });
    check_struct!(ctx, o, NDIS_RECEIVE_SCALE_CAPABILITIES, {
        "Header" => Header,
        "CapabilitiesFlags" => CapabilitiesFlags,
        "NumberOfInterruptMessages" => NumberOfInterruptMessages,
        "NumberOfReceiveQueues" => NumberOfReceiveQueues,
        "NumberOfIndirectionTableEntries" => NumberOfIndirectionTableEntries,
    });
    check_struct!(ctx, o, NDIS_OFFLOAD, {
        "Header" => Header,
        "Checksum" => Checksum,
        "LsoV1" => LsoV1,
        "IPsecV1" => IPsecV1,
        "LsoV2" => LsoV2,
        "Flags" => Flags,
        "IPsecV2" => IPsecV2,
        "Rsc" => Rsc,
        "EncapsulatedPacketTaskOffloadGre" => EncapsulatedPacketTaskOffloadGre,
        "EncapsulatedPacketTaskOffloadVxlan" => EncapsulatedPacketTaskOffloadVxlan,
        "EncapsulationTypes" => EncapsulationTypes,
        "Rfc6877Xlat" => Rfc6877Xlat,
        "UdpSegmentation" => UdpSegmentation,
    });
    check_struct!(ctx, o, NDIS_TCP_IP_CHECKSUM_OFFLOAD, {
        "IPv4Transmit" => IPv4Transmit,
        "IPv4Transmit.Encapsulation" => IPv4Transmit.Encapsulation,
        "IPv4Receive" => IPv4Receive,
        "IPv4Receive.Encapsulation" => IPv4Receive.Encapsulation,
        "IPv6Transmit" => IPv6Transmit,
        "IPv6Transmit.Encapsulation" => IPv6Transmit.Encapsulation,
        "IPv6Receive" => IPv6Receive,
        "IPv6Receive.Encapsulation" => IPv6Receive.Encapsulation,
    });
    check_struct!(ctx, o, NDIS_TCP_LARGE_SEND_OFFLOAD_V1, {
        "IPv4" => IPv4,
        "IPv4.Encapsulation" => IPv4.Encapsulation,
        "IPv4.MaxOffLoadSize" => IPv4.MaxOffLoadSize,
        "IPv4.MinSegmentCount" => IPv4.MinSegmentCount,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V1, {
        "Supported" => Supported,
        "Supported.Encapsulation" => Supported.Encapsulation,
        "Supported.AhEspCombined" => Supported.AhEspCombined,
        "Supported.TransportTunnelCombined" => Supported.TransportTunnelCombined,
        "Supported.IPv4Options" => Supported.IPv4Options,
        "Supported.Flags" => Supported.Flags,
        "IPv4AH" => IPv4AH,
        "IPv4ESP" => IPv4ESP,
    });
    check_struct!(ctx, o, NDIS_TCP_LARGE_SEND_OFFLOAD_V2, {
        "IPv4" => IPv4,
        "IPv4.Encapsulation" => IPv4.Encapsulation,
        "IPv4.MaxOffLoadSize" => IPv4.MaxOffLoadSize,
        "IPv4.MinSegmentCount" => IPv4.MinSegmentCount,
        "IPv6" => IPv6,
        "IPv6.Encapsulation" => IPv6.Encapsulation,
        "IPv6.MaxOffLoadSize" => IPv6.MaxOffLoadSize,
        "IPv6.MinSegmentCount" => IPv6.MinSegmentCount,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V2, {
        "Encapsulation" => Encapsulation,
        "IPv6Supported" => IPv6Supported,
        "IPv4Options" => IPv4Options,
        "IPv6NonIPsecExtensionHeaders" => IPv6NonIPsecExtensionHeaders,
        "Ah" => Ah,
        "Esp" => Esp,
        "AhEspCombined" => AhEspCombined,
        "Transport" => Transport,
        "Tunnel" => Tunnel,
        "TransportTunnelCombined" => TransportTunnelCombined,
        "LsoSupported" => LsoSupported,
        "ExtendedSequenceNumbers" => ExtendedSequenceNumbers,
        "UdpEsp" => UdpEsp,
        "AuthenticationAlgorithms" => AuthenticationAlgorithms,
        "EncryptionAlgorithms" => EncryptionAlgorithms,
        "SaOffloadCapacity" => SaOffloadCapacity,
    });
    check_struct!(ctx, o, NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD, {
        "IPv4" => IPv4,
        "IPv4.Enabled" => IPv4.Enabled,
        "IPv6" => IPv6,
        "IPv6.Enabled" => IPv6.Enabled,
    });
    check_struct!(ctx, o, NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD, {
        "MaxHeaderSizeSupported" => MaxHeaderSizeSupported,
    });
    check_struct!(ctx, o, NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2, {
        "MaxHeaderSizeSupported" => MaxHeaderSizeSupported,
        "EncapsulationProtocolInfo" => EncapsulationProtocolInfo,
        "EncapsulationProtocolInfo.Value" => EncapsulationProtocolInfo.Value,
        "EncapsulationProtocolInfo.VxlanInfo" => EncapsulationProtocolInfo.VxlanInfo,
        "EncapsulationProtocolInfo.VxlanInfo.VxlanUDPPortNumber" => EncapsulationProtocolInfo.VxlanInfo.VxlanUDPPortNumber,
        "Reserved1" => Reserved1,
        "Reserved2" => Reserved2,
    });
    check_struct!(ctx, o, NDIS_RFC6877_464XLAT_OFFLOAD, {
        "XlatOffload" => XlatOffload,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NDIS_UDP_SEGMENTATION_OFFLOAD, {
        "IPv4" => IPv4,
        "IPv4.Encapsulation" => IPv4.Encapsulation,
        "IPv4.MaxOffLoadSize" => IPv4.MaxOffLoadSize,
        "IPv6" => IPv6,
        "IPv6.Encapsulation" => IPv6.Encapsulation,
        "IPv6.MaxOffLoadSize" => IPv6.MaxOffLoadSize,
    });
    check_struct!(ctx, o, NDIS_OFFLOAD_PARAMETERS, {
        "Header" => Header,
        "IPv4Checksum" => IPv4Checksum,
        "TCPIPv4Checksum" => TCPIPv4Checksum,
        "UDPIPv4Checksum" => UDPIPv4Checksum,
        "TCPIPv6Checksum" => TCPIPv6Checksum,
        "UDPIPv6Checksum" => UDPIPv6Checksum,
        "LsoV1" => LsoV1,
        "IPsecV1" => IPsecV1,
        "LsoV2IPv4" => LsoV2IPv4,
        "LsoV2IPv6" => LsoV2IPv6,
        "TcpConnectionIPv4" => TcpConnectionIPv4,
        "TcpConnectionIPv6" => TcpConnectionIPv6,
        "Flags" => Flags,
        "IPsecV2" => IPsecV2,
        "IPsecV2IPv4" => IPsecV2IPv4,
        "RscIPv4" => RscIPv4,
        "RscIPv6" => RscIPv6,
        "EncapsulatedPacketTaskOffload" => EncapsulatedPacketTaskOffload,
        "EncapsulationTypes" => EncapsulationTypes,
        "EncapsulationProtocolParameters" => EncapsulationProtocolParameters,
        "EncapsulationProtocolParameters.Value" => EncapsulationProtocolParameters.Value,
        "EncapsulationProtocolParameters.VxlanParameters" => EncapsulationProtocolParameters.VxlanParameters,
        "EncapsulationProtocolParameters.VxlanParameters.VxlanUDPPortNumber" => EncapsulationProtocolParameters.VxlanParameters.VxlanUDPPortNumber,
        "UdpSegmentation" => UdpSegmentation,
        "UdpSegmentation.IPv4" => UdpSegmentation.IPv4,
        "UdpSegmentation.IPv6" => UdpSegmentation.IPv6,
    });
    check_struct!(ctx, o, NDIS_OFFLOAD_ENCAPSULATION, {
        "Header" => Header,
        "IPv4" => IPv4,
        "IPv4.Enabled" => IPv4.Enabled,
        "IPv4.EncapsulationType" => IPv4.EncapsulationType,
        "IPv4.HeaderSize" => IPv4.HeaderSize,
        "IPv6" => IPv6,
        "IPv6.Enabled" => IPv6.Enabled,
        "IPv6.EncapsulationType" => IPv6.EncapsulationType,
        "IPv6.HeaderSize" => IPv6.HeaderSize,
    });
    check_struct!(ctx, o, NDIS_OID_REQUEST, {
        "Header" => Header,
        "RequestType" => RequestType,
        "PortNumber" => PortNumber,
        "Timeout" => Timeout,
        "RequestId" => RequestId,
        "RequestHandle" => RequestHandle,
        "DATA" => DATA,
        "DATA.METHOD_INFORMATION" => DATA.METHOD_INFORMATION,
        "DATA.Oid" => DATA.Oid,
        "DATA.QUERY_INFORMATION" => DATA.QUERY_INFORMATION,
        "DATA.SET_INFORMATION" => DATA.SET_INFORMATION,
        "DATA.METHOD_INFORMATION.Oid" => DATA.METHOD_INFORMATION.Oid,
        "DATA.QUERY_INFORMATION.Oid" => DATA.QUERY_INFORMATION.Oid,
        "DATA.SET_INFORMATION.Oid" => DATA.SET_INFORMATION.Oid,
        "DATA.METHOD_INFORMATION.InformationBuffer" => DATA.METHOD_INFORMATION.InformationBuffer,
        "DATA.QUERY_INFORMATION.InformationBuffer" => DATA.QUERY_INFORMATION.InformationBuffer,
        "DATA.SET_INFORMATION.InformationBuffer" => DATA.SET_INFORMATION.InformationBuffer,
        "DATA.METHOD_INFORMATION.InputBufferLength" => DATA.METHOD_INFORMATION.InputBufferLength,
        "DATA.QUERY_INFORMATION.InformationBufferLength" => DATA.QUERY_INFORMATION.InformationBufferLength,
        "DATA.SET_INFORMATION.InformationBufferLength" => DATA.SET_INFORMATION.InformationBufferLength,
        "DATA.METHOD_INFORMATION.OutputBufferLength" => DATA.METHOD_INFORMATION.OutputBufferLength,
        "DATA.QUERY_INFORMATION.BytesWritten" => DATA.QUERY_INFORMATION.BytesWritten,
        "DATA.SET_INFORMATION.BytesRead" => DATA.SET_INFORMATION.BytesRead,
        "DATA.METHOD_INFORMATION.MethodId" => DATA.METHOD_INFORMATION.MethodId,
        "DATA.QUERY_INFORMATION.BytesNeeded" => DATA.QUERY_INFORMATION.BytesNeeded,
        "DATA.SET_INFORMATION.BytesNeeded" => DATA.SET_INFORMATION.BytesNeeded,
        "DATA.METHOD_INFORMATION.BytesWritten" => DATA.METHOD_INFORMATION.BytesWritten,
        "DATA.METHOD_INFORMATION.BytesRead" => DATA.METHOD_INFORMATION.BytesRead,
        "DATA.METHOD_INFORMATION.BytesNeeded" => DATA.METHOD_INFORMATION.BytesNeeded,
        "NdisReserved" => NdisReserved,
        "MiniportReserved" => MiniportReserved,
        "SourceReserved" => SourceReserved,
        "SupportedRevision" => SupportedRevision,
        "Reserved1" => Reserved1,
        "Reserved2" => Reserved2,
        "SwitchId" => SwitchId,
        "VPortId" => VPortId,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NDIS_STATUS_INDICATION, {
        "Header" => Header,
        "SourceHandle" => SourceHandle,
        "PortNumber" => PortNumber,
        "StatusCode" => StatusCode,
        "Flags" => Flags,
        "DestinationHandle" => DestinationHandle,
        "RequestId" => RequestId,
        "StatusBuffer" => StatusBuffer,
        "StatusBufferSize" => StatusBufferSize,
        "Guid" => Guid,
        "NdisReserved" => NdisReserved,
    });
    check_struct!(ctx, o, NDIS_LINK_STATE, {
        "Header" => Header,
        "MediaConnectState" => MediaConnectState,
        "MediaDuplexState" => MediaDuplexState,
        "XmitLinkSpeed" => XmitLinkSpeed,
        "RcvLinkSpeed" => RcvLinkSpeed,
        "PauseFunctions" => PauseFunctions,
        "AutoNegotiationFlags" => AutoNegotiationFlags,
    });
    check_struct!(ctx, o, NET_BUFFER_LIST, {
        "Link" => Anonymous.Link,
        "NetBufferListHeader" => Anonymous.NetBufferListHeader,
        "Next" => Anonymous.Anonymous.Next,
        "FirstNetBuffer" => Anonymous.Anonymous.FirstNetBuffer,
        "Context" => Context,
        "ParentNetBufferList" => ParentNetBufferList,
        "NdisPoolHandle" => NdisPoolHandle,
        "NdisReserved" => NdisReserved,
        "ProtocolReserved" => ProtocolReserved,
        "MiniportReserved" => MiniportReserved,
        "Scratch" => Scratch,
        "SourceHandle" => SourceHandle,
        "NblFlags" => NblFlags,
        "ChildRefCount" => ChildRefCount,
        "Flags" => Flags,
        "NdisReserved2" => Anonymous2.NdisReserved2,
        "Status" => Anonymous2.Status,
        "NetBufferListInfo" => NetBufferListInfo,
    }, elements {
        "NetBufferListInfo[0]" => NetBufferListInfo[0],
        "NetBufferListInfo[1]" => NetBufferListInfo[1],
        "NetBufferListInfo[2]" => NetBufferListInfo[2],
        "NetBufferListInfo[4]" => NetBufferListInfo[4],
        "NetBufferListInfo[11]" => NetBufferListInfo[11],
        "NetBufferListInfo[12]" => NetBufferListInfo[12],
    });
    check_struct!(ctx, o, NET_BUFFER_LIST_HEADER, {
        "Link" => Link,
        "Next" => NetBufferListData.Next,
        "FirstNetBuffer" => NetBufferListData.FirstNetBuffer,
    });
    check_struct!(ctx, o, NET_BUFFER_LIST_DATA, {
        "Next" => Next,
        "FirstNetBuffer" => FirstNetBuffer,
    });
    check_struct!(ctx, o, NET_BUFFER_LIST_CONTEXT, {
        "Next" => Next,
        "Size" => Size,
        "Offset" => Offset,
        "ContextData" => ContextData,
    });
    check_struct!(ctx, o, NET_BUFFER, {
        "Link" => Anonymous.Link,
        "NetBufferHeader" => Anonymous.NetBufferHeader,
        "Next" => Anonymous.Anonymous.Next,
        "CurrentMdl" => Anonymous.Anonymous.CurrentMdl,
        "CurrentMdlOffset" => Anonymous.Anonymous.CurrentMdlOffset,
        "DataLength" => Anonymous.Anonymous.Anonymous.DataLength,
        "stDataLength" => Anonymous.Anonymous.Anonymous.stDataLength,
        "MdlChain" => Anonymous.Anonymous.MdlChain,
        "DataOffset" => Anonymous.Anonymous.DataOffset,
        "ChecksumBias" => ChecksumBias,
        "Reserved" => Reserved,
        "NdisPoolHandle" => NdisPoolHandle,
        "NdisReserved" => NdisReserved,
        "ProtocolReserved" => ProtocolReserved,
        "MiniportReserved" => MiniportReserved,
        "DataPhysicalAddress" => DataPhysicalAddress,
        "ScatterGatherList" => Anonymous2.ScatterGatherList,
        "SharedMemoryInfo" => Anonymous2.SharedMemoryInfo,
    });
    check_struct!(ctx, o, NET_BUFFER_HEADER, {
        "Link" => Link,
        "Next" => NetBufferData.Next,
        "CurrentMdl" => NetBufferData.CurrentMdl,
        "CurrentMdlOffset" => NetBufferData.CurrentMdlOffset,
        "DataLength" => NetBufferData.NbDataLength.DataLength,
        "stDataLength" => NetBufferData.NbDataLength.stDataLength,
        "MdlChain" => NetBufferData.MdlChain,
        "DataOffset" => NetBufferData.DataOffset,
    });
    check_struct!(ctx, o, NET_BUFFER_DATA, {
        "Next" => Next,
        "CurrentMdl" => CurrentMdl,
        "CurrentMdlOffset" => CurrentMdlOffset,
        "DataLength" => NbDataLength.DataLength,
        "stDataLength" => NbDataLength.stDataLength,
        "MdlChain" => MdlChain,
        "DataOffset" => DataOffset,
    });
    check_struct!(ctx, o, NET_BUFFER_DATA_LENGTH, {
        "DataLength" => DataLength,
        "stDataLength" => stDataLength,
    });
    check_struct!(ctx, o, MDL, {
        "Next" => Next,
        "Size" => Size,
        "MdlFlags" => MdlFlags,
        "Process" => Process,
        "MappedSystemVa" => MappedSystemVa,
        "StartVa" => StartVa,
        "ByteCount" => ByteCount,
        "ByteOffset" => ByteOffset,
    });
    check_struct!(ctx, o, SLIST_HEADER, {
        "Alignment" => Anonymous.Alignment,
        "HeaderX64" => HeaderX64,
        "Region" => Anonymous.Region,
    });
    check_struct!(ctx, o, SCATTER_GATHER_LIST, {
        "NumberOfElements" => NumberOfElements,
        "Reserved" => Reserved,
        "Elements" => Elements,
    });
    check_struct!(ctx, o, SCATTER_GATHER_ELEMENT, {
        "Address" => Address,
        "Length" => Length,
        "Reserved" => Reserved,
    });
    check_struct!(ctx, o, NET_BUFFER_LIST_POOL_PARAMETERS, {
        "Header" => Header,
        "ProtocolId" => ProtocolId,
        "fAllocateNetBuffer" => fAllocateNetBuffer,
        "ContextSize" => ContextSize,
        "PoolTag" => PoolTag,
        "DataSize" => DataSize,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NET_BUFFER_POOL_PARAMETERS, {
        "Header" => Header,
        "PoolTag" => PoolTag,
        "DataSize" => DataSize,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NDIS_CONFIGURATION_OBJECT, {
        "Header" => Header,
        "NdisHandle" => NdisHandle,
        "Flags" => Flags,
    });
    check_struct!(ctx, o, NDIS_CONFIGURATION_PARAMETER, {
        "ParameterType" => ParameterType,
        "ParameterData" => ParameterData,
        "ParameterData.BinaryData" => ParameterData.BinaryData,
        "ParameterData.IntegerData" => ParameterData.IntegerData,
        "ParameterData.StringData" => ParameterData.StringData,
    });
    check_struct!(ctx, o, BINARY_DATA, {
        "Length" => Length,
        "Buffer" => Buffer,
    });
    check_struct!(ctx, o, NDIS_TIMER_CHARACTERISTICS, {
        "Header" => Header,
        "AllocationTag" => AllocationTag,
        "TimerFunction" => TimerFunction,
        "FunctionContext" => FunctionContext,
    });
    check_struct!(ctx, o, NDIS_INTERRUPT_MODERATION_PARAMETERS, {
        "Header" => Header,
        "Flags" => Flags,
        "InterruptModeration" => InterruptModeration,
    });
    check_struct!(ctx, o, NDIS_STATISTICS_INFO, {
        "Header" => Header,
        "SupportedStatistics" => SupportedStatistics,
        "ifInDiscards" => ifInDiscards,
        "ifInErrors" => ifInErrors,
        "ifHCInOctets" => ifHCInOctets,
        "ifHCInUcastPkts" => ifHCInUcastPkts,
        "ifHCInMulticastPkts" => ifHCInMulticastPkts,
        "ifHCInBroadcastPkts" => ifHCInBroadcastPkts,
        "ifHCOutOctets" => ifHCOutOctets,
        "ifHCOutUcastPkts" => ifHCOutUcastPkts,
        "ifHCOutMulticastPkts" => ifHCOutMulticastPkts,
        "ifHCOutBroadcastPkts" => ifHCOutBroadcastPkts,
        "ifOutErrors" => ifOutErrors,
        "ifOutDiscards" => ifOutDiscards,
        "ifHCInUcastOctets" => ifHCInUcastOctets,
        "ifHCInMulticastOctets" => ifHCInMulticastOctets,
        "ifHCInBroadcastOctets" => ifHCInBroadcastOctets,
        "ifHCOutUcastOctets" => ifHCOutUcastOctets,
        "ifHCOutMulticastOctets" => ifHCOutMulticastOctets,
        "ifHCOutBroadcastOctets" => ifHCOutBroadcastOctets,
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_ALGORITHM_INFO, {
        "Identifier" => Identifier,
        "KeyLength" => KeyLength,
        "KeyOffsetBytes" => KeyOffsetBytes,
        "AdditionalInfo" => AdditionalInfo,
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION, {
        "Flags" => Flags,
        "Operation" => Operation,
        "Spi" => Spi,
        "AuthenticationAlgorithm" => AuthenticationAlgorithm,
        "EncryptionAlgorithm" => EncryptionAlgorithm,
        "SequenceNumberHighOrder" => SequenceNumberHighOrder,
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_ADD_SA, {
        "Header" => Header,
        "Next" => Next,
        "NumExtHdrs" => NumExtHdrs,
        "Flags" => Flags,
        "IPv4Endpoints" => Anonymous.IPv4Endpoints,
        "IPv6Endpoints" => Anonymous.IPv6Endpoints,
        "IPv4Endpoints.SrcAddr" => Anonymous.IPv4Endpoints.SrcAddr,
        "IPv6Endpoints.SrcAddr" => Anonymous.IPv6Endpoints.SrcAddr,
        "IPv4Endpoints.DestAddr" => Anonymous.IPv4Endpoints.DestAddr,
        "IPv6Endpoints.DestAddr" => Anonymous.IPv6Endpoints.DestAddr,
        "OffloadHandle" => OffloadHandle,
        "UdpEspEncapsulation" => UdpEspEncapsulation,
        "SecAssoc" => SecAssoc,
        "KeyLength" => KeyLength,
        "KeyData" => KeyData,
    }, elements {
        "SecAssoc[0]" => SecAssoc[0],
        "SecAssoc[1]" => SecAssoc[1],
        "KeyData[0]" => KeyData[0],
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_ADD_SA_EX, {
        "Header" => Header,
        "NumExtHdrs" => NumExtHdrs,
        "Flags" => Flags,
        "IPv4Endpoints" => Anonymous.IPv4Endpoints,
        "IPv6Endpoints" => Anonymous.IPv6Endpoints,
        "IPv4Endpoints.SrcAddr" => Anonymous.IPv4Endpoints.SrcAddr,
        "IPv6Endpoints.SrcAddr" => Anonymous.IPv6Endpoints.SrcAddr,
        "IPv4Endpoints.DestAddr" => Anonymous.IPv4Endpoints.DestAddr,
        "IPv6Endpoints.DestAddr" => Anonymous.IPv6Endpoints.DestAddr,
        "OffloadHandle" => OffloadHandle,
        "UdpEspEncapsulation" => UdpEspEncapsulation,
        "SecAssoc" => SecAssoc,
        "KeyLength" => KeyLength,
        "KeyOffset" => KeyOffset,
        "SourceSwitchPortId" => SourceSwitchPortId,
        "VlanId" => VlanId,
    }, elements {
        "SecAssoc[0]" => SecAssoc[0],
        "SecAssoc[1]" => SecAssoc[1],
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_DELETE_SA, {
        "Header" => Header,
        "Next" => Next,
        "OffloadHandle" => OffloadHandle,
    });
    check_struct!(ctx, o, IPSEC_OFFLOAD_V2_UPDATE_SA, {
        "Header" => Header,
        "OffloadHandle" => OffloadHandle,
        "Operation" => Operation,
        "Spi" => Spi,
        "SequenceNumberHighOrder" => SequenceNumberHighOrder,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO, {
        "Receive" => Receive,
        "Transmit" => Transmit,
        "Transmit.OffloadHandle" => Transmit.OffloadHandle,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V2_TUNNEL_NET_BUFFER_LIST_INFO, {
        "Transmit" => Transmit,
        "Transmit.TunnelHandle" => Transmit.TunnelHandle,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO, {
        "Receive" => Receive,
        "Transmit" => Transmit,
    });
    check_struct!(ctx, o, NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO, {
        "Receive" => Receive,
        "Transmit" => Transmit,
        "Transmit.OffloadHandle" => Transmit.OffloadHandle,
        "Receive.CryptoStatus" => Receive.CryptoStatus,
    });
    check_struct!(ctx, o, NDIS_TCP_IP_CHECKSUM_NET_BUFFER_LIST_INFO, {
        "Receive" => Receive,
        "Transmit" => Transmit,
        "Value" => Value,
    });
    check_struct!(ctx, o, NDIS_TCP_LARGE_SEND_OFFLOAD_NET_BUFFER_LIST_INFO, {
        "LsoV1Transmit" => LsoV1Transmit,
        "LsoV1TransmitComplete" => LsoV1TransmitComplete,
        "LsoV2Transmit" => LsoV2Transmit,
        "LsoV2TransmitComplete" => LsoV2TransmitComplete,
        "Transmit" => Transmit,
        "Value" => Value,
    });
    check_struct!(ctx, o, NDIS_NET_BUFFER_LIST_8021Q_INFO, {
        "TagHeader" => TagHeader,
        "Value" => Value,
        "WLanTagHeader" => WLanTagHeader,
    });
    check_struct!(ctx, o, NET_LUID, {
        "Info" => Info,
        "Value" => Value,
    });
    check_struct!(ctx, o, GUID, {
        "Data1" => Data1,
        "Data2" => Data2,
        "Data3" => Data3,
        "Data4" => Data4,
    });
    check_struct!(ctx, o, LARGE_INTEGER, {
        "LowPart" => Anonymous.LowPart,
        "QuadPart" => QuadPart,
        "HighPart" => Anonymous.HighPart,
    });

    // MDL: the public header leaves bytes 0x0C..0x0F as padding (so the oracle has no entry);
    // the binding names them as the kernel does. Offsets follow from the oracle's note.
    assert_eq!(offset_of!(MDL, AllocationProcessorNumber), 0x0C);
    assert_eq!(offset_of!(MDL, Reserved1), 0x0E);
    assert_eq!(offset_of!(MDL, Process), 0x10);
}

/// Rounds `n` up to a multiple of `align` (C's tail padding).
fn round_up(n: usize, align: usize) -> usize {
    n.div_ceil(align) * align
}

/// Bit-field tables against the oracle, both directions.
fn check_bitfields(ctx: &mut Ctx, o: &Value) {
    let mut covered = BTreeSet::new();
    for table in ALL_BITFIELDS {
        for bf in *table {
            let id = format!("{}.{}", bf.structure, bf.path);
            if !covered.insert((bf.structure.to_string(), bf.path.to_string())) {
                ctx.fail(format!("bit-field {id}: listed twice"));
            }
            if !ctx.sizes.contains_key(bf.structure) {
                ctx.fail(format!("bit-field {id}: structure not checked"));
            }
            let own_mask = ((1u128 << bf.width) - 1) << bf.bit;
            if bf.width == 0
                || bf.bit + bf.width > 8 * bf.container_bytes as u32
                || own_mask != u128::from(bf.mask)
            {
                ctx.fail(format!(
                    "bit-field {id}: inconsistent mask/bit/width {bf:?}"
                ));
            }
            let Some(e) = o["structs"][bf.structure]["bitfields"].get(bf.path) else {
                ctx.fail(format!("bit-field {id}: not in the oracle"));
                continue;
            };
            let got = [
                bf.offset as u64,
                bf.container_bytes as u64,
                u64::from(bf.bit),
                u64::from(bf.width),
                bf.mask,
            ];
            let want = ["offset", "container_bytes", "bit", "width", "mask"].map(|k| e[k].as_u64());
            if got.map(Some) != want {
                ctx.fail(format!(
                    "bit-field {id}: (offset, bytes, bit, width, mask) {got:?}, oracle {want:?}"
                ));
            } else {
                ctx.bitfields += 1;
            }
        }
    }
    for (name, s) in o["structs"].as_object().expect("structs") {
        if let Some(bfs) = s["bitfields"].as_object() {
            for path in bfs.keys() {
                if !covered.contains(&(name.clone(), path.clone())) {
                    ctx.fail(format!(
                        "bit-field {name}.{path}: in the oracle but not bound"
                    ));
                }
            }
        }
    }
}

/// The crate's sources, as (file name, text).
fn sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("src/ is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .map(|p| {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (
                name,
                std::fs::read_to_string(&p).expect("source is readable"),
            )
        })
        .collect();
    files.sort();
    files
}

/// The identifier that follows `keyword` at the start of a (trimmed) line, if any.
fn item_after<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.trim_start().strip_prefix(keyword)?;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let ident = &rest[..end];
    (!ident.is_empty() && !ident.starts_with(|c: char| c.is_ascii_digit())).then_some(ident)
}

/// Constants: the crate's lists against the oracle (both directions), and no stray `pub const`.
fn check_constants(ctx: &mut Ctx, o: &Value) {
    let oracle = o["constants"].as_object().expect("constants");
    let allowed: BTreeSet<&str> = CONSTANTS_NOT_IN_ORACLE.iter().map(|(n, _)| *n).collect();
    let mut defined = BTreeMap::new();
    for list in ALL_CONSTANTS {
        for &(name, bits) in *list {
            if defined.insert(name, bits).is_some() {
                ctx.fail(format!("constant {name}: listed twice"));
            }
            match oracle.get(name) {
                Some(v) if v.as_u64() == Some(bits) => ctx.constants += 1,
                Some(v) => ctx.fail(format!("constant {name}: {bits:#x}, oracle {v}")),
                None if allowed.contains(name) => {}
                None => ctx.fail(format!("constant {name}: not in the oracle")),
            }
        }
    }
    for name in oracle.keys() {
        if !defined.contains_key(name.as_str()) {
            ctx.fail(format!("constant {name}: in the oracle but not defined"));
        }
    }
    // `pub const` written outside the constant lists (the lists come from `ndis_constants!`,
    // whose entries are not spelled `pub const` in the sources).
    let mut seen_allowed = BTreeSet::new();
    for (file, text) in sources() {
        for line in text.lines() {
            let Some(name) = item_after(line, "pub const ") else {
                continue;
            };
            if name == "fn" {
                continue;
            }
            let ty = line
                .split_once(':')
                .map(|(_, t)| t.trim_start())
                .unwrap_or("");
            if ty.starts_with('&') || ty.starts_with('[') {
                continue; // a table (constant lists, bit-field tables, import lists)
            }
            if allowed.contains(name) {
                seen_allowed.insert(name.to_string());
            } else if oracle.contains_key(name) {
                if !defined.contains_key(name) {
                    ctx.fail(format!(
                        "{file}: pub const {name} is an oracle constant outside the lists"
                    ));
                }
            } else {
                ctx.fail(format!(
                    "{file}: pub const {name} is not in the oracle nor allow-listed"
                ));
            }
        }
    }
    for (name, _) in CONSTANTS_NOT_IN_ORACLE {
        if oracle.contains_key(*name) {
            ctx.fail(format!(
                "allow-listed constant {name} is in the oracle; remove it from the list"
            ));
        }
        if !seen_allowed.contains(*name) && !defined.contains_key(name) {
            ctx.fail(format!(
                "allow-listed constant {name} is not defined any more"
            ));
        }
    }
}

/// Every `pub struct` / `pub union` in the sources is checked, a helper of a checked structure,
/// or explicitly listed.
fn check_source_types(ctx: &mut Ctx, o: &Value) {
    let listed: BTreeSet<&str> = TYPES_NOT_IN_ORACLE.iter().map(|(n, _)| *n).collect();
    let mut found = BTreeSet::new();
    for (file, text) in sources() {
        for line in text.lines() {
            let Some(name) =
                item_after(line, "pub struct ").or_else(|| item_after(line, "pub union "))
            else {
                continue;
            };
            found.insert(name.to_string());
            if ctx.sizes.contains_key(name) || listed.contains(name) {
                continue;
            }
            if o["structs"].get(name).is_some() {
                ctx.fail(format!(
                    "{file}: {name} is an oracle structure but was not checked"
                ));
            } else if !ctx.sizes.keys().any(|p| name.starts_with(&format!("{p}_"))) {
                ctx.fail(format!(
                    "{file}: {name} is not an oracle structure nor a helper of one"
                ));
            }
        }
    }
    for name in listed {
        if !found.contains(name) {
            ctx.fail(format!("listed type {name} is not defined any more"));
        }
    }
}

/// `sizeof_by_ndis_version` against the revision sizes: `sizeof` for NDIS version v is the
/// `NDIS_SIZEOF_*` (RTL_SIZEOF_THROUGH_FIELD) of the revision that version's header ends with,
/// rounded up to the alignment (C adds tail padding to `sizeof`, not to the through-field size).
fn check_versioned_sizes(ctx: &mut Ctx, o: &Value) {
    // (structure, [(first NDIS version of a layout, size through its last member)])
    let revisions: &[(&str, &[(&str, u16)])] = &[
        (
            "NDIS_MINIPORT_DRIVER_CHARACTERISTICS",
            &[
                (
                    "6.30",
                    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
                ),
                (
                    "6.80",
                    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3,
                ),
            ],
        ),
        (
            "NDIS_OFFLOAD",
            &[
                ("6.30", NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3),
                ("6.50", NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_4),
                ("6.70", NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_5),
                ("6.83", NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_6),
            ],
        ),
        (
            "NDIS_OFFLOAD_PARAMETERS",
            &[
                ("6.30", NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3),
                ("6.50", NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_4),
                ("6.83", NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_5),
            ],
        ),
        (
            "NDIS_OID_REQUEST",
            &[
                ("6.30", NDIS_SIZEOF_OID_REQUEST_REVISION_1),
                ("6.50", NDIS_SIZEOF_OID_REQUEST_REVISION_2),
            ],
        ),
        (
            "NET_BUFFER_LIST_POOL_PARAMETERS",
            &[
                (
                    "6.30",
                    NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
                ),
                (
                    "6.87",
                    NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2,
                ),
            ],
        ),
        (
            "NET_BUFFER_POOL_PARAMETERS",
            &[
                ("6.30", NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1),
                ("6.87", NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2),
            ],
        ),
    ];
    let max_info = &o["version_dependent_constants"]["MaxNetBufferListInfo"];
    if max_info["6.87"].as_u64() != Some(MaxNetBufferListInfo as u64) {
        ctx.fail(format!(
            "MaxNetBufferListInfo {MaxNetBufferListInfo}, oracle (6.87) {}",
            max_info["6.87"]
        ));
    }
    let slots = size_of_field(|n: &NET_BUFFER_LIST| &n.NetBufferListInfo) / size_of::<PVOID>();
    if slots != MaxNetBufferListInfo as usize {
        ctx.fail(format!(
            "NET_BUFFER_LIST has {slots} info slots, MaxNetBufferListInfo is {MaxNetBufferListInfo}"
        ));
    }
    let mut versioned = BTreeSet::new();
    for (name, s) in o["structs"].as_object().expect("structs") {
        let Some(by_version) = s["sizeof_by_ndis_version"].as_object() else {
            continue;
        };
        versioned.insert(name.as_str());
        let Some(&(size, align)) = ctx.sizes.get(name.as_str()) else {
            continue;
        };
        if by_version.get("6.87").and_then(Value::as_u64) != Some(size as u64) {
            ctx.fail(format!(
                "{name}: size {size} is not the NDIS 6.87 sizeof {}",
                by_version["6.87"]
            ));
        }
        for (version, want) in by_version {
            let Some(want) = want.as_u64() else { continue }; // not defined for that version
            let expected = if name == "NET_BUFFER_LIST" {
                let Some(n) = max_info[version.as_str()].as_u64() else {
                    ctx.fail(format!("no MaxNetBufferListInfo for NDIS {version}"));
                    continue;
                };
                round_up(
                    offset_of!(NET_BUFFER_LIST, NetBufferListInfo)
                        + n as usize * size_of::<PVOID>(),
                    align,
                )
            } else if let Some((_, revs)) = revisions.iter().find(|(n, _)| n == name) {
                let Some(&(_, through)) = revs
                    .iter()
                    .rev()
                    .find(|(first, _)| *first <= version.as_str())
                else {
                    ctx.fail(format!("{name}: no revision for NDIS {version}"));
                    continue;
                };
                round_up(usize::from(through), align)
            } else {
                size // not grown: every defined version has the full size
            };
            if expected as u64 == want {
                ctx.versioned_sizes += 1;
            } else {
                ctx.fail(format!(
                    "{name}: NDIS {version} sizeof {want}, binding gives {expected}"
                ));
            }
        }
    }
    for (name, _) in revisions {
        if !versioned.contains(name) {
            ctx.fail(format!(
                "{name}: expected sizeof_by_ndis_version in the oracle"
            ));
        }
    }
    if !versioned.contains("NET_BUFFER_LIST") {
        ctx.fail("NET_BUFFER_LIST: expected sizeof_by_ndis_version in the oracle".into());
    }

    // What the driver uses (it declares NDIS 6.30), spelled out: (what, binding, expected).
    let v630 = |name: &str| o["structs"][name]["sizeof_by_ndis_version"]["6.30"].as_u64();
    let spelled_out: [(&str, Option<u64>, u64); 12] = [
        // Characteristics revision 2 has no tail padding: the through size equals sizeof.
        (
            "NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2",
            Some(NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2.into()),
            0x98,
        ),
        (
            "sizeof(NDIS_MINIPORT_DRIVER_CHARACTERISTICS) @ 6.30",
            v630("NDIS_MINIPORT_DRIVER_CHARACTERISTICS"),
            0x98,
        ),
        // NDIS_OFFLOAD revision 3 ends at EncapsulatedPacketTaskOffloadGre = sizeof for 6.30.
        (
            "NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3",
            Some(NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3.into()),
            0x9C,
        ),
        ("sizeof(NDIS_OFFLOAD) @ 6.30", v630("NDIS_OFFLOAD"), 0x9C),
        // Offload parameters revision 3 ends at EncapsulationTypes (0x1A); sizeof adds 2 bytes.
        (
            "NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3",
            Some(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3.into()),
            0x1A,
        ),
        (
            "sizeof(NDIS_OFFLOAD_PARAMETERS) @ 6.30",
            v630("NDIS_OFFLOAD_PARAMETERS"),
            0x1C,
        ),
        // OID request revision 1 ends at Reserved2 (0xEC); sizeof for 6.30 is 0xF0.
        (
            "NDIS_SIZEOF_OID_REQUEST_REVISION_1",
            Some(NDIS_SIZEOF_OID_REQUEST_REVISION_1.into()),
            0xEC,
        ),
        (
            "sizeof(NDIS_OID_REQUEST) @ 6.30",
            v630("NDIS_OID_REQUEST"),
            0xF0,
        ),
        // NBL pool parameters: revision 1 (0x10) until NDIS 6.87.
        (
            "NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1",
            Some(NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1.into()),
            0x10,
        ),
        (
            "sizeof(NET_BUFFER_LIST_POOL_PARAMETERS) @ 6.30",
            v630("NET_BUFFER_LIST_POOL_PARAMETERS"),
            0x10,
        ),
        // NBL: 24 info slots for 6.30 (0x90 + 24 * 8).
        (
            "sizeof(NET_BUFFER_LIST) @ 6.30",
            v630("NET_BUFFER_LIST"),
            0x150,
        ),
        (
            "offset_of!(NET_BUFFER_LIST, NetBufferListInfo)",
            Some(offset_of!(NET_BUFFER_LIST, NetBufferListInfo) as u64),
            0x90,
        ),
    ];
    for (what, got, want) in spelled_out {
        if got != Some(want) {
            ctx.fail(format!("{what}: {got:?}, expected {want:#x}"));
        }
    }
}

#[test]
fn abi_matches_oracle() {
    let o = oracle();
    let mut ctx = Ctx::default();
    check_structs(&mut ctx, &o);
    for name in o["structs"].as_object().expect("structs").keys() {
        if !ctx.sizes.contains_key(name.as_str()) {
            ctx.fail(format!("{name}: oracle structure not checked"));
        }
    }
    check_bitfields(&mut ctx, &o);
    check_constants(&mut ctx, &o);
    check_source_types(&mut ctx, &o);
    check_versioned_sizes(&mut ctx, &o);

    let summary = format!(
        "abi: {} structs, {} fields ({} field sizes, {} array elements), {} bitfields, {} constants, {} per-version sizes checked\n",
        ctx.sizes.len(),
        ctx.fields,
        ctx.field_sizes,
        ctx.elements,
        ctx.bitfields,
        ctx.constants,
        ctx.versioned_sizes,
    );
    // Written to the process's stderr directly, so it shows without --nocapture.
    std::io::Write::write_all(&mut std::io::stderr(), summary.as_bytes()).expect("stderr");
    assert!(
        ctx.errors.is_empty(),
        "{} ABI mismatches:\n{}",
        ctx.errors.len(),
        ctx.errors.join("\n")
    );
}

#[test]
fn accessors_read_the_right_members() {
    let mut nbl = NET_BUFFER_LIST::default();
    let mut nb = NET_BUFFER::default();
    let other: *mut NET_BUFFER_LIST = &mut NET_BUFFER_LIST::default();
    assert!(nbl.next().is_null() && nbl.first_net_buffer().is_null());
    nbl.set_next(other);
    nbl.Anonymous.Anonymous.FirstNetBuffer = &mut nb;
    assert_eq!(nbl.next(), other);
    assert_eq!(nbl.first_net_buffer(), &mut nb as *mut NET_BUFFER);
    let marker = 0x5A5A_usize as PVOID;
    nbl.set_info(IPsecOffloadV2NetBufferListInfo as usize, marker);
    assert_eq!(nbl.info(IPsecOffloadV2NetBufferListInfo as usize), marker);
    assert_eq!(nbl.NetBufferListInfo[1], marker);
    nbl.set_status(NDIS_STATUS_FAILURE);
    assert_eq!(nbl.status(), NDIS_STATUS_FAILURE);

    let mut mdl = MDL::default();
    nb.Anonymous.Anonymous.Next = &mut NET_BUFFER::default();
    nb.Anonymous.Anonymous.CurrentMdl = &mut mdl;
    nb.Anonymous.Anonymous.MdlChain = &mut mdl;
    nb.Anonymous.Anonymous.CurrentMdlOffset = 14;
    nb.Anonymous.Anonymous.Anonymous.DataLength = 1500;
    nb.Anonymous.Anonymous.DataOffset = 2;
    assert!(!nb.next().is_null());
    assert_eq!(nb.current_mdl(), &mut mdl as *mut MDL);
    assert_eq!(nb.mdl_chain(), &mut mdl as *mut MDL);
    assert_eq!(
        (nb.current_mdl_offset(), nb.data_length(), nb.data_offset()),
        (14, 1500, 2)
    );

    let mut req = NDIS_OID_REQUEST::default();
    let mut buf = [0u8; 16];
    req.DATA.SET_INFORMATION = NDIS_OID_REQUEST_DATA_SET_INFORMATION {
        Oid: OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA,
        InformationBuffer: buf.as_mut_ptr().cast(),
        InformationBufferLength: 16,
        BytesRead: 0,
        BytesNeeded: 0,
    };
    assert_eq!(req.oid(), OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA);
    assert_eq!(req.information_buffer(), buf.as_mut_ptr().cast());
    assert_eq!(req.information_buffer_length(), 16);
    // SAFETY: `DATA` was just written through `SET_INFORMATION`; the fourth member `Oid` is
    // the common first `u32`.
    let oid = unsafe { req.DATA.Oid };
    assert_eq!(oid, OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA);
}

#[test]
fn bitfield_constants_compose() {
    // A receive-side IPsec v2 info with CryptoDone and an ESP authentication failure.
    let bits = NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK
        | ((CRYPTO_TRANSPORT_ESP_AUTH_FAILED
            << NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_SHIFT)
            & NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK);
    assert_eq!(bits, 0x0003_0002);
    assert_eq!(
        NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO_Receive_CryptoStatus_MASK,
        0xFFFF_0000
    );
    assert_eq!(SLIST_HEADER_HeaderX64_NextEntry_MASK, 0xFFFF_FFFF_FFFF_FFF0);
    assert_eq!(
        NDIS_IPSEC_OFFLOAD_V1_NET_BUFFER_LIST_INFO_Receive_CryptoDone_MASK,
        2u16
    );
    // The bit pattern helper of the constant lists.
    assert_eq!(const_bits(NDIS_STATUS_FAILURE as i128, 4), 0xC000_0001);
    assert_eq!(const_bits(NDIS_LINK_SPEED_UNKNOWN as i128, 8), u64::MAX);
}

#[test]
fn default_is_all_zero() {
    let chars = NDIS_MINIPORT_DRIVER_CHARACTERISTICS::default();
    assert!(chars.InitializeHandlerEx.is_none() && chars.SynchronousOidRequestHandler.is_none());
    let offload = NDIS_OFFLOAD::default();
    assert_eq!(offload.IPsecV2.SaOffloadCapacity, 0);
    let sa = IPSEC_OFFLOAD_V2_ADD_SA::default();
    assert!(sa.Next.is_null() && sa.OffloadHandle.is_null());
    // SAFETY: reading a `[u8; 16]` member of a zeroed plain-data union.
    assert_eq!(unsafe { sa.Anonymous.IPv6Endpoints.DestAddr }, [0; 16]);
}
