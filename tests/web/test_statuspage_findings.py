"""The Statuspage facade as a client reads it (session 9's QA round): a component inside a
scheduled maintenance is the same component as in the page's list, so its `group_id` is the
same (it was always null there, so a client that places a maintenance's components in their
groups put every one of them at the top level)."""

from __future__ import annotations

from tests.web.conftest import Public


def test_a_maintenances_components_keep_their_group(public: Public) -> None:
    for path in ("/api/v2/summary.json", "/api/v2/scheduled-maintenances.json"):
        body = public.get(path).json()
        listed = {
            c["id"]: c["group_id"]
            for c in public.get("/api/v2/components.json").json()["components"]
        }
        inside = [c for m in body["scheduled_maintenances"] for c in m["components"]]
        assert inside, path
        grouped = [c for c in inside if listed[c["id"]] is not None]
        assert grouped, path  # the example's services all have a group
        for c in inside:
            assert c["group_id"] == listed[c["id"]], (path, c["id"], c["group_id"])
