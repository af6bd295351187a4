"""escalate on the web: the pages as a browser gets them, the case journal through its forms, and
`escalate site build`. The same advice as the command line, in the same words and order."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from starlette.testclient import TestClient
from typer.testing import CliRunner

from conftest import DATA, NOW
from escalate.cli.main import app as cli
from escalate.i18n import t
from escalate.web import create_app

runner = CliRunner()
ORIGIN = "http://127.0.0.1:8000"
DISCLAIMER = {
    "pt": "Isto é apenas informação, não orientação jurídica.",
    "en": "This is information, not legal advice.",
}
# The menu, on every page: how a person tells the language at a glance.
MENU = {
    "pt": ("Empresas", "O que levar", "As etapas", "Seus direitos"),
    "en": ("Companies", "What to bring", "The steps", "Your rights"),
}
PAGES = [
    "/",
    "/companies",
    "/companies?state=BA",
    "/lookup/elektro",
    "/lookup/neoenergia?state=SP",
    "/advise",
    "/advise?company=elektro&stage=sac-failed",
    "/advise?hazard=1",
    "/checklists",
    "/checklist/procon",
    "/ladder/energy",
    "/ladder/telecom",
    "/law",
    "/cases",
]


def run(*args: str) -> Any:
    return runner.invoke(cli, list(args))


def asking(path: str, query: str) -> str:
    """``path`` with ``query`` added to what it already asks."""
    return path + ("&" if "?" in path else "?") + query if query else path


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A browser on the local server (a failure is a 500 page, as a person would see it)."""
    with TestClient(create_app(), base_url=ORIGIN, raise_server_exceptions=False) as browser:
        yield browser


# --- reading a page as a person sees it ----------------------------------------------------------

INLINE = {"a", "span", "strong", "em", "b", "i", "code", "abbr", "small", "label"}
UNSEEN = {"script", "style", "title", "datalist"}


class Page(HTMLParser):
    """A page as a browser makes it out: the text shown (all of it, and <main>'s), the tags with
    their attributes, the links with their text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._all: list[str] = []
        self._main: list[str] = []
        self._in_main = self._unseen = 0
        self._link: list[str] | None = None
        self.feed(html)
        self.close()
        self.text = " ".join("".join(self._all).split())
        self.main = " ".join("".join(self._main).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_main += tag == "main"
        self._unseen += tag in UNSEEN
        if tag == "a":
            self._link = []
            self._href = dict(attrs).get("href") or ""
        self._space(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_main -= tag == "main"
        self._unseen -= tag in UNSEEN
        if tag == "a" and self._link is not None:
            self.links.append((self._href, " ".join("".join(self._link).split())))
            self._link = None
        self._space(tag)

    def _space(self, tag: str) -> None:
        if tag not in INLINE:  # a block ends a word, as it ends a line on the screen
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        if self._unseen:
            return
        self._all.append(data)
        if self._in_main:
            self._main.append(data)
        if self._link is not None:
            self._link.append(data)

    def hrefs(self) -> list[str]:
        return [a["href"] for tag, a in self.tags if tag in ("a", "link") and "href" in a]

    def token(self) -> str:
        return next(a["value"] for tag, a in self.tags if tag == "input" and a["name"] == "token")


def alerts(html: str) -> list[str]:
    """The error lines of a page (role="alert"), as shown."""
    found = re.findall(r'role="alert">(.*?)</p>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", f)).split()) for f in found]


def shown_lines(output: str) -> list[str]:
    """The terminal's non-empty lines, each with its spaces as the page shows them, as the web
    says them: a command the terminal suggests is a link named otherwise (up to it, then), a
    hint that names options has the page's own form instead (left out)."""
    shown = []
    for line in output.splitlines():
        if not line.strip() or " --" in line:
            continue
        shown.append(" ".join(line.split("escalate ")[0].split()))
    return shown


def assert_in_order(lines: list[str], text: str) -> None:
    pos = 0
    for line in lines:
        found = text.find(line, pos)
        assert found >= 0, (
            f"missing or out of order: {line!r}\nafter: {text[max(0, pos - 200) : pos]!r}"
        )
        pos = found + len(line)


def markup_problems(html: str) -> list[str]:
    """What the content security policy would block, or what would reach out to the network."""
    found = []
    for tag, attrs in Page(html).tags:
        if tag == "script" and not attrs.get("src"):
            found.append("<script> without src")
        if tag == "style":
            found.append("<style>")
        found += [f"<{tag} {name}=…>" for name in attrs if name.startswith("on") or name == "style"]
        if (tag == "script" and "src" in attrs) or (tag == "link" and "href" in attrs):
            where = urlsplit(attrs.get("src") or attrs["href"])
            if where.scheme or where.netloc:
                found.append(f"<{tag}> from {where.geturl()}")
    return found


def policy(response: Any) -> dict[str, list[str]]:
    said = response.headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in said.split(";") if d.strip()}


