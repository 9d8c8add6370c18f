"""A model of the NDIS / NT kernel functions the ipsecov2 driver imports, for the speakeasy
emulator.

Each function is implemented from its documented contract (learn.microsoft.com DDI pages; the
structure layouts and constant values from the ABI oracle through `abi.py`). Every call is
recorded (`model.calls`: name, raw arguments, decoded structures), and every breach of the
contract that the model can see (a lock released twice, a free of an unknown pointer, a bug
check, an attribute structure with a wrong header, an API the model does not implement, ...)
is recorded in `model.failures`, which fails the scenario.

The model owns one large mapped arena in emulated memory and allocates everything from it
(the driver's pool allocations and the structures a scenario builds), never reusing an
address; each block is followed by a canary red zone, and freed blocks are poisoned, so
overruns and writes after free are caught (`model.check_heap()`). One region instead of one
unicorn mapping per allocation also keeps unicorn 1 fast.
"""

import re
import struct
import traceback

from abi import Abi, Mem, View, abi as _abi

ALIGN = 16
REDZONE = 16
CANARY = 0xFD
FREED_POISON = 0xDD
UNINIT_FILL = 0xCD
ARENA_SIZE = 64 * 1024 * 1024

# speakeasy's calling-convention constant for the Microsoft x64 convention (stdcall is read as
# rcx, rdx, r8, r9, then the stack past the shadow space on AMD64).
from speakeasy.winenv import arch as _arch  # noqa: E402


class ScenarioFailure(Exception):
    """A scenario assertion or a contract breach seen by the model."""


class FatalStop(Exception):
    """Raised inside a hook: the emulation of the current call must stop."""


# ------------------------------------------------------------------------------------------------
# The arena
# ------------------------------------------------------------------------------------------------
class Block:
    __slots__ = ("addr", "size", "owner", "kind", "tag", "handle", "live", "note")

    def __init__(self, addr, size, owner, kind, tag=0, handle=0, note=""):
        self.addr, self.size, self.owner, self.kind = addr, size, owner, kind
        self.tag, self.handle, self.note, self.live = tag, handle, note, True

    def __repr__(self):
        tag = struct.pack("<I", self.tag).decode("latin-1") if self.tag else ""
        return "<%s %s %#x+%#x tag=%r %s>" % (self.owner, self.kind, self.addr, self.size, tag, self.note)


class Arena:
    def __init__(self, se, mem, size=ARENA_SIZE):
        self.mem = mem
        self.base = se.mem_alloc(size, tag="ndis_model.arena")
        self.end = self.base + size
        self.next = self.base + 0x1000  # leave the first page unused
        self.blocks = {}  # addr -> Block (live and freed)

    def alloc(self, size, owner, kind, fill=0, tag=0, handle=0, note=""):
        n = max(int(size), 1)
        addr = (self.next + ALIGN - 1) & ~(ALIGN - 1)
        total = n + REDZONE
        if addr + total > self.end:
            raise FatalStop("emulated arena exhausted (%d bytes requested)" % size)
        self.next = addr + total
        self.mem.write(addr, bytes([fill]) * n)
        pad = ((addr + total + ALIGN - 1) & ~(ALIGN - 1)) - (addr + n)
        self.mem.write(addr + n, bytes([CANARY]) * pad)
        b = Block(addr, n, owner, kind, tag, handle, note)
        self.blocks[addr] = b
        return b

    def redzone_ok(self, b):
        pad = ((b.addr + b.size + REDZONE + ALIGN - 1) & ~(ALIGN - 1)) - (b.addr + b.size)
        return self.mem.read(b.addr + b.size, pad) == bytes([CANARY]) * pad

    def free(self, b):
        b.live = False
        self.mem.write(b.addr, bytes([FREED_POISON]) * b.size)

    def find(self, addr):
        return self.blocks.get(addr)

    def containing(self, addr):
        for b in self.blocks.values():
            if b.addr <= addr < b.addr + b.size:
                return b
        return None

    def live(self, owner=None):
        return [b for b in self.blocks.values() if b.live and (owner is None or b.owner == owner)]


# ------------------------------------------------------------------------------------------------
# API registry
# ------------------------------------------------------------------------------------------------
API = {}  # name -> (module, argc, function)


def api(module, argc):
    def deco(fn):
        API[fn.__name__] = (module, argc, fn)
        return fn

    return deco


class Call:
    __slots__ = ("name", "args", "decoded", "ret", "seq")

    def __init__(self, name, args, seq):
        self.name, self.args, self.decoded, self.ret, self.seq = name, list(args), {}, None, seq

    def __repr__(self):
        return "%s(%s)%s" % (self.name, ", ".join(hex(a) for a in self.args),
                             "" if self.ret is None else " -> %#x" % self.ret)


class Adapter:
    """What NDIS knows about one miniport adapter (one MiniportInitializeEx)."""

    def __init__(self, handle, index):
        self.handle = handle
        self.index = index
        self.context = None
        self.attributes = []  # decoded attribute structures in call order
        self.registration = None
        self.general = None
        self.offload = None
        self.config = {}  # keyword -> int (NdisReadConfiguration)
        self.network_address = None  # bytes for NdisReadNetworkAddress, or None = absent
        self.state = "uninitialized"
        self.init_params = None
        self.status_indications = []
        self.sent = {}  # NBL addr -> dict(state, status)
        self.send_completions = []  # (flags, [nbl, ...])
        self.received = []  # dicts of indicated receive NBLs
        self.rx_outstanding = {}  # NBL addr -> its `received` record, indicated and not yet returned
        self.hold_receives = False  # True: the harness does not return indicated NBLs by itself
        self.returns = []  # [nbl, ...] per MiniportReturnNetBufferLists call
        self.pause_completions = []  # (in_handler, state) per NdisMPauseComplete
        self.oid_completions = []  # (kind, request, status)


# ------------------------------------------------------------------------------------------------
# The model
# ------------------------------------------------------------------------------------------------
class NdisModel:
    def __init__(self, se, a=None):
        self.se = se
        self.abi = a or _abi()
        self.mem = Mem(se)
        self.arena = Arena(se, self.mem)
        self.calls = []
        self.failures = []
        self.fatal = None
        self.debug_prints = []
        self.bugchecks = []
        self.unimplemented_called = []
        # driver registration
        self.registrations = []  # decoded characteristics
        self.driver_handle = None
        self.deregistrations = []
        # adapters
        self.adapters = {}  # handle -> Adapter
        self.current_init = None  # Adapter inside MiniportInitializeEx
        self.in_handler = None
        # locks / IRQL
        self.irql = 0
        self.locks = {}  # addr -> irql to restore (None for AtDpcLevel acquisition)
        # configuration
        self.config_handles = {}  # handle -> Adapter (open)
        # pools and NBLs
        self.nbl_pools = {}
        self.nb_pools = {}
        self.pool_nbls = {}  # NBL addr -> record of NBLs allocated from NDIS pools
        self.pool_nbs = {}
        self.mdls = {}
        self.timers = {}
        self.oid_requests = {}  # request addr -> record of requests built by the harness
        self.watched_bytes = []  # byte strings to look for in driver blocks when they are freed
        self.watched_at_free = []  # (Block, bytes, api) found in a block as it was freed
        self.sleeps = 0  # NdisMSleep calls in the current handler call
        self.inject = {}  # API name -> n: the n-th call from now fails (resource exhaustion)
        self.injected = []  # (API name, Call) of the calls made to fail
        self.sleep_calls = []  # (handler, microseconds) per NdisMSleep
        # the control device (NdisRegisterDeviceEx) and the IRPs sent to it
        self.devices = {}  # NDIS device handle -> record (live and deregistered)
        self.device = None  # the live device record, or None
        self.device_events = []  # ("register"/"register-failed"/"deregister", handler, record)
        self.irps = {}  # IRP address -> record of IRPs the harness built
        self.halting = None  # the Adapter inside MiniportHaltEx
        self.in_image_code = lambda addr: True  # the harness replaces it (executable sections)
        self._handle_seq = 0

    # -- failures ---------------------------------------------------------------------------
    def fail(self, msg):
        self.failures.append(msg)

    def stop(self, reason):
        if self.fatal is None:
            self.fatal = reason
        self.fail(reason)
        try:
            self.se.stop()
        except Exception:
            pass

    def check(self, cond, msg):
        if not cond:
            self.fail(msg)
        return cond

    # -- handles / memory -------------------------------------------------------------------
    def new_handle(self, kind, size=16):
        """An opaque handle: a small model-owned block, so a handle is never a valid driver
        pointer and never collides with another."""
        self._handle_seq += 1
        b = self.arena.alloc(size, "model", kind, fill=0x48, note="handle#%d" % self._handle_seq)
        return b.addr

    def alloc(self, size, kind="harness", fill=0, note=""):
        return self.arena.alloc(size, "harness", kind, fill=fill, note=note).addr

    def view(self, struct_name, addr):
        return View(self.mem, struct_name, addr, self.abi)

    def const(self, name):
        return self.abi.const(name)

    def status_name(self, v):
        return self.abi.status_name(v)

    # -- hooks ------------------------------------------------------------------------------
    def install(self, imports):
        """Hook every API the model implements, and every other import of the image with a hook
        that fails the scenario naming the API. `imports` = [(dll_without_ext, name)]."""
        for name, (module, argc, fn) in API.items():
            self.se.add_api_hook(self._make_hook(name, argc, fn), module, name, argc=3 if argc < 0 else argc)
        self.unimplemented_imports = []
        for dll, name in imports:
            if name not in API:
                self.unimplemented_imports.append("%s!%s" % (dll, name))
                self.se.add_api_hook(self._make_missing(dll, name), dll, name, argc=4)

    def _make_hook(self, name, argc, fn):
        def hook(emu, api_name, orig, _argv):
            if self.fatal is not None:
                return 0
            n = 3 if argc < 0 else argc
            argv = emu.get_func_argv(_arch.CALL_CONV_STDCALL, n)
            rec = Call(name, argv, len(self.calls))
            self.calls.append(rec)
            try:
                rv = fn(self, rec, *argv)
            except FatalStop as e:
                self.stop(str(e))
                return 0
            except Exception as e:  # a model error must never be silent
                self.stop("model error in %s: %s\n%s" % (name, e, traceback.format_exc()))
                return 0
            rec.ret = rv
            return rv

        return hook

    def _make_missing(self, dll, name):
        def hook(emu, api_name, orig, argv):
            self.unimplemented_called.append(name)
            self.calls.append(Call(name, argv, len(self.calls)))
            self.stop("the driver called %s!%s, which the NDIS model does not implement" % (dll, name))
            return 0

        return hook

    def injected_failure(self, name, call):
        """True if a scenario asked this call of `name` to fail (`inject[name]` counts down)."""
        n = self.inject.get(name)
        if n is None:
            return False
        if n > 1:
            self.inject[name] = n - 1
            return False
        del self.inject[name]
        self.injected.append((name, call))
        return True

    def calls_named(self, name):
        return [c for c in self.calls if c.name == name]

    # -- helpers for hooks ------------------------------------------------------------------
    def adapter_of(self, handle, api_name):
        a = self.adapters.get(handle)
        if a is None:
            raise FatalStop("%s: %#x is not a miniport adapter handle NDIS gave the driver" % (api_name, handle))
        return a

    def known_ndis_handle(self, handle):
        return handle == self.driver_handle or handle in self.adapters

    def read_unicode_string(self, addr):
        v = self.view("UNICODE_STRING", addr)
        n, buf = v["Length"], v["Buffer"]
        return self.mem.wstr(buf, n) if n and buf else ""

    def check_header(self, api_name, what, addr, type_name, revs_sizes):
        """revs_sizes: {revision: minimum size}. Returns (type, rev, size)."""
        v = self.view("NDIS_OBJECT_HEADER", addr)
        t, r, s = v["Type"], v["Revision"], v["Size"]
        want_t = self.const(type_name)
        ok = t == want_t and r in revs_sizes and s >= revs_sizes[r]
        self.check(ok, "%s: %s header (Type %#x, Revision %d, Size %#x) should be Type %s (%#x) with "
                   "revision/size one of %s" % (api_name, what, t, r, s, type_name, want_t,
                                                {k: hex(v) for k, v in revs_sizes.items()}))
        return t, r, s


