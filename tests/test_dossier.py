"""The dossier and the calendar file: hostile text in a case shows literally in Markdown and HTML
(in the dossier and in the letter that holds the text to send) and never adds a property or
component to the .ics."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from escalate.cases import casefile
from escalate.cases.journal import Case, LoggedContact
from escalate.output import dossier, letters

TODAY = dt.date(2026, 11, 25)
STAMP = dt.datetime(2026, 11, 25, 13, 0, tzinfo=dt.UTC)
ALARM = (
    "x\r\nEND:VEVENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H\r\n"
    "DESCRIPTION:Ligue já 0800 666 6666\r\nEND:VALARM\r\nBEGIN:VEVENT"
)
LONG = "Cobrança indevida após interrupção — ação judicial, São João 🌧️; " * 6 + "fim"
HOSTILE = [
    pytest.param("protocol", "1 | 02/11/2026 | resolvido", id="pipe-in-protocol"),
    pytest.param("protocol", "9\\|9 | x", id="escaped-pipe-in-protocol"),
    pytest.param("protocol", "12\r\n| a | b | c | d | e |\n", id="row-in-protocol"),
    pytest.param("title", "<script>alert(1)</script>", id="script-in-title"),
    pytest.param("title", "![x](http://evil) [y](http://evil) <http://evil>", id="image-in-title"),
    pytest.param("title", "&lt;b&gt; &#60;i&#62; **x** _y_ `z` ~~w~~ # h", id="markup-in-title"),
    pytest.param("title", LONG, id="long-accented-title"),
    pytest.param("title", "a\\b\\\\;c,d\\n\\", id="backslashes-in-title"),
    pytest.param("title", "\x1b[31mvermelho\x07\u2028fim", id="control-in-title"),
    pytest.param("company", "Elektro\r\nURL:http://evil", id="url-in-company"),
    pytest.param("company", "Elektro\nATTENDEE:mailto:evil@example.com", id="attendee-in-company"),
    pytest.param("company", ALARM, id="alarm-in-company"),
    pytest.param("company", "Elektro; Ltda., filial\\SP", id="punctuation-in-company"),
    pytest.param("uid", "u\r\nURL:http://evil", id="url-in-uid"),
    pytest.param("uid", ALARM, id="alarm-in-uid"),
    pytest.param("note", "</td><td>resolvido", id="cell-in-note"),
]
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "p",
    "em",
    "ul",
    "li",
    "span",
    "main",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
# The tags of a letter's page (escalate.output.letters).
LETTER_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "h1",
    "h2",
    "p",
    "ul",
    "li",
    "div",  # the signature
}


def make_case(field: str = "", value: str = "") -> Case:
    """Three SAC contacts: one whose deadline passed, two still running (two calendar events)."""
    given = {"title": "Conta dobrou", "company": "Neoenergia Elektro", "protocol": "123"}
    given["uid"] = given["note"] = "c"
    given[field] = value
    contacts = tuple(
        LoggedContact(
            id=n,
            uid=f"{given['uid']}{n}",
            channel="sac",
            protocol=given["protocol"],
            date=day,
            outcome=outcome,
            note=given["note"],
        )
        for n, (day, outcome) in enumerate(
            [
                (dt.date(2026, 11, 2), "no-answer"),
                (dt.date(2026, 11, 20), "open"),
                (dt.date(2026, 11, 24), "open"),
            ],
            start=1,
        )
    )
    return Case(
        id=1,
        uid="case",
        company=given["company"],
        unit=None,
        problem=None,
        title=given["title"],
        status="open",
        created=dt.date(2026, 11, 1),
        closed=None,
        contacts=contacts,
    )


def outputs(cat: Any, case: Case, advice: Any = None) -> tuple[str, str, str]:
    entries = casefile.timeline(case, ladder=cat.rules("ladder"), company=None, today=TODAY)
    args: dict[str, Any] = {
        "company": None,
        "entries": entries,
        "advice": advice,
        "problem_label": None,
        "cpf_shown": "***.***.*89-09",
        "today": TODAY,
    }
    ics = dossier.ics(case, company_name=case.company, entries=entries, stamp=STAMP)
    return dossier.markdown(case, **args), dossier.html(case, **args), ics


def letter_outputs(rules: Any, case: Case) -> tuple[str, str]:
    """The ouvidoria letter of ``case`` in Markdown and HTML: the text to send, which names the
    company and each contact's protocol and note (the dossier holds no draft of it)."""
    view = casefile.case_advice(case, company=None, rules=rules, today=TODAY, now=None)
    doc = dossier.CaseDocument(view, None, "***.***.*89-09", TODAY, STAMP)
    letter = letters.LetterDocument(doc, "ouvidoria")
    return letters.render_markdown(letter, "pt"), letters.render_html(letter, "pt")


