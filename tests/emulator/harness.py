"""One emulator instance running the driver image, with the NDIS model hooked in, and the
calls NDIS makes into the driver (DriverEntry, then the registered miniport handlers)."""

import json
import logging
import os

import pefile
import speakeasy

import ndis_model as nm
from abi import REPO_ROOT, abi
from ndis_model import NdisModel, ScenarioFailure

DEFAULT_SYS = os.path.join(REPO_ROOT, "target", "x86_64-pc-windows-msvc", "release", "ipsecov2.dll")

IMAGE_SCN_MEM_EXECUTE = 0x20000000


def image_path():
    p = os.environ.get("IPSECOV2_SYS") or DEFAULT_SYS
    return p if os.path.isabs(p) else os.path.join(REPO_ROOT, p)


def _config():
    path = os.path.join(os.path.dirname(speakeasy.__file__), "configs", "default.json")
    with open(path) as f:
        c = json.load(f)
    c["timeout"] = 60
    c["max_api_count"] = 1000000
    c.setdefault("analysis", {})["strings"] = False
    c["analysis"]["memory_tracing"] = False
    return c


def _quiet_logger():
    lg = logging.getLogger("ipsecov2.emulator.speakeasy")
    lg.handlers[:] = [logging.NullHandler()]
    lg.propagate = False
    lg.setLevel(logging.CRITICAL)
    return lg


class IoctlResult:
    """What one IRP came back with (see Harness.ioctl / Harness.irp)."""

    def __init__(self, irp, ret, what):
        self.irp, self.ret, self.what = irp, ret, what
        self.code, self.input, self.out_len = irp.code, irp.data, irp.out_len
        self.status, self.information, self.reply = None, None, b""
        self.delivered, self.send_completions = {}, {}

    def __repr__(self):
        return "<%s: status %s information %s>" % (self.what, None if self.status is None else "%#010x" % self.status,
                                                   self.information)


