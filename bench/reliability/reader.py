"""The reader on hostile notices: bench/hostile_notices.py (written separately), run if present."""

from __future__ import annotations

import subprocess
import sys

from .common import ROOT, Result


def run(quick: bool) -> Result:
    script = ROOT / "bench" / "hostile_notices.py"
    if not script.exists():
        return Result("reader", "not available (bench/hostile_notices.py absent)", available=False)
    command = [sys.executable, str(script)]
    usage = subprocess.run([*command, "--help"], text=True, capture_output=True, check=False)
    if quick and "--quick" in usage.stdout:  # its own short run, if it has one
        command.append("--quick")
    done = subprocess.run(command, text=True, capture_output=True, check=False)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    last = [line for line in done.stdout.splitlines() if line.strip()]
    figures = last[-1][:300] if last else "no output"
    failures = [] if done.returncode == 0 else [f"bench/hostile_notices.py exit {done.returncode}"]
    return Result("reader", figures, failures)
