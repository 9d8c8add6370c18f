"""Foundation scenarios: registration, initialization attributes, configuration, basic OIDs,
pause/restart, the plain send path, halt/unload, PnP and shutdown.

Each `test_*` gets a fresh Harness `h` on which DriverEntry has already run. Expected values
come from the documented NDIS contract and the ABI oracle (`h.const(...)`), never from the
driver's sources.
"""

import struct

import ndis_model as nm
import packets
from ndis_model import ScenarioFailure

PEER_MAC = packets.mac("02:00:5e:00:53:01")


def expect(cond, msg):
    if not cond:
        raise ScenarioFailure(msg)


def expect_status(h, got, *names):
    want = [h.const(n) for n in names]
    expect(got in want, "status %s, expected %s" % (h.abi.status_name(got), " or ".join(names)))


def u32(b):
    return struct.unpack("<I", b[:4])[0]


def current_mac(a):
    return bytes(a.general["CurrentMacAddress"][: a.general["MacAddressLength"]])


def permanent_mac(a):
    return bytes(a.general["PermanentMacAddress"][: a.general["MacAddressLength"]])


def expect_no_calls_since(h, start, allowed, what):
    bad = [c for c in h.model.calls[start:] if c.name not in allowed]
    expect(not bad, "%s called %s" % (what, ", ".join(sorted({c.name for c in bad}))))


# ------------------------------------------------------------------------------------------------
def test_driver_entry_registers_miniport(h):
    expect(h.entry_status == h.const("STATUS_SUCCESS"), "DriverEntry returned %#x" % h.entry_status)
    regs = h.model.calls_named("NdisMRegisterMiniportDriver")
    expect(len(regs) == 1, "NdisMRegisterMiniportDriver called %d times" % len(regs))
    c = h.chars
    want_hdr = (h.const("NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS"),
                h.const("NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2"),
                h.const("NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2"))
    expect(c["Header"] == want_hdr, "characteristics header %s, expected %s"
           % (tuple(hex(x) for x in c["Header"]), tuple(hex(x) for x in want_hdr)))
    expect(c["MajorNdisVersion"] == 6 and c["MinorNdisVersion"] >= 30,
           "NDIS version %d.%d, expected 6.30+" % (c["MajorNdisVersion"], c["MinorNdisVersion"]))
    mandatory = ["InitializeHandlerEx", "HaltHandlerEx", "UnloadHandler", "PauseHandler", "RestartHandler",
                 "OidRequestHandler", "SendNetBufferListsHandler", "ReturnNetBufferListsHandler",
                 "CancelSendHandler", "DevicePnPEventNotifyHandler", "ShutdownHandlerEx",
                 "CancelOidRequestHandler", "DirectOidRequestHandler", "CancelDirectOidRequestHandler"]
    missing = [f for f in mandatory if not c["handlers"].get(f)]
    expect(not missing, "NULL handlers: %s" % ", ".join(missing))
    outside = ["%s=%#x" % (f, a) for f, a in c["handlers"].items() if a and not h.in_exec_section(a)]
    expect(not outside, "handlers outside the image's executable section: %s" % ", ".join(outside))
    expect(c["DriverObject"] != 0, "DriverObject passed to NdisMRegisterMiniportDriver is NULL")
    expect(not h.model.calls_named("NdisMDeregisterMiniportDriver"), "DriverEntry deregistered the driver")


