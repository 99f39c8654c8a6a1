"""Canadian measures: the Special Economic Measures (People's Republic of China) Regulations.

The only Canadian measure found that names entities tied to forced labour in
Xinjiang supply chains: the schedule of SOR/2021-49 (in force 2021-03-22),
four officials and the Xinjiang Production and Construction Corps Public
Security Bureau. Authored from the pages read (``authored/ca_sema_prc_2021.csv``,
each row citing them); jurisdiction ``CA``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrisk.reference._io import read_csv, slug
from scrisk.reference.lists import CA_FILE, labour_types_in, names_subsidiaries, write_list
from scrisk.reference.model import LIST_CA_SEMA
from scrisk.reference.names import CountryMapper

AUTHORED_FILE = "ca_sema_prc_2021.csv"


def build_ca(raw: Path, out: Path, mapper: CountryMapper, dataset: str) -> dict[str, Any]:
    """Authored SEMA rows -> ``sector_data/ca_sema_prc.csv``."""
    rows: list[dict[str, Any]] = []
    for src in read_csv(raw):
        rows.append(
            {
                "id": f"CA-SEMA-{slug(src['entity'])}",
                "list_name": LIST_CA_SEMA,
                "entity": src["entity"],
                "aliases": "",
                "country": mapper(dataset, src["country"]) or "",
                "country_declared": src["country"],
                "merchandise": "",
                "action": f"SEMA listing ({src['kind']})",
                "issued": src["listed"],
                "status": "active",
                "status_date": "",
                "status_note": "later amendments of the schedule were not checked",
                "list_section": src["instrument"],
                "source_url": src["source_url"],
                "source_type": src["source_type"],
                "notes": f"{src['notes']} Also named by {src['second_source_url']}.",
                "dataset": dataset,
                "jurisdiction": "CA",
                "labour_types": ";".join(labour_types_in(src["entity"])),
                "covers_subsidiaries": names_subsidiaries(src["entity"]),
                "notice": src["notice"],
                "section_dates": "",
            }
        )
    return write_list(rows, out / CA_FILE, "SOR/2021-49 schedule as listed 2021-03-22")


__all__ = ["AUTHORED_FILE", "build_ca"]
