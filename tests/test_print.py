"""The HTML dossier on paper.

The page is checked twice: as HTML (Python's parser: every element closed in order, one title
heading, Portuguese, no script, nothing fetched from the network, the style inline), and as a
printed PDF from a real browser, Chromium's headless shell: A4, one page for a short case
(told in full too), several for a long one, no heading left at the foot of a page, no table row
or list item split between two pages, the signature block (place and date, the line to sign,
the name) whole on one page.

The cases are made the way a person makes them, through `escalate case new / log / export`, so
the page holds whatever the dossier says today. The browser tests are marked ``browser``: they
skip when chromium-headless-shell is not installed, and fail instead when
ESCALATE_REQUIRE_BROWSER=1 (as in CI, which installs it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from escalate.cli.main import app

runner = CliRunner()

BROWSER = Path("/usr/bin/chromium-headless-shell")  # Debian's package chromium-headless-shell
REQUIRE = "ESCALATE_REQUIRE_BROWSER"
# Nothing to the network, no first-run work, no GPU; as root (CI) the sandbox cannot start.
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)
BROWSER_TIMEOUT = 120  # seconds for one page (about 0.4 s here)
A4 = (595.0, 842.0)  # points (210 × 297 mm)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result.stdout


def new_case(*options: str) -> int:
    return int(json.loads(run("case", "new", *options, "--json"))["case"]["id"])


IN_FULL = (  # everything a person may add to a case
    "--cpf",
    "123.456.789-09",
    "--account",
    "0012345678",
    "--event-date",
    "2026-10-28",
    "--want",
    "refund-double",
    "--story",
    "A conta de outubro veio com R$ 612,40, o dobro da média dos últimos doze meses"
    " (R$ 298,00), sem mudança no consumo da casa. A conta diz 'leitura estimada': o medidor"
    " não foi lido. Paguei para não ter o fornecimento cortado.",
)


def short_case(*details: str) -> int:
    """A billing case at Elektro: two SAC contacts with protocols and notes, the first unanswered
    past its deadline, the second refused, so the next step (the ouvidoria) comes with its
    channels and checklist."""
    case = new_case(
        "--company",
        "elektro",
        "--problem",
        "billing",
        "--title",
        "Conta de luz dobrou em outubro",
        *details,
    )
    log(
        case,
        "sac",
        "2026110212345",
        "2026-11-02",
        "no-answer",
        "A atendente disse que a leitura seria refeita e que retornariam em até 5 dias úteis;"
        " ninguém ligou.",
    )
    log(
        case,
        "sac",
        "2026111098765",
        "2026-11-10",
        "failed",
        "Pedi a revisão da fatura e a devolução em dobro; recusaram sem vistoria do medidor.",
    )
    return case


def told_case() -> int:
    """The short case with everything a person may add: CPF, account, date, the remedy wanted
    and a story of three sentences."""
    return short_case(*IN_FULL)


def waiting_case() -> int:
    """A telecom case still waiting on the SAC: two contacts, the second one open."""
    case = new_case(
        "--company",
        "claro",
        "--state",
        "SP",
        "--problem",
        "service-quality",
        "--title",
        "Internet caindo todo dia",
        "--story",
        "Desde 3 de novembro a internet cai várias vezes por dia, à noite sobretudo; o técnico"
        " não veio na visita marcada.",
    )
    log(case, "sac", "887766554433", "2026-11-04", "failed", "Reiniciaram o modem remotamente.")
    log(case, "sac", "887766559999", "2026-11-21", "open", "Prometeram uma visita técnica.")
    return case


def long_case(contacts: int = 25) -> int:
    """A year of contacts: SAC, ouvidoria and ANEEL in turn, most unanswered or refused."""
    case = new_case(
        "--company",
        "elektro",
        "--problem",
        "billing",
        "--title",
        "Cobranças indevidas desde janeiro",
        "--story",
        "Todo mês a conta vem com leitura estimada e valores acima do consumo real.",
    )
    channels = ("sac", "sac", "ouvidoria", "sac", "aneel")
    outcomes = ("no-answer", "failed", "no-answer", "failed", "open")
    first = dt.date(2026, 1, 5)
    for n in range(contacts):
        log(
            case,
            channels[n % len(channels)],
            str(2026000000 + 7919 * n),
            (first + dt.timedelta(days=12 * n)).isoformat(),
            outcomes[n % len(outcomes)],
            f"Contato {n + 1}: pedi de novo a revisão da fatura e a devolução em dobro.",
        )
    return case


def log(case: int, channel: str, protocol: str, date: str, outcome: str, note: str) -> None:
    run(
        "case",
        "log",
        str(case),
        "--channel",
        channel,
        "--protocol",
        protocol,
        "--date",
        date,
        "--outcome",
        outcome,
        "--note",
        note,
    )


def export_html(case: int, target: Path) -> Path:
    run("case", "export", str(case), "--format", "html", "-o", str(target))
    return target


CASES: dict[str, Callable[[], int]] = {
    "short": short_case,
    "waiting": waiting_case,
    "told": told_case,
    "long": long_case,
}


# --- the HTML ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "data", "poster", "xlink:href"}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # a scheme, or //host


class Page(HTMLParser):
    """What the checks need from a page; a tag closed out of order is an error at once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.count: dict[str, int] = {}
        self.doctype = ""
        self.lang: str | None = None
        self.charset: str | None = None
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []  # the text of each <style>
        self.style_parents: list[str] = []  # the element each <style> stood in

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count[tag] = self.count.get(tag, 0) + 1
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "meta" and "charset" in values:
            self.charset = values["charset"]
        if tag == "style":
            self.style_parents.append(self.open[-1] if self.open else "")
            self.styles.append("")
        self.urls += [v or "" for k, v in attrs if k in URL_ATTRIBUTES]
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"<{tag}/> is not a void element")
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"</{tag}>: a void element has no end tag")
        elif not self.open:
            self.errors.append(f"</{tag}> closes nothing")
        elif self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1]}> (open: {self.open})")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "style":
            self.styles[-1] += data