def test_initialize_reports_attributes(h):
    a = h.initialized()
    kinds = [r["type"] for r in a.attributes]
    expect(kinds and kinds[0] == "NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES",
           "the registration attributes must come first; order was %s" % kinds)
    expect(kinds.count("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES") == 1,
           "registration attributes set %d times" % kinds.count("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES"))
    r = a.registration
    t, rev, size = r["Header"]
    expect(rev in (1, 2) and size == h.const("NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_%d" % rev),
           "registration attributes revision %d size %#x" % (rev, size))
    expect(r["MiniportAdapterContext"] != 0, "MiniportAdapterContext is NULL")
    flags = r["AttributeFlags"]
    expect(flags & h.const("NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM"), "AttributeFlags %#x lack NDIS_WDM" % flags)
    expect(not flags & h.const("NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE"),
           "AttributeFlags %#x has HARDWARE_DEVICE (a virtual miniport)" % flags)
    expect(r["InterfaceType"] == h.const("NdisInterfaceInternal"), "InterfaceType %d" % r["InterfaceType"])

    g = a.general
    expect(g is not None, "no general attributes were set (order: %s)" % kinds)
    expect(g["Header"] == (h.const("NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES"),
                           h.const("NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2"),
                           h.const("NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2")),
           "general attributes header %s" % (tuple(hex(x) for x in g["Header"]),))
    expect(g["MediaType"] == h.const("NdisMedium802_3"), "MediaType %d" % g["MediaType"])
    expect(g["MtuSize"] == 1500, "MtuSize %d" % g["MtuSize"])
    expect(g["MacAddressLength"] == 6, "MacAddressLength %d" % g["MacAddressLength"])
    cur, perm = current_mac(a), permanent_mac(a)
    expect(cur[0] & 0x02 and not cur[0] & 0x01,
           "current MAC %s is not a unicast locally administered address" % packets.fmt_mac(cur))
    expect(cur == perm, "current MAC %s != permanent %s without a NetworkAddress override"
           % (packets.fmt_mac(cur), packets.fmt_mac(perm)))
    expect(g["MediaConnectState"] == h.const("MediaConnectStateConnected"),
           "MediaConnectState %d" % g["MediaConnectState"])
    expect(g["IfType"] == h.const("IF_TYPE_ETHERNET_CSMACD"), "IfType %d" % g["IfType"])
    expect(g["IfConnectorPresent"] == 0, "IfConnectorPresent TRUE for a virtual NIC")
    expect(g["AccessType"] == h.const("NET_IF_ACCESS_BROADCAST"), "AccessType %d" % g["AccessType"])
    expect(g["SupportedOidList"] != 0, "SupportedOidList is NULL")
    n = g["SupportedOidListLength"]
    expect(n and n % 4 == 0, "SupportedOidListLength %d is not a positive multiple of 4" % n)
    need = ["OID_GEN_SUPPORTED_LIST", "OID_GEN_CURRENT_PACKET_FILTER", "OID_802_3_CURRENT_ADDRESS",
            "OID_802_3_PERMANENT_ADDRESS", "OID_GEN_STATISTICS", "OID_GEN_MAXIMUM_FRAME_SIZE",
            "OID_GEN_VENDOR_DRIVER_VERSION", "OID_GEN_MEDIA_CONNECT_STATUS"]
    absent = [o for o in need if h.const(o) not in g["oids"]]
    expect(not absent, "SupportedOidList lacks %s" % ", ".join(absent))
    expect(len(set(g["oids"])) == len(g["oids"]), "SupportedOidList has duplicates")
    expect(g["PowerManagementCapabilities"] == 0,
           "PowerManagementCapabilities must be NULL for an NDIS 6.20+ miniport (use PowerManagementCapabilitiesEx)")
    sp = g["SupportedPacketFilters"]
    want = h.const("NDIS_PACKET_TYPE_DIRECTED") | h.const("NDIS_PACKET_TYPE_BROADCAST")
    expect(sp & want == want, "SupportedPacketFilters %#x lack DIRECTED|BROADCAST" % sp)


def test_two_adapters_are_independent(h):
    a1 = h.initialized()
    a2 = h.initialized()
    expect(a1.context != a2.context, "both adapters got MiniportAdapterContext %#x" % a1.context)
    m1, m2 = current_mac(a1), current_mac(a2)
    expect(m1 != m2, "both adapters got MAC %s" % packets.fmt_mac(m1))
    for a, mac in ((a1, m1), (a2, m2)):
        r = h.query(a, h.const("OID_802_3_CURRENT_ADDRESS"), 6)
        expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
        expect(r.data(6) == mac, "adapter %d answers OID_802_3_CURRENT_ADDRESS %s, reported %s"
               % (a.index, packets.fmt_mac(r.data(6)), packets.fmt_mac(mac)))


