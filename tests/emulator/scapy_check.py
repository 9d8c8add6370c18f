#!/usr/bin/env python3
"""Checks the wire frames of a pcap written by `scenarios_datapath` with an independent IPsec
implementation: scapy's `SecurityAssociation` (scapy 2.8.0 with pyca/cryptography).

It runs under the interop suite's pinned venv (`target/interop-venv`, made by
tests/interop/setup_venv.sh), which the emulator venv does not duplicate:

    target/interop-venv/bin/python tests/emulator/scapy_check.py FRAMES.pcap FRAMES.json

FRAMES.json: one object per checked frame: `index` (0-based, in the pcap), `layers` (outermost
first; each: proto "esp"/"ah", spi, seq, crypt_algo, crypt_key, auth_algo, auth_key (hex or
null), tunnel [src, dst] or null, natt, esn (bool), esn_high), and `expect`: "plain" with
`plain` (hex of the IP packet the layers protect) or "integrity-error".

Output: `OK i what` / `BAD i what: reason` per entry, then `N ok, M bad`; exit status 0 iff all
are OK (2 if scapy cannot be imported).
"""

import json
import struct
import sys

try:
    from scapy.config import conf
    from scapy.layers.inet import IP, UDP
    from scapy.layers.inet6 import IPv6
    from scapy.layers.ipsec import AH, ESP, IPSecIntegrityError, SecurityAssociation
except ImportError as error:  # not the interop venv
    print("scapy_check: %s (run under target/interop-venv)" % error)
    sys.exit(2)

conf.verb = 0


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic == 0xA1B2C3D4 else ">"
    if struct.unpack(endian + "I", data[20:24])[0] != 1:
        raise ValueError("pcap link type is not Ethernet")
    out, at = [], 24
    while at + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[at + 8:at + 12])[0]
        out.append(data[at + 16:at + 16 + caplen])
        at += 16 + caplen
    return out


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def parse(packet):
    return IP(packet) if packet[0] >> 4 == 4 else IPv6(packet)


def header_problems(packet, layer, tampered=False):
    """Lengths, checksums, SPI and sequence number of a sealed packet as the wire shows it
    (`tampered`: a payload bit was flipped after sealing, so the UDP checksum cannot hold)."""
    v = packet[0] >> 4
    if v == 4:
        hl = (packet[0] & 0xF) * 4
        if struct.unpack("!H", packet[2:4])[0] != len(packet):
            return "IPv4 total length %d, packet %d" % (struct.unpack("!H", packet[2:4])[0], len(packet))
        if csum(packet[:hl]) != 0:
            return "IPv4 header checksum wrong"
        proto = packet[9]
    else:
        if struct.unpack("!H", packet[4:6])[0] != len(packet) - 40:
            return "IPv6 payload length wrong"
        hl, proto = 40, packet[6]
        while proto in (0, 43, 60):  # hop-by-hop, routing, destination options
            proto, hl = packet[hl], hl + (packet[hl + 1] + 1) * 8
    at = hl
    if layer["natt"]:
        if proto != 17:
            return "NAT-T: IP protocol %d" % proto
        sport, dport, length, checksum = struct.unpack("!HHHH", packet[hl:hl + 8])
        if (sport, dport) != (4500, 4500) or length != len(packet) - hl:
            return "NAT-T UDP header ports %d/%d length %d" % (sport, dport, length)
        if (checksum or v == 6) and not tampered:  # IPv4 may send 0 (RFC 3948); IPv6 UDP needs a real checksum
            src, dst = (packet[12:16], packet[16:20]) if v == 4 else (packet[8:24], packet[24:40])
            pseudo = src + dst + (struct.pack("!BBH", 0, 17, length) if v == 4 else struct.pack("!IxxxB", length, 17))
            if checksum == 0 or csum(pseudo + packet[hl:hl + length]) != 0:
                return "NAT-T UDP checksum %#06x does not verify" % checksum
        at = hl + 8
    elif proto != (50 if layer["proto"] == "esp" else 51):
        return "IP protocol %d" % proto
    spi_at = at if layer["proto"] == "esp" else at + 4
    spi, seq = struct.unpack("!II", packet[spi_at:spi_at + 8])
    if spi != layer["spi"]:
        return "SPI %#x, expected %#x" % (spi, layer["spi"])
    if seq != layer["seq"] & 0xFFFFFFFF:
        return "sequence number %#x, expected %#x" % (seq, layer["seq"] & 0xFFFFFFFF)
    return None


