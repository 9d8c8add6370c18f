//! IPsec Offload V2 capabilities and configuration: what the engine can do, what the
//! `*IPsecOffloadV2` keyword and `OID_TCP_OFFLOAD_PARAMETERS` enable, and the
//! `NDIS_OFFLOAD` structures the miniport reports (hardware capabilities and current
//! configuration).

use crate::sa::spec::{AuthAlgorithm, EncAlgorithm};
use crate::sync::{AtomicU32, Ordering};
use crate::wire::{read_u8, read_u16};
use core::mem::offset_of;
use ndis_sys::*;

/// Default `SaOffloadCapacity` (bundles), unless the shell configures another.
pub const DEFAULT_SA_CAPACITY: u32 = 1024;

/// What the software engine implements: every algorithm IPsecOV2 defines, AH and ESP and
/// both combined, transport and tunnel and both combined, every UDP-ESP encapsulation,
/// ESN, IPv4 options and IPv6 extension headers, on Ethernet. No LSO for IPsec traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub ipv6: bool,
    pub ipv4_options: bool,
    pub ipv6_extension_headers: bool,
    pub ah: bool,
    pub esp: bool,
    pub ah_esp_combined: bool,
    pub transport: bool,
    pub tunnel: bool,
    pub transport_tunnel_combined: bool,
    pub esn: bool,
    pub udp_esp: u32,
    pub auth_algorithms: u32,
    pub enc_algorithms: u32,
    pub sa_capacity: u32,
}

impl Capabilities {
    /// The engine's capabilities with a table of `sa_capacity` bundles.
    pub fn engine(sa_capacity: u32) -> Self {
        Self {
            ipv6: true,
            ipv4_options: true,
            ipv6_extension_headers: true,
            ah: true,
            esp: true,
            ah_esp_combined: true,
            transport: true,
            tunnel: true,
            transport_tunnel_combined: true,
            esn: true,
            udp_esp: IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT
                | IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TUNNEL
                | IPSEC_OFFLOAD_V2_TRANSPORT_OVER_UDP_ESP_ENCAPSULATION_TUNNEL
                | IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT_OVER_TUNNEL,
            auth_algorithms: AuthAlgorithm::ALL.iter().fold(0, |m, a| m | a.bit()),
            enc_algorithms: EncAlgorithm::ALL.iter().fold(0, |m, e| m | e.bit()),
            sa_capacity,
        }
    }

    /// The same capabilities with AH and/or ESP switched off by the configuration. With both
    /// off, the whole block is zero (IPsec offload disabled).
    pub fn restricted_to(&self, setting: IpsecSetting) -> Self {
        let (ah, esp) = setting.protocols();
        if !ah && !esp {
            return Self::disabled();
        }
        Self {
            ah: self.ah && ah,
            esp: self.esp && esp,
            ah_esp_combined: self.ah_esp_combined && ah && esp,
            ..*self
        }
    }

    /// Everything off.
    pub fn disabled() -> Self {
        Self {
            ipv6: false,
            ipv4_options: false,
            ipv6_extension_headers: false,
            ah: false,
            esp: false,
            ah_esp_combined: false,
            transport: false,
            tunnel: false,
            transport_tunnel_combined: false,
            esn: false,
            udp_esp: 0,
            auth_algorithms: 0,
            enc_algorithms: 0,
            sa_capacity: 0,
        }
    }

    /// The `NDIS_IPSEC_OFFLOAD_V2` block.
    pub fn ipsec_v2_block(&self) -> NDIS_IPSEC_OFFLOAD_V2 {
        let enabled = self.ah || self.esp;
        NDIS_IPSEC_OFFLOAD_V2 {
            Encapsulation: if enabled {
                NDIS_ENCAPSULATION_IEEE_802_3
            } else {
                0
            },
            IPv6Supported: self.ipv6.into(),
            IPv4Options: self.ipv4_options.into(),
            IPv6NonIPsecExtensionHeaders: self.ipv6_extension_headers.into(),
            Ah: self.ah.into(),
            Esp: self.esp.into(),
            AhEspCombined: self.ah_esp_combined.into(),
            Transport: self.transport.into(),
            Tunnel: self.tunnel.into(),
            TransportTunnelCombined: self.transport_tunnel_combined.into(),
            LsoSupported: 0,
            ExtendedSequenceNumbers: self.esn.into(),
            UdpEsp: self.udp_esp,
            AuthenticationAlgorithms: self.auth_algorithms,
            EncryptionAlgorithms: self.enc_algorithms,
            SaOffloadCapacity: self.sa_capacity,
        }
    }

