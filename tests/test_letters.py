"""The letters of a case: each for its own channel, in Portuguese, from the journal and the
rules' data only; hostile text shows literally in every format."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from escalate.cases import casefile, journal
from escalate.errors import UsageError
from escalate.output import letters
from escalate.output.dossier import CaseDocument
from escalate.output.letters import LetterDocument

TODAY = dt.date(2026, 11, 25)
STAMP = dt.datetime(2026, 11, 25, 13, 0, tzinfo=dt.UTC)

# The realistic cases (ESCALATE_NOW is 2026-11-25 10:00 in São Paulo): the golden documents
# are written from these too.
CASES: dict[str, dict[str, Any]] = {
    # A family without power two days after paying: the 24 h are over.
    "elektro-reconnection": {
        "company": "elektro",
        "problem": "reconnection",
        "title": "Sem luz depois de pagar",
        "event_date": dt.date(2026, 11, 23),
        "event_time": dt.time(19, 0),
        "account": "7012345678",
        "want": ("reconnect",),
        "contacts": [
            {
                "channel": "sac",
                "date": dt.date(2026, 11, 23),
                "protocol": "2026112300457",
                "outcome": "no-answer",
                "note": "Paguei a conta atrasada no dia 23 e pedi a religação; disseram 24 horas.",
            },
        ],
    },
    # João: Claro charged twice; two SAC protocols, then the ouvidoria, without a protocol.
    "claro-billing": {
        "company": "claro",
        "problem": "billing",
        "title": "Cobrança em dobro",
        "event_date": dt.date(2026, 10, 10),
        "account": "(11) 98765-4321",
        "want": ("refund-double",),
        "story": (
            "A fatura de outubro veio com o plano cobrado duas vezes (R$ 119,90 cada).\n"
            "Paguei a fatura inteira para não ter o serviço cortado."
        ),
        "contacts": [
            {
                "channel": "sac",
                "date": dt.date(2026, 11, 3),
                "protocol": "111222333",
                "outcome": "failed",
                "note": "Atendente disse que a cobrança estava correta.",
            },
            {
                "channel": "sac",
                "date": dt.date(2026, 11, 5),
                "protocol": "444555666",
                "outcome": "no-answer",
                "note": "Prometeram retorno em 48 horas; ninguém ligou.",
            },
            {"channel": "ouvidoria", "date": dt.date(2026, 11, 20), "outcome": "open"},
        ],
    },
    # A fridge burned by a surge.
    "cemig-appliance": {
        "company": "cemig",
        "problem": "damaged-appliance",
        "title": "Geladeira queimada",
        "event_date": dt.date(2026, 11, 10),
        "event_time": dt.time(21, 30),
        "want": ("repair-or-pay",),
        "story": ("Depois de uma queda de energia com oscilação, a geladeira parou de funcionar."),
        "contacts": [
            {
                "channel": "sac",
                "date": dt.date(2026, 11, 11),
                "protocol": "CEMIG-2026-998877",
                "outcome": "no-answer",
            },
        ],
    },
}


def document(
    cat: Any,
    rules: Any,
    path: Path,
    *,
    company: str,
    contacts: list[dict[str, Any]] = (),  # type: ignore[assignment]
    cpf: str | None = None,
    cpf_shown: str | None = None,
    **fields: Any,
) -> CaseDocument:
    """A case written through the journal, read back and worked out as every output does."""
    from escalate.cli.common import _local_now

    record, unit_id = cat.resolve(company)
    record = cat.record(record.id)
    fields.setdefault("title", "Caso")
    conn = journal.connect(path)
    case_id = journal.new_case(
        conn, company=record.id, unit=unit_id, created=TODAY - dt.timedelta(days=30), **fields
    )
    for contact in contacts:
        journal.log_contact(conn, case_id, **contact)
    found = journal.get_case(conn, case_id)
    conn.close()
    unit = next((u for u in record.units if u.id == unit_id), None)
    view = casefile.case_advice(
        found, company=record, rules=rules, today=TODAY, now=_local_now(record, unit)
    )
    problems = rules.problems
    sector = record.sector
    label = None
    if found.problem:
        label = next(p for p in problems.problems if p.id == found.problem).label_for(sector).pt
    offered = problems.remedies_for(found.problem, sector)
    return CaseDocument(
        view,
        problem_label=label,
        cpf_shown=cpf_shown,
        today=TODAY,
        stamp=STAMP,
        remedies=tuple(r for want in found.want for r in offered if r.id == want),
        law=rules.law,
    )


def realistic(cat: Any, rules: Any, path: Path, name: str) -> CaseDocument:
    return document(cat, rules, path, **CASES[name])


def text_of(doc: CaseDocument, channel: str) -> str:
    return letters.render_text(LetterDocument(doc, channel), "pt")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


# --- which letters fit ---------------------------------------------------------------------


def test_the_regulator_comes_from_the_company_record(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    elektro = realistic(cat, rules, journal_path, "elektro-reconnection")
    claro = realistic(cat, rules, journal_path, "claro-billing")
    assert "aneel" in letters.letters_for(elektro) and "anatel" not in letters.letters_for(elektro)
    assert "anatel" in letters.letters_for(claro) and "aneel" not in letters.letters_for(claro)
    with pytest.raises(UsageError, match="no anatel letter for this case") as energy:
        letters.render_text(LetterDocument(elektro, "anatel"), "pt")
    assert energy.value.hint is not None and "aneel" in energy.value.hint
    assert "anatel" not in energy.value.hint
    with pytest.raises(UsageError, match="no aneel letter") as telecom:
        letters.letter_blocks(LetterDocument(claro, "aneel"))
    assert telecom.value.hint == (
        "letters for this case: ouvidoria, anatel, procon, consumidor-gov, juizado"
    )
    with pytest.raises(UsageError, match="unknown letter"):
        letters.render_html(LetterDocument(claro, "sac"), "pt")


def test_a_user_record_decides_the_regulator(cat: Any, rules: Any, journal_path: Path) -> None:
    doc = realistic(cat, rules, journal_path, "claro-billing")
    assert doc.view.company is not None
    moved = doc._replace(view=doc.view.replace(company=doc.view.company.replace(regulator="aneel")))
    assert "aneel" in letters.letters_for(moved) and "anatel" not in letters.letters_for(moved)
    none = doc._replace(view=doc.view.replace(company=doc.view.company.replace(regulator=None)))
    assert not set(letters.REGULATOR_LETTERS) & set(letters.letters_for(none))
    gone = doc._replace(view=doc.view.replace(company=None, advice=None))
    assert letters.letters_for(gone) == ("ouvidoria", "procon", "consumidor-gov", "juizado")


def test_consumidor_gov_only_for_a_company_that_joined(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "claro-billing")
    assert doc.view.company is not None
    out = doc.view.company.replace(consumidor_gov="not-joined")
    refused = doc._replace(view=doc.view.replace(company=out))
    with pytest.raises(UsageError, match=r"has not joined consumidor\.gov\.br"):
        letters.render_text(LetterDocument(refused, "consumidor-gov"), "pt")


# --- the content of each letter ------------------------------------------------------------


def test_the_ouvidoria_letter_cites_the_sac_protocols_and_the_missed_deadline(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "claro-billing")
    text = text_of(doc, "ouvidoria")
    assert text.startswith("À Ouvidoria da Claro")
    for protocol, day in (("111222333", "03/11/2026"), ("444555666", "05/11/2026")):
        assert f"Em {day}, reclamei no SAC (protocolo {protocol})" in text
    # The second SAC protocol had no answer in 7 days: the deadline, counted and ruled by data.
    sac = rules.ladder.deadline("sac")
    assert (
        f"O SAC tinha {sac.days} {sac.counted.pt} para responder ({sac.rule});"
        " o prazo venceu em 12/11/2026 sem solução." in text
    )
    assert text.count("o prazo venceu") == 1  # the first one was answered (failed)
    assert "Em 20/11/2026, reclamei na Ouvidoria (sem número de protocolo)" in text
    remedy = doc.remedies[0]
    assert remedy.status == "official"
    assert f"{remedy.ask.pt.rstrip('.')} ({remedy.rule})." in text
    assert "resposta por escrito e o número de protocolo" in text
    assert "Contrato ou linha: (11) 98765-4321." in text
    assert "Atendente disse que a cobrança estava correta." in text
    assert "[CIDADE], 25/11/2026" in text


def test_every_letter_holds_the_asks_the_account_and_nothing_of_escalate(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    for name in CASES:
        doc = realistic(cat, rules, journal_path, name)
        assert doc.remedies, name
        for channel in letters.letters_for(doc):
            text = text_of(doc, channel)
            for remedy in doc.remedies:
                assert remedy.ask.pt.rstrip(".") in text, (name, channel)
                if remedy.status == "official":  # cited, or named by the request itself
                    assert all(part in text for part in remedy.rule.split(", "))
            if doc.view.case.account:
                assert doc.view.case.account in text
            assert "escalate" not in text.lower(), (name, channel)
            assert "aconselhamento" not in text.lower()
            assert "[CIDADE], 25/11/2026" in text
            for contact in doc.view.case.contacts:
                if contact.protocol:
                    assert f"protocolo {contact.protocol}" in text
            # Only the data's rules: no phone number or address the catalogue does not hold.
            assert not re.search(r"\b0800\b|\b1[0-9]{2}\b", _without_case_text(text, doc))


def _without_case_text(text: str, doc: CaseDocument) -> str:
    """The letter without what the person wrote (their story, notes, protocols, account)."""
    case = doc.view.case
    own = [case.story or "", case.account or ""]
    own += [c.note or "" for c in case.contacts] + [c.protocol or "" for c in case.contacts]
    for line in (line for text in own for line in text.splitlines()):
        if line.strip():
            text = text.replace(line.strip(), "")
    return text


def test_the_ouvidoria_letter_gives_only_an_official_address(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "elektro-reconnection")
    company = doc.view.company
    assert company is not None
    letter = next(c for c in company.channels if c.id == "ouvidoria-letter")
    assert letter.status == "reported" and letter.contact.address is not None
    street = letter.contact.address.street
    assert street not in text_of(doc, "ouvidoria")  # reported by a third party only
    confirmed = company.replace(
        channels=tuple(
            c.replace(status="official") if c.id == letter.id else c for c in company.channels
        )
    )
    text = text_of(doc._replace(view=doc.view.replace(company=confirmed)), "ouvidoria")
    assert text.split("\n\n")[1] == letter.contact.address.one_line()


def test_a_reported_rule_is_asked_for_but_not_cited(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = document(
        cat,
        rules,
        journal_path,
        company="claro",
        problem="cancellation",
        want=("cancel", "withdraw-7-days"),
        contacts=[{"channel": "sac", "date": dt.date(2026, 11, 2), "protocol": "55"}],
    )
    reported, official = doc.remedies
    assert reported.status == "reported" and official.status == "official"
    for channel in letters.letters_for(doc):
        text = text_of(doc, channel)
        assert reported.ask.pt in text
        assert reported.rule not in text
        assert official.rule in text
        # The telecom cancellation's 2 business days are only reported: never cited as law.
        assert "dias úteis para efetivar" not in text


def test_the_regulator_letter_is_short_and_plain(cat: Any, rules: Any, journal_path: Path) -> None:
    """No length limit of the ANEEL or Anatel forms is in our sources: stay well under one
    that a form might have."""
    for name in CASES:
        doc = realistic(cat, rules, journal_path, name)
        regulator = doc.view.company.regulator if doc.view.company else None
        text = text_of(doc, regulator or "")
        assert len(text) < 2000, (name, len(text))
        for contact in doc.view.case.contacts:
            assert contact.date.strftime("%d/%m/%Y") in text
        assert "Peço a intervenção da" in text
        assert not re.search(r"[#*_`>|\[\]]", text.replace("[CIDADE]", "").replace("[NOME]", ""))


def test_without_a_story_the_letter_says_the_problem_and_its_date(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "elektro-reconnection")
    text = text_of(doc, "aneel")
    assert (
        "Problema: Religação depois de pagar a conta. Data do ocorrido: 23/11/2026, às 19:00."
        in text
    )
    assert "Instalação ou código do cliente: 7012345678." in text
    # The request names its rule already: not cited a second time.
    assert "do art. 362 da REN ANEEL 1.000/2021." in text
    assert "(REN ANEEL 1.000/2021, art. 362)" not in text


def test_procon_and_consumidor_gov_get_relato_and_pedido(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "cemig-appliance")
    for channel, title in (
        ("procon", "Reclamação ao Procon contra a Cemig"),
        ("consumidor-gov", "Reclamação no consumidor.gov.br contra a Cemig"),
    ):
        text = text_of(doc, channel)
        paragraphs = text.split("\n\n")
        assert paragraphs[0] == title
        assert paragraphs.index("Relato") < paragraphs.index("Pedido")
        assert "Depois de uma queda de energia com oscilação" in text
        assert "Data do ocorrido: 10/11/2026, às 21:30." in text
        assert "O SAC tinha 7 dias corridos a partir do registro para responder" in text
        assert "venceu em 18/11/2026" in text


def test_the_juizado_claim_has_blanks_for_what_the_journal_does_not_hold(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = realistic(cat, rules, journal_path, "claro-billing")
    text = text_of(doc, "juizado")
    for blank in ("[NOME]", "[CPF]", "[ENDEREÇO]", "[CNPJ]", "[ENDEREÇO DA EMPRESA]"):
        assert blank in text
    assert "Valor da causa: [VALOR DA CAUSA]." in text
    # The only amount besides those in the person's own story is the no-lawyer limit.
    wage = rules.law.wage_on(TODAY).value * rules.law.juizado.without_lawyer_wages
    limit = f"R$ {wage:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert limit == "R$ 32.420,00"
    amounts = re.findall(r"R\$ ?[0-9][0-9.,]*", _without_case_text(text, doc))
    assert amounts == [limit]
    assert f"até {rules.law.juizado.without_lawyer_wages} salários mínimos" in text
    assert rules.law.juizado.rule in text
    paragraphs = text.split("\n\n")
    facts, law, asks = (paragraphs.index(h) for h in ("Os fatos", "O direito", "Os pedidos"))
    assert facts < law < asks
    law_text = "\n".join(paragraphs[law:asks])
    assert "Decreto 11.034/2022, art. 13: O SAC tinha 7 dias" in law_text
    assert doc.remedies[0].rule in law_text
    assert "Pedido inicial" in text and "Assinatura:" in text


def test_the_juizado_claim_shows_a_cpf_only_in_full(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    fields = {**CASES["cemig-appliance"], "cpf": "12345678909"}
    masked = document(cat, rules, journal_path, cpf_shown="***.***.*89-09", **fields)
    assert "CPF [CPF]" in text_of(masked, "juizado")
    full = document(cat, rules, journal_path, cpf_shown="123.456.789-09", **fields)
    assert "CPF 123.456.789-09" in text_of(full, "juizado")


def test_a_case_with_no_contacts_no_problem_and_no_request(
    cat: Any, rules: Any, journal_path: Path
) -> None:
    doc = document(cat, rules, journal_path, company="equatorial-pa")
    for channel in letters.letters_for(doc):
        text = text_of(doc, channel)
        assert "Equatorial Pará" in text
        assert "protocolo" not in text.replace("número de protocolo desta", "")
    assert "Peço a solução do problema." in text_of(doc, "ouvidoria")
    juizado = text_of(doc, "juizado")
    assert "[DESCREVA O QUE ACONTECEU, COM AS DATAS]" in juizado
    assert "[O QUE VOCÊ PEDE]" in juizado


# --- the next channel ----------------------------------------------------------------------


def test_the_next_letter_follows_the_advice(cat: Any, rules: Any, journal_path: Path) -> None:
    elektro = realistic(cat, rules, journal_path, "elektro-reconnection")
    assert elektro.view.advice is not None and elektro.view.advice.mode == "act"
    assert letters.next_letter(elektro) == "ouvidoria"  # the 24 h passed: act now
    claro = realistic(cat, rules, journal_path, "claro-billing")
    assert claro.view.advice is not None and claro.view.advice.mode == "wait"
    assert letters.next_letter(claro) is None  # waiting for the ouvidoria's 10 days
    failed = document(
        cat,
        rules,
        journal_path,
        company="claro",
        contacts=[
            {"channel": "sac", "date": dt.date(2026, 11, 2), "protocol": "1", "outcome": "failed"},
            {
                "channel": "ouvidoria",
                "date": dt.date(2026, 11, 5),
                "protocol": "2",
                "outcome": "failed",
            },
        ],
    )
    assert letters.next_letter(failed) == "anatel"
    fresh = document(cat, rules, journal_path, company="cemig")
    assert letters.next_letter(fresh) is None  # call the SAC first


# --- hostile text ----------------------------------------------------------------------------

HOSTILE_STORY = (
    "<script>alert(1)</script> **negrito** [link](http://evil) `code`\n"
    "# título falso\n\x1b[31mvermelho\x07 fim\u202e"
)
# The letters of an Elektro case: every one but Anatel's.
ELEKTRO_LETTERS = tuple(x for x in letters.LETTERS if x != "anatel")
HOSTILE_NOTE = "</li><li>resolvido & pago | 1 | 2 |\x00\x1b]0;x\x07"


def hostile(cat: Any, rules: Any, path: Path) -> CaseDocument:
    return document(
        cat,
        rules,
        path,
        company="elektro",
        problem="billing",
        want=("refund-double",),
        account="<b>99</b>",
        story=HOSTILE_STORY,
        contacts=[
            {
                "channel": "sac",
                "date": dt.date(2026, 11, 2),
                "protocol": "1 *2* <i>",
                "note": HOSTILE_NOTE,
            }
        ],
    )


class Page(HTMLParser):
    """Every tag opened is closed, in order (void tags aside); the text of the body."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data: str) -> None:
        if "style" not in self.stack and "title" not in self.stack:
            self.text.append(data)


