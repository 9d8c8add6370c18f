//! Requests: what the tool sends and how the driver checks it.
//!
//! Bodies (after the 16-byte header):
//!
//! | IOCTL | body |
//! |---|---|
//! | LIST_ADAPTERS, SELF_TEST | empty; `adapter` must be 0 |
//! | LIST_SAS | empty |
//! | ADD_SA | an `IPSEC_OFFLOAD_V2_ADD_SA_EX` buffer (keys at `KeyOffset` inside it), at most `MAX_ADD_SA_EX_BUFFER` bytes |
//! | DELETE_SA | `u64` handle |
//! | INJECT_SEND | `u64` offload handle (0 = none), `u64` tunnel handle (0 = none), `u32` slot-12 send view (`IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO`), `u32` frame length, frame |
//! | INJECT_RECEIVE | `u32` frame length, `u32` reserved (0), frame |

use super::reply::{
    ADAPTER_ENTRY_LEN, ADD_SA_REPLY_LEN, INJECT_RECEIVE_FIXED, INJECT_SEND_FIXED, REPLY_HEADER_LEN,
    SELF_TEST_ENTRY_LEN, SELF_TEST_FIXED,
};
use super::selftest::KAT_COUNT;
use super::*;
use crate::sa_oids::decode::MAX_ADD_SA_EX_BUFFER;
use crate::wire::{read_u32, read_u64};
use alloc::vec::Vec;

/// Fixed part of the INJECT_SEND body.
pub const INJECT_SEND_BODY: usize = 24;
/// Fixed part of the INJECT_RECEIVE body.
pub const INJECT_RECEIVE_BODY: usize = 8;

/// Longest input any request has (the largest, INJECT_RECEIVE with a full frame, is 2,072
/// bytes): a longer one is refused before the shell copies it out of the system buffer.
pub const MAX_REQUEST: usize = 4096;

/// What can be refused from the IOCTL code and the input length alone, before the input is
/// read: an unknown code first, then an oversized input.
pub fn precheck(code: u32, input_len: usize) -> Result<(), ControlError> {
    if !IOCTLS.iter().any(|(known, _)| *known == code) {
        return Err(ControlError::UnknownCode);
    }
    if input_len > MAX_REQUEST {
        return Err(ControlError::LengthMismatch);
    }
    Ok(())
}

/// A checked request. Slices borrow the request's input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request<'a> {
    ListAdapters,
    ListSas {
        adapter: u32,
    },
    AddSa {
        adapter: u32,
        add_sa_ex: &'a [u8],
    },
    DeleteSa {
        adapter: u32,
        handle: u64,
    },
    InjectSend {
        adapter: u32,
        handle: u64,
        tunnel: u64,
        header_info: u32,
        frame: &'a [u8],
    },
    InjectReceive {
        adapter: u32,
        frame: &'a [u8],
    },
    SelfTest,
}

/// Decodes the header.
pub fn decode_header(input: &[u8]) -> Result<RequestHeader, ControlError> {
    let field = |offset| read_u32(input, offset).ok_or(ControlError::HeaderTooShort);
    Ok(RequestHeader {
        version: field(0)?,
        adapter: field(4)?,
        body_len: field(8)?,
        reserved: field(12)?,
    })
}

/// Checks a whole request: the code, the header, the body, and that `output_len` bytes can
/// hold the reply (for the list requests only the reply header: a longer list is answered
/// with `STATUS_BUFFER_OVERFLOW` and the length it needs). Nothing is acted on here.
pub fn decode_request(
    code: u32,
    input: &[u8],
    output_len: usize,
) -> Result<Request<'_>, ControlError> {
    precheck(code, input.len())?;
    let header = decode_header(input)?;
    if header.version != CONTROL_VERSION {
        return Err(ControlError::Version);
    }
    if header.reserved != 0 {
        return Err(ControlError::Reserved);
    }
    let body = input
        .get(REQUEST_HEADER_LEN..)
        .filter(|body| body.len() == header.body_len as usize)
        .ok_or(ControlError::LengthMismatch)?;
    let adapter = header.adapter;
    let (request, reply_len) = match code {
        IOCTL_LIST_ADAPTERS | IOCTL_SELF_TEST => {
            if adapter != 0 {
                return Err(ControlError::AdapterNotExpected);
            }
            empty(body)?;
            if code == IOCTL_LIST_ADAPTERS {
                (Request::ListAdapters, REPLY_HEADER_LEN)
            } else {
                let len = SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN;
                (Request::SelfTest, len)
            }
        }
        IOCTL_LIST_SAS => {
            empty(body)?;
            (Request::ListSas { adapter }, REPLY_HEADER_LEN)
        }
        IOCTL_ADD_SA => {
            if body.is_empty() || body.len() > MAX_ADD_SA_EX_BUFFER {
                return Err(ControlError::BodyLength);
            }
            let request = Request::AddSa {
                adapter,
                add_sa_ex: body,
            };
            (request, ADD_SA_REPLY_LEN)
        }
        IOCTL_DELETE_SA => {
            if body.len() != 8 {
                return Err(ControlError::BodyLength);
            }
            let handle = read_u64(body, 0).ok_or(ControlError::BodyLength)?;
            (Request::DeleteSa { adapter, handle }, REPLY_HEADER_LEN)
        }
        IOCTL_INJECT_SEND => {
            let field32 = |offset| read_u32(body, offset).ok_or(ControlError::BodyLength);
            let field64 = |offset| read_u64(body, offset).ok_or(ControlError::BodyLength);
            let (handle, tunnel) = (field64(0)?, field64(8)?);
            let (header_info, frame_len) = (field32(16)?, field32(20)?);
            let frame = framed(body, INJECT_SEND_BODY, frame_len, MAX_SEND_FRAME)?;
            let request = Request::InjectSend {
                adapter,
                handle,
                tunnel,
                header_info,
                frame,
            };
            (request, INJECT_SEND_FIXED + FRAME_CAPACITY)
        }
        IOCTL_INJECT_RECEIVE => {
            let frame_len = read_u32(body, 0).ok_or(ControlError::BodyLength)?;
            if read_u32(body, 4).ok_or(ControlError::BodyLength)? != 0 {
                return Err(ControlError::Reserved);
            }
            let frame = framed(body, INJECT_RECEIVE_BODY, frame_len, MAX_RECEIVE_FRAME)?;
            let request = Request::InjectReceive { adapter, frame };
            (request, INJECT_RECEIVE_FIXED + frame.len())
        }
        _ => return Err(ControlError::UnknownCode),
    };
    if output_len < reply_len {
        return Err(ControlError::OutputTooSmall { needed: reply_len });
    }
    Ok(request)
}