def test_network_address_override(h):
    want = packets.mac("02:11:22:33:44:55")
    a = h.initialized(network_address=want)
    expect(h.model.calls_named("NdisReadNetworkAddress"), "NdisReadNetworkAddress was not called")
    expect(current_mac(a) == want, "current MAC %s, NetworkAddress was %s"
           % (packets.fmt_mac(current_mac(a)), packets.fmt_mac(want)))
    expect(permanent_mac(a) != want, "the permanent MAC took the NetworkAddress override")
    r = h.query(a, h.const("OID_802_3_CURRENT_ADDRESS"), 6)
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.data(6) == want, "OID_802_3_CURRENT_ADDRESS %s" % packets.fmt_mac(r.data(6)))
    r = h.query(a, h.const("OID_802_3_PERMANENT_ADDRESS"), 6)
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.data(6) == permanent_mac(a), "OID_802_3_PERMANENT_ADDRESS %s" % packets.fmt_mac(r.data(6)))


def test_network_address_invalid_is_ignored(h):
    for bad, why in ((packets.mac("03:11:22:33:44:55"), "multicast"),
                     (packets.mac("02:11:22:33:44"), "5 bytes"),
                     (packets.mac("02:11:22:33:44:55:66"), "7 bytes"),
                     (bytes(6), "all zero")):
        a = h.initialized(network_address=bad)
        cur = current_mac(a)
        expect(cur != bad[:6], "a %s NetworkAddress %s was taken" % (why, packets.fmt_mac(bad)))
        expect(cur == permanent_mac(a) and cur[0] & 0x02 and not cur[0] & 0x01,
               "with a %s NetworkAddress the current MAC is %s (permanent %s)"
               % (why, packets.fmt_mac(cur), packets.fmt_mac(permanent_mac(a))))


def test_oid_queries(h):
    a = h.initialized()
    oids = a.general["oids"]
    ok = h.const("NDIS_STATUS_SUCCESS")

    r = h.query(a, h.const("OID_GEN_SUPPORTED_LIST"), 4 * len(oids) + 64)
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.bytes_written == 4 * len(oids), "OID_GEN_SUPPORTED_LIST BytesWritten %d, list has %d bytes"
           % (r.bytes_written, 4 * len(oids)))
    got = list(struct.unpack("<%dI" % len(oids), r.data(4 * len(oids))))
    expect(got == oids, "OID_GEN_SUPPORTED_LIST differs from the general attributes' SupportedOidList")

    def q4(name, buf=4):
        r = h.query(a, h.const(name), buf)
        expect(r.status == ok, "%s: %s" % (name, h.abi.status_name(r.status)))
        expect(r.bytes_written == 4, "%s: BytesWritten %d" % (name, r.bytes_written))
        return u32(r.data(4))

    v = q4("OID_GEN_MAXIMUM_FRAME_SIZE")
    expect(v == 1500, "OID_GEN_MAXIMUM_FRAME_SIZE %d" % v)
    v = q4("OID_GEN_VENDOR_DRIVER_VERSION")
    c = h.chars
    expect(v == (c["MajorDriverVersion"] << 16) | c["MinorDriverVersion"] and v != 0,
           "OID_GEN_VENDOR_DRIVER_VERSION %#x does not match driver version %d.%d"
           % (v, c["MajorDriverVersion"], c["MinorDriverVersion"]))
    v = q4("OID_GEN_MEDIA_CONNECT_STATUS")
    expect(v == h.const("NdisMediaStateConnected"), "OID_GEN_MEDIA_CONNECT_STATUS %d" % v)

    r = h.query(a, h.const("OID_802_3_CURRENT_ADDRESS"), 6)
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.bytes_written == 6, "OID_802_3_CURRENT_ADDRESS BytesWritten %d" % r.bytes_written)
    expect(r.data(6) == current_mac(a), "OID_802_3_CURRENT_ADDRESS %s" % packets.fmt_mac(r.data(6)))

    r = h.query(a, h.const("OID_GEN_STATISTICS"), h.abi.size("NDIS_STATISTICS_INFO"))
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.bytes_written >= h.const("NDIS_SIZEOF_STATISTICS_INFO_REVISION_1"),
           "OID_GEN_STATISTICS BytesWritten %d" % r.bytes_written)
    st = h.model.view("NDIS_STATISTICS_INFO", r.buf)
    expect(st.header() == (h.const("NDIS_OBJECT_TYPE_DEFAULT"), h.const("NDIS_STATISTICS_INFO_REVISION_1"),
                           h.const("NDIS_SIZEOF_STATISTICS_INFO_REVISION_1")),
           "NDIS_STATISTICS_INFO header %s" % (st.header(),))

    # every OID the driver answered here must be in its supported list
    for name in ("OID_GEN_MAXIMUM_FRAME_SIZE", "OID_GEN_VENDOR_DRIVER_VERSION", "OID_GEN_MEDIA_CONNECT_STATUS",
                 "OID_802_3_CURRENT_ADDRESS", "OID_GEN_STATISTICS"):
        expect(h.const(name) in oids, "%s answered but not in OID_GEN_SUPPORTED_LIST" % name)


