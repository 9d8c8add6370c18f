//! Replies: how the driver writes them and how the tool reads them.
//!
//! Every reply starts with a 16-byte header: `u32` version, `u32` function number of the IOCTL
//! (0x800..), `u32` reply length (the bytes the whole reply needs), `u32` count (entries of a
//! list or of the self-test, else 0). A list that does not fit the output buffer is answered
//! with `STATUS_BUFFER_OVERFLOW` and the header alone, whose length says what to ask for.
//!
//! | IOCTL | body after the header |
//! |---|---|
//! | LIST_ADAPTERS | `count` × 48-byte [`AdapterInfo`] |
//! | LIST_SAS | the SA report of `sa_report` (its own 16-byte header, 152-byte entries; no key field) |
//! | ADD_SA | `u64` handle |
//! | DELETE_SA | — |
//! | INJECT_SEND | `i32` send status (as the NBL would complete), `u32` wire length, 48-byte reason (ASCII, NUL padded), the frame that went onto the hub |
//! | INJECT_RECEIVE | `u32` outcome, `u32` slot-1 receive view, `u32` slot-12 receive view, `u32` indicated length, `u32` SPI, `u32` 0, `u64` sequence number, the bytes indicated |
//! | SELF_TEST | `u32` passed, `u32` 0, `count` × (32-byte vector name, `u32` result, `u32` 0) |

use super::selftest::{KAT_COUNT, KatResult, kat_id};
use super::*;
use crate::sa::SaTable;
use crate::sa_report::{Report, ReportError, decode_report, write_report};
use crate::wire::{read_u32, read_u64, write_bytes, write_u32, write_u64};
use alloc::string::String;
use alloc::vec::Vec;

/// Bytes of the reply header.
pub const REPLY_HEADER_LEN: usize = 16;
/// Bytes of one adapter entry.
pub const ADAPTER_ENTRY_LEN: usize = 48;
/// ADD_SA reply.
pub const ADD_SA_REPLY_LEN: usize = REPLY_HEADER_LEN + 8;
/// Bytes of the INJECT_SEND reason field.
pub const REASON_LEN: usize = 48;
/// INJECT_SEND reply before the frame.
pub const INJECT_SEND_FIXED: usize = REPLY_HEADER_LEN + 8 + REASON_LEN;
/// INJECT_RECEIVE reply before the frame.
pub const INJECT_RECEIVE_FIXED: usize = REPLY_HEADER_LEN + 32;
/// SELF_TEST reply before the entries.
pub const SELF_TEST_FIXED: usize = REPLY_HEADER_LEN + 8;
/// Bytes of one self-test entry.
pub const SELF_TEST_ENTRY_LEN: usize = 40;
/// Bytes of a self-test entry's name.
pub const KAT_NAME_LEN: usize = 32;

/// Adapter flags.
pub const ADAPTER_RUNNING: u32 = 1 << 0;
/// Received frames go through the engine (offload enabled and encapsulation set).
pub const ADAPTER_RECEIVE_OFFLOAD: u32 = 1 << 1;
/// ESP / AH offload enabled by the current configuration.
pub const ADAPTER_ESP: u32 = 1 << 2;
pub const ADAPTER_AH: u32 = 1 << 3;

/// One adapter of LIST_ADAPTERS.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AdapterInfo {
    /// The number requests use to name the adapter.
    pub port: u32,
    /// Order of initialisation since the driver loaded (the MAC address derives from it).
    pub instance: u32,
    /// `IfIndex` and `NetLuid` NDIS gave the adapter (what `Get-NetAdapter` shows).
    pub if_index: u32,
    pub net_luid: u64,
    /// Current MAC address.
    pub mac: [u8; 6],
    /// `ADAPTER_*`.
    pub flags: u32,
    pub sa_capacity: u32,
    /// Live SA bundles.
    pub sa_live: u32,
}