def make_sa(layer):
    def k(name):
        return bytes.fromhex(layer[name]) if layer.get(name) else None

    tunnel = None
    if layer.get("tunnel"):
        src, dst = layer["tunnel"]
        tunnel = IP(src=src, dst=dst) if ":" not in src else IPv6(src=src, dst=dst)
    kw = dict(spi=layer["spi"], auth_algo=layer.get("auth_algo"), auth_key=k("auth_key"), tunnel_header=tunnel,
              esn_en=layer["esn"], esn=layer["esn_high"])
    if layer["proto"] == "esp":
        kw.update(crypt_algo=layer["crypt_algo"], crypt_key=k("crypt_key"))
        if layer["natt"]:
            kw["nat_t_header"] = UDP(sport=4500, dport=4500)
    return SecurityAssociation(ESP if layer["proto"] == "esp" else AH, **kw)


def same_packet(got, want, tunnel):
    """None if the decrypted packet carries `want`, else what differs (transport mode: scapy
    rebuilds the IP header, so its length/protocol/checksum are compared, not its bytes)."""
    if tunnel:
        return None if got == want else "inner packet differs (%d B vs %d B)" % (len(got), len(want))
    v = want[0] >> 4
    hl = (want[0] & 0xF) * 4 if v == 4 else 40
    if v == 4 and got[20:hl] != want[20:hl]:
        return "IPv4 options differ"
    if got[0] >> 4 != v:
        return "IP version differs"
    if got[hl:] != want[hl:]:
        return "transport payload differs (%d B vs %d B)" % (len(got) - hl, len(want) - hl)
    if v == 4:
        fields = [(slice(9, 10), "protocol"), (slice(12, 20), "addresses"), (slice(2, 4), "total length"),
                  (slice(4, 6), "identification")]
    else:
        fields = [(slice(6, 7), "next header"), (slice(8, 40), "addresses"), (slice(4, 6), "payload length")]
    for s, name in fields:
        if got[s] != want[s]:
            return "%s differs (%s vs %s)" % (name, got[s].hex(), want[s].hex())
    return None


def check(frame, entry):
    if frame[12:14] not in (b"\x08\x00", b"\x86\xdd"):
        return "not an IP frame"
    packet = frame[14:]
    layers = entry["layers"]
    problem = header_problems(packet, layers[0], entry["expect"] == "integrity-error")
    if problem:
        return problem
    current = packet
    for depth, layer in enumerate(layers):
        sa = make_sa(layer)
        try:
            opened = bytes(sa.decrypt(parse(current)))
        except IPSecIntegrityError as error:
            if entry["expect"] == "integrity-error" and depth == 0:
                return None
            return "layer %d (SPI %#x): integrity check failed: %s" % (depth, layer["spi"], error)
        if entry["expect"] == "integrity-error" and depth == 0:
            return "layer 0 (SPI %#x): a tampered frame passed scapy's integrity check" % layer["spi"]
        if depth + 1 < len(layers):
            problem = header_problems(opened, layers[depth + 1])
            if problem:
                return "inner packet: " + problem
        current = opened
    return same_packet(current, bytes.fromhex(entry["plain"]), layers[-1].get("tunnel") is not None)


def main():
    frames = read_pcap(sys.argv[1])
    with open(sys.argv[2]) as f:
        entries = json.load(f)
    bad = 0
    for entry in entries:
        i = entry["index"]
        try:
            problem = check(frames[i], entry) if i < len(frames) else "no frame %d in the pcap" % i
        except Exception as error:  # a scapy error is a finding, not a crash of the check
            problem = "%s: %s" % (type(error).__name__, error)
        if problem:
            bad += 1
            print("BAD %d %s: %s" % (i, entry.get("what", ""), problem))
        else:
            print("OK %d %s" % (i, entry.get("what", "")))
    print("%d ok, %d bad" % (len(entries) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
