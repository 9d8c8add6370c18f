"""The control device's protocol as the emulator scenarios speak it, written from its
specification (crates/ipsecov2-core/src/control/{mod,request,reply,selftest}.rs: the IOCTL codes,
request and reply layouts, the validation order and the error -> NTSTATUS mapping), and an
independent opener for the frames the driver seals (ESP AES-GCM-128 per RFC 4106 with
pycryptodome's AES-GCM; AH HMAC-SHA1-96 per RFC 4302 / RFC 2404 with the standard library).

Nothing here is taken from the driver image: requests are encoded and replies decoded from the
layouts in the specification, so a layout error on either side shows as a mismatch.
"""

import hashlib
import hmac
import struct

from Crypto.Cipher import AES

# -- IOCTL codes (control/mod.rs: CTL_CODE(FILE_DEVICE_NETWORK, function, METHOD_BUFFERED, access)) --
FILE_DEVICE_NETWORK = 0x12
METHOD_BUFFERED = 0
FILE_READ_ACCESS, FILE_WRITE_ACCESS = 1, 2


def ctl_code(device_type, function, method, access):
    return (device_type << 16) | (access << 14) | (function << 2) | method


def _net(function, access):
    return ctl_code(FILE_DEVICE_NETWORK, function, METHOD_BUFFERED, access)


RW = FILE_READ_ACCESS | FILE_WRITE_ACCESS
IOCTL_LIST_ADAPTERS = _net(0x800, FILE_READ_ACCESS)
IOCTL_LIST_SAS = _net(0x801, FILE_READ_ACCESS)
IOCTL_ADD_SA = _net(0x802, RW)
IOCTL_DELETE_SA = _net(0x803, RW)
IOCTL_INJECT_SEND = _net(0x804, RW)
IOCTL_INJECT_RECEIVE = _net(0x805, RW)
IOCTL_SELF_TEST = _net(0x806, FILE_READ_ACCESS)
IOCTLS = {IOCTL_LIST_ADAPTERS: "LIST_ADAPTERS", IOCTL_LIST_SAS: "LIST_SAS", IOCTL_ADD_SA: "ADD_SA",
          IOCTL_DELETE_SA: "DELETE_SA", IOCTL_INJECT_SEND: "INJECT_SEND", IOCTL_INJECT_RECEIVE: "INJECT_RECEIVE",
          IOCTL_SELF_TEST: "SELF_TEST"}
assert IOCTL_LIST_ADAPTERS == 0x00126000 and IOCTL_ADD_SA == 0x0012E008 and IOCTL_SELF_TEST == 0x00126018


def function_of(code):
    return (code >> 2) & 0xFFF


# -- sizes (control/mod.rs, request.rs, reply.rs) --------------------------------------------------
CONTROL_VERSION = 1
REQUEST_HEADER_LEN = 16
REPLY_HEADER_LEN = 16
FRAME_CAPACITY = 2048
SEND_HEADROOM = 64
MIN_FRAME = 14
MAX_SEND_FRAME = FRAME_CAPACITY - SEND_HEADROOM  # 1984
MAX_RECEIVE_FRAME = FRAME_CAPACITY
MAX_ADD_SA_EX_BUFFER = 1024  # sa_oids::decode::MAX_ADD_SA_EX_BUFFER
INJECT_SEND_BODY, INJECT_RECEIVE_BODY = 24, 8
ADAPTER_ENTRY_LEN = 48
ADD_SA_REPLY_LEN = REPLY_HEADER_LEN + 8
REASON_LEN = 48
INJECT_SEND_FIXED = REPLY_HEADER_LEN + 8 + REASON_LEN  # 72
INJECT_RECEIVE_FIXED = REPLY_HEADER_LEN + 32  # 48
SELF_TEST_FIXED = REPLY_HEADER_LEN + 8
SELF_TEST_ENTRY_LEN = 40
KAT_NAME_LEN = 32
KAT_COUNT = 25
SELF_TEST_REPLY_LEN = SELF_TEST_FIXED + KAT_COUNT * SELF_TEST_ENTRY_LEN  # 1024
INJECT_SEND_OUT = INJECT_SEND_FIXED + FRAME_CAPACITY  # 2120: the output INJECT_SEND needs
KAT_FIRST, KAT_LAST = "mcgrew-gcm-test-01-case01", "rfc4868-auth256-4"

