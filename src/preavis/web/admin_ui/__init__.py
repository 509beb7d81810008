"""The web admin under /admin/: server-rendered screens, signed-in people, CSRF on every form."""

from preavis.web.admin_ui import (
    accounts,
    catalogue,
    hooks,
    imports,
    maintenances,
    missing,
    notifications,
    signin,
)
from preavis.web.admin_ui.core import router

# Last, once every screen has its route: any other GET under /admin/ gets the UI's own 404.
router.add_api_route("/{rest:path}", missing.unknown_screen, methods=["GET"])

__all__ = [
    "accounts", "catalogue", "hooks", "imports", "maintenances", "notifications", "router",
    "signin",
]  # fmt: skip
