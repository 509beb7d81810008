"""Static export benchmark: `preavis export-site` size and time for the built-in example and a
generated catalogue (500 services, 5,000 interruptions), then nginx serving the exported home
page beside nginx serving a plain file of the same size, in the same run.

nginx runs one worker pinned to core 0, wrk -t1 pinned to core 1. Needs Debian's nginx and wrk.
Usage:

    python bench/export_bench.py [--seconds 8] [--connections 64] [--port 18310]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

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


def export(label: str, schedule: Schedule, folder: Path) -> tuple[Exported, Exported]:
    store = Store(f"sqlite:///{folder}/bench.db")
    store.upgrade()
    ctx = Context(store, SystemClock(), Actor("bench", Role.ADMIN))
    data.apply_schedule(ctx, schedule=schedule, publish=True)
    site = Site(store, SystemClock())
    first = export_site(site, folder / "site")
    again = export_site(site, folder / "site")  # nothing changed: files hard-linked
    store.dispose()
    for name, done in (("first export", first), ("export again", again)):
        print(f"  {label:34} {name:13} {done.files:7,} files {done.size / 1e6:8.1f} MB "
              f"(+{done.gz_size / 1e6:.1f} MB .gz) {done.phases:6,} phases "
              f"{done.seconds:7.1f} s  broken links: {len(done.broken)}")  # fmt: skip
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
            exported = wrk(port, "/fr/index.html", seconds, connections, False)
            baseline = wrk(port, "/plain.html", seconds, connections, False)
            again = wrk(port, "/fr/index.html", seconds, connections, False)
        finally:
            server.terminate()
            server.wait(timeout=10)
    mine = (exported["rps"] + again["rps"]) / 2
    print(f"\n  nginx, {len(home):,} bytes: exported home {mine:,.0f} req/s "
          f"(p99 {exported['p99']:.2f} ms), plain file {baseline['rps']:,.0f} req/s "
          f"(p99 {baseline['p99']:.2f} ms): ratio {mine / baseline['rps']:.2f}, "
          f"errors {exported['errors'] + again['errors'] + baseline['errors']:.0f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=18310)
    parser.add_argument("--services", type=int, default=500)
    args = parser.parse_args(argv)
    print("export benchmark")
    with tempfile.TemporaryDirectory() as temp:
        Path(temp).chmod(0o755)  # nginx's workers run as another user
        example = Path(temp) / "example"
        example.mkdir()
        export("built-in example (26 services)", open_schedule().schedule, example)
        big = Path(temp) / "big"
        big.mkdir()
        label = f"generated ({args.services} services, {args.services * 10:,} interruptions)"
        export(label, generated(args.services, args.services * 10), big)
        if shutil.which("nginx") and shutil.which("wrk") and shutil.which("taskset"):
            nginx_case(example / "site", args.port, args.seconds, args.connections)
        else:
            print("nginx comparison skipped: needs nginx, wrk and taskset")
    return 0


if __name__ == "__main__":
    sys.exit(main())