def form_token(browser: TestClient, path: str = "/cases") -> str:
    """The token a page's form carries (the GET also sets the session's cookie)."""
    return Page(browser.get(path).text).token()


def post(browser: TestClient, path: str, data: dict[str, str], **headers: str) -> Any:
    return browser.post(
        path, data=data, headers={"origin": ORIGIN, **headers}, follow_redirects=False
    )


def saved_cases() -> list[Any]:
    result = run("case", "list", "--json")
    assert result.exit_code == 0, result.output
    said = json.loads(result.stdout)
    return said["cases"] if isinstance(said, dict) else said


# --- the language -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [
        ("", None, "pt"),
        ("lang=en", None, "en"),
        ("", "en-US,en;q=0.9", "en"),
        ("", "fr, pt;q=0.5", "pt"),
        ("", "pt-BR,pt;q=0.9,en;q=0.8", "pt"),
        ("", "de, en-GB;q=0.8", "en"),
        ("", "en;q=0.1, pt;q=0.9", "pt"),
        ("lang=pt", "en-US,en;q=0.9", "pt"),
    ],
)
@pytest.mark.parametrize("path", PAGES)
def test_pages_speak_portuguese_unless_english_is_asked(
    client: TestClient, path: str, query: str, accept: str | None, lang: str
) -> None:
    response = client.get(
        asking(path, query), headers={"accept-language": accept} if accept else {}
    )
    assert response.status_code == 200
    assert f'<html lang="{"pt-BR" if lang == "pt" else "en"}">' in response.text
    assert response.headers["content-language"] == ("pt-BR" if lang == "pt" else "en")
    page = Page(response.text)
    for word in MENU[lang]:
        assert word in page.text
    if query == "lang=en":  # the links keep the language asked for
        inside = [
            a["href"]
            for tag, a in page.tags
            if tag == "a" and a.get("href", "").startswith("/") and "hreflang" not in a
        ]
        assert inside and all("lang=en" in h for h in inside)


@pytest.mark.parametrize(
    ("path", "answer"),
    [
        ("/advise?company=elektro&stage=sac-failed", "WHAT TO DO NOW"),
        ("/companies?state=BA", "Companies serving BA"),
    ],
)
def test_switching_language_keeps_the_question(client: TestClient, path: str, answer: str) -> None:
    page = Page(client.get(path).text)
    english = next(href for href, text in page.links if text == "English")
    assert answer in Page(client.get(english).text).main


# --- the advice: the same words as `escalate advise` ------------------------------------------


@pytest.mark.parametrize(
    ("command", "path"),
    [
        (
            "advise --company elektro --stage sac-failed --lang pt",
            "/advise?company=elektro&stage=sac-failed",
        ),
        (
            "advise --company elektro --stage sac-failed --lang en",
            "/advise?company=elektro&stage=sac-failed&lang=en",
        ),
        (
            "advise --company claro --stage ouvidoria-failed --lang pt",
            "/advise?company=claro&stage=ouvidoria-failed",
        ),
        (
            "advise --company elektro --stage sac-open --since 20/11/2026 --lang pt",
            "/advise?company=elektro&stage=sac-open&since=20/11/2026",
        ),
        ("advise --problem hazard --company elektro --lang pt", "/advise?hazard=1&company=elektro"),
        ("checklist procon --lang pt", "/checklist/procon"),
        ("checklist ouvidoria --company elektro --lang pt", "/checklist/ouvidoria?company=elektro"),
        ("tree --sector energy --lang pt", "/ladder/energy"),
        ("tree --sector telecom --lang en", "/ladder/telecom?lang=en"),
    ],
)
def test_page_says_what_the_command_prints_in_the_same_order(
    client: TestClient, command: str, path: str
) -> None:
    printed = run(*command.split())
    assert printed.exit_code == 0, printed.output
    response = client.get(path)
    assert response.status_code == 200
    assert_in_order(shown_lines(printed.stdout), Page(response.text).main)


def test_advice_links_the_ouvidoria_number_before_aneel(client: TestClient) -> None:
    html = client.get("/advise?company=elektro&stage=sac-failed").text
    page = Page(html)
    assert ("tel:08000124050", "0800 012 40 50") in page.links
    assert html.index('href="tel:08000124050"') < html.index('href="tel:167"')
    assert page.main.index("0800 012 40 50") < page.main.index("ANEEL: 167")
    # The command the terminal suggests is a link to the same list on the web, named as it is.
    assert ("/checklist/ouvidoria", "Ouvidoria da empresa") in page.links
    assert "escalate checklist" not in page.main
    assert client.get("/checklist/ouvidoria").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/advise?company=elektro&stage=sac-failed",
        "/advise?hazard=1",
        "/advise",
        "/advise?company=nope&stage=sac-failed",
        "/",
        "/companies",
        "/lookup/elektro",
        "/lookup/nope",
        "/checklist/procon",
        "/ladder/energy",
        "/law",
        "/cases",
    ],
)
def test_information_not_legal_advice_is_said_once(client: TestClient, path: str) -> None:
    assert Page(client.get(path).text).text.count(DISCLAIMER["pt"]) == 1
    english = client.get(asking(path, "lang=en")).text
    assert Page(english).text.count(DISCLAIMER["en"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "hazard=1",
        "hazard=1&lang=en",
        "hazard=1&company=elektro",
        "hazard=on&company=claro&stage=ouvidoria-failed",
    ],
)
def test_risk_to_life_comes_first_with_193(client: TestClient, query: str) -> None:
    response = client.get("/advise?" + query)
    assert response.status_code == 200
    main = Page(response.text).main
    assert re.search(r"\d+", main).group() == "193"  # no other number before it
    assert main.index("⚠") < main.index("193") < main.index("0800")


