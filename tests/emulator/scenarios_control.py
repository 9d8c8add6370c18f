"""The control device: NdisRegisterDeviceEx at the first adapter, the METHOD_BUFFERED IOCTLs
of crates/ipsecov2-core/src/control (LIST_ADAPTERS, LIST_SAS, ADD_SA, DELETE_SA, INJECT_SEND,
INJECT_RECEIVE, SELF_TEST), and NdisDeregisterDeviceEx at the last halt.

The harness plays the I/O manager (Harness.irp / Harness.ioctl): it builds each IRP with its
IO_STACK_LOCATION and system buffer (layouts of docs/notes/control-device-layouts.md, in
ndis_model.py), calls the dispatch routine the driver registered, and checks the IRP contract:
IofCompleteRequest exactly once before the dispatch routine returns, the same status returned,
IoStatus.Information <= OutputBufferLength and 0 for an error status, nothing written outside
the system buffer or into the IRP but IoStatus, nothing touched after completion. Requests are
encoded and replies decoded by control_proto.py from the protocol's specification.

Adapters are named by port, their hub port: the order in which they were initialized (0, 1, 2).
The round trips use scenarios_datapath's topology: A (port 0) sends, B (port 1, packet filter
DIRECTED|BROADCAST, OID_OFFLOAD_ENCAPSULATION set) opens, C (port 2) is a promiscuous tap
without encapsulation that indicates frames as they are on the wire. The wire is opened again
by independent Python code (control_proto: AES-GCM from pycryptodome, HMAC-SHA1 from hashlib)
and by scapy (scenarios_datapath.run_scapy, under target/interop-venv).

Every reply of a scenario is collected (Harness.ioctl_hooks) and, at the end, searched for every
8-byte window of every SA key the scenario used: a reply never carries key material.
"""

import struct
import types

import control_proto as C
import ndis_model as nm
import packets as P
import scenarios_datapath as dp
import scenarios_ipsec_oids as so
from ndis_model import ScenarioFailure

A_IP4, B_IP4 = so.V4_SRC, so.V4_DST
LIST_ROOM = C.REPLY_HEADER_LEN + C.REPORT_HEADER + 16 * C.REPORT_ENTRY  # LIST_SAS output: 16 bundles
ADAPTERS_ROOM = C.REPLY_HEADER_LEN + 8 * C.ADAPTER_ENTRY_LEN


def expect(cond, msg):
    if not cond:
        raise ScenarioFailure(msg)


class Ctl:
    """The control device as user mode sees it: an open handle (IRP_MJ_CREATE now, CLEANUP and
    CLOSE in `finish`), one method per IOCTL with the checks every reply gets, and the key
    watch over every reply of the scenario."""

    def __init__(self, h, open_handle=True):
        self.h, self.m = h, h.model
        self.keys = []
        self.results = []
        h.ioctl_hooks.append(self.results.append)
        self.opened = False
        if open_handle:
            self.open()

    def sname(self, v):
        return C.status_name(v, self.h.abi)

    def open(self):
        r = self.h.irp(nm.IRP_MJ_CREATE)
        expect(r.status == C.STATUS_SUCCESS, "IRP_MJ_CREATE: %s" % self.sname(r.status))
        self.opened = True

    def watch(self, bundle_or_keys):
        keys = bundle_or_keys.keys() if hasattr(bundle_or_keys, "keys") and not isinstance(bundle_or_keys, dict) \
            else bundle_or_keys
        self.keys.extend(bytes(k) for k in keys)

    def call(self, code, data, out_len, want=C.STATUS_SUCCESS, what=None):
        what = what or "%s" % C.IOCTLS.get(code, "IOCTL %#x" % code)
        r = self.h.ioctl(code, data, out_len)
        expect(r.status == want, "%s (input %s, output %d): %s, expected %s"
               % (what, data[:48].hex() + ("..." if len(data) > 48 else ""), out_len, self.sname(r.status),
                  self.sname(want)))
        if nm.nt_error(want):
            expect(r.information == 0 and r.reply == b"", "%s: %s with Information %d" % (what, self.sname(want),
                                                                                        r.information))
        return r

    def decode(self, fn, r, what):
        try:
            return fn(r.reply)
        except C.ReplyError as e:
            raise ScenarioFailure("%s: malformed reply (%s): %s" % (what, e, r.reply[:64].hex()))

    # the IOCTLs ---------------------------------------------------------------------------
    def list_adapters(self, out_len=ADAPTERS_ROOM):
        r = self.call(C.IOCTL_LIST_ADAPTERS, C.list_adapters(), out_len, what="LIST_ADAPTERS")
        return self.decode(C.decode_adapters, r, "LIST_ADAPTERS")

    def list_sas(self, port, out_len=LIST_ROOM):
        r = self.call(C.IOCTL_LIST_SAS, C.list_sas(port), out_len, what="LIST_SAS port %d" % port)
        live, entries = self.decode(C.decode_sa_list, r, "LIST_SAS port %d" % port)
        expect(live == len(entries), "LIST_SAS port %d: %d live, %d listed" % (port, live, len(entries)))
        return entries, r.reply

    def add_sa(self, port, bundle, want=C.STATUS_SUCCESS, what=None):
        data = bundle.ex() if isinstance(bundle, so.Bundle) else bytes(bundle)
        if isinstance(bundle, so.Bundle):
            self.watch(bundle.keys())
        what = what or "ADD_SA on port %d" % port
        r = self.call(C.IOCTL_ADD_SA, C.add_sa(port, data), C.ADD_SA_REPLY_LEN, want, what)
        if want != C.STATUS_SUCCESS:
            return None
        handle = self.decode(C.decode_add_sa, r, what)
        expect(handle not in (0, so.POISON), "%s: handle %#x" % (what, handle))
        return handle

    def delete_sa(self, port, handle, want=C.STATUS_SUCCESS, what=None):
        what = what or "DELETE_SA %#x on port %d" % (handle, port)
        r = self.call(C.IOCTL_DELETE_SA, C.delete_sa(port, handle), C.REPLY_HEADER_LEN, want, what)
        if want == C.STATUS_SUCCESS:
            self.decode(C.decode_delete_sa, r, what)
        return r

    def inject_send(self, port, frame, handle=0, tunnel=0, header_info=0, what=None):
        what = what or "INJECT_SEND on port %d" % port
        r = self.call(C.IOCTL_INJECT_SEND, C.inject_send(port, frame, handle, tunnel, header_info), C.INJECT_SEND_OUT,
                      what=what)
        status, reason, wire = self.decode(C.decode_inject_send, r, what)
        return status, reason, wire, r

    def inject_receive(self, port, frame, what=None):
        what = what or "INJECT_RECEIVE on port %d" % port
        r = self.call(C.IOCTL_INJECT_RECEIVE, C.inject_receive(port, frame), C.INJECT_RECEIVE_FIXED + len(frame),
                      what=what)
        return self.decode(C.decode_inject_receive, r, what), r

    def self_test(self, out_len=C.SELF_TEST_REPLY_LEN):
        r = self.call(C.IOCTL_SELF_TEST, C.self_test(), out_len, what="SELF_TEST")
        return self.decode(C.decode_self_test, r, "SELF_TEST"), r

    # end of the scenario ------------------------------------------------------------------
    def check_keys(self):
        windows = C.key_windows(self.keys)
        expect(not self.keys or windows, "harness: no key windows")
        for r in self.results:
            at = C.leaks(r.reply, windows)
            expect(not at, "%s: key bytes in the %d-byte reply at offset(s) %s" % (r.what, len(r.reply), at[:4]))
        return len(self.results)

    def finish(self):
        if self.opened and self.m.device is not None:
            for major in (nm.IRP_MJ_CLEANUP, nm.IRP_MJ_CLOSE):
                r = self.h.irp(major)
                expect(r.status == C.STATUS_SUCCESS, "%s: %s" % (nm.IRP_MJ_NAMES[major], self.sname(r.status)))
            self.opened = False
        return self.check_keys()


# -- helpers -------------------------------------------------------------------------------------
def device_calls(h, name):
    return h.model.calls_named(name)


