"""The site shell: home, privacy, health, static files, errors, and `psoas serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

PSOAS = str(Path(sys.executable).parent / "psoas")


def test_home_page_shows_the_safety_notice_and_the_way_in(anon_client: Client) -> None:
    response = anon_client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "not a diagnosis" in text
    assert 'href="/assess/"' in text


def test_static_files_are_served_from_our_own_origin(anon_client: Client) -> None:
    page = anon_client.get("/").content.decode()
    assert "cdn" not in page.lower()
    for path in ("/static/psoas/site.css", "/static/psoas/vendor/htmx-2.0.11.min.js"):
        response = anon_client.get(path)
        assert response.status_code == 200
        response.close()  # a streamed file


def test_health_check(anon_client: Client) -> None:
    assert anon_client.get("/healthz").json() == {"status": "ok"}


def test_unknown_page_is_a_calm_404(anon_client: Client) -> None:
    response = anon_client.get("/no/such/page/")
    assert response.status_code == 404


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_psoas_serve_migrates_and_serves(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PSOAS_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [PSOAS, "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/", timeout=2
                ) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        assert "psoas" in body, (tmp_path / "serve.log").read_text()
        assert (tmp_path / "psoas.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.mark.parametrize("path", ["/", "/privacy/"])
def test_pages_render_for_a_signed_in_person(owner_client: Client, path: str) -> None:
    response = owner_client.get(path)
    assert response.status_code == 200
    assert "Sign out" in response.content.decode()
