#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Boot the Linux cell Image + initramfs on bare QEMU (no hypervisor).

Checks the tessera-linux boot markers, measures host wall-clock time to
`tessera-linux: ready`, types `echo hello` and `poweroff` on the serial
console and waits for QEMU to exit.  Prints a JSON summary.

  cells/linux/qemu-smoke.py [--build build] [--append "quiet"] [--machine ...]
"""

import argparse
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

MARKERS = ("tessera-linux: init started", "tessera-linux: ready")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--machine", default="virt,gic-version=3")
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--mem", default="256M")
    ap.add_argument("--append", default="", help="extra kernel command line")
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--log", help="write the console transcript here")
    ap.add_argument("--no-poweroff", action="store_true",
                    help="use `reboot` instead of `poweroff` (QEMU -no-reboot)")
    a = ap.parse_args()

    out = os.path.join(a.build, "cells", "linux")
    cmd = [a.qemu, "-M", a.machine, "-cpu", a.cpu, "-smp", a.smp,
           "-m", a.mem, "-nographic", "-no-reboot",
           "-kernel", os.path.join(out, "Image"),
           "-initrd", os.path.join(out, "initramfs.cpio.gz"),
           "-append", ("console=ttyAMA0 " + a.append).strip()]
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    lines = queue.Queue()
    transcript = []

    def reader():
        buf = b""
        while True:
            ch = p.stdout.read1(4096)
            if not ch:
                break
            buf += ch
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                s = line.decode("utf-8", "replace").rstrip("\r")
                transcript.append((time.monotonic() - t0, s))
                lines.put(s)
            if buf.endswith(b"# "):   # shell prompt without newline
                s = buf.decode("utf-8", "replace")
                transcript.append((time.monotonic() - t0, s))
                lines.put(s)
                buf = b""
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    res = {"cmd": " ".join(cmd), "markers": {}}

    def expect(pattern, timeout):
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                s = lines.get(timeout=left)
            except queue.Empty:
                return None
            if s is None:
                return None
            m = re.search(pattern, s)
            if m:
                return m

    def send(text):
        p.stdin.write(text.encode())
        p.stdin.flush()

    ok = True
    try:
        for key, pat in (("init_started", r"tessera-linux: init started"),
                         ("cpus", r"tessera-linux: cpus=(\d+)"),
                         ("memtotal_kb", r"tessera-linux: memtotal_kb=(\d+)"),
                         # without Tessera: "FAILED ... No such device" (no /hypervisor node)
                         ("module", r"tessera-linux: module=(.*)"),
                         ("ready", r"tessera-linux: ready")):
            m = expect(pat, a.timeout)
            if not m:
                res["error"] = f"timeout waiting for {pat!r}"
                ok = False
                break
            res["markers"][key] = m.group(1) if m.groups() else True
            if key == "ready":
                res["seconds_to_ready"] = round(time.monotonic() - t0, 2)
        if ok:
            time.sleep(0.5)
            send("echo hel''lo\n")   # the echo of the command must not match
            m = expect(r"^hello$", 30)
            res["echo_hello"] = bool(m)
            ok = ok and bool(m)
            send("poweroff\n" if not a.no_poweroff else "reboot\n")
            try:
                rc = p.wait(timeout=60)
                res["qemu_exit"] = rc
                res["seconds_total"] = round(time.monotonic() - t0, 2)
            except subprocess.TimeoutExpired:
                res["error"] = "QEMU did not exit after poweroff/reboot"
                ok = False
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        if a.log:
            with open(a.log, "w") as f:
                for t, s in transcript:
                    f.write(f"[{t:8.3f}] {s}\n")
    res["ok"] = ok
    print(json.dumps(res, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
