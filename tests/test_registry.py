"""Every format of every result is a renderer registered by name."""

from __future__ import annotations

import importlib

import pytest

from escalate.output import registry


@pytest.mark.parametrize(("kind", "fmt"), sorted(registry.RENDERERS))
def test_every_registered_renderer_exists(kind: str, fmt: str) -> None:
    module, function = registry.RENDERERS[(kind, fmt)].split(":")
    assert callable(getattr(importlib.import_module(module), function))


def test_formats_per_kind_and_an_unknown_one() -> None:
    assert registry.formats("case") == ("json", "markdown", "html", "ics")
    assert set(registry.formats("letter")) == {"text", "markdown", "html"}
    assert set(registry.formats("due")) == {"text", "json"}
    assert set(registry.formats("checklist")) == {"text", "markdown", "json"}
    assert set(registry.formats("advice")) == {"text", "json"}
    assert set(registry.formats("lookup")) == set(registry.formats("companies")) == {"text", "json"}
    with pytest.raises(registry.UnknownFormat, match="no pdf format for case"):
        registry.render("case", "pdf", None, lang="pt")


def test_a_checklist_renders_the_same_view_in_each_format(cat) -> None:
    from escalate.advice import checklists
    from escalate.output.checklist import ChecklistView

    book = cat.rules("checklists")
    result = checklists.build(book, "procon", bodies={"procon": cat.record("procon")})
    view = ChecklistView(result, book.verified_on)
    markdown = registry.render("checklist", "markdown", view, lang="pt")
    document = registry.render("checklist", "json", view, lang="pt")
    lines = registry.render("checklist", "text", view, lang="pt")
    first = document["items"][0]["what"]["pt"]
    assert first in markdown
    assert any(first in text for line in lines for text, _style in line)
    assert document["kind"] == "checklist" and document["schema_version"] == 1
