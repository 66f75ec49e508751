"""The core is pure Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys


def test_importing_psoas_does_not_import_django():
    code = (
        "import psoas, sys; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