# ================================================================================================
# ndis.sys
# ================================================================================================
HANDLER_FIELDS = [
    "SetOptionsHandler", "InitializeHandlerEx", "HaltHandlerEx", "UnloadHandler", "PauseHandler",
    "RestartHandler", "OidRequestHandler", "SendNetBufferListsHandler", "ReturnNetBufferListsHandler",
    "CancelSendHandler", "CheckForHangHandlerEx", "ResetHandlerEx", "DevicePnPEventNotifyHandler",
    "ShutdownHandlerEx", "CancelOidRequestHandler", "DirectOidRequestHandler",
    "CancelDirectOidRequestHandler", "SynchronousOidRequestHandler",
]


@api("ndis", 5)
def NdisMRegisterMiniportDriver(m, c, driver_object, registry_path, driver_context, pchars, phandle):
    v = m.view("NDIS_MINIPORT_DRIVER_CHARACTERISTICS", pchars)
    t, r, s = v.header()
    d = {"Header": (t, r, s), "address": pchars, "DriverObject": driver_object,
         "RegistryPath": m.read_unicode_string(registry_path) if registry_path else None,
         "MiniportDriverContext": driver_context}
    limit = min(s, m.abi.size("NDIS_MINIPORT_DRIVER_CHARACTERISTICS"))
    for f in ["MajorNdisVersion", "MinorNdisVersion", "MajorDriverVersion", "MinorDriverVersion", "Flags"]:
        d[f] = v[f]
    handlers = {}
    for f in HANDLER_FIELDS:
        off = m.abi.offset("NDIS_MINIPORT_DRIVER_CHARACTERISTICS", f)
        if off + 8 <= limit:
            handlers[f] = v[f]
    d["handlers"] = handlers
    c.decoded["characteristics"] = d
    m.registrations.append(d)
    m.check(phandle != 0, "NdisMRegisterMiniportDriver: NdisMiniportDriverHandle is NULL")
    m.driver_handle = m.new_handle("driver-handle")
    m.driver_object = driver_object
    m.driver_context = driver_context
    m.mem.w64(phandle, m.driver_handle)
    return m.const("NDIS_STATUS_SUCCESS")


@api("ndis", 1)
def NdisMDeregisterMiniportDriver(m, c, handle):
    m.deregistrations.append(handle)
    if m.device is not None:
        m.fail("NdisMDeregisterMiniportDriver while the control device %#x is still registered (the driver "
               "must call NdisDeregisterDeviceEx first: leak)" % m.device["handle"])
    m.check(handle == m.driver_handle,
            "NdisMDeregisterMiniportDriver(%#x): not the handle NdisMRegisterMiniportDriver returned (%s)"
            % (handle, hex(m.driver_handle) if m.driver_handle else None))
    return None


ATTR_TYPES = {
    "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES": "NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES",
    "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES": "NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES",
    "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES": "NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES",
}

# sub-blocks of NDIS_OFFLOAD and their oracle structures
OFFLOAD_BLOCKS = {
    "Checksum": "NDIS_TCP_IP_CHECKSUM_OFFLOAD",
    "LsoV1": "NDIS_TCP_LARGE_SEND_OFFLOAD_V1",
    "IPsecV1": "NDIS_IPSEC_OFFLOAD_V1",
    "LsoV2": "NDIS_TCP_LARGE_SEND_OFFLOAD_V2",
    "IPsecV2": "NDIS_IPSEC_OFFLOAD_V2",
    "Rsc": "NDIS_TCP_RECV_SEG_COALESCE_OFFLOAD",
    "EncapsulatedPacketTaskOffloadGre": "NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD",
    "EncapsulatedPacketTaskOffloadVxlan": "NDIS_ENCAPSULATED_PACKET_TASK_OFFLOAD_V2",
    "Rfc6877Xlat": "NDIS_RFC6877_464XLAT_OFFLOAD",
    "UdpSegmentation": "NDIS_UDP_SEGMENTATION_OFFLOAD",
}


def decode_offload(m, addr):
    """Decode an NDIS_OFFLOAD: header, raw bytes (Header.Size), each sub-block within Size."""
    if not addr:
        return None
    v = m.view("NDIS_OFFLOAD", addr)
    t, r, s = v.header()
    out = {"Header": (t, r, s), "address": addr, "raw": m.mem.read(addr, min(max(s, 4), 0x400))}
    if "Flags" in m.abi.fields("NDIS_OFFLOAD") and m.abi.offset("NDIS_OFFLOAD", "Flags") + 4 <= s:
        out["Flags"] = v["Flags"]
    for f, sname in OFFLOAD_BLOCKS.items():
        off = m.abi.offset("NDIS_OFFLOAD", f)
        if off + m.abi.size(sname) <= s:
            out[f] = m.view(sname, addr + off).decode()
    return out


