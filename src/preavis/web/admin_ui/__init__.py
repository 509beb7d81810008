"""The web admin under /admin/: server-rendered screens, signed-in people, CSRF on every form."""

from preavis.web.admin_ui import (
    accounts,
    catalogue,
    imports,
    maintenances,
    notifications,
    signin,
)
from preavis.web.admin_ui.core import router

__all__ = [
    "accounts", "catalogue", "imports", "maintenances", "notifications", "router", "signin",
]  # fmt: skip
