"""The benchmarks keep running (tiny sizes, no timing assertions): their own checks must pass."""

import json
import runpy
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_timeline_bench_runs_and_agrees_with_the_naive_scan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = runpy.run_path(str(BENCH / "timeline_bench.py"))
    assert module["main"](["--services", "40", "--per-service", "4", "--queries", "50"]) == 0
    out = capsys.readouterr().out
    assert "40 services, 160 interruptions" in out
    assert "ratio scan / index" in out


def test_notice_bench_runs(capsys: pytest.CaptureFixture[str]) -> None:
    module = runpy.run_path(str(BENCH / "notice_bench.py"))
    assert module["main"](["--rows", "30", "--repeat", "1"]) == 0
    assert "generated notice (30 rows)" in capsys.readouterr().out


def test_reader_score_says_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    module = runpy.run_path(str(BENCH / "reader_score.py"))
    with pytest.raises(SystemExit) as done:
        module["main"](["--help"])
    assert done.value.code == 0
    assert "--part {0,1}" in capsys.readouterr().out  # its help printed


def test_storage_bench_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREAVIS_TEST_DATABASE_URL", raising=False)
    module = runpy.run_path(str(BENCH / "storage_bench.py"))
    assert module["main"](["--rows", "20", "--repeat", "1"]) == 0
    assert "SQLite     publish" in capsys.readouterr().out


def test_web_bench_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wrk runs need servers and minutes; their pieces are checked here."""
    module = runpy.run_path(str(BENCH / "web_bench.py"))
    schedule = module["generated"]()
    assert len(schedule.services) == 500
    assert sum(len(m.interruptions) for m in schedule.maintenances) == 5_000
    responses = tmp_path / "responses.json"
    sent = [["content-type", "text/plain"], ["content-length", "2"], ["etag", '"t"']]
    responses.write_text(json.dumps({"/x": ["text/plain", "6f6b", "", sent]}), encoding="utf-8")
    monkeypatch.setenv("BARE_RESPONSES", str(responses))
    from starlette.testclient import TestClient

    bare = runpy.run_path(str(BENCH / "bare_app.py"))
    answer = TestClient(bare["app"]).get("/x")  # no lifespan: uvicorn's "auto"
    assert answer.text == "ok" and "etag" not in answer.headers
    monkeypatch.setenv("BARE_SAME_HEADERS", "1")  # every header Préavis sent
    same = runpy.run_path(str(BENCH / "bare_app.py"))
    answer = TestClient(same["app"]).get("/x")
    assert answer.text == "ok" and answer.headers["etag"] == '"t"'


def test_notify_bench_runs_and_loses_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREAVIS_SMTP_URL", raising=False)
    module = runpy.run_path(str(BENCH / "notify_bench.py"))
    assert module["main"](["--subscribers", "20"]) == 0  # it checks every recipient got one
    out = capsys.readouterr().out
    assert "fan-out to 20 subscribers" in out
    assert "ratio worker / bare" in out


def test_memory_bench_runs(capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    module = runpy.run_path(str(BENCH / "memory_bench.py"))
    db = tmp_path / "catalogue.db"
    assert module["main"](["--services", "50", "--moments", "3", "--db", str(db)]) == 0
    out = capfd.readouterr().out
    assert "50 services, 500 interruptions" in out
    assert "50 of 50 shared" in out  # the second copy took every unchanged maintenance
    assert "a publication, the views in use again" in out and "caches: now" in out


def test_backup_bench_runs_and_gets_the_same_document_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = runpy.run_path(str(BENCH / "backup_bench.py"))
    assert module["main"](["--subscribers", "20", "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "example + 20 subscribers" in out and "20 deliveries" in out
    assert "ratio restore / bare load" in out


def test_reader_aliases_groups_senders_and_teaches_as_the_review_does() -> None:
    module = runpy.run_path(str(BENCH / "reader_aliases.py"))
    assert module["sender"]("aarhus-it-service-window-2015-01-en") == "aarhus"
    assert module["sender"]("ch-langon-urgences-fermeture-2023-fr") == "ch-langon"
    paths = [Path(f"{n}.txt") for n in ("x-b-2020-04", "x-a-2019", "y-only-2020", "x-c-2020-01")]
    assert module["senders"](paths) == {
        "x": [Path("x-a-2019.txt"), Path("x-c-2020-01.txt"), Path("x-b-2020-04.txt")]
    }
    expected = [{"service": ["Portal", "The portal"], "starts_at": "2020-01-01T00:00:00+00:00",
                 "ends_at": "2020-01-01T01:00:00+00:00", "impact": "unavailable"}]  # fmt: skip
    row = {
        **expected[0],
        "service": "Web Self Service",
        "evidence": {"warnings": [], "match": None},
    }
    site = module["Site"]()
    assert site.review(expected, {"interruptions": [row]}) == 1
    [alias] = site.aliases.values()
    assert (alias.name, site.catalogue()[0].name.en) == ("Web Self Service", "Portal")
    doubted = {**row, "evidence": {"warnings": [{"code": "notice.name_generic"}], "match": None}}
    assert module["Site"]().review(expected, {"interruptions": [doubted]}) == 0
    assert module["Site"](guarded=False).review(expected, {"interruptions": [doubted]}) == 1