ADAPTER_RUNNING, ADAPTER_RECEIVE_OFFLOAD, ADAPTER_ESP, ADAPTER_AH = 1, 2, 4, 8
OUTCOME_INDICATED, OUTCOME_FILTERED, OUTCOME_DROPPED = 0, 1, 2

# SA report (sa_report.rs), embedded in the LIST_SAS reply after the reply header
REPORT_HEADER, REPORT_ENTRY, REPORT_ELEMENT = 16, 152, 32

# -- NTSTATUS (control/mod.rs ControlError::status; ntstatus.h) -------------------------------------
STATUS_SUCCESS = 0x00000000
STATUS_BUFFER_OVERFLOW = 0x80000005
STATUS_INFO_LENGTH_MISMATCH = 0xC0000004
STATUS_INVALID_PARAMETER = 0xC000000D
STATUS_NO_SUCH_DEVICE = 0xC000000E
STATUS_INVALID_DEVICE_REQUEST = 0xC0000010
STATUS_BUFFER_TOO_SMALL = 0xC0000023
STATUS_REVISION_MISMATCH = 0xC0000059
STATUS_INSUFFICIENT_RESOURCES = 0xC000009A
STATUS_DEVICE_NOT_READY = 0xC00000A3
STATUS_INVALID_PARAMETER_1 = 0xC00000EF
STATUS_INVALID_PARAMETER_2 = 0xC00000F0
STATUS_INVALID_BUFFER_SIZE = 0xC0000206
STATUS_NOT_FOUND = 0xC0000225
STATUS_NAMES = {v: k for k, v in list(globals().items()) if k.startswith("STATUS_") and isinstance(v, int)}


def status_name(v, abi=None):
    v &= 0xFFFFFFFF
    if v in STATUS_NAMES:
        return STATUS_NAMES[v]
    if abi is not None:
        n = abi.status_name(v)
        if not n.startswith("0x"):
            return n
    return "%#010x" % v


# -- requests (request.rs encode_request) --------------------------------------------------------
def request(adapter=0, body=b"", version=CONTROL_VERSION, body_len=None, reserved=0):
    """Header + body; the header fields can be set to anything (malformed requests)."""
    n = len(body) if body_len is None else body_len
    return struct.pack("<4I", version, adapter, n, reserved) + bytes(body)


def list_adapters():
    return request(0)


def self_test():
    return request(0)


def list_sas(port):
    return request(port)


def add_sa(port, add_sa_ex):
    return request(port, add_sa_ex)


def delete_sa(port, handle):
    return request(port, struct.pack("<Q", handle))


def inject_send(port, frame, handle=0, tunnel=0, header_info=0, frame_len=None):
    n = len(frame) if frame_len is None else frame_len
    return request(port, struct.pack("<QQII", handle, tunnel, header_info & 0xFFFFFFFF, n) + bytes(frame))


def inject_receive(port, frame, frame_len=None, reserved=0):
    n = len(frame) if frame_len is None else frame_len
    return request(port, struct.pack("<II", n, reserved) + bytes(frame))


# -- replies (reply.rs) --------------------------------------------------------------------------
class ReplyError(Exception):
    pass


def reply_header(reply, code):
    """(version, function, reply_len, count), checked against the IOCTL."""
    if len(reply) < REPLY_HEADER_LEN:
        raise ReplyError("reply of %d bytes, shorter than its header" % len(reply))
    version, function, reply_len, count = struct.unpack_from("<4I", reply, 0)
    if version != CONTROL_VERSION:
        raise ReplyError("reply version %d" % version)
    if function != function_of(code):
        raise ReplyError("reply to function %#x, sent %#x" % (function, function_of(code)))
    return version, function, reply_len, count


def _complete(reply, code):
    hdr = reply_header(reply, code)
    if hdr[2] != len(reply):
        raise ReplyError("reply length field %d, IoStatus.Information %d" % (hdr[2], len(reply)))
    return hdr, reply[REPLY_HEADER_LEN:]


