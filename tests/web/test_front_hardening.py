"""The public front against clumsy and hostile requests: junk query strings, cache poisoning,
security headers, and a database that goes away while visitors keep reloading."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy.engine import make_url

from preavis.actions import access
from preavis.domain.access import Role
from preavis.storage import Store
from tests.web.conftest import EXAMPLE, Public

PATHS = [
    "/fr/", "/en/", "/fr/feeds", "/fr/calendar.ics", "/en/feed.atom",
    f"/fr/maintenances/{EXAMPLE}", f"/en/maintenances/{EXAMPLE}.ics",
    "/fr/services/boutique-en-ligne", "/en/services/boutique-en-ligne.ics",
    "/en/services/boutique-en-ligne.atom", "/api/v2/summary.json", "/api/v2/status.json",
    "/api/v2/scheduled-maintenances/upcoming.json",
]  # fmt: skip


@pytest.mark.parametrize("path", PATHS)
def test_many_query_parameters_are_ignored(public: Public, path: str) -> None:
    plain = public.get(path)
    assert plain.status_code == 200
    junk = "&".join(f"p{i}=x" for i in range(60))  # parse_qsl(max_num_fields=10) raised on 11
    r = public.get(f"{path}?{junk}")
    assert r.status_code == 200, r.text[:200]
    assert r.content == plain.content  # the extra parameters change nothing


def test_many_parameters_beside_a_moment_keep_the_moment(public: Public) -> None:
    junk = "&".join(f"utm{i}=x" for i in range(20))
    r = public.get(f"/en/?{junk}&at=2025-06-22T23:00-04:00&x=1")
    assert r.status_code == 200
    # the banner of that moment's phase: from the maintenance's announcement, 14 days before
    # its window (June 22, 2025, 23:59 ET), to that window
    assert "from June 8, 2025, 11:59\u00a0p.m. to June 22, 2025, 11:59\u00a0p.m. ET" in r.text
    r = public.get(f"/api/v1/status?lang=en&{junk}")
    assert r.status_code == 200


def test_an_overlong_query_is_a_clear_client_error(public: Public) -> None:
    r = public.get("/en/?" + "a=1&" * 300)
    assert r.status_code == 422
    assert "The address is too long" in r.text


def test_a_tracking_parameter_never_reaches_other_visitors(public: Public) -> None:
    first = public.get("/fr/?utm_source=evil&fbclid=1")  # the first request after a change
    assert first.status_code == 200
    assert "utm_source" not in first.text and "evil" not in first.text
    for path in ("/fr/", f"/fr/maintenances/{EXAMPLE}"):
        public.get(f"{path}?utm_source=evil")
        page = public.get(path).text
        assert "evil" not in page
    assert 'href="/en/"' in public.get("/fr/").text


def test_moment_pages_keep_only_the_moment_in_their_links(public: Public) -> None:
    page = public.get("/fr/?utm_source=evil&at=2025-06-22T23:00-04:00").text
    assert "evil" not in page
    assert 'href="/en/?at=2025-06-08T23:59-04:00"' in page  # the phase's first minute


def test_html_pages_carry_a_strict_content_security_policy(public: Public) -> None:
    for path in ("/fr/", f"/en/maintenances/{EXAMPLE}", "/fr/services/boutique-en-ligne"):
        r = public.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert r.headers["x-content-type-options"] == "nosniff"
        # Nothing inline that the policy would block: scripts only from our files, no style
        # block or attribute, no event handler.
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", r.text, re.S)
        assert all(re.search(r' src="/static/[a-z]+\.js\?v=[0-9a-f]+"', a) and not body
                   for a, body in scripts), scripts  # fmt: skip
        assert "<style" not in r.text and " style=" not in r.text and " onclick=" not in r.text


def test_the_filter_script_is_served_by_preavis_and_versioned(public: Public) -> None:
    html = public.get("/fr/").text
    src = html.split('<script src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/static/filter.js?v=")
    r = public.get(src)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "immutable" in r.headers["cache-control"]
    assert 'id="service-filter-box" class="filter" hidden' in html  # shown by the script only


def test_the_stylesheet_is_served_by_preavis_and_versioned(public: Public) -> None:
    html = public.get("/en/").text
    href = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert href.startswith("/static/site.css?v=")
    r = public.get(href)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/css")
    assert "immutable" in r.headers["cache-control"]
    assert ".badge.unavailable" in r.text
    # Both languages name the same version, so the stylesheet is fetched once.
    assert href in public.get("/fr/").text


@pytest.mark.parametrize(
    "path", ["/api/v1/services", "/api/v1/admin/services", "/docs", "/openapi.json", "/healthz"]
)
def test_api_responses_carry_the_security_headers(public: Public, path: str) -> None:
    r = public.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_cached_pages_outlive_the_database(public: Public, store: Store) -> None:
    if store.engine.url.get_backend_name() != "sqlite":
        pytest.skip("the PostgreSQL restart is measured by bench/reliability.py")
    token = {
        "Authorization": f"Bearer {access.create_token(public.ctx, name='ops', role=Role.ADMIN)}"
    }
    paths = ("/fr/", "/api/v2/summary.json", "/en/feed.atom", "/api/v1/services")
    seen = {p: public.get(p).content for p in paths}
    # The database goes away: its file is replaced by a directory SQLite cannot open.
    db = Path(make_url(store.url).database or "")
    store.dispose()
    shutil.move(db, db.with_suffix(".gone"))
    db.mkdir()
    for path, body in seen.items():
        r = public.get(path)
        assert (r.status_code, r.content) == (200, body), path
    # Pages not rendered yet are drawn from the public data last read.
    assert public.get("/en/services/boutique-en-ligne").status_code == 200
    # What needs the database answers a plain 503, without the driver's words.
    r = public.get("/api/v1/admin/services", headers=token)
    assert r.status_code == 503
    assert "unavailable" in r.text
    for leak in (str(db), "sqlite", "OperationalError", "Traceback"):
        assert leak not in r.text
    db.rmdir()
    shutil.move(db.with_suffix(".gone"), db)
    r = public.get("/api/v1/admin/services", headers=token)
    assert r.status_code == 200  # the database is back, without restarting anything


def test_links_of_a_moment_before_standard_time_can_be_followed(public: Public) -> None:
    # St. John's kept local mean time (-03:30:52) in 1900: an offset RFC 3339 cannot write.
    page = public.get("/en/?at=1900-06-01T12:00Z&tz=America/St_Johns").text
    # Nothing changes before the first announcement (June 8, 2025, 23:59 ET): the page says so
    # in the visitor's zone, and its links name the minute before, in that zone.
    assert "until June 9, 2025, 1:29\u00a0a.m. NT: nothing changes before then." in page
    links = [h for h in page.split('href="')[1:] if h.startswith("/en/maintenances/")]
    assert links
    target = links[0].split('"', 1)[0].replace("&amp;", "&")
    assert "at=2025-06-09T01:28-02:30&tz=America/St_Johns" in unquote(target)
    assert public.get(target).status_code == 200
    # A maintenance page of that moment is the page of the same phase.
    page = public.get(f"/en/maintenances/{EXAMPLE}?at=1900-06-01T12:00Z&tz=America/St_Johns").text
    assert "until June 9, 2025, 1:29\u00a0a.m. NT: nothing changes before then." in page
    links = [h for h in page.split('href="')[1:] if h.startswith("/en/services/")]
    assert links
    target = links[0].split('"', 1)[0].replace("&amp;", "&")
    assert "at=2025-06-09T01:28-02:30&tz=America/St_Johns" in unquote(target)
    assert public.get(target).status_code == 200


def test_a_moment_page_follows_the_clock_past_that_moment(public: Public) -> None:
    # Half an hour after the fixture's now, in the phase of the unavailable windows (June 30,
    # 18:00 to July 2, 7:00 ET): the page says that phase before and after the moment passes,
    # and its chart's line of now follows the clock.
    moment = f"/en/maintenances/{EXAMPLE}?at=2025-06-30T19:30-04:00"
    said = "from June 30, 2025, 6\u00a0p.m. to July 2, 2025, 7\u00a0a.m. ET: nothing changes"
    before = public.get(moment).text
    public.clock.at += timedelta(hours=1)  # the moment is now past; the data did not change
    after = public.get(moment).text
    assert said in before and said in after
    now_line = re.compile(r'<line x1="([\d.]+)"[^>]*class="now"')
    first, second = now_line.search(before), now_line.search(after)
    assert first is not None and second is not None
    assert float(second[1]) > float(first[1])  # an hour later, further right
    assert 'class="period"' in after  # the phase shown, as a band
