"""Frames for the send/receive scenarios (plain Ethernet II / IPv4 / UDP, built by hand)."""

import struct

BROADCAST = b"\xff" * 6


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def fmt_mac(b):
    return ":".join("%02x" % x for x in b)


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def csum16(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4_udp_frame(dst_mac, src_mac, src_ip="192.0.2.1", dst_ip="192.0.2.2", sport=40000, dport=9,
                   payload=b"ipsecov2 emulator test payload", ident=1):
    sip, dip = ip4(src_ip), ip4(dst_ip)
    udp_len = 8 + len(payload)
    pseudo = sip + dip + struct.pack("!BBH", 0, 17, udp_len)
    udp = struct.pack("!HHHH", sport, dport, udp_len, 0) + payload
    uc = csum16(pseudo + udp) or 0xFFFF
    udp = struct.pack("!HHHH", sport, dport, udp_len, uc) + payload
    ihl = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + udp_len, ident, 0x4000, 64, 17, 0, sip, dip)
    ip = ihl[:10] + struct.pack("!H", csum16(ihl)) + ihl[12:]
    return dst_mac + src_mac + b"\x08\x00" + ip + udp


# ------------------------------------------------------------------------------------------------
# IP packets and IPsec framing as the Windows stack hands them to an offload NIC (spec §4): every
# header, the SPI, the sequence number, the RFC 4303 padding (1, 2, 3, ...), pad length and next
# header written; the IV and the ICV space reserved and zero. Offsets below are from the start of
# the IP header; `Framed.engine_ranges` lists the bytes the NIC fills in (IVs and ICVs).
# ------------------------------------------------------------------------------------------------
ETHERTYPE_IPV4, ETHERTYPE_IPV6 = 0x0800, 0x86DD
PROTO_IPV4, PROTO_UDP, PROTO_IPV6, PROTO_ESP, PROTO_AH = 4, 17, 41, 50, 51
NAT_T_PORT = 4500


def ip6(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def ipv4_header(src, dst, protocol, payload_len, ident=1, ttl=64, tos=0, options=b""):
    assert len(options) % 4 == 0
    hl = 20 + len(options)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl // 4, tos, hl + payload_len, ident, 0x4000, ttl, protocol, 0, src,
                    dst) + options
    return h[:10] + struct.pack("!H", csum16(h)) + h[12:]


def ipv6_header(src, dst, next_header, payload_len, hlim=64, flow=0x12345):
    return struct.pack("!IHBB16s16s", (6 << 28) | flow, payload_len, next_header, hlim, src, dst)


def udp_datagram(src, dst, sport, dport, payload, zero_checksum=False):
    """A UDP header and payload with the checksum over the IPv4/IPv6 pseudo-header."""
    n = 8 + len(payload)
    if zero_checksum:
        return struct.pack("!HHHH", sport, dport, n, 0) + payload
    pseudo = src + dst + (struct.pack("!BBH", 0, PROTO_UDP, n) if len(src) == 4 else struct.pack("!IxxxB", n, PROTO_UDP))
    c = csum16(pseudo + struct.pack("!HHHH", sport, dport, n, 0) + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, n, c) + payload


IPV6_EXT_HEADERS = (0, 43, 60)  # hop-by-hop, routing, destination options


