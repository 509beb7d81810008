"""The vocabulary and the rules of Préavis: pure Python, standard library only."""

from preavis.domain.errors import (
    AmbiguousTimeError,
    AuthenticationError,
    ConflictError,
    InputError,
    InvalidTimeError,
    InvalidWindowError,
    NonexistentTimeError,
    NotFoundError,
    NoticeError,
    PermissionDeniedError,
    PreavisError,
    ScheduleError,
    StaleRevisionError,
    UnknownServiceError,
    UnknownZoneError,
    ValidationError,
)
from preavis.domain.interruption import Impact, Interruption
from preavis.domain.maintenance import Maintenance, State
from preavis.domain.problems import Problem, Severity
from preavis.domain.schedule import Schedule
from preavis.domain.service import Channel, Group, Service
from preavis.domain.text import LANGS, Lang, Text
from preavis.domain.timeline import Change, Phase, ServiceStatus, Snapshot, Timeline

__all__ = [
    "LANGS",
    "AmbiguousTimeError",
    "AuthenticationError",
    "Change",
    "Channel",
    "ConflictError",
    "Group",
    "Impact",
    "InputError",
    "Interruption",
    "InvalidTimeError",
    "InvalidWindowError",
    "Lang",
    "Maintenance",
    "NonexistentTimeError",
    "NotFoundError",
    "NoticeError",
    "PermissionDeniedError",
    "Phase",
    "PreavisError",
    "Problem",
    "Schedule",
    "ScheduleError",
    "Service",
    "ServiceStatus",
    "Severity",
    "Snapshot",
    "StaleRevisionError",
    "State",
    "Text",
    "Timeline",
    "UnknownServiceError",
    "UnknownZoneError",
    "ValidationError",
]
