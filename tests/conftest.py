"""Hypothesis profiles (quick in CI, long on demand) and shared fixtures.

SCRISK_HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_fuzz.py tests/test_country_near.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from scrisk.readers import load_declaration
from scrisk.reference.loader import reset_reference
from scrisk.template import write_declaration_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# capsys and tmp_path_factory are read/reset inside each example
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=_SUPPRESS, derandomize=True
)
settings.register_profile("long", max_examples=1500, deadline=None, suppress_health_check=_SUPPRESS)
settings.load_profile(os.environ.get("SCRISK_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def glove_xlsx(tmp_path: Path) -> Path:
    """The glove example bid as a declaration workbook."""
    path = tmp_path / "glove.xlsx"
    write_declaration_workbook(load_declaration(EXAMPLES / "glove_bid.json"), path)
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A user data folder of its own (``SCRISK_HOME``, where ``data update`` writes its
    editions), today pinned to 2026-12-01, and the reference data read afresh before and
    after (the data update tests)."""
    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SCRISK_TODAY", "2026-12-01")
    reset_reference()
    yield tmp_path / "home"
    monkeypatch.undo()
    reset_reference()
