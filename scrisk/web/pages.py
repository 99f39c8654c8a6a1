"""The pages of one record, a solicitation and a contract, and what they post.

- ``/records/{id}``: the verdict and why, clause matrix, picture, next steps,
  flags with evidence, name matches with their answers, warnings, disclaimer,
  downloads; the award form;
- ``/solicitation?id=``: its bids ranked, best first, with why;
- ``/contracts/{id}``: the award, its re-screens and what changed since.

Every id in a path is checked against the register (a record id is a UUID);
nothing from a request names a file.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from scrisk.dates import parse_date
from scrisk.i18n import t
from scrisk.vocab import DECISIONS, Instrument, values
from scrisk.web.records import RecordRow
from scrisk.web.site import form_lang, lang_of, link, read_form, site_of
from scrisk.web.views import assessment_view

if TYPE_CHECKING:  # pragma: no cover
    from starlette.datastructures import FormData

    from scrisk.assessment import Assessment

MAX_REVIEWER = 200
MAX_COMMENT = 2_000
MAX_CONTRACT = 100
# The SVG is an image: its own inline styles may apply, nothing else may load or run.
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def _row(request: Request) -> RecordRow:
    found: RecordRow | None = site_of(request).records.get(request.path_params["rid"])
    if found is None:
        raise HTTPException(404)
    return found


async def record_page(request: Request) -> Response:
    site, lang = site_of(request), lang_of(request)
    row = await run_in_threadpool(_row, request)
    assessment = await run_in_threadpool(site.records.assessment, row)
    view = await run_in_threadpool(assessment_view, assessment, lang)
    return site.page(
        request,
        "record.html",
        row=row,
        decisions=DECISIONS,
        today=_today().isoformat(),
        **view,
    )


async def picture(request: Request) -> Response:
    """The supply-chain picture of the record (the same SVG as ``assess --graph``)."""
    from scrisk.report.picture.draw import render

    site, lang = site_of(request), lang_of(request)
    row = await run_in_threadpool(_row, request)
    assessment = await run_in_threadpool(site.records.assessment, row)
    svg = await run_in_threadpool(render, assessment.document(lang), "svg", lang=lang)
    return Response(svg, media_type="image/svg+xml", headers={"content-security-policy": SVG_CSP})


def _download_name(row: RecordRow, lang: str, suffix: str) -> str:
    """``scrisk-<solicitation>-<bidder>-<lang>.xlsx``: declared text reduced to safe letters."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{row.solicitation}-{row.bidder}")[:80].strip("._-")
    return f"scrisk-{stem or 'assessment'}-{lang}{suffix}"


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


async def download_json(request: Request) -> Response:
    site, lang = site_of(request), lang_of(request)
    row = await run_in_threadpool(_row, request)
    assessment = await run_in_threadpool(site.records.assessment, row)
    text = await run_in_threadpool(assessment.to_json, lang)
    return _attachment(text.encode("utf-8"), "application/json", _download_name(row, lang, ".json"))


def _workbook(assessment: Assessment, lang: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="scrisk-report-") as folder:
        path = Path(folder) / "report.xlsx"
        assessment.to_excel(path, lang=lang)
        return path.read_bytes()


async def download_xlsx(request: Request) -> Response:
    site, lang = site_of(request), lang_of(request)
    row = await run_in_threadpool(_row, request)
    assessment = await run_in_threadpool(site.records.assessment, row)
    body = await run_in_threadpool(_workbook, assessment, lang)
    return _attachment(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _download_name(row, lang, ".xlsx"),
    )


def _text(form: FormData, name: str, limit: int) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _refuse(request: Request, lang: str, key: str) -> Response:
    site = site_of(request)
    return site.page(request, "error.html", status=400, lang=lang, code=400, message=t(key, lang))


