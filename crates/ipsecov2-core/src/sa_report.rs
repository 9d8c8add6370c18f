//! The SA table report: a vendor-private query OID that lets a user read the SA table and the
//! per-SA counters without a debugger.
//!
//! Why a private OID rather than a device of our own: NDIS already gives every adapter a
//! user-mode query path. An administrator opens `\\.\{InterfaceGuid}` and issues
//! `IOCTL_NDIS_QUERY_GLOBAL_STATS` with [`OID_IPSECOV2_SA_TABLE`]; NDIS turns that into a
//! statistics query on the regular OID path of this miniport. No new device object, no new
//! security descriptor, nothing that can be set: the report is read-only and never carries key
//! material (the layout has no field that could hold a key). `ipsecov2ctl sas` is the reader.
//!
//! Layout (little-endian, version [`REPORT_VERSION`]):
//!
//! | offset | size | header field |
//! |-------:|-----:|--------------|
//! | 0 | 4 | version |
//! | 4 | 4 | live bundles seen by the walk |
//! | 8 | 4 | entries written after the header |
//! | 12 | 4 | entry size ([`ENTRY_LEN`]) |
//!
//! Each entry: handle (u64); direction (0 inbound, 1 outbound), IP version (4 or 6), UDP
//! encapsulation (the OID value), element count (u8 each); 4 reserved bytes; source and
//! destination addresses (16 bytes each); two element records of [`ELEMENT_LEN`] bytes
//! (IP protocol 50/51, ESN flag, ICV length, reserved (u8 each); SPI as stored (u32);
//! integrity and confidentiality algorithm bits (u32 each, 0 = none); current ESN high bits
//! (u32); reserved u32; highest sequence number seen or sent (u64)); then the counters
//! packets, bytes, ICV failures, bad trailers, sequence-space exhaustions (u64 each).

use crate::oid_gen::OidError;
use crate::sa::{
    AuthSpec, CounterValues, Direction, ElementSpec, EncSpec, IpVersion, SaEntry, SaTable,
};
use crate::wire::{read_u8, read_u32, read_u64, write_bytes, write_u32, write_u64};
use ndis_sys::NDIS_OID;

/// The private query OID (vendor-specific OIDs have the top byte 0xFF).
pub const OID_IPSECOV2_SA_TABLE: NDIS_OID = 0xFF49_5301;
/// The layout version this build writes and reads.
pub const REPORT_VERSION: u32 = 1;
/// Bytes before the first entry.
pub const HEADER_LEN: usize = 16;
/// Bytes of one element record inside an entry.
pub const ELEMENT_LEN: usize = 32;
/// Bytes of one entry.
pub const ENTRY_LEN: usize = 48 + 2 * ELEMENT_LEN + 5 * 8;

const ELEMENTS_AT: usize = 48;
const COUNTERS_AT: usize = ELEMENTS_AT + 2 * ELEMENT_LEN;

/// Bytes needed for a report of `bundles` entries.
pub fn report_len(bundles: usize) -> usize {
    HEADER_LEN.saturating_add(bundles.saturating_mul(ENTRY_LEN))
}

/// Writes the report of `table` into `out`; returns the bytes written. When `out` cannot hold
/// every live bundle, nothing useful is promised in `out` and the error
/// (`OidError::BufferTooShort`, i.e. `NDIS_STATUS_BUFFER_TOO_SHORT`) says how much to ask for
/// (the table may grow before the next query; callers add room).
pub fn write_report(table: &SaTable, out: &mut [u8]) -> Result<usize, OidError> {
    let mut seen = 0usize;
    let mut written = 0usize;
    table.for_each_live(|handle, entry| {
        seen += 1;
        let start = report_len(written);
        if let Some(slot) = out.get_mut(start..start + ENTRY_LEN) {
            encode_entry(handle, entry, slot);
            written += 1;
        }
    });
    if written < seen || out.len() < HEADER_LEN {
        return Err(OidError::BufferTooShort {
            needed: report_len(seen),
        });
    }
    write_u32(out, 0, REPORT_VERSION);
    write_u32(out, 4, seen as u32);
    write_u32(out, 8, written as u32);
    write_u32(out, 12, ENTRY_LEN as u32);
    Ok(report_len(written))
}

fn encode_entry(handle: u64, entry: &SaEntry, out: &mut [u8]) {
    out.fill(0);
    let spec = &entry.spec;
    write_u64(out, 0, handle);
    out[8] = match spec.direction {
        Direction::Inbound => 0,
        Direction::Outbound => 1,
    };
    out[9] = match spec.ip_version {
        IpVersion::V4 => 4,
        IpVersion::V6 => 6,
    };
    out[10] = spec.udp_encapsulation.value() as u8;
    out[11] = spec.elements.len() as u8;
    write_bytes(out, 16, &spec.source);
    write_bytes(out, 32, &spec.destination);
    for (index, element) in spec.elements.iter().enumerate().take(2) {
        let at = ELEMENTS_AT + index * ELEMENT_LEN;
        let seq = &entry.seq[index];
        out[at] = element.operation.ip_protocol();
        out[at + 1] = u8::from(element.esn);
        out[at + 2] = wire_icv_len(element);
        write_u32(out, at + 4, element.spi);
        write_u32(out, at + 8, element.auth.as_ref().map_or(0, auth_bit));
        write_u32(out, at + 12, element.enc.as_ref().map_or(0, enc_bit));
        write_u32(out, at + 16, seq.high());
        write_u64(out, at + 24, seq.top());
    }
    let c = entry.counters.read();
    let counters = [
        c.packets,
        c.bytes,
        c.icv_failures,
        c.bad_trailers,
        c.seq_exhausted,
    ];
    for (i, value) in counters.into_iter().enumerate() {
        write_u64(out, COUNTERS_AT + i * 8, value);
    }
}

