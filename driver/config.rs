//! Registry keywords of an adapter, read once in `MiniportInitializeEx`.

use core::ptr::null_mut;
use ipsecov2_core::mac::MacAddress;
use ipsecov2_core::offload::{DEFAULT_SA_CAPACITY, IpsecSetting};
use ndis_sys::*;

/// Largest `SaOffloadCapacity` the keyword may ask for (memory is reserved at initialize).
pub const MAX_SA_CAPACITY: u32 = 1 << 20;

/// The keyword values the adapter uses; absent or invalid values keep their defaults.
#[derive(Clone, Copy, Debug)]
pub struct Keywords {
    /// `NetworkAddress`: a locally administered address that replaces the permanent one.
    pub network_address: Option<MacAddress>,
    /// `*IPsecOffloadV2` (default 3: AH and ESP). `*IPsecOffloadV2IPv4` is for IPv4-only
    /// devices; this one supports IPv6, so that keyword is not consulted.
    pub ipsec: IpsecSetting,
    /// `SaOffloadCapacity` (ipsecov2's own keyword): SA bundles the table holds.
    pub sa_capacity: u32,
}

impl Default for Keywords {
    fn default() -> Self {
        Self {
            network_address: None,
            ipsec: IpsecSetting::AhAndEsp,
            sa_capacity: DEFAULT_SA_CAPACITY,
        }
    }
}

/// An ASCII keyword as the UTF-16 array a `UNICODE_STRING` points to.
const fn utf16<const N: usize>(ascii: &str) -> [u16; N] {
    let bytes = ascii.as_bytes();
    let mut out = [0u16; N];
    let mut i = 0;
    while i < N && i < bytes.len() {
        out[i] = bytes[i] as u16;
        i += 1;
    }
    out
}

const IPSEC_OFFLOAD_V2: [u16; 15] = utf16("*IPsecOffloadV2");
const SA_OFFLOAD_CAPACITY: [u16; 17] = utf16("SaOffloadCapacity");
const DEBUG_LEVEL: [u16; 10] = utf16("DebugLevel");

/// Reads an integer keyword, `None` when absent or not an integer.
fn read_integer<const N: usize>(handle: NDIS_HANDLE, keyword: &[u16; N]) -> Option<u32> {
    let mut name = *keyword;
    let mut string = UNICODE_STRING {
        Length: (N * 2) as u16,
        MaximumLength: (N * 2) as u16,
        Buffer: name.as_mut_ptr(),
    };
    let mut status: NDIS_STATUS = NDIS_STATUS_FAILURE;
    let mut value: *mut NDIS_CONFIGURATION_PARAMETER = null_mut();
    // SAFETY: all pointers are valid for the call; `handle` is an open configuration handle.
    unsafe {
        NdisReadConfiguration(
            &mut status,
            &mut value,
            handle,
            &mut string,
            NdisParameterInteger,
        )
    };
    if status != NDIS_STATUS_SUCCESS || value.is_null() {
        return None;
    }
    // SAFETY: on success NDIS returns a parameter valid until the handle is closed.
    let parameter = unsafe { &*value };
    if parameter.ParameterType != NdisParameterInteger
        && parameter.ParameterType != NdisParameterHexInteger
    {
        return None;
    }
    // SAFETY: the type says the integer member of the union is the live one.
    Some(unsafe { parameter.ParameterData.IntegerData })
}

/// Reads the adapter's keywords. A configuration that cannot be opened yields the defaults:
/// the adapter still works, as a NIC without registry settings would.
pub fn read_keywords(miniport_handle: NDIS_HANDLE) -> Keywords {
    let mut keywords = Keywords::default();
    let mut object = NDIS_CONFIGURATION_OBJECT {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT,
            NDIS_CONFIGURATION_OBJECT_REVISION_1,
            NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1,
        ),
        NdisHandle: miniport_handle,
        ..Default::default()
    };
    let mut handle: NDIS_HANDLE = null_mut();
    // SAFETY: `object` and `handle` are valid for the call; NDIS fills `handle` on success.
    let status = unsafe { NdisOpenConfigurationEx(&mut object, &mut handle) };
    if status != NDIS_STATUS_SUCCESS || handle.is_null() {
        crate::log::kd_error!("NdisOpenConfigurationEx failed: %08x", status);
        return keywords;
    }
    keywords.network_address = read_network_address(handle);
    if let Some(value) = read_integer(handle, &IPSEC_OFFLOAD_V2) {
        match IpsecSetting::from_keyword(value) {
            Some(setting) => keywords.ipsec = setting,
            None => crate::log::kd_error!("*IPsecOffloadV2 = %u ignored (0..3)", value),
        }
    }
    if let Some(level) = read_integer(handle, &DEBUG_LEVEL) {
        crate::log::set_level(level);
    }
    if let Some(value) = read_integer(handle, &SA_OFFLOAD_CAPACITY) {
        if (1..=MAX_SA_CAPACITY).contains(&value) {
            keywords.sa_capacity = value;
        } else {
            crate::log::kd_error!("SaOffloadCapacity = %u ignored (1..1048576)", value);
        }
    }
    // SAFETY: `handle` was opened above and is closed exactly once.
    unsafe { NdisCloseConfiguration(handle) };
    keywords
}

/// The `NetworkAddress` override, if present and a valid unicast address.
fn read_network_address(handle: NDIS_HANDLE) -> Option<MacAddress> {
    let mut status: NDIS_STATUS = NDIS_STATUS_FAILURE;
    let mut address: PVOID = null_mut();
    let mut length: u32 = 0;
    // SAFETY: out-pointers are valid; `handle` is an open configuration handle.
    unsafe { NdisReadNetworkAddress(&mut status, &mut address, &mut length, handle) };
    if status != NDIS_STATUS_SUCCESS || address.is_null() {
        return None;
    }
    // SAFETY: on success NDIS returns `length` readable bytes at `address`, valid until the
    // configuration handle is closed; they are copied out before that.
    let bytes = unsafe { core::slice::from_raw_parts(address.cast::<u8>(), length as usize) };
    let mac = MacAddress::from_override(bytes);
    if mac.is_none() {
        crate::log::kd_error!("NetworkAddress keyword ignored: not a 6-byte unicast address");
    }
    mac
}