def expected(field: str, value: str) -> dict[str, str]:
    """What the documents show of the company's name, a contact's protocol and its note."""
    given = {"company": "Neoenergia Elektro", "protocol": "123", "note": "c"}
    if field in given:
        given[field] = value
    return {key: shown(text) for key, text in given.items()}


def shown(text: str, *, cell: bool = False) -> str:
    """What the dossier shows of a text: line breaks in a cell as spaces, controls as '?'."""
    if cell:
        text = re.sub(r"\r\n|\r|\n", " ", text)
    return "".join(ch if ch.isprintable() else "?" for ch in text)


# --- Markdown --------------------------------------------------------------------------------


def unescaped(line: str, char: str) -> list[int]:
    """Where ``char`` stands in a Markdown line not escaped by a backslash."""
    found, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == char:
            found.append(i)
        i += 1
    return found


def md_cells(line: str) -> list[str]:
    cuts = unescaped(line, "|")
    assert cuts[0] == 0 and cuts[-1] == len(line) - 1, line
    return [line[a + 1 : b].strip() for a, b in itertools.pairwise(cuts)]


def md_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize(("field", "value"), HOSTILE)
def test_markdown_shows_hostile_text_literally(
    cat: Any, rules: Any, field: str, value: str
) -> None:
    text, _, _ = outputs(cat, make_case(field, value))
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 3  # header, separator, one row per contact
    assert all(len(md_cells(line)) == 6 for line in table)
    for line in table[2:]:
        protocol = "123" if field != "protocol" else shown(value, cell=True).strip()
        assert md_unescape(md_cells(line)[2]) == protocol
    lines = [line for line in text.splitlines() if not line.startswith("_Gerado em")]
    for char in "<>![]`*_~":
        assert all(unescaped(line, char) == [] for line in lines), char
    assert not re.search(r"(?<!\\)&(?=#?\w+;)", text)  # no entity that would show as a sign
    heading = text.splitlines()[0]
    title = value if field == "title" else "Conta dobrou"
    assert md_unescape(heading) == f"# Dossiê do caso 1: {shown(title)}"
    # Partes, Linha do tempo, Prazos vencidos: no heading forged by the text, no draft.
    assert text.count("\n## ") == 3
    company = md_unescape(next(line for line in lines if line.startswith("- Empresa: ")))
    assert company.startswith(f"- Empresa: {expected(field, value)['company']}, CNPJ [CNPJ")
    # The letter: the company, each protocol and each note, literally, in its own block.
    letter, _ = letter_outputs(rules, make_case(field, value))
    for char in "<>![]`*_~":
        assert all(unescaped(line, char) == [] for line in letter.splitlines()), char
    assert not re.search(r"(?<!\\)&(?=#?\w+;)", letter)
    want = expected(field, value)
    assert md_unescape(letter.splitlines()[0]) == f"# À Ouvidoria da {want['company']}"
    assert letter.count("\n## ") == 2  # Atendimentos anteriores, O que peço
    items = [md_unescape(line) for line in letter.splitlines() if line.startswith("- ")]
    assert len(items) == 3  # one per contact
    for item in items:
        assert f"(protocolo {want['protocol']}); resultado: " in item
        assert f"Observação: {want['note']}." in item