/// How a reply was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// The whole reply: `len` bytes, `STATUS_SUCCESS`.
    Complete(usize),
    /// The header only (16 bytes), saying `needed`: `STATUS_BUFFER_OVERFLOW`.
    Overflow { needed: usize },
}

impl Written {
    /// The NTSTATUS and the byte count (`IoStatus.Information`) of this reply.
    pub fn completion(self) -> (i32, usize) {
        match self {
            Written::Complete(len) => (0, len),
            Written::Overflow { .. } => (STATUS_BUFFER_OVERFLOW, REPLY_HEADER_LEN),
        }
    }
}

/// Zeroes `range` of `out` (as far as `out` reaches).
fn zero(out: &mut [u8], range: core::ops::RangeTo<usize>) {
    let end = range.end.min(out.len());
    out[..end].fill(0);
}

fn write_header(out: &mut [u8], code: u32, reply_len: usize, count: u32) {
    write_u32(out, 0, CONTROL_VERSION);
    write_u32(out, 4, function_of(code));
    write_u32(out, 8, u32::try_from(reply_len).unwrap_or(u32::MAX));
    write_u32(out, 12, count);
}

/// A list of `total` entries of `entry_len` bytes each, `fill(index, slot)` writing one:
/// complete if `out` holds them all, else the header with the length needed.
fn write_list(
    out: &mut [u8],
    code: u32,
    body_start: usize,
    entry_len: usize,
    entries: &[AdapterInfo],
) -> Written {
    let needed = body_start.saturating_add(entries.len().saturating_mul(entry_len));
    if out.len() < needed {
        zero(out, ..REPLY_HEADER_LEN);
        write_header(out, code, needed, entries.len() as u32);
        return Written::Overflow { needed };
    }
    zero(out, ..needed);
    write_header(out, code, needed, entries.len() as u32);
    for (index, entry) in entries.iter().enumerate() {
        let at = body_start + index * entry_len;
        if let Some(slot) = out.get_mut(at..at + entry_len) {
            encode_adapter(entry, slot);
        }
    }
    Written::Complete(needed)
}

fn encode_adapter(entry: &AdapterInfo, out: &mut [u8]) {
    write_u32(out, 0, entry.port);
    write_u32(out, 4, entry.instance);
    write_u32(out, 8, entry.if_index);
    write_u32(out, 12, entry.flags);
    write_u64(out, 16, entry.net_luid);
    write_bytes(out, 24, &entry.mac);
    write_u32(out, 32, entry.sa_capacity);
    write_u32(out, 36, entry.sa_live);
}

/// LIST_ADAPTERS.
pub fn write_adapters(out: &mut [u8], adapters: &[AdapterInfo]) -> Written {
    write_list(
        out,
        IOCTL_LIST_ADAPTERS,
        REPLY_HEADER_LEN,
        ADAPTER_ENTRY_LEN,
        adapters,
    )
}

/// LIST_SAS: the SA report of `table` after the reply header.
pub fn write_sa_list(out: &mut [u8], table: &SaTable) -> Written {
    let result = match out.get_mut(REPLY_HEADER_LEN..) {
        Some(body) => write_report(table, body),
        None => Err(crate::oid_gen::OidError::BufferTooShort {
            needed: crate::sa_report::report_len(table.len() as usize),
        }),
    };
    match result {
        Ok(len) => {
            let count = read_u32(out, REPLY_HEADER_LEN + 8).unwrap_or(0);
            let total = REPLY_HEADER_LEN + len;
            write_header(out, IOCTL_LIST_SAS, total, count);
            Written::Complete(total)
        }
        Err(error) => {
            let needed = REPLY_HEADER_LEN
                + match error {
                    crate::oid_gen::OidError::BufferTooShort { needed } => needed,
                    _ => 0,
                };
            zero(out, ..REPLY_HEADER_LEN);
            write_header(out, IOCTL_LIST_SAS, needed, 0);
            Written::Overflow { needed }
        }
    }
}

