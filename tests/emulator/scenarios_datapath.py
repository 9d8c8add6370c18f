"""End-to-end data path: frames sealed on one adapter, carried by the driver's virtual hub, and
opened on another, as the real image does it.

Topology (every scenario): adapters A, B and C initialized and restarted; they all join the
hub. B's packet filter is DIRECTED|BROADCAST and B has received OID_OFFLOAD_ENCAPSULATION (so
receive offload may run, spec §5); C is a tap: PROMISCUOUS, no encapsulation OID, so it
indicates every frame as it is on the wire, unprocessed. SAs come in matching pairs: outbound
on A, inbound on B (same SPI and keys, B's address as destination), added through the direct
OID path with the builders of ndis_model.py (via scenarios_ipsec_oids.Bundle / Ipsec).

Frames are built as the Windows stack frames them for offload (packets.frame_esp/frame_ah:
headers, SPI, sequence number, RFC 4303 padding and trailer written, zero IV, zero ICV space)
and sent spread over several MDLs, one MDL boundary inside the ESP/AH header.

Expected values come from the spec (/work/shared/spec/ipsecov2.md §1.13-§1.16, §2.5, §4, §5)
and the driver's documented behaviour (receive offload needs OID_OFFLOAD_ENCAPSULATION; every
frame that passes the filter is indicated; decryption in place with headers, IV, trailer and ICV
left where they are; an unknown handle or a refused frame fails the NBL and nothing of it
reaches the wire; NBLs indicated are owned by NDIS until MiniportReturnNetBufferLists).
Independent check of the wire: the tap's frames go to a pcap under target/ and are opened with
scapy's SecurityAssociation (tests/emulator/scapy_check.py, run under target/interop-venv).
"""

import ipaddress
import json
import os
import struct
import subprocess

import control_proto as C
import ndis_model as nm
import packets as P
import scenarios_ipsec_oids as so
from abi import REPO_ROOT
from ndis_model import ScenarioFailure

A_IP4, B_IP4 = so.V4_SRC, so.V4_DST
A_IP6, B_IP6 = so.V6_SRC, so.V6_DST
GW_A, GW_B = P.ip4("198.51.100.1"), P.ip4("198.51.100.2")  # tunnel endpoints
STRANGER_MAC = P.mac("02:00:5e:00:53:99")
GROUP_MAC = P.mac("01:00:5e:00:00:fb")
OTHER_GROUP_MAC = P.mac("01:00:5e:00:00:fc")

SLOT_OFFLOAD, SLOT_TUNNEL, SLOT_HEADER = 1, 11, 12  # checked against the oracle in Net()
INFO = "NDIS_IPSEC_OFFLOAD_V2_NET_BUFFER_LIST_INFO"
HDR_INFO = "NDIS_IPSEC_OFFLOAD_V2_HEADER_NET_BUFFER_LIST_INFO"

OUT_DIR = os.path.join(REPO_ROOT, "target", "emulator-datapath")


def expect(cond, msg):
    if not cond:
        raise ScenarioFailure(msg)


def current_mac(a):
    return bytes(a.general["CurrentMacAddress"][: a.general["MacAddressLength"]])


def sname(h, st):
    return h.abi.status_name(st) if st != nm.NBL_STATUS_POISON else "Status never written"


# -- slots ---------------------------------------------------------------------------------------
def pack_bits(h, struct_name, **fields):
    v = 0
    for name, x in fields.items():
        bf = h.abi.bitfield(struct_name, name)
        assert 0 <= x < (1 << bf["width"]), (name, x)
        v |= x << bf["bit"]
    return v


def bits(h, struct_name, value, name):
    bf = h.abi.bitfield(struct_name, name)
    return (value & bf["mask"]) >> bf["bit"]


def send_hints(h, framed):
    nh, pad, ah, esp = framed.hints()
    return pack_bits(h, HDR_INFO, **{"Transmit.NextHeader": nh, "Transmit.PadLength": pad,
                                     "Transmit.AhHeaderOffset": ah, "Transmit.EspHeaderOffset": esp})


class RxView:
    """The IPsec receive annotations of an indicated NBL (slots 1 and 12, receive views)."""

    def __init__(self, h, rec):
        self.rec = rec
        self.info = rec["info"]
        s1 = self.info[SLOT_OFFLOAD]
        self.slot1, self.slot1_high = s1 & 0xFFFFFFFF, s1 >> 32
        self.sa_delete_req = bits(h, INFO, s1, "Receive.SaDeleteReq")
        self.crypto_done = bits(h, INFO, s1, "Receive.CryptoDone")
        self.next_crypto_done = bits(h, INFO, s1, "Receive.NextCryptoDone")
        self.reserved = bits(h, INFO, s1, "Receive.Reserved")
        self.crypto_status = bits(h, INFO, s1, "Receive.CryptoStatus")
        s12 = self.info[SLOT_HEADER]
        self.slot12 = s12
        self.next_header = bits(h, HDR_INFO, s12, "Receive.NextHeader")
        self.pad_length = bits(h, HDR_INFO, s12, "Receive.PadLength")
        self.header_info_set = bits(h, HDR_INFO, s12, "Receive.HeaderInfoSet")
        self.frame = rec["frames"][0] if rec["frames"] else b""

    def __repr__(self):
        return ("slot1=%#x (CryptoDone %d NextCryptoDone %d CryptoStatus %d SaDeleteReq %d) slot12=%#x"
                % (self.info[SLOT_OFFLOAD], self.crypto_done, self.next_crypto_done, self.crypto_status,
                   self.sa_delete_req, self.slot12))


# -- algorithms and SA pairs ---------------------------------------------------------------------
ALGS = {
    # ESP AES-GCM-128 (RFC 4106): 8-byte IV, 4-byte alignment, 16-byte ICV; key = 16 + 4 salt
    "gcm128": dict(kind="esp", iv=8, block=4, icv=16, crypt="AES-GCM", auth=None),
    # ESP AES-CBC-128 + HMAC-SHA-256-128: 16-byte IV and blocks, 16-byte ICV
    "cbc128-sha256": dict(kind="esp", iv=16, block=16, icv=16, crypt="AES-CBC", auth="SHA2-256-128"),
    # AH HMAC-SHA1-96: 12-byte ICV
    "ah-sha1": dict(kind="ah", iv=0, block=4, icv=12, crypt=None, auth="HMAC-SHA1-96"),
}


def make_sa(h, alg, spi, esn=False, esn_high=0, tag=None):
    if alg == "gcm128":
        return so.esp_gcm128(h, spi, esn=esn, seq_high=esn_high, tag=tag)
    sa = so.esp_cbc128_sha256(h, spi, esn=esn, tag=tag) if alg == "cbc128-sha256" else so.ah_sha1(h, spi, esn=esn,
                                                                                                   tag=tag)
    sa["SequenceNumberHighOrder"] = esn_high
    return sa


def ip_text(b):
    return str(ipaddress.ip_address(bytes(b)))


class Layer:
    """One SA pair: outbound on A (`out`), inbound on B (`inb`, unless `inbound=False`), with
    B's inbound key derived from `in_tag` when given (a key mismatch)."""

    def __init__(self, net, alg, spi, v6=False, tunnel=None, udp=False, esn=False, esn_high=0, in_tag=None,
                 inbound=True, also_on=()):
        h = net.h
        self.net, self.alg, self.spi, self.v6, self.tunnel, self.udp = net, alg, spi, v6, tunnel, udp
        self.esn, self.esn_high = esn, esn_high
        self.p = ALGS[alg]
        self.sa = make_sa(h, alg, spi, esn, esn_high)
        src, dst = tunnel if tunnel else ((A_IP6, B_IP6) if v6 else (A_IP4, B_IP4))
        encap = h.const("IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT") if udp else 0
        what = "%s SPI %#x" % (alg, spi)
        self.out = net.ipsec[net.A].add_ex(so.Bundle(h, [self.sa], v6=v6, udp=encap, src=src, dst=dst),
                                           what="outbound " + what)
        in_sa = self.sa if in_tag is None else make_sa(h, alg, spi, esn, esn_high, tag=in_tag)
        self.inbound_bundle = so.Bundle(h, [in_sa], inbound=True, v6=v6, udp=encap, src=src, dst=dst)
        self.inb = net.ipsec[net.B].add_ex(self.inbound_bundle, what="inbound " + what) if inbound else None
        self.extra = {a: net.ipsec[a].add_ex(self.inbound_bundle, what="inbound %s on adapter %d" % (what, a.index))
                      for a in also_on}

    def full_seq(self, low):
        return (self.esn_high << 32) | low if self.esn else low

    def frame(self, packet, seq, reserve=True, extra_pad=0):
        p = self.p
        if p["kind"] == "ah":
            return P.frame_ah(packet, self.spi, seq, p["icv"], p["iv"])
        return P.frame_esp(packet, self.spi, seq, p["iv"], p["block"], p["icv"], tunnel=self.tunnel, udp=self.udp,
                           reserve_icv=reserve, extra_pad=extra_pad)

    def scapy(self, seq):
        key = {"crypt_key": None, "auth_key": None}
        if self.sa.get("enc") and self.sa["enc"]["key"]:
            key["crypt_key"] = self.sa["enc"]["key"].hex()
        if self.sa.get("auth") and self.sa["auth"]["key"]:
            key["auth_key"] = self.sa["auth"]["key"].hex()
        return dict(proto=self.p["kind"], spi=self.spi, seq=seq, crypt_algo=self.p["crypt"], auth_algo=self.p["auth"],
                    tunnel=[ip_text(x) for x in self.tunnel] if self.tunnel else None, natt=self.udp, esn=self.esn,
                    esn_high=self.esn_high, **key)


