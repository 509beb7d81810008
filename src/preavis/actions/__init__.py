"""Use cases: one function per verb, keyword-only; entry points call these and nothing deeper."""

from preavis.actions import access, catalogue, data, files, maintenances, people
from preavis.actions.context import Context
from preavis.actions.files import (
    EXAMPLE_NAME,
    choose_maintenance,
    display_zone,
    example_text,
    open_schedule,
    parse_notice,
    phases,
    service_timeline,
    status,
    timeline,
    write_notice,
)

__all__ = [
    "EXAMPLE_NAME",
    "Context",
    "access",
    "catalogue",
    "choose_maintenance",
    "data",
    "display_zone",
    "example_text",
    "files",
    "maintenances",
    "open_schedule",
    "parse_notice",
    "people",
    "phases",
    "service_timeline",
    "status",
    "timeline",
    "write_notice",
]