/// ADD_SA: the new bundle's handle. `out` holds at least [`ADD_SA_REPLY_LEN`] bytes (checked
/// by `decode_request`).
pub fn write_add_sa(out: &mut [u8], handle: u64) -> Written {
    write_header(out, IOCTL_ADD_SA, ADD_SA_REPLY_LEN, 0);
    write_u64(out, REPLY_HEADER_LEN, handle);
    Written::Complete(ADD_SA_REPLY_LEN)
}

/// DELETE_SA.
pub fn write_delete_sa(out: &mut [u8]) -> Written {
    write_header(out, IOCTL_DELETE_SA, REPLY_HEADER_LEN, 0);
    Written::Complete(REPLY_HEADER_LEN)
}

/// INJECT_SEND: how the send completed, why not (if it failed), and the wire frame (empty if
/// nothing was sent).
pub fn write_inject_send(out: &mut [u8], status: i32, reason: &str, wire: &[u8]) -> Written {
    let total = INJECT_SEND_FIXED + wire.len();
    if out.len() < total {
        return Written::Overflow { needed: total };
    }
    zero(out, ..INJECT_SEND_FIXED);
    write_header(out, IOCTL_INJECT_SEND, total, 0);
    write_u32(out, REPLY_HEADER_LEN, status as u32);
    write_u32(out, REPLY_HEADER_LEN + 4, wire.len() as u32);
    let reason = reason.as_bytes();
    let reason = reason.get(..REASON_LEN - 1).unwrap_or(reason);
    write_bytes(out, REPLY_HEADER_LEN + 8, reason);
    write_bytes(out, INJECT_SEND_FIXED, wire);
    Written::Complete(total)
}

/// What happened to an injected receive frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ReceiveOutcome {
    /// Processed and indicated to the protocols; the annotation and bytes follow.
    Indicated = 0,
    /// The adapter's MAC filter does not accept the destination: not indicated.
    Filtered = 1,
    /// Dropped (no free receive buffer): not indicated.
    Dropped = 2,
}

/// The annotation of an injected receive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReceiveAnnotation {
    /// `NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO.Receive` as set on the NBL.
    pub slot1: u32,
    /// `IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO.Receive` as set on the NBL.
    pub slot12: u32,
    /// SPI and sequence number of the outermost layer processed (0 when none).
    pub spi: u32,
    pub seq: u64,
}

/// INJECT_RECEIVE. `indicated` is empty unless the outcome is `Indicated`.
pub fn write_inject_receive(
    out: &mut [u8],
    outcome: ReceiveOutcome,
    annotation: &ReceiveAnnotation,
    indicated: &[u8],
) -> Written {
    let total = INJECT_RECEIVE_FIXED + indicated.len();
    if out.len() < total {
        return Written::Overflow { needed: total };
    }
    zero(out, ..INJECT_RECEIVE_FIXED);
    write_header(out, IOCTL_INJECT_RECEIVE, total, 0);
    let at = REPLY_HEADER_LEN;
    write_u32(out, at, outcome as u32);
    write_u32(out, at + 4, annotation.slot1);
    write_u32(out, at + 8, annotation.slot12);
    write_u32(out, at + 12, indicated.len() as u32);
    write_u32(out, at + 16, annotation.spi);
    write_u64(out, at + 24, annotation.seq);
    write_bytes(out, INJECT_RECEIVE_FIXED, indicated);
    Written::Complete(total)
}

