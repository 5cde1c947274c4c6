# SPDX-License-Identifier: GPL-2.0
"""Boot an image in QEMU and talk to its console, as a user at a terminal would."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time

QEMU = os.environ.get("QEMU", "qemu-system-aarch64")
MACHINE = ["-M", "virt,virtualization=on,gic-version=3", "-cpu", "cortex-a57",
           "-smp", "4", "-m", "1G"]
# Each board's machine, as the Makefile's QEMU_MACHINE_<board> (`make run`)
MACHINES = {"qemu-virt": MACHINE,
            "zcu102": ["-M", "xlnx-zcu102,virtualization=on", "-m", "4G", "-audiodev", "none,id=snd0"]}


class Console:
    """A running QEMU with the UART on stdio.  `expect` waits for a pattern
    (the timeout only catches hangs; it is not a performance assertion)."""

    def __init__(self, image: str | None, icount: bool = False, extra: tuple[str, ...] = (),
                 machine: list[str] | None = None, command: list[str] | None = None):
        """Boots `image`, or runs `command` (e.g. `make run`, which starts QEMU itself)."""
        cmd = command or [QEMU, *(machine or MACHINE), "-display", "none",
                          *([] if "-monitor" in extra else ["-monitor", "none"]),
                          "-serial", "stdio", "-kernel", image, *extra]
        self.icount = icount
        if icount:
            cmd += ["-icount", "shift=0,sleep=off"]
        # a session of its own: closing ends QEMU even when a command started it
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self._buf = bytearray()
        self._lock = threading.Lock()
        self._pos = 0
        self.quiet: tuple[str, ...] = ()   # cells whose lines failure reports leave out
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                return
            with self._lock:
                self._buf += chunk

    @property
    def raw(self) -> bytes:
        """Every byte QEMU has written so far, undecoded."""
        with self._lock:
            return bytes(self._buf)

    @property
    def output(self) -> str:
        with self._lock:
            return self._buf.decode("utf-8", "replace")

    def lines(self) -> list[str]:
        return self.output.replace("\r\n", "\n").split("\n")

    def expect(self, pattern: str, timeout: float = 60.0) -> re.Match:
        """Wait for `pattern` (regex) after the previous match; return the match."""
        rx = re.compile(pattern, re.M)
        end = time.monotonic() + timeout
        while True:
            text = self.output
            m = rx.search(text, self._pos)
            if m:
                self._pos = m.end()
                return m
            if self.proc.poll() is not None:
                raise AssertionError(f"QEMU exited ({self.proc.returncode}) before {pattern!r}:\n"
                                     + text[-3000:])
            if time.monotonic() > end:
                raise AssertionError(f"no {pattern!r} within {timeout}s; console tail:\n"
                                     + self.tail(text))
            time.sleep(0.05)

    def hv(self, command: str) -> None:
        """Types `command` at the hypervisor's hv> prompt (Ctrl-] Enter opens it; waiting for
        it first, since keys typed in one burst with the switch can be lost), then `exit`."""
        self.send("\x1d\r")
        self.expect(r"^\[hv\] hv> ", timeout=60)
        self.send(command + "\rexit\r")

    def tail(self, text: str, lines: int = 40) -> str:
        """The last lines, without the periodic lines of cells listed in `quiet`."""
        keep = [l for l in text.splitlines() if not any(l.startswith(f"[{q}]") for q in self.quiet)]
        return "\n".join(keep[-lines:])

    def send(self, text: str):
        """Types text.  Under icount a cell may take its input later than QEMU hands it over
        (the cores run in turn): a burst longer than the cell's receive FIFO (64 bytes) would
        lose bytes, so it goes in pieces, the time to echo a piece apart."""
        data = text.encode()
        step = 16 if self.icount else len(data) or 1
        for at in range(0, len(data), step):
            if at:
                time.sleep(0.05)
            self.proc.stdin.write(data[at:at + step])
            self.proc.stdin.flush()

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
