"""The declaration schema as data: sections, fields, sheet names and help text.

Kept apart from the code that checks it (pandera's habit): the validator, the
Excel reader and the template all read these tables, so a field added here
appears in the template, is read from the workbook and is documented in the
Instructions sheet at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrisk.model import RIGHTS


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One declared field: its name (JSON key = column header), kind and help text."""

    name: str
    kind: str  # text | id | ids | list | date | number | integer | choice | yn
    required: bool = False
    help_en: str = ""
    help_fr: str = ""
    width: int = 18


SOLICITATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        True,
        "Solicitation or contract number.",
        "Numéro de la demande de soumissions ou du contrat.",
    ),
    FieldSpec("title", "text", False, "Short title of the requirement.", "Titre du besoin."),
    FieldSpec(
        "category",
        "choice",
        True,
        "apparel, ppe or other: decides which clauses apply.",
        "apparel (vêtements), ppe (EPI) ou other : détermine les clauses applicables.",
    ),
    FieldSpec(
        "closing_date",
        "date",
        True,
        "Bid closing date (YYYY-MM-DD); the as-of date of the assessment.",
        "Date de clôture (AAAA-MM-JJ); date de référence de l'évaluation.",
    ),
    FieldSpec(
        "value_cad",
        "number",
        False,
        "Estimated value in Canadian dollars.",
        "Valeur estimative en dollars canadiens.",
    ),
    FieldSpec(
        "instrument",
        "choice",
        False,
        "contract (default), standing_offer or supply_arrangement: decides which "
        "contract clauses apply.",
        "contract (contrat, par défaut), standing_offer (offre à commandes) ou "
        "supply_arrangement (arrangement en matière d'approvisionnement) : détermine "
        "les clauses contractuelles applicables.",
    ),
)

GOOD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        True,
        "Unique id of the good (e.g. G1).",
        "Identifiant unique du bien (p. ex. G1).",
        10,
    ),
    FieldSpec("description", "text", True, "What is bought.", "Description du bien.", 40),
    FieldSpec(
        "hs_code",
        "text",
        False,
        "HS code, 4 to 10 digits, dots allowed (4015.19).",
        "Code SH, 4 à 10 chiffres, points permis (4015.19).",
        14,
    ),
    FieldSpec("quantity", "number", False, "Quantity bought.", "Quantité achetée.", 14),
    FieldSpec(
        "unit",
        "text",
        False,
        "Unit of the quantity (pieces, pairs...).",
        "Unité de la quantité (pièces, paires...).",
        12,
    ),
)

PARTY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        True,
        "Unique id of the party (e.g. B, M1).",
        "Identifiant unique de la partie (p. ex. B, M1).",
        10,
    ),
    FieldSpec(
        "role",
        "choice",
        True,
        "bidder (exactly one), manufacturer, subcontractor, material_supplier, agent "
        "or distributor.",
        "bidder (soumissionnaire, un seul), manufacturer (fabricant), subcontractor "
        "(sous-traitant), material_supplier (fournisseur de matières), agent ou "
        "distributor (distributeur).",
        18,
    ),
    FieldSpec("name", "text", False, "Legal or trade name.", "Nom légal ou commercial.", 34),
    FieldSpec(
        "address",
        "text",
        False,
        "Street address of the place of work.",
        "Adresse municipale du lieu de travail.",
        34,
    ),
    FieldSpec("city", "text", False, "City.", "Ville.", 16),
    FieldSpec(
        "region", "text", False, "Province, state or region.", "Province, État ou région.", 16
    ),
    FieldSpec(
        "country",
        "text",
        False,
        "Country: ISO code (CA, CAN) or English or French name.",
        "Pays : code ISO (CA, CAN) ou nom anglais ou français.",
        20,
    ),
    FieldSpec(
        "supplies_to",
        "ids",
        False,
        "Ids of the parties this party ships to, comma-separated.",
        "Identifiants des parties que cette partie approvisionne, séparés par des virgules.",
        14,
    ),
    FieldSpec(
        "goods",
        "ids",
        False,
        "Ids of the goods this party makes or assembles, comma-separated.",
        "Identifiants des biens que cette partie fabrique ou assemble.",
        10,
    ),
    FieldSpec(
        "materials",
        "list",
        False,
        "Inputs this party produces (cotton, yarn, nitrile latex), comma-separated.",
        "Intrants produits par cette partie (coton, fil, latex de nitrile).",
        24,
    ),
    FieldSpec("workers", "integer", False, "Number of workers.", "Nombre de travailleurs.", 10),
    FieldSpec(
        "annual_capacity",
        "number",
        False,
        "Units of its goods per year.",
        "Unités de ses biens par année.",
        16,
    ),
)

