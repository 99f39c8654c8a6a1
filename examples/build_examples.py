"""Regenerate the Excel form of every example declaration from its JSON form.

    python examples/build_examples.py

Each ``examples/<name>.json`` is read and validated with
``scrisk.load_declaration`` and written to ``examples/<name>.xlsx`` with
``scrisk.template.write_declaration_workbook``; the workbook is then read back
and must give the same declaration.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if (HERE.parent / "scrisk").is_dir():  # a source checkout: use the scrisk next to this folder
    sys.path.insert(0, str(HERE.parent))

from scrisk.readers import load_declaration  # noqa: E402
from scrisk.template import write_declaration_workbook  # noqa: E402


def main() -> int:
    for source in sorted(HERE.glob("*.json")):
        decl = load_declaration(source)
        target = source.with_suffix(".xlsx")
        write_declaration_workbook(decl, target)
        if load_declaration(target) != decl:
            print(f"{target.name}: does not read back equal to {source.name}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
