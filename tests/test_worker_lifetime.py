"""Pool workers end with their parent (issue 16): after kill -9 of a run with -j 2, no
worker is left behind."""
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc to find the workers")

PARENT = """
import sys, time
from extractor.run.engines import run
it = run(sys.argv[1:], jobs=2)
next(it)
print("ready", flush=True)
time.sleep(120)
"""


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_parent_dies(samples_dir, sig):
    files = [str(p) for p in sorted(samples_dir.glob("*.txt"))] * 40
    parent = subprocess.Popen([sys.executable, "-c", PARENT, *files], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout.readline().strip() == "ready"
        workers = [pid for pid in children(parent.pid) if alive(pid)]
        assert workers, "the pool has no worker processes"
        parent.send_signal(sig)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(pid) for pid in workers):
            time.sleep(0.2)
        left = [pid for pid in workers if alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, f"workers {left} outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
