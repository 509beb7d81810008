"""Service: one application that can be interrupted, with its group and channel."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from preavis.domain.errors import ValidationError
from preavis.domain.text import Text, check_text

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


ALIAS_MAX = 200  # a printed name longer than this is a sentence, not a service's other name


def alias_key(name: str) -> str:
    """How a printed name is compared with an alias: casefolded, accents dropped, any run of
    other characters one space ("Portail-Web " and "portail web" are one name)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


@dataclass(frozen=True, slots=True)
class Alias:
    """A name printed in notices for a catalogue service (`service`, a slug) other than its
    own names: remembered when staff corrected the reader in the import review, or added by
    hand; the reader reads the name as that service."""

    name: str
    service: str

    def __post_init__(self) -> None:
        check_slug(self.service, "service")
        if not alias_key(self.name) or len(self.name) > ALIAS_MAX:
            raise ValidationError.said("alias.invalid", field="name", limit=ALIAS_MAX)
        check_text(self.name, "name")

    @property
    def key(self) -> str:
        return alias_key(self.name)
