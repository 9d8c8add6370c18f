"""Layouts and constants from the ABI oracle (tests/data/ndis-x64.json), and typed access to
emulated memory through them.

Every offset, size, bit-field mask and constant the emulator harness uses comes from here; the
harness never takes a number from the driver's Rust sources. Names are the C names of the WDK
headers, exactly as the oracle spells them (`NDIS_OID_REQUEST`, `DATA.QUERY_INFORMATION.Oid`).

A few values that the oracle does not carry (wdm.h / ntddk.h rather than ndis.h) are defined in
`EXTRA_CONSTANTS` below with the header they come from.
"""

import json
import os
import re
import struct

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ORACLE_PATH = os.path.join(REPO_ROOT, "tests", "data", "ndis-x64.json")

# Values not in the oracle (it covers ndis.h/ntddndis.h). Source: wdm.h (WDK 10.0.22621).
EXTRA_CONSTANTS = {
    # MDL flags (wdm.h)
    "MDL_MAPPED_TO_SYSTEM_VA": 0x0001,
    "MDL_SOURCE_IS_NONPAGED_POOL": 0x0004,
    # POOL_FLAGS of ExAllocatePool2 (wdm.h)
    "POOL_FLAG_USE_QUOTA": 0x0001,
    "POOL_FLAG_UNINITIALIZED": 0x0002,
    "POOL_FLAG_SESSION": 0x0004,
    "POOL_FLAG_CACHE_ALIGNED": 0x0008,
    "POOL_FLAG_RAISE_ON_FAILURE": 0x0020,
    "POOL_FLAG_NON_PAGED": 0x0040,
    "POOL_FLAG_NON_PAGED_EXECUTE": 0x0080,
    "POOL_FLAG_PAGED": 0x0100,
    # NTSTATUS (ntstatus.h)
    "STATUS_SUCCESS": 0x00000000,
    # NDIS_MEDIA_STATE (ntddndis.h): the OID_GEN_MEDIA_CONNECT_STATUS payload
    "NdisMediaStateConnected": 0,
    "NdisMediaStateDisconnected": 1,
    # NDIS_POWER_PROFILE (ntddndis.h): NdisDevicePnPEventPowerProfileChanged payload
    "NdisPowerProfileBattery": 0,
    "NdisPowerProfileAcOnLine": 1,
    # NET_DEVICE_PNP_EVENT (ndis.h): revision 1, size RTL_SIZEOF_THROUGH_FIELD(NdisReserved)
    "NET_DEVICE_PNP_EVENT_REVISION_1": 1,
    "NDIS_SIZEOF_NET_DEVICE_PNP_EVENT_REVISION_1": 0x2C,
    # IRQLs (wdm.h, x64)
    "PASSIVE_LEVEL": 0,
    "APC_LEVEL": 1,
    "DISPATCH_LEVEL": 2,
}

# Structures the oracle does not carry, laid out by the x64 C rules from the ndis.h member list
# (named here so that the gap is visible; ask for them to be added to the oracle).
EXTRA_STRUCTS = {
    # typedef struct _NET_DEVICE_PNP_EVENT { NDIS_OBJECT_HEADER Header; NDIS_PORT_NUMBER PortNumber;
    #   NDIS_DEVICE_PNP_EVENT DevicePnPEvent; PVOID InformationBuffer; ULONG InformationBufferLength;
    #   UCHAR NdisReserved[2 * sizeof(PVOID)]; }
    "NET_DEVICE_PNP_EVENT": {
        "size": 48, "align": 8,
        "fields": {"Header": 0, "PortNumber": 4, "DevicePnPEvent": 8, "InformationBuffer": 16,
                   "InformationBufferLength": 24, "NdisReserved": 28},
        "field_sizes": {"Header": 4, "PortNumber": 4, "DevicePnPEvent": 4, "InformationBuffer": 8,
                        "InformationBufferLength": 4, "NdisReserved": 16},
        "notes": "NOT FROM THE ORACLE: computed from the ndis.h member list (x64 C layout).",
    },
}