def attrs_checked(h, call, what):
    """Every field of the NDIS_DEVICE_OBJECT_ATTRIBUTES of one NdisRegisterDeviceEx call."""
    m = h.model
    expect(call.args[0] == m.driver_handle, "%s: NdisHandle %#x, the miniport driver handle is %#x"
           % (what, call.args[0], m.driver_handle))
    d = call.decoded.get("attributes") or {}
    want_hdr = (h.const("NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES"), 1, 0x38)
    expect(want_hdr[0] == 0x85, "oracle: NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES %#x" % want_hdr[0])
    expect(d.get("Header") == want_hdr, "%s: header %s, expected %s" % (what, d.get("Header"), want_hdr))
    expect(d.get("DeviceName") == "\\Device\\IpsecOv2Control", "%s: DeviceName %r" % (what, d.get("DeviceName")))
    expect(d.get("SymbolicName") == "\\DosDevices\\IpsecOv2Control", "%s: SymbolicName %r"
           % (what, d.get("SymbolicName")))
    expect(d.get("DefaultSDDLString") == "D:P(A;;GA;;;SY)(A;;GA;;;BA)", "%s: DefaultSDDLString %r"
           % (what, d.get("DefaultSDDLString")))
    raw = d.get("raw", {})
    for f, s in (("DeviceName", "\\Device\\IpsecOv2Control"), ("SymbolicName", "\\DosDevices\\IpsecOv2Control"),
                 ("DefaultSDDLString", "D:P(A;;GA;;;SY)(A;;GA;;;BA)")):
        v = m.view("UNICODE_STRING", raw[f])
        expect(v["Length"] == 2 * len(s) and v["MaximumLength"] >= v["Length"],
               "%s: %s Length %d MaximumLength %d (expected Length %d, no NUL counted)"
               % (what, f, v["Length"], v["MaximumLength"], 2 * len(s)))
    expect(raw.get("ExtensionSize") == 0, "%s: ExtensionSize %s" % (what, raw.get("ExtensionSize")))
    expect(raw.get("DeviceClassGuid") == 0, "%s: DeviceClassGuid %#x" % (what, raw.get("DeviceClassGuid", -1)))
    fns = d.get("MajorFunctions")
    expect(fns and len(fns) == 28, "%s: no 28-entry MajorFunctions array" % what)
    handled = {i for i, fn in enumerate(fns) if fn}
    expect(handled == {0x00, 0x02, 0x0E, 0x12}, "%s: dispatch routines for IRP_MJ %s, expected CREATE, CLOSE, "
           "DEVICE_CONTROL, CLEANUP (0x0, 0x2, 0xe, 0x12)" % (what, sorted(hex(i) for i in handled)))
    for i in handled:
        expect(h.in_exec_section(fns[i]), "%s: MajorFunctions[%#x] = %#x is outside the driver's code" % (what, i, fns[i]))
    return d


def current_mac_oid(h, a):
    r = h.query(a, h.const("OID_802_3_CURRENT_ADDRESS"), 6)
    expect(r.status == h.const("NDIS_STATUS_SUCCESS"), "OID_802_3_CURRENT_ADDRESS on adapter %d: %s"
           % (a.index, h.abi.status_name(r.status)))
    return r.data(6)


def set_filter(h, a, f):
    r = h.set(a, h.const("OID_GEN_CURRENT_PACKET_FILTER"), struct.pack("<I", f))
    expect(r.status == h.const("NDIS_STATUS_SUCCESS"), "packet filter on adapter %d: %s" % (a.index,
                                                                                           h.abi.status_name(r.status)))


def plain_send(h, a, frames, want="NDIS_STATUS_SUCCESS"):
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in frames], split=(14, 20))
    h.send(a, first)
    for i, n in enumerate(nbls):
        rec = a.sent[n]
        expect(rec["state"] == "completed" and rec["status"] == h.const(want),
               "adapter %d send %d: %s %s, expected %s" % (a.index, i, rec["state"],
                                                          dp.sname(h, rec["status"]) if rec["status"] is not None
                                                          else None, want))


