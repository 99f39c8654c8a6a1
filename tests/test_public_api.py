"""The public surface: every advertised name resolves, and importing scrisk stays light."""

from __future__ import annotations

import subprocess
import sys

import scrisk


def test_every_public_name_resolves() -> None:
    for name in scrisk.__all__:
        assert getattr(scrisk, name) is not None, name
    assert set(scrisk._LAZY) <= set(scrisk.__all__)


def test_import_scrisk_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, scrisk, scrisk.cli; "
        "heavy = ('pandas', 'networkx', 'rapidfuzz', 'openpyxl', 'rich'); "
        "heavy = [m for m in heavy if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        scrisk.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("scrisk.no_such_thing should not exist")


def test_dir_lists_the_public_names_only() -> None:
    assert dir(scrisk) == sorted(scrisk.__all__)
    assert "import_module" not in dir(scrisk) and "annotations" not in dir(scrisk)


def _undocumented() -> list[str]:
    import inspect

    missing = []
    for name in scrisk.__all__:
        obj = getattr(scrisk, name)
        if name.startswith("__"):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                target = member.fget if isinstance(member, property) else member
                if callable(target) or isinstance(member, property | classmethod | staticmethod):
                    func = getattr(target, "__func__", target)
                    if not (func.__doc__ or "").strip():
                        missing.append(f"{name}.{attr}")
    return missing


def test_every_public_name_and_method_has_a_docstring() -> None:
    assert _undocumented() == []
