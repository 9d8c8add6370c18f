#!/usr/bin/env python3
"""Interop suite: the ipsecov2 engine (through tools/ipsecov2-pcap) against independent peers.

Peers: scapy's `SecurityAssociation` (ESP: AES-GCM, AES-GMAC, AES-CBC, 3DES, DES, NULL with
HMAC-SHA1-96 / HMAC-SHA2-256-128 / HMAC-MD5-96; AH with those HMACs) and, for AH with AES-GMAC
(which scapy lacks), an RFC 4543 oracle on pyca/cryptography's AESGCM.

Every case (algorithm x IPv4/IPv6 x transport/tunnel x ESN x NAT-T) runs three checks:
  seal    the engine seals 3 plain packets (tool `seal`), the peer opens them and must get the
          originals back (plus header sanity: lengths, checksums, SPI, seq, fresh non-zero IVs);
  open    the peer seals 3 packets, the engine opens them (tool `open`): CryptoDone, status 0,
          SPI and 64-bit seq reported, output packets equal to the originals;
  tamper  one-bit flips in a peer-sealed packet must be reported with CryptoDone and the
          matching CRYPTO_*_AUTH_FAILED status (a flipped SPI/destination must not be processed;
          AH: changed mutable IP fields must still verify); the untouched packet must open.

Usage:  tests/interop/setup_venv.sh && cargo build -p ipsecov2-pcap
        target/interop-venv/bin/python tests/interop/run.py [--tool PATH] [-k SUBSTR] [-j N]
Output: `PASS name` / `FAIL name: reason` per check, case counts, then `N passed, M failed`.
"""

import argparse
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.environ.get("IPSECOV2_INTEROP_VENV") or os.path.join(ROOT, "target", "interop-venv")

# Prefer the pinned venv (tests/interop/setup_venv.sh) over whatever python started us.
_venv_python = os.path.join(VENV, "bin", "python")
if os.path.abspath(sys.prefix) != os.path.abspath(VENV) and os.access(_venv_python, os.X_OK):
    os.execv(_venv_python, [_venv_python, os.path.abspath(__file__)] + sys.argv[1:])

try:
    import cryptography
    import scapy
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from scapy.config import conf
    from scapy.layers.inet import ICMP, IP, UDP
    from scapy.layers.inet6 import ICMPv6EchoRequest, IPv6
    from scapy.layers.ipsec import AH, ESP, IPSecIntegrityError, SecurityAssociation
    from scapy.packet import Raw
