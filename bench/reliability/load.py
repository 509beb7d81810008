"""Load: 64 connections with wrk on the public pages (wrk and the server on separate cores)
while another client publishes a change every second; errors, p50/p99, the longest time from
a publish to the change being visible, and the server's memory at start, middle and end."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time

from .common import EXAMPLE, Product, Result

LUA = """
paths = {"/fr/", "/en/", "/fr/maintenances/SLUG", "/en/maintenances/SLUG",
         "/api/v2/summary.json", "/fr/calendar.ics"}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
""".replace("SLUG", EXAMPLE)
SCALE = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str) -> dict[str, float]:
    def latency(pct: str) -> float:
        found = re.search(rf"{pct}%\s+([\d.]+)(us|ms|s)\b", text)
        return float(found.group(1)) * SCALE[found.group(2)] if found else float("nan")

    requests = re.search(r"(\d+) requests in", text)
    errors = 0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    if sockets:
        errors += sum(int(g) for g in sockets.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    return {
        "requests": float(requests.group(1)) if requests else 0.0,
        "errors": float(errors),
        "p50": latency("50"),
        "p99": latency("99"),
    }


def run(quick: bool, minutes: float | None = None) -> Result:
    if not shutil.which("wrk"):
        return Result("load", "wrk not installed (apt-get install wrk)", available=False)
    seconds = 10 if quick and not minutes else int((minutes or 10) * 60)
    failures: list[str] = []
    with Product() as product:
        product.setup()
        product.serve(cpu=0)
        script = product.folder / "rotate.lua"
        script.write_text(LUA)
        rss = [product.rss_kib()]
        delays: list[float] = []
        stop = threading.Event()

        def publish() -> None:
            admin, reader = product.client(), product.client()
            n = 0
            while not stop.is_set():
                n += 1
                title = f"Publication {n}"
                began = time.monotonic()
                answer = admin.request(
                    "PATCH",
                    f"/api/v1/admin/maintenances/{EXAMPLE}",
                    token=product.tokens["admin"],
                    body={"title": {"fr": title, "en": title}},
                )
                if answer.status != 200:
                    failures.append(f"publish {n}: {answer.status} {answer.text[:160]!r}")
                    continue
                acked = time.monotonic()
                while time.monotonic() - acked < 10:
                    if title in reader.request("GET", f"/en/maintenances/{EXAMPLE}").text:
                        delays.append(time.monotonic() - acked)
                        break
                    time.sleep(0.05)
                else:
                    delays.append(float("inf"))
                    failures.append(f"publish {n}: not visible on the public page 10 s later")
                time.sleep(max(0.0, 1 - (time.monotonic() - began)))

        def sample_middle() -> None:
            if not stop.wait(seconds / 2):
                rss.append(product.rss_kib())

        threads = [threading.Thread(target=publish), threading.Thread(target=sample_middle)]
        for t in threads:
            t.start()
        try:
            command = [
                "wrk",
                "-t1",
                "-c64",
                f"-d{seconds}s",
                "--timeout",
                "5s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{product.port}",
            ]
            if shutil.which("taskset"):
                command = ["taskset", "-c", "1", *command]
            out = subprocess.run(
                command, capture_output=True, text=True, timeout=seconds + 60, check=False
            )
        finally:
            stop.set()
            for t in threads:
                t.join()
        rss.append(product.rss_kib())
    figures_wrk = parse_wrk(out.stdout)
    if out.returncode != 0:
        failures.append(f"wrk exit {out.returncode}: {out.stderr[:200]}")
    if figures_wrk["errors"]:
        failures.append(
            f"wrk: {figures_wrk['errors']:.0f} errors (non-2xx/3xx, socket errors, timeouts)"
        )
    worst = max(delays) if delays else float("nan")
    if delays and worst >= 2:
        failures.append(f"a publication took {worst:.2f} s to be visible (target < 2 s)")
    mib = [f"{r / 1024:.0f}" for r in rss]
    figures = (
        f"64 conn × {seconds} s: {figures_wrk['requests']:.0f} requests, "
        f"{figures_wrk['errors']:.0f} errors, "
        f"p50 {figures_wrk['p50']:.1f} ms, p99 {figures_wrk['p99']:.1f} ms; "
        f"{len(delays)} publications, "
        f"visible within {worst:.2f} s at worst; RSS {'/'.join(mib)} MiB (start/middle/end)"
    )
    return Result("load", figures, failures)