class Harness:
    """Fresh emulator + model + driver image. `driver_entry()` runs DriverEntry; the other
    methods play NDIS's part of the miniport contract."""

    def __init__(self, sys_path=None):
        self.path = sys_path or image_path()
        if not os.path.exists(self.path):
            raise ScenarioFailure("driver image not found: %s (build it, or set IPSECOV2_SYS)" % self.path)
        self.abi = abi()
        pe = pefile.PE(self.path, fast_load=False)
        self.imports = []
        for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []):
            dll = os.path.splitext(entry.dll.decode())[0]
            for imp in entry.imports:
                name = imp.name.decode() if imp.name else "ordinal_%d" % imp.ordinal
                self.imports.append((dll, name))
        self.image_base = pe.OPTIONAL_HEADER.ImageBase
        self.exec_ranges = [(s.VirtualAddress, s.VirtualAddress + max(s.Misc_VirtualSize, s.SizeOfRawData))
                            for s in pe.sections if s.Characteristics & IMAGE_SCN_MEM_EXECUTE]
        pe.close()
        self.se = speakeasy.Speakeasy(config=_config(), logger=_quiet_logger())
        self.module = self.se.load_module(self.path)
        self.base = self.module.get_base()
        self.model = NdisModel(self.se, self.abi)
        self.model.install(self.imports)
        self.model.in_image_code = self.in_exec_section
        self.entry_status = None
        self.adapters = []
        self.ioctl_log = []  # IoctlResult of every IRP_MJ_DEVICE_CONTROL sent (see `ioctl`)
        self.ioctl_hooks = []  # callables run with each IoctlResult
        self.control_file = None  # the FILE_OBJECT of the open handle to the control device

    # -- plumbing -----------------------------------------------------------------------------
    @property
    def m(self):
        return self.model

    def const(self, name):
        return self.abi.const(name)

    def in_exec_section(self, addr):
        rva = addr - self.base
        return any(lo <= rva < hi for lo, hi in self.exec_ranges)

    def _last_run(self):
        return self.se.emu.runs[-1] if self.se.emu.runs else None

    def _after_run(self, what, run):
        m = self.model
        if m.fatal is not None:
            raise ScenarioFailure("%s: %s" % (what, m.fatal))
        if run is None:
            raise ScenarioFailure("%s: the emulator did not run it" % what)
        if run.error:
            e = run.error
            detail = ", ".join("%s=%s" % (k, e[k]) for k in ("type", "pc", "address", "api_name", "instr")
                               if k in e and e[k] is not None)
            raise ScenarioFailure("%s: emulation error (%s)" % (what, detail or e))
        if run.ret_val is None:
            raise ScenarioFailure("%s: did not return (timeout or instruction limit)" % what)
        return run.ret_val

    def driver_entry(self):
        """Run DriverEntry (speakeasy passes a DRIVER_OBJECT and a registry path)."""
        self.model.irql = 0
        self.se.run_module(self.module)
        run = self.se.emu.runs[0] if self.se.emu.runs else None
        rv = self._after_run("DriverEntry", run)
        self.entry_status = rv & 0xFFFFFFFF
        self._check_exit("DriverEntry", 0)
        return self.entry_status

    def _check_exit(self, what, irql):
        m = self.model
        if m.locks:
            held = ", ".join(nm._lock_name(m, k) for k in m.locks)
            m.fail("%s returned with spin lock(s) held: %s" % (what, held))
            m.locks.clear()
        if m.irql != irql:
            m.fail("%s returned at IRQL %d, entered at %d" % (what, m.irql, irql))
        m.irql = irql

    @property
    def chars(self):
        regs = self.model.registrations
        if not regs:
            raise ScenarioFailure("DriverEntry did not call NdisMRegisterMiniportDriver (status %s)"
                                  % (hex(self.entry_status) if self.entry_status is not None else None))
        return regs[-1]

    @property
    def handlers(self):
        return self.chars["handlers"]

    def call(self, handler, args, irql=0):
        """Call a registered miniport handler (oracle field name, e.g. "OidRequestHandler") and
        return its return value (rax). Fails if it bug-checked, faulted, hit an API the model
        lacks, or returned holding a spin lock or at another IRQL."""
        addr = self.handlers.get(handler)
        if not addr:
            raise ScenarioFailure("the driver registered no %s" % handler)
        return self.call_address(addr, args, handler, irql)

    def call_address(self, addr, args, what, irql=0):
        """Call driver code at `addr` (a handler, a dispatch routine) as `what`, with the checks
        of `call`."""
        m = self.model
        m.irql = irql
        m.in_handler = what
        m.sleeps = 0
        n = len(self.se.emu.runs)
        self.se.call(addr, list(args))
        run = self.se.emu.runs[-1] if len(self.se.emu.runs) > n else None
        try:
            rv = self._after_run(what, run)
        finally:
            m.in_handler = None
        self._check_exit(what, irql)
        return rv

    def status(self, handler, args, irql=0):
        return self.call(handler, args, irql) & 0xFFFFFFFF

    # -- NDIS's side of the miniport life cycle --------------------------------------------
    def initialize(self, config=None, network_address=None):
        """MiniportInitializeEx with a fresh NdisMiniportHandle. Returns the Adapter; its
        `init_status` holds the status. On success the adapter is Paused (NDIS then restarts)."""
        m = self.model
        handle = m.new_handle("miniport-adapter-handle", 64)
        a = nm.Adapter(handle, len(self.adapters))
        a.config = dict(config or {})
        a.network_address = network_address
        m.adapters[handle] = a
        self.adapters.append(a)
        a.init_params = nm.build_init_parameters(m, if_index=10 + a.index, net_luid=(6 << 48) | (a.index + 1))
        a.state = "initializing"
        m.current_init = a
        try:
            a.init_status = self.status("InitializeHandlerEx", [handle, m.driver_context, a.init_params])
        finally:
            m.current_init = None
        a.state = "paused" if a.init_status == self.const("NDIS_STATUS_SUCCESS") else "failed"
        open_cfg = [h for h, ch in m.config_handles.items() if ch["adapter"] is a]
        m.check(not open_cfg, "MiniportInitializeEx left %d configuration handle(s) open" % len(open_cfg))
        return a

    def initialized(self, **kw):
        a = self.initialize(**kw)
        if a.init_status != self.const("NDIS_STATUS_SUCCESS"):
            raise ScenarioFailure("MiniportInitializeEx returned %s" % self.abi.status_name(a.init_status))
        if not a.context:
            raise ScenarioFailure("MiniportInitializeEx succeeded without registration attributes "
                                  "(no MiniportAdapterContext)")
        return a

    def running(self, **kw):
        a = self.initialized(**kw)
        st = self.restart(a)
        if st != self.const("NDIS_STATUS_SUCCESS"):
            raise ScenarioFailure("MiniportRestart returned %s" % self.abi.status_name(st))
        return a

    def restart(self, a):
        a.state = "restarting"
        st = self.status("RestartHandler", [a.context, nm.build_restart_parameters(self.model)])
        a.state = "running" if st == self.const("NDIS_STATUS_SUCCESS") else "paused"
        return st

    def pause(self, a):
        """MiniportPause. SUCCESS: the adapter is Paused. PENDING: it stays Pausing until the
        driver calls NdisMPauseComplete (possibly already inside MiniportPause)."""
        a.state = "pausing"
        done = len(a.pause_completions)
        st = self.status("PauseHandler", [a.context, nm.build_pause_parameters(self.model)])
        during = len(a.pause_completions) - done
        if st == self.const("NDIS_STATUS_SUCCESS"):
            self.model.check(during == 0, "MiniportPause returned NDIS_STATUS_SUCCESS and also called "
                             "NdisMPauseComplete")
            a.state = "paused"
        elif st == self.const("NDIS_STATUS_PENDING"):
            self.model.check(during <= 1, "NdisMPauseComplete called %d times inside MiniportPause" % during)
            if during:
                a.state = "paused"
        else:
            self.model.fail("MiniportPause returned %s (only SUCCESS or PENDING are allowed)"
                            % self.abi.status_name(st))
        return st

    def halt(self, a, action=None):
        if a.rx_outstanding:
            raise ScenarioFailure("harness: halting adapter %d while %d indicated NBL(s) are not returned "
                                  "(NDIS never does that)" % (a.index, len(a.rx_outstanding)))
        if action is None:
            action = self.const("NdisHaltDeviceDisabled")
        self.model.halting = a
        try:
            self.call("HaltHandlerEx", [a.context, action])
        finally:
            self.model.halting = None
        a.state = "halted"

    def unload(self):
        self.call("UnloadHandler", [self.chars["DriverObject"]])
        dev = self.model.device
        self.model.check(dev is None, "MiniportDriverUnload returned with the control device %#x still registered "
                         "(leak: no NdisDeregisterDeviceEx)" % (dev["handle"] if dev else 0))

    def oid(self, a, request_type, oid, buf_len, data=b"", direct=False, method_id=0, prepare=None, irql=0):
        """Issue an OID request; returns the OidRequest with `.status` (the handler's return).
        `prepare(r)`, if given, runs after the request is built and before the handler (e.g. to
        link a list back to the information buffer, or to clear InformationBuffer). `irql`: the
        IRQL the handler is called at (OID requests may come at up to DISPATCH_LEVEL)."""
        m = self.model
        r = nm.OidRequest(m, request_type, oid, buf_len, data, method_id)
        kind = "direct" if direct else "regular"
        r.rec["pending_kind"] = kind
        if prepare is not None:
            prepare(r)
        r.status = self.status("DirectOidRequestHandler" if direct else "OidRequestHandler", [a.context, r.addr],
                               irql=irql)
        if r.status != self.const("NDIS_STATUS_PENDING"):
            m.check(r.rec["completed"] is None,
                    "OID %#x: the handler returned %s and also completed the request"
                    % (oid, self.abi.status_name(r.status)))
        m.check(r.canary_ok(), "OID %#x: the driver wrote past the end of the %d-byte InformationBuffer"
                % (oid, buf_len))
        return r

    def query(self, a, oid, buf_len=256, direct=False):
        return self.oid(a, self.const("NdisRequestQueryInformation"), oid, buf_len, direct=direct)

    def set(self, a, oid, data, direct=False):
        return self.oid(a, self.const("NdisRequestSetInformation"), oid, len(data), data, direct=direct)

    def send(self, a, first_nbl, flags=0, port=0):
        """MiniportSendNetBufferLists; every NBL in the chain is recorded as outstanding."""
        m = self.model
        nbl = first_nbl
        while nbl:
            a.sent[nbl] = {"state": "sent", "status": None}
            nbl = m.view("NET_BUFFER_LIST", nbl)["Next"]
        irql = 2 if flags & self.const("NDIS_SEND_FLAGS_DISPATCH_LEVEL") else 0
        self.call("SendNetBufferListsHandler", [a.context, first_nbl, port, flags], irql=irql)
        # the protocols above the other adapters are done with what they were indicated
        for other in self.adapters:
            if other.rx_outstanding and not other.hold_receives:
                self.return_nbls(other)

    def return_nbls(self, a, nbls=None, irql=0):
        """MiniportReturnNetBufferLists with `nbls` (default: every NBL indicated on `a` and not
        yet returned), linked into one chain through Next as NDIS does."""
        m = self.model
        nbls = list(a.rx_outstanding) if nbls is None else list(nbls)
        if not nbls:
            return
        for n in nbls:
            if n not in a.rx_outstanding:
                raise ScenarioFailure("harness: NBL %#x is not an outstanding receive of adapter %d" % (n, a.index))
        for x, y in zip(nbls, nbls[1:] + [0]):
            m.view("NET_BUFFER_LIST", x)["Next"] = y
        for n in nbls:
            a.rx_outstanding.pop(n)["returned"] = True
        a.returns.append(nbls)
        flags = self.const("NDIS_RETURN_FLAGS_DISPATCH_LEVEL") if irql >= 2 else 0
        self.call("ReturnNetBufferListsHandler", [a.context, nbls[0], flags], irql=irql)

    # -- the control device (NdisRegisterDeviceEx) -----------------------------------------
    def device(self):
        """The live control device record (see ndis_model.NdisRegisterDeviceEx). Sending an IRP
        to a device that is not registered is what the I/O manager never does: it fails here."""
        dev = self.model.device
        if dev is None:
            gone = [d for d in self.model.devices.values() if not d["live"]]
            raise ScenarioFailure("no control device is registered%s: an IRP cannot be dispatched into it"
                                  % (" (%d deregistered)" % len(gone) if gone else " (NdisRegisterDeviceEx never "
                                     "succeeded)"))
        return dev

    def _dispatch(self, irp, what):
        m = self.model
        dev = self.device()
        fn = dev["dispatch"][irp.major] if irp.major < len(dev["dispatch"]) else 0
        if not fn:
            raise ScenarioFailure("%s: the control device has no dispatch routine for it" % what)
        m.check(m.arena.find(dev["device_object"]).live, "%s: dispatch into a deleted device object" % what)
        marks = {a: (len(a.received), len(a.send_completions)) for a in self.adapters}
        irp.rec["dispatching"] = True
        try:
            ret = self.call_address(fn, [dev["device_object"], irp.addr], what) & 0xFFFFFFFF
        finally:
            irp.rec["dispatching"] = False
        done = irp.rec["completions"]
        m.check(len(done) == 1, "%s: IofCompleteRequest called %d times (exactly once, before the dispatch routine "
                "returns)" % (what, len(done)))
        m.check(ret != nm.STATUS_PENDING, "%s: the dispatch routine returned STATUS_PENDING (every IRP is completed "
                "synchronously)" % what)
        res = IoctlResult(irp, ret, what)
        res.status, res.information = irp.status, irp.information
        if done:
            c = done[0]
            m.check(ret == c["status"], "%s: the dispatch routine returned %#x but completed the IRP with "
                    "IoStatus.Status %#x" % (what, ret, c["status"]))
            after = irp.memory()
            if irp.rec["at_completion"] is not None and after != irp.rec["at_completion"]:
                part = [n for n, x, y in zip(("the IRP", "IoStatus", "the system buffer"), irp.rec["at_completion"],
                                             after) if x != y]
                m.fail("%s: the driver wrote into %s after IofCompleteRequest (the IRP is gone by then)"
                       % (what, " and ".join(part)))
            res.status, res.information, res.reply = c["status"], c["information"], irp.rec["reply"]
        raw, _, _ = irp.memory()
        if raw != irp.before[0]:
            at = next(i for i in range(len(raw)) if raw[i] != irp.before[0][i])
            where = ("IO_STACK_LOCATION+%#x" % (at - nm.IRP_SIZE)) if at >= nm.IRP_SIZE else "IRP+%#x" % at
            m.fail("%s: the driver changed %s (only IoStatus is its to write)" % (what, where))
        front, back = irp.fences_ok()
        m.check(front, "%s: the driver wrote before the start of the %d-byte system buffer" % (what, irp.buffer_len))
        m.check(back, "%s: the driver wrote past the end of the %d-byte system buffer" % (what, irp.buffer_len))
        if irp.major == nm.IRP_MJ_DEVICE_CONTROL:
            m.check(res.information <= irp.out_len, "%s: IoStatus.Information %d > OutputBufferLength %d"
                    % (what, res.information, irp.out_len))
            m.check(not nm.nt_error(res.status) or res.information == 0, "%s: error status %#x with "
                    "IoStatus.Information %d (must be 0)" % (what, res.status, res.information))
        res.delivered = {a: a.received[marks[a][0]:] for a in self.adapters}
        res.send_completions = {a: a.send_completions[marks[a][1]:] for a in self.adapters}
        for a, done_sends in res.send_completions.items():
            m.check(not done_sends, "%s: NdisMSendNetBufferListsComplete on adapter %d (no NBL was sent)"
                    % (what, a.index))
        # the protocols are done with what they were indicated (as after `send`)
        for a in self.adapters:
            if a.rx_outstanding and not a.hold_receives:
                self.return_nbls(a)
        return res

    def _file(self):
        if self.control_file is None:
            self.control_file = self.model.new_handle("file-object", 0xD8)
        return self.control_file

    def irp(self, major, requestor_mode=nm.USER_MODE):
        """IRP_MJ_CREATE / IRP_MJ_CLEANUP / IRP_MJ_CLOSE (or any major) to the control device."""
        what = nm.IRP_MJ_NAMES.get(major, "IRP_MJ %#x" % major)
        irp = nm.Irp(self.model, major, self.device()["device_object"], self._file(), requestor_mode=requestor_mode)
        return self._dispatch(irp, what)

    def ioctl(self, code, data=b"", out_len=0x1000, requestor_mode=nm.USER_MODE):
        """IRP_MJ_DEVICE_CONTROL, METHOD_BUFFERED: one system buffer of max(len(data), out_len)
        bytes holding `data`. Returns an IoctlResult (status, information, reply = the first
        Information bytes of the buffer at completion, delivered = what each adapter indicated
        meanwhile). Every result goes to `ioctl_log` and to each of `ioctl_hooks`."""
        what = "IOCTL %#010x" % code
        irp = nm.Irp(self.model, nm.IRP_MJ_DEVICE_CONTROL, self.device()["device_object"], self._file(), code=code,
                     data=data, out_len=out_len, requestor_mode=requestor_mode)
        res = self._dispatch(irp, what)
        self.ioctl_log.append(res)
        for hook in self.ioctl_hooks:
            hook(res)
        return res

    def driver_leaks(self):
        return [b for b in self.model.arena.live("driver")]

    def finish(self):
        """Checks run after every scenario: heap integrity. Returns the model's failures."""
        self.model.failures.extend(self.model.check_heap())
        return self.model.failures

    def run_timers(self):
        """Fire every armed NDIS timer once (as its DPC would, at DISPATCH_LEVEL). Returns how many."""
        m, n = self.model, 0
        for h, t in list(m.timers.items()):
            if t["live"] and t["armed"]:
                if not t["period"]:
                    t["armed"] = False
                fn = t["chars"].get("TimerFunction")
                m.irql = 2
                before = len(self.se.emu.runs)
                self.se.call(fn, [0, t["context"] or 0, 0, 0])
                run = self.se.emu.runs[-1] if len(self.se.emu.runs) > before else None
                self._after_run("timer function %#x" % fn, run)
                self._check_exit("timer function %#x" % fn, 2)
                m.irql = 0
                n += 1
        return n
