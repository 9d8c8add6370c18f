//! Why an SA request was refused: one variant per rule, each with the NDIS status the
//! miniport returns and a sentence a developer can read in the debugger.

use ndis_sys::*;

/// A rejected SA OID (or one element of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaError {
    /// The information buffer is shorter than the structure (`needed` bytes).
    BufferTooShort { needed: usize },
    /// `Header.Type` is not `NDIS_OBJECT_TYPE_DEFAULT`.
    HeaderType,
    /// `Header.Revision` is below revision 1.
    HeaderRevision,
    /// `Header.Size` is below the structure's revision-1 size, or larger than the buffer.
    HeaderSize,
    /// `NumExtHdrs` is not 1 or 2.
    NumExtHdrs,
    /// `Flags` has bits other than INBOUND and IPv6.
    UnknownFlags,
    /// A security association has flags other than ESN.
    UnknownSaFlags,
    /// `Operation` is not AH or ESP.
    UnknownOperation,
    /// Two elements that are not ESP followed by AH.
    ElementOrder,
    /// An algorithm identifier is zero where one is required, or has several bits.
    AlgorithmIdentifier,
    /// An algorithm identifier names no defined algorithm.
    UnknownAlgorithm,
    /// The algorithm is defined but not enabled in the current configuration.
    AlgorithmNotEnabled,
    /// An AH element carries an encryption algorithm.
    AhWithEncryption,
    /// An AH element has no integrity algorithm.
    AhWithoutIntegrity,
    /// An ESP element has neither integrity nor confidentiality (or NULL without integrity).
    EspWithoutProtection,
    /// A GMAC integrity algorithm combined with encryption other than NULL.
    GmacWithEncryption,
    /// The key length of an algorithm does not match the algorithm.
    KeyLength,
    /// An algorithm's key lies outside the key array, or the key array outside the buffer.
    KeyOutOfBounds,
    /// Key offset plus length overflows 32 bits.
    KeyOverflow,
    /// The AES-GCM ICV length (`AdditionalInfo`) is not 8, 12 or 16.
    IcvLength,
    /// The ESN flag on an SA while ESN is not enabled.
    EsnNotEnabled,
    /// `UdpEspEncapsulation` is not one defined value.
    UnknownUdpEncapsulation,
    /// The UDP-ESP type is not enabled, or applied to an AH-only bundle.
    UdpEncapsulationNotAllowed,
    /// SPI 0, reserved by RFC 4303 (the only check that does not depend on the SPI's byte
    /// order, which no public source settles).
    ReservedSpi,
    /// An IPv6 SA while IPv6 offload is not enabled.
    Ipv6NotEnabled,
    /// IPsec offload is disabled, or the operation (AH or ESP) is disabled.
    OffloadDisabled,
    /// An inbound SA with the same SPI, destination, protocol and encapsulation exists.
    DuplicateInboundSa,
    /// The SA table holds `SaOffloadCapacity` bundles.
    TableFull,
    /// No memory for the SA's key schedules.
    NoMemory,
    /// A handle that is zero, forged, stale or of the wrong kind.
    UnknownHandle,
    /// UPDATE_SA on an element that is not ESN, or that is not in the bundle.
    NotEsn,
    /// A `Next` chain longer than the miniport accepts.
    ChainTooLong,
    /// A `Next` chain that loops.
    ChainCycle,
}

