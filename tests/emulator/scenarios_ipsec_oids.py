"""IPsec Offload V2 scenarios: the capability block reported at initialization, the SA OIDs on
the direct OID path (ADD_SA, ADD_SA_EX, DELETE_SA, UPDATE_SA), OID_TCP_OFFLOAD_PARAMETERS /
OID_OFFLOAD_ENCAPSULATION with their NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG indication, and
halt with live SAs.

Every structure is laid out from the ABI oracle (ndis_model.build_add_sa_ex & co., through
abi.py). Expected values come from the spec (/work/shared/spec/ipsecov2.md §1-§3, §6, §7) and
the driver's documented decisions where the spec leaves a choice open:

* statuses: short buffer -> INVALID_LENGTH with BytesNeeded; malformed field -> INVALID_DATA;
  key array / algorithm key outside its bounds -> INVALID_LENGTH (the driver's stated choice,
  spec §3.1 allows INVALID_LENGTH/INVALID_DATA); not enabled -> NOT_SUPPORTED; table full ->
  RESOURCES; duplicate inbound SA, UPDATE_SA on an unknown or non-ESN SA -> INVALID_PARAMETER;
  Next cycle or chain beyond the bound -> INVALID_DATA; unknown direct OID -> NOT_SUPPORTED;
* every direct OID completes synchronously (never PENDING, never NdisMDirectOidRequestComplete);
* DELETE_SA is idempotent; SAs survive a disable through OID_TCP_OFFLOAD_PARAMETERS; halt
  deletes every SA.

SA state is never read from driver memory: it is observed through later OIDs (an ESN SA is
alive iff UPDATE_SA on it succeeds; an inbound SPI+destination is taken iff adding it again
fails with INVALID_PARAMETER; free capacity is counted by adding until RESOURCES).
"""

import hashlib
import struct

import ndis_model as nm
from ndis_model import ScenarioFailure

POISON = 0x5EED5EED5EED5EED  # pre-filled into OffloadHandle, to see what the miniport writes

V4_SRC, V4_DST = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])  # IPAddr: network byte order
V6_SRC = bytes.fromhex("20010db8000000000000000000000001")
V6_DST = bytes.fromhex("20010db8000000000000000000000002")


def expect(cond, msg):
    if not cond:
        raise ScenarioFailure(msg)