@api("ndis", 2)
def NdisMSetMiniportAttributes(m, c, handle, pattrs):
    a = m.adapter_of(handle, "NdisMSetMiniportAttributes")
    if m.injected_failure("NdisMSetMiniportAttributes", c):
        return m.const("NDIS_STATUS_RESOURCES")
    m.check(m.current_init is a, "NdisMSetMiniportAttributes called outside MiniportInitializeEx of its adapter")
    h = m.view("NDIS_OBJECT_HEADER", pattrs)
    t, r, s = h["Type"], h["Revision"], h["Size"]
    tname = next((k for k in ATTR_TYPES if m.const(k) == t), None)
    rec = {"type": tname or hex(t), "Header": (t, r, s), "address": pattrs}
    if tname is None:
        m.fail("NdisMSetMiniportAttributes: unknown attribute Header.Type %#x" % t)
        a.attributes.append(rec)
        c.decoded["attributes"] = rec
        return m.const("NDIS_STATUS_INVALID_PARAMETER")
    sname = ATTR_TYPES[tname]
    m.check(a.registration is not None or sname == "NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES",
            "NdisMSetMiniportAttributes: %s before the registration attributes (they must come first)" % tname)
    v = m.view(sname, pattrs)
    rec.update(v.decode(limit=min(s, m.abi.size(sname))))
    if sname == "NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES":
        m.check(a.registration is None, "NdisMSetMiniportAttributes: registration attributes set twice")
        a.registration = rec
        a.context = rec.get("MiniportAdapterContext")
    elif sname == "NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES":
        lst, n = rec.get("SupportedOidList", 0), rec.get("SupportedOidListLength", 0)
        rec["oids"] = None
        if lst and n and n < 0x10000:
            raw = m.mem.read(lst, n - n % 4)
            rec["oids"] = list(struct.unpack("<%dI" % (len(raw) // 4), raw))
        pm = rec.get("PowerManagementCapabilitiesEx", 0)
        rec["pm"] = None
        if pm:
            m.check_header("NdisMSetMiniportAttributes", "PowerManagementCapabilitiesEx (NDIS_PM_CAPABILITIES)", pm,
                           "NDIS_OBJECT_TYPE_DEFAULT",
                           {m.const("NDIS_PM_CAPABILITIES_REVISION_1"): m.const("NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_1"),
                            m.const("NDIS_PM_CAPABILITIES_REVISION_2"): m.const("NDIS_SIZEOF_NDIS_PM_CAPABILITIES_REVISION_2")})
            pv = m.view("NDIS_PM_CAPABILITIES", pm)
            rec["pm"] = pv.decode(limit=min(pv["Header.Size"], m.abi.size("NDIS_PM_CAPABILITIES")))
        a.general = rec
    elif sname == "NDIS_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES":
        rec["default"] = decode_offload(m, rec.get("DefaultOffloadConfiguration", 0))
        rec["hardware"] = decode_offload(m, rec.get("HardwareOffloadCapabilities", 0))
        a.offload = rec
    a.attributes.append(rec)
    c.decoded["attributes"] = rec
    return m.const("NDIS_STATUS_SUCCESS")


@api("ndis", 3)
def NdisMOidRequestComplete(m, c, handle, req, status):
    a = m.adapter_of(handle, "NdisMOidRequestComplete")
    _oid_complete(m, a, "regular", req, status)


@api("ndis", 3)
def NdisMDirectOidRequestComplete(m, c, handle, req, status):
    a = m.adapter_of(handle, "NdisMDirectOidRequestComplete")
    _oid_complete(m, a, "direct", req, status)


def _oid_complete(m, a, kind, req, status):
    status &= 0xFFFFFFFF
    r = m.oid_requests.get(req)
    m.check(r is not None, "%s OID completion of %#x: not a request NDIS issued" % (kind, req))
    m.check(status != m.const("NDIS_STATUS_PENDING"), "%s OID completed with NDIS_STATUS_PENDING" % kind)
    if r is not None:
        m.check(r.get("pending_kind") == kind,
                "%s OID completion of request %#x, which the driver did not pend on the %s path (%s)"
                % (kind, req, kind, r.get("pending_kind")))
        m.check(not r.get("completed"), "OID request %#x completed twice" % req)
        r["completed"] = status
    a.oid_completions.append((kind, req, status))


@api("ndis", 2)
def NdisMIndicateStatusEx(m, c, handle, pind):
    a = m.adapter_of(handle, "NdisMIndicateStatusEx")
    m.check_header("NdisMIndicateStatusEx", "NDIS_STATUS_INDICATION", pind,
                   "NDIS_OBJECT_TYPE_STATUS_INDICATION",
                   {m.const("NDIS_STATUS_INDICATION_REVISION_1"): m.const("NDIS_SIZEOF_STATUS_INDICATION_REVISION_1")})
    v = m.view("NDIS_STATUS_INDICATION", pind)
    d = v.decode()
    buf, n = d.get("StatusBuffer", 0), d.get("StatusBufferSize", 0)
    d["buffer"] = m.mem.read(buf, n) if buf and n and n < 0x10000 else b""
    if d.get("StatusCode") == m.const("NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG") and buf:
        d["offload"] = decode_offload(m, buf)
    m.check(d.get("SourceHandle") == handle,
            "NdisMIndicateStatusEx: SourceHandle %#x is not the MiniportAdapterHandle %#x"
            % (d.get("SourceHandle", 0), handle))
    a.status_indications.append(d)
    c.decoded["indication"] = d


# -- configuration ------------------------------------------------------------------------------
@api("ndis", 2)
def NdisOpenConfigurationEx(m, c, pobj, phandle):
    m.check_header("NdisOpenConfigurationEx", "NDIS_CONFIGURATION_OBJECT", pobj,
                   "NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT",
                   {m.const("NDIS_CONFIGURATION_OBJECT_REVISION_1"): m.const("NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1")})
    v = m.view("NDIS_CONFIGURATION_OBJECT", pobj)
    nh = v["NdisHandle"]
    a = m.adapters.get(nh)
    if a is None:
        m.fail("NdisOpenConfigurationEx: NdisHandle %#x is not a miniport adapter handle" % nh)
        return m.const("NDIS_STATUS_FAILURE")
    h = m.new_handle("config-handle")
    m.config_handles[h] = {"adapter": a, "params": []}
    m.mem.w64(phandle, h)
    return m.const("NDIS_STATUS_SUCCESS")


@api("ndis", 5)
def NdisReadConfiguration(m, c, pstatus, ppvalue, chandle, pkeyword, ptype):
    ch = m.config_handles.get(chandle)
    kw = m.read_unicode_string(pkeyword)
    c.decoded["keyword"] = kw
    c.decoded["type"] = ptype
    if ch is None:
        raise FatalStop("NdisReadConfiguration(%r): %#x is not an open configuration handle" % (kw, chandle))
    a = ch["adapter"]
    # registry keywords are case-insensitive
    val = None
    for k, v in a.config.items():
        if k.lower() == kw.lower():
            val = v
    if val is None:
        m.mem.w32(pstatus, m.const("NDIS_STATUS_FAILURE"))
        c.decoded["result"] = None
        return None
    p = m.arena.alloc(m.abi.size("NDIS_CONFIGURATION_PARAMETER"), "model", "config-parameter").addr
    pv = m.view("NDIS_CONFIGURATION_PARAMETER", p)
    pv["ParameterType"] = m.const("NdisParameterInteger")
    pv["ParameterData.IntegerData"] = val
    ch["params"].append(p)
    m.mem.w64(ppvalue, p)
    m.mem.w32(pstatus, m.const("NDIS_STATUS_SUCCESS"))
    c.decoded["result"] = val
    return None


@api("ndis", 4)
def NdisReadNetworkAddress(m, c, pstatus, paddr, plen, chandle):
    ch = m.config_handles.get(chandle)
    if ch is None:
        raise FatalStop("NdisReadNetworkAddress: %#x is not an open configuration handle" % chandle)
    na = ch["adapter"].network_address
    if na is None:
        m.mem.w32(pstatus, m.const("NDIS_STATUS_FAILURE"))
        return None
    b = m.arena.alloc(max(len(na), 1), "model", "network-address")
    m.mem.write(b.addr, na)
    ch["params"].append(b.addr)
    m.mem.w64(paddr, b.addr)
    m.mem.w32(plen, len(na))
    m.mem.w32(pstatus, m.const("NDIS_STATUS_SUCCESS"))
    return None


@api("ndis", 1)
def NdisCloseConfiguration(m, c, chandle):
    ch = m.config_handles.pop(chandle, None)
    if ch is None:
        m.fail("NdisCloseConfiguration(%#x): not an open configuration handle" % chandle)
        return None
    # the parameter values belong to the handle and go away with it
    for p in ch["params"]:
        b = m.arena.find(p)
        if b is not None and b.live:
            m.arena.free(b)
    return None


# -- memory -------------------------------------------------------------------------------------
@api("ndis", 4)
def NdisAllocateMemoryWithTagPriority(m, c, nh, length, tag, priority):
    m.check(m.known_ndis_handle(nh),
            "NdisAllocateMemoryWithTagPriority: NdisHandle %#x is neither the driver nor an adapter handle" % nh)
    length &= 0xFFFFFFFF
    tag &= 0xFFFFFFFF
    if length == 0:
        m.fail("NdisAllocateMemoryWithTagPriority: Length 0")
        return 0
    if m.injected_failure("NdisAllocateMemoryWithTagPriority", c):
        return 0
    # NDIS does not zero this memory: fill it so that reliance on zeroing shows
    b = m.arena.alloc(length, "driver", "ndis-memory", fill=UNINIT_FILL, tag=tag, handle=nh)
    return b.addr


@api("ndis", 3)
def NdisFreeMemoryWithTagPriority(m, c, nh, va, tag):
    _free(m, "NdisFreeMemoryWithTagPriority", va, tag & 0xFFFFFFFF, "ndis-memory")


def _free(m, api_name, va, tag, kind):
    b = m.arena.find(va)
    if b is None or b.owner != "driver":
        m.fail("%s(%#x): not an allocation the driver made" % (api_name, va))
        return
    if not b.live:
        m.fail("%s(%#x): double free (%r)" % (api_name, va, b))
        return
    if b.kind != kind:
        m.fail("%s(%#x): memory was allocated as %s" % (api_name, va, b.kind))
    if b.tag != tag:
        m.fail("%s(%#x): tag %#x does not match the allocation tag %#x" % (api_name, va, tag, b.tag))
    if not m.arena.redzone_ok(b):
        m.fail("%s(%#x): heap overrun past the end of the %d-byte block" % (api_name, va, b.size))
    if m.watched_bytes:
        # secrets (e.g. SA keys) a scenario asked to watch must be gone before memory is freed
        content = m.mem.read(b.addr, b.size)
        for w in m.watched_bytes:
            if w in content:
                m.watched_at_free.append((b, w, api_name))
    m.arena.free(b)


# -- NBL / NB pools ---------------------------------------------------------------------------
def _nbl_size(m):
    return m.abi.size("NET_BUFFER_LIST", m.ndis_version())


def _mdl_chain(m, first):
    out, mdl, guard = [], first, 0
    while mdl and guard < 4096:
        v = m.view("MDL", mdl)
        out.append(mdl)
        mdl = v["Next"]
        guard += 1
    return out


def _position_nb(m, nb, mdl_chain, data_offset, data_length):
    v = m.view("NET_BUFFER", nb)
    v["MdlChain"] = mdl_chain
    v["DataOffset"] = data_offset
    v["DataLength"] = data_length
    cur, off = mdl_chain, data_offset
    for mdl in _mdl_chain(m, mdl_chain):
        cnt = m.view("MDL", mdl)["ByteCount"]
        cur = mdl
        if off < cnt:
            break
        off -= cnt
    v["CurrentMdl"] = cur if mdl_chain else 0
    v["CurrentMdlOffset"] = off if mdl_chain else 0


@api("ndis", 2)
def NdisAllocateNetBufferListPool(m, c, nh, pparams):
    m.check(m.known_ndis_handle(nh), "NdisAllocateNetBufferListPool: NdisHandle %#x unknown" % nh)
    m.check_header("NdisAllocateNetBufferListPool", "NET_BUFFER_LIST_POOL_PARAMETERS", pparams,
                   "NDIS_OBJECT_TYPE_DEFAULT",
                   {m.const("NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1"):
                    m.const("NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1"),
                    m.const("NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2"):
                    m.const("NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2")})
    d = m.view("NET_BUFFER_LIST_POOL_PARAMETERS", pparams).decode(
        limit=m.const("NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1"))
    if m.injected_failure("NdisAllocateNetBufferListPool", c):
        return 0
    h = m.new_handle("nbl-pool")
    m.nbl_pools[h] = {"params": d, "handle": nh, "live": True, "nbls": set()}
    c.decoded["params"] = d
    return h


@api("ndis", 1)
def NdisFreeNetBufferListPool(m, c, pool):
    p = m.nbl_pools.get(pool)
    if p is None or not p["live"]:
        m.fail("NdisFreeNetBufferListPool(%#x): not a live NBL pool" % pool)
        return None
    if p["nbls"]:
        m.fail("NdisFreeNetBufferListPool(%#x): %d NBLs from the pool are still allocated" % (pool, len(p["nbls"])))
    p["live"] = False


def _alloc_nbl(m, pool, context_size, backfill, with_nb):
    p = m.nbl_pools.get(pool)
    if p is None or not p["live"]:
        raise FatalStop("NBL allocation from %#x: not a live NBL pool" % pool)
    nbl = m.arena.alloc(_nbl_size(m), "pool", "nbl", note="pool %#x" % pool).addr
    v = m.view("NET_BUFFER_LIST", nbl)
    v["NdisPoolHandle"] = pool
    rec = {"pool": pool, "nb": 0, "context": 0, "data": []}
    if context_size:
        ctx = m.arena.alloc(m.abi.offset("NET_BUFFER_LIST_CONTEXT", "ContextData") + context_size + backfill,
                            "pool", "nbl-context").addr
        cv = m.view("NET_BUFFER_LIST_CONTEXT", ctx)
        cv["Size"] = context_size + backfill
        cv["Offset"] = backfill
        v["Context"] = ctx
        rec["context"] = ctx
    if with_nb:
        nb = m.arena.alloc(m.abi.size("NET_BUFFER"), "pool", "nb", note="with nbl %#x" % nbl).addr
        v["FirstNetBuffer"] = nb
        rec["nb"] = nb
    p["nbls"].add(nbl)
    m.pool_nbls[nbl] = rec
    return nbl, rec


@api("ndis", 6)
def NdisAllocateNetBufferAndNetBufferList(m, c, pool, context_size, backfill, mdl_chain, data_offset, data_length):
    p = m.nbl_pools.get(pool)
    if p is not None and not p["params"].get("fAllocateNetBuffer"):
        m.fail("NdisAllocateNetBufferAndNetBufferList from pool %#x created without fAllocateNetBuffer" % pool)
    if m.injected_failure("NdisAllocateNetBufferAndNetBufferList", c):
        return 0
    nbl, rec = _alloc_nbl(m, pool, context_size & 0xFFFF, backfill & 0xFFFF, True)
    data_offset &= 0xFFFFFFFF
    if not mdl_chain and p is not None and p["params"].get("DataSize"):
        ds = p["params"]["DataSize"]
        buf = m.arena.alloc(ds, "pool", "nb-data").addr
        mdl = _make_mdl(m, buf, ds, "pool")
        rec["data"] = [buf, mdl]
        mdl_chain = mdl
    _position_nb(m, rec["nb"], mdl_chain, data_offset, data_length)
    return nbl


@api("ndis", 3)
def NdisAllocateNetBufferList(m, c, pool, context_size, backfill):
    nbl, rec = _alloc_nbl(m, pool, context_size & 0xFFFF, backfill & 0xFFFF, False)
    return nbl


@api("ndis", 1)
def NdisFreeNetBufferList(m, c, nbl):
    for a in m.adapters.values():
        if nbl in a.rx_outstanding:
            m.fail("NdisFreeNetBufferList(%#x): the NBL is indicated and NDIS has not returned it" % nbl)
    rec = m.pool_nbls.pop(nbl, None)
    if rec is None:
        m.fail("NdisFreeNetBufferList(%#x): not an NBL allocated from an NDIS pool" % nbl)
        return None
    m.nbl_pools[rec["pool"]]["nbls"].discard(nbl)
    for addr in [nbl, rec["nb"], rec["context"]] + rec["data"]:
        b = m.arena.find(addr) if addr else None
        if b is not None and b.live:
            if not m.arena.redzone_ok(b):
                m.fail("NdisFreeNetBufferList(%#x): overrun past the end of %r" % (nbl, b))
            m.arena.free(b)
    return None


@api("ndis", 2)
def NdisAllocateNetBufferPool(m, c, nh, pparams):
    m.check(m.known_ndis_handle(nh), "NdisAllocateNetBufferPool: NdisHandle %#x unknown" % nh)
    m.check_header("NdisAllocateNetBufferPool", "NET_BUFFER_POOL_PARAMETERS", pparams, "NDIS_OBJECT_TYPE_DEFAULT",
                   {m.const("NET_BUFFER_POOL_PARAMETERS_REVISION_1"):
                    m.const("NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1"),
                    m.const("NET_BUFFER_POOL_PARAMETERS_REVISION_2"):
                    m.const("NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_2")})
    d = m.view("NET_BUFFER_POOL_PARAMETERS", pparams).decode(
        limit=m.const("NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1"))
    h = m.new_handle("nb-pool")
    m.nb_pools[h] = {"params": d, "live": True, "nbs": set()}
    return h


@api("ndis", 1)
def NdisFreeNetBufferPool(m, c, pool):
    p = m.nb_pools.get(pool)
    if p is None or not p["live"]:
        m.fail("NdisFreeNetBufferPool(%#x): not a live NET_BUFFER pool" % pool)
        return None
    if p["nbs"]:
        m.fail("NdisFreeNetBufferPool(%#x): %d NET_BUFFERs still allocated" % (pool, len(p["nbs"])))
    p["live"] = False


@api("ndis", 4)
def NdisAllocateNetBuffer(m, c, pool, mdl_chain, data_offset, data_length):
    p = m.nb_pools.get(pool)
    if p is None or not p["live"]:
        raise FatalStop("NdisAllocateNetBuffer(%#x): not a live NET_BUFFER pool" % pool)
    nb = m.arena.alloc(m.abi.size("NET_BUFFER"), "pool", "nb", note="pool %#x" % pool).addr
    m.view("NET_BUFFER", nb)["NdisPoolHandle"] = pool
    _position_nb(m, nb, mdl_chain, data_offset & 0xFFFFFFFF, data_length)
    p["nbs"].add(nb)
    m.pool_nbs[nb] = pool
    return nb


@api("ndis", 1)
def NdisFreeNetBuffer(m, c, nb):
    pool = m.pool_nbs.pop(nb, None)
    if pool is None:
        m.fail("NdisFreeNetBuffer(%#x): not a NET_BUFFER allocated with NdisAllocateNetBuffer" % nb)
        return None
    m.nb_pools[pool]["nbs"].discard(nb)
    b = m.arena.find(nb)
    if not m.arena.redzone_ok(b):
        m.fail("NdisFreeNetBuffer(%#x): overrun past the NET_BUFFER" % nb)
    m.arena.free(b)


def _make_mdl(m, va, length, owner):
    mdl = m.arena.alloc(m.abi.size("MDL"), owner, "mdl").addr
    v = m.view("MDL", mdl)
    pages = ((va & 0xFFF) + length + 0xFFF) // 0x1000 if length else 1
    v["Size"] = m.abi.size("MDL") + 8 * pages
    v["MdlFlags"] = m.const("MDL_SOURCE_IS_NONPAGED_POOL") | m.const("MDL_MAPPED_TO_SYSTEM_VA")
    v["MappedSystemVa"] = va
    v["StartVa"] = va & ~0xFFF
    v["ByteOffset"] = va & 0xFFF
    v["ByteCount"] = length
    return mdl


@api("ndis", 3)
def NdisAllocateMdl(m, c, nh, va, length):
    m.check(m.known_ndis_handle(nh), "NdisAllocateMdl: NdisHandle %#x unknown" % nh)
    if m.injected_failure("NdisAllocateMdl", c):
        return 0
    mdl = _make_mdl(m, va, length & 0xFFFFFFFF, "driver")
    b = m.arena.find(mdl)
    b.kind = "ndis-mdl"
    m.mdls[mdl] = {"va": va, "length": length}
    return mdl


@api("ndis", 1)
def NdisFreeMdl(m, c, mdl):
    if m.mdls.pop(mdl, None) is None:
        m.fail("NdisFreeMdl(%#x): not an MDL from NdisAllocateMdl" % mdl)
        return None
    m.arena.free(m.arena.find(mdl))


# -- send / receive ---------------------------------------------------------------------------
@api("ndis", 3)
def NdisMSendNetBufferListsComplete(m, c, handle, nbls, flags):
    a = m.adapter_of(handle, "NdisMSendNetBufferListsComplete")
    flags &= 0xFFFFFFFF
    chain = []
    nbl, guard = nbls, 0
    while nbl and guard < 100000:
        v = m.view("NET_BUFFER_LIST", nbl)
        status = v["Status"]
        chain.append((nbl, status))
        rec = a.sent.get(nbl)
        if rec is None:
            m.fail("NdisMSendNetBufferListsComplete: NBL %#x was not sent to this adapter" % nbl)
        elif rec["state"] != "sent":
            m.fail("NdisMSendNetBufferListsComplete: NBL %#x completed twice" % nbl)
        else:
            rec["state"] = "completed"
            rec["status"] = status
            rec["flags"] = flags
        nbl = v["Next"]
        guard += 1
    m.check(nbls != 0, "NdisMSendNetBufferListsComplete with a NULL NBL chain")
    c.decoded["chain"] = chain
    a.send_completions.append((flags, chain))
    if flags & m.const("NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL"):
        m.check(m.irql >= 2, "NdisMSendNetBufferListsComplete: NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL at IRQL %d"
                % m.irql)
    else:
        m.check(m.irql < 2, "NdisMSendNetBufferListsComplete: at DISPATCH_LEVEL without "
                "NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL")


def read_nb_data(m, nb):
    """The DataLength bytes a NET_BUFFER describes, from CurrentMdl/CurrentMdlOffset."""
    v = m.view("NET_BUFFER", nb)
    need, mdl, off = v["DataLength"], v["CurrentMdl"], v["CurrentMdlOffset"]
    out = bytearray()
    while need > 0 and mdl:
        mv = m.view("MDL", mdl)
        cnt, va = mv["ByteCount"], mv["MappedSystemVa"]
        take = min(cnt - off, need)
        if take > 0:
            out += m.mem.read(va + off, take)
            need -= take
        off = 0
        mdl = mv["Next"]
    if need:
        raise ScenarioFailure("NET_BUFFER %#x: MDL chain shorter than DataLength" % nb)
    return bytes(out)


@api("ndis", 5)
def NdisMIndicateReceiveNetBufferLists(m, c, handle, nbls, port, count, flags):
    a = m.adapter_of(handle, "NdisMIndicateReceiveNetBufferLists")
    count &= 0xFFFFFFFF
    flags &= 0xFFFFFFFF
    chain = []
    nbl, guard = nbls, 0
    while nbl and guard < 100000:
        v = m.view("NET_BUFFER_LIST", nbl)
        # NDIS owns an indicated NBL until MiniportReturnNetBufferLists gives it back
        for other in m.adapters.values():
            if nbl in other.rx_outstanding:
                m.fail("NdisMIndicateReceiveNetBufferLists: NBL %#x indicated again before NDIS returned it"
                       % nbl)
        rec = m.pool_nbls.get(nbl)
        if rec is None:
            m.fail("NdisMIndicateReceiveNetBufferLists: NBL %#x was not allocated from an NDIS NBL pool" % nbl)
        elif m.nbl_pools[rec["pool"]]["handle"] not in (handle, m.driver_handle):
            m.fail("NdisMIndicateReceiveNetBufferLists: NBL %#x comes from a pool of another adapter" % nbl)
        frames = []
        nb = v["FirstNetBuffer"]
        while nb:
            frames.append(read_nb_data(m, nb))
            nb = m.view("NET_BUFFER", nb)["Next"]
        chain.append({"nbl": nbl, "frames": frames, "SourceHandle": v["SourceHandle"],
                      "info": [v["NetBufferListInfo[%d]" % i] for i in range(m.max_nbl_info())],
                      "flags": flags, "port": port & 0xFFFFFFFF, "irql": m.irql, "in_handler": m.in_handler,
                      "seq": c.seq, "returned": bool(flags & m.const("NDIS_RECEIVE_FLAGS_RESOURCES"))})
        nbl = v["Next"]
        guard += 1
    m.check(len(chain) == count, "NdisMIndicateReceiveNetBufferLists: NumberOfNetBufferLists %d but the chain has %d"
            % (count, len(chain)))
    m.check(a.state == "running", "NdisMIndicateReceiveNetBufferLists while the adapter is %s" % a.state)
    for r in chain:
        m.check(r["SourceHandle"] == handle, "received NBL %#x: SourceHandle %#x is not the MiniportAdapterHandle"
                % (r["nbl"], r["SourceHandle"]))
    if flags & m.const("NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL"):
        m.check(m.irql >= 2, "NdisMIndicateReceiveNetBufferLists: DISPATCH_LEVEL flag at IRQL %d" % m.irql)
    a.received.extend(chain)
    for r in chain:
        if not r["returned"]:
            a.rx_outstanding[r["nbl"]] = r
    c.decoded["chain"] = chain


@api("ndis", 1)
def NdisMPauseComplete(m, c, handle):
    a = m.adapter_of(handle, "NdisMPauseComplete")
    a.pause_completions.append((m.in_handler, a.state))
    m.check(a.state == "pausing", "NdisMPauseComplete while the adapter is %s (only a pause that returned "
            "NDIS_STATUS_PENDING is completed, once)" % a.state)
    m.check(m.irql <= 2, "NdisMPauseComplete at IRQL %d" % m.irql)
    if a.state == "pausing" and m.in_handler != "PauseHandler":
        a.state = "paused"  # (inside MiniportPause the harness settles the state when it returns)


NDIS_SLEEP_LIMIT = 2000


@api("ndis", 1)
def NdisMSleep(m, c, microseconds):
    m.check(m.irql == 0, "NdisMSleep(%d) at IRQL %d: it may only be called at PASSIVE_LEVEL"
            % (microseconds & 0xFFFFFFFF, m.irql))
    m.sleeps += 1
    m.sleep_calls.append((m.in_handler, microseconds & 0xFFFFFFFF))
    if m.sleeps > NDIS_SLEEP_LIMIT:
        # in the emulator nothing else runs while the driver sleeps: it is waiting forever
        raise FatalStop("NdisMSleep called %d times in a row: the driver waits for something that never "
                        "happens (in %s)" % (m.sleeps, m.in_handler))


# -- timers -----------------------------------------------------------------------------------
@api("ndis", 3)
def NdisAllocateTimerObject(m, c, nh, pchars, ptimer):
    m.check(m.known_ndis_handle(nh), "NdisAllocateTimerObject: NdisHandle %#x unknown" % nh)
    m.check_header("NdisAllocateTimerObject", "NDIS_TIMER_CHARACTERISTICS", pchars,
                   "NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS",
                   {m.const("NDIS_TIMER_CHARACTERISTICS_REVISION_1"): m.const("NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1")})
    d = m.view("NDIS_TIMER_CHARACTERISTICS", pchars).decode()
    h = m.new_handle("timer")
    m.timers[h] = {"chars": d, "armed": False, "due": None, "period": 0, "context": d.get("FunctionContext"),
                   "live": True}
    m.mem.w64(ptimer, h)
    return m.const("NDIS_STATUS_SUCCESS")


@api("ndis", 4)
def NdisSetTimerObject(m, c, timer, due, period, ctx):
    t = m.timers.get(timer)
    if t is None or not t["live"]:
        raise FatalStop("NdisSetTimerObject(%#x): not a live timer object" % timer)
    was = t["armed"]
    due = due - (1 << 64) if due & (1 << 63) else due
    t.update(armed=True, due=due, period=period & 0xFFFFFFFF, context=ctx)
    return 1 if was else 0


@api("ndis", 1)
def NdisCancelTimerObject(m, c, timer):
    t = m.timers.get(timer)
    if t is None or not t["live"]:
        raise FatalStop("NdisCancelTimerObject(%#x): not a live timer object" % timer)
    was = t["armed"]
    t["armed"] = False
    return 1 if was else 0


@api("ndis", 1)
def NdisFreeTimerObject(m, c, timer):
    t = m.timers.get(timer)
    if t is None or not t["live"]:
        m.fail("NdisFreeTimerObject(%#x): not a live timer object" % timer)
        return None
    m.check(not t["armed"], "NdisFreeTimerObject(%#x): the timer is still set (cancel it first)" % timer)
    t["live"] = False


# ================================================================================================
# ntoskrnl.exe
# ================================================================================================
@api("ntoskrnl", 5)
def KeBugCheckEx(m, c, code, p1, p2, p3, p4):
    m.bugchecks.append((code, p1, p2, p3, p4))
    raise FatalStop("KeBugCheckEx(%#x, %#x, %#x, %#x, %#x): the driver bug-checked"
                    % (code & 0xFFFFFFFF, p1, p2, p3, p4))


@api("ntoskrnl", 3)
def ExAllocatePool2(m, c, flags, nbytes, tag):
    tag &= 0xFFFFFFFF
    types = flags & (m.const("POOL_FLAG_NON_PAGED") | m.const("POOL_FLAG_NON_PAGED_EXECUTE") | m.const("POOL_FLAG_PAGED"))
    if types == 0 or types & (types - 1):
        m.fail("ExAllocatePool2: Flags %#x must name exactly one pool type" % flags)
        return 0
    if tag == 0:
        m.fail("ExAllocatePool2: Tag 0")
        return 0
    if nbytes == 0:
        m.fail("ExAllocatePool2: NumberOfBytes 0")
        return 0
    if nbytes > 0x10000000 or m.injected_failure("ExAllocatePool2", c):
        return 0
    fill = UNINIT_FILL if flags & m.const("POOL_FLAG_UNINITIALIZED") else 0
    b = m.arena.alloc(nbytes, "driver", "pool", fill=fill, tag=tag, note="flags %#x" % flags)
    return b.addr


@api("ntoskrnl", 2)
def ExFreePoolWithTag(m, c, p, tag):
    _free(m, "ExFreePoolWithTag", p, tag & 0xFFFFFFFF, "pool")


def _lock_name(m, lock):
    b = m.arena.containing(lock)
    return "%#x%s" % (lock, " (in %r)" % b if b else "")


@api("ntoskrnl", 1)
def KeAcquireSpinLockRaiseToDpc(m, c, lock):
    if lock in m.locks:
        raise FatalStop("KeAcquireSpinLockRaiseToDpc(%s): already held: deadlock" % _lock_name(m, lock))
    old = m.irql
    m.locks[lock] = old
    m.mem.w64(lock, 1)
    m.irql = 2
    return old


@api("ntoskrnl", 2)
def KeReleaseSpinLock(m, c, lock, new_irql):
    if lock not in m.locks:
        m.fail("KeReleaseSpinLock(%s): lock not held" % _lock_name(m, lock))
        return None
    saved = m.locks.pop(lock)
    m.check(saved is not None, "KeReleaseSpinLock(%s): lock was taken with KeAcquireSpinLockAtDpcLevel" % _lock_name(m, lock))
    m.check((new_irql & 0xFF) == saved if saved is not None else True,
            "KeReleaseSpinLock(%s): NewIrql %d is not the IRQL the acquire returned (%s)"
            % (_lock_name(m, lock), new_irql & 0xFF, saved))
    m.mem.w64(lock, 0)
    m.irql = new_irql & 0xFF
    return None


@api("ntoskrnl", 1)
def KeAcquireSpinLockAtDpcLevel(m, c, lock):
    m.check(m.irql >= 2, "KeAcquireSpinLockAtDpcLevel(%s) at IRQL %d (< DISPATCH_LEVEL)" % (_lock_name(m, lock), m.irql))
    if lock in m.locks:
        raise FatalStop("KeAcquireSpinLockAtDpcLevel(%s): already held: deadlock" % _lock_name(m, lock))
    m.locks[lock] = None
    m.mem.w64(lock, 1)
    return None


@api("ntoskrnl", 1)
def KeReleaseSpinLockFromDpcLevel(m, c, lock):
    if lock not in m.locks:
        m.fail("KeReleaseSpinLockFromDpcLevel(%s): lock not held" % _lock_name(m, lock))
        return None
    saved = m.locks.pop(lock)
    m.check(saved is None, "KeReleaseSpinLockFromDpcLevel(%s): lock was taken with KeAcquireSpinLockRaiseToDpc"
            % _lock_name(m, lock))
    m.mem.w64(lock, 0)
    return None


@api("ntoskrnl", 6)
def MmMapLockedPagesSpecifyCache(m, c, mdl, access_mode, cache_type, requested, bugcheck, priority):
    v = m.view("MDL", mdl)
    flags = v["MdlFlags"]
    m.check(access_mode & 0xFF == 0, "MmMapLockedPagesSpecifyCache: AccessMode must be KernelMode")
    if flags & (m.const("MDL_MAPPED_TO_SYSTEM_VA") | m.const("MDL_SOURCE_IS_NONPAGED_POOL")):
        return v["MappedSystemVa"]
    return v["StartVa"] + v["ByteOffset"]


_FMT_RE = re.compile(r"%([-+ #0]*)(\d*|\*)(?:\.(\d+|\*))?(hh|h|ll|l|I64|I32|I|z)?([diuxXcspS%])")


def format_c(m, fmt, args):
    """printf-ish formatting of a DbgPrintEx message (enough for a log line)."""
    out, it = [], iter(args)

    def nxt():
        return next(it, 0)

    pos = 0
    for mt in _FMT_RE.finditer(fmt):
        out.append(fmt[pos:mt.start()])
        pos = mt.end()
        flags, width, prec, size, conv = mt.groups()
        if conv == "%":
            out.append("%")
            continue
        if width == "*":
            nxt()
        if prec == "*":  # the precision is an int argument before the value
            prec = nxt() & 0xFFFFFFFF
            prec = None if prec & 0x80000000 else prec
        elif prec is not None:
            prec = int(prec)
        v = nxt()
        if size not in ("ll", "I64", "I", "z") and conv not in "ps":
            v &= 0xFFFFFFFF
        if conv in "di":
            bits = 64 if size in ("ll", "I64", "I", "z") else 32
            if v >> (bits - 1) & 1:
                v -= 1 << bits
            out.append(str(v))
        elif conv == "u":
            out.append(str(v))
        elif conv in "xX":
            out.append(("0x" if "#" in flags else "") + (format(v, conv)))
        elif conv == "p":
            out.append("%016X" % v)
        elif conv == "c":
            out.append(chr(v & 0xFF))
        elif conv in "sS":
            try:
                if not v:
                    out.append("(null)")
                elif prec is not None:  # %.Ns / %.*s: at most N bytes, NUL not required
                    raw = m.mem.read(v, min(prec, 1024))
                    out.append(raw.split(b"\0", 1)[0].decode("latin-1"))
                else:
                    out.append(m.mem.cstr(v, 256))
            except Exception:
                out.append("<bad string %#x>" % v)
    out.append(fmt[pos:])
    return "".join(out)


@api("ntoskrnl", -1)
def DbgPrintEx(m, c, component, level, fmt):
    s = m.mem.cstr(fmt) if fmt else ""
    c.decoded["format"] = s
    n = min(sum(1 + (w == "*") + (p == "*") for _, w, p, _, cv in _FMT_RE.findall(s) if cv != "%"), 16)
    try:
        args = m.se.emu.get_func_argv(_arch.CALL_CONV_STDCALL, 3 + n)[3:] if n else []
        msg = format_c(m, s, args)
    except Exception:
        msg = s
    c.decoded["message"] = msg
    m.debug_prints.append(msg)
    return 0


def _check_range(m, api_name, addr, n):
    if n == 0:
        return
    try:
        m.mem.read(addr, 1)
        m.mem.read(addr + n - 1, 1)
    except Exception:
        raise FatalStop("%s: %#x..%#x is not mapped memory" % (api_name, addr, addr + n)) from None


@api("ntoskrnl", 3)
def memcpy(m, c, dst, src, n):
    if n:
        _check_range(m, "memcpy", dst, n)
        _check_range(m, "memcpy", src, n)
        if dst != src and dst < src + n and src < dst + n:
            m.fail("memcpy(%#x, %#x, %d): overlapping buffers" % (dst, src, n))
        m.mem.write(dst, m.mem.read(src, n))
    return dst


@api("ntoskrnl", 3)
def memmove(m, c, dst, src, n):
    if n:
        _check_range(m, "memmove", dst, n)
        _check_range(m, "memmove", src, n)
        m.mem.write(dst, m.mem.read(src, n))
    return dst


@api("ntoskrnl", 3)
def memset(m, c, dst, val, n):
    if n:
        _check_range(m, "memset", dst, n)
        m.mem.write(dst, bytes([val & 0xFF]) * n)
    return dst


@api("ntoskrnl", 3)
def memcmp(m, c, a, b, n):
    if not n:
        return 0
    _check_range(m, "memcmp", a, n)
    _check_range(m, "memcmp", b, n)
    x, y = m.mem.read(a, n), m.mem.read(b, n)
    for i in range(n):
        if x[i] != y[i]:
            return (x[i] - y[i]) & 0xFFFFFFFF
    return 0


# ================================================================================================
# Builders (structures NDIS hands to the driver), from the oracle layout
# ================================================================================================
def _ndis_version(m):
    r = m.registrations[-1] if m.registrations else None
    if r is None:
        return "6.30"
    return "%d.%d" % (r["MajorNdisVersion"], r["MinorNdisVersion"])


def _max_nbl_info(m):
    tab = m.abi.data["version_dependent_constants"]["MaxNetBufferListInfo"]
    return tab.get(m.ndis_version(), tab["6.30"])


NdisModel.ndis_version = _ndis_version
NdisModel.max_nbl_info = _max_nbl_info


def build_init_parameters(m, if_index=1, net_luid=0):
    size = m.const("NDIS_SIZEOF_MINIPORT_INIT_PARAMETER_REVISION_1")
    p = m.alloc(m.abi.size("NDIS_MINIPORT_INIT_PARAMETERS"), note="init-params")
    v = m.view("NDIS_MINIPORT_INIT_PARAMETERS", p)
    v["Header.Type"] = m.const("NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS")
    v["Header.Revision"] = m.const("NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1")
    v["Header.Size"] = size
    v["Flags"] = 0
    v["AllocatedResources"] = 0  # a virtual miniport gets no hardware resources
    v["IfIndex"] = if_index
    v["NetLuid"] = net_luid
    return p


def build_pause_parameters(m, reason=0):
    p = m.alloc(m.abi.size("NDIS_MINIPORT_PAUSE_PARAMETERS"), note="pause-params")
    v = m.view("NDIS_MINIPORT_PAUSE_PARAMETERS", p)
    v["Header.Type"] = m.const("NDIS_OBJECT_TYPE_DEFAULT")
    v["Header.Revision"] = m.const("NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1")
    v["Header.Size"] = m.const("NDIS_SIZEOF_MINIPORT_PAUSE_PARAMETERS_REVISION_1")
    v["Flags"] = 0
    v["PauseReason"] = reason
    return p


def build_restart_parameters(m):
    p = m.alloc(m.abi.size("NDIS_MINIPORT_RESTART_PARAMETERS"), note="restart-params")
    v = m.view("NDIS_MINIPORT_RESTART_PARAMETERS", p)
    v["Header.Type"] = m.const("NDIS_OBJECT_TYPE_DEFAULT")
    v["Header.Revision"] = m.const("NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1")
    v["Header.Size"] = m.const("NDIS_SIZEOF_MINIPORT_RESTART_PARAMETERS_REVISION_1")
    v["RestartAttributes"] = 0
    v["Flags"] = 0
    return p


class OidRequest:
    """An NDIS_OID_REQUEST in emulated memory with its information buffer and a canary after it."""

    CANARY = bytes([0xC3, 0x5A, 0xA5, 0x3C]) * 8

    def __init__(self, m, request_type, oid, buf_len, data=b"", method_id=0, port=0):
        self.m = m
        size = m.abi.size("NDIS_OID_REQUEST")
        self.addr = m.alloc(size, note="oid-request %#x" % oid)
        self.buf_len = buf_len
        self.buf = m.alloc(buf_len + len(self.CANARY), note="oid-buffer")
        m.mem.write(self.buf + buf_len, self.CANARY)
        if data:
            m.mem.write(self.buf, data[:buf_len])
        self.request_type, self.oid = request_type, oid
        v = self.v = m.view("NDIS_OID_REQUEST", self.addr)
        v["Header.Type"] = m.const("NDIS_OBJECT_TYPE_OID_REQUEST")
        v["Header.Revision"] = m.const("NDIS_OID_REQUEST_REVISION_1")
        v["Header.Size"] = m.const("NDIS_SIZEOF_OID_REQUEST_REVISION_1")
        v["RequestType"] = request_type
        v["PortNumber"] = port
        v["Timeout"] = 0
        v["RequestId"] = self.addr ^ 0x5100
        v["RequestHandle"] = m.new_handle("oid-request-handle")
        if request_type == m.const("NdisRequestMethod"):
            v["DATA.METHOD_INFORMATION.Oid"] = oid
            v["DATA.METHOD_INFORMATION.InformationBuffer"] = self.buf
            v["DATA.METHOD_INFORMATION.InputBufferLength"] = len(data)
            v["DATA.METHOD_INFORMATION.OutputBufferLength"] = buf_len
            v["DATA.METHOD_INFORMATION.MethodId"] = method_id
        elif request_type == m.const("NdisRequestSetInformation"):
            v["DATA.SET_INFORMATION.Oid"] = oid
            v["DATA.SET_INFORMATION.InformationBuffer"] = self.buf
            v["DATA.SET_INFORMATION.InformationBufferLength"] = buf_len
        else:
            v["DATA.QUERY_INFORMATION.Oid"] = oid
            v["DATA.QUERY_INFORMATION.InformationBuffer"] = self.buf
            v["DATA.QUERY_INFORMATION.InformationBufferLength"] = buf_len
        self.rec = {"request": self, "pending_kind": None, "completed": None}
        m.oid_requests[self.addr] = self.rec

    def canary_ok(self):
        return self.m.mem.read(self.buf + self.buf_len, len(self.CANARY)) == self.CANARY

    def data(self, n=None):
        return self.m.mem.read(self.buf, self.buf_len if n is None else min(n, self.buf_len))

    @property
    def bytes_written(self):
        if self.request_type == self.m.const("NdisRequestMethod"):
            return self.v["DATA.METHOD_INFORMATION.BytesWritten"]
        return self.v["DATA.QUERY_INFORMATION.BytesWritten"]

    @property
    def bytes_read(self):
        if self.request_type == self.m.const("NdisRequestMethod"):
            return self.v["DATA.METHOD_INFORMATION.BytesRead"]
        return self.v["DATA.SET_INFORMATION.BytesRead"]

    @property
    def bytes_needed(self):
        if self.request_type == self.m.const("NdisRequestMethod"):
            return self.v["DATA.METHOD_INFORMATION.BytesNeeded"]
        return self.v["DATA.QUERY_INFORMATION.BytesNeeded"]


def build_mdl_chain(m, data, split):
    """MDLs over `data`, cut at the byte counts in `split` (the rest goes in a last MDL). Each
    MDL describes its own buffer; returns the first MDL and the list."""
    pieces, pos = [], 0
    for n in split:
        pieces.append(data[pos:pos + n])
        pos += n
    if pos < len(data) or not pieces:
        pieces.append(data[pos:])
    mdls = []
    for p in pieces:
        buf = m.alloc(max(len(p), 1), note="mdl-data")
        if p:
            m.mem.write(buf, p)
        mdls.append(_make_mdl(m, buf, len(p), "harness"))
    for a, b in zip(mdls, mdls[1:]):
        m.view("MDL", a)["Next"] = b
    return mdls[0], mdls


def build_net_buffer(m, frame, split=(), data_offset=0):
    """A NET_BUFFER describing `frame`, preceded by `data_offset` unused bytes in the first MDL."""
    data = bytes(data_offset) + frame
    first, mdls = build_mdl_chain(m, data, [s + (data_offset if i == 0 else 0) for i, s in enumerate(split)])
    nb = m.alloc(m.abi.size("NET_BUFFER"), note="nb")
    _position_nb(m, nb, first, data_offset, len(frame))
    return nb


NBL_STATUS_POISON = 0x5A5A5A5A


def build_nbl(m, frames, split=(), data_offset=0):
    """A NET_BUFFER_LIST with one NET_BUFFER per frame (each split over MDLs at `split`)."""
    nbl = m.alloc(_nbl_size(m), note="nbl")
    v = m.view("NET_BUFFER_LIST", nbl)
    nbs = [build_net_buffer(m, f, split, data_offset) for f in frames]
    for a, b in zip(nbs, nbs[1:]):
        m.view("NET_BUFFER", a)["Next"] = b
    v["FirstNetBuffer"] = nbs[0] if nbs else 0
    v["Status"] = NBL_STATUS_POISON
    v["SourceHandle"] = m.new_handle("protocol-binding")
    return nbl


def build_nbl_chain(m, frame_lists, split=(), data_offset=0):
    """A chain of NBLs; frame_lists = [[frame, ...] per NBL]. Returns (first, [nbl, ...])."""
    nbls = [build_nbl(m, fl, split, data_offset) for fl in frame_lists]
    for a, b in zip(nbls, nbls[1:]):
        m.view("NET_BUFFER_LIST", a)["Next"] = b
    return (nbls[0] if nbls else 0), nbls


def nbl_frames(m, nbl):
    out, nb = [], m.view("NET_BUFFER_LIST", nbl)["FirstNetBuffer"]
    while nb:
        out.append(read_nb_data(m, nb))
        nb = m.view("NET_BUFFER", nb)["Next"]
    return out


# heap checks ------------------------------------------------------------------------------------
def check_heap(m):
    """Red zones of every block intact; freed driver blocks still poisoned (no write after free)."""
    bad = []
    for b in m.arena.blocks.values():
        if not m.arena.redzone_ok(b):
            bad.append("heap overrun past the end of %r" % b)
        elif not b.live and b.owner == "driver":
            if m.mem.read(b.addr, b.size) != bytes([FREED_POISON]) * b.size:
                bad.append("write after free into %r" % b)
    return bad


NdisModel.check_heap = check_heap


def build_pnp_event(m, event, info=b""):
    """A NET_DEVICE_PNP_EVENT (layout from abi.EXTRA_STRUCTS: the oracle lacks it)."""
    p = m.alloc(m.abi.size("NET_DEVICE_PNP_EVENT"), note="pnp-event")
    v = m.view("NET_DEVICE_PNP_EVENT", p)
    v["Header.Type"] = m.const("NDIS_OBJECT_TYPE_DEFAULT")
    v["Header.Revision"] = m.const("NET_DEVICE_PNP_EVENT_REVISION_1")
    v["Header.Size"] = m.const("NDIS_SIZEOF_NET_DEVICE_PNP_EVENT_REVISION_1")
    v["PortNumber"] = m.const("NDIS_DEFAULT_PORT_NUMBER")
    v["DevicePnPEvent"] = event
    if info:
        buf = m.alloc(len(info), note="pnp-info")
        m.mem.write(buf, info)
        v["InformationBuffer"] = buf
        v["InformationBufferLength"] = len(info)
    return p


# ================================================================================================
# IPsec Offload V2 payloads (what tcpip.sys hands the miniport), laid out from the oracle
# ================================================================================================
class StructBytes:
    """A structure in a Python bytearray, written by oracle field names, like `View` but before
    the bytes are copied into emulated memory (OID payloads are built whole, then handed over).
    `base` places the structure inside a larger buffer."""

    def __init__(self, a, struct_name, buf, base=0):
        self.abi, self.name, self.buf, self.base = a, struct_name, buf, base

    def off(self, field):
        if field.startswith("Header."):
            return self.base + self.abi.offset(self.name, "Header") + View.HEADER[field.split(".", 1)[1]][0]
        return self.base + self.abi.offset(self.name, field)

    def fsize(self, field):
        if field.startswith("Header."):
            return View.HEADER[field.split(".", 1)[1]][1]
        return self.abi.field_size(self.name, field)

    def __setitem__(self, field, value):
        o, n = self.off(field), self.fsize(field)
        if isinstance(value, (bytes, bytearray)):
            if len(value) > n:
                raise ValueError("%s.%s: %d bytes do not fit in %d" % (self.name, field, len(value), n))
            self.buf[o:o + len(value)] = value
        else:
            self.buf[o:o + n] = (value & ((1 << (8 * n)) - 1)).to_bytes(n, "little")

    def __getitem__(self, field):
        o, n = self.off(field), self.fsize(field)
        return int.from_bytes(self.buf[o:o + n], "little")

    def header(self, t, r, s):
        self["Header.Type"], self["Header.Revision"], self["Header.Size"] = t, r, s


def ipsec_alg(identifier, key=b"", additional=0, key_length=None, key_offset=None):
    """An IPSEC_OFFLOAD_V2_ALGORITHM_INFO: its key goes into the bundle's key array;
    `key_length` / `key_offset` override what the builder would write (malformed inputs)."""
    return {"Identifier": identifier, "key": bytes(key), "AdditionalInfo": additional,
            "KeyLength": key_length, "KeyOffsetBytes": key_offset}


def ipsec_sa(m, operation, spi, auth=None, enc=None, esn=False, seq_high=0, flags=None, enc_key_first=False):
    """An IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION. `operation` is "AH", "ESP" or a number."""
    if isinstance(operation, str):
        operation = {"AH": m.const("IPsecOffloadV2Ah"), "ESP": m.const("IPsecOffloadV2Esp")}[operation]
    if flags is None:
        flags = m.const("IPSEC_OFFLOAD_V2_ESN_SA") if esn else 0
    return {"Flags": flags, "Operation": operation, "Spi": spi, "SequenceNumberHighOrder": seq_high,
            "auth": auth, "enc": enc, "enc_key_first": enc_key_first}


def ipsec_key_array(sas):
    """The bundle's key array: per SA its integrity key then its confidentiality key (or the
    other way round with `enc_key_first`), each found through its own KeyOffsetBytes."""
    keys, places = bytearray(), []
    for sa in sas:
        place = {}
        order = ("enc", "auth") if sa.get("enc_key_first") else ("auth", "enc")
        for which in order:
            alg = sa.get(which)
            if alg and alg["key"]:
                place[which] = len(keys)
                keys += alg["key"]
        places.append(place)
    return bytes(keys), places


def _ipsec_fill_bundle(m, sb, sas, places, flags, src, dst, udp, num_ext_hdrs):
    sb["NumExtHdrs"] = len(sas) if num_ext_hdrs is None else num_ext_hdrs
    sb["Flags"] = flags
    if src or dst:
        v6 = len(src or dst) == 16
        pre = "IPv6Endpoints." if v6 else "IPv4Endpoints."
        sb[pre + "SrcAddr"] = bytes(src)
        sb[pre + "DestAddr"] = bytes(dst)
    sb["UdpEspEncapsulation"] = udp
    for i, (sa, place) in enumerate(zip(sas, places)):
        s = StructBytes(m.abi, "IPSEC_OFFLOAD_V2_SECURITY_ASSOCIATION", sb.buf, sb.off("SecAssoc[%d]" % i))
        for f in ("Flags", "Operation", "Spi", "SequenceNumberHighOrder"):
            s[f] = sa[f]
        for which, member in (("auth", "AuthenticationAlgorithm"), ("enc", "EncryptionAlgorithm")):
            alg = sa.get(which)
            if not alg:
                continue
            ai = StructBytes(m.abi, "IPSEC_OFFLOAD_V2_ALGORITHM_INFO", sb.buf, s.off(member))
            ai["Identifier"] = alg["Identifier"]
            ai["KeyLength"] = len(alg["key"]) if alg["KeyLength"] is None else alg["KeyLength"]
            ai["KeyOffsetBytes"] = place.get(which, 0) if alg["KeyOffsetBytes"] is None else alg["KeyOffsetBytes"]
            ai["AdditionalInfo"] = alg["AdditionalInfo"]


def _ipsec_header(m, sb, prefix, header):
    t, r, s = header or (m.const("NDIS_OBJECT_TYPE_DEFAULT"), m.const("NDIS_%s_REVISION_1" % prefix),
                         m.const("NDIS_SIZEOF_%s_REVISION_1" % prefix))
    sb.header(t, r, s)


def build_add_sa_ex(m, sas, flags=0, src=b"", dst=b"", udp=0, num_ext_hdrs=None, header=None,
                    handle=0, key_at=None, key_offset=None, key_length=None, trailer=b""):
    """IPSEC_OFFLOAD_V2_ADD_SA_EX bytes: the structure (sizeof), then the key array at `key_at`
    (default: right after the structure). KeyOffset/KeyLength are where the keys are, unless
    overridden. `handle` pre-fills OffloadHandle (to see that the miniport overwrites it)."""
    name = "IPSEC_OFFLOAD_V2_ADD_SA_EX"
    keys, places = ipsec_key_array(sas)
    at = m.abi.size(name) if key_at is None else key_at
    buf = bytearray(max(m.abi.size(name), at + len(keys)))
    sb = StructBytes(m.abi, name, buf)
    _ipsec_header(m, sb, "IPSEC_OFFLOAD_V2_ADD_SA_EX", header)
    _ipsec_fill_bundle(m, sb, sas, places, flags, src, dst, udp, num_ext_hdrs)
    sb["OffloadHandle"] = handle
    sb["KeyLength"] = len(keys) if key_length is None else key_length
    sb["KeyOffset"] = at if key_offset is None else key_offset
    buf[at:at + len(keys)] = keys
    return bytes(buf) + bytes(trailer)


def build_add_sa(m, sas, flags=0, src=b"", dst=b"", udp=0, num_ext_hdrs=None, header=None,
                 handle=0, next_=0, key_length=None):
    """One IPSEC_OFFLOAD_V2_ADD_SA element: keys inline at KeyData; at least sizeof bytes."""
    name = "IPSEC_OFFLOAD_V2_ADD_SA"
    keys, places = ipsec_key_array(sas)
    at = m.abi.offset(name, "KeyData")
    buf = bytearray(max(m.abi.size(name), at + len(keys)))
    sb = StructBytes(m.abi, name, buf)
    _ipsec_header(m, sb, "IPSEC_OFFLOAD_V2_ADD_SA", header)
    sb["Next"] = next_
    _ipsec_fill_bundle(m, sb, sas, places, flags, src, dst, udp, num_ext_hdrs)
    sb["OffloadHandle"] = handle
    sb["KeyLength"] = len(keys) if key_length is None else key_length
    buf[at:at + len(keys)] = keys
    return bytes(buf)


def build_delete_sa(m, handle, next_=0, header=None):
    name = "IPSEC_OFFLOAD_V2_DELETE_SA"
    buf = bytearray(m.abi.size(name))
    sb = StructBytes(m.abi, name, buf)
    _ipsec_header(m, sb, "IPSEC_OFFLOAD_V2_DELETE_SA", header)
    sb["Next"] = next_
    sb["OffloadHandle"] = handle
    return bytes(buf)


def build_update_sa(m, handle, operation, spi, seq_high=0, header=None):
    """IPSEC_OFFLOAD_V2_UPDATE_SA bytes (sizeof; Header.Size the revision-1 size)."""
    name = "IPSEC_OFFLOAD_V2_UPDATE_SA"
    if isinstance(operation, str):
        operation = {"AH": m.const("IPsecOffloadV2Ah"), "ESP": m.const("IPsecOffloadV2Esp")}[operation]
    buf = bytearray(m.abi.size(name))
    sb = StructBytes(m.abi, name, buf)
    _ipsec_header(m, sb, "IPSEC_OFFLOAD_V2_UPDATE_SA", header)
    sb["OffloadHandle"] = handle
    sb["Operation"] = operation
    sb["Spi"] = spi
    sb["SequenceNumberHighOrder"] = seq_high
    return bytes(buf)


def place_list(m, elements, next_field, note="list-element"):
    """Links byte elements through their `next_field` offset: elements[1:] are put in harness
    memory (the stack's kernel memory), elements[0] is returned with Next set, to go into the
    information buffer. Returns (first_bytes, [addresses of elements[1:]])."""
    addrs = [0] * len(elements)
    nxt = 0
    for i in range(len(elements) - 1, 0, -1):
        e = bytearray(elements[i])
        e[next_field:next_field + 8] = nxt.to_bytes(8, "little")
        addrs[i] = m.alloc(len(e), note="%s %d" % (note, i))
        m.mem.write(addrs[i], e)
        nxt = addrs[i]
    first = bytearray(elements[0])
    first[next_field:next_field + 8] = nxt.to_bytes(8, "little")
    return bytes(first), addrs[1:]


def build_offload_parameters(m, ipsec_v2=0, revision=2, size=None, header_type=None, **fields):
    """NDIS_OFFLOAD_PARAMETERS bytes of Header.Size (the revision's NDIS_SIZEOF by default)."""
    name = "NDIS_OFFLOAD_PARAMETERS"
    if size is None:
        size = m.const("NDIS_SIZEOF_OFFLOAD_PARAMETERS_REVISION_%d" % revision)
    buf = bytearray(max(size, m.abi.size(name)))
    sb = StructBytes(m.abi, name, buf)
    sb.header(m.const("NDIS_OBJECT_TYPE_DEFAULT") if header_type is None else header_type, revision, size)
    if sb.off("IPsecV2") < size:
        sb["IPsecV2"] = ipsec_v2
    for f, v in fields.items():
        sb[f] = v
    return bytes(buf[:size])


def build_offload_encapsulation(m, v4=True, v6=True, encapsulation=None, header_size=14):
    """NDIS_OFFLOAD_ENCAPSULATION (OID_OFFLOAD_ENCAPSULATION) enabling Ethernet for IPv4/IPv6."""
    name = "NDIS_OFFLOAD_ENCAPSULATION"
    enc = m.const("NDIS_ENCAPSULATION_IEEE_802_3") if encapsulation is None else encapsulation
    buf = bytearray(m.abi.size(name))
    sb = StructBytes(m.abi, name, buf)
    sb.header(m.const("NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION"), m.const("NDIS_OFFLOAD_ENCAPSULATION_REVISION_1"),
              m.const("NDIS_SIZEOF_OFFLOAD_ENCAPSULATION_REVISION_1"))
    for fam, on in (("IPv4", v4), ("IPv6", v6)):
        sb[fam + ".Enabled"] = m.const("NDIS_OFFLOAD_SET_ON") if on else m.const("NDIS_OFFLOAD_SET_OFF")
        sb[fam + ".EncapsulationType"] = enc if on else 0
        sb[fam + ".HeaderSize"] = header_size if on else 0
    return bytes(buf)


def find_in_driver_memory(m, needle, live=True):
    """Driver-owned arena blocks (live ones by default) whose bytes contain `needle`."""
    return [b for b in m.arena.blocks.values()
            if b.owner == "driver" and b.live == live and needle in m.mem.read(b.addr, b.size)]


# ================================================================================================
# The control device: NdisRegisterDeviceEx / NdisDeregisterDeviceEx, IRPs, IofCompleteRequest
# ================================================================================================
# None of these structures are in the ABI oracle (they are wdm.h types, and
# NDIS_DEVICE_OBJECT_ATTRIBUTES is not in it either). The x64 offsets below are those of
# docs/notes/control-device-layouts.md (§1 NDIS_DEVICE_OBJECT_ATTRIBUTES, §3 IRP,
# §4 IO_STACK_LOCATION, §5 DEVICE_OBJECT, §6 IRP_MJ_* and the dispatch prototype), each with two
# to four agreeing public sources named there. The header type comes from the oracle.
DEVICE_ATTRIBUTES = {  # NDIS_DEVICE_OBJECT_ATTRIBUTES, notes §1
    "Header": 0x00, "DeviceName": 0x08, "SymbolicName": 0x10, "MajorFunctions": 0x18, "ExtensionSize": 0x20,
    "DefaultSDDLString": 0x28, "DeviceClassGuid": 0x30,
}
DEVICE_ATTRIBUTES_SIZE = 0x38  # sizeof = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 (notes §1)
NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 = 1  # notes §1 (one source; see its "Disagreements" 2)
DEVICE_OBJECT_SIZE = 0x150  # notes §5 (0x150, not mingw's 0x148: "Disagreements" 1)
DEVICE_OBJECT_FIELDS = {"Type": 0x00, "Size": 0x02, "DriverObject": 0x08, "DeviceType": 0x48}
IO_TYPE_DEVICE, IO_TYPE_IRP = 3, 6  # wdm.h
FILE_DEVICE_NETWORK = 0x12  # notes §6
IRP_FIELDS = {  # notes §3
    "Type": 0x00, "Size": 0x02, "SystemBuffer": 0x18, "Status": 0x30, "Information": 0x38, "RequestorMode": 0x40,
    "StackCount": 0x42, "CurrentLocation": 0x43, "UserBuffer": 0x70, "CurrentStackLocation": 0xB8,
    "OriginalFileObject": 0xC0,
}
IRP_SIZE = 0xD0
IO_STATUS = (0x30, 0x40)  # IoStatus: the only bytes of the IRP the driver writes
IO_STACK_LOCATION_FIELDS = {  # notes §4 (DeviceIoControl members are 8 bytes apart)
    "MajorFunction": 0x00, "MinorFunction": 0x01, "OutputBufferLength": 0x08, "InputBufferLength": 0x10,
    "IoControlCode": 0x18, "Type3InputBuffer": 0x20, "DeviceObject": 0x28, "FileObject": 0x30,
}
IO_STACK_LOCATION_SIZE = 0x48
IRP_MJ_CREATE, IRP_MJ_CLOSE, IRP_MJ_DEVICE_CONTROL, IRP_MJ_CLEANUP = 0x00, 0x02, 0x0E, 0x12  # notes §6
IRP_MJ_NAMES = {IRP_MJ_CREATE: "IRP_MJ_CREATE", IRP_MJ_CLOSE: "IRP_MJ_CLOSE",
                IRP_MJ_DEVICE_CONTROL: "IRP_MJ_DEVICE_CONTROL", IRP_MJ_CLEANUP: "IRP_MJ_CLEANUP"}
IRP_MJ_COUNT = 0x1C  # IRP_MJ_MAXIMUM_FUNCTION + 1 (notes §6)
STATUS_PENDING = 0x00000103  # ntstatus.h
USER_MODE = 1  # KPROCESSOR_MODE UserMode
USER_BUFFER = 0x00007FF0_12340000  # Irp->UserBuffer of a device control: a user address, unmapped here
CONTROL_DEVICE_NAME = "\\Device\\IpsecOv2Control"
CONTROL_SYMBOLIC_NAME = "\\DosDevices\\IpsecOv2Control"
CONTROL_SDDL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)"  # SDDL_DEVOBJ_SYS_ALL_ADM_ALL (notes §1)
DEVICE_HANDLERS = ("InitializeHandlerEx", "HaltHandlerEx", "UnloadHandler")


def nt_error(status):
    """NTSTATUS severity error (the two top bits set); warnings (0x8...) are not errors."""
    return (status & 0xFFFFFFFF) >> 30 == 3


def _unicode_arg(m, api_name, what, addr, want):
    """A PUNICODE_STRING argument: its text, with the contract checks (Length even and
    without NUL, MaximumLength >= Length, Buffer set)."""
    if not addr:
        m.fail("%s: %s is NULL (expected %r)" % (api_name, what, want))
        return None
    v = m.view("UNICODE_STRING", addr)
    n, mx, buf = v["Length"], v["MaximumLength"], v["Buffer"]
    ok = m.check(n % 2 == 0 and mx >= n and (buf or not n),
                 "%s: %s UNICODE_STRING Length %d MaximumLength %d Buffer %#x (Length must be even, "
                 "MaximumLength >= Length)" % (api_name, what, n, mx, buf))
    text = m.mem.wstr(buf, n) if ok and n and buf else ""
    m.check(text == want, "%s: %s is %r, expected %r" % (api_name, what, text, want))
    return text


def _live_adapters(m, but=None):
    return [a for a in m.adapters.values()
            if a.state not in ("uninitialized", "failed", "halted") and a is not but]


@api("ndis", 4)
def NdisRegisterDeviceEx(m, c, nh, pattrs, pdevobj, phandle):
    api_name = "NdisRegisterDeviceEx"
    m.check(nh == m.driver_handle and nh, "%s: NdisHandle %#x is not the miniport driver handle %s" % (
        api_name, nh, hex(m.driver_handle) if m.driver_handle else None))
    m.check(m.irql == 0, "%s at IRQL %d (PASSIVE_LEVEL only)" % (api_name, m.irql))
    m.check(not m.locks, "%s called holding a spin lock" % api_name)
    m.check(m.in_handler == "InitializeHandlerEx" and m.current_init is not None,
            "%s called from %s, not from MiniportInitializeEx" % (api_name, m.in_handler or "outside a handler"))
    m.check(pdevobj != 0 and phandle != 0, "%s: NULL output pointer (pDeviceObject %#x, NdisDeviceHandle %#x)"
            % (api_name, pdevobj, phandle))
    d = {"address": pattrs, "adapter": m.current_init}
    if not pattrs:
        m.fail("%s: DeviceObjectAttributes is NULL" % api_name)
    else:
        t, r, s = m.mem.u8(pattrs), m.mem.u8(pattrs + 1), m.mem.u16(pattrs + 2)
        d["Header"] = (t, r, s)
        want = (m.const("NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES"), NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1,
                DEVICE_ATTRIBUTES_SIZE)
        m.check((t, r, s) == want, "%s: attributes header (Type %#x, Revision %d, Size %#x), expected (%#x, %d, %#x)"
                % ((api_name, t, r, s) + want))
        raw = {f: m.mem.u64(pattrs + o) for f, o in DEVICE_ATTRIBUTES.items() if f != "Header"}
        raw["ExtensionSize"] &= 0xFFFFFFFF
        d["raw"] = raw
        d["DeviceName"] = _unicode_arg(m, api_name, "DeviceName", raw["DeviceName"], CONTROL_DEVICE_NAME)
        d["SymbolicName"] = _unicode_arg(m, api_name, "SymbolicName", raw["SymbolicName"], CONTROL_SYMBOLIC_NAME)
        d["DefaultSDDLString"] = _unicode_arg(m, api_name, "DefaultSDDLString", raw["DefaultSDDLString"], CONTROL_SDDL)
        m.check(raw["ExtensionSize"] == 0, "%s: ExtensionSize %d, expected 0" % (api_name, raw["ExtensionSize"]))
        m.check(raw["DeviceClassGuid"] == 0, "%s: DeviceClassGuid %#x, expected NULL" % (api_name,
                                                                                         raw["DeviceClassGuid"]))
        table = raw["MajorFunctions"]
        d["MajorFunctions"] = None
        if not table:
            m.fail("%s: MajorFunctions is NULL" % api_name)
        else:
            fns = list(struct.unpack("<%dQ" % IRP_MJ_COUNT, m.mem.read(table, 8 * IRP_MJ_COUNT)))
            d["MajorFunctions"] = fns
            for i, fn in enumerate(fns):
                name = IRP_MJ_NAMES.get(i, "IRP_MJ %#x" % i)
                if i in IRP_MJ_NAMES:
                    m.check(fn != 0 and m.in_image_code(fn), "%s: MajorFunctions[%s] = %#x is not a routine in the "
                            "driver's executable sections" % (api_name, name, fn))
                else:
                    m.check(fn == 0, "%s: MajorFunctions[%s] = %#x, expected NULL (not handled)" % (api_name, name, fn))
    c.decoded["attributes"] = d
    if m.device is not None:
        m.fail("%s while the control device %#x is still registered (registered once, by the first adapter)"
               % (api_name, m.device["handle"]))
        fail = m.const("NDIS_STATUS_FAILURE")
    elif m.injected_failure(api_name, c):
        fail = m.const("NDIS_STATUS_RESOURCES")
    else:
        fail = None
    if fail is not None:
        if pdevobj:
            m.mem.w64(pdevobj, 0)
        if phandle:
            m.mem.w64(phandle, 0)
        m.device_events.append(("register-failed", m.in_handler, d))
        return fail
    devobj = m.arena.alloc(DEVICE_OBJECT_SIZE, "model", "device-object").addr
    m.mem.w16(devobj + DEVICE_OBJECT_FIELDS["Type"], IO_TYPE_DEVICE)
    m.mem.w16(devobj + DEVICE_OBJECT_FIELDS["Size"], DEVICE_OBJECT_SIZE)
    m.mem.w64(devobj + DEVICE_OBJECT_FIELDS["DriverObject"], getattr(m, "driver_object", 0) or 0)
    m.mem.w32(devobj + DEVICE_OBJECT_FIELDS["DeviceType"], FILE_DEVICE_NETWORK)
    handle = m.new_handle("ndis-device-handle")
    rec = {"handle": handle, "device_object": devobj, "attributes": d, "dispatch": list(d.get("MajorFunctions") or []),
           "live": True, "registered_in": m.in_handler, "adapter": m.current_init, "deregistered_in": None,
           "image": m.mem.read(devobj, DEVICE_OBJECT_SIZE)}
    m.devices[handle] = rec
    m.device = rec
    m.device_events.append(("register", m.in_handler, rec))
    m.mem.w64(pdevobj, devobj)
    m.mem.w64(phandle, handle)
    return m.const("NDIS_STATUS_SUCCESS")


@api("ndis", 1)
def NdisDeregisterDeviceEx(m, c, handle):
    api_name = "NdisDeregisterDeviceEx"
    m.check(m.irql == 0, "%s at IRQL %d (PASSIVE_LEVEL only)" % (api_name, m.irql))
    m.check(not m.locks, "%s called holding a spin lock" % api_name)
    m.check(m.in_handler in DEVICE_HANDLERS, "%s called from %s (expected MiniportHaltEx of the last adapter, or "
            "unload)" % (api_name, m.in_handler or "outside a handler"))
    rec = m.devices.get(handle)
    if rec is None or not rec["live"]:
        m.fail("%s(%#x): %s" % (api_name, handle, "not a device handle NdisRegisterDeviceEx returned" if rec is None
                                else "the device was already deregistered"))
        return None
    live = _live_adapters(m, but=m.halting)
    m.check(not live, "%s while adapter(s) %s are still live (the device goes with the last adapter)"
            % (api_name, ", ".join(str(a.index) for a in live)))
    rec["live"] = False
    rec["deregistered_in"] = m.in_handler
    m.device = None
    m.device_events.append(("deregister", m.in_handler, rec))
    b = m.arena.find(rec["device_object"])
    if b is not None and b.live:
        m.arena.free(b)  # NDIS deletes the device object: later use reads poison
    return None


@api("ntoskrnl", 2)
def IofCompleteRequest(m, c, irp, boost):
    api_name = "IofCompleteRequest"
    r = m.irps.get(irp)
    if r is None:
        raise FatalStop("%s(%#x): not an IRP the I/O manager sent to the driver" % (api_name, irp))
    m.check(m.irql <= 2, "%s at IRQL %d" % (api_name, m.irql))
    m.check(not m.locks, "%s called holding a spin lock" % api_name)
    status = m.mem.u32(irp + IRP_FIELDS["Status"])
    info = m.mem.u64(irp + IRP_FIELDS["Information"])
    r["completions"].append({"status": status, "information": info, "boost": boost & 0xFF, "seq": c.seq,
                             "handler": m.in_handler})
    if len(r["completions"]) > 1:
        m.fail("%s(%#x): the IRP was completed %d times" % (api_name, irp, len(r["completions"])))
        return None
    m.check(r["dispatching"], "%s(%#x) outside the dispatch routine the IRP was sent to" % (api_name, irp))
    m.check(status != STATUS_PENDING, "%s(%#x) with IoStatus.Status STATUS_PENDING" % (api_name, irp))
    c.decoded["status"], c.decoded["information"] = status, info
    # what the I/O manager copies back to the caller, and the state the driver must no longer touch
    r["reply"] = m.mem.read(r["system_buffer"], min(info, r["buffer_len"])) if r["system_buffer"] and info else b""
    r["at_completion"] = r["irp_object"].memory()
    return None


class Irp:
    """An IRP with one IO_STACK_LOCATION after it (as the I/O manager allocates them) and, for
    METHOD_BUFFERED device control, a system buffer of max(in, out) bytes holding the input,
    fenced by canaries. `memory()` is every byte the driver may see."""

    CANARY = bytes([0xB4, 0x7E, 0x3C, 0xA9]) * 8
    FILL = 0xEB  # the part of the system buffer past the input (not zeroed by the I/O manager)

    def __init__(self, m, major, device_object, file_object, code=0, data=b"", out_len=0, requestor_mode=USER_MODE,
                 minor=0):
        self.m, self.major, self.code, self.data, self.out_len = m, major, code, bytes(data), out_len
        self.in_len = len(self.data)
        self.addr = m.alloc(IRP_SIZE + IO_STACK_LOCATION_SIZE, note="irp %s" % IRP_MJ_NAMES.get(major, hex(major)))
        self.stack = self.addr + IRP_SIZE
        self.buffer_len = max(self.in_len, out_len) if major == IRP_MJ_DEVICE_CONTROL else 0
        self.fence = 0
        self.system_buffer = 0
        if self.buffer_len:
            n = len(self.CANARY)
            self.fence = m.alloc(n + self.buffer_len + n, note="irp system buffer")
            self.system_buffer = self.fence + n
            m.mem.write(self.fence, self.CANARY)
            m.mem.write(self.system_buffer, self.data + bytes([self.FILL]) * (self.buffer_len - self.in_len))
            m.mem.write(self.system_buffer + self.buffer_len, self.CANARY)
        w = m.mem
        w.w16(self.addr + IRP_FIELDS["Type"], IO_TYPE_IRP)
        w.w16(self.addr + IRP_FIELDS["Size"], IRP_SIZE + IO_STACK_LOCATION_SIZE)
        w.w64(self.addr + IRP_FIELDS["SystemBuffer"], self.system_buffer)
        w.w32(self.addr + IRP_FIELDS["Status"], 0x5A5A5A5A)  # never a status: the driver must set it
        w.w64(self.addr + IRP_FIELDS["Information"], 0x5A5A5A5A5A5A5A5A)
        w.w8(self.addr + IRP_FIELDS["RequestorMode"], requestor_mode)
        w.w8(self.addr + IRP_FIELDS["StackCount"], 1)
        w.w8(self.addr + IRP_FIELDS["CurrentLocation"], 1)
        w.w64(self.addr + IRP_FIELDS["CurrentStackLocation"], self.stack)
        w.w64(self.addr + IRP_FIELDS["OriginalFileObject"], file_object)
        if major == IRP_MJ_DEVICE_CONTROL:
            # the caller's own output buffer (user mode, not mapped here): a METHOD_BUFFERED
            # driver never touches it, it replies in the system buffer
            w.w64(self.addr + IRP_FIELDS["UserBuffer"], USER_BUFFER)
        s = self.stack
        w.w8(s + IO_STACK_LOCATION_FIELDS["MajorFunction"], major)
        w.w8(s + IO_STACK_LOCATION_FIELDS["MinorFunction"], minor)
        if major == IRP_MJ_DEVICE_CONTROL:
            w.w32(s + IO_STACK_LOCATION_FIELDS["OutputBufferLength"], out_len)
            w.w32(s + IO_STACK_LOCATION_FIELDS["InputBufferLength"], self.in_len)
            w.w32(s + IO_STACK_LOCATION_FIELDS["IoControlCode"], code)
        w.w64(s + IO_STACK_LOCATION_FIELDS["DeviceObject"], device_object)
        w.w64(s + IO_STACK_LOCATION_FIELDS["FileObject"], file_object)
        self.rec = {"irp": self.addr, "irp_object": self, "major": major, "completions": [], "dispatching": False,
                    "system_buffer": self.system_buffer, "buffer_len": self.buffer_len, "reply": b"",
                    "at_completion": None}
        m.irps[self.addr] = self.rec
        self.before = self.memory()

    def memory(self):
        """(IRP and stack location bytes with IoStatus blanked, IoStatus, system buffer)."""
        raw = bytearray(self.m.mem.read(self.addr, IRP_SIZE + IO_STACK_LOCATION_SIZE))
        io = bytes(raw[IO_STATUS[0]:IO_STATUS[1]])
        raw[IO_STATUS[0]:IO_STATUS[1]] = bytes(IO_STATUS[1] - IO_STATUS[0])
        buf = self.m.mem.read(self.system_buffer, self.buffer_len) if self.buffer_len else b""
        return bytes(raw), io, buf

    def fences_ok(self):
        if not self.buffer_len:
            return True, True
        n = len(self.CANARY)
        return (self.m.mem.read(self.fence, n) == self.CANARY,
                self.m.mem.read(self.system_buffer + self.buffer_len, n) == self.CANARY)

    @property
    def status(self):
        return self.m.mem.u32(self.addr + IRP_FIELDS["Status"])

    @property
    def information(self):
        return self.m.mem.u64(self.addr + IRP_FIELDS["Information"])
