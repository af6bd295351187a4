"""Both languages say everything, with the same placeholders; the default language."""

from __future__ import annotations

import string

import pytest

from escalate.i18n import MESSAGES, detect, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert set(MESSAGES["pt"]) == set(MESSAGES["en"])


@pytest.mark.parametrize("key", sorted(MESSAGES["en"]))
def test_same_placeholders(key: str) -> None:
    assert _fields(MESSAGES["pt"][key]) == _fields(MESSAGES["en"][key])


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "pt_BR.UTF-8"}, "pt"),
        (None, {"LANG": "pt_PT"}, "pt"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LANG": "es_ES.UTF-8"}, "en"),
        (None, {"LC_ALL": "pt_BR.UTF-8", "LANG": "en_US"}, "pt"),
        (None, {"LC_MESSAGES": "en_US", "LANG": "pt_BR"}, "en"),
        (None, {"ESCALATE_LANG": "en", "LANG": "pt_BR"}, "en"),
        (None, {"ESCALATE_LANG": "PT"}, "pt"),
        ("en", {"ESCALATE_LANG": "pt", "LANG": "pt_BR"}, "en"),
        ("pt", {}, "pt"),
    ],
)
def test_detect(explicit: str | None, env: dict[str, str], expected: str) -> None:
    assert detect(explicit, env) == expected


def test_t_formats_and_falls_back_to_english() -> None:
    assert t("pt", "sms.to", code="26530") == "para 26530"
    assert t("xx", "sms.to", code="26530") == "to 26530"
