"""Static export benchmark: `preavis export-site` size and time for the built-in example and a
generated catalogue (500 services, 5,000 interruptions), then nginx serving the exported home
page beside nginx serving a plain file of the same size, in the same run (three rounds of
exported, plain, exported; the median of their ratios).

nginx runs one worker pinned to core 0, wrk -t1 pinned to core 1. Needs Debian's nginx and wrk.
Usage:

    python bench/export_bench.py [--seconds 8] [--connections 64] [--port 18310]
                                 [--services 500] [--breakdown] [--profile FILE] [--skip-example]
                                 [--baseline SRC]

`--breakdown` prints the export's bytes by kind of file (a service's or a phase's name replaced
by `<slug>` / `<phase>`); `--profile FILE` writes cProfile statistics of the generated
catalogue's first export to FILE (read them with `python -m pstats FILE`); `--baseline SRC`
first runs the generated catalogue's exports with the package found in SRC (another version's
`src`, e.g. `git archive <commit> src | tar -x -C /tmp/old`), in a process of its own, so a
change is measured against what it replaces in the same run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import preavis
from preavis.actions import Context, data
from preavis.actions.files import open_schedule
from preavis.clock import SystemClock
from preavis.domain import Schedule
from preavis.domain.access import Actor, Role
from preavis.storage import Store
from preavis.web.export import Exported, export_site
from preavis.web.site import Site

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_bench import generated, wrk

NGINX = """daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    location = /plain.html {{ root {plain}; }}
  }}
}}
"""


KINDS = (  # (pattern on the exported path, what replaces the match) — a slug or a phase's id
    (re.compile(r"/at/[^/]+\.html$"), "/at/<phase>.html"),
    (re.compile(r"/(services|maintenances)/[^/]+?(\.[a-z]+|/)"), r"/\1/<slug>\2"),
)


def kind(path: str) -> str:
    """The kind of an exported file: its path with the service, programme or phase left out."""
    for pattern, replacement in KINDS:
        path = pattern.sub(replacement, path, count=1)
    return re.sub(r"^(fr|en)/", "<lang>/", path)


def breakdown(site: Path) -> None:
    """The export's files and bytes by kind, largest first (the `.gz` twins apart)."""
    kinds: dict[str, list[int]] = {}
    for file in site.resolve().rglob("*"):
        if not file.is_file() or file.name.startswith("."):
            continue
        path = file.relative_to(site.resolve()).as_posix()
        gz = path.endswith(".gz")
        found = kinds.setdefault(kind(path.removesuffix(".gz")), [0, 0, 0])
        size = file.stat().st_size
        if gz:
            found[2] += size
        else:
            found[0] += 1
            found[1] += size
    total = sum(k[1] for k in kinds.values())
    print(
        f"    {'kind of file':44} {'files':>7} {'MB':>8} {'share':>6} {'avg KB':>7} {'.gz MB':>7}"
    )
    for name, (files, size, gz) in sorted(kinds.items(), key=lambda k: -k[1][1])[:25]:
        print(f"    {name:44} {files:7,} {size / 1e6:8.2f} {size / max(total, 1):6.1%} "
              f"{size / max(files, 1) / 1e3:7.1f} {gz / 1e6:7.2f}")  # fmt: skip


def export(
    label: str, schedule: Schedule, folder: Path, *, profile: str = "", show: bool = False
) -> tuple[Exported, Exported]:
    store = Store(f"sqlite:///{folder}/bench.db")
    store.upgrade()
    ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
    data.apply_schedule(ctx, schedule=schedule, publish=True)
    site = Site(store, SystemClock())
    if profile:
        profiler = cProfile.Profile()
        first = profiler.runcall(export_site, site, folder / "site")
        profiler.dump_stats(profile)
    else:
        first = export_site(site, folder / "site")
    again = export_site(site, folder / "site")  # nothing changed: files hard-linked
    store.dispose()
    for name, done in (("first export", first), ("export again", again)):
        print(f"  {label:34} {name:13} {done.files:7,} files {done.size / 1e6:8.1f} MB "
              f"(+{done.gz_size / 1e6:.1f} MB .gz) {done.phases:6,} phases "
              f"{done.seconds:7.1f} s  broken links: {len(done.broken)}")  # fmt: skip
    if show:
        breakdown(folder / "site")
    return first, again


