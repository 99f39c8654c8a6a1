"""Hypothesis profiles: quick in CI, long on demand.

    SCRISK_HYPOTHESIS_PROFILE=long .venv/bin/pytest -q tests/test_fuzz.py tests/test_country_near.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "long", max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("SCRISK_HYPOTHESIS_PROFILE", "ci"))