def check_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    assert page.errors == []
    assert page.open == [], "elements left open"
    assert page.doctype.lower() == "doctype html"
    assert page.lang == "pt-BR"
    assert (page.charset or "").lower() == "utf-8"
    assert page.count.get("h1") == 1
    assert page.count.get("title") == 1
    # Nothing runs and nothing is fetched: no script, no handler, no URL with a scheme or a host.
    assert "script" not in page.count and page.handlers == []
    assert "link" not in page.count and "iframe" not in page.count
    assert [url for url in page.urls if EXTERNAL.match(url)] == []
    # The style is in the page, in its head, and fetches nothing either.
    assert page.count.get("style") == 1 and page.style_parents == ["head"]
    css = page.styles[0]
    assert "@page" in css and "A4" in css
    assert "url(" not in css and "@import" not in css
    return page


@pytest.mark.parametrize("kind", CASES)
def test_the_dossier_is_valid_self_contained_html(kind: str, tmp_path: Path) -> None:
    page = check_page(export_html(CASES[kind](), tmp_path / "dossie.html").read_text("utf-8"))
    assert page.count.get("table", 0) >= 1
    assert page.count.get("blockquote", 0) == 0  # no draft complaint: the letters hold it
    assert page.count.get("div", 0) == 1  # the signature block, last


def test_the_html_checks_catch_what_they_look_for() -> None:
    with pytest.raises(AssertionError):
        check_page("<!DOCTYPE html><html lang='pt-BR'><body><p><b>x</p></b></body></html>")
    good = (
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>t</title>'
        "<style>@page { size: A4; }</style></head><body><h1>t</h1>{}</body></html>"
    )
    check_page(good.replace("{}", '<a href="#prazos">prazos</a><br>'))
    for bad in (
        '<img src="https://example.com/x.png">',
        '<a href="//example.com/">x</a>',
        "<script>alert(1)</script>",
        '<p onclick="x()">x</p>',
        "<h1>two</h1>",
    ):
        with pytest.raises(AssertionError):
            check_page(good.replace("{}", bad))