    /// The `NDIS_OFFLOAD` structure (revision 3, for NDIS 6.30) with only the IPsec V2 block
    /// filled: the adapter offers no checksum, LSO or other task offload.
    pub fn ndis_offload(&self) -> NDIS_OFFLOAD {
        NDIS_OFFLOAD {
            Header: NDIS_OBJECT_HEADER::new(
                NDIS_OBJECT_TYPE_OFFLOAD,
                NDIS_OFFLOAD_REVISION_3,
                NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3,
            ),
            IPsecV2: self.ipsec_v2_block(),
            ..Default::default()
        }
    }
}

/// Which IPsec protocols the configuration enables (`*IPsecOffloadV2` keyword values 0..3;
/// `NDIS_OFFLOAD_PARAMETERS_IPSECV2_*` values 1..4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpsecSetting {
    Disabled,
    Ah,
    Esp,
    AhAndEsp,
}

impl IpsecSetting {
    /// (AH enabled, ESP enabled).
    pub fn protocols(self) -> (bool, bool) {
        match self {
            IpsecSetting::Disabled => (false, false),
            IpsecSetting::Ah => (true, false),
            IpsecSetting::Esp => (false, true),
            IpsecSetting::AhAndEsp => (true, true),
        }
    }

    /// From the standardized keyword's value; out-of-range values give `None` (the caller
    /// keeps the default, as for an absent keyword).
    pub fn from_keyword(value: u32) -> Option<Self> {
        Some(match value {
            0 => IpsecSetting::Disabled,
            1 => IpsecSetting::Ah,
            2 => IpsecSetting::Esp,
            3 => IpsecSetting::AhAndEsp,
            _ => return None,
        })
    }

    /// From an `NDIS_OFFLOAD_PARAMETERS` value: `Ok(None)` for NO_CHANGE.
    pub fn from_parameter(value: u8) -> Result<Option<Self>, ParametersError> {
        Ok(Some(match value {
            NDIS_OFFLOAD_PARAMETERS_NO_CHANGE => return Ok(None),
            NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED => IpsecSetting::Disabled,
            NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_ENABLED => IpsecSetting::Ah,
            NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED => IpsecSetting::Esp,
            NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_AND_ESP_ENABLED => IpsecSetting::AhAndEsp,
            _ => return Err(ParametersError::BadValue),
        }))
    }

    fn code(self) -> u32 {
        match self {
            IpsecSetting::Disabled => 0,
            IpsecSetting::Ah => 1,
            IpsecSetting::Esp => 2,
            IpsecSetting::AhAndEsp => 3,
        }
    }
}

/// The adapter's offload configuration: fixed hardware capabilities and a setting that the
/// OID path can change while SAs are added concurrently.
pub struct OffloadConfig {
    hardware: Capabilities,
    setting: AtomicU32,
}

/// The result of applying `OID_TCP_OFFLOAD_PARAMETERS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParametersApplied {
    /// Bytes of the structure read.
    pub bytes_read: usize,
    /// The IPsec setting changed (the miniport must indicate the new current configuration).
    pub changed: bool,
}

/// Why `OID_TCP_OFFLOAD_PARAMETERS` was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParametersError {
    /// Shorter than `NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1`, or than `Header.Size`.
    TooShort { needed: usize },
    /// Header type, revision or size is wrong.
    BadHeader,
    /// An IPsec V2 value outside the defined ones.
    BadValue,
}

impl ParametersError {
    /// The NDIS status to return.
    pub fn status(self) -> NDIS_STATUS {
        match self {
            ParametersError::TooShort { .. } => NDIS_STATUS_INVALID_LENGTH,
            ParametersError::BadHeader | ParametersError::BadValue => NDIS_STATUS_INVALID_DATA,
        }
    }
}