def ip_packet(src, dst, protocol, payload, ident=1, options=b"", ext=()):
    """IPv4 (4-byte addresses, `options`) or IPv6 (16-byte; `ext`: [(type, body)] extension
    headers, each body 6 + 8n bytes, chained in front of `protocol`)."""
    if len(src) == 4:
        return ipv4_header(src, dst, protocol, len(payload), ident, options=options) + payload
    chain = b""
    types = [t for t, _ in ext] + [protocol]
    for i, (_, body) in enumerate(ext):
        assert (len(body) + 2) % 8 == 0
        chain += bytes([types[i + 1], (len(body) + 2) // 8 - 1]) + body
    return ipv6_header(src, dst, types[0], len(chain) + len(payload)) + chain + payload


def udp_packet(src, dst, payload, sport=40000, dport=5000, ident=1, options=b"", ext=()):
    return ip_packet(src, dst, PROTO_UDP, udp_datagram(src, dst, sport, dport, payload), ident, options, ext)


def ether(dst_mac, src_mac, packet):
    return dst_mac + src_mac + struct.pack("!H", ETHERTYPE_IPV4 if packet[0] >> 4 == 4 else ETHERTYPE_IPV6) + packet


def _ip_chain(packet):
    """(length of the IP header chain, offset of the next-header byte naming what follows it):
    IPv4 with its options; IPv6 with its hop-by-hop / routing / destination-options headers."""
    if packet[0] >> 4 == 4:
        return (packet[0] & 0x0F) * 4, 9
    at, nh_at = 40, 6
    while packet[nh_at] in IPV6_EXT_HEADERS:
        nh_at, at = at, at + (packet[at + 1] + 1) * 8
    return at, nh_at


def ip_header_len(packet):
    return _ip_chain(packet)[0]


def ip_protocol(packet):
    return packet[_ip_chain(packet)[1]]


def finish_ip(packet, protocol):
    """Sets the length and protocol fields (and the IPv4 checksum) of a packet built by parts."""
    p = bytearray(packet)
    nh_at = _ip_chain(p)[1]
    if p[0] >> 4 == 4:
        p[2:4] = struct.pack("!H", len(p))
        p[9] = protocol
        p[10:12] = b"\0\0"
        p[10:12] = struct.pack("!H", csum16(bytes(p[:ip_header_len(p)])))
    else:
        p[4:6] = struct.pack("!H", len(p) - 40)
        p[nh_at] = protocol
    return bytes(p)


def udp_checksum_ok(packet, udp):
    """The UDP checksum of the datagram at `udp` verifies (a zero IPv4 checksum counts as
    absent and is accepted)."""
    n = struct.unpack("!H", packet[udp + 4:udp + 6])[0]
    c = struct.unpack("!H", packet[udp + 6:udp + 8])[0]
    v4 = packet[0] >> 4 == 4
    if v4 and c == 0:
        return True
    src, dst = (packet[12:16], packet[16:20]) if v4 else (packet[8:24], packet[24:40])
    pseudo = src + dst + (struct.pack("!BBH", 0, PROTO_UDP, n) if v4 else struct.pack("!IxxxB", n, PROTO_UDP))
    return c != 0 and csum16(pseudo + packet[udp:udp + n]) == 0


class Framed:
    """One IP packet framed for offload. `layers`: per IPsec layer (outermost first) a dict with
    kind ("esp"/"ah"), spi, seq, header (offset of the ESP/AH header), iv and icv (start, end),
    data (start, end: the encrypted region, trailer included), next_header, pad_length, udp
    (offset of the NAT-T UDP header or None), reserved (ICV space counted in the IP length)."""

    def __init__(self, packet, layers, plain):
        self.packet, self.layers, self.plain = packet, layers, plain

    @property
    def outer(self):
        return self.layers[0]

    def hints(self):
        """The slot-12 transmit hints for the outermost layer (offsets in 4-byte units)."""
        lay = self.outer
        esp = lay["header"] // 4 if lay["kind"] == "esp" else 0
        ah = lay["header"] // 4 if lay["kind"] == "ah" else 0
        return lay.get("next_header", 0), lay.get("pad_length", 0), ah, esp

    def engine_ranges(self):
        """Byte ranges (from the IP header) the NIC writes: IVs and ICVs of every layer."""
        out = []
        for lay in self.layers:
            for k in ("iv", "icv"):
                s, e = lay[k]
                if e > s:
                    out.append((s, e))
            if lay.get("udp") is not None:  # NAT-T: the NIC fixes the UDP checksum (when not zero)
                out.append((lay["udp"] + 6, lay["udp"] + 8))
        return out


def _shift(layers, by):
    out = []
    for lay in layers:
        lay = dict(lay)
        for k in ("iv", "icv", "data"):
            lay[k] = (lay[k][0] + by, lay[k][1] + by)
        lay["header"] += by
        if lay.get("udp") is not None:
            lay["udp"] += by
        out.append(lay)
    return out


def frame_esp(plain, spi, seq, iv_len, block, icv_len, tunnel=None, udp=False, reserve_icv=True, extra_pad=0):
    """ESP around the IP packet `plain` (a Framed, or bytes). Transport: the ESP header goes
    after plain's IP header. Tunnel: `tunnel=(src, dst)` are the outer endpoints and `plain`
    becomes the inner packet (next header 4/41). `udp`: RFC 3948 UDP encapsulation (port 4500,
    checksum 0). `reserve_icv=False`: the ICV is not counted in the IP length (the NIC appends
    it). `extra_pad`: padding beyond the minimum, in `block` units."""
    inner_layers = []
    if isinstance(plain, Framed):
        inner_layers, plain = plain.layers, plain.packet
    version = plain[0] >> 4
    if tunnel is not None:
        src, dst = tunnel
        header = ipv4_header(src, dst, 0, 0, ident=seq & 0xFFFF) if len(src) == 4 else ipv6_header(src, dst, 0, 0)
        protected, nh = plain, (PROTO_IPV4 if version == 4 else PROTO_IPV6)
    else:
        hl = ip_header_len(plain)
        header, protected, nh = plain[:hl], plain[hl:], ip_protocol(plain)
    pad = (block - (len(protected) + 2) % block) % block + extra_pad * block
    at = len(header) + (8 if udp else 0)
    esp = struct.pack("!II", spi, seq & 0xFFFFFFFF) + bytes(iv_len) + protected
    esp += bytes(range(1, pad + 1)) + bytes([pad, nh]) + bytes(icv_len if reserve_icv else 0)
    body = esp
    if udp:
        body = struct.pack("!HHHH", NAT_T_PORT, NAT_T_PORT, 8 + len(esp), 0) + esp
    packet = finish_ip(header + body, PROTO_UDP if udp else PROTO_ESP)
    data = (at + 8 + iv_len, at + 8 + iv_len + len(protected) + pad + 2)
    layer = {"kind": "esp", "spi": spi, "seq": seq, "header": at, "iv": (at + 8, at + 8 + iv_len), "data": data,
             "icv": (data[1], data[1] + icv_len), "next_header": nh, "pad_length": pad,
             "udp": len(header) if udp else None, "reserved": reserve_icv, "tunnel": tunnel is not None,
             "payload": (data[0], data[0] + len(protected))}
    if inner_layers and tunnel is None:
        raise ValueError("transport ESP around an already protected packet is not framed here")
    # a tunnel's inner packet starts where its encrypted payload does
    return Framed(packet, [layer] + _shift(inner_layers, data[0]), plain)


def frame_ah(plain, spi, seq, icv_len, iv_len=0):
    """AH (transport) in `plain`: next header, payload length, SPI, sequence number, the IV
    and the zero ICV, padded to 4 (IPv4) / 8 (IPv6) bytes."""
    version = plain[0] >> 4
    hl = ip_header_len(plain)
    align = 4 if version == 4 else 8
    length = -(-(12 + iv_len + icv_len) // align) * align
    ah = bytes([ip_protocol(plain), length // 4 - 2, 0, 0]) + struct.pack("!II", spi, seq & 0xFFFFFFFF)
    ah += bytes(length - 12)
    packet = finish_ip(plain[:hl] + ah + plain[hl:], PROTO_AH)
    layer = {"kind": "ah", "spi": spi, "seq": seq, "header": hl, "iv": (hl + 12, hl + 12 + iv_len),
             "icv": (hl + 12 + iv_len, hl + 12 + iv_len + icv_len), "data": (hl + length, len(packet)),
             "next_header": ip_protocol(plain), "pad_length": 0, "udp": None, "reserved": True, "tunnel": False,
             "payload": (hl + length, len(packet))}
    return Framed(packet, [layer], plain)


def write_pcap(path, frames):
    """Ethernet frames to a classic pcap file (microsecond timestamps, one per frame)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)))
            f.write(fr)
