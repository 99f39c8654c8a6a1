"""The declaration's shape, declared once: each section's fields with their kind,
required-ness, vocabulary and help text.

The model's dataclasses, the validator (scrisk.readers.validate), the serializer
(scrisk.serialize), the Excel reader and the template all derive from these
tables; tests/test_schema_single_source.py fails when a field is added to one
place only. Sheet names and column layouts are in scrisk.readers.schema.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrisk.vocab import Category, Instrument, Right, Role, values

CATEGORIES = values(Category)
ROLES = values(Role)  # declared once in scrisk.vocab
INSTRUMENTS = values(Instrument)
# The eight rights of A3006T (ids as in spec/declaration.md). The policy file
# holds the authoritative list the rule checks; this tuple is the vocabulary
# readers accept and the template offers.
RIGHTS = values(Right)  # declared once in scrisk.vocab
AUDIT_RESULTS = ("pass", "conditional", "fail")
CERTIFICATION_TYPES = ("ethical_procurement",)

# The ILO's eleven indicators of forced labour (2012), as snake_case ids.
ILO_INDICATORS = (
    "abuse_of_vulnerability",
    "deception",
    "restriction_of_movement",
    "isolation",
    "physical_sexual_violence",
    "intimidation_threats",
    "retention_of_identity_documents",
    "withholding_of_wages",
    "debt_bondage",
    "abusive_working_living_conditions",
    "excessive_overtime",
)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One declared field: its name (JSON key = column header), kind and help text."""

    name: str
    kind: str  # text | id | ids | list | date | number | integer | choice | yn
    required: bool = False
    help_en: str = ""
    help_fr: str = ""
    width: int = 18
    # The accepted values of a choice (or the items of a list); empty = free text.
    vocab: tuple[str, ...] = ()
    # What a message calls the field ("solicitation id"); empty = the name, spaced.
    noun: str = ""

    @property
    def label(self) -> str:
        """The field as a message names it."""
        return self.noun or self.name.replace("_", " ")


SOLICITATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        True,
        "Solicitation or contract number.",
        "Numéro de la demande de soumissions ou du contrat.",
        noun="solicitation id",
    ),
    FieldSpec("title", "text", False, "Short title of the requirement.", "Titre du besoin."),
    FieldSpec(
        "category",
        "choice",
        True,
        "apparel, ppe or other: decides which clauses apply.",
        "vêtements, équipement de protection individuelle ou autre : détermine les clauses "
        "applicables.",
        vocab=CATEGORIES,
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
        "contrat (par défaut), offre à commandes ou arrangement en matière "
        "d'approvisionnement : détermine les clauses contractuelles applicables.",
        vocab=INSTRUMENTS,
    ),
    FieldSpec(
        "contract_date",
        "date",
        False,
        "Date the contract was awarded, or the standing offer / supply arrangement "
        "issued (YYYY-MM-DD): decides which clauses the instrument carries; default the "
        "closing date.",
        "Date d'attribution du contrat, ou d'émission de l'offre à commandes / de "
        "l'arrangement (AAAA-MM-JJ) : détermine les clauses que porte l'instrument; par "
        "défaut la date de clôture.",
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
        "soumissionnaire (un seul), fabricant, sous-traitant, fournisseur de matières, "
        "agent ou distributeur.",
        18,
        vocab=ROLES,
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
        "O si la partie est une entité déclarante au sens de la Loi sur la lutte contre le "
        "travail forcé et le travail des enfants dans les chaînes d'approvisionnement "
        "(S-211), N sinon, vide si non précisé.",
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
        "approvisionnement éthique (attestation A3006T).",
        20,
        vocab=CERTIFICATION_TYPES,
        noun="certification type",
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
        "Droits attestés; dans le classeur, une colonne O/N par droit.",
        10,
        vocab=RIGHTS,
        noun="right",
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
        "réussi, réussi sous conditions ou échoué.",
        12,
        vocab=AUDIT_RESULTS,
        noun="audit result",
    ),
    FieldSpec(
        "indicators",
        "list",
        False,
        "ILO forced-labour indicators found, comma-separated snake_case ids.",
        "Indicateurs de travail forcé de l'OIT relevés, séparés par des virgules.",
        40,
        vocab=ILO_INDICATORS,
        noun="ILO indicator",
    ),
)


__all__ = [
    "AUDIT_FIELDS",
    "AUDIT_RESULTS",
    "CATEGORIES",
    "CERTIFICATION_FIELDS",
    "CERTIFICATION_TYPES",
    "GOOD_FIELDS",
    "ILO_INDICATORS",
    "INSTRUMENTS",
    "PARTY_FIELDS",
    "RIGHTS",
    "ROLES",
    "S211_FIELDS",
    "SOLICITATION_FIELDS",
    "FieldSpec",
]
