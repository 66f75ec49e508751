"""Benchmark the web app: dashboard and result page against a bare view, same server.

Starts `psoas serve` (waitress) on a free loopback port with a fresh data directory,
seeds one person (a stored assessment, a program built from it and ~30 days of
journal entries) through the services in a subprocess, signs in through the
sign-in form to get a session cookie, then drives each URL with N concurrent
clients (threads, one keep-alive connection each, `http.client`) for a fixed time:

- `/healthz`: a bare JSON view, the baseline (no session, no template, no query);
- the dashboard (`/journal/`), signed in;
- the result page of the stored assessment, signed in.

Prints requests/s, p50 and p95 latency per URL and each page's ratio to the baseline.
The load generator runs on the same machine as the server, so the figures are for
comparing pages with each other in one run, not absolute capacity.

Usage: python benchmarks/web.py [--clients 50] [--seconds 10] [--threads 8]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "desk_worker.json"
USERNAME = "bench"
PASSWORD = "a long benchmark passphrase 7"  # noqa: S105 (throwaway data dir)
HOST = "127.0.0.1"


def seed() -> None:
    """In the server's data dir: one person with an assessment, a program, a journal.

    Prints a JSON object with the result page's path.
    """
    import datetime
    import random

    from psoas_web import services

    services.setup()
    from django.contrib.auth.models import User
    from django.urls import reverse

    import psoas
    from psoas.program import build_program
    from psoas.program.model import Preferences
    from psoas_web.journal import services as journal

    person = User.objects.create_user(USERNAME, "bench@example.org", PASSWORD)
    answers = json.loads(EXAMPLE.read_text())
    result = psoas.assess(answers)
    assessment = services.save_result(person, answers, result)
    today = datetime.date.today()
    program = build_program(
        result, Preferences(), today=today - datetime.timedelta(days=30)
    )
    services.save_program(
        person, program.model_dump(mode="json"), assessment_id=assessment.id
    )
    rng = random.Random(4)  # noqa: S311 (not for security)
    for back in range(30, 0, -1):
        journal.save_entry(
            person,
            today - datetime.timedelta(days=back),
            nprs=max(0, min(10, 6 - back // 8 + rng.randint(-1, 1))),
            sitting_hours=round(rng.uniform(5, 10), 1),
        )
    print(json.dumps({"result": reverse("assessment:result", args=[assessment.id])}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def request(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str | None = None,
) -> tuple[int, dict[str, list[str]], bytes]:
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    found: dict[str, list[str]] = {}
    for key, value in response.getheaders():
        found.setdefault(key.lower(), []).append(value)
    return response.status, found, data


def cookies_of(headers: dict[str, list[str]]) -> dict[str, str]:
    jar = {}
    for line in headers.get("set-cookie", []):
        name, _, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def sign_in(port: int) -> str:
    """Sign in through the form; return the Cookie header of the signed-in session."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    status, headers, body = request(conn, "GET", "/accounts/login/")
    if status != 200:
        sys.exit(f"GET /accounts/login/ answered {status}")
    jar = cookies_of(headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not match:
        sys.exit("no CSRF token on the sign-in page")
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "username": USERNAME,
            "password": PASSWORD,
        }
    )
    status, headers, _ = request(
        conn,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
        },
    )
    jar |= cookies_of(headers)
    if status != 302 or "sessionid" not in jar:
        sys.exit(f"signing in failed: {status}")
    conn.close()
    return f"sessionid={jar['sessionid']}"


@dataclass
class Figures:
    label: str
    path: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def load(
    label: str, port: int, path: str, cookie: str, clients: int, seconds: float
) -> Figures:
    """Drive `path` with `clients` keep-alive connections for `seconds`."""
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop = threading.Event()

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        mine = latencies[index]
        start.wait()
        while not stop.is_set():
            began = time.perf_counter()
            try:
                status, _, _ = request(conn, "GET", path, headers=headers)
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                continue
            if status != 200:
                errors[index] += 1
            mine.append(time.perf_counter() - began)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = [x for per_client in latencies for x in per_client]
    return Figures(label, path, len(flat), sum(errors), elapsed, flat)


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"psoas serve exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            if request(conn, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("psoas serve did not answer /healthz within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed()
        return

    psoas_bin = shutil.which("psoas") or str(Path(sys.executable).parent / "psoas")
    data_dir = tempfile.mkdtemp(prefix="psoas-bench-")
    env = {
        **os.environ,
        "PSOAS_DATA_DIR": data_dir,
        "PSOAS_DEBUG": "False",
        "DJANGO_SETTINGS_MODULE": "psoas_web.settings",
    }
    env.pop("DATABASE_URL", None)
    port = free_port()
    server = None
    try:
        seeded = subprocess.run(
            [sys.executable, __file__, "--seed"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        result_path = json.loads(seeded.stdout.strip().splitlines()[-1])["result"]
        command = [psoas_bin, "serve", "--host", HOST, "--port", str(port)]
        server = subprocess.Popen(
            [*command, "--threads", str(args.threads)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(port, server)
        cookie = sign_in(port)
        targets = [
            ("baseline (/healthz)", "/healthz", ""),
            ("dashboard (/journal/)", "/journal/", cookie),
            ("result (/assess/result/<id>/)", result_path, cookie),
        ]
        for label, path, jar in targets:  # warm up: templates, the knowledge base
            load(label, port, path, jar, args.clients, 1.0)
        runs = [
            load(label, port, path, jar, args.clients, args.seconds)
            for label, path, jar in targets
        ]
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)

    print(
        f"psoas serve (waitress, {args.threads} threads), {args.clients} concurrent "
        f"clients on loopback, {args.seconds:g} s per URL, {os.cpu_count()} CPUs "
        "shared by the server and the load generator"
    )
    base = runs[0]
    print(
        f"{'page':<30} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'errors':>6} {'rate vs base':>12} {'p95 vs base':>11}"
    )
    for run in runs:
        print(
            f"{run.label:<30} {run.rate:8.1f} {run.percentile(0.50):8.1f} "
            f"{run.percentile(0.95):8.1f} {run.errors:6d} "
            f"{run.rate / base.rate:12.2f} "
            f"{run.percentile(0.95) / base.percentile(0.95):11.2f}"
        )
    if any(run.errors for run in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