def test_oid_query_buffer_too_short(h):
    a = h.initialized()
    r = h.query(a, h.const("OID_802_3_CURRENT_ADDRESS"), 2)
    expect_status(h, r.status, "NDIS_STATUS_BUFFER_TOO_SHORT", "NDIS_STATUS_INVALID_LENGTH")
    expect(r.bytes_needed >= 6, "BytesNeeded %d for a 6-byte address" % r.bytes_needed)
    expect(r.canary_ok(), "wrote past the 2-byte buffer")
    n = 4 * len(a.general["oids"])
    r = h.query(a, h.const("OID_GEN_SUPPORTED_LIST"), 4)
    expect_status(h, r.status, "NDIS_STATUS_BUFFER_TOO_SHORT", "NDIS_STATUS_INVALID_LENGTH")
    expect(r.bytes_needed == n, "OID_GEN_SUPPORTED_LIST BytesNeeded %d, list is %d bytes" % (r.bytes_needed, n))
    expect(r.canary_ok(), "wrote past the 4-byte buffer")
    r = h.query(a, h.const("OID_GEN_MAXIMUM_FRAME_SIZE"), 0)
    expect_status(h, r.status, "NDIS_STATUS_BUFFER_TOO_SHORT", "NDIS_STATUS_INVALID_LENGTH")
    expect(r.bytes_needed == 4, "OID_GEN_MAXIMUM_FRAME_SIZE BytesNeeded %d" % r.bytes_needed)


def test_oid_unknown_is_not_supported(h):
    a = h.initialized()
    unknown = 0xFF00ABCD  # vendor-specific range, no driver defines it
    expect(unknown not in a.general["oids"], "the probe OID is in the supported list")
    r = h.query(a, unknown, 64)
    expect_status(h, r.status, "NDIS_STATUS_NOT_SUPPORTED", "NDIS_STATUS_INVALID_OID")
    expect(r.canary_ok(), "wrote past the buffer")
    r = h.set(a, unknown, b"\x01\x00\x00\x00")
    expect_status(h, r.status, "NDIS_STATUS_NOT_SUPPORTED", "NDIS_STATUS_INVALID_OID")
    # the direct OID path documents the same answers for an OID the miniport does not handle
    r = h.query(a, unknown, 64, direct=True)
    expect_status(h, r.status, "NDIS_STATUS_NOT_SUPPORTED", "NDIS_STATUS_INVALID_OID")
    expect(r.canary_ok(), "direct OID: wrote past the buffer")


def test_packet_filter_set_then_query(h):
    a = h.initialized()
    oid = h.const("OID_GEN_CURRENT_PACKET_FILTER")
    for f in (h.const("NDIS_PACKET_TYPE_DIRECTED") | h.const("NDIS_PACKET_TYPE_MULTICAST")
              | h.const("NDIS_PACKET_TYPE_BROADCAST"),
              h.const("NDIS_PACKET_TYPE_DIRECTED") | h.const("NDIS_PACKET_TYPE_BROADCAST")):
        f &= a.general["SupportedPacketFilters"]
        r = h.set(a, oid, struct.pack("<I", f))
        expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
        expect(r.bytes_read == 4, "set OID_GEN_CURRENT_PACKET_FILTER BytesRead %d" % r.bytes_read)
        q = h.query(a, oid, 4)
        expect_status(h, q.status, "NDIS_STATUS_SUCCESS")
        expect(q.bytes_written == 4 and u32(q.data(4)) == f,
               "after setting filter %#x the query returns %#x (BytesWritten %d)" % (f, u32(q.data(4)), q.bytes_written))
    r = h.set(a, oid, b"\x01\x00")
    expect_status(h, r.status, "NDIS_STATUS_INVALID_LENGTH", "NDIS_STATUS_BUFFER_TOO_SHORT")
    expect(r.bytes_needed == 4, "short packet-filter set: BytesNeeded %d" % r.bytes_needed)


