"""`scrisk data update` bounds what a publisher file may hold (policy ``[updates]``).

A file past a bound is refused while it is read, with exit 2, the file and the
bound named, and nothing written. The small cases lower the bounds through a
policy file; the real-size cases keep the shipped bounds and check that the
refusal comes early: a 100 MB page costs one bound's worth of reading, not the
whole page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrisk.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Effective Date,Country,Entity,WRO/Finding,Status\n"


def _policy(tmp_path: Path, **bounds: int) -> str:
    path = tmp_path / "policy.toml"
    path.write_text(
        "[updates]\n" + "".join(f"{k} = {v}\n" for k, v in bounds.items()), encoding="utf-8"
    )
    return str(path)


def ftm_line(n: int) -> str:
    return json.dumps(
        {
            "id": f"e{n}",
            "schema": "Company",
            "datasets": ["us_dhs_uflpa"],
            "properties": {"name": [f"Entity {n} Co., Ltd."]},
        }
    )


def _refused(args: list[str], capsys: pytest.CaptureFixture[str], home: Path) -> str:
    assert main(["data", "update", *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was updated" in err
    assert not (home / "reference").exists()
    return err


def test_more_entities_than_the_policy_allows_is_refused(home, tmp_path, capsys):
    path = tmp_path / "export.ftm.json"
    path.write_text("\n".join(ftm_line(n) for n in range(60)) + "\n", encoding="utf-8")
    err = _refused(
        ["--from", str(path), "--policy", _policy(tmp_path, max_entries=50)], capsys, home
    )
    assert f"{path}: too large: more than 50 entries" in err and "max_entries" in err


@pytest.mark.parametrize("kind", ["cbp", "html", "ftm", "targets"])
def test_an_overlong_row_is_a_fault_naming_the_row(kind, home, tmp_path, capsys):
    long = "A" * 3000
    if kind == "cbp":
        path = tmp_path / "cbp.csv"
        path.write_text(HEADER + f"01/02/2020,China,{long},WRO,Active\n", encoding="utf-8")
        where = "row 2: 3,"
    elif kind == "html":
        path = tmp_path / "page.html"
        path.write_text(
            "<html><p>Section 2(d)(2)(B)(i)</p><table><tr><th>Name of Entity</th>"
            f"<th>Effective Date</th></tr><tr><td>{long}</td><td>June 21, 2022</td></tr>"
            "</table></html>",
            encoding="utf-8",
        )
        where = "table 1, row 2: 3,"
    elif kind == "ftm":
        path = tmp_path / "export.ftm.json"
        path.write_text(ftm_line(1) + "\n" + ftm_line(2).replace("Entity 2", long) + "\n")
        where = "line 2: 3,"
    else:
        path = tmp_path / "targets.simple.csv"
        path.write_text(f"id,schema,name,dataset\nx,Company,{long},us_dhs_uflpa\n")
        where = "row 2: 3,"
    err = _refused(
        ["--from", str(path), "--policy", _policy(tmp_path, max_row_chars=1000)], capsys, home
    )
    assert f"{path}: 1 unreadable" in err and where in err and "max_row_chars" in err


def test_a_file_past_the_byte_bound_is_refused_before_it_is_parsed(home, tmp_path, capsys):
    path = tmp_path / "cbp.csv"
    path.write_text(HEADER + "01/02/2020,China,Some Co.,WRO,Active\n" * 1000, encoding="utf-8")
    err = _refused(
        ["--from", str(path), "--policy", _policy(tmp_path, max_file_bytes=10_000)], capsys, home
    )
    assert f"{path}: too large: more than 10,000 bytes" in err and "max_file_bytes" in err


def _measured(args: list[str], home: Path) -> tuple[int, float, float, str]:
    """(exit code, CPU seconds, peak memory MB, stderr) of ``scrisk data update`` run
    alone in a child process, measured there (the machine may be shared). The peak is
    the child's own VmHWM: Linux keeps ru_maxrss across exec, so it would report the
    size of the pytest process that forked the child."""
    code = (
        "import resource, sys\n"
        "from scrisk.cli import main\n"
        f"code = main(['data', 'update', *{args!r}])\n"
        "r = resource.getrusage(resource.RUSAGE_SELF)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "kb = int(hwm[0].split()[1]) if hwm else r.ru_maxrss\n"
        "print(code, r.ru_utime + r.ru_stime, kb / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"SCRISK_HOME": str(home), "SCRISK_TODAY": "2026-12-01", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    exit_code, cpu, mb = done.stdout.split()
    return int(exit_code), float(cpu), float(mb), done.stderr


def test_a_100_mb_page_is_refused_early_in_bounded_time_and_memory(home, tmp_path):
    path = tmp_path / "huge.html"
    row = "<tr><td>Entity Co., Ltd.</td><td>June 21, 2022</td></tr>\n" * 1000
    with path.open("w", encoding="utf-8") as f:
        f.write("<html><table><tr><th>Name of Entity</th><th>Effective Date</th></tr>\n")
        while f.tell() < 100 * 1024 * 1024:
            f.write(row)
    code, cpu, mb, err = _measured(["--from", str(path)], home)
    assert code == 2 and "too large: more than 33,554,432 bytes" in err
    assert "Traceback" not in err and not (home / "reference").exists()
    print(f"100 MB page: refused in {cpu:.2f} s CPU, {mb:.0f} MB peak")
    assert cpu < 10, cpu  # it read at most the bound (58 s before)
    assert mb < 200, mb  # the bound over the interpreter (813 MB before)


def test_an_export_of_more_entities_than_the_lists_hold_is_refused_with_the_shipped_bound(
    home, tmp_path
):
    path = tmp_path / "export.ftm.json"
    with path.open("w", encoding="utf-8") as f:
        for n in range(25_000):  # a few MB: under the byte bound, over the entry bound
            f.write(ftm_line(n) + "\n")
    code, cpu, mb, err = _measured(["--from", str(path)], home)
    assert code == 2 and "too large: more than 20,000 entries" in err, err
    assert "Traceback" not in err and not (home / "reference").exists()
    print(f"25,000 entities: refused in {cpu:.2f} s CPU, {mb:.0f} MB peak")
    assert cpu < 10, cpu