# The Supply Chains Act report of a party: one nested ``s211`` object in JSON,
# four ``s211_<key>`` columns in the Parties sheet.
S211_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "reporting_entity",
        "yn",
        False,
        "Y if the party is a reporting entity under the Supply Chains Act (S-211), "
        "N if not, blank if not said.",
        "O (Y) si la partie est une entité déclarante au sens de la Loi sur le travail "
        "forcé et le travail des enfants dans les chaînes d'approvisionnement (S-211), "
        "N sinon, vide si non précisé.",
        12,
    ),
    FieldSpec(
        "year",
        "integer",
        False,
        "Financial year of its latest report (e.g. 2025).",
        "Exercice de son dernier rapport (p. ex. 2025).",
        10,
    ),
    FieldSpec(
        "filed_on",
        "date",
        False,
        "Date the report was filed (YYYY-MM-DD).",
        "Date de dépôt du rapport (AAAA-MM-JJ).",
        12,
    ),
    FieldSpec(
        "url",
        "text",
        False,
        "Where the report is published.",
        "Adresse où le rapport est publié.",
        30,
    ),
)
S211_COLUMNS = tuple(f"s211_{f.name}" for f in S211_FIELDS)

CERTIFICATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "party",
        "id",
        True,
        "Id of the certifying party.",
        "Identifiant de la partie qui atteste.",
        10,
    ),
    FieldSpec(
        "type",
        "choice",
        True,
        "ethical_procurement (A3006T certification).",
        "ethical_procurement (attestation A3006T).",
        20,
    ),
    FieldSpec(
        "signed_on",
        "date",
        False,
        "Date signed (YYYY-MM-DD); one after the closing date does not count.",
        "Date de signature; une signature après la clôture ne compte pas.",
        12,
    ),
    FieldSpec("signatory", "text", False, "Who signed.", "Signataire.", 20),
    FieldSpec(
        "covers",
        "ids",
        False,
        "Ids of the parties the certification speaks for, comma-separated. Blank: the "
        "bidder's certification covers the bidder and every first-tier party; another "
        "party's covers that party.",
        "Identifiants des parties visées par l'attestation, séparés par des virgules. "
        "Vide : l'attestation du soumissionnaire vise le soumissionnaire et chaque "
        "sous-traitant de premier niveau; celle d'une autre partie vise cette partie.",
        14,
    ),
    FieldSpec(
        "rights",
        "list",
        True,
        "Rights affirmed; in the workbook, one Y/N column per right.",
        "Droits attestés; dans le classeur, une colonne O/N (Y/N) par droit.",
        10,
    ),
)

AUDIT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "party", "id", True, "Id of the audited party.", "Identifiant de la partie auditée.", 10
    ),
    FieldSpec(
        "scheme",
        "text",
        False,
        "Audit scheme (amfori BSCI, SMETA, WRAP...).",
        "Programme d'audit.",
        18,
    ),
    FieldSpec("date", "date", False, "Audit date (YYYY-MM-DD).", "Date de l'audit.", 12),
    FieldSpec(
        "result",
        "choice",
        False,
        "pass, conditional or fail.",
        "pass (réussi), conditional (conditionnel) ou fail (échec).",
        12,
    ),
    FieldSpec(
        "indicators",
        "list",
        False,
        "ILO forced-labour indicators found, comma-separated snake_case ids.",
        "Indicateurs de travail forcé de l'OIT relevés, séparés par des virgules.",
        40,
    ),
)

# Sheet name -> section; aliases (case-insensitive) accepted when reading.
SHEETS = {
    "solicitation": "Solicitation",
    "goods": "Goods",
    "parties": "Parties",
    "certifications": "Certifications",
    "audits": "Audits",
}
SHEET_ALIASES = {
    "solicitation": ("solicitation", "sollicitation", "demande de soumissions"),
    "goods": ("goods", "biens"),
    "parties": ("parties",),
    "certifications": ("certifications", "attestations"),
    "audits": ("audits",),
}
REQUIRED_SHEETS = ("solicitation", "goods", "parties")

# Columns of each list sheet, in template order (Certifications: rights as Y/N columns).
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "goods": tuple(f.name for f in GOOD_FIELDS),
    "parties": (*(f.name for f in PARTY_FIELDS), *S211_COLUMNS),
    # covers comes after the rights: columns filled by position in older templates stay put
    "certifications": (
        *(f.name for f in CERTIFICATION_FIELDS if f.name not in ("rights", "covers")),
        *RIGHTS,
        "covers",
    ),
    "audits": tuple(f.name for f in AUDIT_FIELDS),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "goods": ("id",),
    "parties": ("id", "role"),
    "certifications": ("party", *RIGHTS),
    "audits": ("party",),
}

YES = frozenset({"y", "yes", "o", "oui", "true", "1", "x"})
NO = frozenset({"n", "no", "non", "false", "0"})

__all__ = [
    "AUDIT_FIELDS",
    "CERTIFICATION_FIELDS",
    "GOOD_FIELDS",
    "NO",
    "PARTY_FIELDS",
    "REQUIRED_COLUMNS",
    "REQUIRED_SHEETS",
    "S211_COLUMNS",
    "S211_FIELDS",
    "SHEETS",
    "SHEET_ALIASES",
    "SHEET_COLUMNS",
    "SOLICITATION_FIELDS",
    "FieldSpec",
    "YES",
]
