"""The notification screens (admins): subscribers listed, searched, exported, imported and
removed; failed deliveries on the dashboard and their own screen, retried from there. The
deliveries fail for real: an SMTP server address where nothing listens."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from preavis.actions import maintenances, notifications
from preavis.actions.notifications import Mailer
from preavis.domain.access import Role
from preavis.notify.senders import sender_from
from preavis.settings import Settings
from tests.conftest import context
from tests.web.admin_ui.conftest import Admin

CSV = "email,language,services\nann@example.org,fr,\nbob@example.org,en,\n"


def _nobody_listens() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_subscribers_imported_searched_exported_and_removed(admin: Admin) -> None:
    client = admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "en")
    token = admin.csrf(client, "/admin/subscribers")
    answer = client.post("/admin/subscribers/import", data={"csrf": token, "csv": CSV})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/admin/subscribers?imported=2"
    listed = client.get(answer.headers["location"]).text
    assert "2 subscribers imported." in listed
    assert "ann@example.org" in listed and "bob@example.org" in listed
    found = client.get("/admin/subscribers", params={"q": "ANN@"}).text
    assert "ann@example.org" in found and "bob@example.org" not in found
    exported = client.get("/admin/subscribers.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text == CSV
    # A file upload works too; a bad line refuses the file, naming the line, input kept.
    bad = "email,language,services\ncarl@example.org,de,\n"
    refused = client.post("/admin/subscribers/import", data={"csrf": token},
                          files={"file": ("list.csv", bad.encode(), "text/csv")})  # fmt: skip
    assert refused.status_code == 422
    assert "line 2" in refused.text and 'aria-invalid="true"' in refused.text
    removed = client.post("/admin/subscribers/remove",
                          data={"csrf": token, "email": "ann@example.org"})  # fmt: skip
    assert removed.status_code == 303
    assert "ann@example.org" not in client.get("/admin/subscribers").text
    unknown = client.post("/admin/subscribers/remove",
                          data={"csrf": token, "email": "zed@example.org"})  # fmt: skip
    assert unknown.status_code == 422 and "zed@example.org" in unknown.text


def test_failed_deliveries_on_the_dashboard_and_retried(admin: Admin, tmp_path: Path) -> None:
    client = admin.as_role(Role.ADMIN)
    client.cookies.set("preavis_admin_lang", "en")
    token = admin.csrf(client, "/admin/subscribers")
    assert client.post("/admin/subscribers/import",
                       data={"csrf": token, "csv": CSV}).status_code == 303  # fmt: skip
    assert "Failed deliveries" in client.get("/admin/").text
    assert 'id="failed-deliveries"' in client.get("/admin/").text
    maintenances.cancel(context(admin.store), slug="mise-a-niveau-2025", reason="postponed")
    settings = Settings(database_url=admin.store.url, secret_key="k" * 40)
    sender = sender_from(f"smtp://127.0.0.1:{_nobody_listens()}", tmp_path)
    result = notifications.deliver_due(admin.store, admin.clock, Mailer.from_settings(
        settings, sender))  # fmt: skip
    assert result.failed == 2
    board = client.get("/admin/").text
    assert "2 failed deliveries" in board
    assert "0 deliveries given up" in board
    listed = client.get("/admin/deliveries", params={"status": "failed"}).text
    assert listed.count('<tr class="delivery-failed">') == 2
    retried = client.post("/admin/deliveries/retry", data={"csrf": token, "dead": "1"})
    assert retried.status_code == 303
    after = client.get(retried.headers["location"]).text
    assert "2 deliveries due again." in after
    assert after.count('<tr class="delivery-pending">') == 2
    assert "Failed (0)" in after


def test_only_an_admin_sees_the_notification_screens(admin: Admin) -> None:
    for role in (Role.VIEWER, Role.EDITOR, Role.PUBLISHER):
        client = admin.as_role(role)
        for path in ("/admin/subscribers", "/admin/subscribers.csv", "/admin/deliveries"):
            assert client.get(path).status_code == 403, (role, path)
        board = client.get("/admin/").text
        assert 'id="failed-deliveries"' not in board
        assert not re.search(r'href="/admin/(subscribers|deliveries)"', board)