# -- the cases of scenario 1 -------------------------------------------------------------------
CASES = [
    ("esp-gcm128-v4-transport", "ESP AES-GCM-128, IPv4 transport"),
    ("esp-cbc128-sha256-v4-transport", "ESP AES-CBC-128 + HMAC-SHA-256-128, IPv4 transport"),
    ("ah-sha1-v4-transport", "AH HMAC-SHA1-96, IPv4 transport"),
    ("esp-gcm128-v4-tunnel", "ESP AES-GCM-128 tunnel (outer IPv4, inner IPv4, next header 4)"),
    ("transport-over-tunnel", "transport ESP AES-GCM-128 inside tunnel ESP AES-CBC-128/SHA-256 (slots 1 + 11)"),
    ("esp-gcm128-natt", "NAT-T: ESP AES-GCM-128 in UDP 4500 (UdpEspEncapsulation 1)"),
    ("esp-gcm128-v6-transport", "ESP AES-GCM-128, IPv6 transport, padding beyond the minimum"),
    ("esp-gcm128-esn", "ESP AES-GCM-128 with ESN, sequence number high bits 5"),
    ("ah-sha1-v6-transport", "AH HMAC-SHA1-96, IPv6 transport"),
    ("esp-gcm128-icv-appended", "ESP AES-GCM-128, ICV space not reserved (outermost: the engine appends it)"),
    ("esp-gcm128-natt-v6", "NAT-T over IPv6: ESP AES-GCM-128 in UDP 4500 (the UDP checksum must be valid)"),
    ("esp-cbc128-sha256-natt-icv-appended", "NAT-T ESP AES-CBC-128/SHA-256, ICV not reserved (UDP length grows)"),
    ("ah-sha1-v4-options", "AH HMAC-SHA1-96, IPv4 with options (Router Alert kept, Record Route zeroed)"),
    ("esp-gcm128-v6-dstopts", "ESP AES-GCM-128, IPv6 with a destination options header before ESP"),
]

V4_OPTIONS = bytes([0x94, 4, 0, 0]) + bytes([7, 3, 4, 0])  # Router Alert; Record Route (empty), EOL
V6_DSTOPTS = [(60, bytes([0x1E, 4, 0xAA, 0xBB, 0xCC, 0xDD]))]  # one 8-byte destination options header


class Built:
    """One framed send: `plain` (the IP packet protected), `framed` (what the stack hands the
    miniport), `shape` (the wire shape: `framed` with every ICV space reserved), `seq`."""

    def __init__(self, plain, framed, shape, seq):
        self.plain, self.framed, self.shape, self.seq = plain, framed, shape, seq


class Case:
    def __init__(self, net, name, spi, what=""):
        self.net, self.name, self.what = net, name, what or name
        self.v6 = "-v6" in name
        self.src, self.dst = (A_IP6, B_IP6) if self.v6 else (A_IP4, B_IP4)
        self.reserve = not name.endswith("icv-appended")
        self.options = V4_OPTIONS if name.endswith("v4-options") else b""
        self.ext = V6_DSTOPTS if name.endswith("v6-dstopts") else ()
        self.extra_pad = 2 if name == "esp-gcm128-v6-transport" else 0
        self.next_crypto = name == "transport-over-tunnel"
        self.tunnel_handle = 0
        if name.startswith("esp-gcm128-v4-tunnel"):
            self.layers = [Layer(net, "gcm128", spi, tunnel=(GW_A, GW_B))]
        elif name == "transport-over-tunnel":
            transport = Layer(net, "gcm128", spi)
            tunnel = Layer(net, "cbc128-sha256", spi + 1, tunnel=(GW_A, GW_B))
            self.layers = [tunnel, transport]
            self.tunnel_handle = tunnel.out
        elif name.startswith("esp-cbc128-sha256"):
            self.layers = [Layer(net, "cbc128-sha256", spi, udp="natt" in name)]
        elif name.startswith("ah-sha1"):
            self.layers = [Layer(net, "ah-sha1", spi, v6=self.v6)]
        elif name.startswith("esp-gcm128-natt"):
            self.layers = [Layer(net, "gcm128", spi, udp=True, v6=self.v6)]
        elif name == "esp-gcm128-esn":
            self.layers = [Layer(net, "gcm128", spi, esn=True, esn_high=5)]
        else:
            self.layers = [Layer(net, "gcm128", spi, v6=self.v6)]
        self.handle = self.layers[-1].out  # slot 1: the transport SA of a pair, else the only one

    def build(self, seq_low, payload):
        plain = P.udp_packet(self.src, self.dst, payload, ident=seq_low, options=self.options, ext=self.ext)
        if self.name == "transport-over-tunnel":
            tunnel, transport = self.layers
            seq = seq_low
            framed = tunnel.frame(transport.frame(plain, seq), seq)
            return Built(plain, framed, framed, seq)
        layer = self.layers[0]
        seq = layer.full_seq(seq_low)
        framed = layer.frame(plain, seq, reserve=self.reserve, extra_pad=self.extra_pad)
        shape = layer.frame(plain, seq, reserve=True, extra_pad=self.extra_pad)
        return Built(plain, framed, shape, seq)

    def scapy_layers(self, built):
        return [lay.scapy(built.seq) for lay in self.layers]