def _udp_frames(a, n):
    return [packets.ipv4_udp_frame(PEER_MAC, current_mac(a), ident=i + 1, payload=b"frame %d " % i * 8)
            for i in range(n)]


def _check_completed(h, a, nbls, status_name, dispatch):
    m = h.model
    if any(a.sent[n]["state"] != "completed" for n in nbls):
        h.run_timers()  # a driver may complete from a DPC/timer
    for i, n in enumerate(nbls):
        rec = a.sent[n]
        expect(rec["state"] == "completed", "NBL %d of %d was never completed" % (i + 1, len(nbls)))
        expect(rec["status"] == h.const(status_name), "NBL %d completed with %s, expected %s"
               % (i + 1, h.abi.status_name(rec["status"]) if rec["status"] != nm.NBL_STATUS_POISON
                  else "Status never written", status_name))
        fl = rec["flags"] & h.const("NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL")
        expect(bool(fl) == dispatch, "NBL %d completed %s NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL after a send %s "
               "NDIS_SEND_FLAGS_DISPATCH_LEVEL" % (i + 1, "with" if fl else "without", "with" if dispatch else "without"))
    n_done = sum(len(chain) for _, chain in a.send_completions)
    expect(n_done == len([1 for r in a.sent.values() if r["state"] == "completed"]),
           "completions do not match the NBLs sent")


def test_pause_restart_and_send(h):
    a = h.initialized()
    st = h.restart(a)
    expect_status(h, st, "NDIS_STATUS_SUCCESS")
    for flags, dispatch in ((0, False), (h.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL"), True)):
        first, nbls = nm.build_nbl_chain(h.model, [[f] for f in _udp_frames(a, 3)], split=(14, 20))
        h.send(a, first, flags=flags)
        _check_completed(h, a, nbls, "NDIS_STATUS_SUCCESS", dispatch)
    st = h.pause(a)
    expect_status(h, st, "NDIS_STATUS_SUCCESS")
    st = h.restart(a)
    expect_status(h, st, "NDIS_STATUS_SUCCESS")
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in _udp_frames(a, 3)], split=(14, 20))
    h.send(a, first)
    _check_completed(h, a, nbls, "NDIS_STATUS_SUCCESS", False)


def test_send_while_paused_completes_paused(h):
    a = h.running()
    st = h.pause(a)
    expect_status(h, st, "NDIS_STATUS_SUCCESS")
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in _udp_frames(a, 3)], split=(14, 20))
    h.send(a, first, flags=h.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL"))
    _check_completed(h, a, nbls, "NDIS_STATUS_PAUSED", True)


def test_halt_and_unload_free_everything(h):
    a = h.running()
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in _udp_frames(a, 2)], split=(14,))
    h.send(a, first)
    expect_status(h, h.pause(a), "NDIS_STATUS_SUCCESS")
    h.halt(a)
    left = [b for b in h.driver_leaks() if b.handle == a.handle]
    expect(not left, "after MiniportHaltEx %d allocation(s) charged to the adapter remain: %s"
           % (len(left), left[:4]))
    h.unload()
    left = h.driver_leaks()
    expect(not left, "after unload %d driver allocation(s) remain: %s" % (len(left), left[:4]))
    d = h.model.calls_named("NdisMDeregisterMiniportDriver")
    expect(len(d) == 1, "NdisMDeregisterMiniportDriver called %d times" % len(d))
    expect(d[0].args[0] == h.model.driver_handle, "deregistered handle %#x, registered %#x"
           % (d[0].args[0], h.model.driver_handle))
    pools = [p for p, r in h.model.nbl_pools.items() if r["live"]] + [p for p, r in h.model.nb_pools.items() if r["live"]]
    expect(not pools, "%d NBL/NB pool(s) not freed" % len(pools))
    timers = [t for t, r in h.model.timers.items() if r["live"]]
    expect(not timers, "%d timer object(s) not freed" % len(timers))
    expect(not h.model.mdls, "%d MDL(s) from NdisAllocateMdl not freed" % len(h.model.mdls))
    expect(not h.model.config_handles, "configuration handle(s) left open")


