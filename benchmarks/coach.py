"""Measure what a running coach costs: CPU time and memory over a real wait.

Starts `psoas coach run` in a fresh data directory with working hours covering the whole
day (so it is really scheduling, not idling outside hours), lets it run for --seconds
(default 600, the issue's 10 minutes), and reads its CPU time (utime + stime) and resident
memory from /proc. The same is measured for `python -c "import time; time.sleep(N)"` in
the same run, as the floor of a sleeping Python process. Linux only.

Usage: python benchmarks/coach.py [--seconds 600]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(
    command: list[str], seconds: float, env: dict[str, str]
) -> tuple[float, float]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        time.sleep(5)  # past start-up
        start_cpu, start = cpu_seconds(process.pid), time.monotonic()
        peak = 0.0
        while time.monotonic() - start < seconds:
            time.sleep(min(5.0, seconds))
            peak = max(peak, rss_mib(process.pid))
        used = cpu_seconds(process.pid) - start_cpu  # /proc counts in clock ticks
        return 100 * used / (time.monotonic() - start), peak
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    psoas = str(Path(sys.executable).parent / "psoas")
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PSOAS_DATA_DIR": data}
        env.pop("DATABASE_URL", None)
        coach = [psoas, "coach", "run", "--every", "30", "--work", "00:00-23:59",
                 "--days", "mon-sun"]  # fmt: skip
        floor = [sys.executable, "-c", f"import time; time.sleep({args.seconds + 30})"]
        cpu, rss = measure(coach, args.seconds, env)
        floor_cpu, floor_rss = measure(floor, args.seconds, env)
    print(
        f"over {args.seconds:g} s of waiting (after 5 s of start-up); CPU time is counted"
    )
    print(f"in clock ticks of {1000 / TICKS:g} ms, so 0 means less than one tick")
    print(
        f"  psoas coach run      CPU {cpu:6.3f} %   peak RSS {rss:6.1f} MiB   (target < 1 %, < 60 MiB)"
    )
    print(
        f"  sleeping python      CPU {floor_cpu:6.3f} %   peak RSS {floor_rss:6.1f} MiB"
    )
    print(f"  ratio of RSS: {rss / floor_rss:.1f}x a sleeping interpreter")


if __name__ == "__main__":
    main()
