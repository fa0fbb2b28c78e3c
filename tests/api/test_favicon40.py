"""Outside tester 40: every web page's browser asked its host for ``/favicon.ico`` and got a 404 in the console
(the meeting page, the rating page, sign-in). Each service answers 204 No Content, cached for a day, without
sign-in, and reads nothing."""

from __future__ import annotations

import pytest

from tests.api.test_free_text_fields import apps as apps  # the fixture

pytestmark = pytest.mark.storage_independent


@pytest.mark.parametrize("service", ["vacancy", "profile", "matching"])
def test_the_icon_is_an_empty_answer_not_a_404(apps, service):
    r = apps[service].test_client().get("/favicon.ico")
    assert r.status_code == 204 and r.data == b"", r.status_code
    assert "max-age" in r.headers["Cache-Control"]
