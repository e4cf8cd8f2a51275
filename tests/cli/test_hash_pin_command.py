"""`python -m kiosk hash-pin`: prints a verifiable hash, never the PIN."""

from __future__ import annotations

import subprocess
import sys

from kiosk.admin.pin import verify_pin


def _hash_pin(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_prints_a_hash_that_verifies_and_not_the_pin():
    result = _hash_pin("482913\n")

    assert result.returncode == 0, result.stderr
    encoded = result.stdout.strip()
    assert "482913" not in result.stdout + result.stderr
    assert verify_pin("482913", encoded)
    assert not verify_pin("482914", encoded)


def test_a_bad_pin_is_one_line_and_prints_no_hash():
    result = _hash_pin("12\n")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "4 to 12 digits" in result.stderr
