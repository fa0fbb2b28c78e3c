"""The regional rule (``shared.entitlement.may_act_for_region``) and the registry's ``regions`` column."""

from __future__ import annotations

import pytest

from shared.entitlement import may_act_for_region
from shared.organisations import RegistryError, load_registry
from shared.reference import geography
from tests.helpers import TEST_ORGANISATIONS

ALL = frozenset(geography().regions)


@pytest.mark.parametrize(
    ("role", "org_kind", "org_regions", "region", "allowed"),
    [
        ("operator", "employment_services", {"pirkanmaa"}, "pirkanmaa", True),
        (
            "operator",
            "employment_services",
            {"pohjanmaa"},
            "pirkanmaa",
            False,
        ),  # tester 3: Vaasa vs Pirkanmaa
        ("operator", "employment_services", {"pirkanmaa"}, "national", False),
        ("coach", "employment_services", {"pohjanmaa"}, "pirkanmaa", False),
        ("team_member", "partner", {"pirkanmaa", "pohjanmaa"}, "pohjanmaa", True),
        ("operator", "operator", set(), "pirkanmaa", True),  # the system operator acts everywhere
        ("operator", "operator", set(), "national", True),
        ("operator", None, {"pirkanmaa"}, "pirkanmaa", False),  # unregistered
        ("", "employment_services", {"pirkanmaa"}, "pirkanmaa", False),
    ],
)
def test_an_organisation_acts_only_for_the_regions_it_serves(role, org_kind, org_regions, region, allowed):
    assert may_act_for_region(role, org_kind, org_regions, region) is allowed


def test_the_registry_reads_the_regions_each_organisation_serves(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text(
        "id,name,kind,regions\n"
        "kohtaanto,Kohtaanto,operator,*\n"
        "vaasa-tyollisyys,Vaasa,employment_services,pohjanmaa\n"
        "nordic-staffing-ab,Nordic,partner,pirkanmaa | pohjanmaa\n"
        "konepaja-oy,Konepaja,employer,\n",
        encoding="utf-8",
    )
    found = load_registry(path)
    assert found.regions("kohtaanto") == ALL
    assert found.regions("nordic-staffing-ab") == {"pirkanmaa", "pohjanmaa"}
    assert found.regions("konepaja-oy") == frozenset() and found.regions("unknown-oy") == frozenset()
    assert found.acts_for("operator", "vaasa-tyollisyys", "pohjanmaa")
    assert not found.acts_for("operator", "vaasa-tyollisyys", "pirkanmaa")
    assert found.acts_for("operator", "kohtaanto", "national")
    assert not found.acts_for("operator", "unknown-oy", "pirkanmaa")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "id,name,kind,regions\nvaasa-tyollisyys,Vaasa,employment_services,vaasa\n",
            "line 2: regions: 'vaasa'",
        ),
        ("id,name,kind,regions\nx-oy,X,partner,pirkanmaa|Pirkanmaa\n", "'Pirkanmaa' not a region id"),
        ("id,name,kind,regions\nx-oy,X,partner,* pirkanmaa\n", "'*'"),
        ("id,name,kind\nx-oy,X,partner\n", "the columns id, name, kind, regions"),
        ("id,name,kind,regions\nx-oy,X\x00Y,partner,\n", "line 2: name must not contain a NUL character"),
    ],
)
def test_an_unknown_region_or_a_missing_column_stops_the_start_with_the_line_named(tmp_path, text, reason):
    path = tmp_path / "organisations.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=None) as raised:
        load_registry(path)
    assert reason in str(raised.value)


def test_the_shipped_registries_name_known_regions_and_the_operator_serves_all():
    from shared.config import REPO_ROOT

    for path in (REPO_ROOT / "data" / "organisations.csv", TEST_ORGANISATIONS):
        found = load_registry(path)
        assert found.regions("kohtaanto") == ALL
        assert found.regions("tampere-tyollisyys") == {"pirkanmaa"}
        assert all(o.regions for o in found if o.kind.value in ("employment_services", "partner")), path