impl OffloadConfig {
    /// Hardware capabilities and the setting read from the keywords at initialize.
    pub fn new(hardware: Capabilities, setting: IpsecSetting) -> Self {
        Self {
            hardware,
            setting: AtomicU32::new(setting.code()),
        }
    }

    /// What the device can do.
    pub fn hardware(&self) -> Capabilities {
        self.hardware
    }

    /// The current setting.
    pub fn setting(&self) -> IpsecSetting {
        match self.setting.load(Ordering::Acquire) {
            1 => IpsecSetting::Ah,
            2 => IpsecSetting::Esp,
            3 => IpsecSetting::AhAndEsp,
            _ => IpsecSetting::Disabled,
        }
    }

    /// What is enabled now.
    pub fn current(&self) -> Capabilities {
        self.hardware.restricted_to(self.setting())
    }

    /// Applies an `NDIS_OFFLOAD_PARAMETERS` buffer. Only the IPsec V2 fields concern this
    /// adapter (it offers no other task offload, so requests for those change nothing).
    /// `IPsecV2IPv4` is for IPv4-only devices and is ignored because this one supports IPv6.
    pub fn apply_parameters(&self, buffer: &[u8]) -> Result<ParametersApplied, ParametersError> {
        let minimum = usize::from(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1);
        if buffer.len() < minimum {
            return Err(ParametersError::TooShort { needed: minimum });
        }
        let (Some(kind), Some(revision), Some(size)) =
            (read_u8(buffer, 0), read_u8(buffer, 1), read_u16(buffer, 2))
        else {
            return Err(ParametersError::TooShort { needed: minimum });
        };
        let size = usize::from(size);
        if kind != NDIS_OBJECT_TYPE_DEFAULT || revision < NDIS_OFFLOAD_PARAMETERS_REVISION_1 {
            return Err(ParametersError::BadHeader);
        }
        if size < minimum {
            return Err(ParametersError::BadHeader);
        }
        if size > buffer.len() {
            return Err(ParametersError::TooShort { needed: size });
        }
        let has_ipsec_v2 = revision >= NDIS_OFFLOAD_PARAMETERS_REVISION_2
            && size >= usize::from(NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_2);
        let mut changed = false;
        if has_ipsec_v2 {
            let value = read_u8(buffer, offset_of!(NDIS_OFFLOAD_PARAMETERS, IPsecV2))
                .ok_or(ParametersError::TooShort { needed: size })?;
            if let Some(setting) = IpsecSetting::from_parameter(value)? {
                let previous = self.setting.swap(setting.code(), Ordering::AcqRel);
                changed = previous != setting.code();
            }
        }
        Ok(ParametersApplied {
            bytes_read: size,
            changed,
        })
    }
}

