"""The faults a declaration is refused with, for tests that read bad input."""

from __future__ import annotations

import pytest

from scrisk.errors import DeclarationError, Fault
from scrisk.readers import load_declaration


def declaration_faults(source: object) -> list[Fault]:
    """The faults of ``source`` (a path, dict or text), which must be refused."""
    with pytest.raises(DeclarationError) as info:
        load_declaration(source)  # type: ignore[arg-type]
    return info.value.faults
