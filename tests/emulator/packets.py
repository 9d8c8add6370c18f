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