except ImportError as error:
    print(f"run.py: {error}; run tests/interop/setup_venv.sh first", file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(2)

conf.verb = 0

# CRYPTO_* receive statuses (ndis_sys).
CRYPTO_SUCCESS = 0
AUTH_FAILED = {("esp", "transport"): 3, ("esp", "tunnel"): 5, ("ah", "transport"): 2, ("ah", "tunnel"): 4}

PROTO_ESP, PROTO_AH, PROTO_UDP = 50, 51, 17

# (tool enc, tool auth, scapy crypt_algo, scapy auth_algo, enc key bytes, auth key bytes, salt)
ESP_ALGOS = (
    [(f"aes-gcm-{b}", "none", "AES-GCM", None, b // 8, 0, True) for b in (128, 192, 256)]
    + [(f"aes-gmac-{b}", "none", "AES-NULL-GMAC", None, b // 8, 0, True) for b in (128, 192, 256)]
    + [
        (f"aes-cbc-{b}", auth, "AES-CBC", scapy_auth, b // 8, auth_len, False)
        for b in (128, 192, 256)
        for auth, scapy_auth, auth_len in (
            ("hmac-sha1-96", "HMAC-SHA1-96", 20),
            ("hmac-sha256-128", "SHA2-256-128", 32),
            ("hmac-md5-96", "HMAC-MD5-96", 16),
        )
    ]
    + [
        ("3des-cbc", "hmac-sha1-96", "3DES", "HMAC-SHA1-96", 24, 20, False),
        ("des-cbc", "hmac-sha1-96", "DES", "HMAC-SHA1-96", 8, 20, False),
        ("null", "hmac-sha1-96", "NULL", "HMAC-SHA1-96", 0, 20, False),
        ("null", "hmac-sha256-128", "NULL", "SHA2-256-128", 0, 32, False),
        ("null", "hmac-md5-96", "NULL", "HMAC-MD5-96", 0, 16, False),
    ]
)
# (tool auth, scapy auth_algo or None for the GMAC oracle, key bytes, salt)
AH_ALGOS = [
    ("hmac-sha1-96", "HMAC-SHA1-96", 20, False),
    ("hmac-sha256-128", "SHA2-256-128", 32, False),
    ("hmac-md5-96", "HMAC-MD5-96", 16, False),
] + [(f"aes-gmac-{b}", None, b // 8, True) for b in (128, 192, 256)]

ICV_LEN = {"hmac-sha1-96": 12, "hmac-md5-96": 12, "hmac-sha256-128": 16}

OUTER = {4: ("192.0.2.1", "192.0.2.2"), 6: ("2001:db8::1", "2001:db8::2")}
INNER = {4: ("10.1.0.1", "10.2.0.1"), 6: ("fd00:1::1", "fd00:2::1")}
SEQ_BASE = {False: 0x10, True: 0x1_0000_0005}  # ESN: a non-zero high half


def build_cases():
    cases = []
    for ip in (4, 6):
        for mode in ("transport", "tunnel"):
            for esn in (False, True):
                for enc, auth, s_enc, s_auth, enc_len, auth_len, salt in ESP_ALGOS:
                    for natt in (False, True):
                        cases.append(dict(proto="esp", enc=enc, auth=auth, scapy_enc=s_enc,
                                          scapy_auth=s_auth, enc_len=enc_len, auth_len=auth_len,
                                          salt=salt, ip=ip, mode=mode, esn=esn, natt=natt))
                for auth, s_auth, auth_len, salt in AH_ALGOS:
                    cases.append(dict(proto="ah", enc=None, auth=auth, scapy_enc=None,
                                      scapy_auth=s_auth, enc_len=0, auth_len=auth_len, salt=salt,
                                      ip=ip, mode=mode, esn=esn, natt=False))
    for index, case in enumerate(cases):
        algo = case["enc"] if case["auth"] == "none" else (
            f"{case['enc']}+{case['auth']}" if case["enc"] else case["auth"])
        case["algo"] = f"{case['proto']}/{algo}"
        case["name"] = "/".join([
            case["proto"], algo, f"v{case['ip']}", case["mode"],
            "esn" if case["esn"] else "noesn",
        ] + (["natt" if case["natt"] else "nonatt"] if case["proto"] == "esp" else []))
        case["index"] = index
        case["spi"] = 0x1000 + index
        case["peer"] = "gmac-oracle" if case["proto"] == "ah" and case["salt"] else "scapy"
    return cases


# --- bytes helpers -------------------------------------------------------------------------

def inet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def header_len(packet):
    return (packet[0] & 0x0F) * 4 if packet[0] >> 4 == 4 else 40


def ip_proto(packet):
    return packet[9] if packet[0] >> 4 == 4 else packet[6]


def fix_ipv4(packet):
    """Recomputes the IPv4 header checksum in place (bytearray)."""
    if packet[0] >> 4 == 4:
        hl = header_len(packet)
        packet[10:12] = b"\0\0"
        packet[10:12] = struct.pack("!H", inet_checksum(bytes(packet[:hl])))
    return packet


def finish_ip(packet, proto=None):
    """Sets length fields (and protocol), fixes the IPv4 checksum; returns bytes."""
    packet = bytearray(packet)
    if packet[0] >> 4 == 4:
        packet[2:4] = struct.pack("!H", len(packet))
        if proto is not None:
            packet[9] = proto
        fix_ipv4(packet)
    else:
        packet[4:6] = struct.pack("!H", len(packet) - 40)
        if proto is not None:
            packet[6] = proto
    return bytes(packet)


def outer_header(version, ident):
    src, dst = OUTER[version]
    if version == 4:
        return bytes(IP(src=src, dst=dst, id=ident, ttl=64, proto=0))[:20]
    return bytes(IPv6(src=src, dst=dst, hlim=64, nh=0))[:40]


def ipsec_offset(packet):
    """Offset of the ESP/AH header (after a NAT-T UDP header if any)."""
    hl = header_len(packet)
    return hl + 8 if ip_proto(packet) == PROTO_UDP else hl


def flip(packet, offset, mask=0x01, fix=False):
    out = bytearray(packet)
    out[offset] ^= mask
    return bytes(fix_ipv4(out) if fix else out)


def write_pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for p in packets:
            f.write(struct.pack("<IIII", 0, 0, len(p), len(p)))
            f.write(p)


def read_pcap(path):
    data = open(path, "rb").read()
    endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    link = struct.unpack(endian + "I", data[20:24])[0]
    packets, at = [], 24
    while at + 16 <= len(data):
        caplen = struct.unpack(endian + "I", data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + caplen]
        packets.append(frame[14:] if link == 1 else frame)
        at += 16 + caplen
    return packets


# --- peers ---------------------------------------------------------------------------------

class ScapyPeer:
    """scapy's SecurityAssociation for the case's algorithms."""

    def __init__(self, case, keys, rng):
        self.rng = rng  # IVs from the case's seed: runs are reproducible
        tunnel = None
        if case["mode"] == "tunnel":
            src, dst = OUTER[case["ip"]]
            tunnel = IP(src=src, dst=dst) if case["ip"] == 4 else IPv6(src=src, dst=dst)
        self.sa = SecurityAssociation(
            ESP if case["proto"] == "esp" else AH,
            spi=case["spi"],
            crypt_algo=case["scapy_enc"],
            crypt_key=keys["enc"] or None,
            auth_algo=case["scapy_auth"],
            auth_key=keys["auth"] or None,
            tunnel_header=tunnel,
            nat_t_header=UDP(sport=4500, dport=4500) if case["natt"] else None,
            esn_en=case["esn"],
            esn=SEQ_BASE[case["esn"]] >> 32 if case["esn"] else 0,
        )

    def seal(self, plain, seq):
        packet = IP(plain) if plain[0] >> 4 == 4 else IPv6(plain)
        if self.sa.proto is AH:
            return bytes(self.sa.encrypt(packet, seq_num=seq & 0xFFFFFFFF))
        size = self.sa.crypt_algo.iv_size
        return bytes(self.sa.encrypt(packet, seq_num=seq & 0xFFFFFFFF, iv=self.rng.randbytes(size) if size else None))

    def open(self, sealed, seq):
        """The decrypted packet (tunnel: the inner one); raises on an ICV failure."""
        packet = IP(sealed) if sealed[0] >> 4 == 4 else IPv6(sealed)
        layer = packet[ESP] if self.sa.proto is ESP else packet[AH]
        if layer.seq != seq & 0xFFFFFFFF:
            raise ValueError(f"wire seq {layer.seq:#x}, expected {seq & 0xFFFFFFFF:#x}")
        return bytes(self.sa.decrypt(packet))


def zero_mutable(header):
    """The IP header with the fields AH leaves out zeroed (RFC 4302 3.3.3.1; no options)."""
    b = bytearray(header)
    if b[0] >> 4 == 4:
        b[1] = 0
        b[6:9] = b"\0\0\0"
        b[10:12] = b"\0\0"
    else:
        b[0] &= 0xF0
        b[1:4] = b"\0\0\0"
        b[7] = 0
    return bytes(b)


class GmacAhOracle:
    """AH with AES-GMAC (RFC 4543 section 5) on pyca AESGCM: nonce = salt || IV, empty
    plaintext, AAD = IP header (mutable fields zeroed) || AH (IV kept, ICV zeroed) || payload
    [|| ESN high 32 bits, appended like RFC 4302 2.5.1]; ICV = the 16-byte tag."""

    def __init__(self, case, keys, rng):
        self.rng = rng
        self.key, self.salt = keys["auth"][:-4], keys["auth"][-4:]
        self.spi = case["spi"]
        self.esn = case["esn"]
        self.tunnel = case["mode"] == "tunnel"

    def tag(self, packet, ah, seq):
        ah_len = (packet[ah + 1] + 2) * 4
        body = bytearray(packet[ah:ah + ah_len])
        body[20:36] = bytes(16)
        aad = zero_mutable(packet[:ah]) + bytes(body) + packet[ah + ah_len:]
        if self.esn:
            aad += struct.pack("!I", seq >> 32)
        return AESGCM(self.key).encrypt(self.salt + packet[ah + 12:ah + 20], b"", aad)

    def seal(self, plain, seq, iv=None):
        version = plain[0] >> 4
        if self.tunnel:
            header, nh, payload = outer_header(version, seq & 0xFFFF), (4 if version == 4 else 41), plain
        else:
            hl = header_len(plain)
            header, nh, payload = plain[:hl], ip_proto(plain), plain[hl:]
        iv = iv if iv is not None else self.rng.randbytes(8)
        ah_len = 36 if version == 4 else 40  # 12 + IV 8 + ICV 16, IPv6: 8-byte aligned
        ah = bytes([nh, ah_len // 4 - 2, 0, 0]) + struct.pack("!II", self.spi, seq & 0xFFFFFFFF)
        ah += iv + bytes(ah_len - 20)
        packet = bytearray(finish_ip(header + ah + payload, PROTO_AH))
        at = len(header)
        packet[at + 20:at + 36] = self.tag(bytes(packet), at, seq)
        return bytes(packet)

    def open(self, sealed, seq):
        if ip_proto(sealed) != PROTO_AH:
            raise ValueError(f"IP protocol {ip_proto(sealed)}, expected AH")
        at = header_len(sealed)
        spi, low = struct.unpack("!II", sealed[at + 4:at + 12])
        if spi != self.spi or low != seq & 0xFFFFFFFF:
            raise ValueError(f"AH spi/seq {spi:#x}/{low:#x}")
        ah_len = (sealed[at + 1] + 2) * 4
        if sealed[at + 20:at + 36] != self.tag(sealed, at, seq):
            raise IPSecIntegrityError("AH-GMAC ICV mismatch")
        nh, payload = sealed[at], sealed[at + ah_len:]
        if self.tunnel:
            return payload
        return finish_ip(sealed[:at] + payload, nh)


# --- one case ------------------------------------------------------------------------------

def case_keys(case, rng):
    enc = rng.randbytes(case["enc_len"]) + (rng.randbytes(4) if case["salt"] and case["proto"] == "esp" else b"")
    auth = rng.randbytes(case["auth_len"]) + (rng.randbytes(4) if case["salt"] and case["proto"] == "ah" else b"")
    return {"enc": enc, "auth": auth}


def sa_json(case, keys):
    version = case["ip"]
    src, dst = (INNER if case["mode"] == "tunnel" else OUTER)[version]
    common = {"spi": case["spi"], "ip": version, "src": src, "dst": dst, "proto": case["proto"],
              "esn": case["esn"], "udp_encap": case["natt"]}
    if case["mode"] == "tunnel":
        common["tunnel_src"], common["tunnel_dst"] = OUTER[version]
    if case["proto"] == "esp":
        common.update(enc=case["enc"], enc_key=keys["enc"].hex(), auth=case["auth"], auth_key=keys["auth"].hex(),
                      icv_len=16 if case["salt"] else ICV_LEN[case["auth"]])
    else:
        common.update(auth=case["auth"], auth_key=keys["auth"].hex(),
                      icv_len=16 if case["salt"] else ICV_LEN[case["auth"]])
    base = SEQ_BASE[case["esn"]]
    return [dict(common, dir="out", seq=base), dict(common, dir="in", seq=base - 1)]


def plain_packets(case, rng):
    """UDP (10 B), ICMP/ICMPv6 echo (37 B), UDP (200 B): trailers with different padding."""
    version = case["ip"]
    src, dst = (INNER if case["mode"] == "tunnel" else OUTER)[version]

    def l3():
        if version == 4:
            return IP(src=src, dst=dst, id=rng.randrange(1, 0xFFFF), ttl=64)
        return IPv6(src=src, dst=dst, hlim=64)

    echo = (ICMP(type=8, id=rng.randrange(0xFFFF), seq=1) if version == 4
            else ICMPv6EchoRequest(id=rng.randrange(0xFFFF), seq=1))
    return [
        bytes(l3() / UDP(sport=rng.randrange(1024, 60000), dport=5000) / Raw(rng.randbytes(10))),
        bytes(l3() / echo / Raw(rng.randbytes(37))),
        bytes(l3() / UDP(sport=rng.randrange(1024, 60000), dport=5001) / Raw(rng.randbytes(200))),
    ]


def iv_len(case):
    if case["salt"]:
        return 8
    enc = case["enc"] or ""
    return 16 if enc.startswith("aes-cbc") else 8 if enc in ("3des-cbc", "des-cbc") else 0


def run_tool(tool, *args):
    result = subprocess.run([tool, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"tool {args[0]} exit {result.returncode}: {result.stderr.strip()}")
    return result


def same_packet(case, got, want):
    """None if `got` (decrypted/opened) carries `want`, else what differs."""
    if case["mode"] == "tunnel":
        return None if got == want else f"inner packet differs ({len(got)} B vs {len(want)} B)"
    hl = header_len(want)
    if got[0] >> 4 != want[0] >> 4 or header_len(got) != hl:
        return "IP version/header length differs"
    if got[hl:] != want[hl:]:
        return f"transport payload differs ({len(got) - hl} B vs {len(want) - hl} B)"
    if ip_proto(got) != ip_proto(want):
        return f"protocol {ip_proto(got)} instead of {ip_proto(want)}"
    addresses = slice(12, 20) if hl == 20 else slice(8, 40)
    if got[addresses] != want[addresses]:
        return "addresses differ"
    return None


def check_sealed_header(case, packet, seq, plain):
    """Header sanity of an engine-sealed packet; returns a problem or None."""
    version = case["ip"]
    if packet[0] >> 4 != version:
        return f"IP version {packet[0] >> 4}"
    hl = header_len(packet)
    if version == 4:
        if struct.unpack("!H", packet[2:4])[0] != len(packet):
            return "IPv4 total length wrong"
        if inet_checksum(packet[:hl]) != 0:
            return "IPv4 header checksum wrong"
        addresses = packet[12:20]
    else:
        if struct.unpack("!H", packet[4:6])[0] != len(packet) - 40:
            return "IPv6 payload length wrong"
        addresses = packet[8:40]
    want_addresses = (outer_header(version, 0)[12:20] if version == 4 else outer_header(version, 0)[8:40]) \
        if case["mode"] == "tunnel" else (plain[12:20] if version == 4 else plain[8:40])
    if addresses != want_addresses:
        return "outer addresses wrong"
    proto = ip_proto(packet)
    if case["natt"]:
        if proto != PROTO_UDP:
            return f"NAT-T: IP protocol {proto}"
        sport, dport, length, checksum = struct.unpack("!HHHH", packet[hl:hl + 8])
        if (sport, dport) != (4500, 4500) or length != len(packet) - hl:
            return f"NAT-T UDP header {sport}/{dport}/len {length}"
        if checksum or version == 6:
            pseudo = (packet[12:20] + struct.pack("!BBH", 0, 17, length) if version == 4
                      else packet[8:40] + struct.pack("!IxxxB", length, 17))
            if inet_checksum(pseudo + packet[hl:]) != 0:
                return f"NAT-T UDP checksum {checksum:#06x} wrong"
    elif proto != (PROTO_ESP if case["proto"] == "esp" else PROTO_AH):
        return f"IP protocol {proto}"
    at = ipsec_offset(packet)
    spi_at = at if case["proto"] == "esp" else at + 4
    spi, low = struct.unpack("!II", packet[spi_at:spi_at + 8])
    if spi != case["spi"] or low != seq & 0xFFFFFFFF:
        return f"SPI/seq on the wire {spi:#x}/{low:#x}"
    return None


def check_seal(case, peer, plains, tool, workdir):
    """(a) the engine seals, the peer opens."""
    base = SEQ_BASE[case["esn"]]
    write_pcap(os.path.join(workdir, "plain.pcap"), plains)
    run_tool(tool, "seal", "--sa", os.path.join(workdir, "sa.json"), "--in", os.path.join(workdir, "plain.pcap"),
             "--out", os.path.join(workdir, "sealed.pcap"))
    sealed = read_pcap(os.path.join(workdir, "sealed.pcap"))
    if len(sealed) != len(plains):
        return f"tool sealed {len(sealed)} packets of {len(plains)}"
    problems, ivs = [], []
    n_iv = iv_len(case)
    for i, (packet, plain) in enumerate(zip(sealed, plains)):
        seq = base + i
        problem = check_sealed_header(case, packet, seq, plain)
        if problem:
            problems.append(f"pkt{i}: {problem}")
            continue
        if n_iv:
            at = ipsec_offset(packet) + (8 if case["proto"] == "esp" else 12)
            ivs.append(packet[at:at + n_iv])
        try:
            opened = peer.open(packet, seq)
        except IPSecIntegrityError as error:
            problems.append(f"pkt{i}: peer ICV check failed ({str(error)[:80]})")
            continue
        except Exception as error:  # noqa: BLE001 - report anything the peer trips on
            problems.append(f"pkt{i}: peer could not open: {type(error).__name__}: {str(error)[:120]}")
            continue
        problem = same_packet(case, opened, plain)
        if problem:
            problems.append(f"pkt{i}: {problem}")
    if n_iv and ivs:
        if any(iv == bytes(n_iv) for iv in ivs):
            problems.append("an all-zero IV went on the wire")
        if len(set(ivs)) != len(ivs):
            problems.append("IV repeated across packets")
    return "; ".join(problems) or None


def tamper_set(case, packet):
    """(label, packet, expectation): ('fail',) auth failure, ('skip',) not processed, ('ok',)."""
    version = case["ip"]
    at = ipsec_offset(packet)
    n_iv = iv_len(case)
    out = []
    if case["proto"] == "esp":
        out.append(("seq", flip(packet, at + 7), ("fail",)))
        if n_iv:
            out.append(("iv", flip(packet, at + 8), ("fail",)))
        out.append(("payload", flip(packet, at + 8 + n_iv, 0x80), ("fail",)))
        out.append(("icv", flip(packet, len(packet) - 1), ("fail",)))
        out.append(("spi", flip(packet, at + 3), ("skip",)))
    else:
        src_last, dst_last = (15, 19) if version == 4 else (23, 39)
        out.append(("seq", flip(packet, at + 11), ("fail",)))
        if n_iv:
            out.append(("iv", flip(packet, at + 12), ("fail",)))
        out.append(("icv", flip(packet, at + 12 + n_iv), ("fail",)))
        out.append(("payload", flip(packet, len(packet) - 1), ("fail",)))
        out.append(("ip-src", flip(packet, src_last, fix=True), ("fail",)))
        if version == 4:
            out.append(("ip-id", flip(packet, 5, fix=True), ("fail",)))
        out.append(("ip-dst", flip(packet, dst_last, fix=True), ("skip",)))
        out.append(("spi", flip(packet, at + 7), ("skip",)))
        mutable = bytearray(packet)
        if version == 4:
            mutable[1] = 0xB8  # DSCP EF
            mutable[6] = 0x40  # DF
            mutable[8] = 17  # TTL
            fix_ipv4(mutable)
        else:
            mutable[0:4] = bytes([0x6B, 0x81, 0x23, 0x45])  # traffic class, flow label
            mutable[7] = 3  # hop limit
        out.append(("mutable-fields", bytes(mutable), ("ok",)))
    out.append(("untouched", packet, ("ok",)))
    return out


def check_open_and_tamper(case, peer, plains, tool, workdir):
    """(b) the peer seals, the engine opens; (c) tampered packets. One tool run for both."""
    base = SEQ_BASE[case["esn"]]
    sealed = [peer.seal(p, base + i) for i, p in enumerate(plains)]
    tamper_seq = base + len(plains)
    tampered = tamper_set(case, peer.seal(plains[-1], tamper_seq))
    write_pcap(os.path.join(workdir, "peer.pcap"), sealed + [t[1] for t in tampered])
    run_tool(tool, "open", "--sa", os.path.join(workdir, "sa.json"), "--in", os.path.join(workdir, "peer.pcap"),
             "--out", os.path.join(workdir, "opened.pcap"), "--report", os.path.join(workdir, "report.jsonl"))
    reports = [json.loads(line) for line in open(os.path.join(workdir, "report.jsonl")) if line.strip()]
    opened = read_pcap(os.path.join(workdir, "opened.pcap"))
    total = len(sealed) + len(tampered)
    if len(reports) != total:
        msg = f"report has {len(reports)} lines for {total} packets"
        return msg, msg
    # Output packets are the successfully opened ones, in order.
    ok_indices = [r["index"] for r in reports if r.get("crypto_done") and r.get("crypto_status") == 0]
    output = dict(zip(ok_indices, opened))
    if len(opened) != len(ok_indices):
        msg = f"output pcap has {len(opened)} packets, report says {len(ok_indices)} opened"
        return msg, msg

    open_problems = []
    for i, plain in enumerate(plains):
        r, seq = reports[i], base + i
        if not r.get("crypto_done") or r.get("crypto_status") != CRYPTO_SUCCESS:
            open_problems.append(f"pkt{i}: crypto_done={r.get('crypto_done')} status={r.get('crypto_status')} "
                                 f"({r.get('status_name')})")
            continue
        if r.get("spi") != case["spi"] or r.get("seq") != seq:
            open_problems.append(f"pkt{i}: reported spi/seq {r.get('spi'):#x}/{r.get('seq'):#x}, want "
                                 f"{case['spi']:#x}/{seq:#x}")
        if r.get("next_crypto_done") or r.get("sa_delete_req"):
            open_problems.append(f"pkt{i}: next_crypto_done/sa_delete_req set")
        problem = same_packet(case, output[i], plain)
        if problem:
            open_problems.append(f"pkt{i}: {problem}")
        elif case["mode"] == "transport" and output[i] != plain:
            open_problems.append(f"pkt{i}: restored IP header differs from the original")

    want_fail = AUTH_FAILED[(case["proto"], case["mode"])]
    tamper_problems = []
    for j, (label, _, expect) in enumerate(tampered):
        r = reports[len(sealed) + j]
        got = (r.get("crypto_done"), r.get("crypto_status"))
        if expect[0] == "fail" and got != (True, want_fail):
            tamper_problems.append(f"{label}: crypto_done={got[0]} status={got[1]} ({r.get('status_name')}), "
                                   f"want status {want_fail}")
        elif expect[0] == "skip" and got[0]:
            tamper_problems.append(f"{label}: processed (status {got[1]}), want crypto_done false")
        elif expect[0] == "ok":
            if got != (True, CRYPTO_SUCCESS) or r.get("seq") != tamper_seq:
                tamper_problems.append(f"{label}: crypto_done={got[0]} status={got[1]} seq={r.get('seq')}, "
                                       f"want success at seq {tamper_seq:#x}")
            elif same_packet(case, output[len(sealed) + j], plains[-1]):
                tamper_problems.append(f"{label}: opened packet differs from the original")
    return "; ".join(open_problems) or None, "; ".join(tamper_problems) or None


def describe(error):
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {error} (run.py line {frame.lineno})"


def run_case(args):
    case, tool, root = args
    workdir = os.path.join(root, f"case{case['index']:04d}")
    os.makedirs(workdir)
    rng = random.Random(0x1F5EC0 + case["index"])
    results = []
    try:
        keys = case_keys(case, rng)
        with open(os.path.join(workdir, "sa.json"), "w") as f:
            json.dump(sa_json(case, keys), f)
        peer = (GmacAhOracle if case["peer"] == "gmac-oracle" else ScapyPeer)(case, keys, rng)
        plains = plain_packets(case, rng)
    except Exception as error:  # noqa: BLE001
        reason = f"setup: {describe(error)}"
        return [(f"{case['name']}/{c}", reason) for c in ("seal", "open", "tamper")]
    try:
        results.append((f"{case['name']}/seal", check_seal(case, peer, plains, tool, workdir)))
    except Exception as error:  # noqa: BLE001
        results.append((f"{case['name']}/seal", describe(error)))
    try:
        open_result, tamper_result = check_open_and_tamper(case, peer, plains, tool, workdir)
    except Exception as error:  # noqa: BLE001
        open_result = tamper_result = describe(error)
    results.append((f"{case['name']}/open", open_result))
    results.append((f"{case['name']}/tamper", tamper_result))
    return results


# --- known answer --------------------------------------------------------------------------

# OpenDataPlane test vector pkt_ipv4_icmp_0 (IPv4 ICMP echo, 128 bytes) sealed with AH
# AES-GMAC-128 (key 0xa5 x 16, salt cafebabe, SPI 0x7b, seq 1, IV 0100000000000000) gives
# pkt_ipv4_icmp_0_ah_aes_gmac_128_1 with this ICV (shared/spec/esp-oracles.md 3.6).
KAT_PLAIN = bytes.fromhex("45000080000000004001ac27c0a86f02c0a8de02" "0800fb3712340000babe01234567cafe") + bytes(range(0x5C))
KAT_ICV = bytes.fromhex("d60ecc223179597268c958fb8bb0bbd5")


def run_kat(tool, root):
    """The GMAC oracle and the engine against the ODP AH-GMAC vector."""
    name = "kat/ah/aes-gmac-128/odp-pkt_ipv4_icmp_0_ah_aes_gmac_128_1"
    try:
        case = dict(spi=0x7B, esn=False, mode="transport")
        oracle = GmacAhOracle(case, {"auth": b"\xa5" * 16 + bytes.fromhex("cafebabe")}, None)
        sealed = oracle.seal(KAT_PLAIN, 1, iv=bytes.fromhex("0100000000000000"))
        if sealed[40:56] != KAT_ICV:
            return name, f"oracle ICV {sealed[40:56].hex()} != vector {KAT_ICV.hex()}"
        workdir = os.path.join(root, "kat")
        os.makedirs(workdir)
        sa = [{"spi": 0x7B, "dir": "in", "ip": 4, "src": "192.168.111.2", "dst": "192.168.222.2", "proto": "ah",
               "auth": "aes-gmac-128", "auth_key": (b"\xa5" * 16).hex() + "cafebabe", "icv_len": 16,
               "esn": False, "seq": 0}]
        with open(os.path.join(workdir, "sa.json"), "w") as f:
            json.dump(sa, f)
        write_pcap(os.path.join(workdir, "in.pcap"), [sealed])
        run_tool(tool, "open", "--sa", os.path.join(workdir, "sa.json"), "--in", os.path.join(workdir, "in.pcap"),
                 "--out", os.path.join(workdir, "out.pcap"), "--report", os.path.join(workdir, "report.jsonl"))
        report = json.loads(open(os.path.join(workdir, "report.jsonl")).readline())
        if not report["crypto_done"] or report["crypto_status"] != 0:
            return name, f"engine: {report}"
        opened = read_pcap(os.path.join(workdir, "out.pcap"))
        if opened != [KAT_PLAIN]:
            return name, "engine output differs from pkt_ipv4_icmp_0"
        return name, None
    except Exception as error:  # noqa: BLE001
        return name, f"{type(error).__name__}: {error}"


# --- main ----------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", default=os.environ.get("IPSECOV2_PCAP"),
                        help="ipsecov2-pcap binary (default: $IPSECOV2_PCAP, else target/debug/ipsecov2-pcap)")
    parser.add_argument("-k", dest="filter", default="", help="only cases whose name contains this")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (printed)")
    args = parser.parse_args()

    cases = [c for c in build_cases() if args.filter in c["name"]]
    if args.list:
        for c in cases:
            print(c["name"])
        return 0
    tool = args.tool or os.path.join(ROOT, "target", "debug", "ipsecov2-pcap")
    if not os.access(tool, os.X_OK):
        print(f"run.py: tool {tool!r} not found (cargo build -p ipsecov2-pcap, or --tool / IPSECOV2_PCAP)",
              file=sys.stderr)
        print("0 passed, 1 failed")
        return 2
    print(f"tool: {tool}; peers: scapy {scapy.VERSION}, cryptography {cryptography.__version__}")
    start = time.monotonic()
    root = tempfile.mkdtemp(prefix="ipsecov2-interop-")
    results = []
    try:
        if "kat" in args.filter or not args.filter:
            results.append(run_kat(tool, root))
        work = [(c, tool, root) for c in cases]
        if args.jobs > 1 and len(work) > 1:
            import multiprocessing
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                for case_results in pool.imap(run_case, work, chunksize=4):
                    results.extend(case_results)
        else:
            for item in work:
                results.extend(run_case(item))
    finally:
        if args.keep:
            print(f"work directory kept: {root}")
        else:
            import shutil
            shutil.rmtree(root, ignore_errors=True)

    passed = failed = 0
    for name, reason in results:
        if reason is None:
            passed += 1
            print(f"PASS {name}")
        else:
            failed += 1
            print(f"FAIL {name}: {reason}")

    def count(key):
        tally = {}
        for c in cases:
            tally[key(c)] = tally.get(key(c), 0) + 1
        return ", ".join(f"{k} {v}" for k, v in tally.items())

    print(f"interop cases: {len(cases)} (x3 checks: seal, open, tamper = {3 * len(cases)}) "
          f"+ {len(results) - 3 * len(cases)} known-answer")
    print(f"  by protocol: {count(lambda c: c['proto'] if c['peer'] == 'scapy' else 'ah-gmac (pyca oracle)')}")
    print(f"  by algorithm ({len({c['algo'] for c in cases})}): {count(lambda c: c['algo'])}")
    print(f"  by IP version: {count(lambda c: 'IPv%d' % c['ip'])}")
    print(f"  by mode: {count(lambda c: c['mode'])}")
    print(f"  by ESN: {count(lambda c: 'on' if c['esn'] else 'off')}")
    print(f"  by NAT-T: {count(lambda c: 'on' if c['natt'] else ('off' if c['proto'] == 'esp' else 'n/a (AH)'))}")
    print(f"  runtime: {time.monotonic() - start:.1f} s with {args.jobs} jobs")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
