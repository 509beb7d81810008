"""Service: one application that can be interrupted, with its group and channel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from preavis.domain.errors import ValidationError
from preavis.domain.text import Text

SLUG_MAX = 80
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_slug(slug: str, field: str = "slug") -> str:
    """Return `slug` if it is a stable identifier (lowercase letters, digits, single hyphens)."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug) or len(slug) > SLUG_MAX:
        raise ValidationError.said("slug.invalid", field=field, value=slug, limit=SLUG_MAX)
    return slug


class Channel(StrEnum):
    """How people reach a service."""

    ONLINE = "online"
    MOBILE = "mobile"
    IN_PERSON = "in_person"


@dataclass(frozen=True, slots=True)
class Group:
    """A heading under which related services are shown together."""

    slug: str
    name: Text

    def __post_init__(self) -> None:
        check_slug(self.slug)
        self.name.check("name")


@dataclass(frozen=True, slots=True)
class Service:
    """An application that gets interrupted; `group` is a Group slug."""

    slug: str
    name: Text
    group: str | None = None
    channel: Channel | None = None
    retired: bool = False  # kept for history; no longer shown or interrupted

    def __post_init__(self) -> None:
        check_slug(self.slug)
        if self.group is not None:
            check_slug(self.group, "group")
        if not self.name:
            raise ValidationError.said("service.no_name", field="name", slug=self.slug)
        self.name.check("name")