def halt_all(h, adapters):
    for a in adapters:
        if a.state == "running":
            expect(h.pause(a) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter %d" % a.index)
        h.halt(a)


def check_unloaded(h):
    m = h.model
    h.unload()
    expect(m.device is None, "the control device is registered after unload")
    expect(all(not d["live"] for d in m.devices.values()), "a control device was never deregistered")
    d = device_calls(h, "NdisMDeregisterMiniportDriver")
    expect(len(d) == 1, "NdisMDeregisterMiniportDriver called %d times" % len(d))
    left = h.driver_leaks()
    expect(not left, "after halting every adapter and unloading, %d driver allocation(s) remain: %s"
           % (len(left), left[:4]))


def case_of(net):
    """What scenarios_datapath.check_wire / check_opened need of a case (one transport layer,
    ICV space reserved)."""
    return types.SimpleNamespace(net=net, reserve=True, next_crypto=False)


def no_traffic(r, what):
    for a, recs in r.delivered.items():
        expect(not recs, "%s: adapter %d indicated %d frame(s)" % (what, a.index, len(recs)))


# ================================================================================================
# Registration
# ================================================================================================
def test_control_device_registered_once(h):
    """The device is registered once, by the first adapter's MiniportInitializeEx (driver handle,
    every attribute field, the SDDL), create/cleanup/close succeed, a second adapter does not
    register again, the first halt keeps the device and the last halt deregisters it; a later
    adapter registers it again; after unload nothing is left."""
    m = h.model
    expect(not device_calls(h, "NdisRegisterDeviceEx"), "DriverEntry called NdisRegisterDeviceEx (the device "
           "belongs to the first adapter: registering in DriverEntry keeps the driver from unloading)")
    a = h.running()
    regs = device_calls(h, "NdisRegisterDeviceEx")
    expect(len(regs) == 1, "first MiniportInitializeEx: NdisRegisterDeviceEx called %d times" % len(regs))
    expect(regs[0].ret == h.const("NDIS_STATUS_SUCCESS"), "NdisRegisterDeviceEx returned %#x" % (regs[0].ret or 0))
    attrs_checked(h, regs[0], "NdisRegisterDeviceEx")
    dev = m.device
    expect(dev is not None and dev["registered_in"] == "InitializeHandlerEx" and dev["adapter"] is a,
           "the device was not registered inside the first adapter's MiniportInitializeEx (%s)"
           % (dev and dev["registered_in"]))
    ctl = Ctl(h)  # IRP_MJ_CREATE
    b = h.running()
    expect(len(device_calls(h, "NdisRegisterDeviceEx")) == 1, "the second adapter's initialize called "
           "NdisRegisterDeviceEx again")
    expect(m.device is dev, "the device changed after the second initialize")
    got = ctl.list_adapters()
    expect([e["port"] for e in got] == [0, 1], "LIST_ADAPTERS with two adapters: ports %s" % [e["port"] for e in got])
    # a second handle: create / cleanup / close (also as a kernel-mode requestor)
    for mode in (nm.USER_MODE, 0):
        for major in (nm.IRP_MJ_CREATE, nm.IRP_MJ_CLEANUP, nm.IRP_MJ_CLOSE):
            r = h.irp(major, requestor_mode=mode)
            expect(r.status == C.STATUS_SUCCESS, "%s (RequestorMode %d): %s" % (nm.IRP_MJ_NAMES[major], mode,
                                                                                  ctl.sname(r.status)))
    ctl.finish()  # cleanup, close
    ctl = Ctl(h)
    # the first halt keeps the device: the other adapter is still there
    expect(h.pause(a) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter 0")
    h.halt(a)
    expect(not device_calls(h, "NdisDeregisterDeviceEx"), "NdisDeregisterDeviceEx at the first halt (adapter 1 is "
           "still live)")
    expect(m.device is dev, "the device is gone after the first halt")
    got = ctl.list_adapters()
    expect([(e["port"], e["if_index"]) for e in got] == [(1, 11)], "LIST_ADAPTERS after adapter 0 halted: %s"
           % [(e["port"], e["if_index"]) for e in got])
    ctl.finish()
    # the last halt deregisters it, with the handle NdisRegisterDeviceEx gave
    expect(h.pause(b) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter 1")
    h.halt(b)
    der = device_calls(h, "NdisDeregisterDeviceEx")
    expect(len(der) == 1, "the last halt: NdisDeregisterDeviceEx called %d times" % len(der))
    expect(der[0].args[0] == dev["handle"], "NdisDeregisterDeviceEx(%#x), registered %#x"
           % (der[0].args[0], dev["handle"]))
    expect(dev["deregistered_in"] == "HaltHandlerEx" and m.device is None, "the device was not deregistered in "
           "the last MiniportHaltEx (%s)" % dev["deregistered_in"])
    # an adapter after that is again the first live one: it registers the device anew
    c = h.running()
    regs = device_calls(h, "NdisRegisterDeviceEx")
    expect(len(regs) == 2 and m.device is not None and m.device is not dev and m.device["adapter"] is c,
           "an adapter initialized after the last halt: NdisRegisterDeviceEx called %d times in all" % len(regs))
    attrs_checked(h, regs[1], "NdisRegisterDeviceEx (again)")
    ctl = Ctl(h)
    expect(len(ctl.list_adapters()) == 1, "LIST_ADAPTERS with one adapter")
    ctl.finish()
    halt_all(h, [c])
    expect(len(device_calls(h, "NdisDeregisterDeviceEx")) == 2 and m.device is None, "the second device was not "
           "deregistered at its last halt")
    check_unloaded(h)


def test_control_device_registration_failure_is_retried(h):
    """NdisRegisterDeviceEx fails (NDIS_STATUS_RESOURCES) at the first initialize: the adapter
    still initializes and sends; the second adapter's initialize registers the device; a third
    does not; one deregistration at the last halt; nothing left after unload."""
    m = h.model
    m.inject = {"NdisRegisterDeviceEx": 1}
    a = h.running()
    expect(m.injected and m.injected[0][0] == "NdisRegisterDeviceEx", "the first initialize did not call "
           "NdisRegisterDeviceEx")
    m.inject, m.injected[:] = {}, []
    expect(m.device is None, "a device is registered after NdisRegisterDeviceEx failed")
    mac_a = current_mac_oid(h, a)
    plain_send(h, a, [P.ipv4_udp_frame(P.BROADCAST, mac_a, payload=b"sent while the device is missing %d" % i)
                      for i in range(2)])
    b = h.running()
    regs = device_calls(h, "NdisRegisterDeviceEx")
    expect(len(regs) == 2, "the second initialize after a failed registration: %d NdisRegisterDeviceEx calls in all"
           % len(regs))
    attrs_checked(h, regs[1], "NdisRegisterDeviceEx (retried)")
    expect(m.device is not None and m.device["adapter"] is b, "the retried registration did not give a device")
    handle = m.device["handle"]
    # both adapters work and are listed; A's frames reach B
    set_filter(h, b, h.const("NDIS_PACKET_TYPE_DIRECTED") | h.const("NDIS_PACKET_TYPE_BROADCAST"))
    mark = len(b.received)
    plain_send(h, a, [P.ipv4_udp_frame(current_mac_oid(h, b), mac_a, payload=b"after the retry")])
    expect(len(b.received) == mark + 1, "adapter 1 received %d frames from adapter 0" % (len(b.received) - mark))
    ctl = Ctl(h)
    got = ctl.list_adapters()
    expect([(e["port"], e["mac"]) for e in got] == [(0, mac_a), (1, current_mac_oid(h, b))],
           "LIST_ADAPTERS: %s" % [(e["port"], e["mac"].hex()) for e in got])
    c = h.running()
    expect(len(device_calls(h, "NdisRegisterDeviceEx")) == 2, "a third initialize registered the device again")
    ctl.finish()
    halt_all(h, [a, b])
    expect(not device_calls(h, "NdisDeregisterDeviceEx"), "deregistered before the last adapter halted")
    halt_all(h, [c])
    der = device_calls(h, "NdisDeregisterDeviceEx")
    expect(len(der) == 1 and der[0].args[0] == handle, "NdisDeregisterDeviceEx called %d times (%s), registered "
           "handle %#x" % (len(der), [hex(x.args[0]) for x in der], handle))
    check_unloaded(h)


# ================================================================================================
# LIST_ADAPTERS, LIST_SAS, ADD_SA, DELETE_SA, SELF_TEST
# ================================================================================================
def test_control_list_adapters(h):
    """Two adapters: ports 0 and 1 in initialization order, the MAC of OID_802_3_CURRENT_ADDRESS,
    IfIndex / NetLuid of NDIS_MINIPORT_INIT_PARAMETERS, flags, SA capacity and count; a list
    that does not fit gets STATUS_BUFFER_OVERFLOW with the header alone saying what it needs."""
    a, b = h.running(), h.running()
    r = h.set(b, h.const("OID_OFFLOAD_ENCAPSULATION"), nm.build_offload_encapsulation(h.model))
    expect(r.status == h.const("NDIS_STATUS_SUCCESS"), "OID_OFFLOAD_ENCAPSULATION on adapter 1")
    ctl = Ctl(h)
    ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x2001)]))
    ctl.add_sa(0, so.Bundle(h, [so.ah_sha1(h, 0x2002)], inbound=True))
    got = ctl.list_adapters()
    expect(len(got) == 2, "LIST_ADAPTERS: %d entries for two adapters" % len(got))
    for port, (x, e) in enumerate(zip((a, b), got)):
        who = "LIST_ADAPTERS port %d" % port
        ip = h.model.view("NDIS_MINIPORT_INIT_PARAMETERS", x.init_params)
        expect(e["port"] == port, "%s: port %d" % (who, e["port"]))
        expect(e["if_index"] == ip["IfIndex"] == 10 + port, "%s: IfIndex %d, NDIS gave %d" % (who, e["if_index"],
                                                                                            ip["IfIndex"]))
        expect(e["net_luid"] == ip["NetLuid"] == (6 << 48) | (port + 1), "%s: NetLuid %#x, NDIS gave %#x"
               % (who, e["net_luid"], ip["NetLuid"]))
        mac = current_mac_oid(h, x)
        expect(e["mac"] == mac == dp.current_mac(x), "%s: MAC %s, OID_802_3_CURRENT_ADDRESS %s"
               % (who, e["mac"].hex(), mac.hex()))
        expect(e["mac_pad"] == b"\0\0" and e["reserved"] == bytes(8), "%s: padding not zero" % who)
        want = C.ADAPTER_RUNNING | C.ADAPTER_ESP | C.ADAPTER_AH | (C.ADAPTER_RECEIVE_OFFLOAD if x is b else 0)
        expect(e["flags"] == want, "%s: flags %#x, expected %#x" % (who, e["flags"], want))
        expect(e["sa_capacity"] == 1024, "%s: SA capacity %d (SaOffloadCapacity default 1024)" % (who,
                                                                                                  e["sa_capacity"]))
        expect(e["sa_live"] == (2 if x is a else 0), "%s: %d live SAs" % (who, e["sa_live"]))
    expect(got[0]["instance"] < got[1]["instance"], "instances %d, %d: not in initialization order"
           % (got[0]["instance"], got[1]["instance"]))
    # too small for the list: the header alone, STATUS_BUFFER_OVERFLOW (a warning, Information 16)
    for out_len in (C.REPLY_HEADER_LEN + C.ADAPTER_ENTRY_LEN, C.REPLY_HEADER_LEN,
                    C.REPLY_HEADER_LEN + 2 * C.ADAPTER_ENTRY_LEN - 1):
        r = ctl.call(C.IOCTL_LIST_ADAPTERS, C.list_adapters(), out_len, want=C.STATUS_BUFFER_OVERFLOW,
                     what="LIST_ADAPTERS into %d bytes" % out_len)
        expect(r.information == C.REPLY_HEADER_LEN, "LIST_ADAPTERS into %d bytes: Information %d, expected 16"
               % (out_len, r.information))
        hdr = C.reply_header(r.reply, C.IOCTL_LIST_ADAPTERS)
        expect(hdr[2:] == (C.REPLY_HEADER_LEN + 2 * C.ADAPTER_ENTRY_LEN, 2), "LIST_ADAPTERS into %d bytes: header "
               "reply_len %d count %d, expected %d and 2" % (out_len, hdr[2], hdr[3], 16 + 96))
    r = ctl.call(C.IOCTL_LIST_ADAPTERS, C.list_adapters(), C.REPLY_HEADER_LEN + 2 * C.ADAPTER_ENTRY_LEN)
    expect(r.information == 16 + 96, "LIST_ADAPTERS into exactly 112 bytes: Information %d" % r.information)
    # a paused adapter is listed, not running
    expect(h.pause(b) == h.const("NDIS_STATUS_SUCCESS"), "pause adapter 1")
    got = ctl.list_adapters()
    expect([e["flags"] & C.ADAPTER_RUNNING for e in got] == [C.ADAPTER_RUNNING, 0],
           "LIST_ADAPTERS with adapter 1 paused: flags %s" % [hex(e["flags"]) for e in got])
    expect(h.restart(b) == h.const("NDIS_STATUS_SUCCESS"), "restart adapter 1")
    ctl.finish()