def test_halt_two_adapters_then_unload(h):
    a1, a2 = h.running(), h.running()
    for a in (a1, a2):
        expect_status(h, h.pause(a), "NDIS_STATUS_SUCCESS")
    h.halt(a1)
    # the other adapter keeps working after its sibling is halted
    expect_status(h, h.restart(a2), "NDIS_STATUS_SUCCESS")
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in _udp_frames(a2, 2)], split=(14, 20))
    h.send(a2, first)
    _check_completed(h, a2, nbls, "NDIS_STATUS_SUCCESS", False)
    r = h.query(a2, h.const("OID_802_3_CURRENT_ADDRESS"), 6)
    expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
    expect(r.data(6) == current_mac(a2), "adapter 2 lost its address after adapter 1 was halted")
    expect_status(h, h.pause(a2), "NDIS_STATUS_SUCCESS")
    h.halt(a2)
    h.unload()
    left = h.driver_leaks()
    expect(not left, "after halting both adapters and unloading, %d allocation(s) remain: %s" % (len(left), left[:4]))


def test_statistics_count_sent_frames(h):
    a = h.running()
    size = h.abi.size("NDIS_STATISTICS_INFO")

    def stats():
        r = h.query(a, h.const("OID_GEN_STATISTICS"), size)
        expect_status(h, r.status, "NDIS_STATUS_SUCCESS")
        return h.model.view("NDIS_STATISTICS_INFO", r.buf).decode()

    before = stats()
    frames = _udp_frames(a, 3)
    first, nbls = nm.build_nbl_chain(h.model, [[f] for f in frames], split=(14, 20))
    h.send(a, first)
    _check_completed(h, a, nbls, "NDIS_STATUS_SUCCESS", False)
    after = stats()
    sup = after["SupportedStatistics"]
    checks = [("NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT", "ifHCOutUcastPkts", 3),
              ("NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT", "ifHCOutOctets", sum(len(f) for f in frames)),
              ("NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT", "ifHCOutUcastOctets", sum(len(f) for f in frames))]
    counted = 0
    for flag, field, delta in checks:
        if sup & h.const(flag):
            counted += 1
            got = after[field] - before[field]
            expect(got == delta, "%s advanced by %d after sending %d unicast frames (expected %d)"
                   % (field, got, len(frames), delta))
    expect(counted, "SupportedStatistics %#x declares no transmit counter" % sup)


BENIGN = {"DbgPrintEx", "memcpy", "memmove", "memset", "memcmp"}
LOCKS = {"KeAcquireSpinLockRaiseToDpc", "KeReleaseSpinLock", "KeAcquireSpinLockAtDpcLevel",
         "KeReleaseSpinLockFromDpcLevel"}


def test_pnp_event_and_shutdown_are_quiet(h):
    a = h.running()
    start = len(h.model.calls)
    ev = nm.build_pnp_event(h.model, h.const("NdisDevicePnPEventPowerProfileChanged"),
                            struct.pack("<I", h.const("NdisPowerProfileAcOnLine")))
    h.call("DevicePnPEventNotifyHandler", [a.context, ev])
    expect_no_calls_since(h, start, BENIGN | LOCKS, "MiniportDevicePnPEventNotify(PowerProfileChanged)")
    start = len(h.model.calls)
    h.call("ShutdownHandlerEx", [a.context, h.const("NdisShutdownPowerOff")])
    expect_no_calls_since(h, start, BENIGN | LOCKS, "MiniportShutdownEx(NdisShutdownPowerOff)")
    # NdisShutdownBugCheck runs at HIGH_LEVEL: no locks, no NDIS calls
    start = len(h.model.calls)
    h.call("ShutdownHandlerEx", [a.context, h.const("NdisShutdownBugCheck")], irql=15)
    expect_no_calls_since(h, start, BENIGN - {"DbgPrintEx"}, "MiniportShutdownEx(NdisShutdownBugCheck)")