impl SaError {
    /// The NDIS status for this rejection. The Windows documentation names no codes for most
    /// of these (spec §3.1); the choice follows the documented meaning of each status:
    /// malformed structure → INVALID_LENGTH / INVALID_DATA, a request the current
    /// configuration does not allow → NOT_SUPPORTED, no room → RESOURCES, UPDATE_SA on an
    /// unknown or non-ESN SA → INVALID_PARAMETER (documented).
    pub fn status(self) -> NDIS_STATUS {
        use SaError::*;
        match self {
            BufferTooShort { .. } => NDIS_STATUS_INVALID_LENGTH,
            HeaderType | HeaderRevision | HeaderSize => NDIS_STATUS_INVALID_DATA,
            NumExtHdrs | UnknownFlags | UnknownSaFlags | UnknownOperation | ElementOrder => {
                NDIS_STATUS_INVALID_DATA
            }
            AlgorithmIdentifier | UnknownAlgorithm | AhWithEncryption | AhWithoutIntegrity => {
                NDIS_STATUS_INVALID_DATA
            }
            EspWithoutProtection | GmacWithEncryption | KeyLength | IcvLength => {
                NDIS_STATUS_INVALID_DATA
            }
            KeyOutOfBounds | KeyOverflow => NDIS_STATUS_INVALID_LENGTH,
            UnknownUdpEncapsulation | ReservedSpi => NDIS_STATUS_INVALID_DATA,
            AlgorithmNotEnabled | EsnNotEnabled | UdpEncapsulationNotAllowed | Ipv6NotEnabled => {
                NDIS_STATUS_NOT_SUPPORTED
            }
            OffloadDisabled => NDIS_STATUS_NOT_SUPPORTED,
            DuplicateInboundSa => NDIS_STATUS_INVALID_PARAMETER,
            TableFull | NoMemory => NDIS_STATUS_RESOURCES,
            UnknownHandle | NotEsn => NDIS_STATUS_INVALID_PARAMETER,
            ChainTooLong | ChainCycle => NDIS_STATUS_INVALID_DATA,
        }
    }

    /// A sentence for the debugger log.
    pub fn reason(self) -> &'static str {
        use SaError::*;
        match self {
            BufferTooShort { .. } => "information buffer shorter than the structure",
            HeaderType => "Header.Type is not NDIS_OBJECT_TYPE_DEFAULT",
            HeaderRevision => "Header.Revision is below 1",
            HeaderSize => "Header.Size is below the revision 1 size or beyond the buffer",
            NumExtHdrs => "NumExtHdrs is not 1 or 2",
            UnknownFlags => "Flags has bits other than INBOUND and IPv6",
            UnknownSaFlags => "SecAssoc.Flags has bits other than ESN",
            UnknownOperation => "SecAssoc.Operation is not AH or ESP",
            ElementOrder => "two SecAssoc elements must be ESP then AH",
            AlgorithmIdentifier => "an algorithm identifier is missing or has several bits",
            UnknownAlgorithm => "an algorithm identifier names no IPsecOV2 algorithm",
            AlgorithmNotEnabled => "the algorithm is not enabled in the current configuration",
            AhWithEncryption => "an AH element carries an encryption algorithm",
            AhWithoutIntegrity => "an AH element has no integrity algorithm",
            EspWithoutProtection => "an ESP element without integrity or confidentiality",
            GmacWithEncryption => "AES-GMAC integrity combined with encryption",
            KeyLength => "key length does not match the algorithm",
            KeyOutOfBounds => "a key lies outside the key array or the buffer",
            KeyOverflow => "key offset plus length overflows",
            IcvLength => "AES-GCM ICV length is not 8, 12 or 16",
            EsnNotEnabled => "ESN requested but not enabled",
            UnknownUdpEncapsulation => "UdpEspEncapsulation is not a defined value",
            UdpEncapsulationNotAllowed => "UDP-ESP type not enabled or used without ESP",
            ReservedSpi => "SPI 0 is reserved",
            Ipv6NotEnabled => "IPv6 SA while IPv6 offload is not enabled",
            OffloadDisabled => "IPsec offload (or this protocol) is disabled",
            DuplicateInboundSa => "an inbound SA with this SPI and destination exists",
            TableFull => "SA table full (SaOffloadCapacity reached)",
            NoMemory => "no memory for the SA's key schedules",
            UnknownHandle => "unknown, stale or forged offload handle",
            NotEsn => "UPDATE_SA on an element that is not an ESN SA of the bundle",
            ChainTooLong => "Next chain longer than the SA capacity",
            ChainCycle => "Next chain loops",
        }
    }
}
