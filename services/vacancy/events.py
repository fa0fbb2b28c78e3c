"""The events the vacancy service publishes and consumes, declared once (docs/events.md is checked
against this module by tests/unit/test_event_catalogue.py).

Publishes ``vacancy.posted``, ``vacancy.updated``, ``vacancy.closed`` and ``vacancy.reopened`` on the
vacancies topic, each carrying the vacancy's full state. Consumes ``shortage_list.imported`` (and tombstones) from the
shortages topic to keep its copy of the labour-shortage lists.

The API's size bounds (``MAX_*``) are part of the contract: with every field at its bound, one event
still fits the event budget (``shared.messaging.topics.MAX_EVENT_BYTES``;
tests/unit/vacancy/test_events.py builds that event and measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import marshmallow as ma
from marshmallow import fields

from services.vacancy import domain
from services.vacancy.shortages import CONSUMER, ConsumerUnitOfWork, StoredList, parse_payload
from shared.languages import CODE_FORM
from shared.messaging.consumer import Record
from shared.messaging.events import ConsumerSpec, Handles, Published, versions
from shared.messaging.topics import SHORTAGES, VACANCIES

PRODUCER = "vacancy-service"

# Bounds on one vacancy (the API enforces them; see the module docstring).
MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 20_000
MAX_SKILLS = 200
MAX_REJECTED_SKILLS = 200
MAX_LANGUAGES = 40


class _Skill(ma.Schema):
    uri = fields.String(required=True, metadata={"description": "ESCO skill URI"})
    essential = fields.Boolean(required=True)


class _Language(ma.Schema):
    code = fields.String(required=True, metadata={"description": CODE_FORM})
    level = fields.String(required=True, metadata={"description": "CEFR A1…C2 or native"})


class _Salary(ma.Schema):
    min = fields.Float(required=True, allow_none=True)
    max = fields.Float(required=True, allow_none=True)
    currency = fields.String(required=True, validate=ma.validate.OneOf(domain.CURRENCIES))
    period = fields.String(
        required=True, allow_none=True, validate=ma.validate.OneOf([p.value for p in domain.SalaryPeriod])
    )
    collective_agreement = fields.Boolean(required=True)


class VacancyPayload(ma.Schema):
    """Payload of every vacancy event, schema_version 1: the vacancy's full state after the change."""

    vacancy_id = fields.String(required=True)
    version = fields.Integer(required=True)
    employer_org = fields.String(required=True)
    status = fields.String(required=True, validate=ma.validate.OneOf([s.value for s in domain.Status]))
    close_reason = fields.String(
        required=True, allow_none=True, validate=ma.validate.OneOf([r.value for r in domain.CloseReason])
    )
    title = fields.String(required=True)
    occupation_uri = fields.String(required=True, allow_none=True)
    description = fields.String(required=True)
    municipality = fields.String(required=True)
    region = fields.String(required=True)
    working_time = fields.String(required=True)
    openings = fields.Integer(required=True)
    skills = fields.List(fields.Nested(_Skill), required=True)
    rejected_skills = fields.List(
        fields.String(), metadata={"description": "added within version 1: older events lack it"}
    )
    languages = fields.List(fields.Nested(_Language), required=True)
    start_date = fields.Date(required=True, allow_none=True)
    application_deadline = fields.Date(required=True, allow_none=True)
    updated_at = fields.DateTime(required=True)
    # added within version 1 (outside tester 26, F9): older events lack them (on site, one site, no salary)
    work_mode = fields.String(
        validate=ma.validate.OneOf([m.value for m in domain.WorkMode]),
        metadata={"description": "added within version 1: older events lack it (read as on_site)"},
    )
    other_municipalities = fields.List(
        fields.String(), metadata={"description": "added within version 1: older events lack it"}
    )
    salary = fields.Nested(
        _Salary, allow_none=True, metadata={"description": "added within version 1: older events lack it"}
    )
    reopened_at = fields.DateTime(
        allow_none=True,
        metadata={"description": "added within version 1 (outside tester 26, F10): older events lack it"},
    )


VACANCY_POSTED = Published(domain.POSTED, VACANCIES, 1, VacancyPayload, "an employer posted a vacancy")
VACANCY_UPDATED = Published(
    domain.UPDATED,
    VACANCIES,
    1,
    VacancyPayload,
    "an employer replaced its details (a `PUT` identical to the stored details publishes nothing)",
)
VACANCY_CLOSED = Published(
    domain.CLOSED, VACANCIES, 1, VacancyPayload, "an employer closed it (filled, cancelled, expired)"
)
VACANCY_REOPENED = Published(
    domain.REOPENED,
    VACANCIES,
    1,
    VacancyPayload,
    "an employer reopened a closed vacancy (closed by mistake, or the person hired withdrew)",
)
PUBLISHES: tuple[Published, ...] = (VACANCY_POSTED, VACANCY_UPDATED, VACANCY_CLOSED, VACANCY_REOPENED)
_BY_TYPE = {p.event_type: p for p in PUBLISHES}


def published(event_type: str) -> Published:
    """The declaration of ``event_type``; KeyError for a type this service does not publish."""
    return _BY_TYPE[event_type]


# -- consumed ------------------------------------------------------------------------------------
UowFactory = Callable[[], ConsumerUnitOfWork]


def replace_list(uow_factory: UowFactory, record: Record, item: StoredList) -> None:
    """Replace the stored list for the record's (region, period); idempotent (the event id is
    claimed in the same transaction as the change)."""
    assert record.envelope is not None
    with uow_factory() as uow:
        if uow.claim(CONSUMER, record.envelope.event_id):
            uow.shortages.replace(item, record.envelope.event_id)
            uow.commit()


def delete_list(uow_factory: UowFactory, record: Record) -> None:
    """A tombstone withdraws the list keyed ``<region>|<period>``."""
    region, _, period = (record.key or "").partition("|")
    with uow_factory() as uow:
        uow.shortages.delete(region, period)
        uow.commit()


SHORTAGE_LISTS: ConsumerSpec[Any] = ConsumerSpec(
    service="vacancy",
    name=CONSUMER,
    group="vacancy-service.shortages",
    handles=(Handles(SHORTAGES, "shortage_list.imported", versions(1), parse_payload, replace_list),),
    tombstones={SHORTAGES.name: delete_list},
)
CONSUMES: tuple[ConsumerSpec[Any], ...] = (SHORTAGE_LISTS,)