# --- the browser ---------------------------------------------------------------------------


def find_browser(environ: Mapping[str, str] = os.environ) -> str:
    """The headless shell, or a skip saying how to get it; with ESCALATE_REQUIRE_BROWSER=1 a
    failure instead."""
    if BROWSER.is_file() and os.access(BROWSER, os.X_OK):
        return str(BROWSER)
    found = shutil.which("chromium-headless-shell")
    if found:
        return found
    reason = (
        f"the browser tests need Chromium's headless shell ({BROWSER} or chromium-headless-shell"
        " on PATH; Debian: apt-get install chromium-headless-shell)"
    )
    if environ.get(REQUIRE) == "1":
        pytest.fail(f"{reason}, and {REQUIRE}=1 requires them", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> str:
    return find_browser()


def test_without_the_browser_the_tests_skip_unless_it_is_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium-headless-shell"):
        find_browser({})
    with pytest.raises(pytest.skip.Exception):
        find_browser({REQUIRE: "0"})
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE}=1"):
        find_browser({REQUIRE: "1"})


def print_to_pdf(browser: str, page: Path) -> bytes:
    """The page printed by the browser to A4 PDF, as a person would print it (no header or
    footer); the browser's profile, cache and home are in a folder of their own."""
    work = page.parent / f"{page.stem}-browser"
    work.mkdir()
    out = work / f"{page.stem}.pdf"
    env = dict(os.environ, HOME=str(work), XDG_CONFIG_HOME=str(work), XDG_CACHE_HOME=str(work))
    command = [
        browser,
        *BROWSER_FLAGS,
        f"--user-data-dir={work / 'profile'}",
        f"--print-to-pdf={out}",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=BROWSER_TIMEOUT,
        env=env,
        check=False,
    )
    assert done.returncode == 0 and out.is_file(), done.stderr[-2000:]
    return out.read_bytes()


# --- reading the PDF -----------------------------------------------------------------------
# Chromium (Skia) writes a classic cross-reference table and plain dictionaries; only content
# and font streams are compressed. Its PDF is tagged: the structure tree (H1, H2, Table, TR, L,
# LI, P …) says on which page each piece of each element was drawn. A <div> is not in it: the
# signature block (<div class="signature">) is the document's last paragraphs.

PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page, not the /Pages tree
REF = re.compile(r"(\d+)\s+\d+\s+R")
NUMBER = r"(-?\d+(?:\.\d+)?)"
MEDIA_BOX = re.compile(rf"/MediaBox\s*\[\s*{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s*\]")