def test_risk_to_life_193_can_be_called_with_a_tap(client: TestClient) -> None:
    html = client.get("/advise?hazard=1").text
    main = html[html.index("<main") :]
    assert main.index('href="tel:193"') < main.index('href="tel:0')
    assert 'href="tel:192"' in main  # SAMU, when someone got a shock
    assert ("tel:116", "116") in Page(html).links  # "Fale com a Cemig — 116": its number too
    checklist = Page(client.get("/checklist/procon").text)
    assert ("tel:151", "151") in checklist.links  # the Procon's "Telefone 151"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("ligue para os Bombeiros, 193; o SAMU, 192.", ["tel:193", "tel:192"]),
        ("os Bombeiros (193).", ["tel:193"]),
        ("chame também o SAMU, no 192. Risco", ["tel:192"]),
        ("call the fire brigade on 193; SAMU (ambulance) on 192", ["tel:193", "tel:192"]),
        ("risco de vida → Bombeiros 193 e a linha", ["tel:193"]),
        ("Resolução 1.000/2021, art. 193", []),
        ("Art. 193 e Nº 193 e n° 192, § 193, artigo 192, inciso 192", []),
        ("arts. 192 e 193", []),
        ("R$ 193,00 e CPF 193.456.789-00", []),
        ("CEP 01193-000, sala 193-A", []),
        ("protocolo 2026193 e 2026 193 4567", []),
        ("Bombeiros 193.456", []),
    ],
)
def test_only_the_emergency_numbers_named_with_their_service_are_linked(
    text: str, linked: list[str]
) -> None:
    from escalate.output.page import lines_html

    html = lines_html([[(text, "")]])
    assert [href for href, _ in Page(html).links] == linked


# --- companies ----------------------------------------------------------------------------------


def test_company_page_has_links_to_call_the_legend_and_the_sources(
    client: TestClient, cat: Any
) -> None:
    response = client.get("/lookup/elektro")
    assert response.status_code == 200
    page = Page(response.text)
    for number in ("0800 701 01 02", "0800 012 40 50", "(19) 2122-1385", "167", "193"):
        assert ("tel:" + re.sub(r"\D", "", number), number) in page.links
    for href, text in page.links:  # a tel: link calls the number it shows
        if href.startswith("tel:"):
            assert href == "tel:" + re.sub(r"\D", "", text)
    assert "* informado por terceiros ! divergente — confirme antes de confiar." in page.text
    record = cat.record("elektro")
    cited = {s for ch in record.channels for s in ch.sources}
    titles = {s.id: s.title for s in cat.sources().sources}
    assert "Fontes" in page.text
    for source in cited:
        assert f'id="src-{source}"' in response.text
        assert titles[source] in page.text


def _with_keywords() -> list[str]:
    return sorted(
        p.stem for p in (DATA / "companies").glob("*.yaml") if "keywords:" in p.read_text()
    )


@pytest.mark.parametrize("name", _with_keywords())
def test_sms_keywords_are_sms_links(client: TestClient, cat: Any, name: str) -> None:
    record = cat.record(name)
    channels = [*record.channels, *(ch for unit in record.units for ch in unit.channels)]
    keyworded = [ch for ch in channels if ch.keywords]
    assert keyworded
    html = client.get(f"/lookup/{name}").text
    for ch in keyworded:
        for kw in ch.keywords:
            assert f'href="sms:{ch.contact.short_code}?body={kw.keyword}"' in html


def test_a_group_in_a_state_is_its_company_there(client: TestClient) -> None:
    response = client.get("/lookup/neoenergia?state=SP")
    assert response.status_code == 200
    page = Page(response.text)
    assert "Neoenergia em SP é a Neoenergia Elektro" in page.main
    assert ("tel:08000124050", "0800 012 40 50") in page.links


def test_companies_of_a_state(client: TestClient) -> None:
    page = Page(client.get("/companies?state=BA").text)
    assert ("/lookup/neoenergia-coelba", "Neoenergia Coelba") in page.links
    assert all(href != "/lookup/elektro" for href, _ in page.links)  # SP and MS only


# --- what was not found or not understood: one line, in the page's language --------------------


