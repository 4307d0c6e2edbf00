"""The compatibility rules: which resource licence the works it contains allow."""

from __future__ import annotations

import pytest

from licensing.compatibility import Terms, allows, refusal_reason, working_licences

ETALAB = Terms("etalab-2.0")
CC_BY = Terms("cc-by-4.0")
CC_BY_SA = Terms("cc-by-sa-4.0", share_alike=True)
CC_BY_SA_3 = Terms("cc-by-sa-3.0", share_alike=True)
CC0 = Terms("cc0-1.0", requires_attribution=False)
ODBL = Terms("odbl-1.0", share_alike=True)
NC_SA = Terms("cc-by-nc-sa-4.0", is_open=False, share_alike=True)

# (licence of the contained work, licence of the resource) → allowed?
TABLE = [
    (CC0, CC0, True),
    (CC0, CC_BY, True),
    (CC0, CC_BY_SA, True),
    (CC0, ETALAB, True),
    (CC0, ODBL, True),
    (CC_BY, CC_BY, True),
    (CC_BY, ETALAB, True),
    (CC_BY, CC_BY_SA, True),
    (CC_BY, ODBL, True),
    (CC_BY, CC0, False),  # CC0 would waive the attribution CC BY requires
    (ETALAB, ETALAB, True),
    (ETALAB, CC_BY, True),
    (ETALAB, CC_BY_SA, True),
    (ETALAB, ODBL, True),
    (ETALAB, CC0, False),
    (CC_BY_SA, CC_BY_SA, True),
    (CC_BY_SA, CC_BY, False),  # share-alike broken
    (CC_BY_SA, ETALAB, False),
    (CC_BY_SA, CC0, False),
    (CC_BY_SA, ODBL, False),  # another share-alike licence is still another licence
    (CC_BY_SA_3, CC_BY_SA, True),  # CC BY-SA 3.0 allows later versions
    (CC_BY_SA, CC_BY_SA_3, False),  # but not earlier ones
    (ODBL, ODBL, True),
    (ODBL, CC_BY_SA, False),
    (ODBL, CC_BY, False),
    (ODBL, ETALAB, False),
    (NC_SA, NC_SA, False),  # a closed licence allows nothing
    (NC_SA, CC_BY_SA, False),
    (CC_BY, NC_SA, False),  # and may never be the target
    (CC0, NC_SA, False),
]


@pytest.mark.parametrize(("item", "target", "expected"), TABLE, ids=[f"{i.id}->{t.id}" for i, t, _ in TABLE])
def test_compatibility_table(item, target, expected):
    assert allows(item, target) is expected
    reason = refusal_reason(item, target)
    assert (reason is None) is expected
    if reason:
        assert item.id in reason or target.id in reason


def test_the_refusal_explains_share_alike():
    assert "partage dans les mêmes conditions" in refusal_reason(CC_BY_SA, CC_BY)
    assert "créditer" in refusal_reason(CC_BY, CC0)


def test_working_licences_keep_the_candidates_order():
    candidates = [ETALAB, CC_BY, CC_BY_SA, CC0, ODBL, NC_SA]
    assert [t.id for t in working_licences([CC_BY, CC0], candidates)] == [
        "etalab-2.0",
        "cc-by-4.0",
        "cc-by-sa-4.0",
        "odbl-1.0",
    ]
    assert [t.id for t in working_licences([CC_BY_SA, ETALAB], candidates)] == ["cc-by-sa-4.0"]
    assert working_licences([CC_BY_SA, ODBL], candidates) == []
    assert [t.id for t in working_licences([], candidates)] == ["etalab-2.0", "cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0", "odbl-1.0"]


def test_the_table_covers_every_seeded_open_licence():
    from tests.helpers import SEEDED_OPEN_LICENCES

    seen = {licence.id for row in TABLE for licence in row[:2]}
    assert SEEDED_OPEN_LICENCES <= seen
