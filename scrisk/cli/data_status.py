"""What ``scrisk data`` says about each dataset: horizon, age, edition in use, known gaps."""

from __future__ import annotations

from typing import Any


def dataset_status(ref: Any, info: Any) -> dict[str, Any]:
    """Horizon, age in months (from today, ``SCRISK_TODAY`` honoured), staleness, edition in
    use ("shipped" or the updated file) and known gaps of one dataset."""
    from scrisk.policy import load_policy
    from scrisk.reference.freshness import age_months, horizon_of, months_before, settings, today

    max_age, _ = settings(load_policy())
    horizon = horizon_of(info)
    updated = ref.updated.get(info.id)
    return {
        "horizon": horizon.isoformat() if horizon else None,
        "age_months": age_months(info),
        "stale": bool(horizon and max_age and horizon < months_before(today(), max_age)),
        "in_use": f"updated: {updated['file']}" if updated else "shipped",
        "jurisdiction": info.jurisdiction or None,
        "sha256": info.sha256,
        "gaps": list(info.gaps),
    }


__all__ = ["dataset_status"]
