"""Time of the supply-chain picture (scrisk.report.picture.chain) for a large assessment.

    python bench/bench_picture.py                 # 10,000 parties, synthetic document
    python bench/bench_picture.py --parties 300

The picture is summarised past ``MAX_DRAWN`` parties (the riskiest paths drawn, the
rest counted), so its cost is the layout pass over every party plus a drawing of at
most ``MAX_DRAWN`` boxes. Reports wall and CPU seconds per format (issue 15).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_excel import synthetic_document  # noqa: E402

from scrisk.report.picture.draw import render  # noqa: E402
from scrisk.report.picture.layout import layout  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parties", type=int, default=10_000)
    args = ap.parse_args()
    doc = synthetic_document(args.parties)
    start, cpu = time.perf_counter(), time.process_time()
    lay = layout(doc)
    print(
        f"layout: {time.perf_counter() - start:.2f} s wall, {time.process_time() - cpu:.2f} s "
        f"CPU; {len(lay.pos)} parties drawn, {sum(lay.left_out.values()):,} counted"
    )
    for fmt in ("png", "svg"):
        start, cpu = time.perf_counter(), time.process_time()
        data = render(doc, fmt)
        print(
            f"{fmt}: {time.perf_counter() - start:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s CPU, {len(data) / 1e3:.0f} kB"
        )


if __name__ == "__main__":
    main()
