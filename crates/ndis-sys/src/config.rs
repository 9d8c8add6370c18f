//! Registry configuration (`NdisOpenConfigurationEx` / `NdisReadConfiguration`), timer objects
//! and the interrupt-moderation OID payload.

use crate::handlers::NDIS_TIMER_FUNCTION;
use crate::types::*;

/// `NDIS_CONFIGURATION_OBJECT`: input of `NdisOpenConfigurationEx` (which registry key to open).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_CONFIGURATION_OBJECT {
    /// `NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT`, revision 1,
    /// `NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// The miniport adapter handle (or driver handle) whose configuration is opened.
    pub NdisHandle: NDIS_HANDLE,
    /// `NDIS_CONFIG_FLAG_*` (0 for the adapter's own key).
    pub Flags: u32,
}

/// `NDIS_CONFIGURATION_PARAMETER`: one value read by `NdisReadConfiguration`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_CONFIGURATION_PARAMETER {
    /// Which member of `ParameterData` is valid (an `NDIS_PARAMETER_TYPE`, `NdisParameter*`).
    pub ParameterType: NDIS_ENUM,
    /// The value.
    pub ParameterData: NDIS_CONFIGURATION_PARAMETER_ParameterData,
}

/// The value of an [`NDIS_CONFIGURATION_PARAMETER`] (C: named union `ParameterData`).
#[repr(C)]
#[derive(Clone, Copy)]
pub union NDIS_CONFIGURATION_PARAMETER_ParameterData {
    /// `NdisParameterInteger` / `NdisParameterHexInteger`.
    pub IntegerData: u32,
    /// `NdisParameterString` / `NdisParameterMultiString`.
    pub StringData: NDIS_STRING,
    /// `NdisParameterBinary`.
    pub BinaryData: BINARY_DATA,
}

/// `BINARY_DATA`: a counted byte buffer (registry `REG_BINARY` value).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct BINARY_DATA {
    /// Number of valid bytes at `Buffer`.
    pub Length: u16,
    /// The bytes.
    pub Buffer: PVOID,
}

/// `NDIS_TIMER_CHARACTERISTICS`: input of `NdisAllocateTimerObject`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_TIMER_CHARACTERISTICS {
    /// `NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS`, revision 1,
    /// `NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// Pool tag NDIS uses for the timer object.
    pub AllocationTag: u32,
    /// Callback run when the timer fires.
    pub TimerFunction: NDIS_TIMER_FUNCTION,
    /// Default context passed to `TimerFunction`.
    pub FunctionContext: PVOID,
}

/// `NDIS_INTERRUPT_MODERATION_PARAMETERS`: payload of `OID_GEN_INTERRUPT_MODERATION`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct NDIS_INTERRUPT_MODERATION_PARAMETERS {
    /// `NDIS_OBJECT_TYPE_DEFAULT`, revision 1,
    /// `NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1`.
    pub Header: NDIS_OBJECT_HEADER,
    /// `NDIS_INTERRUPT_MODERATION_CHANGE_*` flags.
    pub Flags: u32,
    /// An `NDIS_INTERRUPT_MODERATION` value (unknown / not supported / enabled / disabled).
    pub InterruptModeration: NDIS_ENUM,
}

zeroed_default!(
    NDIS_CONFIGURATION_OBJECT,
    NDIS_CONFIGURATION_PARAMETER,
    NDIS_CONFIGURATION_PARAMETER_ParameterData,
    BINARY_DATA,
    NDIS_TIMER_CHARACTERISTICS,
    NDIS_INTERRUPT_MODERATION_PARAMETERS,
);
