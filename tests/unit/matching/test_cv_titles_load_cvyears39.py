"""`cv_lines.CvTitles`, the reader of a CV line's occupation titles, is built with the recogniser's
other load-time tables and held by the recogniser (issue 12, helper `cvyears39`): the first CV request
does not build it, and no table keyed by an object's id can hand one recogniser's table to another."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from services.matching.index.domain.recognition import LanguageTools, SkillRecognizer
from services.matching.index.domain.taxonomy import OccupationRow, Taxonomy
from services.matching.index.handlers import MatchingHandlers

from .conftest import OCCUPATIONS, SKILLS

TODAY = date(2026, 6, 15)


def _recognizer(occupations) -> SkillRecognizer:
    taxonomy = Taxonomy.from_rows(SKILLS, occupations)
    return SkillRecognizer(n_features=2**16, min_df=1, max_df=1.0, tools=LanguageTools()).fit(taxonomy)


def test_the_cv_title_reader_is_built_once_per_recogniser_and_held_by_it():
    r = _recognizer(OCCUPATIONS)
    assert r.cv_titles() is r.cv_titles()
    other = _recognizer([OccupationRow("o:baker", "7512", "baker", "leipuri")])
    assert other.cv_titles() is not r.cv_titles()
    assert other.cv_titles()("Leipuri 2010-2015.", "fi") == (("o:baker",),)
    assert r.cv_titles()("Leipuri 2010-2015.", "fi") == ()


def test_a_recogniser_loaded_for_the_service_has_its_cv_title_reader_already(esco_recognizer):
    assert esco_recognizer.cv_titles_ is not None  # (`build_first_use`: no CV request builds it)


def test_a_new_recogniser_gives_its_own_rows_after_the_first_one_served():
    state = SimpleNamespace(recognizer=None)  # (work_named reads only the state's recogniser)
    handlers = MatchingHandlers(state, today=lambda: TODAY)  # type: ignore[arg-type]
    state.recognizer = _recognizer(OCCUPATIONS)
    assert [w.uri for w, _ in handlers.work_named(["Kokki 2010-2015."], "fi")] == ["o:cook"]
    state.recognizer = _recognizer([OccupationRow("o:baker", "7512", "baker", "leipuri")])
    assert [w.uri for w, _ in handlers.work_named(["Leipuri 2010-2015."], "fi")] == ["o:baker"]
    assert handlers.work_named(["Kokki 2010-2015."], "fi") == []
