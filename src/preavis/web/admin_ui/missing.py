"""An admin address that names no screen: a page in the UI's language with the way back, not
the API's JSON error. Routed last (see __init__), so every real screen matches first."""

from __future__ import annotations

from fastapi import Request, Response

from preavis.domain.access import Role
from preavis.web.admin_ui.core import message_page, needs, ui_of


@needs(Role.VIEWER)
async def unknown_screen(request: Request, rest: str) -> Response:
    ui = ui_of(request)
    return message_page(ui, 404, ui.t["no_such_screen"])