_SCALAR = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}
_ARRAY_RE = re.compile(r"^(.*)\[(\d+)\]$")


class AbiError(KeyError):
    pass


class Abi:
    """The oracle, with lookups that fail loudly on unknown names (typos fail on both sides)."""

    def __init__(self, path=ORACLE_PATH):
        with open(path) as f:
            self.data = json.load(f)
        self.structs = dict(self.data["structs"])
        for k, v in EXTRA_STRUCTS.items():
            self.structs.setdefault(k, v)
        self.constants = dict(self.data["constants"])

    # -- structures ---------------------------------------------------------------------------
    def _struct(self, name):
        try:
            return self.structs[name]
        except KeyError:
            raise AbiError("struct %s not in the ABI oracle" % name) from None

    def offset(self, struct_name, field):
        """Byte offset of `field` (C access path, or `Array[i]`) from the start of the struct."""
        s = self._struct(struct_name)
        if field in s["fields"]:
            return s["fields"][field]
        ae = s.get("array_elements", {})
        if field in ae:
            return ae[field]
        m = _ARRAY_RE.match(field)
        if m and m.group(1) in s["fields"]:
            base, idx = m.group(1), int(m.group(2))
            return s["fields"][base] + idx * self.element_size(struct_name, base)
        raise AbiError("%s.%s not in the ABI oracle" % (struct_name, field))

    def element_size(self, struct_name, array_field):
        """Element size of an array member (pointer arrays → 8; byte arrays → 1)."""
        s = self._struct(struct_name)
        ae = s.get("array_elements", {})
        e0, e1 = ae.get(array_field + "[0]"), ae.get(array_field + "[1]")
        if e0 is not None and e1 is not None:
            return e1 - e0
        # UCHAR arrays (MAC addresses) and the like
        known = {("NET_BUFFER_LIST", "NetBufferListInfo"): 8}
        if (struct_name, array_field) in known:
            return known[(struct_name, array_field)]
        return 1

    def field_size(self, struct_name, field):
        s = self._struct(struct_name)
        fs = s.get("field_sizes", {})
        if field in fs:
            return fs[field]
        m = _ARRAY_RE.match(field)
        if m:
            return self.element_size(struct_name, m.group(1))
        raise AbiError("size of %s.%s not in the ABI oracle" % (struct_name, field))

    def size(self, struct_name, ndis_version=None):
        """sizeof (NDIS 6.87 headers), or for the given NDIS version if the oracle has one."""
        s = self._struct(struct_name)
        if ndis_version is not None:
            by = s.get("sizeof_by_ndis_version") or {}
            if ndis_version in by and by[ndis_version] is not None:
                return by[ndis_version]
        return s["size"]

    def bitfield(self, struct_name, path):
        s = self._struct(struct_name)
        try:
            return s["bitfields"][path]
        except KeyError:
            raise AbiError("bit-field %s.%s not in the ABI oracle" % (struct_name, path)) from None

    def fields(self, struct_name):
        return dict(self._struct(struct_name)["fields"])

    # -- constants ----------------------------------------------------------------------------
    def const(self, name):
        if name in self.constants:
            return self.constants[name]
        if name in EXTRA_CONSTANTS:
            return EXTRA_CONSTANTS[name]
        raise AbiError("constant %s not in the ABI oracle" % name)

    def has_const(self, name):
        return name in self.constants or name in EXTRA_CONSTANTS

    def const_name(self, value, prefix):
        """Names of the constants starting with `prefix` whose value is `value` (for messages)."""
        names = [k for k, v in self.constants.items() if k.startswith(prefix) and v == value]
        return "/".join(names) if names else hex(value)

    def status_name(self, value):
        return self.const_name(value & 0xFFFFFFFF, "NDIS_STATUS_")


_ABI = None


def abi():
    global _ABI
    if _ABI is None:
        _ABI = Abi()
    return _ABI


def offset(struct_name, field):
    return abi().offset(struct_name, field)


def size(struct_name, ndis_version=None):
    return abi().size(struct_name, ndis_version)


def const(name):
    return abi().const(name)


