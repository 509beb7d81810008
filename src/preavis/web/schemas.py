"""Request and response bodies of the admin API, as documented in its OpenAPI schema."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from preavis.domain.access import Role
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.revision import Revision
from preavis.domain.service import ALIAS_MAX, Channel, Group, Service
from preavis.domain.text import Text, check_text
from preavis.domain.zones import parse_instant
from preavis.formats import shapes

TEXT_MAX = 4_000
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _instant(value: Any) -> datetime:
    # Strict RFC 3339 with an offset: lax parsing would take 0.5 for a Unix timestamp.
    if not isinstance(value, str):
        raise ValueError("expected an RFC 3339 date-time with an offset, as a string")
    return parse_instant(value, None, "")


Instant = Annotated[datetime, BeforeValidator(_instant), Field(examples=["2025-06-30T18:00-04:00"])]
Slug = Annotated[str, Field(min_length=1, max_length=80, pattern=SLUG_PATTERN)]


def _lines(value: str) -> str:
    # The domain's rule for multi-line text, so a bad reason is refused before any work.
    check_text(value, "", multiline=True)
    return value


Reason = Annotated[str, Field(max_length=1_000), AfterValidator(_lines)]
RevisionNumber = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextIn(Strict):
    fr: Annotated[str, Field(max_length=TEXT_MAX)] = ""
    en: Annotated[str, Field(max_length=TEXT_MAX)] = ""

    @field_validator("fr", "en")
    @classmethod
    def _characters(cls, value: str) -> str:
        # The domain's rule (several lines allowed), checked where the request is read, on
        # the text the domain will get (trimmed).
        check_text(value.strip(), "", multiline=True)
        return value

    def domain(self) -> Text:
        return Text(self.fr.strip(), self.en.strip())


class NamedText(TextIn):
    """A text that must exist in at least one language (a name, a title)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "anyOf": [
                {"required": ["fr"], "properties": {"fr": {"pattern": r"\S"}}},
                {"required": ["en"], "properties": {"en": {"pattern": r"\S"}}},
            ]
        },
    )

    @field_validator("fr", "en")
    @classmethod
    def _characters(cls, value: str) -> str:
        check_text(value.strip(), "")  # a name or a title is one line
        return value

    @model_validator(mode="after")
    def _named(self) -> NamedText:
        if not (self.fr.strip() or self.en.strip()):
            raise ValueError("give the text in French, in English, or both")
        return self


class TextOut(BaseModel):
    fr: str
    en: str

    @classmethod
    def of(cls, text: Text) -> TextOut:
        return cls(fr=text.fr, en=text.en)


class ServiceIn(Strict):
    slug: Slug
    name: NamedText
    group: Slug | None = None
    channel: Channel | None = None
    reason: Reason = ""


class ServiceChange(Strict):
    name: NamedText | None = None
    group: Slug | None = None
    channel: Channel | None = None
    revision: RevisionNumber | None = None
    reason: Reason = ""


class AliasIn(Strict):
    """A name printed in notices to read as the service (domain/service.py, Alias)."""

    name: Annotated[str, Field(min_length=1, max_length=ALIAS_MAX, examples=["Web Self Service"])]
    reason: Reason = ""


class AliasOut(BaseModel):
    name: str
    service: str  # the service's slug


class ServiceOut(BaseModel):
    slug: str
    name: TextOut
    group: str | None
    channel: Channel | None
    retired: bool
    revision: int

    @classmethod
    def of(cls, service: Service, revision: int) -> ServiceOut:
        return cls.model_validate(shapes.service(service, revision))


class GroupIn(Strict):
    name: NamedText


class GroupOut(BaseModel):
    slug: str
    name: TextOut

    @classmethod
    def of(cls, group: Group) -> GroupOut:
        return cls(slug=group.slug, name=TextOut.of(group.name))


class InterruptionIn(Strict):
    service: Slug
    impact: Literal["unavailable", "limited"]
    starts_at: Instant
    ends_at: Instant
    description: TextIn = TextIn()

    def domain(self, key: str = "") -> Interruption:
        return Interruption(
            self.service, Impact(self.impact), self.starts_at, self.ends_at,
            self.description.domain(), key,
        )  # fmt: skip


class InterruptionOut(BaseModel):
    key: str
    service: str
    impact: Impact
    starts_at: datetime
    ends_at: datetime
    description: TextOut


class MaintenanceIn(Strict):
    slug: Slug
    title: NamedText
    summary: TextIn = TextIn()
    timezone: Annotated[str, Field(min_length=1, max_length=64, examples=["America/Toronto"])]
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    interruptions: Annotated[list[InterruptionIn], Field(max_length=10_000)] = []
    reason: Reason = ""

    def domain(self) -> Maintenance:
        return Maintenance(
            slug=self.slug,
            title=self.title.domain(),
            timezone=self.timezone,
            interruptions=tuple(i.domain() for i in self.interruptions),
            summary=self.summary.domain(),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
        )


class MaintenanceChange(Strict):
    title: NamedText | None = None
    summary: TextIn | None = None
    timezone: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    revision: RevisionNumber | None = None
    reason: Reason = ""


class Decision(Strict):
    """A publishing decision: the revision it was taken on, why (internal: the history only),
    and an optional public note in both languages, published with it in the feeds."""

    revision: RevisionNumber | None = None
    reason: Reason = ""
    note: TextIn = TextIn()


class Reschedule(Decision):
    starts_at: Instant


class Extend(Decision):
    ends_at: Instant


class EndEarly(Decision):
    at: Instant | None = None


class InterruptionChange(Decision):
    interruption: InterruptionIn


class MaintenanceOut(BaseModel):
    slug: str
    title: TextOut
    summary: TextOut
    timezone: str
    state: State
    starts_at: datetime | None
    ends_at: datetime | None
    revision: int
    interruptions: list[InterruptionOut]

    @classmethod
    def of(cls, m: Maintenance, revision: int) -> MaintenanceOut:
        return cls.model_validate(shapes.maintenance(m, revision))


class FieldChangeOut(BaseModel):
    field: str
    before: str | int | bool | None
    after: str | int | bool | None


class RevisionOut(BaseModel):
    number: int
    actor: str
    at: datetime
    reason: str
    changes: list[FieldChangeOut]

    @classmethod
    def of(cls, r: Revision) -> RevisionOut:
        return cls.model_validate(shapes.revision(r))


class NoticeImport(Strict):
    notice: Annotated[str, Field(max_length=1_000_000)] | None = None
    notice_base64: Annotated[str, Field(max_length=1_500_000)] | None = None
    translation: Annotated[str, Field(max_length=1_000_000)] | None = None
    slug: Slug | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    timezone: Annotated[str, Field(max_length=64)] | None = None
    lang: Literal["auto", "fr", "en"] = "auto"
    reason: Reason = ""


class NoticeImported(BaseModel):
    maintenance: MaintenanceOut
    warnings: list[dict[str, Any]]
    corrections: list[dict[str, Any]]


class ScheduleApply(Strict):
    schedule: Annotated[str, Field(max_length=1_500_000, description="A schedule file (YAML)")]
    publish: bool = False
    reason: Reason = ""


class Applied(BaseModel):
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    published: list[str]


class TokenIn(Strict):
    name: Slug
    role: Role


class TokenCreated(BaseModel):
    token: str = Field(description="The secret, shown this once; only its digest is kept.")
    name: str
    role: Role


class TokenOut(BaseModel):
    name: str
    role: Role
    created_at: datetime
    revoked_at: datetime | None


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    error: ErrorDetail