def test_control_add_list_delete_sa(h):
    """ADD_SA takes the OID's ADD_SA_EX buffer and gives a handle; LIST_SAS reports the bundles
    (handle, direction, SPI, algorithms, ICV length, addresses) exactly as the private query OID
    does; DELETE_SA removes one (again: STATUS_NOT_FOUND); the OID path and the IOCTLs share
    one table; a report that does not fit gets STATUS_BUFFER_OVERFLOW and the length needed."""
    a, b = h.running(), h.running()
    ctl = Ctl(h)
    c = h.const
    gcm = so.Bundle(h, [so.esp_gcm128(h, 0x3001)])
    cbc = so.Bundle(h, [so.esp_cbc128_sha256(h, 0x3002)], inbound=True)
    ah = so.Bundle(h, [so.ah_sha1(h, 0x3003)])
    v6 = so.Bundle(h, [so.esp_gcm128(h, 0x3004)], v6=True, inbound=True)
    handles = {}
    for bundle, name in ((gcm, "gcm"), (cbc, "cbc"), (ah, "ah"), (v6, "v6")):
        handles[name] = ctl.add_sa(0, bundle, what="ADD_SA %s" % name)
    expect(len(set(handles.values())) == 4, "ADD_SA handles not distinct: %s" % handles)
    entries, raw = ctl.list_sas(0)
    expect(set(entries) == set(handles.values()), "LIST_SAS lists %s, added %s" % (sorted(map(hex, entries)),
                                                                                  sorted(map(hex, handles.values()))))
    # the report's ICV byte is the ICV on the wire: the AEAD cipher's (AdditionalInfo of
    # AES-GCM), else the integrity algorithm's (HMAC-SHA-256-128: 16, HMAC-SHA1-96: 12)
    want = {
        "gcm": (False, 50, 0x3001, 0, c("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128"), 16, 4),
        "cbc": (True, 50, 0x3002, c("IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_256"),
                c("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_CBC_128"), 16, 4),
        "ah": (False, 51, 0x3003, c("IPSEC_OFFLOAD_V2_AUTHENTICATION_SHA_1"), 0, 12, 4),
        "v6": (True, 50, 0x3004, 0, c("IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_128"), 16, 6),
    }
    for name, (inbound, proto, spi, auth, enc, icv, ipv) in want.items():
        e = entries[handles[name]]
        el = e["elements"]
        expect(e["inbound"] == inbound and e["ipv"] == ipv and len(el) == 1, "LIST_SAS %s: %s" % (name, e))
        got = (el[0]["proto"], el[0]["spi"], el[0]["auth"], el[0]["enc"], el[0]["icv"] if icv is not None else None)
        expect(got == (proto, spi, auth, enc, icv), "LIST_SAS %s: (proto, SPI, auth, enc, ICV) %s, expected %s"
               % (name, got, (proto, spi, auth, enc, icv)))
        src, dst = (so.V6_SRC, so.V6_DST) if ipv == 6 else (so.V4_SRC, so.V4_DST)
        expect(e["src"][:len(src)] == src and e["dst"][:len(dst)] == dst, "LIST_SAS %s: addresses %s -> %s"
               % (name, e["src"].hex(), e["dst"].hex()))
        expect(e["counters"] == (0, 0, 0, 0, 0), "LIST_SAS %s: counters %s before any traffic" % (name,
                                                                                                 e["counters"]))
    # the same bytes as the private query OID's report
    r = dp.query_sa_report(h, a, 4096)
    expect(r.status == h.const("NDIS_STATUS_SUCCESS") and r.data(r.bytes_written) == raw[C.REPLY_HEADER_LEN:],
           "LIST_SAS body differs from the OID_IPSECOV2_SA_TABLE report")
    expect(ctl.list_sas(1)[0] == {}, "port 1 lists SAs added on port 0")
    # too small: STATUS_BUFFER_OVERFLOW, the header says how much
    need = len(raw)
    r = ctl.call(C.IOCTL_LIST_SAS, C.list_sas(0), need - 1, want=C.STATUS_BUFFER_OVERFLOW, what="LIST_SAS short")
    hdr = C.reply_header(r.reply, C.IOCTL_LIST_SAS)
    expect(r.information == 16 and hdr[2] == need, "LIST_SAS into %d bytes: Information %d, reply_len %d, "
           "expected 16 and %d" % (need - 1, r.information, hdr[2], need))
    # DELETE_SA
    ctl.delete_sa(0, handles["cbc"])
    entries, _ = ctl.list_sas(0)
    expect(set(entries) == {handles[n] for n in ("gcm", "ah", "v6")}, "after DELETE_SA: %s"
           % sorted(map(hex, entries)))
    ctl.delete_sa(0, handles["cbc"], want=C.STATUS_NOT_FOUND, what="DELETE_SA of the deleted handle")
    ctl.delete_sa(1, handles["gcm"], want=C.STATUS_NOT_FOUND, what="DELETE_SA of port 0's handle on port 1")
    expect(handles["gcm"] in ctl.list_sas(0)[0], "DELETE_SA on port 1 removed port 0's SA")
    # the deleted inbound SPI is free again; a duplicate inbound SA is refused as the OID does
    ctl.add_sa(0, cbc, what="the deleted inbound SA again")
    ctl.add_sa(0, cbc, want=h.const("NDIS_STATUS_INVALID_PARAMETER"), what="a duplicate inbound SA")
    # one table: an SA added through the OID is listed and deleted through the IOCTLs
    oid = so.Ipsec(h, a)
    ho = oid.add_ex(so.Bundle(h, [so.esp_gcm128(h, 0x3005)]), what="ADD_SA_EX through the OID")
    ctl.watch(so.Bundle(h, [so.esp_gcm128(h, 0x3005)]).keys())
    expect(ho in ctl.list_sas(0)[0], "an SA added through the OID is not listed")
    ctl.delete_sa(0, ho)
    oid.delete([ho], what="OID DELETE_SA after the IOCTL deleted it (idempotent)")
    expect(ho not in ctl.list_sas(0)[0], "the SA deleted through the IOCTL is still listed")
    # capacity through the IOCTL, as the OID: RESOURCES when full
    halt_all(h, [b])
    small = h.running(config={"SaOffloadCapacity": 2})
    port = 1  # the port adapter 1 left is taken again
    got = {e["if_index"]: e["port"] for e in ctl.list_adapters()}
    expect(got == {10: 0, 10 + small.index: port}, "LIST_ADAPTERS (IfIndex: port) after adapter 1 was halted and "
           "another initialized: %s" % got)
    for i in range(2):
        ctl.add_sa(port, so.Bundle(h, [so.esp_gcm128(h, 0x3100 + i)]), what="fill %d" % i)
    ctl.add_sa(port, so.Bundle(h, [so.esp_gcm128(h, 0x3102)]), want=h.const("NDIS_STATUS_RESOURCES"),
               what="ADD_SA on a full table")
    ctl.finish()