def pdf_objects(data: bytes) -> dict[int, str]:
    """Each object's dictionary (a stream's without its data), by object number."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    table = re.compile(rb"xref\s+").match(data, start)
    assert table is not None, "no cross-reference table (a cross-reference stream?)"
    objects: dict[int, str] = {}
    at = table.end()
    while section := re.compile(rb"(\d+)\s+(\d+)[ \t]*\r?\n").match(data, at):
        first, count = int(section[1]), int(section[2])
        at = section.end()
        for n in range(first, first + count):
            offset, _, kind = data[at : at + 20].split()[:3]
            at += 20
            if kind == b"n":
                body = data[int(offset) : data.index(b"endobj", int(offset))]
                objects[n] = body.split(b"stream", 1)[0].decode("latin-1")
    return objects


def value_at(dictionary: str, key: str) -> tuple[str, int, int] | None:
    """The text of a key's value (an array, a dictionary, a reference, a name or a number), and
    where the key and value stand in the dictionary."""
    found = re.search(rf"/{key}(?![A-Za-z])\s*", dictionary)
    if found is None:
        return None
    rest = dictionary[found.end() :]
    closing = {"[": "]", "<": ">>"}.get(rest[:1])
    if closing:  # arrays and dictionaries here do not nest
        text = rest[: rest.index(closing) + len(closing)]
    else:
        token = re.match(r"\d+\s+\d+\s+R|/?[\w.+-]+", rest)
        text = token[0] if token else ""
    return text, found.start(), found.end() + len(text)


def value(dictionary: str, key: str) -> str | None:
    found = value_at(dictionary, key)
    return found[0] if found else None


@dataclass
class Element:
    role: str
    number: int
    kids: list[Element | int] = field(default_factory=list)  # an int: a piece drawn on page n

    def pages(self) -> Iterator[int]:
        for kid in self.kids:
            if isinstance(kid, int):
                yield kid
            else:
                yield from kid.pages()

    def walk(self) -> Iterator[Element]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()


def ref(text: str | None) -> int:
    """The object number of a reference ("12 0 R")."""
    found = REF.search(text or "")
    assert found is not None, f"not a reference: {text!r}"
    return int(found[1])


@dataclass
class Pdf:
    pages: int  # the /Type /Page objects in the file
    page_order: list[int]  # object number of each page in the page tree, first page first
    media_boxes: list[tuple[float, ...]]  # each page's, inherited from the tree when not its own
    structure: Element | None

    @classmethod
    def read(cls, data: bytes) -> Pdf:
        objects = pdf_objects(data)
        catalog = objects[ref(value(data[data.rindex(b"trailer") :].decode("latin-1"), "Root"))]
        order: list[int] = []
        boxes: list[tuple[float, ...]] = []

        def tree(number: int, box: tuple[float, ...] | None) -> None:
            node = objects[number]
            own = MEDIA_BOX.search(node)
            box = tuple(float(x) for x in own.groups()) if own else box
            if PAGE.search(node.encode("latin-1")):
                assert box is not None, f"page object {number} has no MediaBox"
                order.append(number)
                boxes.append(box)
            for kid in REF.finditer(value(node, "Kids") or ""):
                tree(int(kid[1]), box)

        tree(ref(value(catalog, "Pages")), None)
        index = {number: n for n, number in enumerate(order, start=1)}

        def element(number: int, page: int | None = None) -> Element:
            node = objects[number]
            kids, start, end = value_at(node, "K") or ("", 0, 0)
            own = value(node[:start] + node[end:], "Pg")  # not a /Pg inside /K
            page = index[ref(own)] if own else page
            found = Element((value(node, "S") or "?").lstrip("/"), number)
            for kid in re.finditer(r"<<(.*?)>>|(\d+)\s+\d+\s+R|(\d+)", kids, re.DOTALL):
                if kid[1] is not None:  # a marked-content reference, maybe on another page
                    drawn = value(kid[1], "Pg")
                    assert drawn or page, f"object {number}: content with no page"
                    found.kids.append(index[ref(drawn)] if drawn else page)  # type: ignore[arg-type]
                elif kid[2] is not None:
                    if "/OBJR" not in objects[int(kid[2])]:  # not an annotation's reference
                        found.kids.append(element(int(kid[2]), page))
                else:  # a marked-content id, on this element's page
                    assert page is not None, f"object {number}: content with no page"
                    found.kids.append(page)
            return found

        root = value(catalog, "StructTreeRoot")
        structure = element(ref(root)) if root else None
        return cls(len(PAGE.findall(data)), order, boxes, structure)

    def breaks(self, *, signature: int = 0) -> list[str]:
        """Where the page breaks fall badly: a heading whose next piece of content is on the
        next page, or a heading, table row or list item drawn on two; or the signature block,
        the last ``signature`` paragraphs of the document, not all on one page. A table's header
        row, repeated on each page on purpose, may be on several."""
        assert self.structure is not None, "the PDF is not tagged"
        pieces: list[int] = []  # the page of each piece drawn, in reading order
        ends: dict[int, int] = {}  # id(element) → the index in pieces after its last piece

        def visit(node: Element) -> None:
            for kid in node.kids:
                if isinstance(kid, int):
                    pieces.append(kid)
                else:
                    visit(kid)
            ends[id(node)] = len(pieces)

        visit(self.structure)
        problems: list[str] = []
        seen: dict[str, int] = {}

        def check(node: Element, parent: Element | None) -> None:
            seen[node.role] = seen.get(node.role, 0) + 1
            name = f"{node.role} no. {seen[node.role]}"
            pages = sorted(set(node.pages()))
            heading = re.fullmatch(r"H[1-6]?", node.role) is not None
            cells = {kid.role for kid in node.kids if isinstance(kid, Element)}
            whole = heading or node.role == "LI" or (node.role == "TR" and cells != {"TH"})
            if whole and len(pages) > 1:
                problems.append(f"{name} is split over pages {pages}")
            after = ends[id(node)]
            if heading and pages and after < len(pieces) and pieces[after] != pages[-1]:
                problems.append(
                    f"{name} ends page {pages[-1]}, what follows starts page {pieces[after]}"
                )
            for kid in node.kids:
                if isinstance(kid, Element):
                    check(kid, node)

        check(self.structure, None)
        if signature:
            last = [node for node in self.structure.walk() if node.role == "P"][-signature:]
            assert len(last) == signature, f"fewer than {signature} paragraphs"
            pages = sorted({n for node in last for n in node.pages()})
            if len(pages) > 1:
                problems.append(f"the signature block is split over pages {pages}")
        return problems


def assert_a4(pdf: Pdf) -> None:
    assert len(pdf.media_boxes) == pdf.pages >= 1
    for x0, y0, x1, y1 in pdf.media_boxes:
        assert (x0, y0) == (0, 0)
        assert abs(x1 - A4[0]) <= 1 and abs(y1 - A4[1]) <= 1, (x1, y1)


# --- printed -------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["short", "waiting", "told"])
def test_a_short_case_prints_on_one_a4_page(kind: str, browser: str, tmp_path: Path) -> None:
    page = export_html(CASES[kind](), tmp_path / "dossie.html")
    pdf = Pdf.read(print_to_pdf(browser, page))
    assert pdf.pages == 1 == len(pdf.page_order)
    assert_a4(pdf)
    assert pdf.breaks(signature=3) == []


@pytest.mark.browser
def test_a_long_case_prints_on_several_a4_pages_broken_cleanly(
    browser: str, tmp_path: Path
) -> None:
    page = export_html(long_case(25), tmp_path / "dossie.html")
    pdf = Pdf.read(print_to_pdf(browser, page))
    assert 1 < pdf.pages <= 12, pdf.pages  # more than one page, and no page per block
    assert pdf.pages == len(pdf.page_order)
    assert_a4(pdf)
    assert pdf.structure is not None
    roles = [node.role for node in pdf.structure.walk()]
    assert roles.count("TR") >= 26  # the whole timeline
    assert "BlockQuote" not in roles  # no draft complaint
    assert pdf.breaks(signature=3) == []


@pytest.mark.browser
def test_the_page_break_checks_see_bad_breaks(browser: str, tmp_path: Path) -> None:
    """The checks above, shown a page that breaks badly on purpose: a heading pushed to the foot
    of page 1, a table row longer than a page and a signature block cut after its date."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>t</title>'
        "<style>@page { size: A4; margin: 12mm; }</style></head><body><h1>t</h1>"
        '<h2 style="break-after: page">Sozinho</h2><p>texto</p>'
        '<table><thead><tr><th scope="col">Data</th><th scope="col">Nota</th></tr></thead>'
        "<tbody><tr><td>01/01/2026</td><td>" + "linha<br>" * 150 + "</td></tr></tbody>"
        "</table>"
        '<div class="signature"><p style="break-after: page">[CIDADE], 25/11/2026</p>'
        "<p>Assinatura: ____</p><p>[NOME]</p></div></body></html>",
        encoding="utf-8",
    )
    pdf = Pdf.read(print_to_pdf(browser, page))
    assert pdf.pages >= 4
    problems = pdf.breaks(signature=3)
    assert any(p.startswith("H2 no. 1 ends page 1") for p in problems), problems
    assert any(p.startswith("TR no. 2 is split") for p in problems), problems
    assert not any(p.startswith("TR no. 1 ") for p in problems), problems  # the header row
    assert any(p.startswith("the signature block is split over pages") for p in problems)
    assert not any("signature" in p for p in pdf.breaks(signature=2)), problems  # after the cut
