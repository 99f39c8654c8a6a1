"""The policy is typed at the door: every malformed policy is exit 2 with each fault named.

Each case below is one of the malformed policies of the hostile-input campaign
(issue 12, point 7): before, most ended in a Python traceback, and NaN weights
gave invalid JSON with exit 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scrisk
from scrisk.cli import main
from scrisk.errors import PolicyError
from scrisk.policy import default_policy, default_settings, load_policy, untyped_settings
from scrisk.policy.section import Problem
from scrisk.policy.settings import LevelsSettings, RulesSettings, Settings
from scrisk.policy.values import build, check_by_example

ROOT = Path(__file__).resolve().parent.parent
GLOVE = str(ROOT / "examples" / "glove_bid.json")

# (file name, bytes, what the message must name)
MALFORMED = [
    ("table_for_number.toml", b"[levels]\ncritical = { a = 1 }\n", "levels.critical"),
    ("number_for_table.toml", b"[scoring]\nseverity_weight = 3\n", "scoring.severity_weight"),
    ("section_is_number.json", b'{"levels": 5}', "levels"),
    ("list_for_table.json", b'{"screening": [1, 2]}', "screening"),
    ("nan.toml", b"[scoring]\nattenuation = nan\n", "scoring.attenuation"),
    ("inf.toml", b"[levels]\ncritical = inf\n", "levels.critical"),
    ("minus_inf.toml", b"[screening]\ncoverage_weight = -inf\n", "screening.coverage_weight"),
    ("nan_weight.toml", b"[scoring.severity_weight]\nhigh = nan\n", "scoring.severity_weight.high"),
    ("json_nan.json", b'{"scoring": {"attenuation": NaN}}', "NaN"),
    ("json_infinity.json", b'{"levels": {"high": Infinity}}', "Infinity"),
    (
        "deep.toml",
        b"[rules]\nunits_per_worker_year = " + b"{a = " * 40 + b"1" + b"}" * 40 + b"\n",
        "nested",
    ),
    ("very_deep.json", b'{"rules": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001, "nested"),
    ("latin1.toml", "[levels]\n# seuil élevé\nhigh = 60.0\n".encode("latin-1"), "UTF-8"),
    ("utf16.toml", "[levels]\nhigh = 60.0\n".encode("utf-16"), "UTF-16"),
    ("utf16_no_bom.toml", "[levels]\nhigh = 60.0\n".encode("utf-16-le"), "UTF-16"),
    ("broken.toml", b"[levels\nhigh = 60\n", "not valid TOML"),
    ("broken.json", b'{"levels": {"high": 60,}}', "not valid JSON"),
    ("root_list.json", b"[1, 2, 3]", "table of settings"),
    ("text_for_number.toml", b'[levels]\nhigh = "sixty"\n', "levels.high"),
    ("bool_for_number.toml", b"[rules]\nmax_paths = true\n", "rules.max_paths"),
    ("fraction_for_count.toml", b"[rules]\nmax_paths = 2.5\n", "rules.max_paths"),
    ("number_for_list.toml", b"[rights]\nA3006T = 3\n", "rights.A3006T"),
    ("number_for_date.toml", b"[clauses.PN150]\nall = 2021\n", "clauses.PN150.all"),
    ("out_of_range.toml", b"[scoring]\nattenuation = -0.5\n", "scoring.attenuation"),
    ("duplicate_key.json", b'{"levels": {"high": 60, "high": 10}}', "given twice"),
    ("misspelt.toml", b"[levels]\ncritcal = 95.0\n", "levels.critcal"),
    ("huge_int.toml", b"[rules]\nmax_paths = 1" + b"0" * 400 + b"\n", "401-digit number"),
    ("too_many_digits.toml", b"[levels]\nhigh = 1" + b"0" * 5000 + b"\n", "not valid TOML"),
    ("json_huge_float.json", b'{"levels": {"high": 1e999}}', "levels.high"),
    ("time_for_date.toml", b"[clauses.PN150]\nall = 07:32:00\n", "clauses.PN150.all"),
    ("datetime_for_number.toml", b"[levels]\nhigh = 1979-05-27T07:32:00Z\n", "levels.high"),
]


@pytest.mark.parametrize(("name", "data", "named"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_policy_is_exit_2_naming_the_fault(tmp_path, capsys, name, data, named):
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["assess", GLOVE, "--policy", str(path), "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert named in err and str(path) in err
    assert "Traceback" not in err
    with pytest.raises(PolicyError, match=named.replace(".", r"\.")) as info:
        load_policy(path)
    assert info.value.faults and all(f.location.file == str(path) for f in info.value.faults)


def test_screen_command_refuses_a_malformed_policy_too(tmp_path, capsys):
    names = tmp_path / "names.csv"
    names.write_text("name\nSupermax Glove Manufacturing\n", encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_bytes(b"[screening]\nstrong_threshold = nan\n")
    assert main(["screen", str(names), "--policy", str(path)]) == 2
    assert "screening.strong_threshold" in capsys.readouterr().err


def test_every_fault_is_named_in_one_pass(tmp_path):
    path = tmp_path / "many.toml"
    path.write_text(
        '[levels]\ncritcal = 95\nhigh = "x"\n[scoring]\nattenuation = nan\n'
        "[scoring.severity_weight]\nsevere = 0.5\n[screening]\nchunk_size = 0\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    keys = [f.location.path for f in info.value.faults]
    assert set(keys) == {
        "levels.critcal",
        "levels.high",
        "scoring.attenuation",
        "scoring.severity_weight.severe",
        "screening.chunk_size",
    }
    assert str(info.value).startswith("5 faults in the policy:")
    reasons = {f.location.path: f.reason for f in info.value.faults}
    assert reasons["levels.critcal"] == "unknown_key"
    assert reasons["scoring.attenuation"] == "bad_number"


def test_settings_are_typed_frozen_and_read_by_attribute_only():
    s = load_policy({"levels": {"critical": 90}, "clauses": {"PN150": {"all": "2021-11-11"}}})
    assert isinstance(s, Settings) and isinstance(s.levels, LevelsSettings)
    assert s.levels.critical == 90.0 and type(s.levels.critical) is float
    assert s.rules.max_paths == 20 and type(s.rules.max_paths) is int
    assert s.clauses.PN150["all"].isoformat() == "2021-11-11"  # JSON strings become dates
    assert s.scoring.attenuation == 0.95 and s.to_dict()["levels"]["critical"] == 90.0
    with pytest.raises(TypeError):  # no dict access: one way to read a setting
        s["levels"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        s.levels.critical = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.scoring.severity_weight["high"] = 1.0  # type: ignore[index]
    # the plain form round-trips to the same settings
    assert load_policy(s.to_dict()) == s
    assert s.to_dict()["levels"] == {**default_policy()["levels"], "critical": 90.0}


def test_defaults_are_built_once_and_shared():
    assert load_policy() is load_policy(None)
    assert load_policy(load_policy()) is load_policy()


def test_assessment_reports_the_typed_settings_and_a_plain_copy():
    a = scrisk.assess(GLOVE, policy={"scoring": {"attenuation": 0.5}})
    assert a.settings.scoring.attenuation == 0.5
    assert a.policy["scoring"]["attenuation"] == 0.5 and isinstance(
        a.policy["rights"]["A3006T"], list
    )


def test_output_json_is_strict_json(tmp_path):
    out = tmp_path / "a.json"
    assert main(["assess", GLOVE, "--json", str(out), "-q"]) in (0, 1)

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in output JSON")

    json.loads(out.read_text(encoding="utf-8"), parse_constant=refuse)


def test_a_table_without_a_dataclass_is_checkedcheck_by_example():
    """A new policy file (e.g. data.toml) is usable before its dataclass exists, and still
    refuses a misspelt key or a value of another kind."""
    since = default_policy()["clauses"]["PN150"]["contract"]
    shipped = {"max_age_days": 365, "warn": True, "since": since}
    out: list[Problem] = []
    check_by_example({"max_age_day": 1, "warn": "yes", "since": "soon"}, shipped, "data", out)
    assert {p.key for p in out} == {"data.max_age_day", "data.warn", "data.since"}
    out.clear()
    check_by_example(
        {"max_age_days": 30.0, "warn": False, "since": "2020-01-01"}, shipped, "data", out
    )
    assert out == []
    check_by_example({"max_age_days": float("nan")}, shipped, "data", out)
    assert [p.key for p in out] == ["data.max_age_days"]


def test_an_override_equal_to_the_default_reuses_the_default_screener():
    from scrisk.assessment.engine import _screener
    from scrisk.screening import default_screener

    same = load_policy({"screening": {"country_same_bonus": 4}})  # 4 == 4.0 once typed
    assert _screener(same) is default_screener()
    other = load_policy({"screening": {"country_same_bonus": 5}})
    assert _screener(other) is not default_screener()
    assert _screener(other).policy.country_same_bonus == 5.0


def test_a_huge_number_from_python_is_a_fault_not_a_crash():
    with pytest.raises(PolicyError, match=r"levels\.high: .*-digit number \(too large\)"):
        load_policy({"levels": {"high": 10**5000}})


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ({1: 2}, "1: unknown policy section"),
        ({"levels": None}, "levels: expected a table, got nothing"),
        ({"levels": {1: 2}}, "levels.1: unknown setting"),
        ({"rights": {"A3006T": [1, None]}}, r"rights\.A3006T\[1\]"),
        (123, "policy must be a file path, a mapping of settings or None"),
    ],
)
def test_odd_python_values_are_faults_not_crashes(source, named):
    with pytest.raises(PolicyError, match=named):
        load_policy(source)


def test_a_shipped_setting_without_a_field_is_kept_checked_and_readable():
    """Another branch adds ``[rules] new_limit = 3`` to a shipped TOML before its field:
    the policy still loads, a user may override it with a number only, and it is listed."""
    shipped = {**default_policy()["rules"], "new_limit": 3}
    out: list[Problem] = []
    rules = build(RulesSettings, {**shipped, "new_limit": 5}, shipped, out, "rules")
    assert out == [] and rules.untyped["new_limit"] == 5 and rules.to_dict()["new_limit"] == 5
    assert untyped_settings(rules, "rules.") == ["rules.new_limit"]
    build(RulesSettings, {**shipped, "new_limit": "five", "new_limt": 1}, shipped, out, "rules")
    assert [p.key for p in out] == ["rules.new_limit", "rules.new_limt"]


def test_every_shipped_setting_has_a_typed_field():
    """After a merge this names each shipped setting still to describe in settings.py."""
    assert untyped_settings(default_settings()) == []


def test_merged_policy_tables_are_typed_month_dates_and_departments():
    """Issue 9/10 settings: month-only clause dates stay "YYYY-MM", CODE takes any
    department, [procurement] and [data] are typed; every fault is named at once."""
    s = load_policy({"clauses": {"CODE": {"DND": "2022-01"}}, "procurement": {"department": "DND"}})
    assert s.clauses.CODE["DND"] == "2022-01" and s.clauses.POW["ppe"] == "2020-07"
    assert s.clauses.PN150["contract"].isoformat() == "2021-11-04"
    assert s.procurement.department == "DND" and s.data.max_age_months == 12
    assert s.data.screening_datasets == ("cbp_wro_findings", "uflpa_entity_list")
    bad = {
        "clauses": {"CODE": {"DND": "2022-13"}, "A3006T": {"apparell": "2020-01"}},
        "procurement": {"department": " "},
        "data": {"max_age_months": -1},
    }
    with pytest.raises(PolicyError) as info:
        load_policy(bad)
    assert {f.location.path for f in info.value.faults} == {
        "clauses.CODE.DND",
        "clauses.A3006T.apparell",
        "procurement.department",
        "data.max_age_months",
    }
