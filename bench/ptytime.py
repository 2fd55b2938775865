#!/usr/bin/env python3
"""Time from starting a full-screen program on a pseudo-terminal (80x24,
TERM=xterm-256color) to MARKER appearing in what it writes, the best and
the median of N runs, in ms: ptytime.py N MARKER CMD [ARG...].  The
program is killed once the marker is seen (bounded: 10 s a run)."""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time


def once(marker, argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    t0 = time.monotonic()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, got = None, b""
    while time.monotonic() - t0 < 10:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            got += os.read(fd, 65536)
        except OSError:
            break
        if marker in got:
            seen = time.monotonic() - t0
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return seen


def main():
    n, marker, argv = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    ts = sorted(t for t in (once(marker, argv) for _ in range(n)) if t is not None)
    if not ts:
        print("none")
        return
    print("%.1f %.1f %d" % (ts[0] * 1000, ts[len(ts) // 2] * 1000, len(ts)))


main()
