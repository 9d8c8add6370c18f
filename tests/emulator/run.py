#!/usr/bin/env python3
"""Run the emulator scenarios against the cross-built driver image.

    target/emulator-venv/bin/python tests/emulator/run.py [--sys PATH] [-k FILTER] [-v]

Every `test_*` function of every `tests/emulator/scenarios_*.py` runs in a fresh emulator: the
image is loaded, DriverEntry runs, then the function is called with the Harness. One line per
scenario (`PASS name` / `FAIL name: reason`), then `N passed, M failed`. The exit status is
non-zero if a scenario failed or none ran.
"""

import argparse
import glob
import importlib.util
import inspect
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep tests/emulator free of __pycache__

from ndis_model import ScenarioFailure  # noqa: E402


def discover(filter_):
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, "scenarios_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        fns = [f for n, f in vars(mod).items() if n.startswith("test_") and inspect.isfunction(f)
               and f.__module__ == name]
        fns.sort(key=lambda f: f.__code__.co_firstlineno)
        for f in fns:
            full = "%s::%s" % (name, f.__name__)
            if filter_ and filter_ not in full:
                continue
            out.append((full, f))
    return out


def one_line(s):
    s = " ".join(str(s).split())
    return s if len(s) <= 600 else s[:600] + " ..."


def run_one(fn, sys_path, verbose):
    from harness import Harness

    h = None
    try:
        h = Harness(sys_path)
        h.driver_entry()
        fn(h)
        failures = h.finish()
        if failures:
            more = " (+%d more)" % (len(failures) - 3) if len(failures) > 3 else ""
            return "; ".join(failures[:3]) + more, h
        return None, h
    except (ScenarioFailure, AssertionError) as e:
        msg = str(e) or "assertion failed: " + traceback.format_exc().strip().splitlines()[-2].strip()
        if h is not None and h.model.failures:
            extra = [f for f in h.model.failures if f not in msg]
            if extra:
                msg += " [model: %s]" % "; ".join(extra[:3])
        return msg, h
    except Exception as e:  # harness bug or unexpected emulator error
        tb = traceback.format_exc()
        if verbose:
            sys.stderr.write(tb)
        return "harness error: %s: %s (%s)" % (type(e).__name__, e, tb.strip().splitlines()[-3].strip()), h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sys", help="driver image (default: $IPSECOV2_SYS or the release build)")
    ap.add_argument("-k", dest="filter", help="only scenarios whose name contains FILTER")
    ap.add_argument("-v", action="store_true", help="print API call traces of failing scenarios")
    args = ap.parse_args()
    if args.sys:
        os.environ["IPSECOV2_SYS"] = os.path.abspath(args.sys)
    scenarios = discover(args.filter)
    passed = failed = 0
    for name, fn in scenarios:
        t0 = time.time()
        err, h = run_one(fn, None, args.v)
        dt = time.time() - t0
        if err is None:
            passed += 1
            print("PASS %s" % name + (" (%.1fs)" % dt if args.v else ""), flush=True)
        else:
            failed += 1
            print("FAIL %s: %s" % (name, one_line(err)), flush=True)
            if args.v and h is not None:
                for c in h.model.calls[-40:]:
                    print("    %r" % (c,))
                for p in h.model.debug_prints[-10:]:
                    print("    DbgPrintEx: %r" % p)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