/// The ICV bytes the element puts on the wire: the AEAD's, or the integrity algorithm's.
fn wire_icv_len(element: &ElementSpec) -> u8 {
    match (&element.enc, &element.auth) {
        (Some(enc), _) if enc.icv_len != 0 => enc.icv_len,
        (_, Some(auth)) => auth.algorithm.icv_len() as u8,
        _ => 0,
    }
}

fn auth_bit(auth: &AuthSpec) -> u32 {
    auth.algorithm.bit()
}

fn enc_bit(enc: &EncSpec) -> u32 {
    enc.algorithm.bit()
}

/// One element of a decoded entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportElement {
    /// 50 (ESP) or 51 (AH).
    pub ip_protocol: u8,
    pub esn: bool,
    /// ICV bytes on the wire (the AEAD's, or the integrity algorithm's; 0 for none).
    pub icv_len: u8,
    pub spi: u32,
    /// `IPSEC_OFFLOAD_V2_AUTHENTICATION_*` bit, 0 for none.
    pub auth_algorithm: u32,
    /// `IPSEC_OFFLOAD_V2_ENCRYPTION_*` bit, 0 for none.
    pub enc_algorithm: u32,
    pub seq_high: u32,
    pub seq_top: u64,
}

/// One decoded entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportEntry {
    pub handle: u64,
    pub inbound: bool,
    /// 4 or 6.
    pub ip_version: u8,
    pub udp_encapsulation: u8,
    /// The elements in processing order (one or two).
    pub elements: [Option<ReportElement>; 2],
    pub source: [u8; 16],
    pub destination: [u8; 16],
    pub counters: CounterValues,
}

/// Why a report buffer could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportError {
    /// Shorter than its header or its entry count says.
    Truncated,
    /// A version or entry size this build does not know.
    UnknownVersion { version: u32, entry_len: u32 },
    /// A field outside its defined values.
    BadField { entry: usize, offset: usize },
}

/// A decoded report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Live bundles the driver's walk found.
    pub live: u32,
    pub entries: alloc::vec::Vec<ReportEntry>,
}

/// Reads a report written by [`write_report`] (by this build or a driver of the same version).
pub fn decode_report(buf: &[u8]) -> Result<Report, ReportError> {
    let version = read_u32(buf, 0).ok_or(ReportError::Truncated)?;
    let live = read_u32(buf, 4).ok_or(ReportError::Truncated)?;
    let count = read_u32(buf, 8).ok_or(ReportError::Truncated)? as usize;
    let entry_len = read_u32(buf, 12).ok_or(ReportError::Truncated)?;
    if version != REPORT_VERSION || entry_len as usize != ENTRY_LEN {
        return Err(ReportError::UnknownVersion { version, entry_len });
    }
    let needed = report_len(count);
    if buf.len() < needed || needed == usize::MAX {
        return Err(ReportError::Truncated);
    }
    let mut entries = alloc::vec::Vec::with_capacity(count);
    for index in 0..count {
        let at = report_len(index);
        entries.push(decode_entry(&buf[at..at + ENTRY_LEN], index)?);
    }
    Ok(Report { live, entries })
}

fn decode_entry(e: &[u8], index: usize) -> Result<ReportEntry, ReportError> {
    let bad = |offset| ReportError::BadField {
        entry: index,
        offset,
    };
    let u8_at = |o| read_u8(e, o).ok_or(ReportError::Truncated);
    let u32_at = |o| read_u32(e, o).ok_or(ReportError::Truncated);
    let u64_at = |o| read_u64(e, o).ok_or(ReportError::Truncated);
    let inbound = match u8_at(8)? {
        0 => true,
        1 => false,
        _ => return Err(bad(8)),
    };
    let ip_version = u8_at(9)?;
    if ip_version != 4 && ip_version != 6 {
        return Err(bad(9));
    }
    let element_count = u8_at(11)? as usize;
    if !(1..=2).contains(&element_count) {
        return Err(bad(11));
    }
    let mut elements = [None, None];
    for (i, slot) in elements.iter_mut().enumerate().take(element_count) {
        let at = ELEMENTS_AT + i * ELEMENT_LEN;
        let ip_protocol = u8_at(at)?;
        if ip_protocol != 50 && ip_protocol != 51 {
            return Err(bad(at));
        }
        *slot = Some(ReportElement {
            ip_protocol,
            esn: u8_at(at + 1)? != 0,
            icv_len: u8_at(at + 2)?,
            spi: u32_at(at + 4)?,
            auth_algorithm: u32_at(at + 8)?,
            enc_algorithm: u32_at(at + 12)?,
            seq_high: u32_at(at + 16)?,
            seq_top: u64_at(at + 24)?,
        });
    }
    let mut source = [0u8; 16];
    source.copy_from_slice(&e[16..32]);
    let mut destination = [0u8; 16];
    destination.copy_from_slice(&e[32..48]);
    Ok(ReportEntry {
        handle: u64_at(0)?,
        inbound,
        ip_version,
        udp_encapsulation: u8_at(10)?,
        elements,
        source,
        destination,
        counters: CounterValues {
            packets: u64_at(COUNTERS_AT)?,
            bytes: u64_at(COUNTERS_AT + 8)?,
            icv_failures: u64_at(COUNTERS_AT + 16)?,
            bad_trailers: u64_at(COUNTERS_AT + 24)?,
            seq_exhausted: u64_at(COUNTERS_AT + 32)?,
        },
    })
}