@pytest.mark.parametrize(
    ("path", "status", "said"),
    [
        ("/lookup/nope", 404, "empresa desconhecida: 'nope' não está no catálogo do escalate"),
        ("/lookup/elektro?state=ZZ", 400, "não é uma sigla de estado: 'ZZ'"),
        pytest.param(
            "/lookup/neoenergia?state=AM",
            404,
            "Neoenergia não tem atendimento cadastrado para o estado 'AM'",
            id="group-state-not-served",
        ),
        ("/companies?state=XX", 400, "Esse não é um estado brasileiro."),
        ("/ladder/water", 404, "Serviço desconhecido"),
        ("/advise?stage=sac-failed&since=99/99", 400, "data inválida: '99/99'"),
        pytest.param("/advise?stage=nope", 400, "etapa desconhecida"),
        pytest.param(
            "/advise?company=nope&stage=sac-failed",
            400,
            "não está no catálogo",
        ),
        pytest.param("/checklist/nope", 404, "canal desconhecido: 'nope'"),
        ("/checklist/procon?company=nope", 404, "não está no catálogo"),
        ("/checklist/procon?problem=nope", 400, "problema desconhecido: 'nope'"),
        ("/checklist/aneel?company=claro", 400, "Reclamação na ANEEL é para empresas de energia"),
        ("/checklist/procon?company=claro&problem=meter-fraud", 400, "o problema 'meter-fraud' é"),
        ("/advise?stage=start&company=claro&sector=zzz", 400, "serviço desconhecido: 'zzz'"),
        ("/advise?stage=start&sector=Energy", 400, "serviço desconhecido: 'Energy'"),
    ],
)
def test_what_is_not_found_gets_one_clear_line(
    client: TestClient, path: str, status: int, said: str
) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    (line,) = alerts(response.text)
    assert said in line
    assert "Traceback" not in response.text and "Error" not in line


# --- the checklists, the ladder and the law -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/checklist/procon", ("Reclamação no Procon", "O seu CPF.", "(obrigatório)", "151")),
        ("/checklists", ("Reclamação no Procon",)),
        ("/ladder/energy", ("ANEEL", "sac-failed", "Juizado Especial Cível", "193")),
        ("/ladder/telecom", ("Anatel", "ouvidoria-failed", "Juizado Especial Cível", "193")),
    ],
)
def test_checklists_and_ladders(client: TestClient, path: str, words: tuple[str, ...]) -> None:
    response = client.get(path)
    assert response.status_code == 200
    main = Page(response.text).main
    for word in words:
        assert word in main
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/checklist/procon",
        "/checklist/aneel?company=elektro",
        "/advise?sector=energy&stage=sac-failed",
        "/advise?company=elektro&stage=sac-failed",
        "/ladder/energy",
    ],
)
def test_web_pages_do_not_speak_of_the_command_line(client: TestClient, path: str) -> None:
    main = Page(client.get(path).text).main
    assert "--" not in main and "escalate " not in main, main


def test_the_checklist_is_tailored_with_its_own_form(client: TestClient) -> None:
    page = Page(client.get("/checklist/aneel").text)
    fields = {a.get("name") for tag, a in page.tags if tag in ("input", "select")}
    assert {"company", "state", "problem"} <= fields
    tailored = Page(client.get("/checklist/aneel?company=elektro&problem=religação").text)
    assert "Neoenergia Elektro" in tailored.main
    selected = [a for tag, a in tailored.tags if tag == "option" and "selected" in a]
    assert [a["value"] for a in selected] == ["reconnection"]  # the alias, understood


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_every_legal_fact_shows_its_rule_and_sources(
    client: TestClient, cat: Any, lang: str
) -> None:
    html = client.get("/law", params={"lang": lang}).text
    (facts_html,) = re.findall(r'<ul class="facts">(.*?)</ul>', html, re.S)
    shown = [Page(item).text for item in facts_html.split("<li>")[1:]]
    facts = cat.rules("problems").facts
    titles = {s.id: s.title for s in cat.sources().sources}
    assert len(shown) == len(facts)
    for fact in facts:
        text = " ".join(fact.text.get(lang).split())
        (item,) = [s for s in shown if text in s]
        assert f"({fact.rule})" in item
        assert fact.sources
        for source in fact.sources:
            assert titles.get(source, source) in item


# --- security -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "env", "host", "status"),
    [
        ({}, None, "127.0.0.1:8000", 200),
        ({}, None, "localhost:8000", 200),
        ({}, None, "[::1]:8000", 200),
        ({}, None, "evil.example", 400),
        ({}, None, "evil.example:8000", 400),
        ({}, None, "127.0.0.1.evil.example", 400),
        ({}, None, "localhost.evil.example:8000", 400),
        ({"bound": "192.168.0.10"}, None, "192.168.0.10:8000", 200),
        ({"bound": "192.168.0.10"}, None, "evil.example", 400),
        ({"hosted": True}, "escalate.example", "escalate.example", 200),
        ({"hosted": True}, "escalate.example", "evil.example", 400),
        ({"hosted": True}, "escalate.example", "127.0.0.1:8000", 400),
    ],
)
def test_only_the_servers_own_host_names_are_answered(
    monkeypatch: pytest.MonkeyPatch, make: dict[str, Any], env: str | None, host: str, status: int
) -> None:
    if env is not None:
        monkeypatch.setenv("ESCALATE_ALLOWED_HOSTS", env)
    with TestClient(create_app(**make), base_url=ORIGIN) as browser:
        response = browser.get("/", headers={"host": host})
    assert response.status_code == status
    if status == 400:
        assert "escalate" not in response.text  # not the page: nothing for another site to read