@pytest.mark.parametrize("channel", ELEKTRO_LETTERS)
def test_hostile_text_in_html_is_escaped_and_every_tag_closed(
    cat: Any, rules: Any, journal_path: Path, channel: str
) -> None:
    doc = hostile(cat, rules, journal_path)
    assert channel in letters.letters_for(doc)
    page = Page()
    page.feed(letters.render_html(LetterDocument(doc, channel), "pt"))
    page.close()
    assert page.errors == [] and page.stack == []
    assert page.tags <= {
        "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "ul", "li",
        "div",
    }  # fmt: skip
    body = "".join(page.text)
    assert "<script>alert(1)</script> **negrito** [link](http://evil) `code`" in body
    assert "?[31mvermelho? fim?" in body
    assert "</li><li>resolvido & pago | 1 | 2 |??]0;x?" in body
    assert "protocolo 1 *2* <i>" in body
    assert "<b>99</b>" in body


@pytest.mark.parametrize("channel", ELEKTRO_LETTERS)
def test_hostile_text_in_markdown_shows_literally(
    cat: Any, rules: Any, journal_path: Path, channel: str
) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    doc = hostile(cat, rules, journal_path)
    assert channel in letters.letters_for(doc)
    text = letters.render_markdown(LetterDocument(doc, channel), "pt")
    page = Page()
    page.feed(markdown_it.MarkdownIt("commonmark").render(text))
    assert page.tags <= {"h1", "h2", "p", "ul", "li", "em"}
    body = "".join(page.text)
    assert "<script>alert(1)</script> **negrito** [link](http://evil) `code`" in body
    assert "# título falso" in body  # a paragraph, not a heading
    assert "</li><li>resolvido & pago | 1 | 2 |??]0;x?" in body
    assert "<b>99</b>" in body


@pytest.mark.parametrize("channel", ELEKTRO_LETTERS)
def test_hostile_text_in_plain_text_shows_controls_as_question_marks(
    cat: Any, rules: Any, journal_path: Path, channel: str
) -> None:
    doc = hostile(cat, rules, journal_path)
    assert channel in letters.letters_for(doc)
    text = text_of(doc, channel)
    assert all(ch.isprintable() or ch == "\n" for ch in text)
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")
    # The person's text as they wrote it: markup is not markup here, only shown.
    assert "<script>alert(1)</script> **negrito** [link](http://evil) `code`" in text
    assert "\n# título falso\n" in text
    assert "?[31mvermelho? fim?" in text
    assert "</li><li>resolvido & pago | 1 | 2 |??]0;x?" in text
