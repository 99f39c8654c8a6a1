"""Declared text is shown inert: escape sequences and markup never act."""

from scrisk.textsafe import inert


def test_escape_sequences_become_visible():
    forged = "Maple\x1b[2J\x1b[H LOW RISK\x1b]8;;http://x\x07link"
    shown = inert(forged)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("Maple␛[2J␛[H LOW RISK")


def test_bidi_and_zero_width_are_named():
    assert inert("abc\u202edef\u200dg") == "abc<U+202E>def<U+200D>g"


def test_rich_markup_escaped_only_when_asked():
    assert inert("[bold]x") == "[bold]x"
    assert inert("[bold]x", markup=True) == "\\[bold]x"


def test_plain_text_in_any_script_is_unchanged():
    for s in ("Société Générale", "浙江合盛硅业有限公司", "Ѕupermаx", "O'Neil & Sons"):
        assert inert(s) == s


def test_lone_surrogate_does_not_break_encoding():
    inert("x\ud800y").encode("utf-8")


def test_user_data_dir_follows_scrisk_home(tmp_path, monkeypatch):
    from scrisk.userdata import user_data_dir

    monkeypatch.setenv("SCRISK_HOME", str(tmp_path / "home"))
    assert user_data_dir() == tmp_path / "home"
    assert not (tmp_path / "home").exists()
    assert user_data_dir(create=True).is_dir()


def test_french_no_break_spaces_are_kept():
    assert inert("Note\u00a0: 92,3\u202f!") == "Note\u00a0: 92,3\u202f!"
