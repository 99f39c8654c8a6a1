"""Assessment of a bid: rules, risk propagation, clause matrix, comparison of bids.

from scrisk.assessment import assess, compare
a = assess("examples/glove_bid.json")            # as of the closing date
a.risk_level, a.score, a.flags, a.parties, a.clauses
compare([a, "examples/clean_bid.json"])          # ranked, best first, with why
compare_bids([a, "examples/clean_bid.json"]).to_dict()   # the comparison JSON
"""

from __future__ import annotations

from scrisk.assessment.comparison import Comparison
from scrisk.assessment.engine import assess
from scrisk.assessment.ranking import compare, compare_bids
from scrisk.assessment.result import Assessment

__all__ = ["Assessment", "Comparison", "assess", "compare", "compare_bids"]
