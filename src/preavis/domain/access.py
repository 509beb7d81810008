"""Who may do what: roles, the acting person or token, and the check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from preavis.domain.errors import PermissionDeniedError
from preavis.domain.text import check_text


class Role(StrEnum):
    """Each role can do what the ones before it can."""

    VIEWER = "viewer"  # read everything, drafts and history included
    EDITOR = "editor"  # create and change drafts
    PUBLISHER = "publisher"  # publish, cancel, change published maintenances
    ADMIN = "admin"  # services, schedule files, tokens

    @property
    def rank(self) -> int:
        return list(Role).index(self)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a token's name or a command-line user, with a role."""

    name: str
    role: Role

    def __post_init__(self) -> None:
        check_text(self.name, "actor")


def require(actor: Actor, role: Role, action: str) -> None:
    """Refuse `action` unless the actor's role is at least `role`."""
    if actor.role.rank < role.rank:
        raise PermissionDeniedError.said(
            "access.denied",
            action=action,
            role=role.value,
            name=actor.name,
            actual=actor.role.value,
        )