def _every_kind_of_answer(browser: TestClient) -> list[Any]:
    return [
        *(browser.get(path) for path in PAGES),
        browser.get("/lookup/nope"),
        browser.get("/companies?state=XX"),
        browser.get("/no/such/page"),
        browser.get("/static/style.css"),
        browser.get("/", headers={"host": "evil.example"}),
        browser.post("/cases", data={"title": "x"}),
        post(browser, "/cases", {"title": "x", "company": "elektro", "token": "wrong"}),
    ]


def test_every_answer_has_the_security_headers(client: TestClient) -> None:
    for response in _every_kind_of_answer(client):
        said = policy(response)
        scripts = said.get("script-src", said["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert said["frame-ancestors"] == ["'none'"]
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", [*PAGES, "/lookup/nope", "/advise?company=nope&stage=start"])
def test_pages_have_no_inline_code_and_fetch_nothing_from_elsewhere(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert markup_problems(response.text) == []
    for tag, attrs in Page(response.text).tags:  # what the page loads is served here
        wanted = (
            attrs.get("src") if tag == "script" else attrs.get("href") if tag == "link" else None
        )
        if wanted:
            assert client.get(wanted).status_code == 200, wanted


def test_the_stylesheet_fetches_nothing_from_elsewhere(client: TestClient) -> None:
    css = client.get("/static/style.css").text
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        # No Origin, or "Origin: null" (our pages send no referrer): the token decides.
        ({}, None),
        ({"origin": "null"}, "not-the-session-token"),
        ({"origin": "http://evil.example"}, "session"),
        ({"referer": "http://evil.example/cases"}, "session"),
        ({"origin": "http://127.0.0.1:8000.evil.example"}, "session"),
        ({"origin": ORIGIN}, None),
        ({"origin": ORIGIN}, ""),
        ({"origin": ORIGIN}, "not-the-session-token"),
    ],
)
def test_a_post_from_another_site_or_without_the_token_is_refused(
    home: Path, client: TestClient, headers: dict[str, str], token: str | None
) -> None:
    session = form_token(client)
    data = {"title": "Luz cortada", "company": "elektro"}
    if token is not None:
        data["token"] = session if token == "session" else token
    response = client.post("/cases", data=data, headers=headers, follow_redirects=False)
    assert response.status_code == 403
    assert saved_cases() == []


def test_a_post_from_the_page_itself_opens_the_case(home: Path, client: TestClient) -> None:
    assert client.cookies.get("escalate_token") is None
    session = form_token(client)
    assert client.cookies.get("escalate_token") == session
    response = post(
        client, "/cases", {"title": "Luz cortada", "company": "elektro", "token": session}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/cases/1"
    assert "Luz cortada" in Page(client.get("/cases/1").text).main
    assert form_token(client) == session  # one token for the session


def test_the_token_cookie_is_not_for_scripts_nor_other_sites(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


# --- the case journal ---------------------------------------------------------------------------


def test_a_case_opened_and_logged_on_the_web_is_the_command_lines(
    home: Path, client: TestClient
) -> None:
    token = form_token(client)
    opened = post(client, "/cases", {"title": "Luz cortada", "company": "elektro", "token": token})
    assert opened.status_code == 303
    contact = {
        "channel": "sac",
        "protocol": "123",
        "date": "24/11/2026",
        "outcome": "open",
        "token": token,
    }
    logged = post(client, "/cases/1/log", contact)
    assert logged.status_code == 303 and logged.headers["location"] == "/cases/1"

    shown = run("case", "show", "1", "--json")
    assert shown.exit_code == 0, shown.output
    case = json.loads(shown.stdout)["case"]
    assert case["company"] == "elektro" and case["title"] == "Luz cortada"
    (logged_contact,) = case["contacts"]
    assert logged_contact["channel"] == "sac"
    assert logged_contact["protocol"] == "123"
    assert logged_contact["date"] == "2026-11-24"
    assert logged_contact["outcome"] == "open"

    page = Page(client.get("/cases/1").text)
    assert "123" in page.main and "24/11/2026" in page.main
    assert "Aguarde a resposta até 01/12/2026" in page.main  # the SAC's 7 days, counted
    # The contact in the page's words, not the journal's ids.
    assert "24/11/2026 SAC 123 aguardando" in page.main


def test_case_documents_dossier_and_calendar(home: Path, client: TestClient) -> None:
    token = form_token(client)
    post(client, "/cases", {"title": "Luz cortada", "company": "elektro", "token": token})
    post(client, "/cases/1/log", {"channel": "sac", "date": "24/11/2026", "token": token})

    dossier = client.get("/cases/1/dossier")
    assert dossier.status_code == 200
    assert dossier.headers["content-type"].startswith("text/html")
    assert "Luz cortada" in Page(dossier.text).text
    assert "<script" not in dossier.text.lower()
    said = policy(dossier)
    assert "script-src" not in said and said["default-src"] == ["'none'"]
    assert said["frame-ancestors"] == ["'none'"]

    calendar = client.get("/cases/1/calendar.ics")
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert calendar.text.startswith("BEGIN:VCALENDAR")
    assert "END:VCALENDAR" in calendar.text


@pytest.mark.parametrize(
    ("path", "form", "said"),
    [
        ("/cases", {"title": "Luz", "company": "nope"}, "'nope'"),
        pytest.param(
            "/cases",
            {"title": "Luz", "company": "nope"},
            "não está no catálogo",
            id="unknown-company-in-portuguese",
        ),
        ("/cases", {"title": "", "company": "elektro"}, "Dê um título ao caso."),
        pytest.param(
            "/cases",
            {"title": "Luz", "company": "elektro", "problem": "nope"},
            "'nope'",
            id="unknown-problem",
        ),
        ("/cases", {"title": "Luz", "company": "neoenergia", "state": "AM"}, "'AM'"),
        pytest.param(
            "/cases",
            {"title": "Luz", "company": "neoenergia", "state": "AM"},
            "não tem atendimento cadastrado para o estado 'AM'",
            id="state-not-served-in-portuguese",
        ),
        ("/cases", {"title": "Luz", "company": "elektro", "state": "ZZ"}, "'ZZ'"),
        pytest.param(
            "/cases",
            {"title": "Luz", "company": "elektro", "state": "ZZ"},
            "não é uma sigla de estado: 'ZZ'",
            id="bad-state-in-portuguese",
        ),
        ("/cases/1/log", {"channel": "nope"}, "canal desconhecido: 'nope'"),
        ("/cases/1/log", {"channel": "sac", "outcome": "nope"}, "resultado desconhecido: 'nope'"),
        ("/cases/1/log", {"channel": "sac", "date": "99/99/2026"}, "data inválida: '99/99/2026'"),
        ("/cases/2/log", {"channel": "sac"}, "caso 2 não encontrado"),
    ],
)
def test_bad_form_input_gets_one_line_and_saves_nothing(
    home: Path, client: TestClient, path: str, form: dict[str, str], said: str
) -> None:
    token = form_token(client)
    if path.startswith("/cases/"):
        post(client, "/cases", {"title": "Luz cortada", "company": "elektro", "token": token})
    before = saved_cases()
    response = post(client, path, {**form, "token": token})
    assert 400 <= response.status_code < 500, response.text[:300]
    (line,) = alerts(response.text)
    assert said in line
    assert "Traceback" not in response.text
    assert saved_cases() == before


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/cases/99", "caso 99 não encontrado"),
        ("/cases/99/dossier", "caso 99 não encontrado"),
        ("/cases/99/calendar.ics", "caso 99 não encontrado"),
        ("/cases/99/letter/ouvidoria", "caso 99 não encontrado"),
        ("/cases/0", "caso 0 não encontrado"),
        ("/cases/abc", "caso abc não encontrado"),
        ("/cases/99999999999999999999999", "caso 99999999999999999... não encontrado"),
    ],
)
def test_an_unknown_case_is_a_404_with_its_number(
    home: Path, client: TestClient, path: str, said: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    (line,) = alerts(response.text)
    assert line.startswith(said)
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "title", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}"]
)
def test_a_case_title_is_shown_as_typed_never_as_markup(
    home: Path, client: TestClient, title: str
) -> None:
    token = form_token(client)
    assert (
        post(client, "/cases", {"title": title, "company": "elektro", "token": token}).status_code
        == 303
    )
    for path in ("/cases", "/cases/1"):
        html = client.get(path).text
        assert title in Page(html).main  # as typed: not run, not evaluated
        assert markup_problems(html) == []
        assert "<script>alert" not in html and "<img" not in html
    dossier = client.get("/cases/1/dossier").text
    assert title in Page(dossier).text
    assert "<script>alert" not in dossier and "<img" not in dossier