async def decide(request: Request) -> Response:
    """A reviewer's answer on one name match, kept in the register by supplier."""
    site = site_of(request)
    form = await read_form(request)
    lang = form_lang(form)
    row = await run_in_threadpool(_row, request)
    party, entry_id = _text(form, "party", 1_000), _text(form, "entry_id", 1_000)
    decision = _text(form, "decision", 20)
    reviewer, comment = _text(form, "reviewer", MAX_REVIEWER), _text(form, "comment", MAX_COMMENT)
    if decision not in DECISIONS:
        return _refuse(request, lang, "web.decide.bad_decision")
    if not reviewer:
        return _refuse(request, lang, "web.decide.no_reviewer")
    assessment = await run_in_threadpool(site.records.assessment, row)
    asked = {(m.party, m.entry_id) for m in assessment.document("en").screening}
    if (party, entry_id) not in asked:
        return _refuse(request, lang, "web.decide.no_match")
    await run_in_threadpool(
        lambda: site.records.decide(
            row,
            party=party,
            entry_id=entry_id,
            decision=decision,
            reviewer=reviewer,
            comment=comment,
            on=_today(),
        )
    )
    return RedirectResponse(link(f"/records/{row.id}", lang) + "#matches", status_code=303)


async def award(request: Request) -> Response:
    site = site_of(request)
    form = await read_form(request)
    lang = form_lang(form)
    row = await run_in_threadpool(_row, request)
    contract, on = _text(form, "contract", MAX_CONTRACT), _text(form, "on", 10)
    instrument = _text(form, "instrument", 20) or "contract"
    if not contract:
        return _refuse(request, lang, "web.award.no_contract")
    if instrument not in values(Instrument):
        return _refuse(request, lang, "web.award.bad_instrument")
    try:
        parse_date(on)
    except ValueError:
        return _refuse(request, lang, "web.upload.bad_date")
    await run_in_threadpool(
        lambda: site.records.award(row, contract=contract, on=on, instrument=instrument)
    )
    return RedirectResponse(link(f"/contracts/{row.id}", lang), status_code=303)


async def solicitation_page(request: Request) -> Response:
    """The bids recorded for one solicitation, ranked best first, with why."""
    from scrisk.assessment import compare_bids

    site, lang = site_of(request), lang_of(request)
    wanted = request.query_params.get("id", "")
    rows = await run_in_threadpool(site.records.bids_of, wanted)
    if not rows:
        raise HTTPException(404)
    assessments = [await run_in_threadpool(site.records.assessment, r) for r in rows]
    comparison = await run_in_threadpool(lambda: compare_bids(assessments, lang=lang))
    ranking = [{**bid.row(), "record": rows[bid.index]} for bid in comparison.bids]
    return site.page(request, "solicitation.html", solicitation=wanted, ranking=ranking, rows=rows)


async def contract_page(request: Request) -> Response:
    """The awarded contract: its award, re-screens and what changed at each, and why."""
    from scrisk.register import diff_documents

    site, lang = site_of(request), lang_of(request)
    row = await run_in_threadpool(_row, request)
    if row.contract is None:
        raise HTTPException(404)
    chain = await run_in_threadpool(site.records.chain, row.id)
    docs = [await run_in_threadpool(site.records.document, r.id) for r in chain]
    life = await run_in_threadpool(site.records.life, row)
    screens = []
    for before, after, r in zip(docs, docs[1:], chain[1:], strict=False):
        screens.append({"row": r, "changes": diff_documents(before, after, lang=lang)})
    return site.page(
        request,
        "contract.html",
        row=row,
        first=chain[0],
        screens=list(reversed(screens)),
        today=_today().isoformat(),
        life=life,
    )


async def rescreen_now(request: Request) -> Response:
    """Re-screen every awarded contract as of a date (default today), as ``scrisk rescreen``."""
    site = site_of(request)
    form = await read_form(request)
    lang = form_lang(form)
    text = _text(form, "as_of", 10)
    try:
        when = parse_date(text) if text else _today()
    except ValueError:
        return _refuse(request, lang, "web.upload.bad_date")
    await run_in_threadpool(lambda: site.records.rescreen(as_of=when))
    back = _text(form, "back", 36)
    target = f"/contracts/{back}" if site.records.get(back) is not None else "/"
    return RedirectResponse(link(target, lang), status_code=303)


def _today() -> date:
    from scrisk.reference.freshness import today

    return today()


__all__ = [
    "award",
    "contract_page",
    "decide",
    "download_json",
    "download_xlsx",
    "picture",
    "record_page",
    "rescreen_now",
    "solicitation_page",
]
