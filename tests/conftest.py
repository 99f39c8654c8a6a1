"""Hypothesis profiles: quick in CI, long on demand.

SCRISK_HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_fuzz.py tests/test_country_near.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# capsys and tmp_path_factory are read/reset inside each example
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=_SUPPRESS, derandomize=True
)
settings.register_profile("long", max_examples=1500, deadline=None, suppress_health_check=_SUPPRESS)
settings.load_profile(os.environ.get("SCRISK_HYPOTHESIS_PROFILE", "ci"))
