"""Assessment of a bid: rules, risk propagation, clause matrix, comparison of bids.

from scrisk.assessment import assess, compare
a = assess("examples/glove_bid.json")            # as of the closing date
a.risk_level, a.score, a.flags, a.parties, a.clauses
compare([a, "examples/clean_bid.json"])          # ranked, best first, with why
"""

from __future__ import annotations

from scrisk.assessment.engine import assess
from scrisk.assessment.ranking import compare
from scrisk.assessment.result import Assessment

__all__ = ["Assessment", "assess", "compare"]