/// SELF_TEST: runs every known answer and writes the results. `out` holds the whole reply
/// (checked by `decode_request`). Returns the reply and the number that passed.
pub fn write_self_test(out: &mut [u8]) -> (Written, usize) {
    let total = SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN;
    if out.len() < total {
        return (Written::Overflow { needed: total }, 0);
    }
    zero(out, ..total);
    let passed = super::selftest::run(|index, result| {
        let at = SELF_TEST_FIXED + index * SELF_TEST_ENTRY_LEN;
        let name = kat_id(index).as_bytes();
        write_bytes(out, at, name.get(..KAT_NAME_LEN - 1).unwrap_or(name));
        write_u32(out, at + KAT_NAME_LEN, result as u32);
    });
    write_header(out, IOCTL_SELF_TEST, total, KAT_COUNT as u32);
    write_u32(out, REPLY_HEADER_LEN, passed as u32);
    (Written::Complete(total), passed)
}

// ---- reading replies (the tool) ------------------------------------------------------------

/// A reply the tool cannot read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyError {
    /// Shorter than its header or than the length it declares.
    Truncated { have: usize, needed: usize },
    /// Another version or another IOCTL's reply.
    Mismatch(&'static str),
    /// The embedded SA report is malformed.
    Report(ReportError),
}

/// The reply header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyHeader {
    pub version: u32,
    pub function: u32,
    pub reply_len: u32,
    pub count: u32,
}

/// Reads and checks the header of a reply to `code`.
pub fn decode_reply_header(reply: &[u8], code: u32) -> Result<ReplyHeader, ReplyError> {
    let field = |offset| {
        read_u32(reply, offset).ok_or(ReplyError::Truncated {
            have: reply.len(),
            needed: REPLY_HEADER_LEN,
        })
    };
    let header = ReplyHeader {
        version: field(0)?,
        function: field(4)?,
        reply_len: field(8)?,
        count: field(12)?,
    };
    if header.version != CONTROL_VERSION {
        return Err(ReplyError::Mismatch("reply version"));
    }
    if header.function != function_of(code) {
        return Err(ReplyError::Mismatch("reply to another IOCTL"));
    }
    Ok(header)
}

/// Header and the whole body of a complete reply.
fn complete(reply: &[u8], code: u32) -> Result<(ReplyHeader, &[u8]), ReplyError> {
    let header = decode_reply_header(reply, code)?;
    let len = header.reply_len as usize;
    let whole = reply.get(..len).ok_or(ReplyError::Truncated {
        have: reply.len(),
        needed: len,
    })?;
    let body = whole
        .get(REPLY_HEADER_LEN..)
        .ok_or(ReplyError::Mismatch("reply length shorter than its header"))?;
    Ok((header, body))
}

fn need(body: &[u8], at: usize, len: usize) -> Result<&[u8], ReplyError> {
    body.get(at..at.saturating_add(len))
        .ok_or(ReplyError::Truncated {
            have: body.len() + REPLY_HEADER_LEN,
            needed: at.saturating_add(len) + REPLY_HEADER_LEN,
        })
}

/// LIST_ADAPTERS.
pub fn decode_adapters(reply: &[u8]) -> Result<Vec<AdapterInfo>, ReplyError> {
    let (header, body) = complete(reply, IOCTL_LIST_ADAPTERS)?;
    let mut out = Vec::new();
    for index in 0..header.count as usize {
        let entry = need(body, index * ADAPTER_ENTRY_LEN, ADAPTER_ENTRY_LEN)?;
        let mut mac = [0u8; 6];
        mac.copy_from_slice(&entry[24..30]);
        out.push(AdapterInfo {
            port: read_u32(entry, 0).unwrap_or(0),
            instance: read_u32(entry, 4).unwrap_or(0),
            if_index: read_u32(entry, 8).unwrap_or(0),
            flags: read_u32(entry, 12).unwrap_or(0),
            net_luid: read_u64(entry, 16).unwrap_or(0),
            mac,
            sa_capacity: read_u32(entry, 32).unwrap_or(0),
            sa_live: read_u32(entry, 36).unwrap_or(0),
        });
    }
    Ok(out)
}