# -- the topology ------------------------------------------------------------------------------
class Net:
    def __init__(self, h, tap=True, b_filter=None):
        self.h, self.m = h, h.model
        expect(h.const("IPsecOffloadV2NetBufferListInfo") == SLOT_OFFLOAD
               and h.const("IPsecOffloadV2TunnelNetBufferListInfo") == SLOT_TUNNEL
               and h.const("IPsecOffloadV2HeaderNetBufferListInfo") == SLOT_HEADER, "oracle: NBL info slot indices")
        self.A = h.running()
        self.B = h.running()
        self.C = h.running() if tap else None
        self.adapters = [a for a in (self.A, self.B, self.C) if a is not None]
        self.mac = {a: current_mac(a) for a in self.adapters}
        if b_filter is None:
            b_filter = h.const("NDIS_PACKET_TYPE_DIRECTED") | h.const("NDIS_PACKET_TYPE_BROADCAST")
        self.set_filter(self.B, b_filter)
        if tap:
            self.set_filter(self.C, h.const("NDIS_PACKET_TYPE_PROMISCUOUS"))
        self.encapsulation(self.B)
        self.ipsec = {a: so.Ipsec(h, a) for a in self.adapters}

    def set_filter(self, a, f):
        r = self.h.set(a, self.h.const("OID_GEN_CURRENT_PACKET_FILTER"), struct.pack("<I", f))
        expect(r.status == self.h.const("NDIS_STATUS_SUCCESS"), "set packet filter %#x on adapter %d: %s"
               % (f, a.index, self.h.abi.status_name(r.status)))

    def encapsulation(self, a):
        r = self.h.set(a, self.h.const("OID_OFFLOAD_ENCAPSULATION"), nm.build_offload_encapsulation(self.m))
        expect(r.status == self.h.const("NDIS_STATUS_SUCCESS"), "OID_OFFLOAD_ENCAPSULATION on adapter %d: %s"
               % (a.index, self.h.abi.status_name(r.status)))

    def eth(self, packet, dst=None, src=None):
        return P.ether(self.mac[self.B] if dst is None else dst, self.mac[self.A] if src is None else src, packet)

    # sends --------------------------------------------------------------------------------
    def nbl(self, frames, handle=0, tunnel=0, hints=0, split=(), data_offset=0, info=None):
        nbl = nm.build_nbl(self.m, frames, split, data_offset)
        v = self.m.view("NET_BUFFER_LIST", nbl)
        v["NetBufferListInfo[%d]" % SLOT_OFFLOAD] = handle
        v["NetBufferListInfo[%d]" % SLOT_TUNNEL] = tunnel
        v["NetBufferListInfo[%d]" % SLOT_HEADER] = hints
        for i, x in (info or {}).items():
            v["NetBufferListInfo[%d]" % i] = x
        return nbl

    def nbl_headroom(self, frame, split, handle=0, tunnel=0, hints=0, lead=20, extra=6):
        """One NET_BUFFER whose data starts `extra` bytes into its second MDL: the first MDL
        (`lead` bytes) is headroom wholly before the data (DataOffset > its ByteCount, so
        CurrentMdl is the second MDL); no MDL is mapped to system VA (MdlFlags 0: the miniport
        must map them with MmMapLockedPagesSpecifyCache)."""
        m = self.m
        pieces = [lead, extra + split[0]] + list(split[1:])
        first, mdls = nm.build_mdl_chain(m, bytes([0xEE]) * (lead + extra) + frame, pieces)
        for mdl in mdls:
            m.view("MDL", mdl)["MdlFlags"] = 0
        nb = m.alloc(m.abi.size("NET_BUFFER"), note="nb")
        nm._position_nb(m, nb, first, lead + extra, len(frame))
        expect(m.view("NET_BUFFER", nb)["CurrentMdl"] == mdls[1], "scenario bug: CurrentMdl")
        nbl = m.alloc(m.abi.size("NET_BUFFER_LIST", m.ndis_version()), note="nbl")
        v = m.view("NET_BUFFER_LIST", nbl)
        v["FirstNetBuffer"] = nb
        v["Status"] = nm.NBL_STATUS_POISON
        v["SourceHandle"] = m.new_handle("protocol-binding")
        v["NetBufferListInfo[%d]" % SLOT_OFFLOAD] = handle
        v["NetBufferListInfo[%d]" % SLOT_TUNNEL] = tunnel
        v["NetBufferListInfo[%d]" % SLOT_HEADER] = hints
        return nbl

    def send_memory(self, nbl):
        """Everything of a send NBL the miniport must leave alone: the NET_BUFFER fields, the
        MDLs and the bytes they describe."""
        m, out = self.m, []
        nb = m.view("NET_BUFFER_LIST", nbl)["FirstNetBuffer"]
        while nb:
            nv = m.view("NET_BUFFER", nb)
            out.append(("NET_BUFFER %#x" % nb, (nv["DataOffset"], nv["DataLength"], nv["CurrentMdl"],
                                                 nv["CurrentMdlOffset"], nv["MdlChain"])))
            mdl = nv["MdlChain"]
            while mdl:
                mv = m.view("MDL", mdl)
                va, n = mv["MappedSystemVa"], mv["ByteCount"]
                out.append(("MDL %#x" % mdl, (mv["Next"], n, va, mv["MdlFlags"])))
                out.append(("data of MDL %#x (%d bytes)" % (mdl, n), m.mem.read(va, n)))
                mdl = mv["Next"]
            nb = nv["Next"]
        return out

    def send(self, nbls, sender=None, flags=0, want=None):
        """Sends a chain of NBLs from `sender` (default A). Checks each NBL completed once with
        the status in `want` (one name per NBL, default SUCCESS) and that its buffers are
        unchanged. Returns {adapter: [RxView of what it indicated]}."""
        h, m = self.h, self.m
        sender = sender or self.A
        nbls = list(nbls) if isinstance(nbls, (list, tuple)) else [nbls]
        for x, y in zip(nbls, nbls[1:]):
            m.view("NET_BUFFER_LIST", x)["Next"] = y
        before = [self.send_memory(n) for n in nbls]
        marks = {a: len(a.received) for a in self.adapters}
        h.send(sender, nbls[0], flags=flags)
        want = want or ["NDIS_STATUS_SUCCESS"] * len(nbls)
        dispatch = bool(flags & h.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL"))
        for i, n in enumerate(nbls):
            rec = sender.sent[n]
            expect(rec["state"] == "completed", "send NBL %d of %d was not completed" % (i + 1, len(nbls)))
            expect(rec["status"] == h.const(want[i]), "send NBL %d of %d completed with %s, expected %s"
                   % (i + 1, len(nbls), sname(h, rec["status"]), want[i]))
            fl = bool(rec["flags"] & h.const("NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL"))
            expect(fl == dispatch, "send NBL %d completed %s NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL" %
                   (i + 1, "with" if fl else "without"))
        for i, (n, snap) in enumerate(zip(nbls, before)):
            m.view("NET_BUFFER_LIST", n)["Next"] = 0 if i == len(nbls) - 1 else nbls[i + 1]
            after = self.send_memory(n)
            for (what, b), (_, a) in zip(snap, after):
                if b != a:
                    if isinstance(b, bytes):
                        at = next(j for j in range(len(b)) if b[j] != a[j])
                        raise ScenarioFailure("send NBL %d: the miniport wrote into the protocol's buffer: %s "
                                              "differs from byte %d on (%s -> %s)" % (i + 1, what, at,
                                                                                     b[at:at + 8].hex(),
                                                                                     a[at:at + 8].hex()))
                    raise ScenarioFailure("send NBL %d: the miniport changed %s: %s -> %s" % (i + 1, what, b, a))
        got = {a: [RxView(h, r) for r in a.received[marks[a]:]] for a in self.adapters}
        for a, views in got.items():
            for v in views:
                expect(v.rec["port"] == h.const("NDIS_DEFAULT_PORT_NUMBER"), "adapter %d indicated on port %d"
                       % (a.index, v.rec["port"]))
                fl = bool(v.rec["flags"] & h.const("NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL"))
                expect(fl == dispatch, "adapter %d indicated %s NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL for a send %s "
                       "NDIS_SEND_FLAGS_DISPATCH_LEVEL" % (a.index, "with" if fl else "without",
                                                           "with" if dispatch else "without"))
                expect(len(v.rec["frames"]) == 1, "adapter %d indicated an NBL with %d NET_BUFFERs"
                       % (a.index, len(v.rec["frames"])))
        expect(not got[sender], "the sender (adapter %d) indicated its own frame" % sender.index)
        return got

    def send_built(self, case, built, flags=0, data_offset=0, want="NDIS_STATUS_SUCCESS", handle=None, tunnel=None,
                   headroom=False):
        framed = built.framed
        frame = self.eth(framed.packet)
        hdr = 14 + framed.outer["header"]
        # four MDLs: Ethernet header | IP header + 3 bytes of the ESP/AH header | 9 bytes | rest
        split = (14, hdr - 14 + 3, 9)
        kw = dict(handle=case.handle if handle is None else handle,
                  tunnel=case.tunnel_handle if tunnel is None else tunnel, hints=send_hints(self.h, framed))
        if headroom:
            nbl = self.nbl_headroom(frame, split, **kw)
        else:
            nbl = self.nbl([frame], split=split, data_offset=data_offset, **kw)
        mdls = [x for x in self.send_memory(nbl) if x[0].startswith("MDL")]
        expect(len(mdls) >= 3, "scenario bug: %d MDLs" % len(mdls))
        return self.send([nbl], flags=flags, want=[want])

    def stats(self, a):
        r = self.h.query(a, self.h.const("OID_GEN_STATISTICS"), self.h.abi.size("NDIS_STATISTICS_INFO"))
        expect(r.status == self.h.const("NDIS_STATUS_SUCCESS"), "OID_GEN_STATISTICS on adapter %d: %s"
               % (a.index, self.h.abi.status_name(r.status)))
        return self.m.view("NDIS_STATISTICS_INFO", r.buf).decode()


# -- checks ------------------------------------------------------------------------------------
def in_ranges(i, ranges):
    return any(s <= i < e for s, e in ranges)


def first_diff(x, y, skip=()):
    for i in range(max(len(x), len(y))):
        if in_ranges(i, skip):
            continue
        if i >= len(x) or i >= len(y) or x[i] != y[i]:
            return i
    return None


def only_ipsec_slots(h, v, who):
    others = [(i, x) for i, x in enumerate(v.info) if x and i not in (SLOT_OFFLOAD, SLOT_HEADER)]
    expect(not others, "%s: NBL info slots other than 1 and 12 are not cleared: %s"
           % (who, ", ".join("[%d]=%#x" % ix for ix in others)))


def check_unprocessed(h, v, who):
    """An indication without IPsec processing: slot 1 and slot 12 zero, nothing else set."""
    expect(v.info[SLOT_OFFLOAD] == 0, "%s: not processed, yet slot 1 = %#x (%r)" % (who, v.info[SLOT_OFFLOAD], v))
    expect(v.info[SLOT_HEADER] == 0, "%s: not processed, yet slot 12 = %#x" % (who, v.info[SLOT_HEADER]))
    only_ipsec_slots(h, v, who)


def check_wire(case, built, wire, who):
    """The frame on the wire (the tap's copy) against the wire shape: headers as framed, the
    ESP payloads encrypted, IVs and ICVs filled in."""
    shape = built.shape
    eth = case.net.mac[case.net.B] + case.net.mac[case.net.A] + wire[12:14]
    expect(wire[:14] == eth, "%s: the Ethernet header on the wire is %s, sent %s" % (who, wire[:14].hex(), eth.hex()))
    pkt = wire[14:]
    expect(len(pkt) == len(shape.packet), "%s: %d-byte IP packet on the wire, expected %d (ICV space %s)"
           % (who, len(pkt), len(shape.packet), "reserved" if case.reserve else "appended"))
    outer = shape.outer
    secret = [outer["data"]] if outer["kind"] == "esp" else []
    mine = [outer["iv"], outer["icv"]]
    if outer.get("udp") is not None:  # the NAT-T UDP checksum (verified below)
        mine.append((outer["udp"] + 6, outer["udp"] + 8))
    at = first_diff(pkt, shape.packet, secret + mine)
    expect(at is None, "%s: wire byte %d of the IP packet is %#04x, framed %#04x (only the IV, ICV and "
           "encrypted part may change)" % (who, at or 0, pkt[at] if at is not None and at < len(pkt) else -1,
                                           shape.packet[at] if at is not None and at < len(shape.packet) else -1))
    s, e = outer["icv"]
    expect(pkt[s:e] != bytes(e - s), "%s: the ICV on the wire is all zero" % who)
    if outer.get("udp") is not None:
        u = outer["udp"]
        expect(P.udp_checksum_ok(pkt, u), "%s: the NAT-T UDP checksum on the wire is wrong (%s)"
               % (who, pkt[u + 6:u + 8].hex()))
        expect(pkt[0] >> 4 == 6 or pkt[u + 6:u + 8] == b"\0\0", "%s: the IPv4 NAT-T UDP checksum was zero and is now "
               "%s" % (who, pkt[u + 6:u + 8].hex()))
    s, e = outer["iv"]
    expect(e == s or pkt[s:e] != bytes(e - s), "%s: the IV on the wire is all zero" % who)
    if secret:
        s, e = outer["data"]
        expect(pkt[s:e] != shape.packet[s:e], "%s: the ESP payload went on the wire in clear" % who)
        p0, p1 = outer["payload"]
        plain_part = shape.packet[p0:p1]
        expect(plain_part[:16] not in pkt, "%s: the first plaintext bytes appear on the wire" % who)


def check_opened(case, built, wire, v, who):
    """B's indication: processed, statuses, slot 12, the decrypted frame in place."""
    h = case.net.h
    shape = built.shape
    expect(v.crypto_done == 1, "%s: CryptoDone 0 (%r)" % (who, v))
    expect(v.crypto_status == h.const("CRYPTO_SUCCESS"), "%s: CryptoStatus %d, expected CRYPTO_SUCCESS (%r)"
           % (who, v.crypto_status, v))
    expect(v.next_crypto_done == (1 if case.next_crypto else 0), "%s: NextCryptoDone %d, expected %d (%r)"
           % (who, v.next_crypto_done, 1 if case.next_crypto else 0, v))
    expect(v.sa_delete_req == 0, "%s: SaDeleteReq set on a fresh SA (%r)" % (who, v))
    expect(v.reserved == 0 and v.slot1_high == 0, "%s: reserved bits of slot 1 set (%#x)" % (who, v.info[1]))
    outer = shape.outer
    if outer["kind"] == "esp":
        expect(v.header_info_set == 1, "%s: slot 12 HeaderInfoSet 0 after an ESP trailer was decrypted (%r)"
               % (who, v))
        expect((v.next_header, v.pad_length) == (outer["next_header"], outer["pad_length"]),
               "%s: slot 12 NextHeader %d PadLength %d, the trailer has %d / %d" %
               (who, v.next_header, v.pad_length, outer["next_header"], outer["pad_length"]))
        expect(v.slot12 >> 17 == 0, "%s: slot 12 bits above HeaderInfoSet set (%#x)" % (who, v.slot12))
    else:
        expect(v.slot12 == 0, "%s: slot 12 = %#x for an AH frame (no ESP trailer to report)" % (who, v.slot12))
    only_ipsec_slots(h, v, who)
    got = v.frame
    expect(got[:14] == wire[:14], "%s: Ethernet header changed" % who)
    pkt = got[14:]
    expect(len(pkt) == len(shape.packet), "%s: indicated a %d-byte IP packet, the wire had %d"
           % (who, len(pkt), len(wire) - 14))
    engine = shape.engine_ranges()
    at = first_diff(pkt, shape.packet, engine)
    if at is not None:
        where = "in the decrypted payload" if outer["kind"] == "esp" and outer["payload"][0] <= at < outer["payload"][1] \
            else "in the encrypted region" if outer["kind"] == "esp" and outer["data"][0] <= at < outer["data"][1] \
            else "in the headers"
        raise ScenarioFailure("%s: indicated byte %d of the IP packet (%s) is %#04x, the sender's plaintext has "
                              "%#04x" % (who, at, where, pkt[at] if at < len(pkt) else -1, shape.packet[at]))
    # the outer IV and ICV stay as they were on the wire
    for k in ("iv", "icv"):
        s, e = outer[k]
        expect(pkt[s:e] == wire[14 + s:14 + e], "%s: the outer %s was changed by the receive" % (who, k.upper()))


def run_case_once(net, case, seq_low, payload, flags=0, data_offset=0, headroom=False):
    built = case.build(seq_low, payload)
    got = net.send_built(case, built, flags=flags, data_offset=data_offset, headroom=headroom)
    who = "%s seq %d" % (case.what, seq_low)
    expect(len(got[net.B]) == 1, "%s: B indicated %d NBLs, expected 1" % (who, len(got[net.B])))
    expect(len(got[net.C]) == 1, "%s: the tap indicated %d NBLs, expected 1" % (who, len(got[net.C])))
    wire = got[net.C][0].frame
    check_unprocessed(net.h, got[net.C][0], "%s: tap (no encapsulation OID)" % who)
    check_wire(case, built, wire, who + ": wire")
    check_opened(case, built, wire, got[net.B][0], who + ": B")
    return built, wire, got[net.B][0]


def scenario_one(h, name):
    net = Net(h)
    what = dict(CASES)[name]
    case = Case(net, name, 0x5100, what)
    b1, w1, _ = run_case_once(net, case, 1, b"scenario 1 payload %s #1." % name.encode())
    # again at DISPATCH_LEVEL, the data at an offset in its first MDL, another length
    b2, w2, _ = run_case_once(net, case, 2, b"scenario 1 payload %s, second frame, 2b" % name.encode() * 3,
                              flags=h.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL"), data_offset=6)
    # and with headroom: the data starts in the second MDL, and no MDL is mapped yet
    b3, w3, _ = run_case_once(net, case, 3, b"scenario 1, third frame (headroom, unmapped MDLs)", headroom=True)
    s, e = case.build(1, b"").shape.outer["iv"]
    if e > s:
        ivs = {w[14 + s:14 + e] for w in (w1, w2, w3)}
        expect(len(ivs) == 3, "%s: three frames went out with %d distinct IVs" % (what, len(ivs)))
    # nothing left outstanding, every indicated NBL came back
    expect(not net.B.rx_outstanding and not net.C.rx_outstanding, "harness: receives not returned")


def test_send_receive_esp_gcm128_v4_transport(h):
    scenario_one(h, "esp-gcm128-v4-transport")


def test_send_receive_esp_cbc128_sha256_v4_transport(h):
    scenario_one(h, "esp-cbc128-sha256-v4-transport")


def test_send_receive_ah_sha1_v4_transport(h):
    scenario_one(h, "ah-sha1-v4-transport")


def test_send_receive_esp_gcm128_v4_tunnel(h):
    scenario_one(h, "esp-gcm128-v4-tunnel")


def test_send_receive_transport_over_tunnel(h):
    scenario_one(h, "transport-over-tunnel")


def test_send_receive_esp_gcm128_natt(h):
    scenario_one(h, "esp-gcm128-natt")


def test_send_receive_esp_gcm128_v6_transport(h):
    scenario_one(h, "esp-gcm128-v6-transport")


def test_send_receive_esp_gcm128_esn(h):
    scenario_one(h, "esp-gcm128-esn")


def test_send_receive_ah_sha1_v6_transport(h):
    scenario_one(h, "ah-sha1-v6-transport")


def test_send_receive_esp_gcm128_icv_appended(h):
    scenario_one(h, "esp-gcm128-icv-appended")


def test_send_receive_esp_gcm128_natt_v6(h):
    scenario_one(h, "esp-gcm128-natt-v6")


def test_send_receive_esp_cbc128_sha256_natt_icv_appended(h):
    scenario_one(h, "esp-cbc128-sha256-natt-icv-appended")


def test_send_receive_ah_sha1_v4_options(h):
    scenario_one(h, "ah-sha1-v4-options")


def test_send_receive_esp_gcm128_v6_dstopts(h):
    scenario_one(h, "esp-gcm128-v6-dstopts")


# -- scenario 2: the wire, checked by scapy ------------------------------------------------------
def interop_python():
    venv = os.environ.get("IPSECOV2_INTEROP_VENV") or os.path.join(REPO_ROOT, "target", "interop-venv")
    return os.path.join(venv, "bin", "python")


def test_wire_frames_open_with_scapy(h):
    """Every case twice (and a tampered copy of each) on one hub; the tap's frames go to
    target/emulator-datapath/wire.pcap and scapy's SecurityAssociation must open each one
    to the plaintext the stack framed (and reject the tampered ones)."""
    net = Net(h)
    frames, entries = [], []
    for i, (name, what) in enumerate(CASES):
        case = Case(net, name, 0x6000 + 0x10 * i, what)
        for seq_low in (1, 2):
            built, wire, _ = run_case_once(net, case, seq_low, b"wire check %s %d" % (name.encode(), seq_low) * 2)
            entries.append({"index": len(frames), "what": "%s seq %d" % (name, seq_low), "expect": "plain",
                            "layers": case.scapy_layers(built), "plain": built.plain.hex()})
            frames.append(wire)
        # a copy with one bit of the encrypted/authenticated payload flipped
        s, e = built.shape.outer["payload"]
        bad = bytearray(wire)
        bad[14 + (s + e) // 2] ^= 0x10
        entries.append({"index": len(frames), "what": "%s tampered" % name, "expect": "integrity-error",
                        "layers": case.scapy_layers(built), "plain": built.plain.hex()})
        frames.append(bytes(bad))
    run_scapy(entries, frames, "wire")


def run_scapy(entries, frames, name):
    os.makedirs(OUT_DIR, exist_ok=True)
    pcap, js = os.path.join(OUT_DIR, name + ".pcap"), os.path.join(OUT_DIR, name + ".json")
    P.write_pcap(pcap, frames)
    with open(js, "w") as f:
        json.dump(entries, f, indent=1)
    py = interop_python()
    expect(os.access(py, os.X_OK), "no %s: create the pinned scapy 2.8.0 venv with tests/interop/setup_venv.sh "
           "(the emulator venv does not carry pyca/cryptography, which scapy needs to decrypt)" % py)
    r = subprocess.run([py, os.path.join(os.path.dirname(os.path.abspath(__file__)), "scapy_check.py"), pcap, js],
                       capture_output=True, text=True, timeout=600)
    bad = [ln for ln in r.stdout.splitlines() if ln.startswith("BAD")]
    expect(r.returncode == 0 and not bad and ("%d ok, 0 bad" % len(entries)) in r.stdout,
           "scapy on %s: %s%s" % (pcap, "; ".join(bad[:4]) or r.stdout.strip()[-300:], r.stderr.strip()[-300:]))


def test_esn_across_the_low_order_wrap(h):
    """ESN SAs with high bits 5 on both sides, no UPDATE_SA: sequence numbers 0xFFFFFFF0 (epoch
    5) then 0x10 (the low half wrapped: epoch 6, RFC 4303 Appendix A). Both sides must use
    the same high bits: B opens both, and scapy opens the wire frames with ESN 5 and 6."""
    net = Net(h)
    frames, entries = [], []
    for i, alg in enumerate(("gcm128", "cbc128-sha256")):
        lay = Layer(net, alg, 0x6800 + i, esn=True, esn_high=5)
        case = Case.__new__(Case)
        case.net, case.name, case.what, case.v6 = net, "esn-wrap", "ESN %s across the wrap" % alg, False
        case.src, case.dst, case.reserve, case.extra_pad, case.options, case.ext = A_IP4, B_IP4, True, 0, b"", ()
        case.next_crypto, case.tunnel_handle, case.layers, case.handle = False, 0, [lay], lay.out
        for seq in ((5 << 32) | 0xFFFFFFF0, (5 << 32) | 0xFFFFFFFF, (6 << 32) | 0x10):
            plain = P.udp_packet(A_IP4, B_IP4, b"esn %#x" % seq, ident=seq & 0xFFFF)
            built = Built(plain, lay.frame(plain, seq), lay.frame(plain, seq), seq)
            got = net.send_built(case, built)
            who = "%s, sequence number %#x" % (case.what, seq)
            expect(len(got[net.B]) == 1 and len(got[net.C]) == 1, "%s: B %d, tap %d" % (who, len(got[net.B]),
                                                                                     len(got[net.C])))
            wire = got[net.C][0].frame
            check_wire(case, built, wire, who + ": wire")
            check_opened(case, built, wire, got[net.B][0], who + ": B")
            layer = lay.scapy(seq)
            layer["esn_high"] = seq >> 32
            entries.append({"index": len(frames), "what": who, "expect": "plain", "layers": [layer],
                            "plain": plain.hex()})
            frames.append(wire)
    run_scapy(entries, frames, "wire-esn")


# -- scenario 3: tampering ---------------------------------------------------------------------
def resend_from_tap(net, frame):
    """The tap (C) puts `frame` on the hub as a plain frame (no IPsec slots)."""
    nbl = net.nbl([frame], split=(14, 20))
    return net.send([nbl], sender=net.C)


def check_auth_failed(h, v, status_name, who, wire):
    expect(v.crypto_done == 1, "%s: CryptoDone 0 for a frame whose SA is offloaded (%r)" % (who, v))
    expect(v.crypto_status == h.const(status_name), "%s: CryptoStatus %d, expected %s (%d) (%r)"
           % (who, v.crypto_status, status_name, h.const(status_name), v))
    expect(v.header_info_set == 0, "%s: slot 12 HeaderInfoSet after a failed ICV check (%#x)" % (who, v.slot12))
    only_ipsec_slots(h, v, who)
    expect(v.frame == wire, "%s: the frame was indicated changed after a failed ICV check (first difference at "
           "byte %s)" % (who, first_diff(v.frame, wire)))


def tamper_case(h, name, status_name, flip_at, warm=False):
    net = Net(h)
    case = Case(net, name, 0x7100, dict(CASES)[name])
    if warm:  # one good frame first: the SA has seen a verified packet
        run_case_once(net, case, 1, b"good frame before the tampered one")
    built, wire, _ = run_case_once(net, case, 2, b"frame to be tampered with, 40 bytes long")
    bad = bytearray(wire)
    at = 14 + flip_at(built.shape.outer)
    bad[at] ^= 0x01
    got = resend_from_tap(net, bytes(bad))
    who = "%s, bit flipped at frame byte %d" % (case.what, at)
    expect(len(got[net.B]) == 1, "%s: B indicated %d NBLs (every frame that passes the filter is indicated)"
           % (who, len(got[net.B])))
    check_auth_failed(h, got[net.B][0], status_name, who, bytes(bad))


def mid_payload(outer):
    s, e = outer["payload"]
    return (s + e) // 2


def test_tamper_esp_transport_payload(h):
    tamper_case(h, "esp-gcm128-v4-transport", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED", mid_payload)


def test_tamper_esp_cbc_sha256_icv(h):
    tamper_case(h, "esp-cbc128-sha256-v4-transport", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED",
                lambda o: o["icv"][0] + 3)


def test_tamper_esp_tunnel_first_packet(h):
    tamper_case(h, "esp-gcm128-v4-tunnel", "CRYPTO_TUNNEL_ESP_AUTH_FAILED", mid_payload)


def test_tamper_esp_tunnel_after_good_packet(h):
    tamper_case(h, "esp-gcm128-v4-tunnel", "CRYPTO_TUNNEL_ESP_AUTH_FAILED", mid_payload, warm=True)


def test_tamper_transport_over_tunnel_outer(h):
    tamper_case(h, "transport-over-tunnel", "CRYPTO_TUNNEL_ESP_AUTH_FAILED", mid_payload, warm=True)


def test_tamper_ah_payload(h):
    tamper_case(h, "ah-sha1-v4-transport", "CRYPTO_TRANSPORT_AH_AUTH_FAILED", mid_payload)


def test_tamper_natt(h):
    tamper_case(h, "esp-gcm128-natt", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED", mid_payload)


def test_tamper_esp_v6_esp_header_seq(h):
    # the sequence number is authenticated (in the GCM AAD)
    tamper_case(h, "esp-gcm128-v6-transport", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED", lambda o: o["header"] + 7)


def test_tamper_key_mismatch(h):
    """A's outbound SA and B's inbound SA share SPI and destination but not the key: B checks
    the frame and reports the ICV failure; the frame is indicated as it was on the wire."""
    net = Net(h)
    for i, (alg, status) in enumerate((("gcm128", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED"),
                                       ("cbc128-sha256", "CRYPTO_TRANSPORT_ESP_AUTH_FAILED"),
                                       ("ah-sha1", "CRYPTO_TRANSPORT_AH_AUTH_FAILED"))):
        spi = 0x7200 + i
        lay = Layer(net, alg, spi, in_tag="B's different key %d" % i)
        framed = lay.frame(P.udp_packet(A_IP4, B_IP4, b"key mismatch %s" % alg.encode()), 1)
        split = (14, framed.outer["header"] + 3, 9)
        nbl = net.nbl([net.eth(framed.packet)], handle=lay.out, hints=send_hints(h, framed), split=split)
        got = net.send([nbl])
        who = "%s with a different key on B" % alg
        expect(len(got[net.B]) == 1 and len(got[net.C]) == 1, "%s: B indicated %d, the tap %d"
               % (who, len(got[net.B]), len(got[net.C])))
        check_auth_failed(h, got[net.B][0], status, who, got[net.C][0].frame)
    # the inner (transport) layer of a pair with the wrong key, the tunnel layer right: the
    # tunnel layer opens, the transport layer's ICV fails
    transport = Layer(net, "gcm128", 0x7210, in_tag="B's different transport key")
    tunnel = Layer(net, "gcm128", 0x7211, tunnel=(GW_A, GW_B))
    framed = tunnel.frame(transport.frame(P.udp_packet(A_IP4, B_IP4, b"inner key mismatch"), 1), 1)
    nbl = net.nbl([net.eth(framed.packet)], handle=transport.out, tunnel=tunnel.out, hints=send_hints(h, framed),
                  split=(14, framed.outer["header"] + 3, 9))
    got = net.send([nbl])
    v = got[net.B][0]
    who = "transport over tunnel, transport key different on B"
    expect(v.crypto_done == 1 and v.crypto_status == h.const("CRYPTO_TRANSPORT_ESP_AUTH_FAILED"),
           "%s: %r, expected CryptoDone 1 and CRYPTO_TRANSPORT_ESP_AUTH_FAILED" % (who, v))


def test_tamper_spi_is_not_processed(h):
    """A flipped SPI names no offloaded SA: the frame is indicated unprocessed (CryptoDone 0)."""
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x7300)
    built, wire, _ = run_case_once(net, case, 1, b"spi flip")
    bad = bytearray(wire)
    bad[14 + built.shape.outer["header"] + 3] ^= 0x80
    got = resend_from_tap(net, bytes(bad))
    expect(len(got[net.B]) == 1, "B indicated %d NBLs for a frame with an unknown SPI" % len(got[net.B]))
    check_unprocessed(h, got[net.B][0], "frame with an unknown SPI")
    expect(got[net.B][0].frame == bytes(bad), "a frame with an unknown SPI was changed")


# -- scenario 4: failed and plain sends ----------------------------------------------------------
def test_send_unknown_and_stale_handles_fail(h):
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x8100)
    built = case.build(1, b"handle checks")
    frame = net.eth(built.framed.packet)
    hints = send_hints(h, built.framed)
    F = "NDIS_STATUS_FAILURE"

    def nothing(got, what):
        for a in (net.B, net.C):
            expect(not got[a], "%s: adapter %d indicated %d frame(s); nothing may reach the wire"
                   % (what, a.index, len(got[a])))

    nothing(net.send([net.nbl([frame], handle=0x0BADC0DE0BADC0DE, hints=hints)], want=[F]), "unknown handle")
    nothing(net.send([net.nbl([frame], handle=case.layers[0].inb, hints=hints)], want=[F]),
            "the handle of B's inbound SA, sent on A")
    # the inbound SA of the pair on A itself: not an outbound SA
    in_on_a = net.ipsec[net.A].add_ex(so.Bundle(h, [make_sa(h, "gcm128", 0x8101)], inbound=True),
                                      what="inbound SA on A")
    nothing(net.send([net.nbl([frame], handle=in_on_a, hints=hints)], want=[F]), "an inbound SA's handle")
    nothing(net.send([net.nbl([frame], handle=case.handle, tunnel=0x77770000, hints=hints)], want=[F]),
            "a valid handle with an unknown tunnel handle")
    # refused frames: the SPI is not the SA's; a plain UDP frame under an ESP handle
    other = Layer(net, "gcm128", 0x8102)
    nothing(net.send([net.nbl([frame], handle=other.out, hints=hints)], want=[F]), "frame SPI != SA SPI")
    plain = net.eth(P.udp_packet(A_IP4, B_IP4, b"no ESP header at all"))
    nothing(net.send([net.nbl([plain], handle=case.handle)], want=[F]), "no ESP header")
    # a chain: good, refused, good -> SUCCESS, FAILURE, SUCCESS; two frames on B
    good1, good2 = case.build(2, b"chain good 1"), case.build(3, b"chain good 2")
    chain = [net.nbl([net.eth(good1.framed.packet)], handle=case.handle, hints=send_hints(h, good1.framed)),
             net.nbl([frame], handle=0x1234, hints=hints),
             net.nbl([net.eth(good2.framed.packet)], handle=case.handle, hints=send_hints(h, good2.framed))]
    got = net.send(chain, want=["NDIS_STATUS_SUCCESS", F, "NDIS_STATUS_SUCCESS"])
    expect(len(got[net.B]) == 2 and all(v.crypto_done and v.crypto_status == 0 for v in got[net.B]),
           "chain good/bad/good: B indicated %r" % got[net.B])
    # stale: the SA worked, then DELETE_SA; the same handle now fails
    net.send_built(case, case.build(4, b"before delete"))
    net.ipsec[net.A].delete([case.handle], what="DELETE_SA of the outbound SA")
    nothing(net.send_built(case, case.build(5, b"after delete"), want=F), "stale handle after DELETE_SA")
    # a stale tunnel handle
    pair = Case(net, "transport-over-tunnel", 0x8110)
    net.send_built(pair, pair.build(1, b"pair before delete"))
    net.ipsec[net.A].delete([pair.tunnel_handle], what="DELETE_SA of the tunnel SA")
    nothing(net.send_built(pair, pair.build(2, b"pair after delete"), want=F), "stale tunnel handle")


def test_send_refused_second_net_buffer_fails_whole_nbl(h):
    """An NBL of two NET_BUFFERs whose second the engine refuses (SPI not the SA's): the NBL
    fails, and nothing of it may reach the wire (the first NET_BUFFER neither)."""
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x8200)
    good = case.build(1, b"first NET_BUFFER, fine")
    bad = Case(net, "esp-gcm128-v4-transport", 0x8201).build(2, b"second NET_BUFFER, other SPI")
    nbl = net.nbl([net.eth(good.framed.packet), net.eth(bad.framed.packet)], handle=case.handle,
                  hints=send_hints(h, good.framed), split=(14, 23, 9))
    got = net.send([nbl], want=["NDIS_STATUS_FAILURE"])
    expect(not got[net.B] and not got[net.C],
           "an NBL that completed with NDIS_STATUS_FAILURE put %d frame(s) on the wire (tap %d, B %d): its first "
           "NET_BUFFER went out before the second was refused" % (len(got[net.C]), len(got[net.C]), len(got[net.B])))


def test_send_two_net_buffers(h):
    """An NBL of two good NET_BUFFERs (consecutive sequence numbers, the same trailer shape, as
    the NBL's one set of slot-12 hints describes them all): two frames, both open."""
    net = Net(h)
    case = Case(net, "esp-cbc128-sha256-v4-transport", 0x8300)
    b1, b2 = case.build(1, b"first of two"), case.build(2, b"second of two, longer by 16.")
    expect(b1.framed.hints() == b2.framed.hints(), "scenario bug: different trailers")
    nbl = net.nbl([net.eth(b1.framed.packet), net.eth(b2.framed.packet)], handle=case.handle,
                  hints=send_hints(h, b1.framed), split=(14, 23, 9))
    got = net.send([nbl])
    expect(len(got[net.B]) == 2 and len(got[net.C]) == 2, "two NET_BUFFERs: B indicated %d, the tap %d"
           % (len(got[net.B]), len(got[net.C])))
    for i, b in enumerate((b1, b2)):
        check_wire(case, b, got[net.C][i].frame, "NET_BUFFER %d: wire" % (i + 1))
        check_opened(case, b, got[net.C][i].frame, got[net.B][i], "NET_BUFFER %d: B" % (i + 1))


def test_send_while_paused(h):
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x8400)
    expect(h.pause(net.A) == h.const("NDIS_STATUS_SUCCESS"), "pause A")
    built = case.build(1, b"paused")
    ipsec = net.nbl([net.eth(built.framed.packet)], handle=case.handle, hints=send_hints(h, built.framed))
    plain = net.nbl([net.eth(P.udp_packet(A_IP4, B_IP4, b"plain while paused"))])
    got = net.send([ipsec, plain], want=["NDIS_STATUS_PAUSED"] * 2, flags=h.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL"))
    expect(not got[net.B] and not got[net.C], "a paused adapter's send reached the wire")
    expect(h.restart(net.A) == h.const("NDIS_STATUS_SUCCESS"), "restart A")
    run_case_once(net, case, 2, b"after restart")


def test_plain_frames_pass_unchanged(h):
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x8500)
    run_case_once(net, case, 1, b"an IPsec frame first: the receive NBL carries annotations")
    plain = net.eth(P.udp_packet(A_IP4, B_IP4, b"a plain frame, no IPsec"))
    # the sender's other NBL info (checksum request, stale hints) must not show on B
    nbl = net.nbl([plain], hints=0x0501_0011, info={0: 0x1, 2: 0x55}, split=(14, 20, 4))
    got = net.send([nbl])
    expect(len(got[net.B]) == 1, "B indicated %d NBLs for a plain frame" % len(got[net.B]))
    v = got[net.B][0]
    expect(v.frame == plain, "the plain frame was changed on its way (first difference at byte %s)"
           % first_diff(v.frame, plain))
    check_unprocessed(h, v, "plain frame on B")
    expect(got[net.C][0].frame == plain, "the plain frame is not on the wire as sent")
    # an ESP frame of an SA that is only on A's side: not offloaded on B, indicated unprocessed
    lonely = Layer(net, "gcm128", 0x8501, inbound=False)
    framed = lonely.frame(P.udp_packet(A_IP4, B_IP4, b"no inbound SA for this one"), 1)
    got = net.send([net.nbl([net.eth(framed.packet)], handle=lonely.out, hints=send_hints(h, framed))])
    expect(len(got[net.B]) == 1, "B indicated %d NBLs for an ESP frame without inbound SA" % len(got[net.B]))
    check_unprocessed(h, got[net.B][0], "ESP frame without an inbound SA on B")
    expect(got[net.B][0].frame == got[net.C][0].frame, "an ESP frame without an inbound SA was changed on B")


def test_receive_nbl_reuse_starts_clean(h):
    """A receive NBL comes back from the protocol with its info slots written over (what the
    stack may leave there); when B indicates it again for a plain frame, slots 1 and 12 must
    not claim a check that did not happen, and every other slot is cleared."""
    net = Net(h)
    B, m = net.B, h.model
    case = Case(net, "esp-gcm128-v4-transport", 0x8700)
    B.hold_receives = True
    _, _, v = run_case_once(net, case, 1, b"an IPsec frame: the NBL carries CryptoDone")
    used = v.rec["nbl"]
    nv = m.view("NET_BUFFER_LIST", used)
    for i in range(m.max_nbl_info()):
        nv["NetBufferListInfo[%d]" % i] = 0xA5A5_0000_0000_0000 | (0x0002_0006 if i == SLOT_OFFLOAD else i)
    h.return_nbls(B)
    B.hold_receives = False
    plain = net.eth(P.udp_packet(A_IP4, B_IP4, b"plain after the reuse"))
    for n in range(70):
        got = net.send([net.nbl([plain])])
        expect(len(got[B]) == 1, "B indicated %d NBLs for a plain frame" % len(got[B]))
        if got[B][0].rec["nbl"] == used:
            check_unprocessed(h, got[B][0], "plain frame in a reused receive NBL")
            return
    raise ScenarioFailure("B never indicated the returned NBL %#x again in 70 frames" % used)


def test_padded_frame_and_disabled_offload(h):
    """Trailing bytes after the IP packet (Ethernet padding) do not disturb the check; with
    IPsec offload disabled (OID_TCP_OFFLOAD_PARAMETERS) B indicates frames unprocessed, and
    after re-enabling it processes them again; A never puts a frame framed for offload on the
    wire unprocessed."""
    net = Net(h)
    case = Case(net, "esp-gcm128-v4-transport", 0x8800)
    built, wire, _ = run_case_once(net, case, 1, b"to be padded")
    got = resend_from_tap(net, wire + bytes(12))
    v = got[net.B][0]
    expect(v.crypto_done == 1 and v.crypto_status == 0, "frame with 12 bytes of Ethernet padding: %r" % v)
    expect(v.frame[14 + built.shape.outer["payload"][0]:14 + built.shape.outer["payload"][1]]
           == built.shape.packet[built.shape.outer["payload"][0]:built.shape.outer["payload"][1]],
           "padded frame: payload not decrypted in place")

    def offload(a, setting):
        data = nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_" + setting))
        r = h.set(a, h.const("OID_TCP_OFFLOAD_PARAMETERS"), data)
        expect(r.status == h.const("NDIS_STATUS_SUCCESS"), "IPsecV2 %s: %s" % (setting, h.abi.status_name(r.status)))

    offload(net.B, "DISABLED")
    got = resend_from_tap(net, wire)
    check_unprocessed(h, got[net.B][0], "B with IPsec offload disabled")
    expect(got[net.B][0].frame == wire, "B with offload disabled changed the frame")
    offload(net.B, "AH_AND_ESP_ENABLED")
    got = resend_from_tap(net, wire)
    expect(got[net.B][0].crypto_done == 1 and got[net.B][0].crypto_status == 0,
           "B after re-enabling IPsec offload: %r" % got[net.B][0])
    # the sender with offload disabled: fail the NBL, or seal it; never send it in clear
    offload(net.A, "DISABLED")
    built = case.build(2, b"sent while A's offload is disabled")
    frame = net.eth(built.framed.packet)
    nbl = net.nbl([frame], handle=case.handle, hints=send_hints(h, built.framed))
    mark = len(net.C.received)
    h.send(net.A, nbl)
    st = net.A.sent[nbl]["status"]
    taps = [r["frames"][0] for r in net.C.received[mark:]]
    if st == h.const("NDIS_STATUS_SUCCESS"):
        expect(taps and taps[0] != frame and taps[0][14 + built.shape.outer["payload"][0]:][:16]
               != built.shape.packet[built.shape.outer["payload"][0]:][:16],
               "with IPsec offload disabled A sent the frame framed for offload without sealing it")
    else:
        expect(st == h.const("NDIS_STATUS_FAILURE"), "send with offload disabled: %s" % sname(h, st))


def test_receive_offload_waits_for_encapsulation_oid(h):
    """Receive-side offload must not start before OID_OFFLOAD_ENCAPSULATION (spec §5): the tap
    holds the inbound SA too, but indicates the frame unprocessed until the OID is set."""
    net = Net(h)
    lay = Layer(net, "gcm128", 0x8600)
    net.ipsec[net.C].add_ex(lay.inbound_bundle, what="inbound SA on the tap")
    framed = lay.frame(P.udp_packet(A_IP4, B_IP4, b"before the encapsulation OID"), 1)
    got = net.send([net.nbl([net.eth(framed.packet)], handle=lay.out, hints=send_hints(h, framed))])
    check_unprocessed(h, got[net.C][0], "tap with the inbound SA, before OID_OFFLOAD_ENCAPSULATION")
    expect(got[net.B][0].crypto_done == 1, "B: CryptoDone 0 (%r)" % got[net.B][0])
    net.encapsulation(net.C)
    framed = lay.frame(P.udp_packet(A_IP4, B_IP4, b"after the encapsulation OID"), 2)
    got = net.send([net.nbl([net.eth(framed.packet)], handle=lay.out, hints=send_hints(h, framed))])
    v = got[net.C][0]
    expect(v.crypto_done == 1 and v.crypto_status == 0, "tap after OID_OFFLOAD_ENCAPSULATION: %r" % v)


# -- scenario 5: the receive filter --------------------------------------------------------------
def test_receive_filter(h):
    net = Net(h)
    DIRECTED, BROADCAST, MULTICAST = (h.const("NDIS_PACKET_TYPE_" + n) for n in ("DIRECTED", "BROADCAST",
                                                                                  "MULTICAST"))

    def send_to(dst, what):
        frame = net.eth(P.udp_packet(A_IP4, B_IP4, what.encode()), dst=dst)
        got = net.send([net.nbl([frame])])
        expect(len(got[net.C]) == 1, "%s: the promiscuous tap indicated %d frames" % (what, len(got[net.C])))
        for v in got[net.B]:
            expect(v.frame == frame, "%s: B indicated another frame" % what)
            check_unprocessed(h, v, what)
        return len(got[net.B])

    expect(send_to(net.mac[net.B], "to B's MAC") == 1, "a frame to B's own MAC was not indicated")
    expect(send_to(STRANGER_MAC, "to a stranger's MAC") == 0, "B indicated a frame to another unicast MAC")
    expect(send_to(P.BROADCAST, "broadcast") == 1, "B (filter DIRECTED|BROADCAST) did not indicate a broadcast")
    expect(send_to(GROUP_MAC, "multicast without MULTICAST") == 0, "B indicated a multicast frame without "
           "NDIS_PACKET_TYPE_MULTICAST")
    expect(send_to(net.mac[net.A], "to A's MAC") == 0, "B indicated a frame to A's MAC")
    # multicast list + MULTICAST
    if h.const("OID_802_3_MULTICAST_LIST") in net.B.general["oids"]:
        r = h.set(net.B, h.const("OID_802_3_MULTICAST_LIST"), GROUP_MAC)
        expect(r.status == h.const("NDIS_STATUS_SUCCESS"), "OID_802_3_MULTICAST_LIST: %s"
               % h.abi.status_name(r.status))
        net.set_filter(net.B, DIRECTED | BROADCAST | MULTICAST)
        expect(send_to(GROUP_MAC, "multicast in the list") == 1, "B did not indicate a multicast frame of its list")
        expect(send_to(OTHER_GROUP_MAC, "multicast not in the list") == 0, "B indicated a multicast frame not in "
               "its list")
    # DIRECTED only: broadcast no more
    net.set_filter(net.B, DIRECTED)
    expect(send_to(P.BROADCAST, "broadcast, filter DIRECTED") == 0, "B indicated a broadcast with filter DIRECTED")
    # filter 0: nothing
    net.set_filter(net.B, 0)
    expect(send_to(net.mac[net.B], "to B, filter 0") == 0, "B indicated with packet filter 0")
    # a protected frame that the filter drops is not indicated either (and costs nothing)
    net.set_filter(net.B, DIRECTED | BROADCAST)
    case = Case(net, "esp-gcm128-v4-transport", 0x9100)
    built = case.build(1, b"protected, to a stranger")
    frame = net.eth(built.framed.packet, dst=STRANGER_MAC)
    got = net.send([net.nbl([frame], handle=case.handle, hints=send_hints(h, built.framed))])
    expect(not got[net.B] and len(got[net.C]) == 1, "protected frame to a stranger: B %d, tap %d"
           % (len(got[net.B]), len(got[net.C])))


# -- scenario 6: pause with receives outstanding -------------------------------------------------
def test_pause_with_outstanding_receives(h):
    net = Net(h)
    B = net.B
    case = Case(net, "esp-gcm128-v4-transport", 0xA100)
    B.hold_receives = True
    run_case_once(net, case, 1, b"held by the protocol")
    run_case_once(net, case, 2, b"held by the protocol, 2")
    held = list(B.rx_outstanding)
    expect(len(held) == 2, "B holds %d NBLs" % len(held))
    st = h.pause(B)
    expect(st == h.const("NDIS_STATUS_PENDING"), "pause of B with 2 indicated NBLs not returned: %s, expected "
           "NDIS_STATUS_PENDING" % h.abi.status_name(st))
    expect(B.state == "pausing" and not B.pause_completions, "NdisMPauseComplete before the NBLs came back")
    # frames arriving while B is pausing are dropped, never indicated; A's send still succeeds
    discards = net.stats(B)["ifInDiscards"]
    built = case.build(3, b"while B pauses")
    got = net.send_built(case, built)
    expect(not got[B], "B indicated %d frame(s) while pausing" % len(got[B]))
    expect(net.stats(B)["ifInDiscards"] == discards + 1, "B: ifInDiscards did not count the frame dropped while "
           "pausing")
    expect(len(got[net.C]) == 1, "the tap missed the frame sent while B pauses")
    h.return_nbls(B, held[:1])
    expect(not B.pause_completions, "NdisMPauseComplete after the first of two NBLs came back")
    h.return_nbls(B, held[1:], irql=2)
    expect(len(B.pause_completions) == 1, "NdisMPauseComplete called %d times after the last NBL came back"
           % len(B.pause_completions))
    expect(B.pause_completions[0][0] == "ReturnNetBufferListsHandler", "NdisMPauseComplete from %s"
           % B.pause_completions[0][0])
    expect(B.state == "paused", "B is %s" % B.state)
    B.hold_receives = False
    expect(h.restart(B) == h.const("NDIS_STATUS_SUCCESS"), "restart B")
    run_case_once(net, case, 4, b"after the restart")
    expect(not B.rx_outstanding, "receives outstanding")
    expect(h.pause(B) == h.const("NDIS_STATUS_SUCCESS"), "pause of B with nothing outstanding is not SUCCESS")
    expect(len(B.pause_completions) == 1, "NdisMPauseComplete for a pause that returned SUCCESS")
    got = net.send_built(case, case.build(5, b"B paused"))
    expect(not got[B], "B indicated while paused")
    # the whole life: restart, hold one, pause (PENDING), return it (complete), restart
    expect(h.restart(B) == h.const("NDIS_STATUS_SUCCESS"), "restart B again")
    B.hold_receives = True
    run_case_once(net, case, 6, b"held again")
    expect(h.pause(B) == h.const("NDIS_STATUS_PENDING"), "second pause with one NBL held is not PENDING")
    h.return_nbls(B)
    expect(len(B.pause_completions) == 2 and B.state == "paused", "second pending pause not completed")


def test_receive_nbls_held_by_the_protocol(h):
    """The protocol above B holds every receive NBL B indicated: B never indicates an NBL it
    has not got back (the model checks), drops what it cannot indicate (ifInDiscards), and
    indicates again once the NBLs come back."""
    net = Net(h)
    B = net.B
    B.hold_receives = True
    before = net.stats(B)

    def burst(n, tag):
        frames = [net.eth(P.udp_packet(A_IP4, B_IP4, b"%s %d" % (tag, i))) for i in range(n)]
        return net.send([net.nbl([f]) for f in frames])

    indicated, dropped, n = 0, 0, 0
    while dropped == 0 and n < 1024:
        got = burst(16, b"burst")
        n += 16
        indicated += len(got[B])
        dropped += 16 - len(got[B])
        expect(len(got[net.C]) == 16, "the tap indicated %d of 16" % len(got[net.C]))
    expect(dropped, "B indicated %d frames without getting one NBL back" % indicated)
    held = list(B.rx_outstanding)
    expect(len(held) == indicated and len(set(held)) == indicated, "B indicated %d, %d distinct NBLs held"
           % (indicated, len(set(held))))
    after = net.stats(B)
    expect(after["ifInDiscards"] - before["ifInDiscards"] == dropped, "ifInDiscards +%d after %d frames were dropped"
           % (after["ifInDiscards"] - before["ifInDiscards"], dropped))
    expect(after["ifHCInUcastPkts"] - before["ifHCInUcastPkts"] == indicated, "ifHCInUcastPkts +%d after %d "
           "indications" % (after["ifHCInUcastPkts"] - before["ifHCInUcastPkts"], indicated))
    # half come back (in one chain), then the rest one by one, at DISPATCH_LEVEL
    h.return_nbls(B, held[: indicated // 2])
    got = burst(1, b"after half came back")
    expect(len(got[B]) == 1, "B indicated %d frames after NBLs came back" % len(got[B]))
    for x in list(B.rx_outstanding):
        h.return_nbls(B, [x], irql=2)
    B.hold_receives = False
    case = Case(net, "esp-gcm128-v4-transport", 0xA200)
    run_case_once(net, case, 1, b"IPsec after the pool was drained")
    expect(h.pause(B) == h.const("NDIS_STATUS_SUCCESS"), "pause B with every NBL returned")


# -- scenario 7: statistics ----------------------------------------------------------------------
def test_statistics_count_the_data_path(h):
    net = Net(h)
    A, B = net.A, net.B
    before = {a: net.stats(a) for a in (A, B)}
    case = Case(net, "esp-cbc128-sha256-v4-transport", 0xB100)
    wires, received = [], []
    for seq in (1, 2, 3):
        _, wire, _ = run_case_once(net, case, seq, b"counted %d" % seq * seq)
        wires.append(wire)
        received.append(wire)
    bcast = net.eth(P.udp_packet(A_IP4, B_IP4, b"broadcast"), dst=P.BROADCAST)
    net.send([net.nbl([bcast])])
    stranger = net.eth(P.udp_packet(A_IP4, B_IP4, b"to nobody"), dst=STRANGER_MAC)
    net.send([net.nbl([stranger])])
    built = case.build(9, b"failing")
    fails = [net.nbl([net.eth(built.framed.packet)], handle=0xDEAD0000 + i, hints=send_hints(h, built.framed))
             for i in range(2)]
    net.send(fails, want=["NDIS_STATUS_FAILURE"] * 2)
    expect(h.pause(A) == h.const("NDIS_STATUS_SUCCESS"), "pause A")
    net.send([net.nbl([bcast])], want=["NDIS_STATUS_PAUSED"])
    expect(h.restart(A) == h.const("NDIS_STATUS_SUCCESS"), "restart A")
    after = {a: net.stats(a) for a in (A, B)}

    def d(a, f):
        return after[a][f] - before[a][f]

    sup = after[A]["SupportedStatistics"]
    ucast_out = sum(len(w) for w in wires) + len(stranger)
    checks = [
        (A, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT", "ifHCOutUcastPkts", 4),
        (A, "NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT", "ifHCOutBroadcastPkts", 1),
        (A, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT", "ifHCOutUcastOctets", ucast_out),
        (A, "NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT", "ifHCOutBroadcastOctets", len(bcast)),
        (A, "NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT", "ifHCOutOctets", ucast_out + len(bcast)),
        (A, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV", "ifHCInUcastPkts", 0),
        (B, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV", "ifHCInUcastPkts", 3),
        (B, "NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV", "ifHCInBroadcastPkts", 1),
        (B, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV", "ifHCInUcastOctets", sum(len(w) for w in received)),
        (B, "NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV", "ifHCInBroadcastOctets", len(bcast)),
        (B, "NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV", "ifHCInOctets", sum(len(w) for w in received) + len(bcast)),
        (B, "NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT", "ifHCOutUcastPkts", 0),
        (B, "NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS", "ifInDiscards", 0),
    ]
    bad = []
    for a, flag, field, want in checks:
        if sup & h.const(flag):
            got = d(a, field)
            if got != want:
                bad.append("adapter %s %s +%d, expected +%d" % ("AB"[a.index], field, got, want))
        else:
            bad.append("SupportedStatistics %#x lacks %s" % (sup, flag))
    # failed sends are errors; the paused one an error or a discard
    fail = d(A, "ifOutErrors")
    if fail != 2:
        bad.append("adapter A ifOutErrors +%d after 2 sends failed with NDIS_STATUS_FAILURE" % fail)
    lost = d(A, "ifOutErrors") + d(A, "ifOutDiscards")
    if lost != 3:
        bad.append("adapter A ifOutErrors+ifOutDiscards +%d after 2 failed and 1 paused send" % lost)
    expect(not bad, "; ".join(bad))


# -- scenario 8: halt after traffic ------------------------------------------------------------
def test_initialize_out_of_resources_leaves_nothing_behind(h):
    """MiniportInitializeEx with one allocation failing (each pool allocation in turn, the NBL
    pool, the first and last MDL / receive NBL, each NdisMSetMiniportAttributes): it fails,
    frees what it took, and does not stay on the hub (a later send would reach freed memory)."""
    m = h.model
    faults = ([("ExAllocatePool2", k) for k in range(1, 10)]
              + [("NdisAllocateNetBufferListPool", 1), ("NdisAllocateMdl", 1), ("NdisAllocateMdl", 64),
                 ("NdisAllocateNetBufferAndNetBufferList", 1), ("NdisAllocateNetBufferAndNetBufferList", 64)]
              + [("NdisMSetMiniportAttributes", k) for k in (1, 2, 3)])
    problems = []
    for api, n in faults:
        what = "initialize with the %d%s %s failing" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n, "th"), api)
        live = {b.addr for b in m.arena.live("driver")}
        pools = {p for p, r in m.nbl_pools.items() if r["live"]}
        mdls = set(m.mdls)
        m.inject = {api: n}
        a = h.initialize()
        expect(m.injected, "%s: the driver made fewer calls (scenario out of date)" % what)
        m.inject, m.injected[:] = {}, []
        if a.init_status == h.const("NDIS_STATUS_SUCCESS"):
            problems.append("%s: MiniportInitializeEx succeeded" % what)
            continue
        left = [b for b in m.arena.live("driver") if b.addr not in live]
        if left:
            problems.append("%s: %d allocation(s) not freed: %s" % (what, len(left), left[:3]))
        new_pools = {p for p, r in m.nbl_pools.items() if r["live"]} - pools
        if new_pools:
            problems.append("%s (%s): NBL pool %s not freed (no NdisFreeNetBufferListPool)"
                            % (what, h.abi.status_name(a.init_status), ", ".join("%#x" % p for p in new_pools)))
        if set(m.mdls) - mdls:
            problems.append("%s: %d MDL(s) not freed" % (what, len(set(m.mdls) - mdls)))
    # the failed adapters are not on the hub: A's frames reach B and the tap only
    net = Net(h)
    run_case_once(net, Case(net, "esp-gcm128-v4-transport", 0xC800), 1, b"after the failed initializations")
    bcast = net.eth(P.udp_packet(A_IP4, B_IP4, b"broadcast"), dst=P.BROADCAST)
    got = net.send([net.nbl([bcast])])
    expect(len(got[net.B]) == 1 and len(got[net.C]) == 1, "broadcast after failed initializations: B %d, tap %d"
           % (len(got[net.B]), len(got[net.C])))
    expect(not problems, "; ".join(problems))

def test_halt_after_traffic_frees_everything(h):
    m = h.model
    net = Net(h)
    cases = [Case(net, name, 0xC000 + 0x10 * i, what) for i, (name, what) in enumerate(CASES[:6])]
    for c in cases:
        run_case_once(net, c, 1, b"before the halt")
    keys = [k for c in cases for lay in c.layers for k in lay.inbound_bundle.keys()]
    m.watched_bytes = keys
    sleeps = len(m.sleep_calls)
    for a in net.adapters:
        expect(h.pause(a) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter %d with nothing outstanding" % a.index)
    h.halt(net.B)  # live SAs on A, B and the tap
    left = [b for b in h.driver_leaks() if b.handle == net.B.handle]
    expect(not left, "after halting B, %d allocation(s) charged to it remain: %s" % (len(left), left[:4]))
    # A keeps sending; B has left the hub, the tap still hears A
    expect(h.restart(net.A) == h.const("NDIS_STATUS_SUCCESS") and h.restart(net.C) == h.const("NDIS_STATUS_SUCCESS"),
           "restart A and the tap")
    c0 = cases[0]
    built = c0.build(2, b"after B left")
    got = net.send([net.nbl([net.eth(built.framed.packet)], handle=c0.handle, hints=send_hints(h, built.framed))])
    expect(len(got[net.C]) == 1 and not got[net.B], "after B's halt: tap %d, B %d" % (len(got[net.C]),
                                                                                   len(got[net.B])))
    for a in (net.A, net.C):
        expect(h.pause(a) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter %d" % a.index)
        h.halt(a)
    expect(len(m.sleep_calls) == sleeps, "halt with no delivery in flight called NdisMSleep %d time(s)"
           % (len(m.sleep_calls) - sleeps))
    h.unload()
    left = h.driver_leaks()
    expect(not left, "after halting every adapter and unloading, %d driver allocation(s) remain: %s"
           % (len(left), left[:4]))
    pools = [p for p, r in m.nbl_pools.items() if r["live"]]
    expect(not pools, "%d NBL pool(s) not freed" % len(pools))
    expect(not m.pool_nbls, "%d NBL(s) from the pools not freed" % len(m.pool_nbls))
    expect(not m.mdls, "%d MDL(s) from NdisAllocateMdl not freed" % len(m.mdls))
    found = ["%s...: %r (%s)" % (w[:4].hex(), b, api) for b, w, api in m.watched_at_free]
    expect(not found, "SA keys still in memory the driver freed: %s" % "; ".join(found[:3]))


# -- the SA table report (private query OID) -------------------------------------------------
OID_IPSECOV2_SA_TABLE = 0xFF495301  # crates/ipsecov2-core/src/sa_report.rs
REPORT_HEADER, REPORT_ENTRY = C.REPORT_HEADER, C.REPORT_ENTRY


def query_sa_report(h, a, buf_len):
    """The private OID as IOCTL_NDIS_QUERY_GLOBAL_STATS delivers it: a statistics query on the
    regular OID path."""
    return h.oid(a, h.const("NdisRequestQueryStatistics"), OID_IPSECOV2_SA_TABLE, buf_len)


def decode_sa_report(raw):
    """(live, {handle: entry}) of a report; the one decoder is control_proto's."""
    try:
        return C.decode_sa_report(raw)
    except C.ReplyError as e:
        raise ScenarioFailure(str(e))


def test_sa_table_report_oid(h):
    """The private query OID reports every SA of an adapter with its counters after traffic,
    says how many bytes a short buffer needs without writing past it, and never carries a key."""
    net = Net(h)
    gcm = Case(net, "esp-gcm128-v4-transport", 0xC100)
    cbc = Case(net, "esp-cbc128-sha256-v4-transport", 0xC200)
    sent = {}
    for case, frames in ((gcm, 3), (cbc, 2)):
        for seq in range(1, frames + 1):
            built, _, _ = run_case_once(net, case, seq, b"report traffic %d" % seq * seq)
            sent.setdefault(case.name, []).append(len(built.framed.packet))
    ok = h.const("NDIS_STATUS_SUCCESS")
    gcm_bit = h.const("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128")
    cbc_bit = h.const("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128")
    sha_bit = h.const("IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256")
    keys = [alg["key"] for case in (gcm, cbc) for layer in case.layers
            for alg in (layer.sa["auth"], layer.sa["enc"]) if alg and alg["key"]]
    expect(len(keys) == 3, "harness: %d keys collected, expected 3" % len(keys))
    for a, side, inbound in ((net.A, "out", False), (net.B, "inb", True)):
        who = "adapter %s" % "AB"[a.index]
        want_handles = {getattr(layer, side): (case, layer) for case in (gcm, cbc) for layer in case.layers}
        need = REPORT_HEADER + len(want_handles) * REPORT_ENTRY
        for short in (0, REPORT_HEADER, need - 1):
            r = query_sa_report(h, a, short)
            expect(r.status == h.const("NDIS_STATUS_BUFFER_TOO_SHORT"),
                   "%s: SA report into %d bytes: %s" % (who, short, sname(h, r.status)))
            expect(r.bytes_needed == need, "%s: BytesNeeded %d for %d SAs, expected %d"
                   % (who, r.bytes_needed, len(want_handles), need))
            expect(r.bytes_written == 0, "%s: BytesWritten %d on a short buffer" % (who, r.bytes_written))
        r = query_sa_report(h, a, need + 64)
        expect(r.status == ok, "%s: SA report: %s" % (who, sname(h, r.status)))
        expect(r.bytes_written == need, "%s: SA report BytesWritten %d, expected %d" % (who, r.bytes_written, need))
        raw = r.data(r.bytes_written)
        live, entries = decode_sa_report(raw)
        expect(live == len(want_handles) and set(entries) == set(want_handles),
               "%s: report lists handles %s (live %d), the adapter holds %s"
               % (who, sorted(map(hex, entries)), live, sorted(map(hex, want_handles))))
        for handle, (case, layer) in want_handles.items():
            e = entries[handle]
            what = "%s %s" % (who, case.name)
            expect(e["inbound"] == inbound and e["ipv"] == 4 and len(e["elements"]) == 1,
                   "%s: entry %s" % (what, e))
            el = e["elements"][0]
            expect(el["proto"] == 50 and el["spi"] == layer.spi, "%s: element %s" % (what, el))
            if case is gcm:
                expect(el["enc"] == gcm_bit and el["auth"] == 0 and el["icv"] == 16, "%s: algorithms %s" % (what, el))
            else:
                expect(el["enc"] == cbc_bit and el["auth"] == sha_bit, "%s: algorithms %s" % (what, el))
            packets, octets, icv_failures, bad_trailers, exhausted = e["counters"]
            frames = len(sent[case.name])
            expect(packets == frames and el["top"] == frames,
                   "%s: %d packets, highest sequence %d after %d frames" % (what, packets, el["top"], frames))
            expect(octets >= sum(sent[case.name]) and icv_failures == bad_trailers == exhausted == 0,
                   "%s: counters %s (IP bytes sent %d)" % (what, e["counters"], sum(sent[case.name])))
        for k in keys:
            leaked = [i for i in range(len(k) - 7) if k[i:i + 8] in raw]
            expect(not leaked, "%s: key bytes appear in the SA report" % who)
    # the query changed nothing: traffic still flows on the same SAs
    run_case_once(net, gcm, 4, b"after the report")