def key(tag, n):
    """Distinctive key bytes (no runs, no overlap between tags), so a leak check cannot match by chance."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(b"ipsecov2 emulator key %s %d" % (str(tag).encode(), i)).digest()
        i += 1
    return out[:n]


# -- SA bundles ----------------------------------------------------------------------------------
class Bundle:
    """One SA bundle (1 or 2 SecAssoc elements) with its addresses and flags."""

    def __init__(self, h, sas, inbound=False, v6=False, udp=0, src=None, dst=None):
        self.h, self.sas, self.inbound, self.v6, self.udp = h, sas, inbound, v6, udp
        self.src = src if src is not None else (V6_SRC if v6 else V4_SRC)
        self.dst = dst if dst is not None else (V6_DST if v6 else V4_DST)

    @property
    def flags(self):
        f = 0
        if self.inbound:
            f |= self.h.const("IPSEC_OFFLOAD_V2_INBOUND")
        if self.v6:
            f |= self.h.const("IPSEC_OFFLOAD_V2_IPv6")
        return f

    def keys(self):
        return [alg["key"] for sa in self.sas for alg in (sa["auth"], sa["enc"]) if alg and alg["key"]]

    def ex(self, **kw):
        kw.setdefault("handle", POISON)
        return nm.build_add_sa_ex(self.h.model, self.sas, flags=kw.pop("flags", self.flags), src=self.src,
                                  dst=self.dst, udp=kw.pop("udp", self.udp), **kw)

    def element(self, **kw):
        kw.setdefault("handle", POISON)
        return nm.build_add_sa(self.h.model, self.sas, flags=kw.pop("flags", self.flags), src=self.src,
                               dst=self.dst, udp=kw.pop("udp", self.udp), **kw)

    def spi(self, i=0):
        return self.sas[i]["Spi"]


def alg(h, name, k=b"", additional=0, **kw):
    return nm.ipsec_alg(h.const(name), k, additional, **kw)


def esp_gcm128(h, spi, esn=False, tag=None, icv=16, **kw):
    """ESP AES-GCM-128: 16-byte key + 4-byte salt in EncryptionAlgorithm, ICV length in AdditionalInfo."""
    return nm.ipsec_sa(h.model, "ESP", spi, esn=esn, seq_high=kw.pop("seq_high", 0),
                       enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128", key(("gcm", tag or spi), 20), icv), **kw)


def esp_cbc128_sha256(h, spi, esn=False, tag=None, enc_key_first=True):
    return nm.ipsec_sa(h.model, "ESP", spi, esn=esn, enc_key_first=enc_key_first,
                       auth=alg(h, "IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256", key(("sha256", tag or spi), 32)),
                       enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128", key(("cbc128", tag or spi), 16)))


def ah_sha1(h, spi, esn=False, tag=None):
    return nm.ipsec_sa(h.model, "AH", spi, esn=esn,
                       auth=alg(h, "IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1", key(("sha1", tag or spi), 20)))


# -- requests ------------------------------------------------------------------------------------
class Ipsec:
    """The SA OIDs on one adapter, each with the checks every request gets: the status, never
    PENDING / never completed asynchronously, the information buffer (and list elements)
    unchanged except the OffloadHandle fields, returned handles non-zero and distinct, NULL
    handles on failure."""

    def __init__(self, h, a, irql=0):
        self.h, self.a, self.m, self.irql = h, a, h.model, irql
        self.seen = {}  # handle -> description of the SA it was returned for

    def c(self, name):
        return self.h.const(name)

    def sname(self, v):
        return self.h.abi.status_name(v)

    def off(self, struct_name, field):
        return self.h.abi.offset(struct_name, field)

    def request(self, oid, data, length=None, method=False, prepare=None, what=""):
        h, a = self.h, self.a
        rt = self.c("NdisRequestMethod") if method else self.c("NdisRequestSetInformation")
        n = len(data) if length is None else length
        done = len(a.oid_completions)
        r = h.oid(a, rt, self.c(oid) if isinstance(oid, str) else oid, n, data[:n], direct=True, prepare=prepare,
                  irql=self.irql)
        expect(r.status != self.c("NDIS_STATUS_PENDING"), "%s: the direct OID returned NDIS_STATUS_PENDING" % what)
        expect(len(a.oid_completions) == done, "%s: NdisMDirectOidRequestComplete was called for a synchronous "
               "request" % what)
        return r

    def expect_status(self, r, want, what):
        want_v = self.c(want)
        expect(r.status == want_v, "%s: status %s, expected %s" % (what, self.sname(r.status), want))

    def expect_unchanged(self, before, after, allowed, what):
        """`after` equals `before` outside the byte ranges in `allowed` ([(start, end)])."""
        for i, (x, y) in enumerate(zip(before, after)):
            if x != y and not any(s <= i < e for s, e in allowed):
                raise ScenarioFailure("%s: the miniport changed byte %#x of the caller's structure (%#04x -> %#04x); "
                                      "only OffloadHandle is an output" % (what, i, x, y))

    def new_handle(self, hv, what):
        expect(hv != 0, "%s: SUCCESS but OffloadHandle is NULL" % what)
        expect(hv != POISON, "%s: SUCCESS but OffloadHandle was not written" % what)
        expect(hv not in self.seen, "%s: handle %#x was already returned for %s" % (what, hv, self.seen.get(hv)))
        self.seen[hv] = what
        return hv

    # ADD_SA_EX -----------------------------------------------------------------------------
    def add_ex(self, data, want="NDIS_STATUS_SUCCESS", what="ADD_SA_EX", length=None, method=False, prepare=None,
               bytes_needed=None):
        if not isinstance(data, (bytes, bytearray)):
            data = data.ex()
        name = "IPSEC_OFFLOAD_V2_ADD_SA_EX"
        r = self.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX", data, length, method, prepare, what)
        self.expect_status(r, want, what)
        n = r.buf_len
        ho = self.off(name, "OffloadHandle")
        after = r.data()
        self.expect_unchanged(data[:n], after, [(ho, ho + 8)], what)
        hv = struct.unpack("<Q", after[ho:ho + 8])[0] if n >= ho + 8 else None
        if want == "NDIS_STATUS_SUCCESS":
            self.new_handle(hv, what)
            ko = struct.unpack("<I", data[self.off(name, "KeyOffset"):][:4])[0]
            kl = struct.unpack("<I", data[self.off(name, "KeyLength"):][:4])[0]
            expect(ko + kl <= r.bytes_read <= n, "%s: BytesRead %d, the structure and its keys span %d of %d bytes"
                   % (what, r.bytes_read, ko + kl, n))
            if method:
                expect(r.bytes_written <= n, "%s: BytesWritten %d > OutputBufferLength %d" % (what, r.bytes_written, n))
            return hv
        if n >= self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1") and r.v["DATA.SET_INFORMATION.InformationBuffer"]:
            expect(hv == 0, "%s: failed with %s but OffloadHandle is %#x, not NULL" % (what, self.sname(r.status), hv))
        if bytes_needed is not None:
            expect(r.bytes_needed == bytes_needed, "%s: BytesNeeded %d, expected %d" % (what, r.bytes_needed, bytes_needed))
        return None

    # ADD_SA (a Next list) ------------------------------------------------------------------
    def add_list(self, elements, want="NDIS_STATUS_SUCCESS", added=None, what="ADD_SA", cycle_to=None,
                 length=None, bytes_needed=None, whole=False):
        """`elements`: Bundles or element bytes. `added[i]`: element i must get a handle (else
        NULL). `cycle_to=(i, j)`: element i's Next points back to element j (0 = the head in
        the information buffer). `whole`: the list is refused as a whole (cycle, too long)
        before any element is looked at; its elements may keep their OffloadHandle as it was
        (the driver leaves them untouched; no element may get a handle). Returns the list of
        handles (None where NULL)."""
        name = "IPSEC_OFFLOAD_V2_ADD_SA"
        raw = [e if isinstance(e, (bytes, bytearray)) else e.element() for e in elements]
        nxt = self.off(name, "Next")
        first, addrs = nm.place_list(self.m, raw, nxt)
        before = [first] + [self.m.mem.read(ad, len(e)) for ad, e in zip(addrs, raw[1:])]

        def prepare(r):
            if cycle_to is not None:
                i, j = cycle_to
                at = r.buf if i == 0 else addrs[i - 1]
                to = r.buf if j == 0 else addrs[j - 1]
                self.m.mem.w64(at + nxt, to)
                before[i] = self.m.mem.read(at, len(before[i]))

        r = self.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA", first, length, prepare=prepare, what=what)
        self.expect_status(r, want, what)
        ho = self.off(name, "OffloadHandle")
        afters = [r.data()] + [self.m.mem.read(ad, len(e)) for ad, e in zip(addrs, raw[1:])]
        handles = []
        for i, (b, af) in enumerate(zip(before, afters)):
            w = "%s element %d of %d" % (what, i + 1, len(raw))
            self.expect_unchanged(b[:len(af)], af, [(ho, ho + 8)], w)
            if len(af) < ho + 8:
                handles.append(None)
                continue
            hv = struct.unpack("<Q", af[ho:ho + 8])[0]
            if added is not None and added[i]:
                handles.append(self.new_handle(hv, w))
            else:
                if whole or cycle_to is not None or r.buf_len < self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1"):
                    # the list was refused as a whole before any element was processed: no
                    # element may carry a handle (untouched or NULL)
                    expect(hv in (0, POISON), "%s: refused list, yet OffloadHandle %#x" % (w, hv))
                else:
                    expect(hv == 0, "%s: not added (request %s) but OffloadHandle is %#x, not NULL"
                           % (w, self.sname(r.status), hv))
                handles.append(None)
        if want == "NDIS_STATUS_SUCCESS":
            expect(r.bytes_read >= min(r.buf_len, self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1")),
                   "%s: BytesRead %d" % (what, r.bytes_read))
        if bytes_needed is not None:
            expect(r.bytes_needed == bytes_needed, "%s: BytesNeeded %d, expected %d" % (what, r.bytes_needed, bytes_needed))
        return handles

    # DELETE_SA (a Next list) ---------------------------------------------------------------
    def delete(self, handles, want="NDIS_STATUS_SUCCESS", what="DELETE_SA", raw=None, cycle_to=None, length=None,
               bytes_needed=None):
        name = "IPSEC_OFFLOAD_V2_DELETE_SA"
        elems = raw if raw is not None else [nm.build_delete_sa(self.m, hv) for hv in handles]
        nxt = self.off(name, "Next")
        first, addrs = nm.place_list(self.m, elems, nxt)
        snap = {}

        def prepare(r):
            if cycle_to is not None:
                i, j = cycle_to
                at = r.buf if i == 0 else addrs[i - 1]
                self.m.mem.w64(at + nxt, r.buf if j == 0 else addrs[j - 1])
            snap["before"] = [r.data()] + [self.m.mem.read(ad, len(e)) for ad, e in zip(addrs, elems[1:])]

        r = self.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA", first, length, prepare=prepare, what=what)
        self.expect_status(r, want, what)
        afters = [r.data()] + [self.m.mem.read(ad, len(e)) for ad, e in zip(addrs, elems[1:])]
        expect(afters == snap["before"], "%s: the miniport wrote into the DELETE_SA list (it has no output)" % what)
        if want == "NDIS_STATUS_SUCCESS":
            expect(r.bytes_read >= self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1")
                   and r.bytes_read <= r.buf_len, "%s: BytesRead %d of %d" % (what, r.bytes_read, r.buf_len))
        if bytes_needed is not None:
            expect(r.bytes_needed == bytes_needed, "%s: BytesNeeded %d, expected %d" % (what, r.bytes_needed, bytes_needed))
        return r

    # UPDATE_SA -----------------------------------------------------------------------------
    def update(self, handle, operation, spi, seq_high=1, want="NDIS_STATUS_SUCCESS", what="UPDATE_SA", data=None,
               length=None, prepare=None, bytes_needed=None):
        if data is None:
            data = nm.build_update_sa(self.m, handle, operation, spi, seq_high)
        r = self.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_UPDATE_SA", data, length, prepare=prepare, what=what)
        self.expect_status(r, want, what)
        expect(r.data() == data[:r.buf_len] or not r.v["DATA.SET_INFORMATION.InformationBuffer"],
               "%s: the miniport wrote into the UPDATE_SA structure (it has no output)" % what)
        if want == "NDIS_STATUS_SUCCESS":
            expect(r.bytes_read in (self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1"), r.buf_len),
                   "%s: BytesRead %d (structure %d, buffer %d)" % (what, r.bytes_read,
                                                                  self.c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1"),
                                                                  r.buf_len))
        if bytes_needed is not None:
            expect(r.bytes_needed == bytes_needed, "%s: BytesNeeded %d, expected %d" % (what, r.bytes_needed, bytes_needed))
        return r

    # observations of SA state through OIDs -------------------------------------------------
    def alive(self, handle, spi, what, operation="ESP"):
        """An ESN SA is live: UPDATE_SA on it succeeds."""
        self.update(handle, operation, spi, 7, what="%s: UPDATE_SA on the live ESN SA" % what)

    def gone(self, handle, spi, what, operation="ESP"):
        """The SA of `handle` is gone: UPDATE_SA on it is INVALID_PARAMETER."""
        self.update(handle, operation, spi, 7, want="NDIS_STATUS_INVALID_PARAMETER",
                    what="%s: UPDATE_SA on a deleted SA" % what)

    def taken(self, bundle, what):
        """The inbound SPI+destination of `bundle` is held by a live SA: a duplicate add fails."""
        self.add_ex(bundle, want="NDIS_STATUS_INVALID_PARAMETER", what="%s: duplicate inbound SA" % what)

    def fill(self, make, what):
        """Adds bundles make(0), make(1), ... until RESOURCES; returns the handles added."""
        out = []
        for i in range(100000):
            r = self.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_ADD_SA_EX", make(i).ex(), what="%s: fill %d" % (what, i))
            if r.status == self.c("NDIS_STATUS_RESOURCES"):
                ho = self.off("IPSEC_OFFLOAD_V2_ADD_SA_EX", "OffloadHandle")
                expect(self.m.mem.u64(r.buf + ho) == 0, "%s: RESOURCES with a non-NULL OffloadHandle" % what)
                return out
            self.expect_status(r, "NDIS_STATUS_SUCCESS", "%s: fill %d" % (what, i))
            hv = self.m.mem.u64(r.buf + self.off("IPSEC_OFFLOAD_V2_ADD_SA_EX", "OffloadHandle"))
            out.append(self.new_handle(hv, "%s: fill %d" % (what, i)))
        raise ScenarioFailure("%s: the table never filled" % what)


def outbound_esn(h, spi):
    return Bundle(h, [esp_gcm128(h, spi, esn=True)])


def inbound_esn(h, spi, dst=V4_DST):
    return Bundle(h, [esp_gcm128(h, spi, esn=True)], inbound=True, dst=dst)


# -- capability block ----------------------------------------------------------------------------
CAP_BOOLS = ["IPv6Supported", "IPv4Options", "IPv6NonIPsecExtensionHeaders", "Ah", "Esp", "AhEspCombined",
             "Transport", "Tunnel", "TransportTunnelCombined", "ExtendedSequenceNumbers"]


def full_block(h, capacity):
    b = {f: 1 for f in CAP_BOOLS}
    b.update(Encapsulation=h.const("NDIS_ENCAPSULATION_IEEE_802_3"), LsoSupported=0,
             UdpEsp=(h.const("IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT")
                     | h.const("IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TUNNEL")
                     | h.const("IPSEC_OFFLOAD_V2_TRANSPORT_OVER_UDP_ESP_ENCAPSULATION_TUNNEL")
                     | h.const("IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT_OVER_TUNNEL")),
             AuthenticationAlgorithms=sum(h.const("IPSEC_OFFLOAD_V2_AUTHENTICATION_" + n) for n in
                                          ("MD5", "SHA_1", "SHA_256", "AES_GCM_128", "AES_GCM_192", "AES_GCM_256")),
             EncryptionAlgorithms=sum(h.const("IPSEC_OFFLOAD_V2_ENCRYPTION_" + n) for n in
                                      ("NONE", "DES_CBC", "3_DES_CBC", "AES_GCM_128", "AES_GCM_192", "AES_GCM_256",
                                       "AES_CBC_128", "AES_CBC_192", "AES_CBC_256")),
             SaOffloadCapacity=capacity)
    assert b["UdpEsp"] == 0xF and b["AuthenticationAlgorithms"] == 0x3F and b["EncryptionAlgorithms"] == 0x1FF
    return b


def zero_block(h):
    return {f: 0 for f in h.abi.fields("NDIS_IPSEC_OFFLOAD_V2")}


def expect_block(h, got, want, what):
    expect(got is not None, "%s: no NDIS_IPSEC_OFFLOAD_V2 block within Header.Size" % what)
    bad = ["%s=%#x (expected %#x)" % (f, got.get(f, -1), v) for f, v in want.items() if got.get(f) != v]
    expect(not bad, "%s: IPsecV2 %s" % (what, ", ".join(bad)))


def expect_ndis_offload(h, off, what):
    """An NDIS_OFFLOAD for an NDIS 6.30 miniport: revision 3, size 0x9C, and nothing but IPsecV2."""
    c = h.chars
    ver = "%d.%d" % (c["MajorNdisVersion"], c["MinorNdisVersion"])
    expect(ver in ("6.30", "6.40"), "the driver declares NDIS %s; these expectations are for 6.30 (revision 3)" % ver)
    expect(off is not None, "%s: NULL NDIS_OFFLOAD pointer" % what)
    want = (h.const("NDIS_OBJECT_TYPE_OFFLOAD"), h.const("NDIS_OFFLOAD_REVISION_3"),
            h.const("NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3"))
    expect(want[2] == h.abi.size("NDIS_OFFLOAD", ver) == 0x9C, "oracle: NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3 %#x"
           % want[2])
    expect(off["Header"] == want, "%s: NDIS_OFFLOAD header %s, expected %s"
           % (what, tuple(hex(x) for x in off["Header"]), tuple(hex(x) for x in want)))
    raw = off["raw"]
    for f, sname in nm.OFFLOAD_BLOCKS.items():
        o, n = h.abi.offset("NDIS_OFFLOAD", f), h.abi.size(sname)
        if f == "IPsecV2" or o + n > want[2]:
            continue
        expect(raw[o:o + n] == bytes(n), "%s: NDIS_OFFLOAD.%s is not all zero (%s): the adapter offers no %s offload"
               % (what, f, raw[o:o + n].hex(), f))
    fo = h.abi.offset("NDIS_OFFLOAD", "Flags")
    expect(raw[fo:fo + 4] == bytes(4), "%s: NDIS_OFFLOAD.Flags %s: no checksum offload to coexist with"
           % (what, raw[fo:fo + 4].hex()))
    return off["IPsecV2"]


def offload_attributes(h, a):
    recs = [r for r in a.attributes if r["type"] == "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES"]
    kinds = [r["type"] for r in a.attributes]
    expect(len(recs) == 1, "offload attributes set %d times (order %s)" % (len(recs), kinds))
    i = kinds.index("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES")
    expect("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES" in kinds[:i]
           and "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES" in kinds[:i],
           "offload attributes must follow the registration and general attributes; order %s" % kinds)
    r = recs[0]
    want = (h.const("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES"),
            h.const("NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1"),
            h.const("NDIS_SIZEOF_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES_REVISION_1"))
    expect(r["Header"] == want, "offload attributes header %s, expected %s"
           % (tuple(hex(x) for x in r["Header"]), tuple(hex(x) for x in want)))
    for f in ("DefaultTcpConnectionOffloadConfiguration", "TcpConnectionOffloadHardwareCapabilities"):
        expect(r.get(f) == 0, "offload attributes: %s %#x, must be NULL (no chimney offload)" % (f, r.get(f, -1)))
    hw = expect_ndis_offload(h, r["hardware"], "HardwareOffloadCapabilities")
    df = expect_ndis_offload(h, r["default"], "DefaultOffloadConfiguration")
    return hw, df


def capability_case(h, config, want_default):
    a = h.initialized(config=config)
    cap = config.get("SaOffloadCapacity", 1024)
    hw, df = offload_attributes(h, a)
    expect_block(h, hw, full_block(h, cap), "keywords %s: HardwareOffloadCapabilities" % config)
    expect_block(h, df, want_default(full_block(h, cap)), "keywords %s: DefaultOffloadConfiguration" % config)
    return a


def test_capabilities_default_keywords(h):
    capability_case(h, {}, lambda b: b)


def test_capabilities_keyword_esp_only(h):
    def esp_only(b):
        b.update(Ah=0, AhEspCombined=0)
        return b
    a = capability_case(h, {"*IPsecOffloadV2": 2}, esp_only)
    # and the SA OIDs follow the keyword: AH refused, ESP accepted
    s = Ipsec(h, a)
    s.add_ex(Bundle(h, [ah_sha1(h, 0x101)]), want="NDIS_STATUS_NOT_SUPPORTED", what="AH with *IPsecOffloadV2=2")
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x102), ah_sha1(h, 0x103)]), want="NDIS_STATUS_NOT_SUPPORTED",
             what="ESP+AH with *IPsecOffloadV2=2")
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x104)]), what="ESP with *IPsecOffloadV2=2")


def test_capabilities_keyword_disabled(h):
    a = capability_case(h, {"*IPsecOffloadV2": 0}, lambda b: zero_block(h))
    s = Ipsec(h, a)
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x201)]), want="NDIS_STATUS_NOT_SUPPORTED", what="ESP with *IPsecOffloadV2=0")
    s.add_list([Bundle(h, [esp_gcm128(h, 0x202)])], want="NDIS_STATUS_NOT_SUPPORTED", added=[False],
               what="ADD_SA with *IPsecOffloadV2=0")


def test_capabilities_keyword_ah_only(h):
    # driver decision: AH only clears Esp and AhEspCombined and leaves the other fields as the hardware
    def ah_only(b):
        b.update(Esp=0, AhEspCombined=0)
        return b
    a = capability_case(h, {"*IPsecOffloadV2": 1}, ah_only)
    s = Ipsec(h, a)
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x301)]), want="NDIS_STATUS_NOT_SUPPORTED", what="ESP with *IPsecOffloadV2=1")
    s.add_ex(Bundle(h, [ah_sha1(h, 0x302)]), what="AH with *IPsecOffloadV2=1")


def test_capabilities_capacity_keyword(h):
    capability_case(h, {"SaOffloadCapacity": 4}, lambda b: b)


def test_keywords_read_as_integers(h):
    """NdisReadConfiguration: both keywords are read as NdisParameterInteger and honoured;
    out-of-range values keep the defaults (3 and 1024); registry keywords are case-insensitive."""
    cases = [({"*IPsecOffloadV2": 2, "SaOffloadCapacity": 4}, 2, 4),
             ({"*IPsecOffloadV2": 4, "SaOffloadCapacity": 0}, 3, 1024),
             ({"*IPsecOffloadV2": 0xFFFFFFFF, "SaOffloadCapacity": 1048577}, 3, 1024),
             ({"*ipsecoffloadv2": 0, "saoffloadcapacity": 1}, 0, 1)]
    for config, setting, cap in cases:
        start = len(h.model.calls)
        a = h.initialized(config=config)
        reads = [c for c in h.model.calls[start:] if c.name == "NdisReadConfiguration"]
        by_kw = {c.decoded["keyword"]: c for c in reads}
        for kw in ("*IPsecOffloadV2", "SaOffloadCapacity"):
            c = by_kw.get(kw)
            expect(c is not None, "keywords %s: NdisReadConfiguration was not called for %r (read: %s)"
                   % (config, kw, sorted(by_kw)))
            expect(c.decoded["type"] & 0xFFFFFFFF == h.const("NdisParameterInteger"),
                   "NdisReadConfiguration(%r) asked for type %d, expected NdisParameterInteger"
                   % (kw, c.decoded["type"] & 0xFFFFFFFF))
        hw, df = offload_attributes(h, a)
        want = full_block(h, cap)
        expect_block(h, hw, want, "keywords %s: hardware" % config)
        if setting == 0:
            want = zero_block(h)
        elif setting == 2:
            want.update(Ah=0, AhEspCombined=0)
        expect_block(h, df, want, "keywords %s: default" % config)


# -- ADD_SA_EX -----------------------------------------------------------------------------------
def test_add_sa_ex_variety(h):
    a = h.initialized()
    s = Ipsec(h, a)
    added = []

    def add(b, what, **kw):
        hv = s.add_ex(b, what=what, **kw)
        added.append((hv, b, what))
        return hv

    add(Bundle(h, [esp_gcm128(h, 0x1001)]), "ESP AES-GCM-128 IPv4 outbound (20-byte key, ICV 16)")
    gin = Bundle(h, [esp_gcm128(h, 0x1002)], inbound=True)
    add(gin, "ESP AES-GCM-128 IPv4 inbound")
    add(Bundle(h, [esp_cbc128_sha256(h, 0x1003)]), "ESP AES-CBC-128 + HMAC-SHA-256 (cipher key first)")
    add(Bundle(h, [esp_cbc128_sha256(h, 0x1004, enc_key_first=False)], inbound=True),
        "ESP AES-CBC-128 + HMAC-SHA-256 inbound (integrity key first)")
    add(Bundle(h, [ah_sha1(h, 0x1005)]), "AH HMAC-SHA1")
    ah_in = Bundle(h, [ah_sha1(h, 0x1006)], inbound=True)
    add(ah_in, "AH HMAC-SHA1 inbound")
    pair = Bundle(h, [esp_gcm128(h, 0x1007, esn=True), ah_sha1(h, 0x1008)], inbound=True)
    hpair = add(pair, "ESP+AH bundle (NumExtHdrs 2, ESP first)")
    v6 = Bundle(h, [esp_gcm128(h, 0x1009)], v6=True, inbound=True)
    add(v6, "IPv6 ESP AES-GCM-128 inbound")
    esn = Bundle(h, [esp_gcm128(h, 0x100A, esn=True, seq_high=3)])
    hesn = add(esn, "ESN ESP")
    udp = Bundle(h, [esp_gcm128(h, 0x100B)], inbound=True,
                 udp=h.const("IPSEC_OFFLOAD_V2_UDP_ESP_ENCAPSULATION_TRANSPORT"))
    add(udp, "UDP-encapsulated ESP (UdpEspEncapsulation 1)")
    add(Bundle(h, [nm.ipsec_sa(h.model, "ESP", 0x100C,
                               auth=alg(h, "IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1", key("null-sha1", 20)),
                               enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_NONE"))]), "ESP-NULL with HMAC-SHA1")
    add(Bundle(h, [nm.ipsec_sa(h.model, "ESP", 0x100D,
                               enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_256", key("gcm256", 36), 12))]),
        "ESP AES-GCM-256 (36-byte key with salt, ICV 12)")
    add(Bundle(h, [esp_gcm128(h, 0x100E)]).ex(key_at=h.const("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1")),
        "keys right after VlanId (KeyOffset = NDIS_SIZEOF_..._ADD_SA_EX_REVISION_1)")
    add(Bundle(h, [esp_gcm128(h, 0x100F)]).ex(key_at=0x140, trailer=bytes(24)),
        "keys at KeyOffset 0x140 with slack after them")
    hm = add(Bundle(h, [esp_gcm128(h, 0x1010, esn=True)], inbound=True), "ADD_SA_EX as NdisRequestMethod",
             method=True)

    # state: the ESN ones are live, the inbound ones hold their SPI+destination
    s.alive(hesn, 0x100A, "ESN ESP")
    s.alive(hpair, 0x1007, "ESP+AH bundle (ESN ESP element)")
    s.alive(hm, 0x1010, "method-added ESN SA")
    for b, what in ((gin, "GCM inbound"), (ah_in, "AH inbound"), (pair, "ESP+AH inbound"), (v6, "IPv6 inbound"),
                    (udp, "UDP-ESP inbound")):
        s.taken(b, what)
    # the same SPI with another destination, or outbound, is another SA
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x1002)], inbound=True, dst=bytes([192, 0, 2, 99])),
             what="inbound SPI 0x1002 to another destination")
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x1002)]), what="outbound SPI 0x1002")
    # everything deletes in one list, and is gone afterwards
    s.delete([hv for hv, _, _ in added])
    s.gone(hesn, 0x100A, "ESN ESP")
    s.gone(hpair, 0x1007, "ESP+AH bundle")
    s.gone(hm, 0x1010, "method-added SA")
    for b, what in ((gin, "GCM inbound"), (pair, "ESP+AH inbound"), (v6, "IPv6 inbound"), (udp, "UDP-ESP inbound")):
        s.add_ex(b.ex(), what="%s again after DELETE_SA" % what)


# -- ADD_SA lists --------------------------------------------------------------------------------
def test_add_sa_list_partial_success(h):
    a = h.initialized()
    s = Ipsec(h, a)
    e1 = inbound_esn(h, 0x2001)
    bad = Bundle(h, [nm.ipsec_sa(h.model, "ESP", 0x2002, esn=True,
                                 enc=nm.ipsec_alg(0x200, key("bad-bit", 16)))], inbound=True)  # no such algorithm bit
    e3 = inbound_esn(h, 0x2003)
    h1, h2, h3 = s.add_list([e1, bad, e3], added=[True, False, True], what="ADD_SA [valid, unknown algorithm, valid]")
    expect(h1 != h3, "elements 1 and 3 got the same handle")
    s.alive(h1, 0x2001, "element 1")
    s.alive(h3, 0x2003, "element 3")
    s.taken(e1, "element 1")
    s.taken(e3, "element 3")
    # the middle element's SPI was not taken
    good2 = inbound_esn(h, 0x2002)
    s.add_list([good2], added=[True], what="ADD_SA of element 2's SPI, now valid")

    # a list in which no element can be added: failure, every handle NULL, nothing added
    all_bad = [Bundle(h, [nm.ipsec_sa(h.model, "ESP", 0x2101, enc=nm.ipsec_alg(0x200, key("b1", 16)))], inbound=True),
               Bundle(h, [esp_gcm128(h, 0)], inbound=True),  # SPI 0
               Bundle(h, [esp_gcm128(h, 0x2103)], inbound=True).element(num_ext_hdrs=3)]
    s.add_list(all_bad, want="NDIS_STATUS_INVALID_DATA", added=[False] * 3, what="ADD_SA of three invalid elements")
    # a list whose elements all collide with live SAs
    s.add_list([e1, e3], want="NDIS_STATUS_INVALID_PARAMETER", added=[False, False],
               what="ADD_SA of two duplicates")
    for spi in (0x2101, 0x2103):
        s.add_ex(inbound_esn(h, spi), what="SPI %#x of the refused list" % spi)

    # the ndis.h comment's Header.Size (sizeof) is accepted as well as NDIS_SIZEOF_..._REVISION_1
    b = inbound_esn(h, 0x2201)
    s.add_list([b.element(header=(h.const("NDIS_OBJECT_TYPE_DEFAULT"), 1, h.abi.size("IPSEC_OFFLOAD_V2_ADD_SA")))],
               added=[True], what="ADD_SA with Header.Size = sizeof")


def test_add_sa_list_cycle_adds_nothing(h):
    a = h.initialized()
    s = Ipsec(h, a)
    spis = [0x3001, 0x3002, 0x3003]
    bundles = [inbound_esn(h, spi) for spi in spis]
    s.add_list(bundles, want="NDIS_STATUS_INVALID_DATA", added=[False] * 3, cycle_to=(2, 0),
               what="ADD_SA whose last Next points back to the head")
    s.add_list(bundles, want="NDIS_STATUS_INVALID_DATA", added=[False] * 3, cycle_to=(2, 1),
               what="ADD_SA with a cycle in its tail (3 -> 2)")
    s.add_list(bundles[:1], want="NDIS_STATUS_INVALID_DATA", added=[False], cycle_to=(0, 0),
               what="ADD_SA whose head points to itself")
    # nothing was added: the same inbound SPIs are free
    handles = s.add_list(bundles, added=[True] * 3, what="the same list without the cycle")
    for hv, spi in zip(handles, spis):
        s.alive(hv, spi, "SPI %#x" % spi)


def test_add_sa_chain_bound(h):
    """SaOffloadCapacity 8: a Next list longer than 2 x capacity (16) is refused whole; one of
    16 elements is accepted (the table fills after 8; the rest get NULL)."""
    a = h.initialized(config={"SaOffloadCapacity": 8})
    s = Ipsec(h, a)
    s.add_list([outbound_esn(h, 0x4000 + i) for i in range(17)], want="NDIS_STATUS_INVALID_DATA",
               added=[False] * 17, whole=True, what="ADD_SA of 17 elements (capacity 8)")
    handles = s.add_list([outbound_esn(h, 0x4100 + i) for i in range(16)], added=[True] * 8 + [False] * 8,
                         what="ADD_SA of 16 elements (capacity 8)")
    s.add_ex(outbound_esn(h, 0x4200), want="NDIS_STATUS_RESOURCES", what="ADD_SA_EX on the full table")
    # DELETE_SA lists are bounded the same way: 17 elements (8 live + 9 unknown) delete nothing
    live = handles[:8]
    s.delete(live + [0] * 9, want="NDIS_STATUS_INVALID_DATA", what="DELETE_SA of 17 elements")
    for hv, i in zip(live, range(8)):
        s.alive(hv, 0x4100 + i, "after the refused DELETE_SA")
    s.delete(live + [0] * 8, what="DELETE_SA of 16 elements")
    for hv, i in zip(live, range(8)):
        s.gone(hv, 0x4100 + i, "after DELETE_SA")
    got = s.fill(lambda i: outbound_esn(h, 0x4300 + i), "refill")
    expect(len(got) == 8, "after deleting all 8 SAs, %d could be added (capacity 8)" % len(got))


# -- capacity ------------------------------------------------------------------------------------
def test_capacity_exhaustion(h):
    a = h.initialized(config={"SaOffloadCapacity": 4})
    s = Ipsec(h, a)
    hs = [s.add_ex(inbound_esn(h, 0x5001), what="SA 1 (inbound)"),
          s.add_ex(outbound_esn(h, 0x5002), what="SA 2 (outbound)"),
          s.add_ex(Bundle(h, [esp_gcm128(h, 0x5003, esn=True), ah_sha1(h, 0x5004)]), what="SA 3 (ESP+AH bundle)"),
          s.add_ex(inbound_esn(h, 0x5005), what="SA 4 (inbound)")]
    fifth = inbound_esn(h, 0x5006)
    s.add_ex(fifth, want="NDIS_STATUS_RESOURCES", what="SA 5 on a full table")
    s.add_ex(fifth, want="NDIS_STATUS_RESOURCES", what="SA 5 again (the failure changed nothing)")
    s.add_list([inbound_esn(h, 0x5007), outbound_esn(h, 0x5008)], want="NDIS_STATUS_RESOURCES",
               added=[False, False], what="ADD_SA of 2 on a full table")
    s.alive(hs[0], 0x5001, "SA 1")
    s.delete([hs[1]], what="DELETE_SA of SA 2")
    s.gone(hs[1], 0x5002, "SA 2")
    h5 = s.add_ex(fifth, what="SA 5 after a DELETE_SA")
    s.add_ex(inbound_esn(h, 0x5009), want="NDIS_STATUS_RESOURCES", what="SA 6 on the full table")
    s.alive(h5, 0x5006, "SA 5")
    # an ADD_SA list on a table with one free slot: the first element fits, the second does not
    s.delete([h5])
    h7, h8 = s.add_list([inbound_esn(h, 0x5007), outbound_esn(h, 0x5008)], added=[True, False],
                        what="ADD_SA of 2 with one free slot")
    s.alive(h7, 0x5007, "the element that fitted")
    s.add_ex(inbound_esn(h, 0x5008), want="NDIS_STATUS_RESOURCES", what="the table is full again")


# -- DELETE_SA -----------------------------------------------------------------------------------
def test_delete_sa_pair(h):
    a = h.initialized()
    s = Ipsec(h, a)
    inb = inbound_esn(h, 0x6001)
    hi = s.add_ex(inb, what="inbound SA")
    ho = s.add_ex(outbound_esn(h, 0x6002), what="outbound SA")
    s.delete([hi, ho], what="DELETE_SA [inbound, outbound]")
    s.gone(hi, 0x6001, "inbound")
    s.gone(ho, 0x6002, "outbound")
    s.delete([hi, ho], what="DELETE_SA of the same pair again (idempotent)")
    s.delete([0], what="DELETE_SA of a NULL handle")
    s.delete([hi ^ 0x10000, ho + 1, 0x1234], what="DELETE_SA of forged handles")
    hi2 = s.add_ex(inb, what="the inbound SPI again")
    expect(hi2 not in (hi, ho), "the re-added SA got a deleted SA's handle %#x" % hi2)
    s.gone(hi, 0x6001, "the old inbound handle after its SPI was reused")
    s.delete([hi], what="DELETE_SA of the stale inbound handle")
    s.alive(hi2, 0x6001, "the re-added SA after DELETE_SA of the stale handle")
    # a refused list deletes nothing
    s.delete([hi2, 0], want="NDIS_STATUS_INVALID_DATA", cycle_to=(1, 0), what="DELETE_SA with a cycle")
    s.alive(hi2, 0x6001, "after the cyclic DELETE_SA")
    bad = nm.build_delete_sa(h.model, 0, header=(h.const("NDIS_OBJECT_TYPE_OFFLOAD"), 1,
                                                 h.const("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1")))
    s.delete(None, raw=[nm.build_delete_sa(h.model, hi2), bad], want="NDIS_STATUS_INVALID_DATA",
             what="DELETE_SA [live handle, element with a wrong header]")
    s.alive(hi2, 0x6001, "after the DELETE_SA with a malformed second element")
    s.delete([hi2])
    s.gone(hi2, 0x6001, "re-added SA")


# -- UPDATE_SA -----------------------------------------------------------------------------------
def test_update_sa(h):
    a = h.initialized()
    s = Ipsec(h, a)
    ho = s.add_ex(outbound_esn(h, 0x7001), what="outbound ESN ESP")
    hi = s.add_ex(inbound_esn(h, 0x7002), what="inbound ESN ESP")
    plain = s.add_ex(Bundle(h, [esp_gcm128(h, 0x7003)]), what="non-ESN ESP")
    pair = s.add_ex(Bundle(h, [esp_gcm128(h, 0x7004, esn=True), ah_sha1(h, 0x7005)]), what="ESN ESP + AH")
    s.update(ho, "ESP", 0x7001, 1, what="UPDATE_SA outbound ESN")
    s.update(hi, "ESP", 0x7002, 0xFFFFFFFF, what="UPDATE_SA inbound ESN")
    s.update(pair, "ESP", 0x7004, 9, what="UPDATE_SA on the ESN ESP element of a bundle")
    data = nm.build_update_sa(h.model, ho, "ESP", 0x7001, 2)
    s.update(None, None, None, data=data, length=h.const("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1"),
             what="UPDATE_SA with exactly NDIS_SIZEOF_..._REVISION_1 bytes")
    ip = "NDIS_STATUS_INVALID_PARAMETER"
    s.update(plain, "ESP", 0x7003, want=ip, what="UPDATE_SA on a non-ESN SA")
    s.update(pair, "AH", 0x7005, want=ip, what="UPDATE_SA on the non-ESN AH element")
    s.update(ho, "ESP", 0x7999, want=ip, what="UPDATE_SA with another SPI")
    s.update(ho, "AH", 0x7001, want=ip, what="UPDATE_SA with Operation AH on an ESP SA")
    s.update(0, "ESP", 0x7001, want=ip, what="UPDATE_SA on handle 0")
    for forged in (ho ^ 1, ho + (1 << 33), ho ^ (1 << 32), 0xFFFFFFFFFFFFFFFF, hi ^ ho ^ plain):
        s.update(forged, "ESP", 0x7001, want=ip, what="UPDATE_SA on forged handle %#x" % forged)
    # a handle of another adapter means nothing here
    b = h.initialized()
    s2 = Ipsec(h, b)
    hb = s2.add_ex(outbound_esn(h, 0x7001), what="the same SA on a second adapter")
    expect(hb not in (ho, hi, plain, pair), "two adapters returned the same handle %#x" % hb)
    s.update(hb, "ESP", 0x7001, want=ip, what="UPDATE_SA with the other adapter's handle")
    s2.update(ho, "ESP", 0x7001, want=ip, what="UPDATE_SA on adapter 2 with adapter 1's handle")
    n = h.const("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1")
    s.update(None, None, None, data=data, length=n - 1, want="NDIS_STATUS_INVALID_LENGTH", bytes_needed=n,
             what="UPDATE_SA one byte short")
    s.update(None, None, None, data=data, length=0, want="NDIS_STATUS_INVALID_LENGTH", bytes_needed=n,
             what="UPDATE_SA with an empty buffer")
    # nothing above changed the SAs
    s.alive(ho, 0x7001, "outbound ESN after the failures")
    s.alive(hi, 0x7002, "inbound ESN after the failures")
    s.alive(pair, 0x7004, "ESN ESP + AH after the failures")
    s.update(plain, "ESP", 0x7003, want=ip, what="UPDATE_SA on the non-ESN SA (still non-ESN)")
    s2.alive(hb, 0x7001, "adapter 2's SA")


# -- IRQL ----------------------------------------------------------------------------------------
def test_sa_oids_at_dispatch_level(h):
    """Direct OIDs may arrive at DISPATCH_LEVEL (spec section 7): the whole SA life cycle works
    there (the model fails any lock or IRQL breach, and any wait)."""
    a = h.running()
    s = Ipsec(h, a, irql=h.const("DISPATCH_LEVEL"))
    hi = s.add_ex(inbound_esn(h, 0xC001), what="ADD_SA_EX at DISPATCH_LEVEL")
    ho, hx = s.add_list([outbound_esn(h, 0xC002), Bundle(h, [esp_cbc128_sha256(h, 0xC003, esn=True),
                                                             ah_sha1(h, 0xC004)])],
                        added=[True, True], what="ADD_SA at DISPATCH_LEVEL")
    s.add_ex(inbound_esn(h, 0xC001), want="NDIS_STATUS_INVALID_PARAMETER", what="duplicate at DISPATCH_LEVEL")
    s.update(hi, "ESP", 0xC001, 2, what="UPDATE_SA at DISPATCH_LEVEL")
    s.update(hx, "ESP", 0xC003, 2, what="UPDATE_SA of a bundle at DISPATCH_LEVEL")
    s.delete([hi, ho, hx], what="DELETE_SA at DISPATCH_LEVEL")
    for hv, spi in ((hi, 0xC001), (ho, 0xC002), (hx, 0xC003)):
        s.gone(hv, spi, "at DISPATCH_LEVEL")
    s.add_ex(inbound_esn(h, 0xC001), what="the inbound SPI again at DISPATCH_LEVEL")


# -- OID_TCP_OFFLOAD_PARAMETERS ------------------------------------------------------------------
def current_config_indications(h, a, start):
    return [d for d in a.status_indications[start:]
            if d.get("StatusCode") == h.const("NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG")]


def set_offload(h, a, oid, data, want_block, what, want="NDIS_STATUS_SUCCESS", bytes_read=None, length=None):
    """A regular OID set; on success exactly one CURRENT_CONFIG indication with `want_block`."""
    start = len(a.status_indications)
    n = len(data) if length is None else length
    r = h.oid(a, h.const("NdisRequestSetInformation"), h.const(oid), n, data[:n])
    expect(r.status == h.const(want), "%s: status %s, expected %s" % (what, h.abi.status_name(r.status), want))
    ind = current_config_indications(h, a, start)
    if want != "NDIS_STATUS_SUCCESS":
        expect(not a.status_indications[start:], "%s: failed, yet indicated %s" % (
            what, [h.abi.status_name(d.get("StatusCode", 0)) for d in a.status_indications[start:]]))
        return r
    if bytes_read is not None:
        expect(r.bytes_read == bytes_read, "%s: BytesRead %d, expected %d" % (what, r.bytes_read, bytes_read))
    expect(len(ind) == 1, "%s: %d NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG indications (expected 1; all: %s)"
           % (what, len(ind), [hex(d.get("StatusCode", 0)) for d in a.status_indications[start:]]))
    d = ind[0]
    expect(d["StatusBufferSize"] == h.const("NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3"),
           "%s: indication StatusBufferSize %#x, expected NDIS_SIZEOF_NDIS_OFFLOAD_REVISION_3" % (what, d["StatusBufferSize"]))
    block = expect_ndis_offload(h, d.get("offload"), "%s: indicated NDIS_OFFLOAD" % what)
    expect_block(h, block, want_block, "%s: indicated current configuration" % what)
    return r


def test_offload_parameters_disable_and_reenable(h):
    a = h.initialized()
    s = Ipsec(h, a)
    oids = a.general["oids"]
    for o in ("OID_TCP_OFFLOAD_PARAMETERS", "OID_OFFLOAD_ENCAPSULATION"):
        expect(h.const(o) in oids, "%s is not in the supported OID list" % o)
    full = full_block(h, 1024)
    inb = inbound_esn(h, 0x8001)
    h_in = s.add_ex(inb, what="inbound ESN ESP before the disable")
    h_out = s.add_ex(outbound_esn(h, 0x8002), what="outbound ESN ESP before the disable")
    h_ah = s.add_ex(Bundle(h, [ah_sha1(h, 0x8003)]), what="AH before the disable")
    P = "OID_TCP_OFFLOAD_PARAMETERS"
    n2 = h.const("NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_2")

    # malformed parameters change nothing and indicate nothing
    set_offload(h, a, P, nm.build_offload_parameters(h.model, 5), None, "IPsecV2 = 5", want="NDIS_STATUS_INVALID_DATA")
    set_offload(h, a, P, nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED"),
                                                     header_type=h.const("NDIS_OBJECT_TYPE_OFFLOAD")),
                None, "wrong header type", want="NDIS_STATUS_INVALID_DATA")
    r = set_offload(h, a, P, nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED")),
                    None, "short NDIS_OFFLOAD_PARAMETERS", want="NDIS_STATUS_INVALID_LENGTH", length=0x10)
    expect(r.bytes_needed == h.const("NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_1"),
           "short NDIS_OFFLOAD_PARAMETERS: BytesNeeded %d" % r.bytes_needed)
    # revision 1 has no IPsecV2 field: a DISABLED byte after its Size is not read
    r1 = bytearray(nm.build_offload_parameters(h.model, 0, revision=1)) + bytes(8)
    r1[h.abi.offset("NDIS_OFFLOAD_PARAMETERS", "IPsecV2")] = h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED")
    set_offload(h, a, P, bytes(r1), full, "revision-1 NDIS_OFFLOAD_PARAMETERS (no IPsecV2 field)")
    set_offload(h, a, P, nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_NO_CHANGE")), full,
                "IPsecV2 = NO_CHANGE", bytes_read=n2)
    s.add_ex(Bundle(h, [ah_sha1(h, 0x8004)]), what="AH after the refused/neutral parameters")

    # disable
    set_offload(h, a, P, nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_DISABLED")),
                zero_block(h), "IPsecV2 = DISABLED", bytes_read=n2)
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x8010)]), want="NDIS_STATUS_NOT_SUPPORTED", what="ESP ADD_SA_EX while disabled")
    s.add_ex(Bundle(h, [ah_sha1(h, 0x8011)]), want="NDIS_STATUS_NOT_SUPPORTED", what="AH ADD_SA_EX while disabled")
    s.add_list([Bundle(h, [esp_gcm128(h, 0x8012)])], want="NDIS_STATUS_NOT_SUPPORTED", added=[False],
               what="ADD_SA while disabled")
    # the earlier SAs survive the disable until the stack deletes them
    s.alive(h_in, 0x8001, "inbound SA while disabled")
    s.delete([h_out], what="DELETE_SA of an SA added before the disable")
    s.gone(h_out, 0x8002, "outbound SA deleted while disabled")
    # OID_OFFLOAD_ENCAPSULATION also reports the current configuration
    enc = nm.build_offload_encapsulation(h.model)
    set_offload(h, a, "OID_OFFLOAD_ENCAPSULATION", enc, zero_block(h), "OID_OFFLOAD_ENCAPSULATION while disabled",
                bytes_read=h.const("NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1"))

    # re-enable ESP only
    esp_only = dict(full, Ah=0, AhEspCombined=0)
    set_offload(h, a, P, nm.build_offload_parameters(h.model, h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_ESP_ENABLED"),
                                                     revision=3), esp_only, "IPsecV2 = ESP_ENABLED (revision 3)",
                bytes_read=h.const("NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_3"))
    s.add_ex(Bundle(h, [ah_sha1(h, 0x8020)]), want="NDIS_STATUS_NOT_SUPPORTED", what="AH add with ESP only")
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x8021), ah_sha1(h, 0x8022)]), want="NDIS_STATUS_NOT_SUPPORTED",
             what="ESP+AH add with ESP only")
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x8023)]), what="ESP add with ESP only")
    s.taken(inb, "inbound SA added before the disable")  # it survived the disable
    s.alive(h_in, 0x8001, "inbound SA after re-enabling")
    set_offload(h, a, "OID_OFFLOAD_ENCAPSULATION", enc, esp_only, "OID_OFFLOAD_ENCAPSULATION with ESP only",
                bytes_read=h.const("NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1"))
    s.delete([h_ah, h_in], what="DELETE_SA of the AH SA (AH now disabled) and the inbound SA")
    s.gone(h_in, 0x8001, "inbound SA")
    # back to AH and ESP
    set_offload(h, a, P, nm.build_offload_parameters(h.model,
                                                     h.const("NDIS_OFFLOAD_PARAMETERS_IPSECV2_AH_AND_ESP_ENABLED")),
                full, "IPsecV2 = AH_AND_ESP_ENABLED", bytes_read=n2)
    s.add_ex(Bundle(h, [esp_gcm128(h, 0x8030), ah_sha1(h, 0x8031)]), what="ESP+AH with both enabled")


# -- bad input table -----------------------------------------------------------------------------
def test_bad_input_table(h):
    """Malformed SA OIDs on the real driver: each gets its status, a NULL handle, and creates
    nothing (SaOffloadCapacity 3 with one live SA: afterwards exactly 2 more fit)."""
    a = h.initialized(config={"SaOffloadCapacity": 3})
    s = Ipsec(h, a)
    live_b = inbound_esn(h, 0x9000)
    live = s.add_ex(live_b, what="the live SA")
    c = h.const
    EX = "IPSEC_OFFLOAD_V2_ADD_SA_EX"
    n_ex = c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1")
    n_add = c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_REVISION_1")
    n_del = c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_DELETE_SA_REVISION_1")
    n_upd = c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_UPDATE_SA_REVISION_1")
    dflt = c("NDIS_OBJECT_TYPE_DEFAULT")
    ID, IL, NS = "NDIS_STATUS_INVALID_DATA", "NDIS_STATUS_INVALID_LENGTH", "NDIS_STATUS_NOT_SUPPORTED"

    def gcm(spi, **kw):
        return Bundle(h, [esp_gcm128(h, spi, esn=True, **kw)], inbound=True)

    def one(spi, sa):
        return Bundle(h, [sa], inbound=True)

    def null_buffer(r):
        r.v["DATA.SET_INFORMATION.InformationBuffer"] = 0

    full_ex = gcm(0x9101).ex()
    rows = [
        # (description, callable running the request)
        ("ADD_SA_EX one byte shorter than NDIS_SIZEOF_..._REVISION_1",
         lambda w: s.add_ex(gcm(0x9101).ex(), want=IL, length=n_ex - 1, bytes_needed=n_ex, what=w)),
        ("ADD_SA_EX with an empty buffer",
         lambda w: s.add_ex(gcm(0x9101).ex(), want=IL, length=0, bytes_needed=n_ex, what=w)),
        ("ADD_SA_EX with a NULL InformationBuffer and a non-zero length",
         lambda w: s.add_ex(full_ex, want=IL, prepare=null_buffer, what=w)),
        ("ADD_SA_EX Header.Type NDIS_OBJECT_TYPE_OFFLOAD",
         lambda w: s.add_ex(gcm(0x9102).ex(header=(c("NDIS_OBJECT_TYPE_OFFLOAD"), 1, n_ex)), want=ID, what=w)),
        ("ADD_SA_EX Header.Revision 0",
         lambda w: s.add_ex(gcm(0x9103).ex(header=(dflt, 0, n_ex)), want=ID, what=w)),
        ("ADD_SA_EX Header.Size below NDIS_SIZEOF_..._REVISION_1",
         lambda w: s.add_ex(gcm(0x9104).ex(header=(dflt, 1, n_ex - 1)), want=ID, what=w)),
        ("ADD_SA_EX Header.Size beyond the buffer",
         lambda w: s.add_ex(gcm(0x9105).ex(header=(dflt, 1, 0x400)), want=ID, what=w)),
        ("ADD_SA_EX NumExtHdrs 0", lambda w: s.add_ex(gcm(0x9106).ex(num_ext_hdrs=0), want=ID, what=w)),
        ("ADD_SA_EX NumExtHdrs 3", lambda w: s.add_ex(gcm(0x9107).ex(num_ext_hdrs=3), want=ID, what=w)),
        ("ADD_SA_EX KeyOffset + KeyLength overflows 32 bits",
         lambda w: s.add_ex(gcm(0x9108).ex(key_offset=0xFFFFFFF0), want=IL, what=w)),
        ("ADD_SA_EX key array past the end of the buffer",
         lambda w: s.add_ex(gcm(0x9109).ex(), want=IL, length=len(full_ex) - 4, what=w)),
        ("ADD_SA_EX KeyOffset inside the fixed fields",
         lambda w: s.add_ex(gcm(0x910A).ex(key_offset=h.abi.offset(EX, "SecAssoc")), want=IL, what=w)),
        ("ADD_SA_EX algorithm key past the key array (KeyOffsetBytes 8 of a 20-byte array)",
         lambda w: s.add_ex(one(0x910B, nm.ipsec_sa(h.model, "ESP", 0x910B, enc=alg(
             h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128", key("oob", 20), 16, key_offset=8))).ex(), want=IL, what=w)),
        ("ADD_SA_EX multi-bit encryption identifier (AES_GCM_128 | AES_CBC_128)",
         lambda w: s.add_ex(one(0x910C, nm.ipsec_sa(h.model, "ESP", 0x910C, enc=nm.ipsec_alg(
             c("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128") | c("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128"),
             key("multi", 16)))).ex(), want=ID, what=w)),
        ("ADD_SA_EX multi-bit authentication identifier (SHA_1 | SHA_256)",
         lambda w: s.add_ex(one(0x910D, nm.ipsec_sa(h.model, "AH", 0x910D, auth=nm.ipsec_alg(
             c("IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1") | c("IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256"),
             key("multi-a", 20)))).ex(), want=ID, what=w)),
        ("ADD_SA_EX undefined encryption bit 0x200",
         lambda w: s.add_ex(one(0x910E, nm.ipsec_sa(h.model, "ESP", 0x910E, enc=nm.ipsec_alg(0x200, key("x", 16))))
                            .ex(), want=ID, what=w)),
        ("ADD_SA_EX AH element with an encryption algorithm",
         lambda w: s.add_ex(one(0x910F, nm.ipsec_sa(h.model, "AH", 0x910F,
                                                    auth=alg(h, "IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1", key("ah1", 20)),
                                                    enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128", key("ah2", 16))))
                            .ex(), want=ID, what=w)),
        ("ADD_SA_EX SPI 0", lambda w: s.add_ex(gcm(0), want=ID, what=w)),
        ("ADD_SA_EX UdpEspEncapsulation 3 (two types at once)",
         lambda w: s.add_ex(gcm(0x9111).ex(udp=3), want=ID, what=w)),
        ("ADD_SA_EX UdpEspEncapsulation 0x10 (undefined)",
         lambda w: s.add_ex(gcm(0x9112).ex(udp=0x10), want=ID, what=w)),
        ("ADD_SA_EX Operation 0", lambda w: s.add_ex(one(0x9113, dict(esp_gcm128(h, 0x9113), Operation=0)), want=ID,
                                                     what=w)),
        ("ADD_SA_EX Operation IPsecOffloadV2Max",
         lambda w: s.add_ex(one(0x9114, dict(esp_gcm128(h, 0x9114), Operation=c("IPsecOffloadV2Max"))), want=ID, what=w)),
        ("ADD_SA_EX unknown Flags bit 0x2", lambda w: s.add_ex(gcm(0x9115).ex(flags=c("IPSEC_OFFLOAD_V2_INBOUND") | 2),
                                                               want=ID, what=w)),
        ("ADD_SA_EX unknown SecAssoc.Flags bit 0x2",
         lambda w: s.add_ex(one(0x9116, esp_gcm128(h, 0x9116, flags=2)), want=ID, what=w)),
        ("ADD_SA_EX two elements AH then ESP",
         lambda w: s.add_ex(Bundle(h, [ah_sha1(h, 0x9117), esp_gcm128(h, 0x9118)], inbound=True), want=ID, what=w)),
        ("ADD_SA_EX AES-CBC-128 with a 20-byte key",
         lambda w: s.add_ex(one(0x9119, nm.ipsec_sa(h.model, "ESP", 0x9119,
                                                    auth=alg(h, "IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1", key("k1", 20)),
                                                    enc=alg(h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128", key("k2", 20))))
                            , want=ID, what=w)),
        ("ADD_SA_EX AES-GCM ICV length 13", lambda w: s.add_ex(gcm(0x911A, icv=13), want=ID, what=w)),
        ("ADD_SA_EX ESP with neither integrity nor confidentiality",
         lambda w: s.add_ex(one(0x911B, nm.ipsec_sa(h.model, "ESP", 0x911B)), want=ID, what=w)),
        ("ADD_SA first element one byte shorter than NDIS_SIZEOF_..._REVISION_1",
         lambda w: s.add_list([gcm(0x9201)], want=IL, added=[False], length=n_add - 1, bytes_needed=n_add, what=w)),
        ("ADD_SA element Header.Type NDIS_OBJECT_TYPE_OFFLOAD",
         lambda w: s.add_list([gcm(0x9202).element(header=(c("NDIS_OBJECT_TYPE_OFFLOAD"), 1, n_add))], want=ID,
                              added=[False], what=w)),
        ("ADD_SA element KeyLength past the buffer",
         lambda w: s.add_list([gcm(0x9203).element(key_length=0x100)], want=IL, added=[False], what=w)),
        ("UPDATE_SA one byte short",
         lambda w: s.update(live, "ESP", 0x9000, want=IL, length=n_upd - 1, bytes_needed=n_upd, what=w)),
        ("UPDATE_SA Header.Revision 0",
         lambda w: s.update(None, None, None, data=nm.build_update_sa(h.model, live, "ESP", 0x9000, 5,
                                                                    header=(dflt, 0, n_upd)), want=ID, what=w)),
        ("UPDATE_SA Header.Type NDIS_OBJECT_TYPE_OFFLOAD",
         lambda w: s.update(None, None, None, data=nm.build_update_sa(
             h.model, live, "ESP", 0x9000, 5, header=(c("NDIS_OBJECT_TYPE_OFFLOAD"), 1, n_upd)), want=ID, what=w)),
        ("UPDATE_SA Operation 0", lambda w: s.update(live, 0, 0x9000, want=ID, what=w)),
        ("UPDATE_SA with a NULL InformationBuffer",
         lambda w: s.update(live, "ESP", 0x9000, want=IL, prepare=null_buffer, what=w)),
        ("DELETE_SA one byte short",
         lambda w: s.delete([live], want=IL, length=n_del - 1, bytes_needed=n_del, what=w)),
        ("DELETE_SA Header.Type NDIS_OBJECT_TYPE_OFFLOAD (naming the live SA)",
         lambda w: s.delete(None, raw=[nm.build_delete_sa(h.model, live, header=(c("NDIS_OBJECT_TYPE_OFFLOAD"), 1,
                                                                                 n_del))], want=ID, what=w)),
        ("DELETE_SA Header.Size 0x10 (naming the live SA)",
         lambda w: s.delete(None, raw=[nm.build_delete_sa(h.model, live, header=(dflt, 1, 0x10))], want=ID, what=w)),
        ("DELETE_SA with a NULL InformationBuffer",
         lambda w: s.request("OID_TCP_TASK_IPSEC_OFFLOAD_V2_DELETE_SA", nm.build_delete_sa(h.model, live),
                             prepare=null_buffer, what=w)),
        ("unknown direct OID 0xFF00ABCD",
         lambda w: s.request(0xFF00ABCD, gcm(0x9301).ex(), what=w)),
    ]
    want_raw = {"DELETE_SA with a NULL InformationBuffer": IL, "unknown direct OID 0xFF00ABCD": NS}
    for what, run in rows:
        r = run(what)
        if what in want_raw:
            s.expect_status(r, want_raw[what], what)
    expect(len(rows) >= 12, "table too small")
    s.alive(live, 0x9000, "the live SA after the bad-input table")
    # nothing was created: exactly 2 more SAs fit, and they may reuse the table's inbound SPIs
    s.add_ex(gcm(0x9101), what="SPI 0x9101 after the table")
    s.add_ex(gcm(0x9201), what="SPI 0x9201 after the table")
    s.add_ex(gcm(0x9202), want="NDIS_STATUS_RESOURCES", what="a third SA (capacity 3)")


# -- halt ----------------------------------------------------------------------------------------
def leak_forms(k):
    """Text forms a key (or a part of it) could take in a debug message."""
    forms = set()
    for i in range(0, len(k) - 3):
        w = k[i:i + 4]
        forms.add(w.hex())
        forms.add(w.hex().upper())
        forms.add(" ".join("%02x" % b for b in w))
        forms.add(" ".join("%02X" % b for b in w))
        v = struct.unpack("<I", w)[0]
        forms.add("%08x" % v)
        forms.add("%08X" % v)
        forms.add(w.decode("latin-1"))
    return forms


def test_halt_with_live_sas_frees_everything(h):
    """Halt with live SAs: every allocation the adapter made is freed, and no key byte sequence
    shows in any debug print, status indication, attribute or returned handle."""
    m = h.model
    before = {b.addr for b in h.driver_leaks()}
    a = h.running()
    s = Ipsec(h, a)
    bundles = [Bundle(h, [esp_gcm128(h, 0xA001, esn=True, tag="halt-gcm")], inbound=True),
               Bundle(h, [esp_cbc128_sha256(h, 0xA002, tag="halt-cbc")]),
               Bundle(h, [esp_gcm128(h, 0xA003, tag="halt-pair"), ah_sha1(h, 0xA004, tag="halt-ah")], v6=True),
               Bundle(h, [esp_gcm128(h, 0xA005, esn=True, tag="halt-deleted")])]
    handles = [s.add_ex(b, what="SA %d" % i) for i, b in enumerate(bundles)]
    lb = Bundle(h, [ah_sha1(h, 0xA006, tag="halt-list")], inbound=True)
    listed = s.add_list([lb], added=[True], what="ADD_SA element")
    keys = [k for b in bundles + [lb] for k in b.keys()]
    expect(len(set(keys)) == len(keys), "scenario bug: two SAs share a key")
    # the driver keeps its own copy of the keys, in non-paged memory (spec section 3.5)
    for k in keys:
        blocks = nm.find_in_driver_memory(m, k)
        expect(blocks, "the key of a live SA is nowhere in driver memory (expected a copy in the SA table)")
        for b in blocks:
            expect(b.kind == "ndis-memory" or ("flags" in b.note and
                                               int(b.note.split()[1], 16) & h.const("POOL_FLAG_NON_PAGED")),
                   "a key copy lives in %r, not in non-paged memory" % b)
    s.delete([handles[3]], what="DELETE_SA of one SA")
    st = h.pause(a)
    expect(st == h.const("NDIS_STATUS_SUCCESS"), "pause: %s" % h.abi.status_name(st))
    h.halt(a)  # with four live SAs
    left = [b for b in h.driver_leaks() if b.addr not in before]
    expect(not left, "after MiniportHaltEx with live SAs, %d allocation(s) remain: %s" % (len(left), left[:4]))
    # no key in any debug print (format or formatted text), indication, attribute or handle
    prints = m.calls_named("DbgPrintEx")
    texts = list(m.debug_prints) + [c.decoded.get("format", "") for c in prints]
    expect(any("rejected" in t or "SAs deleted" in t for t in m.debug_prints) or len(prints) > 2,
           "the driver printed almost nothing (the leak check would be vacuous)")
    for k in keys:
        forms = leak_forms(k)
        for t in texts:
            hit = next((f for f in forms if f in t), None)
            expect(hit is None, "a DbgPrintEx message carries key material %r: %r" % (hit, t))
        for d in a.status_indications:
            expect(k[:8] not in d.get("buffer", b""), "a status indication carries key bytes")
        for rec in a.attributes:
            for sub in ("default", "hardware"):
                if rec.get(sub):
                    expect(k[:8] not in rec[sub]["raw"], "the offload attributes carry key bytes")
        words = {struct.unpack("<I", k[i:i + 4])[0] for i in range(len(k) - 3)}
        for hv in list(handles) + [x for x in listed if x]:
            expect(struct.pack("<Q", hv) not in k and hv & 0xFFFFFFFF not in words and hv >> 32 not in words,
                   "handle %#x is made of key bytes" % hv)
    h.unload()
    left = h.driver_leaks()
    expect(not left, "after unload %d driver allocation(s) remain: %s" % (len(left), left[:4]))


def key_places(m, k):
    out = []
    for b in nm.find_in_driver_memory(m, k):
        data = m.mem.read(b.addr, b.size)
        i = data.find(k)
        while i >= 0:
            out.append("%r+%#x" % (b, i))
            i = data.find(k, i + 1)
    return out


def test_keys_wiped_on_delete_and_halt(h):
    """Key hygiene (spec section 3.5: keys zeroed on delete and halt; the driver's stated
    decision: DELETE_SA zeroes the bundle's keys at once when no packet uses it, halt zeroes
    every SA's keys). Checked by scanning driver memory for the key bytes after DELETE_SA, and
    every driver block as it is freed."""
    m = h.model
    a = h.initialized(config={"SaOffloadCapacity": 4})
    s = Ipsec(h, a)
    pair = Bundle(h, [esp_gcm128(h, 0xB001, esn=True, tag="wipe-pair-esp"), ah_sha1(h, 0xB002, tag="wipe-pair-ah")])
    single = Bundle(h, [esp_cbc128_sha256(h, 0xB003, esn=True, tag="wipe-single")])
    last = Bundle(h, [esp_gcm128(h, 0xB004, esn=True, tag="wipe-last")])
    hp = s.add_ex(pair, what="ESP+AH bundle")
    hs = s.add_ex(single, what="ESP CBC+SHA256")
    hl = s.add_ex(last, what="ESP GCM")
    s.delete([hp, hs], what="DELETE_SA of two bundles")
    s.gone(hp, 0xB001, "ESP+AH bundle")
    s.gone(hs, 0xB003, "ESP CBC+SHA256")
    for b, what in ((pair, "the deleted ESP+AH bundle"), (single, "the deleted CBC+SHA256 bundle")):
        for k in b.keys():
            where = key_places(m, k)
            expect(not where, "after DELETE_SA a key of %s (%s...) is still in driver memory at %s"
                   % (what, k[:4].hex(), ", ".join(where[:4])))
    m.watched_bytes = [k for b in (pair, single, last) for k in b.keys()]
    s.alive(hl, 0xB004, "the remaining SA")
    h.halt(a)
    found = ["%s...: %r (%s)" % (w[:4].hex(), b, api) for b, w, api in m.watched_at_free]
    expect(not found, "halt freed driver memory that still held key bytes: %s" % "; ".join(found[:4]))