/// LIST_SAS.
pub fn decode_sa_list(reply: &[u8]) -> Result<Report, ReplyError> {
    let (_, body) = complete(reply, IOCTL_LIST_SAS)?;
    decode_report(body).map_err(ReplyError::Report)
}

/// ADD_SA: the handle.
pub fn decode_add_sa(reply: &[u8]) -> Result<u64, ReplyError> {
    let (_, body) = complete(reply, IOCTL_ADD_SA)?;
    Ok(read_u64(need(body, 0, 8)?, 0).unwrap_or(0))
}

/// DELETE_SA.
pub fn decode_delete_sa(reply: &[u8]) -> Result<(), ReplyError> {
    complete(reply, IOCTL_DELETE_SA).map(|_| ())
}

/// INJECT_SEND, read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SendResult {
    /// How the NBL would have completed (`NDIS_STATUS_SUCCESS` or the failure).
    pub status: i32,
    pub reason: String,
    /// The frame that went onto the hub (empty when the send failed).
    pub wire: Vec<u8>,
}

pub fn decode_inject_send(reply: &[u8]) -> Result<SendResult, ReplyError> {
    let (_, body) = complete(reply, IOCTL_INJECT_SEND)?;
    let fixed = need(body, 0, 8 + REASON_LEN)?;
    let status = read_u32(fixed, 0).unwrap_or(0) as i32;
    let wire_len = read_u32(fixed, 4).unwrap_or(0) as usize;
    let reason = &fixed[8..8 + REASON_LEN];
    let end = reason.iter().position(|&b| b == 0).unwrap_or(REASON_LEN);
    let reason = String::from_utf8_lossy(&reason[..end]).into_owned();
    let wire = need(body, 8 + REASON_LEN, wire_len)?.to_vec();
    Ok(SendResult {
        status,
        reason,
        wire,
    })
}

/// INJECT_RECEIVE, read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceiveResult {
    pub outcome: u32,
    pub annotation: ReceiveAnnotation,
    pub indicated: Vec<u8>,
}

pub fn decode_inject_receive(reply: &[u8]) -> Result<ReceiveResult, ReplyError> {
    let (_, body) = complete(reply, IOCTL_INJECT_RECEIVE)?;
    let fixed = need(body, 0, 32)?;
    let field = |at| read_u32(fixed, at).unwrap_or(0);
    let annotation = ReceiveAnnotation {
        slot1: field(4),
        slot12: field(8),
        spi: field(16),
        seq: read_u64(fixed, 24).unwrap_or(0),
    };
    let indicated = need(body, 32, field(12) as usize)?.to_vec();
    Ok(ReceiveResult {
        outcome: field(0),
        annotation,
        indicated,
    })
}

/// SELF_TEST, read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfTestResult {
    pub passed: u32,
    /// Vector name and result code (`KatResult`).
    pub results: Vec<(String, u32)>,
}

impl SelfTestResult {
    /// Whether every vector passed.
    pub fn all_passed(&self) -> bool {
        !self.results.is_empty()
            && self
                .results
                .iter()
                .all(|(_, result)| *result == KatResult::Passed as u32)
    }
}

pub fn decode_self_test(reply: &[u8]) -> Result<SelfTestResult, ReplyError> {
    let (header, body) = complete(reply, IOCTL_SELF_TEST)?;
    let passed = read_u32(need(body, 0, 8)?, 0).unwrap_or(0);
    let mut results = Vec::new();
    for index in 0..header.count as usize {
        let entry = need(body, 8 + index * SELF_TEST_ENTRY_LEN, SELF_TEST_ENTRY_LEN)?;
        let name = &entry[..KAT_NAME_LEN];
        let end = name.iter().position(|&b| b == 0).unwrap_or(KAT_NAME_LEN);
        let name = String::from_utf8_lossy(&name[..end]).into_owned();
        results.push((name, read_u32(entry, KAT_NAME_LEN).unwrap_or(u32::MAX)));
    }
    Ok(SelfTestResult { passed, results })
}