def test_control_self_test(h):
    """SELF_TEST: 25 known answers, every one passed, names from first to last."""
    h.running()
    ctl = Ctl(h)
    for out_len in (C.SELF_TEST_REPLY_LEN, 4096):
        st, r = ctl.self_test(out_len)
        expect(r.information == C.SELF_TEST_REPLY_LEN, "SELF_TEST into %d bytes: Information %d, expected %d"
               % (out_len, r.information, C.SELF_TEST_REPLY_LEN))
        expect(st["count"] == 25 and st["passed"] == 25 and st["reserved"] == 0,
               "SELF_TEST: count %d passed %d" % (st["count"], st["passed"]))
        failed = [(n, res) for n, res, _ in st["results"] if res != 0]
        expect(not failed, "SELF_TEST: failed known answers %s" % failed)
        names = [n for n, _, _ in st["results"]]
        expect(names[0] == C.KAT_FIRST and names[-1] == C.KAT_LAST and len(set(names)) == 25 and all(names),
               "SELF_TEST names: %s ... %s (%d distinct)" % (names[0], names[-1], len(set(names))))
        expect(all(pad == 0 for _, _, pad in st["results"]), "SELF_TEST: entry padding not zero")
        no_traffic(r, "SELF_TEST")
    ctl.finish()


# ================================================================================================
# INJECT_SEND / INJECT_RECEIVE round trips
# ================================================================================================
def scapy_entry(index, what, proto, spi, seq, plain, expect_="plain", crypt=None, crypt_key=None, auth=None,
                auth_key=None):
    return {"index": index, "what": what, "expect": expect_, "plain": plain.hex(),
            "layers": [dict(proto=proto, spi=spi, seq=seq, crypt_algo=crypt, auth_algo=auth, tunnel=None, natt=False,
                            esn=False, esn_high=0, crypt_key=crypt_key.hex() if crypt_key else None,
                            auth_key=auth_key.hex() if auth_key else None)]}


