"""/docs: Swagger UI, from the assets fastapi-offline ships (never a CDN), inside a page of
ours that says its language and title and adds our stylesheet over Swagger UI's colours."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from starlette.responses import HTMLResponse, Response

router = APIRouter()
ASSETS = "/static-offline-docs"  # where fastapi-offline mounts Swagger UI's files
TITLE = "Préavis — API (Swagger UI)"
OVERRIDES = "/docs/overrides.css"


@router.get("/docs", include_in_schema=False)
async def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    page = get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=TITLE,
        swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS}/favicon.png",
        swagger_ui_parameters=request.app.swagger_ui_parameters,
    )
    html = bytes(page.body).decode("utf-8")
    # The API and its descriptions are in English: the page says so (WCAG 3.1.1).
    html = html.replace("<html>", '<html lang="en">', 1)
    html = html.replace("</head>", f'<link rel="stylesheet" href="{root}{OVERRIDES}">\n</head>', 1)
    # One landmark holding the whole page, for those who move by landmarks.
    html = html.replace('<div id="swagger-ui">\n    </div>', '<main id="swagger-ui"></main>', 1)
    return HTMLResponse(html)


@router.get(OVERRIDES, include_in_schema=False)
async def overrides() -> Response:
    css = resources.files("preavis.web").joinpath("static/docs.css").read_bytes()
    return Response(css, media_type="text/css", headers={"cache-control": "public, max-age=3600"})