def decode_adapters(reply):
    hdr, body = _complete(reply, IOCTL_LIST_ADAPTERS)
    if len(body) != hdr[3] * ADAPTER_ENTRY_LEN:
        raise ReplyError("%d adapters in %d bytes" % (hdr[3], len(body)))
    out = []
    for i in range(hdr[3]):
        e = body[i * ADAPTER_ENTRY_LEN:(i + 1) * ADAPTER_ENTRY_LEN]
        port, instance, if_index, flags, luid = struct.unpack_from("<IIIIQ", e, 0)
        capacity, live = struct.unpack_from("<II", e, 32)
        out.append(dict(port=port, instance=instance, if_index=if_index, flags=flags, net_luid=luid, mac=e[24:30],
                        mac_pad=e[30:32], sa_capacity=capacity, sa_live=live, reserved=e[40:48]))
    return out


def decode_sa_report(raw):
    """The SA report (sa_report.rs): (live, {handle: entry})."""
    if len(raw) < REPORT_HEADER:
        raise ReplyError("SA report of %d bytes" % len(raw))
    version, live, count, entry_len = struct.unpack_from("<4I", raw, 0)
    if version != 1 or entry_len != REPORT_ENTRY or len(raw) != REPORT_HEADER + count * REPORT_ENTRY:
        raise ReplyError("SA report header: version %d, %d entries of %d bytes in %d bytes"
                         % (version, count, entry_len, len(raw)))
    entries = {}
    for i in range(count):
        e = raw[REPORT_HEADER + i * REPORT_ENTRY:REPORT_HEADER + (i + 1) * REPORT_ENTRY]
        handle, direction, ipv, udp, n = struct.unpack_from("<QBBBB", e, 0)
        elements = []
        for k in range(n):
            at = 48 + k * REPORT_ELEMENT
            proto, esn, icv, _, spi, auth, enc, high, _, top = struct.unpack_from("<BBBBIIIIIQ", e, at)
            elements.append(dict(proto=proto, esn=esn, icv=icv, spi=spi, auth=auth, enc=enc, high=high, top=top))
        counters = struct.unpack_from("<5Q", e, 48 + 2 * REPORT_ELEMENT)
        entries[handle] = dict(inbound=direction == 0, direction=direction, ipv=ipv, udp=udp, src=e[16:32],
                               dst=e[32:48], elements=elements, counters=counters)
    return live, entries


def decode_sa_list(reply):
    hdr, body = _complete(reply, IOCTL_LIST_SAS)
    live, entries = decode_sa_report(body)
    if hdr[3] != len(entries):
        raise ReplyError("LIST_SAS reply count %d, report has %d entries" % (hdr[3], len(entries)))
    return live, entries


def decode_add_sa(reply):
    hdr, body = _complete(reply, IOCTL_ADD_SA)
    if len(body) != 8:
        raise ReplyError("ADD_SA reply body of %d bytes" % len(body))
    return struct.unpack("<Q", body)[0]


def decode_delete_sa(reply):
    hdr, body = _complete(reply, IOCTL_DELETE_SA)
    if body:
        raise ReplyError("DELETE_SA reply with a %d-byte body" % len(body))


def decode_inject_send(reply):
    """(send status, reason, wire frame)."""
    hdr, body = _complete(reply, IOCTL_INJECT_SEND)
    if len(body) < 8 + REASON_LEN:
        raise ReplyError("INJECT_SEND reply body of %d bytes" % len(body))
    status, wire_len = struct.unpack_from("<II", body, 0)
    reason = body[8:8 + REASON_LEN]
    wire = body[8 + REASON_LEN:]
    if len(wire) != wire_len:
        raise ReplyError("INJECT_SEND wire length %d, %d bytes follow" % (wire_len, len(wire)))
    if reason[REASON_LEN - 1] != 0 or any(reason[reason.index(0):]):
        raise ReplyError("INJECT_SEND reason not NUL-terminated and NUL-padded: %r" % reason)
    return status, reason.split(b"\0", 1)[0].decode("ascii"), wire


def decode_inject_receive(reply):
    hdr, body = _complete(reply, IOCTL_INJECT_RECEIVE)
    if len(body) < 32:
        raise ReplyError("INJECT_RECEIVE reply body of %d bytes" % len(body))
    outcome, slot1, slot12, n, spi, zero = struct.unpack_from("<6I", body, 0)
    seq = struct.unpack_from("<Q", body, 24)[0]
    data = body[32:]
    if len(data) != n or zero:
        raise ReplyError("INJECT_RECEIVE indicated length %d with %d bytes, reserved %#x" % (n, len(data), zero))
    return dict(outcome=outcome, slot1=slot1, slot12=slot12, spi=spi, seq=seq, indicated=data)


