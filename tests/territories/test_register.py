"""The territory register: keys, lineage, descendants, autocomplete and the load command."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from territories.dataset import package_data_dir, read_rows, sample_data_dir
from territories.loading import load
from territories.lookups import existing_keys, lineages
from territories.models import Territory, TerritoryKind, fold, parse_key

pytestmark = pytest.mark.django_db


def _get(kind: str, code: str) -> Territory:
    return Territory.objects.get(kind=kind, code=code)


def test_codes_collide_across_kinds_and_keys_tell_them_apart(territories):
    guadeloupe_code = "01"  # région 01 is Guadeloupe, département 01 is Ain: the key carries the kind
    assert parse_key("reg-01") == (TerritoryKind.REGION, guadeloupe_code)
    assert parse_key("dep-01") == (TerritoryKind.DEPARTEMENT, guadeloupe_code)
    assert parse_key("dep-2a") == (TerritoryKind.DEPARTEMENT, "2A")
    for wrong in ("57463", "ville-57463", "com-", "com-57 463", "com-1234567"):
        assert parse_key(wrong) is None
    assert _get("commune", "57463").key == "com-57463"


def test_a_commune_knows_its_departement_and_region(territories):
    metz = _get("commune", "57463")
    assert metz.path == "reg-44/dep-57/com-57463"
    assert [t.name for t in metz.ancestors()] == ["Grand Est", "Moselle"]
    assert metz.ancestor_keys() == ["reg-44", "dep-57"]
    assert metz.parent.parent == _get("region", "44")
    assert str(metz) == "Metz (57)"
    assert str(_get("departement", "57")) == "Moselle (57)"
    assert str(_get("region", "44")) == "Grand Est"


def test_everything_inside_a_region_is_one_query(territories, django_assert_num_queries):
    occitanie = _get("region", "76")
    with django_assert_num_queries(1):
        inside = sorted(t.name for t in occitanie.descendants())
    assert inside == ["Gard", "Hérault", "Montpellier", "Nîmes", "Saint-Denis", "Vers-Pont-du-Gard"]
    assert occitanie in Territory.objects.within(occitanie)
    assert occitanie not in occitanie.descendants()


def test_lineages_in_bulk_in_two_queries(territories, django_assert_num_queries):
    metz, gard, reunion = _get("commune", "57463"), _get("departement", "30"), _get("region", "04")
    with django_assert_num_queries(2):
        found = lineages([metz.pk, gard.pk, reunion.pk, 0])
    assert [t.key for t in found[metz.pk]] == ["reg-44", "dep-57", "com-57463"]
    assert [t.key for t in found[gard.pk]] == ["reg-76", "dep-30"]
    assert [t.key for t in found[reunion.pk]] == ["reg-04"]
    assert 0 not in found


def test_existing_keys(territories):
    assert existing_keys(["reg-76", "com-57463", "com-99999", "nimes", "dep-975"]) == {"reg-76", "com-57463"}


def test_autocomplete_ignores_accents_case_and_hyphens(territories):
    assert fold("Vers-Pont-du-Gard") == "vers pont du gard"
    assert {str(t) for t in Territory.objects.matching("merignac")} == {"Mérignac (16)", "Mérignac (33)"}
    assert [str(t) for t in Territory.objects.matching("pont du")] == ["Vers-Pont-du-Gard (30)"]
    assert [str(t) for t in Territory.objects.matching("NÎM")] == ["Nîmes (30)"]
    assert {t.key for t in Territory.objects.matching("974")} == {"dep-974", "com-97411", "com-97416"}
    assert Territory.objects.matching("   ").count() == Territory.objects.count()


def test_the_sample_leaves_out_overseas_collectivities_and_former_communes(territories):
    assert territories.created == Territory.objects.count() == 5 + 7 + 13
    assert not Territory.objects.filter(code__in=["975", "97502"]).exists()  # Saint-Pierre-et-Miquelon (COM)
    assert not Territory.objects.filter(code="57021").exists()  # a commune déléguée


def test_loading_twice_changes_nothing_and_a_renaming_is_applied(territories, tmp_path):
    again = load(read_rows(sample_data_dir()))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 25)
    for name in ("regions.json", "departements.json", "communes.json"):
        data = json.loads((sample_data_dir() / name).read_text())
        if name == "communes.json":
            data = [dict(item, nom="Metz-Ville") if item["code"] == "57463" else item for item in data]
            data = [item for item in data if item["code"] != "57672"]  # Thionville dropped from the data
        (tmp_path / name).write_text(json.dumps(data))
    changed = load(read_rows(tmp_path))
    assert (changed.created, changed.updated, changed.absent) == (0, 1, 1)
    assert _get("commune", "57463").name == "Metz-Ville"
    assert Territory.objects.matching("metz ville").get().code == "57463"
    assert Territory.objects.filter(code="57672").exists()  # kept: resources may point at it


def test_command_credits_the_source_and_shows_progress(db):
    out = StringIO()
    call_command("load_territories", "--sample", stdout=out)
    text = out.getvalue()
    assert "Licence Ouverte 2.0" in text and "@etalab/decoupage-administratif" in text
    assert "100% 25/25" in text
    assert "25 créés, 0 mis à jour, 0 inchangés" in text


def test_command_refuses_a_missing_or_malformed_dataset(db, tmp_path):
    with pytest.raises(CommandError, match="regions.json introuvable"):
        call_command("load_territories", "--source", str(tmp_path), stdout=StringIO())
    (tmp_path / "regions.json").write_text('{"not": "a list"}')
    with pytest.raises(CommandError, match="liste d'objets"):
        call_command("load_territories", "--source", str(tmp_path), stdout=StringIO())
    assert not Territory.objects.exists()


@pytest.mark.skipif(
    not (package_data_dir() / "communes.json").exists(),
    reason="the npm package @etalab/decoupage-administratif is not installed (npm ci)",
)
def test_the_real_dataset_loads(db):
    call_command("load_territories", stdout=StringIO())
    counts = {kind: Territory.objects.filter(kind=kind).count() for kind in TerritoryKind.values}
    assert counts["region"] == 18  # 13 in metropolitan France, 5 overseas
    assert counts["departement"] == 101
    assert 34_000 < counts["commune"] < 36_000
    assert _get("commune", "57463").path == "reg-44/dep-57/com-57463"
    assert _get("region", "76").descendants().filter(kind="departement").count() == 13