def round_trip(h, kind):
    """INJECT_SEND on port 0 with an outbound SA added by IOCTL, the hub delivering to B (inbound
    SA by IOCTL, opens it) and the tap; then INJECT_RECEIVE of the wire frame and of a tampered
    copy on B. Returns what scapy is to check."""
    net = dp.Net(h)
    ctl = Ctl(h)
    spi = 0x4100 if kind == "esp" else 0x4200
    sa = so.esp_gcm128(h, spi) if kind == "esp" else so.ah_sha1(h, spi)
    out_b, in_b = so.Bundle(h, [sa]), so.Bundle(h, [sa], inbound=True)
    ho = ctl.add_sa(0, out_b, what="outbound %s SA on port 0" % kind)
    hi = ctl.add_sa(1, in_b, what="inbound %s SA on port 1" % kind)
    key = (sa["enc"] if kind == "esp" else sa["auth"])["key"]
    plain = P.udp_packet(A_IP4, B_IP4, b"control device round trip, %s, seq 1 ..." % kind.encode())
    framed = P.frame_esp(plain, spi, 1, 8, 4, 16) if kind == "esp" else P.frame_ah(plain, spi, 1, 12)
    frame = net.eth(framed.packet)
    status, reason, wire, r = ctl.inject_send(0, frame, handle=ho, header_info=dp.send_hints(h, framed))
    who = "INJECT_SEND %s" % kind
    expect(status == h.const("NDIS_STATUS_SUCCESS") and reason == "", "%s: send status %s reason %r"
           % (who, dp.sname(h, status), reason))
    expect(r.information == C.INJECT_SEND_FIXED + len(wire), "%s: Information %d" % (who, r.information))
    expect(len(r.delivered[net.B]) == 1 and len(r.delivered[net.C]) == 1 and not r.delivered[net.A],
           "%s: indicated on A %d, B %d, tap %d (expected 0, 1, 1)" % (who, len(r.delivered[net.A]),
                                                                       len(r.delivered[net.B]), len(r.delivered[net.C])))
    tap = dp.RxView(h, r.delivered[net.C][0])
    expect(tap.frame == wire, "%s: the reply's wire frame differs from the frame the tap indicated (first "
           "difference at byte %s)" % (who, dp.first_diff(tap.frame, wire)))
    dp.check_unprocessed(h, tap, who + ": tap")
    built = dp.Built(plain, framed, framed, 1)
    case = case_of(net)
    dp.check_wire(case, built, wire, who + ": wire")
    dp.check_opened(case, built, wire, dp.RxView(h, r.delivered[net.B][0]), who + ": B")
    # the independent opener
    try:
        if kind == "esp":
            got_spi, seq, inner, pad, nh = C.esp_gcm_open(wire[14:], key)
            expect((pad, nh) == (framed.outer["pad_length"], 17), "%s: trailer pad %d next header %d" % (who, pad, nh))
        else:
            got_spi, seq, nh, inner = C.ah_sha1_verify(wire[14:], key)
            expect(nh == 17, "%s: AH next header %d" % (who, nh))
    except C.OpenError as e:
        raise ScenarioFailure("%s: the wire frame does not open with the independent code: %s" % (who, e))
    expect((got_spi, seq, inner) == (spi, 1, plain[20:]), "%s: opened SPI %#x seq %d, payload %s the plaintext"
           % (who, got_spi, seq, "equals" if inner == plain[20:] else "differs from"))
    # INJECT_RECEIVE of the wire frame on B: the receive path as for a frame from the hub
    rx, r = ctl.inject_receive(1, wire)
    who = "INJECT_RECEIVE %s" % kind
    expect(len(r.delivered[net.B]) == 1 and not r.delivered[net.A] and not r.delivered[net.C],
           "%s: indicated on A %d, B %d, tap %d (expected 0, 1, 0)" % (who, len(r.delivered[net.A]),
                                                                       len(r.delivered[net.B]), len(r.delivered[net.C])))
    v = dp.RxView(h, r.delivered[net.B][0])
    expect(rx["outcome"] == C.OUTCOME_INDICATED, "%s: outcome %d" % (who, rx["outcome"]))
    expect(rx["slot1"] == v.slot1 and rx["slot12"] == v.slot12, "%s: reply slots %#x / %#x, the NBL carries %#x / %#x"
           % (who, rx["slot1"], rx["slot12"], v.slot1, v.slot12))
    expect(rx["indicated"] == v.frame, "%s: the reply's bytes differ from the indicated frame" % who)
    expect((rx["spi"], rx["seq"]) == (spi, 1), "%s: SPI %#x seq %d" % (who, rx["spi"], rx["seq"]))
    dp.check_opened(case, built, wire, v, who + ": B")
    # a tampered copy: the auth-failure status, the frame indicated as it came
    bad = bytearray(wire)
    s, e = framed.outer["payload"]
    bad[14 + (s + e) // 2] ^= 0x20
    bad = bytes(bad)
    rx, r = ctl.inject_receive(1, bad, what="INJECT_RECEIVE %s tampered" % kind)
    v = dp.RxView(h, r.delivered[net.B][0])
    status = "CRYPTO_TRANSPORT_ESP_AUTH_FAILED" if kind == "esp" else "CRYPTO_TRANSPORT_AH_AUTH_FAILED"
    expect(rx["outcome"] == C.OUTCOME_INDICATED and rx["slot1"] == v.slot1 and rx["indicated"] == v.frame == bad,
           "INJECT_RECEIVE %s tampered: outcome %d, reply slot 1 %#x, NBL slot 1 %#x, frame %s"
           % (kind, rx["outcome"], rx["slot1"], v.slot1, "as received" if v.frame == bad else "changed"))
    dp.check_auth_failed(h, v, status, "INJECT_RECEIVE %s tampered" % kind, bad)
    try:
        (C.esp_gcm_open(bad[14:], key) if kind == "esp" else C.ah_sha1_verify(bad[14:], key))
        raise ScenarioFailure("the independent opener accepted the tampered frame (scenario bug)")
    except C.OpenError:
        pass
    # the same SAs through the OID-free path: LIST_SAS counts one packet out on A
    entries, _ = ctl.list_sas(0)
    expect(entries[ho]["counters"][0] == 1 and entries[ho]["elements"][0]["top"] == 1,
           "LIST_SAS port 0 after one INJECT_SEND: counters %s, top %d" % (entries[ho]["counters"],
                                                                          entries[ho]["elements"][0]["top"]))
    expect(hi in ctl.list_sas(1)[0], "the inbound SA is not listed on port 1")
    if kind == "esp":
        crypt = dict(crypt="AES-GCM", crypt_key=key)
    else:
        crypt = dict(auth="HMAC-SHA1-96", auth_key=key)
    entries = [scapy_entry(0, "INJECT_SEND %s wire" % kind, kind, spi, 1, plain, **crypt),
               scapy_entry(1, "INJECT_RECEIVE %s tampered" % kind, kind, spi, 1, plain, expect_="integrity-error",
                           **crypt)]
    return net, ctl, ho, entries, [wire, bad]


def test_control_round_trip_esp_gcm(h):
    """ESP AES-GCM-128 through INJECT_SEND (port 0) and INJECT_RECEIVE (port 1), SAs added by
    IOCTL; also a plain frame without handle, a frame the engine refuses, a frame B's filter
    does not take. The wire opens with the independent code and with scapy."""
    net, ctl, ho, entries, frames = round_trip(h, "esp")
    # no handle: the frame goes out as it is
    plain = net.eth(P.udp_packet(A_IP4, B_IP4, b"a plain frame through INJECT_SEND"))
    status, reason, wire, r = ctl.inject_send(0, plain, what="INJECT_SEND without a handle")
    expect(status == 0 and wire == plain, "INJECT_SEND without a handle: status %s, wire %s the frame"
           % (dp.sname(h, status), "equals" if wire == plain else "differs from"))
    expect([x.frame for x in map(lambda rec: dp.RxView(h, rec), r.delivered[net.B] + r.delivered[net.C])]
           == [plain, plain], "INJECT_SEND without a handle: B and the tap did not indicate the frame as sent")
    dp.check_unprocessed(h, dp.RxView(h, r.delivered[net.B][0]), "plain INJECT_SEND on B")
    # a frame the engine refuses (no ESP header under an ESP handle): IOCTL success, send failed
    status, reason, wire, r = ctl.inject_send(0, plain, handle=ho, what="INJECT_SEND of a frame the engine refuses")
    expect(status == h.const("NDIS_STATUS_FAILURE") and reason and wire == b"",
           "refused frame: send status %s, reason %r, %d wire bytes" % (dp.sname(h, status), reason, len(wire)))
    expect(r.information == C.INJECT_SEND_FIXED, "refused frame: Information %d, expected %d"
           % (r.information, C.INJECT_SEND_FIXED))
    no_traffic(r, "refused frame")
    # INJECT_RECEIVE of a frame B's filter does not take
    stranger = net.eth(P.udp_packet(A_IP4, B_IP4, b"to nobody"), dst=dp.STRANGER_MAC)
    rx, r = ctl.inject_receive(1, stranger, what="INJECT_RECEIVE to another MAC")
    expect(rx["outcome"] == C.OUTCOME_FILTERED and rx["indicated"] == b"" and r.information == C.INJECT_RECEIVE_FIXED,
           "INJECT_RECEIVE to another MAC: outcome %d, %d bytes, Information %d" % (rx["outcome"],
                                                                                    len(rx["indicated"]),
                                                                                    r.information))
    no_traffic(r, "INJECT_RECEIVE to another MAC")
    # a broadcast plain frame is indicated unprocessed
    bcast = net.eth(P.udp_packet(A_IP4, B_IP4, b"broadcast"), dst=P.BROADCAST)
    rx, r = ctl.inject_receive(1, bcast, what="INJECT_RECEIVE broadcast")
    expect(rx["outcome"] == C.OUTCOME_INDICATED and rx["indicated"] == bcast and rx["slot1"] == rx["slot12"] == 0
           and rx["spi"] == rx["seq"] == 0, "INJECT_RECEIVE broadcast: %s" % {k: v for k, v in rx.items()
                                                                             if k != "indicated"})
    dp.run_scapy(entries, frames, "control-esp")
    ctl.finish()


def test_control_round_trip_ah_sha1(h):
    """AH HMAC-SHA1-96 through INJECT_SEND and INJECT_RECEIVE; opened by hashlib and scapy."""
    net, ctl, ho, entries, frames = round_trip(h, "ah")
    dp.run_scapy(entries, frames, "control-ah")
    ctl.finish()


# ================================================================================================
# Malformed requests
# ================================================================================================
def test_control_malformed_requests_change_nothing(h):
    """Malformed IOCTLs, each with its exact status (ControlError::status, or the ADD_SA_EX OID's
    NDIS status), Information 0, and nothing changed: every adapter's LIST_SAS and LIST_ADAPTERS
    replies identical before and after, nothing indicated on the hub, no send completion. The
    well-formed version of the inject request works afterwards."""
    net = dp.Net(h)
    ctl = Ctl(h)
    c = h.const
    ho = ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x5001)]), what="outbound SA on port 0")
    hi = ctl.add_sa(1, so.Bundle(h, [so.esp_gcm128(h, 0x5001)], inbound=True), what="inbound SA on port 1")
    in_a = ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x5002)], inbound=True), what="inbound SA on port 0")
    stale = ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x5003)]), what="SA to be deleted")
    ctl.delete_sa(0, stale)
    plain = P.udp_packet(A_IP4, B_IP4, b"malformed-request scenario frame")
    framed = P.frame_esp(plain, 0x5001, 1, 8, 4, 16)
    frame = net.eth(framed.packet)
    hints = dp.send_hints(h, framed)
    send = C.inject_send(0, frame, ho, 0, hints)
    recv = C.inject_receive(1, frame)
    lst = C.list_sas(0)
    ex = so.Bundle(h, [so.esp_gcm128(h, 0x5010)]).ex()
    ctl.watch(so.Bundle(h, [so.esp_gcm128(h, 0x5010)]).keys())

    def patch(base, at, value):
        v = bytearray(base)
        v[at:at + 4] = struct.pack("<I", value)
        return bytes(v)

    def bundle_ex(spi, sa=None, **kw):
        b = so.Bundle(h, [sa or so.esp_gcm128(h, spi)])
        ctl.watch(b.keys())
        return b.ex(**kw)

    n_ex = c("NDIS_SIZEOF_IPSEC_OFFLOAD_V2_ADD_SA_EX_REVISION_1")
    dflt = c("NDIS_OBJECT_TYPE_DEFAULT")
    bad_alg = so.Bundle(h, [nm.ipsec_sa(h.model, "ESP", 0x5011, enc=nm.ipsec_alg(0x200, so.key("bad-alg", 16)))])
    ctl.watch(bad_alg.keys())
    S, O = C.INJECT_SEND_OUT, 0x1000
    ID, IL = c("NDIS_STATUS_INVALID_DATA"), c("NDIS_STATUS_INVALID_LENGTH")
    cases = [
        # (description, code, input, output length, expected status)
        ("unknown code (function 0x807)", 0x0012E01C, lst, O, C.STATUS_INVALID_DEVICE_REQUEST),
        ("LIST_ADAPTERS with FILE_ANY_ACCESS (another code)", 0x00122000, C.list_adapters(), O,
         C.STATUS_INVALID_DEVICE_REQUEST),
        ("LIST_ADAPTERS as METHOD_NEITHER (another code)", C.IOCTL_LIST_ADAPTERS | 3, C.list_adapters(), O,
         C.STATUS_INVALID_DEVICE_REQUEST),
        ("unknown code and version 2 (the code is checked first)", 0x0012E01C, patch(lst, 0, 2), O,
         C.STATUS_INVALID_DEVICE_REQUEST),
        ("empty input", C.IOCTL_LIST_SAS, b"", O, C.STATUS_INFO_LENGTH_MISMATCH),
        ("empty input and no output (NULL system buffer)", C.IOCTL_LIST_ADAPTERS, b"", 0,
         C.STATUS_INFO_LENGTH_MISMATCH),
        ("15-byte header", C.IOCTL_LIST_SAS, lst[:15], O, C.STATUS_INFO_LENGTH_MISMATCH),
        ("version 0", C.IOCTL_LIST_SAS, patch(lst, 0, 0), O, C.STATUS_REVISION_MISMATCH),
        ("version 2", C.IOCTL_LIST_SAS, patch(lst, 0, 2), O, C.STATUS_REVISION_MISMATCH),
        ("version 2 and reserved 1 (version first)", C.IOCTL_LIST_SAS, patch(patch(lst, 0, 2), 12, 1), O,
         C.STATUS_REVISION_MISMATCH),
        ("reserved 1", C.IOCTL_LIST_SAS, patch(lst, 12, 1), O, C.STATUS_INVALID_PARAMETER_1),
        ("input 8 bytes longer than 16 + body_len", C.IOCTL_LIST_SAS, lst + bytes(8), O,
         C.STATUS_INFO_LENGTH_MISMATCH),
        ("body_len 8, no body", C.IOCTL_DELETE_SA, patch(lst, 8, 8), O, C.STATUS_INFO_LENGTH_MISMATCH),
        ("input of 4097 bytes (over the 4 KiB the driver copies)", C.IOCTL_INJECT_RECEIVE,
         patch(C.request(1, bytes(4081)), 16, 4073), O, C.STATUS_INFO_LENGTH_MISMATCH),
        ("unknown code with a 5000-byte input (the code is checked first)", 0x0012E01C, bytes(5000), O,
         C.STATUS_INVALID_DEVICE_REQUEST),
        ("INJECT_SEND body_len 0xFFFFFFFF", C.IOCTL_INJECT_SEND, patch(send, 8, 0xFFFFFFFF), S,
         C.STATUS_INFO_LENGTH_MISMATCH),
        ("INJECT_SEND frame_len 0xFFFFFFFF", C.IOCTL_INJECT_SEND, patch(send, 16 + 20, 0xFFFFFFFF), S,
         C.STATUS_INVALID_PARAMETER),
        ("INJECT_SEND frame_len one short of the body", C.IOCTL_INJECT_SEND, patch(send, 16 + 20, len(frame) - 1), S,
         C.STATUS_INVALID_PARAMETER),
        ("INJECT_SEND frame_len one past the body", C.IOCTL_INJECT_SEND, patch(send, 16 + 20, len(frame) + 1), S,
         C.STATUS_INVALID_PARAMETER),
        ("INJECT_SEND body shorter than its fixed part", C.IOCTL_INJECT_SEND, C.request(0, bytes(20)), S,
         C.STATUS_INVALID_PARAMETER),
        ("INJECT_SEND frame of 13 bytes", C.IOCTL_INJECT_SEND, C.inject_send(0, frame[:13], ho, 0, hints), S,
         C.STATUS_INVALID_BUFFER_SIZE),
        ("INJECT_SEND frame of 1985 bytes (over 1984)", C.IOCTL_INJECT_SEND,
         C.inject_send(0, frame + bytes(1985 - len(frame)), 0), S, C.STATUS_INVALID_BUFFER_SIZE),
        ("INJECT_SEND output 2119 bytes (needs 16 + 56 + 2048)", C.IOCTL_INJECT_SEND, send, S - 1,
         C.STATUS_BUFFER_TOO_SMALL),
        ("INJECT_SEND unknown handle", C.IOCTL_INJECT_SEND, C.inject_send(0, frame, 0x0BADC0DE0BADC0DE, 0, hints), S,
         C.STATUS_NOT_FOUND),
        ("INJECT_SEND with an inbound SA's handle", C.IOCTL_INJECT_SEND, C.inject_send(0, frame, in_a, 0, hints), S,
         C.STATUS_NOT_FOUND),
        ("INJECT_SEND with port 1's handle on port 0", C.IOCTL_INJECT_SEND, C.inject_send(0, frame, hi, 0, hints), S,
         C.STATUS_NOT_FOUND),
        ("INJECT_SEND with a deleted SA's handle", C.IOCTL_INJECT_SEND, C.inject_send(0, frame, stale, 0, hints), S,
         C.STATUS_NOT_FOUND),
        ("INJECT_SEND on port 3 (no such adapter)", C.IOCTL_INJECT_SEND, C.inject_send(3, frame, ho, 0, hints), S,
         C.STATUS_NO_SUCH_DEVICE),
        ("INJECT_RECEIVE reserved 1", C.IOCTL_INJECT_RECEIVE, patch(recv, 20, 1), O, C.STATUS_INVALID_PARAMETER_1),
        ("INJECT_RECEIVE frame_len 0xFFFFFFFC", C.IOCTL_INJECT_RECEIVE, patch(recv, 16, 0xFFFFFFFC), O,
         C.STATUS_INVALID_PARAMETER),
        ("INJECT_RECEIVE frame of 13 bytes", C.IOCTL_INJECT_RECEIVE, C.inject_receive(1, frame[:13]), O,
         C.STATUS_INVALID_BUFFER_SIZE),
        ("INJECT_RECEIVE frame of 2049 bytes", C.IOCTL_INJECT_RECEIVE, C.inject_receive(1, frame + bytes(2049 -
                                                                                                       len(frame))),
         0x1000, C.STATUS_INVALID_BUFFER_SIZE),
        ("INJECT_RECEIVE output one byte short", C.IOCTL_INJECT_RECEIVE, recv, C.INJECT_RECEIVE_FIXED + len(frame) - 1,
         C.STATUS_BUFFER_TOO_SMALL),
        ("INJECT_RECEIVE on port 0xFFFFFFFF", C.IOCTL_INJECT_RECEIVE, C.inject_receive(0xFFFFFFFF, frame), O,
         C.STATUS_NO_SUCH_DEVICE),
        ("SELF_TEST output 1023 bytes", C.IOCTL_SELF_TEST, C.self_test(), C.SELF_TEST_REPLY_LEN - 1,
         C.STATUS_BUFFER_TOO_SMALL),
        ("SELF_TEST output 100 bytes", C.IOCTL_SELF_TEST, C.self_test(), 100, C.STATUS_BUFFER_TOO_SMALL),
        ("SELF_TEST with adapter 1", C.IOCTL_SELF_TEST, C.request(1), O, C.STATUS_INVALID_PARAMETER_2),
        ("SELF_TEST with a 4-byte body", C.IOCTL_SELF_TEST, C.request(0, bytes(4)), O, C.STATUS_INVALID_PARAMETER),
        ("LIST_SAS output 15 bytes", C.IOCTL_LIST_SAS, lst, 15, C.STATUS_BUFFER_TOO_SMALL),
        ("LIST_ADAPTERS output 0 bytes", C.IOCTL_LIST_ADAPTERS, C.list_adapters(), 0, C.STATUS_BUFFER_TOO_SMALL),
        ("LIST_ADAPTERS with adapter 1", C.IOCTL_LIST_ADAPTERS, C.request(1), O, C.STATUS_INVALID_PARAMETER_2),
        ("LIST_SAS with a body", C.IOCTL_LIST_SAS, C.request(0, bytes(8)), O, C.STATUS_INVALID_PARAMETER),
        ("LIST_SAS on port 7", C.IOCTL_LIST_SAS, C.list_sas(7), O, C.STATUS_NO_SUCH_DEVICE),
        ("DELETE_SA with a 4-byte handle", C.IOCTL_DELETE_SA, C.request(0, struct.pack("<I", ho & 0xFFFFFFFF)), O,
         C.STATUS_INVALID_PARAMETER),
        ("DELETE_SA of an unknown handle", C.IOCTL_DELETE_SA, C.delete_sa(0, 0x0BADC0DE0BADC0DE), O,
         C.STATUS_NOT_FOUND),
        ("DELETE_SA of port 1's handle on port 0", C.IOCTL_DELETE_SA, C.delete_sa(0, hi), O, C.STATUS_NOT_FOUND),
        ("DELETE_SA of the deleted handle", C.IOCTL_DELETE_SA, C.delete_sa(0, stale), O, C.STATUS_NOT_FOUND),
        ("DELETE_SA on port 5", C.IOCTL_DELETE_SA, C.delete_sa(5, ho), O, C.STATUS_NO_SUCH_DEVICE),
        ("ADD_SA with an empty body", C.IOCTL_ADD_SA, C.request(0), O, C.STATUS_INVALID_PARAMETER),
        ("ADD_SA body of 1025 bytes", C.IOCTL_ADD_SA, C.add_sa(0, ex + bytes(1025 - len(ex))), O,
         C.STATUS_INVALID_PARAMETER),
        ("ADD_SA output 23 bytes", C.IOCTL_ADD_SA, C.add_sa(0, ex), C.ADD_SA_REPLY_LEN - 1, C.STATUS_BUFFER_TOO_SMALL),
        ("ADD_SA on port 9", C.IOCTL_ADD_SA, C.add_sa(9, ex), O, C.STATUS_NO_SUCH_DEVICE),
        ("ADD_SA undefined encryption algorithm bit 0x200", C.IOCTL_ADD_SA, C.add_sa(0, bad_alg.ex()), O, ID),
        ("ADD_SA Header.Revision 0", C.IOCTL_ADD_SA, C.add_sa(0, bundle_ex(0x5012, header=(dflt, 0, n_ex))), O, ID),
        ("ADD_SA Header.Type NDIS_OBJECT_TYPE_OFFLOAD", C.IOCTL_ADD_SA,
         C.add_sa(0, bundle_ex(0x5013, header=(c("NDIS_OBJECT_TYPE_OFFLOAD"), 1, n_ex))), O, ID),
        ("ADD_SA key array past the end of the body", C.IOCTL_ADD_SA, C.add_sa(0, ex[:-4]), O, IL),
        ("ADD_SA KeyOffset beyond the body", C.IOCTL_ADD_SA, C.add_sa(0, bundle_ex(0x5014, key_offset=len(ex) + 8)),
         O, IL),
        ("ADD_SA KeyOffset + KeyLength overflowing 32 bits", C.IOCTL_ADD_SA,
         C.add_sa(0, bundle_ex(0x5015, key_offset=0xFFFFFFF0)), O, IL),
        ("ADD_SA body shorter than NDIS_SIZEOF_..._ADD_SA_EX_REVISION_1", C.IOCTL_ADD_SA, C.add_sa(0, ex[:n_ex - 1]),
         O, IL),
    ]
    expect(len(cases) >= 15, "table too small")

    def state():
        out = {"adapters": ctl.call(C.IOCTL_LIST_ADAPTERS, C.list_adapters(), ADAPTERS_ROOM).reply}
        for port in range(3):
            out[port] = ctl.list_sas(port)[1]
        return out

    def run(cases):
        before = state()
        for what, code, data, out_len, want in cases:
            sends = {a: len(a.sent) for a in net.adapters}
            r = ctl.call(code, data, out_len, want=want, what=what)
            no_traffic(r, what)
            expect(all(len(a.sent) == sends[a] for a in net.adapters), "%s: NBLs appeared as sent" % what)
            after = state()
            changed = [k for k in before if before[k] != after[k]]
            expect(not changed, "%s: %s changed" % (what, ", ".join("LIST_SAS of port %s" % k if k != "adapters"
                                                                    else "LIST_ADAPTERS" for k in changed)))
        return len(cases)

    n = run(cases)
    # an adapter that is paused: nothing can be sent or received on it
    expect(h.pause(net.A) == h.const("NDIS_STATUS_SUCCESS") and h.pause(net.B) == h.const("NDIS_STATUS_SUCCESS"),
           "pause A and B")
    n += run([("INJECT_SEND on paused port 0", C.IOCTL_INJECT_SEND, send, S, C.STATUS_DEVICE_NOT_READY),
              ("INJECT_RECEIVE on paused port 1", C.IOCTL_INJECT_RECEIVE, recv, O, C.STATUS_DEVICE_NOT_READY)])
    for a in (net.A, net.B):
        expect(h.restart(a) == h.const("NDIS_STATUS_SUCCESS"), "restart adapter %d" % a.index)
    # the well-formed requests work: the failures above were for the reasons given
    status, reason, wire, r = ctl.inject_send(0, frame, ho, 0, hints, what="the well-formed INJECT_SEND")
    expect(status == 0 and len(r.delivered[net.B]) == 1 and len(r.delivered[net.C]) == 1,
           "the well-formed INJECT_SEND: status %s reason %r, B %d, tap %d" % (dp.sname(h, status), reason,
                                                                               len(r.delivered[net.B]),
                                                                               len(r.delivered[net.C])))
    rx, r = ctl.inject_receive(1, wire, what="the well-formed INJECT_RECEIVE")
    v = dp.RxView(h, r.delivered[net.B][0])
    expect(rx["outcome"] == 0 and v.crypto_done == 1 and v.crypto_status == 0, "the well-formed INJECT_RECEIVE: %r"
           % v)
    ctl.add_sa(0, ex, what="the well-formed ADD_SA")
    expect(n >= 15, "only %d malformed requests" % n)
    ctl.finish()


