"""Use cases of the vacancy service: each loads, applies a domain rule, saves and publishes, atomically."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from services.vacancy import domain
from services.vacancy.domain import (
    CloseReason,
    NotOwnerError,
    Vacancy,
    VacancyDetails,
    VacancyEvent,
    VacancyNotFoundError,
)
from services.vacancy.repository import UnitOfWork
from shared.db import retry_on_conflict

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


class VacancyHandlers:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], clock: Clock = _now) -> None:
        self.uow_factory = uow_factory
        self.clock = clock

    def post(self, employer_org: str, details: VacancyDetails) -> Vacancy:
        vacancy = Vacancy.post(str(uuid.uuid4()), employer_org, details, self.clock())
        with self.uow_factory() as uow:
            uow.vacancies.add(vacancy)
            uow.publish(VacancyEvent(domain.POSTED, vacancy))
            uow.commit()
        return vacancy

    @retry_on_conflict()
    def update(
        self,
        vacancy_id: str,
        employer_org: str,
        details: VacancyDetails,
        expected_version: int | None = None,
        versioned: bool = True,
        read_only: Mapping[str, Any] | None = None,
    ) -> Vacancy:
        """Replace the details (``Vacancy.update``: ``versioned`` says whether ``If-Match`` was sent,
        ``read_only`` holds the read-only fields the body sent back)."""
        with self.uow_factory() as uow:
            vacancy = self._owned(uow, vacancy_id, employer_org)
            changed = vacancy.update(details, self.clock(), expected_version, versioned, read_only)
            if changed is vacancy:  # an identical replay: nothing to save or publish
                return vacancy
            uow.vacancies.save(changed)
            uow.publish(VacancyEvent(domain.UPDATED, changed))
            uow.commit()
        return changed

    @retry_on_conflict()
    def close(
        self, vacancy_id: str, employer_org: str, reason: CloseReason, expected_version: int | None = None
    ) -> Vacancy:
        with self.uow_factory() as uow:
            vacancy = self._owned(uow, vacancy_id, employer_org)
            closed = vacancy.close(reason, self.clock(), expected_version)
            uow.vacancies.save(closed)
            uow.publish(VacancyEvent(domain.CLOSED, closed))
            uow.commit()
        return closed

    @retry_on_conflict()
    def reopen(
        self,
        vacancy_id: str,
        employer_org: str,
        expected_version: int | None = None,
        application_deadline: date | None = None,
        keep_deadline: bool = True,
    ) -> Vacancy:
        """Reopen a closed vacancy (``Vacancy.reopen``), publishing ``vacancy.reopened``."""
        with self.uow_factory() as uow:
            vacancy = self._owned(uow, vacancy_id, employer_org)
            reopened = vacancy.reopen(self.clock(), expected_version, application_deadline, keep_deadline)
            uow.vacancies.save(reopened)
            uow.publish(VacancyEvent(domain.REOPENED, reopened))
            uow.commit()
        return reopened

    @staticmethod
    def _owned(uow: UnitOfWork, vacancy_id: str, employer_org: str) -> Vacancy:
        vacancy = uow.vacancies.get(vacancy_id)
        if vacancy is None:
            raise VacancyNotFoundError(vacancy_id)
        if vacancy.employer_org != employer_org:
            raise NotOwnerError(vacancy_id)
        return vacancy