@pytest.mark.parametrize(
    "path",
    [
        "/lookup/<script>alert(1)</script>",
        "/advise?company=<script>alert(1)</script>&stage=sac-failed",
        "/advise?since=<script>alert(1)</script>&stage=sac-failed",
        "/checklist/procon?company=<script>alert(1)</script>",
        "/companies?state=<script>alert(1)</script>",
    ],
)
def test_what_is_asked_comes_back_as_text(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html
    assert markup_problems(html) == []


# --- a hosted server, or one open to the network, has no journal ---------------------------


@pytest.mark.parametrize(
    ("make", "env"),
    [
        ({"hosted": True}, None),
        ({"bound": "0.0.0.0"}, None),
        ({"bound": "192.168.0.10"}, None),
        ({}, "1"),
    ],
    ids=["hosted", "bound-0.0.0.0", "bound-lan", "ESCALATE_HOSTED=1"],
)
def test_no_journal_unless_local(
    home: Path, monkeypatch: pytest.MonkeyPatch, make: dict[str, Any], env: str | None
) -> None:
    if env is not None:
        monkeypatch.setenv("ESCALATE_HOSTED", env)
    with TestClient(create_app(**make), base_url=ORIGIN) as browser:
        listed = browser.get("/cases")
        assert listed.status_code == 404
        assert alerts(listed.text) == [t("pt", "web.journal_off")]
        browser.get("/")
        token = browser.cookies["escalate_token"]  # what any page gives: the form's is gone
        refused = post(browser, "/cases", {"title": "Luz", "company": "elektro", "token": token})
        assert refused.status_code in (403, 404)
        for path in ("/cases/1", "/cases/1/dossier", "/cases/1/calendar.ics"):
            assert browser.get(path).status_code == 404
        home_page = Page(browser.get("/").text)
        assert all(not href.startswith("/cases") for href in home_page.hrefs())
        assert browser.get("/lookup/elektro").status_code == 200
    assert saved_cases() == []


# --- the pages as files: escalate site build -----------------------------------------------


@pytest.fixture(scope="module", params=["pt", "en"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `escalate site build DIR --lang …` writes it (once per language)."""
    folder = tmp_path_factory.mktemp("site") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ESCALATE_HOME", str(tmp_path_factory.mktemp("site-home")))
        mp.setenv("ESCALATE_NOW", NOW)
        result = run("site", "build", str(folder), "--lang", request.param)
    assert result.exit_code == 0, result.output
    assert str(folder) in result.stdout
    return folder


def _site_pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "companies.html",
        "company/elektro.html",
        "company/aneel.html",
        "checklists.html",
        "checklist/procon.html",
        "ladder/energy.html",
        "ladder/telecom.html",
        "law.html",
        "static/style.css",
    ],
)
def test_site_writes_the_pages(site: Path, name: str) -> None:
    assert (site / name).is_file()


def test_site_links_are_relative_and_lead_to_pages_that_exist(site: Path) -> None:
    for page in _site_pages(site):
        for href in Page(page.read_text(encoding="utf-8")).hrefs():
            if href.startswith(("tel:", "sms:", "mailto:", "http://", "https://", "#")):
                continue
            assert not href.startswith("/"), (page, href)
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), (page.relative_to(site), href)
            assert target.is_relative_to(site.resolve())


def test_site_pages_have_no_open_now_and_no_script(site: Path) -> None:
    for page in _site_pages(site):
        html = page.read_text(encoding="utf-8")
        text = Page(html).text.lower()
        assert "aberto agora" not in text and "open now" not in text
        assert "fechado agora" not in text and "closed now" not in text
        assert "<script" not in html and markup_problems(html) == []


@pytest.mark.parametrize(
    "name",
    [
        "company/elektro.html",
        "company/neoenergia.html",
        "company/aneel.html",
        "companies.html",
        "checklist/procon.html",
        "ladder/energy.html",
        "law.html",
        "index.html",
    ],
)
def test_site_pages_have_no_form_that_needs_a_server(site: Path, name: str) -> None:
    assert "<form" not in (site / name).read_text(encoding="utf-8")


def test_site_company_page_keeps_its_phones_and_sms(site: Path) -> None:
    page = Page((site / "company" / "elektro.html").read_text(encoding="utf-8"))
    assert ("tel:08000124050", "0800 012 40 50") in page.links
    assert any(href == "sms:26530?body=LUZ" for href, _ in page.links)


# --- the command line -------------------------------------------------------------------------


def test_web_help() -> None:
    result = run("web", "--help")
    assert result.exit_code == 0
    for option in ("--host", "--port", "--open", "--hosted", "--lang"):
        assert option in result.stdout


@pytest.mark.parametrize(
    ("missing", "lang", "said"),
    [
        ("starlette", "en", "in escalate's folder, with the same Python: pip install '.[web]'"),
        ("uvicorn", "en", "pip install '.[web]'"),
        ("multipart", "pt", "na pasta do escalate, com o mesmo Python: pip install '.[web]'"),
    ],
)
def test_web_without_the_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, missing: str, lang: str, said: str
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == missing else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: pytest.fail("it served"))
    result = run("web", "--port", "0", "--lang", lang)
    assert result.exit_code == 1
    assert missing in result.stderr
    assert said in result.stderr
    assert "escalate[web]" not in result.stderr  # not on PyPI: never send people there
    assert "Traceback" not in result.output


def test_site_build_needs_no_web_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [m for m in sys.modules if m.startswith("starlette.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "starlette", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "escalate.web.app", raising=False)
    result = run("site", "build", str(tmp_path / "site"), "--lang", "pt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_date_field_takes_the_pickers_date_and_a_typed_one_alike(client: TestClient) -> None:
    """A phone's date picker sends 2026-11-24; a browser without one, what was typed."""
    picked = Page(client.get("/advise?company=elektro&stage=sac-open&since=2026-11-24").text)
    typed = Page(client.get("/advise?company=elektro&stage=sac-open&since=24/11/2026").text)
    assert "Aguarde a resposta até 01/12/2026" in picked.main
    assert picked.main == typed.main
    (field,) = [a for tag, a in typed.tags if tag == "input" and a.get("name") == "since"]
    assert (field["type"], field["value"], field["max"]) == ("date", "2026-11-24", "2026-11-25")


@pytest.mark.parametrize("path", ["/advise", "/checklist/procon", "/cases"])
def test_forms_offer_the_companies_states_and_problems_to_choose(
    home: Path, client: TestClient, path: str
) -> None:
    page = Page(client.get(path).text)
    selects = [a["name"] for tag, a in page.tags if tag == "select"]
    assert "state" in selects and "problem" in selects
    values = [a.get("value") for tag, a in page.tags if tag == "option"]
    assert "reconnection" in values and "hazard" not in values  # risk to life: its own box
    assert "elektro" in values  # the companies' names offered while typing


def test_the_heading_says_not_found_only_for_what_is_not_there(client: TestClient) -> None:
    missing = Page(client.get("/lookup/nope").text)
    refused = Page(client.get("/lookup/cemig?state=XX").text)
    assert missing.main.startswith("Não encontrado")
    assert refused.main.startswith("Não foi possível mostrar isto")


def test_an_error_line_links_the_command_it_names(client: TestClient) -> None:
    response = client.get("/advise?stage=start&company=anatel")
    assert response.status_code == 400
    (line,) = alerts(response.text)
    assert line.startswith("Anatel é um órgão público, não uma empresa")
    assert "escalate " not in line
    assert ("/lookup/anatel", "Anatel") in Page(response.text).links


def test_a_tailoring_that_cannot_be_keeps_the_list_and_the_form(client: TestClient) -> None:
    """ANEEL's checklist asked for Claro: the plain list stays, the line says why, the form
    keeps what was chosen so it can be changed."""
    response = client.get("/checklist/aneel?company=claro&state=SP")
    assert response.status_code == 400
    page = Page(response.text)
    (line,) = alerts(response.text)
    assert "Reclamação na ANEEL é para empresas de energia" in line
    assert "O que levar: Reclamação na ANEEL" in page.main
    (company,) = [a for tag, a in page.tags if tag == "input" and a.get("name") == "company"]
    assert company["value"] == "claro"
    assert ("#tailor", "Mude o que escolheu") in page.links


@pytest.mark.parametrize(
    ("path", "form", "status", "said"),
    [
        ("/cases", {"title": "Luz", "company": "nope"}, 400, "empresa desconhecida: 'nope'"),
        (
            "/cases",
            {"title": "Internet", "company": "claro", "problem": "meter-fraud"},
            400,
            "o problema 'meter-fraud' é para empresas de energia",
        ),
        ("/cases/1/log", {"channel": "zzz"}, 400, "canal desconhecido: 'zzz'"),
        ("/cases/9/log", {"channel": "sac"}, 404, "caso 9 não encontrado"),
    ],
)
def test_a_posted_form_with_a_bad_value_is_a_400_an_unknown_case_a_404(
    home: Path, client: TestClient, path: str, form: dict[str, str], status: int, said: str
) -> None:
    token = form_token(client)
    post(client, "/cases", {"title": "Luz cortada", "company": "elektro", "token": token})
    before = saved_cases()
    response = post(client, path, {**form, "token": token})
    assert response.status_code == status
    (line,) = alerts(response.text)
    assert said in line
    assert saved_cases() == before


@pytest.mark.parametrize(
    ("error", "posted", "status"),
    [
        ("unknown-case", False, 404),
        ("unknown-case", True, 404),
        ("unknown-name", False, 404),  # asked for in the address
        ("unknown-name", True, 400),  # typed in a form
        ("bad-state", False, 400),
        ("busy", True, 503),
        ("damaged", False, 500),
        ("data", False, 500),
    ],
)
def test_each_error_gets_its_status(error: str, posted: bool, status: int) -> None:
    from escalate.advice.lookup import BadState
    from escalate.cases import journal
    from escalate.errors import DataError, UnknownName
    from escalate.web.pages import said

    made = {
        "unknown-case": lambda: journal.no_case(3),
        "unknown-name": lambda: UnknownName("x", name="x", suggestions=[]),
        "bad-state": lambda: BadState("ZZ"),
        "busy": lambda: journal.JournalBusy("busy"),
        "damaged": lambda: journal.JournalDamaged("damaged"),
        "data": lambda: DataError("companies/x.yaml", "bad"),
    }
    line, got = said(made[error](), "pt", posted=posted)
    assert got == status and line
