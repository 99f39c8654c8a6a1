"""The register of record: what was assessed, on which data, what was decided and awarded.

    import scrisk
    reg = scrisk.open_register()                   # or a path / postgresql:// URL
    rid = reg.record(scrisk.assess("bid.json"), declaration=Path("bid.json").read_bytes())
    reg.award(rid, contract="EN578-211087/001/ZF", on="2021-12-15")
    report = scrisk.rescreen(reg, as_of="2024-01-15")   # the Rescreen JSON
    reg.history()                                        # the Register JSON

It sits beside the renderers, below the CLI, and knows nothing of rules.
"""

from scrisk.register.codec import HISTORY_FORMAT
from scrisk.register.connect import RegisterError
from scrisk.register.diff import diff_documents
from scrisk.register.rescreen import RESCREEN_FORMAT, rescreen
from scrisk.register.store import Register, open_register

__all__ = [
    "HISTORY_FORMAT",
    "RESCREEN_FORMAT",
    "Register",
    "RegisterError",
    "diff_documents",
    "open_register",
    "rescreen",
]