@pytest.mark.parametrize(("field", "value"), HOSTILE)
def test_commonmark_renders_the_markdown_as_the_plain_text(
    cat: Any, rules: Any, field: str, value: str
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text, _, _ = outputs(cat, make_case(field, value))
    rendered = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    page = Page()
    page.feed(rendered.render(text))
    assert page.tags <= ALLOWED_TAGS - {"span"}
    assert [len(row) for row in page.rows] == [6, 6, 6]
    if field == "protocol":
        assert {row[2] for row in page.rows} == {shown(value, cell=True).strip()}
    if field == "title":
        assert page.texts["h1"] == [f"Dossiê do caso 1: {shown(value)}"]
    assert page.texts["li"][1] == "CPF: [CPF] (termina em 89-09)"  # never the masked form
    assert "***" not in text
    assert page.texts["h2"] == ["Partes", "Linha do tempo", "Prazos vencidos"]
    want = expected(field, value)
    letter = Page()
    letter.feed(rendered.render(letter_outputs(rules, make_case(field, value))[0]))
    assert letter.tags <= {"h1", "h2", "p", "ul", "li"}
    assert letter.texts["h1"] == [f"À Ouvidoria da {want['company']}"]
    assert letter.texts["h2"] == ["Atendimentos anteriores", "O que peço"]
    assert len(letter.texts["li"]) == 3
    for item in letter.texts["li"]:
        assert f"(protocolo {want['protocol']}); resultado: " in item
        assert f"Observação: {want['note']}." in item


@pytest.mark.parametrize(
    "text",
    ["1. um", "2) dois", "- menos", "+ mais", "# título", "> citação", "=== ", "    código", "***"],
)
def test_a_text_never_opens_a_block(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    document = [dossier.Paragraph(text), dossier.Bullets((text,)), dossier.Quote((text, text))]
    page = Page()
    page.feed(markdown_it.MarkdownIt("commonmark").render(dossier.to_markdown(document)))
    assert page.tags == {"p", "ul", "li", "blockquote"}
    assert page.texts["p"] == [text.strip()] * 3


# --- HTML ------------------------------------------------------------------------------------


class Page(HTMLParser):
    """The tags of a page, the text of each element and the cells of each table row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.open: list[str] = []
        self.rows: list[list[str]] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.add(tag)
        if tag == "meta":
            return
        self.open.append(tag)
        self.texts.setdefault(tag, []).append("")
        if tag == "tr" and "tbody" in self.open:
            self.rows.append([])
        if tag == "td":
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag  # every element closed, in order
        if tag in self.texts:
            self.texts[tag][-1] = self.texts[tag][-1].strip()
        if tag == "td":
            self.rows[-1][-1] = self.rows[-1][-1].strip()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[self.open[-1]][-1] += data
            if self.open[-1] == "td":
                self.rows[-1][-1] += data


@pytest.mark.parametrize(("field", "value"), HOSTILE)
def test_html_escapes_hostile_text(cat: Any, rules: Any, field: str, value: str) -> None:
    _, page_text, _ = outputs(cat, make_case(field, value))
    assert page_text.startswith("<!DOCTYPE html>\n") and '<meta charset="utf-8">' in page_text
    page = Page()
    page.feed(page_text)
    page.close()
    assert page.open == []
    assert page.tags <= ALLOWED_TAGS - {"span"}
    assert len(page.texts["th"]) == 6
    assert [len(row) for row in page.rows] == [6, 6, 6]
    assert [row[3] for row in page.rows] == [
        "sem resposta",
        "aguardando resposta",
        "aguardando resposta",
    ]
    if field == "protocol":
        assert {row[2] for row in page.rows} == {shown(value, cell=True).strip()}
    title = shown(value) if field == "title" else "Conta dobrou"
    assert page.texts["h1"] == [f"Dossiê do caso 1: {title}"]
    assert page.texts["title"] == [f"Dossiê do caso 1: {title}"]
    assert page.texts["li"][1] == "CPF: [CPF] (termina em 89-09)"  # never the masked form
    assert "***" not in page_text
    assert page.texts["h2"] == ["Partes", "Linha do tempo", "Prazos vencidos"]
    assert page.texts["p"][-3:] == [
        "[CIDADE], 25/11/2026",
        "Assinatura: ______________________________",
        "[NOME]",
    ]
    want = expected(field, value)
    letter = Page()
    letter.feed(letter_outputs(rules, make_case(field, value))[1])
    letter.close()
    assert letter.open == []
    assert letter.tags <= LETTER_TAGS
    assert letter.texts["h1"] == [f"À Ouvidoria da {want['company']}"]
    assert letter.texts["title"] == [f"À Ouvidoria da {want['company']}"]
    assert len(letter.texts["li"]) == 3
    for item in letter.texts["li"]:
        assert f"(protocolo {want['protocol']}); resultado: " in item
        assert f"Observação: {want['note']}." in item


def test_html_and_markdown_are_one_document(cat: Any, rules: Any) -> None:
    from conftest import company
    from escalate.advice import advisor

    record = company(cat, "elektro")
    case = make_case()
    entries = casefile.timeline(case, ladder=cat.rules("ladder"), company=record, today=TODAY)
    advice = advisor.advise(
        advisor.Request(stage="sac-failed", today=TODAY, problem="billing", company=record), rules
    )
    args: dict[str, Any] = {
        "company": record,
        "entries": entries,
        "advice": advice,
        "problem_label": "Conta errada",
        "cpf_shown": None,
        "today": TODAY,
    }
    document = dossier.blocks(case, **args)
    assert all(isinstance(b, dossier.Block) for b in document)
    assert dossier.markdown(case, **args) == dossier.to_markdown(document)
    page_text = dossier.html(case, **args)
    assert page_text == dossier.to_html(document, "Dossiê do caso 1: Conta dobrou")
    boxes = next(b for b in document if isinstance(b, dossier.Bullets) and b.checkbox)
    # One marker per box to tick: the drawn box, in a list without bullets (document.css).
    assert page_text.count('<li><span class="box" aria-hidden="true"></span>') == len(boxes.items)
    assert len(boxes.items) > 0 and '<ul class="checklist">' in page_text
    assert "ul.checklist { list-style: none;" in page_text
    assert all(item.endswith((" (obrigatório).", " (recomendado).")) for item in boxes.items)
    assert not any(isinstance(b, dossier.Quote) for b in document)  # no draft: the letters
    assert isinstance(document[-1], dossier.Signature)
    assert advice.step is not None
    page = Page()
    page.feed(page_text)
    assert "blockquote" not in page.tags
    assert page.texts["h2"] == ["Partes", "Linha do tempo", "Prazos vencidos", "Próximo passo"]
    # The step's title under the heading, then where to go (the contacts) and what to bring;
    # the signature last. No command line in a document to file.
    title = dossier.to_markdown([dossier.Paragraph(advice.step.title.pt)])
    assert f"\n## Próximo passo\n\n{title}\n- " in dossier.markdown(case, **args)
    assert page.texts["p"][-5:] == [
        advice.step.title.pt,
        "Leve:",
        "[CIDADE], 25/11/2026",
        "Assinatura: ______________________________",
        "[NOME]",
    ]
    assert page_text.index('<div class="signature">') > page_text.index("Leve:")
    assert "--letter" not in page_text


# --- iCalendar -------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), HOSTILE)
def test_ics_keeps_hostile_text_inside_its_values(cat: Any, field: str, value: str) -> None:
    icalendar = pytest.importorskip("icalendar")
    case = make_case(field, value)
    _, _, text = outputs(cat, case)
    raw = text.encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    for line in raw[:-2].split(b"\r\n"):
        assert len(line) <= 75, line
        assert b"\r" not in line and b"\n" not in line
        line.decode("utf-8")  # no character split by folding
    calendar = icalendar.Calendar.from_ical(text)
    assert [c.name for c in calendar.walk()] == ["VCALENDAR", "VEVENT", "VEVENT"]
    events = calendar.walk("VEVENT")
    for event, contact in zip(events, case.contacts[1:], strict=True):
        assert sorted(event) == [
            "DESCRIPTION",
            "DTEND",
            "DTSTAMP",
            "DTSTART",
            "SUMMARY",
            "UID",
        ]
        summary = f"Prazo de resposta: SAC — {case.company} (protocolo {contact.protocol})"
        description = f"Caso 1: {case.title}. Decreto 11.034/2022, art. 13."
        assert str(event["SUMMARY"]) == ics_shown(summary)
        assert str(event["DESCRIPTION"]) == ics_shown(description)
        assert re.fullmatch(r"[A-Za-z0-9-]+@escalate", str(event["UID"]))
    assert [e.decoded("DTSTART") for e in events] == [dt.date(2026, 11, 27), dt.date(2026, 12, 1)]
    for forged in ("URL", "ATTENDEE", "VALARM", "TRIGGER", "ACTION"):
        assert not re.search(rf"^{forged}[:;]", text, re.MULTILINE)


def ics_shown(text: str) -> str:
    text = re.sub(r"\r\n|\r", "\n", text)
    return "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in text)


@pytest.mark.parametrize("start", range(6))
def test_folding_splits_no_character_and_no_escape(start: int) -> None:
    value = "x" * start + "ção🌧️\\,;" * 40
    line = "DESCRIPTION:" + dossier._ics_text(value)
    folded = dossier._fold(line)
    physical = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in physical) and len(physical) > 5
    assert all(p.startswith(b" ") for p in physical[1:])
    # an escape pair split at a fold would leave an odd run of backslashes at a line's end
    assert all((len(p) - len(p.rstrip(b"\\"))) % 2 == 0 for p in physical)
    assert folded.replace("\r\n ", "") == line


def test_a_short_line_is_not_folded() -> None:
    assert dossier._fold("SUMMARY:" + "a" * 67) == "SUMMARY:" + "a" * 67
    assert dossier._fold("SUMMARY:" + "é" * 34).count("\r\n ") == 1  # 76 octets