def nginx_case(site: Path, port: int, seconds: int, connections: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        folder.chmod(0o755)  # nginx's workers run as another user
        plain = folder / "plain"
        plain.mkdir(mode=0o755)
        home = (site / "fr" / "index.html").read_bytes()
        (plain / "plain.html").write_bytes(
            os.urandom(len(home) // 2 + 1).hex().encode()[: len(home)]
        )
        (plain / "plain.html").chmod(0o644)
        conf = folder / "nginx.conf"
        conf.write_text(NGINX.format(folder=folder, port=port, site=site.resolve(), plain=plain))
        server = subprocess.Popen(
            ["taskset", "-c", "0", "nginx", "-c", str(conf), "-p", str(folder)],
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/plain.html", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            for path in ("/plain.html", "/fr/index.html"):  # both answer 200, or no figures
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                    if r.status != 200 or len(r.read()) != len(home):
                        raise SystemExit(f"nginx does not serve {path} as expected")
            for path in ("/fr/index.html", "/plain.html"):  # warm up: nothing measured
                wrk(port, path, 2, connections, False)
            rounds = []  # (exported, plain, exported) rounds: the machine's load drifts
            for _ in range(3):
                exported = wrk(port, "/fr/index.html", seconds, connections, False)
                baseline = wrk(port, "/plain.html", seconds, connections, False)
                again = wrk(port, "/fr/index.html", seconds, connections, False)
                rounds.append((exported, baseline, again))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"\n  nginx, {len(home):,} bytes, exported home against a plain file:")
    ratios = []
    for exported, baseline, again in rounds:
        mine = (exported["rps"] + again["rps"]) / 2
        ratios.append(mine / baseline["rps"])
        print(f"    {mine:,.0f} req/s (p99 {exported['p99']:.2f} ms) against "
              f"{baseline['rps']:,.0f} req/s (p99 {baseline['p99']:.2f} ms): "
              f"ratio {ratios[-1]:.2f}, errors "
              f"{exported['errors'] + again['errors'] + baseline['errors']:.0f}")  # fmt: skip
    print(f"    median ratio {statistics.median(ratios):.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=18310)
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--breakdown", action="store_true", help="bytes by kind of file")
    parser.add_argument("--profile", default="", help="cProfile statistics of the big export")
    parser.add_argument("--skip-example", action="store_true")
    parser.add_argument("--skip-nginx", action="store_true")
    parser.add_argument("--skip-big", action="store_true", help="only the example (and nginx)")
    parser.add_argument("--baseline", default="", help="another version's src, measured first")
    args = parser.parse_args(argv)
    print(f"export benchmark (package in {Path(preavis.__file__).parent.parent})", flush=True)
    with tempfile.TemporaryDirectory() as temp:
        Path(temp).chmod(0o755)  # nginx's workers run as another user
        example = Path(temp) / "example"
        example.mkdir()
        if not args.skip_example:
            schedule = open_schedule().schedule
            export("built-in example (26 services)", schedule, example, show=args.breakdown)
        if args.baseline and not args.skip_big:
            print(f"  baseline: the package in {args.baseline}", flush=True)
            command = [sys.executable, __file__, "--services", str(args.services)]
            command += ["--skip-example", "--skip-nginx"] + (["--breakdown"] * args.breakdown)
            env = {**os.environ, "PYTHONPATH": str(Path(args.baseline).resolve())}
            subprocess.run(command, env=env, check=True)
            print("  this version:")
        if not args.skip_big:
            big = Path(temp) / "big"
            big.mkdir()
            label = f"generated ({args.services} services, {args.services * 10:,} interruptions)"
            schedule = generated(args.services, args.services * 10)
            export(label, schedule, big, profile=args.profile, show=args.breakdown)
        if args.skip_nginx or args.skip_example:
            print("nginx comparison skipped")
        elif shutil.which("nginx") and shutil.which("wrk") and shutil.which("taskset"):
            nginx_case(example / "site", args.port, args.seconds, args.connections)
        else:
            print("nginx comparison skipped: needs nginx, wrk and taskset")
    return 0


if __name__ == "__main__":
    sys.exit(main())
