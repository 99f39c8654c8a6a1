"""Hypothesis profiles (quick in CI, long on demand) and shared fixtures.

SCRISK_HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_fuzz.py tests/test_country_near.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from scrisk.readers import load_declaration
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