fn empty(body: &[u8]) -> Result<(), ControlError> {
    match body.is_empty() {
        true => Ok(()),
        false => Err(ControlError::BodyLength),
    }
}

/// The frame after a fixed part of `fixed` bytes whose length field says `frame_len`: the body
/// must end exactly with it.
fn framed(body: &[u8], fixed: usize, frame_len: u32, max: usize) -> Result<&[u8], ControlError> {
    let frame_len = frame_len as usize;
    let end = fixed
        .checked_add(frame_len)
        .ok_or(ControlError::BodyLength)?;
    if end != body.len() {
        return Err(ControlError::BodyLength);
    }
    if !(MIN_FRAME..=max).contains(&frame_len) {
        return Err(ControlError::FrameSize);
    }
    body.get(fixed..end).ok_or(ControlError::BodyLength)
}

// ---- building requests (the tool) ----------------------------------------------------------

fn with_header(adapter: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(REQUEST_HEADER_LEN + body.len());
    out.extend_from_slice(&CONTROL_VERSION.to_le_bytes());
    out.extend_from_slice(&adapter.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The input buffer of `request`.
pub fn encode_request(request: &Request<'_>) -> Vec<u8> {
    match *request {
        Request::ListAdapters | Request::SelfTest => with_header(0, &[]),
        Request::ListSas { adapter } => with_header(adapter, &[]),
        Request::AddSa { adapter, add_sa_ex } => with_header(adapter, add_sa_ex),
        Request::DeleteSa { adapter, handle } => with_header(adapter, &handle.to_le_bytes()),
        Request::InjectSend {
            adapter,
            handle,
            tunnel,
            header_info,
            frame,
        } => {
            let mut body = Vec::with_capacity(INJECT_SEND_BODY + frame.len());
            body.extend_from_slice(&handle.to_le_bytes());
            body.extend_from_slice(&tunnel.to_le_bytes());
            body.extend_from_slice(&header_info.to_le_bytes());
            body.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            body.extend_from_slice(frame);
            with_header(adapter, &body)
        }
        Request::InjectReceive { adapter, frame } => {
            let mut body = Vec::with_capacity(INJECT_RECEIVE_BODY + frame.len());
            body.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            body.extend_from_slice(&0u32.to_le_bytes());
            body.extend_from_slice(frame);
            with_header(adapter, &body)
        }
    }
}

/// The IOCTL code of `request`.
pub fn code_of(request: &Request<'_>) -> u32 {
    match request {
        Request::ListAdapters => IOCTL_LIST_ADAPTERS,
        Request::ListSas { .. } => IOCTL_LIST_SAS,
        Request::AddSa { .. } => IOCTL_ADD_SA,
        Request::DeleteSa { .. } => IOCTL_DELETE_SA,
        Request::InjectSend { .. } => IOCTL_INJECT_SEND,
        Request::InjectReceive { .. } => IOCTL_INJECT_RECEIVE,
        Request::SelfTest => IOCTL_SELF_TEST,
    }
}

/// An output buffer size that holds any reply to `request` (lists: `list_room` entries).
pub fn output_len_for(request: &Request<'_>, list_room: usize) -> usize {
    match request {
        Request::ListAdapters => REPLY_HEADER_LEN + list_room * ADAPTER_ENTRY_LEN,
        Request::ListSas { .. } => REPLY_HEADER_LEN + crate::sa_report::report_len(list_room),
        Request::AddSa { .. } => ADD_SA_REPLY_LEN,
        Request::DeleteSa { .. } => REPLY_HEADER_LEN,
        Request::InjectSend { .. } => INJECT_SEND_FIXED + FRAME_CAPACITY,
        Request::InjectReceive { frame, .. } => INJECT_RECEIVE_FIXED + frame.len(),
        Request::SelfTest => SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN,
    }
}
