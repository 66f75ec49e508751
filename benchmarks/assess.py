"""Benchmark the assessment engine in process and the cold CLI, against baselines.

Prints medians and ratios measured in this one run on this machine:
- in process: ``psoas.assess`` on an example document (target: median < 1 ms), next to
  ``json.loads`` + ``json.dumps`` of the same document as a floor;
- cold: ``psoas assess --answers FILE --json`` as a new process (target: < 300 ms), next to
  ``python -c pass`` and ``python -c "import pydantic"`` measured alternately in the same loop.

Usage: python benchmarks/assess.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "desk_worker.json"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def in_process(runs: int) -> tuple[float, float]:
    import psoas
    from psoas.knowledge import default_knowledge_base

    document = json.loads(EXAMPLE.read_text())
    default_knowledge_base()  # loaded once per process, like the CLI and the web app
    psoas.assess(document)
    engine, floor = [], []
    for _ in range(runs):
        start = time.perf_counter()
        psoas.assess(document).to_json_dict()
        engine.append(time.perf_counter() - start)
        start = time.perf_counter()
        json.loads(json.dumps(document))
        floor.append(time.perf_counter() - start)
    return median_ms(engine), median_ms(floor)


def cold(runs: int) -> dict[str, float]:
    psoas_bin = shutil.which("psoas") or str(Path(sys.executable).parent / "psoas")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import pydantic"': [sys.executable, "-c", "import pydantic"],
        "psoas assess --answers F --json": [
            psoas_bin,
            "assess",
            "--answers",
            str(EXAMPLE),
            "--json",
        ],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # alternate, so drift hits all alike
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            samples[name].append(time.perf_counter() - start)
    return {name: median_ms(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="in-process runs")
    parser.add_argument("--cold-runs", type=int, default=20, help="process starts")
    args = parser.parse_args()

    engine, floor = in_process(args.runs)
    print(f"in process, median of {args.runs} runs (example: {EXAMPLE.name})")
    print(f"  psoas.assess + to_json_dict   {engine:8.3f} ms   (target < 1 ms)")
    print(
        f"  json round trip (floor)       {floor:8.3f} ms   ratio {engine / floor:6.1f}x"
    )

    results = cold(args.cold_runs)
    base = results["python -c pass"]
    print(f"\ncold start, median of {args.cold_runs} process starts each")
    for name, ms in results.items():
        print(f"  {name:34s} {ms:8.1f} ms   ratio {ms / base:5.1f}x python -c pass")
    print("  (target for psoas assess --json: < 300 ms)")


if __name__ == "__main__":
    main()
