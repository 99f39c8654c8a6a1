"""Speed of 'scrisk data update': a whole DHS page and a whole CBP file, parsed and applied.

    python bench/bench_data_update.py            # 5 runs each, median

The DHS page is written from the shipped UFLPA list (every entity, its
sections, aliases and former names, in the page's markup); the CBP file from
the shipped CBP list (CBP's columns). Each run applies the file to a fresh
user data folder, so it is the first-time cost: parse, reconcile ids, diff,
write the edition. A second run with the same file is timed too (no-op).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrisk.reference.loader import Reference  # noqa: E402
from scrisk.reference.updates.run import update  # noqa: E402


def dhs_page(ref: Reference) -> str:
    sections: dict[str, list[str]] = {}
    for e in ref.list_entries():
        if e.dataset != "uflpa_entity_list":
            continue
        for part in (e.section_dates or "(v) " + str(e.issued)).split("; "):
            code, day = part.split(" ")
            aliases = "; ".join(e.aliases)
            cell = escape(e.entity) + (f" (also known as {escape(aliases)})" if aliases else "")
            when = f"{day[5:7]}/{day[8:10]}/{day[:4]}"
            sections.setdefault(code.strip("()"), []).append(
                f"<tr><td>{cell}</td><td>{when}</td></tr>"
            )
    out = ["<html><body>"]
    for code, rows in sections.items():
        out.append(f"<p><strong>List</strong><br><a href='#'>Section 2(d)(2)(B)({code})</a></p>")
        out.append("<table class='usa-table'>")
        out.append("<tr><th>Name of Entity</th><th>Effective Date</th></tr>")
        out.extend(rows)
        out.append("</table>")
    return "\n".join(out + ["</body></html>"])


def cbp_csv(ref: Reference) -> str:
    lines = ["Effective Date,Country,Entity,Merchandise,WRO/Finding,Status"]
    for e in ref.list_entries():
        if e.dataset == "cbp_wro_findings" and e.status == "active" and e.issued:
            day = e.issued
            name = e.entity.replace('"', "'")
            lines.append(
                f'{day:%m/%d/%Y},"{e.country_declared}","{name}","{e.merchandise}",{e.action},Active'
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    ref = Reference(updates=False)
    with tempfile.TemporaryDirectory() as tmp:
        files = {"dhs.html": dhs_page(ref), "cbp.csv": cbp_csv(ref)}
        for name, text in files.items():
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            first, again = [], []
            for i in range(5):
                home = Path(tmp) / f"home-{name}-{i}"
                t0 = time.perf_counter()
                report = update([path], user_dir=home, reference=ref, force=True)
                first.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                update([path], user_dir=home, reference=ref, force=True)
                again.append(time.perf_counter() - t0)
            u = report["updates"][0]
            print(
                f"{name}: {u['rows_read']} rows, {len(text) // 1024} KiB: first update "
                f"{statistics.median(first) * 1000:.0f} ms, same file again "
                f"{statistics.median(again) * 1000:.0f} ms (median of 5)"
            )


if __name__ == "__main__":
    main()