# ================================================================================================
# Keys
# ================================================================================================
def test_control_replies_never_carry_keys(h):
    """Every IOCTL with many SAs of every kind live (AES-GCM-128/256, AES-CBC-128 with
    HMAC-SHA-256, AH HMAC-SHA1, ESN, IPv6, refused ADD_SAs whose keys went in): no 8-byte window
    of any key appears in any reply of the scenario (lists, overflows, inject replies)."""
    net = dp.Net(h)
    ctl = Ctl(h)
    made = []
    for port in (0, 1, 2):
        for i, sa in enumerate((so.esp_gcm128(h, 0x6000 + 16 * port), so.esp_cbc128_sha256(h, 0x6001 + 16 * port),
                                so.ah_sha1(h, 0x6002 + 16 * port), so.esp_gcm128(h, 0x6003 + 16 * port, esn=True),
                                nm.ipsec_sa(h.model, "ESP", 0x6004 + 16 * port, enc=so.alg(
                                    h, "IPSEC_OFFLOAD_V2_ENCRYPTION_AES_GCM_256", so.key(("gcm256", port), 36), 16)))):
            for inbound in (False, True):
                b = so.Bundle(h, [sa], inbound=inbound, v6=(i == 3))
                made.append((port, ctl.add_sa(port, b), sa, inbound))
    # refused: its key went into the request, must not come back
    ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x6100, icv=13)]), want=h.const("NDIS_STATUS_INVALID_DATA"),
               what="ADD_SA with ICV length 13")
    ctl.add_sa(0, so.Bundle(h, [so.esp_gcm128(h, 0x6000)], inbound=True), want=h.const("NDIS_STATUS_INVALID_PARAMETER"),
               what="a duplicate inbound SA")
    for port in (0, 1, 2):
        entries, raw = ctl.list_sas(port)
        expect(len(entries) == 10, "port %d lists %d SAs" % (port, len(entries)))
        for out_len in (16, 100, len(raw) - 1):
            ctl.call(C.IOCTL_LIST_SAS, C.list_sas(port), out_len, want=C.STATUS_BUFFER_OVERFLOW)
    ctl.list_adapters()
    ctl.self_test()
    # traffic with the GCM and CBC pairs (port 0 out -> port 1 in: same SPI, same keys)
    for (port, ho, sa, inbound) in made:
        if port != 0 or inbound or sa["Operation"] != h.const("IPsecOffloadV2Esp") or sa["Flags"]:
            continue
        spi = sa["Spi"]
        if spi not in (0x6000, 0x6001):
            continue
        hi = ctl.add_sa(1, so.Bundle(h, [sa], inbound=True), what="inbound twin of %#x on port 1" % spi)
        iv, block = (8, 4) if spi == 0x6000 else (16, 16)
        plain = P.udp_packet(A_IP4, B_IP4, b"key watch %#x" % spi * 4)
        framed = P.frame_esp(plain, spi, 1, iv, block, 16)
        status, reason, wire, r = ctl.inject_send(0, net.eth(framed.packet), ho, 0, dp.send_hints(h, framed))
        expect(status == 0, "INJECT_SEND %#x: %s %r" % (spi, dp.sname(h, status), reason))
        rx, _ = ctl.inject_receive(1, wire)
        expect(rx["outcome"] == 0 and hi is not None, "INJECT_RECEIVE %#x: outcome %d" % (spi, rx["outcome"]))
    n = ctl.finish()
    expect(n >= 20 and len(ctl.keys) >= 30, "only %d replies / %d keys watched" % (n, len(ctl.keys)))
