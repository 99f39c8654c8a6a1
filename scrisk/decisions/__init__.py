"""Reviewer decisions on name matches, read back from a report or a CSV.

A reviewer answers each name match once, in the Review sheet of the report
workbook (or a CSV with the columns ``party, entry_id, decision, reviewer,
date, comment``). ``scrisk assess BID --decisions FILE`` reads the answers
back so the same question is never asked twice: a match marked "not a
match" is no longer raised for that party and list entry; a "confirmed" one
stays, noted as reviewed, with who and when (nomenklatura's judgements,
applied to bid screening).

Reading is defensive like the declaration reader: the zip is bounded before
openpyxl opens it, values only (formulas never evaluated), and every fault in
the file is reported at once with its file, sheet, row and field.
"""

from __future__ import annotations

from scrisk.decisions.decision import Decision, normalise_decision
from scrisk.decisions.keys import entry_state, supplier_key

# ``X as X``: the file's limits (MAX_*) and columns (FIELDS, REQUIRED) stay
# readable here, as they were before the module became a package.
from scrisk.decisions.reading import MAX_FILE_BYTES as MAX_FILE_BYTES
from scrisk.decisions.reading import MAX_MEMBERS as MAX_MEMBERS
from scrisk.decisions.reading import MAX_ROWS as MAX_ROWS
from scrisk.decisions.reading import MAX_UNCOMPRESSED_BYTES as MAX_UNCOMPRESSED_BYTES
from scrisk.decisions.reading import load_decisions
from scrisk.decisions.rows import FIELDS as FIELDS
from scrisk.decisions.rows import REQUIRED as REQUIRED

__all__ = [
    "Decision",
    "entry_state",
    "load_decisions",
    "normalise_decision",
    "supplier_key",
]