impl OffloadConfig {
    /// Checks an `NDIS_OFFLOAD_ENCAPSULATION` (`OID_OFFLOAD_ENCAPSULATION`): the protocol
    /// tells the miniport which frame encapsulation is in use. This adapter handles Ethernet
    /// (802.3) only; asking to enable anything else is refused.
    pub fn check_encapsulation(&self, buffer: &[u8]) -> Result<usize, ParametersError> {
        type E = NDIS_OFFLOAD_ENCAPSULATION;
        let minimum = usize::from(NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1);
        if buffer.len() < minimum {
            return Err(ParametersError::TooShort { needed: minimum });
        }
        let (Some(kind), Some(revision), Some(size)) =
            (read_u8(buffer, 0), read_u8(buffer, 1), read_u16(buffer, 2))
        else {
            return Err(ParametersError::TooShort { needed: minimum });
        };
        if kind != NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION
            || revision < NDIS_OFFLOAD_ENCAPSULATION_REVISION_1
            || usize::from(size) < minimum
        {
            return Err(ParametersError::BadHeader);
        }
        for (enabled_at, type_at) in [
            (
                offset_of!(E, IPv4.Enabled),
                offset_of!(E, IPv4.EncapsulationType),
            ),
            (
                offset_of!(E, IPv6.Enabled),
                offset_of!(E, IPv6.EncapsulationType),
            ),
        ] {
            let enabled = crate::wire::read_u32(buffer, enabled_at).unwrap_or(0);
            let encapsulation = crate::wire::read_u32(buffer, type_at).unwrap_or(0);
            if enabled == NDIS_OFFLOAD_SET_ON && encapsulation & !NDIS_ENCAPSULATION_IEEE_802_3 != 0
            {
                return Err(ParametersError::BadValue);
            }
        }
        Ok(minimum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::size_of;

    #[test]
    fn encapsulation_accepts_ethernet_only() {
        type E = NDIS_OFFLOAD_ENCAPSULATION;
        let config = OffloadConfig::new(Capabilities::engine(4), IpsecSetting::AhAndEsp);
        let mut b = [0u8; 28];
        b[0] = NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION;
        b[1] = 1;
        b[2..4].copy_from_slice(&(NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1).to_le_bytes());
        b[offset_of!(E, IPv4.Enabled)..][..4].copy_from_slice(&NDIS_OFFLOAD_SET_ON.to_le_bytes());
        b[offset_of!(E, IPv4.EncapsulationType)..][..4]
            .copy_from_slice(&NDIS_ENCAPSULATION_IEEE_802_3.to_le_bytes());
        assert_eq!(config.check_encapsulation(&b), Ok(28));
        b[offset_of!(E, IPv6.Enabled)..][..4].copy_from_slice(&NDIS_OFFLOAD_SET_ON.to_le_bytes());
        b[offset_of!(E, IPv6.EncapsulationType)..][..4]
            .copy_from_slice(&NDIS_ENCAPSULATION_IEEE_LLC_SNAP_ROUTED.to_le_bytes());
        assert_eq!(
            config.check_encapsulation(&b),
            Err(ParametersError::BadValue)
        );
        assert_eq!(
            config.check_encapsulation(&b[..20]),
            Err(ParametersError::TooShort { needed: 28 })
        );
        b[0] = NDIS_OBJECT_TYPE_DEFAULT;
        assert_eq!(
            config.check_encapsulation(&b),
            Err(ParametersError::BadHeader)
        );
    }

    fn params(revision: u8, size: u16, ipsec_v2: u8) -> [u8; 36] {
        let mut b = [0u8; 36];
        b[0] = NDIS_OBJECT_TYPE_DEFAULT;
        b[1] = revision;
        b[2..4].copy_from_slice(&size.to_le_bytes());
        b[offset_of!(NDIS_OFFLOAD_PARAMETERS, IPsecV2)] = ipsec_v2;
        b
    }

    #[test]
    fn engine_block_advertises_every_algorithm() {
        let block = Capabilities::engine(1024).ipsec_v2_block();
        assert_eq!(block.Encapsulation, NDIS_ENCAPSULATION_IEEE_802_3);
        assert_eq!(block.AuthenticationAlgorithms, 0x3F);
        assert_eq!(block.EncryptionAlgorithms, 0x1FF);
        assert_eq!(block.UdpEsp, 0xF);
        assert_eq!(block.SaOffloadCapacity, 1024);
        assert_eq!(
            (
                block.Ah,
                block.Esp,
                block.Tunnel,
                block.ExtendedSequenceNumbers
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(block.LsoSupported, 0);
    }

    #[test]
    fn ndis_offload_is_revision_3() {
        let offload = Capabilities::engine(8).ndis_offload();
        assert_eq!(offload.Header.Type, NDIS_OBJECT_TYPE_OFFLOAD);
        assert_eq!(offload.Header.Revision, 3);
        assert_eq!(offload.Header.Size, 0x9C);
        assert!(size_of::<NDIS_OFFLOAD>() >= 0x9C);
        assert_eq!(offload.IPsecV2.SaOffloadCapacity, 8);
    }

    #[test]
    fn settings_restrict_the_block() {
        let hw = Capabilities::engine(16);
        let ah = hw.restricted_to(IpsecSetting::Ah).ipsec_v2_block();
        assert_eq!((ah.Ah, ah.Esp, ah.AhEspCombined), (1, 0, 0));
        let esp = hw.restricted_to(IpsecSetting::Esp).ipsec_v2_block();
        assert_eq!((esp.Ah, esp.Esp), (0, 1));
        let off = hw.restricted_to(IpsecSetting::Disabled).ipsec_v2_block();
        assert_eq!(off.Encapsulation, 0);
        assert_eq!(off.SaOffloadCapacity, 0);
        assert_eq!((off.Ah, off.Esp, off.AuthenticationAlgorithms), (0, 0, 0));
    }

    #[test]
    fn keyword_and_parameter_values_map() {
        assert_eq!(IpsecSetting::from_keyword(0), Some(IpsecSetting::Disabled));
        assert_eq!(IpsecSetting::from_keyword(3), Some(IpsecSetting::AhAndEsp));
        assert_eq!(IpsecSetting::from_keyword(4), None);
        assert_eq!(IpsecSetting::from_parameter(0), Ok(None));
        assert_eq!(
            IpsecSetting::from_parameter(1),
            Ok(Some(IpsecSetting::Disabled))
        );
        assert_eq!(
            IpsecSetting::from_parameter(4),
            Ok(Some(IpsecSetting::AhAndEsp))
        );
        assert_eq!(
            IpsecSetting::from_parameter(5),
            Err(ParametersError::BadValue)
        );
    }

    #[test]
    fn parameters_change_the_setting() {
        let config = OffloadConfig::new(Capabilities::engine(4), IpsecSetting::AhAndEsp);
        let disable = params(2, 0x16, NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED);
        assert_eq!(
            config.apply_parameters(&disable[..0x16]),
            Ok(ParametersApplied {
                bytes_read: 0x16,
                changed: true
            })
        );
        assert_eq!(config.setting(), IpsecSetting::Disabled);
        assert_eq!(config.current(), Capabilities::disabled());
        // Same value again: no change to indicate.
        assert!(!config.apply_parameters(&disable[..0x16]).unwrap().changed);
        // NO_CHANGE leaves it.
        assert!(
            !config
                .apply_parameters(&params(2, 0x16, 0)[..0x16])
                .unwrap()
                .changed
        );
        // Revision 1 carries no IPsec V2 field: ignored.
        let r1 = params(1, 0x14, NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED);
        assert!(!config.apply_parameters(&r1).unwrap().changed);
        assert_eq!(config.setting(), IpsecSetting::Disabled);
        let esp = params(3, 0x1A, NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED);
        assert!(config.apply_parameters(&esp).unwrap().changed);
        assert_eq!(config.setting(), IpsecSetting::Esp);
    }

    #[test]
    fn bad_parameters_change_nothing() {
        let config = OffloadConfig::new(Capabilities::engine(4), IpsecSetting::AhAndEsp);
        let good = params(2, 0x16, 3);
        assert_eq!(
            config.apply_parameters(&good[..0x13]),
            Err(ParametersError::TooShort { needed: 0x14 })
        );
        let mut wrong_type = good;
        wrong_type[0] = NDIS_OBJECT_TYPE_OFFLOAD;
        assert_eq!(
            config.apply_parameters(&wrong_type),
            Err(ParametersError::BadHeader)
        );
        assert_eq!(
            config.apply_parameters(&params(0, 0x16, 3)),
            Err(ParametersError::BadHeader)
        );
        assert_eq!(
            config.apply_parameters(&params(2, 0x10, 3)),
            Err(ParametersError::BadHeader)
        );
        assert_eq!(
            config.apply_parameters(&params(2, 0x30, 3)[..0x20]),
            Err(ParametersError::TooShort { needed: 0x30 })
        );
        assert_eq!(
            config.apply_parameters(&params(2, 0x16, 9)),
            Err(ParametersError::BadValue)
        );
        assert_eq!(config.setting(), IpsecSetting::AhAndEsp);
        assert_eq!(ParametersError::BadValue.status(), NDIS_STATUS_INVALID_DATA);
    }
}