def decode_self_test(reply):
    hdr, body = _complete(reply, IOCTL_SELF_TEST)
    passed, zero = struct.unpack_from("<II", body, 0)
    results = []
    for i in range(hdr[3]):
        e = body[8 + i * SELF_TEST_ENTRY_LEN:8 + (i + 1) * SELF_TEST_ENTRY_LEN]
        name = e[:KAT_NAME_LEN].split(b"\0", 1)[0].decode("ascii")
        result, pad = struct.unpack_from("<II", e, KAT_NAME_LEN)
        results.append((name, result, pad))
    return dict(count=hdr[3], passed=passed, reserved=zero, results=results, body_len=len(body))


# -- independent opening of sealed frames ----------------------------------------------------------
class OpenError(Exception):
    pass


def _ipv4(packet):
    if packet[0] >> 4 != 4:
        raise OpenError("not IPv4")
    return (packet[0] & 0x0F) * 4


def esp_gcm_open(packet, key20, icv_len=16, iv_len=8, esn_high=None):
    """RFC 4106 ESP AES-GCM on an IPv4 transport packet: verifies the ICV and returns
    (spi, seq, inner payload, pad length, next header). key20 = 16-byte AES key + 4-byte salt."""
    hl = _ipv4(packet)
    if packet[9] != 50:
        raise OpenError("protocol %d, not ESP" % packet[9])
    esp = packet[hl:]
    spi, seq = struct.unpack_from("!II", esp, 0)
    iv = esp[8:8 + iv_len]
    ct, tag = esp[8 + iv_len:len(esp) - icv_len], esp[len(esp) - icv_len:]
    aad = esp[:8] if esn_high is None else esp[:4] + struct.pack("!I", esn_high) + esp[4:8]
    c = AES.new(key20[:16], AES.MODE_GCM, nonce=key20[16:20] + iv, mac_len=icv_len)
    c.update(aad)
    try:
        plain = c.decrypt_and_verify(ct, tag)
    except ValueError:
        raise OpenError("ESP AES-GCM ICV does not verify") from None
    pad, nh = plain[-2], plain[-1]
    if plain[-2 - pad:-2] != bytes(range(1, pad + 1)):
        raise OpenError("ESP padding is not 1, 2, 3, ...")
    return spi, seq, plain[:-2 - pad], pad, nh


def ah_sha1_verify(packet, key, icv_len=12):
    """RFC 4302 AH HMAC-SHA1-96 on an IPv4 packet without options: mutable fields (TOS, flags and
    fragment offset, TTL, checksum) and the ICV zeroed for the computation. Returns (spi, seq,
    next header, the payload after AH)."""
    hl = _ipv4(packet)
    if hl != 20:
        raise OpenError("IPv4 options are not handled here")
    if packet[9] != 51:
        raise OpenError("protocol %d, not AH" % packet[9])
    ah = packet[hl:]
    nh, plen = ah[0], (ah[1] + 2) * 4
    spi, seq = struct.unpack_from("!II", ah, 4)
    icv = ah[12:12 + icv_len]
    m = bytearray(packet)
    m[1] = 0
    m[6:8] = b"\0\0"
    m[8] = 0
    m[10:12] = b"\0\0"
    m[hl + 12:hl + 12 + icv_len] = bytes(icv_len)
    want = hmac.new(key, bytes(m), hashlib.sha1).digest()[:icv_len]
    if not hmac.compare_digest(want, icv):
        raise OpenError("AH HMAC-SHA1-96 ICV does not verify")
    return spi, seq, nh, packet[hl + plen:]


def key_windows(keys, n=8):
    """Every n-byte window of every key."""
    out = set()
    for k in keys:
        for i in range(len(k) - n + 1):
            out.add(bytes(k[i:i + n]))
    return out


def leaks(data, windows, n=8):
    """Offsets in `data` where an n-byte window of a key appears."""
    return [i for i in range(len(data) - n + 1) if data[i:i + n] in windows]
