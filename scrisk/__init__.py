"""scrisk: explainable forced- and child-labour risk of apparel and PPE bids.

The public surface is small and imported lazily, so ``import scrisk`` and
``scrisk --help`` stay fast; pandas, networkx and rapidfuzz load on first use.

    import scrisk
    decl = scrisk.load_declaration("bid.xlsx")
    a = scrisk.assess(decl)
    a.risk_level, a.score, a.flags, a.parties, a.clauses, a.graph
    scrisk.compare_bids([a, "other_bid.json"]).to_dict()   # the comparison JSON
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from scrisk.errors import DeclarationError, Fault, Location, PolicyError, ScriskError

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "load_declaration": "scrisk.readers",
    "Declaration": "scrisk.model",
    "Party": "scrisk.model",
    "Good": "scrisk.model",
    "Solicitation": "scrisk.model",
    "Certification": "scrisk.model",
    "Audit": "scrisk.model",
    "build_graph": "scrisk.graph",
    "write_template": "scrisk.template",
    "get_reference": "scrisk.reference",
    "resolve_country": "scrisk.countries",
    "screen": "scrisk.screening",
    "assess": "scrisk.assessment",
    "Assessment": "scrisk.assessment",
    "compare": "scrisk.assessment",
    "compare_bids": "scrisk.assessment",
    "Comparison": "scrisk.assessment",
    "load_policy": "scrisk.policy",
    "Register": "scrisk.register",
    "RegisterError": "scrisk.register",
    "open_register": "scrisk.register",
    "rescreen": "scrisk.register",
}

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment import Assessment, Comparison, assess, compare, compare_bids
    from scrisk.countries import resolve_country
    from scrisk.graph import build_graph
    from scrisk.model import Audit, Certification, Declaration, Good, Party, Solicitation
    from scrisk.policy import load_policy
    from scrisk.readers import load_declaration
    from scrisk.reference import get_reference
    from scrisk.register import Register, RegisterError, open_register
    from scrisk.register.rescreen import rescreen
    from scrisk.screening import screen
    from scrisk.template import write_template


def __getattr__(name: str) -> Any:
    """Import a public name on first use (keeps ``import scrisk`` fast)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scrisk' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names only (what ``__all__`` lists)."""
    return sorted(__all__)


__all__ = [
    "Assessment",
    "Audit",
    "Certification",
    "Comparison",
    "Declaration",
    "DeclarationError",
    "Fault",
    "Good",
    "Location",
    "Party",
    "PolicyError",
    "Register",
    "RegisterError",
    "ScriskError",
    "Solicitation",
    "__version__",
    "assess",
    "build_graph",
    "compare",
    "compare_bids",
    "get_reference",
    "load_declaration",
    "load_policy",
    "open_register",
    "rescreen",
    "resolve_country",
    "screen",
    "write_template",
]
