"""The web admin under /admin/: server-rendered screens, signed-in people, CSRF on every form."""

from preavis.web.admin_ui import accounts, catalogue, maintenances, signin
from preavis.web.admin_ui.core import router

__all__ = ["accounts", "catalogue", "maintenances", "router", "signin"]
