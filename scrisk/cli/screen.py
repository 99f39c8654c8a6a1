"""`scrisk screen FILE`: screen a CSV/XLSX of names against the enforcement lists.

    scrisk screen parties.csv                       # table of matches + summary
    scrisk screen parties.xlsx --json - --as-of 2022-01-01
    scrisk screen parties.csv --excel screen.xlsx --json screen.json

The file needs a ``name`` column and may have ``country`` (headers in any
case). ``--json -`` writes only the Screen JSON (``scrisk-screen/1``) to stdout.
A progress bar shows on a terminal, never when stderr is piped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scrisk.cli.common import as_of_date, worker_count

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.jsontypes import JsonObject, JsonValue
    from scrisk.policy import Settings
    from scrisk.readers.names import NamesFile
    from scrisk.report.screen import StreamedWorkbook
    from scrisk.screening.matcher import Screener
    from scrisk.screening.results import ScreenRow


ACTIVE = {True: "yes", False: "no", None: "unknown"}  # Screen JSON "active" -> message key


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "screen",
        help="screen a CSV/XLSX of names against the forced-labour enforcement lists",
        description="Screen the names of a CSV or XLSX file (columns 'name', optional "
        "'country') against the CBP Withhold Release Orders / Findings and the UFLPA "
        "Entity List, with each entry's status as of a date.",
    )
    p.add_argument("file", metavar="FILE", help="CSV or XLSX file with a 'name' column")
    p.add_argument(
        "--json",
        metavar="PATH",
        dest="json_path",
        help="write the Screen JSON to PATH ('-' for stdout, and nothing else there)",
    )
    p.add_argument(
        "--excel",
        metavar="PATH",
        dest="excel_path",
        help="write a results workbook (frozen header, filters) to PATH",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=as_of_date,
        default=None,
        help="date the list status is taken on (YYYY-MM-DD; default today)",
    )
    p.add_argument(
        "--lang",
        choices=("en", "fr"),
        default="en",
        help="language of the terminal report and of the disclaimer in the JSON (default en)",
    )
    p.add_argument(
        "--policy",
        metavar="FILE",
        default=None,
        help="policy file (TOML/JSON) overriding [screening] thresholds",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --json/--excel file that is not an unchanged scrisk report",
    )
    p.add_argument(
        "--workers",
        metavar="N",
        type=worker_count,
        default=1,
        help="processes for large files (-1: every core; default 1); same results",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scrisk.outputs import Output, plan_outputs, write_file
    from scrisk.policy import load_policy
    from scrisk.readers.names import scan_names
    from scrisk.reference.freshness import today  # SCRISK_TODAY honoured
    from scrisk.report.screen import STREAM_EXCEL_FROM, StreamedWorkbook, write_excel
    from scrisk.screening.matcher import Screener, default_screener
    from scrisk.screening.results import FORMAT

    lang = getattr(args, "lang", "en")
    outs = [Output("--json", args.json_path, "json")] if args.json_path else []
    if args.excel_path:
        outs.append(Output("--excel", args.excel_path, "xlsx"))
    plan_outputs(outs, [i for i in (args.file, args.policy) if i], force=args.force, lang=lang)
    as_of = args.as_of or today()
    policy = load_policy(args.policy)
    # the whole file checked first (no output before its faults), then read again a block
    # at a time: neither the names nor the results are all held
    source = scan_names(args.file, max_rows=policy.screening.max_names)
    screener = default_screener() if args.policy is None else Screener(policy=policy)
    warnings = _warnings(as_of, policy)
    head: dict[str, JsonValue] = {
        "as_of": as_of.isoformat(),
        "disclaimer": disclaimer(lang),
        "warnings": warnings,
    }
    to_stdout = args.json_path == "-"
    # results are streamed: written as each block is screened, only the matches (for the
    # table) and the counts kept, every row only when a workbook asks for them
    # a large workbook is written as the rows come (write-only), a small one as before
    streamed = None
    if args.excel_path and source.count >= STREAM_EXCEL_FROM:
        streamed = StreamedWorkbook()
    seen = _Seen(keep_all=bool(args.excel_path) and streamed is None, workbook=streamed)
    numbered = _screen_with_progress(source, as_of, screener, lang, getattr(args, "workers", 1))
    if to_stdout:
        write_results(head, seen.each(numbered), sys.stdout.write)
    elif args.json_path:
        write_file(
            args.json_path,
            lambda tmp: _write_json_file(tmp, head, seen.each(numbered)),
            lang=lang,
        )
    else:
        for _ in seen.each(numbered):
            pass
    if args.excel_path:
        sources = _sources()
        book = streamed
        write_file(
            args.excel_path,
            (
                (lambda tmp: book.save(tmp, as_of=as_of, sources=sources, warnings=warnings))
                if book is not None
                else (
                    lambda tmp: write_excel(
                        seen.rows, tmp, as_of=as_of, sources=sources, warnings=warnings
                    )
                )
            ),
            lang=lang,
        )
    if not to_stdout:
        _print_report(seen, as_of, source.file, lang=lang)
        _print_warnings({"format": FORMAT, **head}, lang)
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False).print(Text(disclaimer(lang), style="italic"))
    return 0


REPORT_ROWS = 200  # matches shown in the terminal table; the others are counted


class _Seen:
    """What a streamed screen keeps: the counts, the best matches for the terminal table
    (at most ``limit``: memory stays flat however many names match), every row only if
    asked (a workbook)."""

    def __init__(
        self,
        *,
        keep_all: bool,
        limit: int = REPORT_ROWS,
        workbook: StreamedWorkbook | None = None,
    ) -> None:
        self.keep_all = keep_all
        self.workbook = workbook  # given every row as it comes
        self.limit = limit
        self.rows: list[ScreenRow] = []
        self.total = 0
        self.counts = {"strong": 0, "possible": 0}
        self.in_force = 0
        # (negated table order, row): the worst match kept is the heap's first
        self._best: list[tuple[tuple[int, float, int], ScreenRow]] = []

    @property
    def matched(self) -> int:
        return sum(self.counts.values())

    def best(self) -> list[ScreenRow]:
        """The matches the table shows, in its order: strong first, then by score, then row."""
        return [row for _, row in sorted(self._best, reverse=True)]

    def each(self, rows: Iterable[ScreenRow]) -> Iterator[ScreenRow]:
        import heapq

        best, limit = self._best, self.limit
        for row in rows:
            self.total += 1
            if row.class_ != "none":
                self.counts[row.class_] += 1
                self.in_force += row.active is True
                key = (-_RANK[row.class_], row.score or 0.0, -row.row)
                if len(best) < limit:
                    heapq.heappush(best, (key, row))
                elif key > best[0][0]:
                    heapq.heapreplace(best, (key, row))
            if self.keep_all:
                self.rows.append(row)
            if self.workbook is not None:
                self.workbook.add(row)
            yield row


_RANK = {"strong": 0, "possible": 1}


def write_results(
    head: Mapping[str, JsonValue], rows: Iterable[ScreenRow], write: Callable[[str], object]
) -> None:
    """The Screen JSON of ``head`` (as_of, disclaimer, warnings) and ``rows``, written a
    piece at a time: the very bytes of ``dumps(screen_document(...))`` with the
    disclaimer, without holding every result."""
    import json

    from scrisk.jsontext import dumps
    from scrisk.screening.results import FORMAT

    text = dumps({**head, "format": FORMAT, "results": []})
    cut = text.index('"results": []') + len('"results": ')  # a key: quotes unescaped
    write(text[:cut])
    first = True
    for row in rows:
        item = json.dumps(
            row.to_dict(), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False
        )
        write(("[\n    " if first else ",\n    ") + item.replace("\n", "\n    "))
        first = False
    write(("[]" if first else "\n  ]") + text[cut + 2 :])


def _write_json_file(path: Path, head: Mapping[str, JsonValue], rows: Iterable[ScreenRow]) -> None:
    import re

    surrogate = re.compile("[\ud800-\udfff]")
    with path.open("wb") as fh:
        # a lone surrogate cannot be UTF-8: shown as U+FFFD, as write_text does
        write_results(
            head, rows, lambda text: fh.write(surrogate.sub("\ufffd", text).encode("utf-8"))
        )


def disclaimer(lang: str = "en") -> str:
    """The one sentence every screen output carries: a match is an indicator, not a finding."""
    from scrisk.i18n import t

    return t("disclaimer.screen", lang)


def _warnings(as_of: date, policy: Settings) -> list[dict[str, JsonValue]]:
    """Freshness warnings about the enforcement lists screened against (issue 10)."""
    from scrisk.reference.freshness import list_warnings

    return [w.to_dict() for w in list_warnings(as_of, policy=policy)]


def _print_warnings(document: JsonObject, lang: str = "en") -> None:
    from rich.console import Console

    from scrisk.report.terminal.data_warnings import document_warnings_text

    doc = dict(document, data=_sources())
    if (text := document_warnings_text(doc, lang)) is not None:
        Console(highlight=False).print(text)


def _screen_with_progress(
    source: NamesFile,
    as_of: date,
    screener: Screener,
    lang: str = "en",
    workers: int = 1,
) -> Iterator[ScreenRow]:
    """The rows of the file's names, numbered as its rows, a block at a time (the policy's
    ``chunk_size``) as they are read and screened."""
    from itertools import islice

    from scrisk.cli.console import progress
    from scrisk.countries import resolve_country
    from scrisk.i18n import t
    from scrisk.screening.results import screen_rows

    block = max(1, screener.policy.chunk_size)
    entries = source.entries()
    with progress(source.count, t("screen.progress", lang)) as advance:
        while part := list(islice(entries, block)):
            found = screen_rows(
                [name for name, _, _ in part],
                [resolve_country(c) if c else None for _, c, _ in part],
                as_of=as_of,
                screener=screener,
                progress=advance,
                workers=workers,
            )
            for row, (_, _, number) in zip(found, part, strict=True):
                yield row.at_row(number)


def _sources() -> list[dict[str, str]]:
    """The list datasets behind the screen (source, edition) for the workbook."""
    try:
        from scrisk.reference import get_reference

        ref = get_reference()
        ids = sorted({e.dataset for e in ref.list_entries()})
        out = []
        for i in ids:
            d = ref.dataset(i)
            out.append({"id": i, "source": d.title, "edition": d.edition})
        return out
    except Exception:  # noqa: BLE001 - the summary sheet is a courtesy, never a failure
        return []


def _lists_named(r: ScreenRow, lang: str) -> str:
    """The lists a name matched, in the output's language ("CBP WRO/Findings" / « ordonnances
    de retenue et constats de la CBP »)."""
    from scrisk.i18n import data_name

    return "; ".join(data_name("list", x, lang) for x in (r.lists or ([r.list] if r.list else [])))


def _print_report(seen: _Seen, as_of: date, file: str, *, lang: str = "en") -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from scrisk.i18n import t, tn
    from scrisk.i18n.format import decimal
    from scrisk.textsafe import inert

    console = Console(highlight=False)
    hits, total = seen.best(), seen.total
    if hits:
        table = Table(
            title=Text(t("screen.title", lang, file=inert(file), as_of=as_of.isoformat()))
        )
        for col in ("row", "name", "country", "class", "active", "matched_name", "score"):
            right = col in ("row", "score")
            table.add_column(
                t(f"screen.col.{col}", lang), overflow="fold", justify="right" if right else "left"
            )
        for r in hits:
            style = (
                "bold red"
                if r.class_ == "strong" and r.active
                else ("yellow" if r.class_ == "possible" else "")
            )
            active = t(f"screen.active.{ACTIVE[r.active]}", lang)
            cells = (
                str(r.row),
                inert(r.name),  # declared text: escape sequences shown, never run
                inert(r.country or ""),
                t(f"screen.class.{r.class_}", lang),
                active,
                f"{r.matched_name} ({_lists_named(r, lang)})",  # every list matched
                decimal(r.score or 0.0, lang),  # a match always has a score
            )
            # declared text is data: Text() so "[bold]" in a name is not rich markup
            table.add_row(*(Text(c) for c in cells), style=style)
        console.print(table, markup=False)
        if seen.matched > len(hits):
            console.print(t("screen.more", lang, count=seen.matched - len(hits)))
    in_force = seen.in_force
    console.print(
        tn(
            "screen.summary",
            total,
            lang,
            total=total,
            **seen.counts,  # strong, possible
            none=total - seen.matched,
            in_force=in_force,
            as_of=as_of.isoformat(),
        ),
        markup=False,
    )
