"""The register loaded from the extract shipped with the app (never the whole dataset)."""

from __future__ import annotations

import pytest

from territories.dataset import read_rows, sample_data_dir
from territories.loading import load


@pytest.fixture
def territories(db):
    """The sample register: 5 régions, 7 départements, 13 communes."""
    return load(read_rows(sample_data_dir()))