# -- emulated memory ----------------------------------------------------------------------------
class Mem:
    """Typed reads and writes of emulated memory (anything with mem_read/mem_write)."""

    def __init__(self, emu):
        self.emu = emu

    def read(self, addr, n):
        return bytes(self.emu.mem_read(addr, n))

    def write(self, addr, data):
        self.emu.mem_write(addr, bytes(data))

    def u8(self, addr):
        return self.read(addr, 1)[0]

    def u16(self, addr):
        return struct.unpack("<H", self.read(addr, 2))[0]

    def u32(self, addr):
        return struct.unpack("<I", self.read(addr, 4))[0]

    def u64(self, addr):
        return struct.unpack("<Q", self.read(addr, 8))[0]

    def w8(self, addr, v):
        self.write(addr, struct.pack("<B", v & 0xFF))

    def w16(self, addr, v):
        self.write(addr, struct.pack("<H", v & 0xFFFF))

    def w32(self, addr, v):
        self.write(addr, struct.pack("<I", v & 0xFFFFFFFF))

    def w64(self, addr, v):
        self.write(addr, struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF))

    def uint(self, addr, n):
        return int.from_bytes(self.read(addr, n), "little")

    def wuint(self, addr, n, v):
        self.write(addr, (v & ((1 << (8 * n)) - 1)).to_bytes(n, "little"))

    def cstr(self, addr, limit=1024):
        out = bytearray()
        while len(out) < limit:
            chunk = self.read(addr + len(out), 1)
            if chunk == b"\0":
                break
            out += chunk
        return out.decode("latin-1")

    def wstr(self, addr, nbytes):
        return self.read(addr, nbytes).decode("utf-16-le", errors="replace")


class View:
    """A structure at `addr`, accessed by oracle field names: v["MtuSize"], v["Header.Type"]."""

    HEADER = {"Type": (0, 1), "Revision": (1, 1), "Size": (2, 2)}

    def __init__(self, mem, struct_name, addr, a=None):
        self.mem, self.name, self.addr = mem, struct_name, addr
        self.abi = a or abi()

    def off(self, field):
        if field.endswith((".Type", ".Revision", ".Size")) and field.split(".")[0] == "Header":
            sub = field.split(".", 1)[1]
            return self.abi.offset(self.name, "Header") + self.HEADER[sub][0]
        return self.abi.offset(self.name, field)

    def fsize(self, field):
        if field.startswith("Header."):
            return self.HEADER[field.split(".", 1)[1]][1]
        return self.abi.field_size(self.name, field)

    def addr_of(self, field):
        return self.addr + self.off(field)

    def __getitem__(self, field):
        n = self.fsize(field)
        if n not in _SCALAR:
            return self.mem.read(self.addr + self.off(field), n)
        return self.mem.uint(self.addr + self.off(field), n)

    def __setitem__(self, field, value):
        n = self.fsize(field)
        if isinstance(value, (bytes, bytearray)):
            if len(value) > n:
                raise ValueError("%s.%s: %d bytes do not fit in %d" % (self.name, field, len(value), n))
            self.mem.write(self.addr + self.off(field), value)
        else:
            self.mem.wuint(self.addr + self.off(field), n, value)

    def bits(self, path):
        bf = self.abi.bitfield(self.name, path)
        unit = self.mem.uint(self.addr + bf["offset"], bf["container_bytes"])
        return (unit & bf["mask"]) >> bf["bit"]

    def header(self):
        return (self["Header.Type"], self["Header.Revision"], self["Header.Size"])

    def decode(self, limit=None):
        """All scalar fields (1/2/4/8 bytes) as a dict; byte arrays as bytes. `limit` = the
        number of valid bytes (a header's Size): fields past it are left out."""
        out = {}
        s = self.abi.structs[self.name]
        for f, off in s["fields"].items():
            n = s.get("field_sizes", {}).get(f)
            if n is None or (limit is not None and off + n > limit):
                continue
            if f == "Header":
                out["Header"] = self.header()
                continue
            raw = self.mem.read(self.addr + off, n)
            out[f] = int.from_bytes(raw, "little") if n in _SCALAR else raw
        return out
