"""The command line: one subcommand per scenario and `all`; a table row each, failures printed."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from collections.abc import Callable

from .common import Result, print_failures, table

# name -> (module, what it measures)
SCENARIOS: dict[str, tuple[str, str]] = {
    "fuzz": ("fuzz", "every admin route × roles × hostile inputs, and every public path"),
    "schemathesis": ("schema", "schemathesis strategies over /openapi.json"),
    "injection": ("injection", "payloads in every text field, every output parsed"),
    "writers": ("writers", "8 concurrent writers on each engine; nothing lost"),
    "editors": ("editors", "two editors PATCH one revision: exactly one 412"),
    "kill": ("kill", "kill -9 during apply and mid-write: all or nothing"),
    "pg-restart": ("pg_restart", "PostgreSQL stopped 10 s: cached pages served, recovery"),
    "load": ("load", "64 connections with wrk while publishing every second"),
    "reader": ("reader", "bench/hostile_notices.py, when present"),
}


def run_one(name: str, options: argparse.Namespace) -> Result:
    module = importlib.import_module(f"reliability.{SCENARIOS[name][0]}")
    runner: Callable[..., Result] = module.run
    started = time.monotonic()
    print(f"== {name}: {SCENARIOS[name][1]}", flush=True)
    try:
        result = runner(quick=options.quick, **module_options(name, options))
    except Exception as exc:  # a scenario that breaks is a failure to report, not to hide
        traceback.print_exc()
        result = Result(name, "did not complete", [f"scenario crashed: {exc!r}"])
    print_failures(result, limit=options.show or len(result.failures))
    print(f"   {result.verdict}: {result.figures} ({time.monotonic() - started:.0f} s)", flush=True)
    return result


def module_options(name: str, options: argparse.Namespace) -> dict[str, object]:
    if name == "writers":
        return {"seconds": options.seconds, "engines": options.engines}
    if name == "load":
        return {"minutes": options.minutes}
    if name in {"kill", "fuzz"}:
        return {"engines": options.engines}
    return {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/reliability.py",
        description="The reliability campaign (docs/reliability.md). Exit 1 if anything failed.",
    )
    parser.add_argument("scenario", choices=[*SCENARIOS, "all"])
    parser.add_argument("--quick", action="store_true", help="seconds, not minutes (for tests)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--show", type=int, default=40, help="failures printed per scenario (0: all; default 40)"
    )
    parser.add_argument("--seconds", type=float, default=None, help="writers: seconds (30)")
    parser.add_argument("--minutes", type=float, default=None, help="load: minutes (10)")
    parser.add_argument(
        "--engines",
        default="sqlite,postgresql",
        help="fuzz, writers, kill: comma-separated engines (PostgreSQL needs Debian's postgresql)",
    )
    options = parser.parse_args(argv)
    names = list(SCENARIOS) if options.scenario == "all" else [options.scenario]
    results = [run_one(name, options) for name in names]
    print()
    print(table(results, markdown=options.markdown))
    return 1 if any(r.failures for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
