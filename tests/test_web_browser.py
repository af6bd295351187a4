"""The web front in a real browser: what a person sees and does, at a phone's width.

The real server (`escalate web --port 0`) runs once per session (once per xdist worker) in a
home of its own, with the test clock; Chromium's headless shell, driven by playwright's sync
API, opens it in a new context per test: Brazilian Portuguese, São Paulo's time, 360 × 800
unless a test says otherwise. The journeys go by what is on the screen (labels, button and link
texts), not by the URLs behind them: from the home page to a company, to the advice for it, to
the checklist to print; a case logged by form and read back by `escalate case show`; the same
pages checked by axe-core, at 320 px, with JavaScript off, and with every request recorded (none
leaves the machine). The static export (`escalate site build`) is opened from disk.

Like tests/test_print.py, the tests are marked ``browser``: they skip when chromium-headless-shell
(or playwright) is missing, and fail instead when ESCALATE_REQUIRE_BROWSER=1 (CI).

Screenshots for the docs (docs/screenshots/NAME-WIDTH.png), not run in CI:
    ESCALATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/test_web_browser.py -k screenshot -n 0

Known limit: while playwright's sync API is running, the main thread of that xdist worker has a
running asyncio loop, so a later test in the same worker that calls asyncio.run() in the main
thread would fail ("cannot be called from a running event loop"). Starlette's TestClient runs
its loop in a thread of its own and is not affected.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from conftest import NOW, ROOT, subprocess_env, warm
from test_print import REQUIRE, find_browser

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the tests skip (or fail, when required) in the browser fixture
    expect = sync_playwright = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "docs" / "screenshots"
STARTUP_TIMEOUT = 60.0  # seconds for the server to print its address (about 1 s here)
TIMEOUT_MS = 20_000  # for one browser action (an expectation keeps playwright's 5 s)
URL_LINE = re.compile(r"^http://127\.0\.0\.1:\d+/$")

# What a person reads on the pages, in Portuguese.
COMPANY_FIELD = "Empresa"
SEE_CHANNELS = "Ver os canais"
WHAT_NOW = "O que eu faço agora?"
STAGE_FIELD = "Em que etapa você está?"
SHOW_ADVICE = "Mostrar o que fazer"
OUVIDORIA_PHONE = "0800 012 40 50"  # Elektro's ouvidoria
OUVIDORIA_TEL = "tel:08000124050"
ELEKTRO = "Neoenergia Elektro"


def escalate_command() -> str:
    """The console script next to the running Python (the virtual environment's bin)."""
    found = shutil.which("escalate", path=str(Path(sys.executable).parent))
    assert found, f"no escalate script next to {sys.executable}: pip install -e '.[test]'"
    return found


# --- the server ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT/
    home: Path  # its ESCALATE_HOME
    env: dict[str, str]  # its environment, for other commands on the same home

    def run(self, *args: str) -> str:
        """An escalate command on the server's home; its standard output."""
        done = subprocess.run(
            [escalate_command(), *args],
            env=self.env,
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    """Each line the server prints, then None at the end of its output."""
    for line in stream:
        lines.put(line)
    lines.put(None)


def _address(lines: queue.Queue[str | None], log: Path) -> str:
    """The first line that is the server's address, waited for (no sleep) up to the timeout."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    said: list[str] = []
    while True:
        left = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(left, 0.0))
        except queue.Empty:
            pytest.fail(f"no address from escalate web in {STARTUP_TIMEOUT:.0f} s: {said}")
        if line is None:
            errors = log.read_text("utf-8", errors="replace")[-2000:]
            pytest.fail(f"escalate web ended before printing its address: {said} {errors}")
        said.append(line)
        if URL_LINE.match(line.strip()):
            return line.strip()


@pytest.fixture(scope="session")
def browser_path() -> str:
    return find_browser()


@pytest.fixture(scope="session")
def server(
    browser_path: str,  # first: no server is started when the tests skip
    tmp_path_factory: pytest.TempPathFactory,
    shipped_cache: bytes | None,
) -> Iterator[Server]:
    """`escalate web --port 0` in a home of its own (the catalogue cache already there, as after
    a first run), on the test clock; stopped at the end of the session."""
    home = tmp_path_factory.mktemp("web-home")
    warm(home, shipped_cache)
    log = tmp_path_factory.mktemp("web-log") / "stderr.txt"
    env = subprocess_env(ESCALATE_HOME=str(home), ESCALATE_NOW=NOW, PYTHONUNBUFFERED="1")
    with log.open("w", encoding="utf-8") as err:
        process = subprocess.Popen(
            [escalate_command(), "web", "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            encoding="utf-8",
            env=env,
        )
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True)
    reader.start()
    try:
        yield Server(_address(lines, log), home, env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=15)
        process.stdout.close()


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium(browser_path: str) -> Iterator[Browser]:
    """Debian's headless shell, driven by playwright (its own browser download is not used)."""
    if sync_playwright is None:
        reason = "the browser tests need playwright (pip install -e '.[test]')"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{reason}, and {REQUIRE}=1 requires them", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


NewPage = Callable[..., "Page"]


@pytest.fixture
def new_page(chromium: Browser) -> Iterator[NewPage]:
    """A page in a new context: pt-BR, São Paulo, 360 × 800, unless the options say otherwise.
    The contexts are closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        settings: dict[str, Any] = {
            "locale": "pt-BR",
            "timezone_id": "America/Sao_Paulo",
            "viewport": {"width": 360, "height": 800},
        }
        settings.update(options)
        context = chromium.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


# --- the journeys ----------------------------------------------------------------------------


def to_advice(page: Page, url: str) -> Locator:
    """From the home page to Elektro's page, then to the advice for "the SAC did not solve it";
    the answer, checked: the ouvidoria's number first (a tel: link), ANEEL's 167 after it."""
    page.goto(url)
    page.get_by_label(COMPANY_FIELD, exact=True).fill("elektro")
    page.get_by_role("button", name=SEE_CHANNELS).click()
    expect(page).to_have_url(f"{url}lookup/elektro")
    expect(page.get_by_role("heading", level=1)).to_have_text(ELEKTRO)

    page.get_by_role("link", name=WHAT_NOW).click()
    stages = page.get_by_role("group", name=STAGE_FIELD)
    chosen = stages.get_by_label("SAC não resolveu")
    expect(chosen).to_have_count(1)
    assert chosen.get_attribute("value") == "sac-failed"
    chosen.check()
    page.get_by_role("button", name=SHOW_ADVICE).click()

    answer = page.get_by_role("region", name="A resposta")
    expect(answer).to_be_visible()
    text = answer.inner_text()
    aneel = re.search(r"(?<!\d)167(?!\d)", text)
    assert OUVIDORIA_PHONE in text and aneel, text
    assert text.index(OUVIDORIA_PHONE) < aneel.start(), text
    call = answer.get_by_role("link", name=OUVIDORIA_PHONE)
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", OUVIDORIA_TEL)
    expect(answer.get_by_role("link", name="167", exact=True)).to_have_attribute("href", "tel:167")
    return answer


def to_checklist(page: Page, answer: Locator) -> None:
    """From the answer to the ouvidoria's checklist; printed, the menu is not on the paper."""
    answer.get_by_role("link", name="Ouvidoria da empresa").click()
    expect(page).to_have_url(re.compile(r"/checklist/ouvidoria$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("O que levar")
    listed = page.locator("article")
    expect(listed).to_contain_text("Ouvidoria")
    nav = page.locator("header nav")
    expect(nav).to_be_visible()
    page.emulate_media(media="print")
    expect(nav).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(listed).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_from_the_home_page_to_the_advice_and_the_checklist(
    javascript: bool, server: Server, new_page: NewPage
) -> None:
    page = new_page(java_script_enabled=javascript)
    to_checklist(page, to_advice(page, server.url))


def test_a_case_logged_in_the_browser_is_in_the_journal(server: Server, new_page: NewPage) -> None:
    page = new_page()
    page.goto(f"{server.url}cases")
    page.get_by_label("Um título curto para o caso").fill("Conta de luz dobrou em outubro")
    page.get_by_label(COMPANY_FIELD, exact=True).fill("elektro")
    with page.expect_navigation():
        page.get_by_role("button", name="Abrir o caso").click()
    opened = re.search(r"/cases/(\d+)$", page.url)
    assert opened, (page.url, page.locator("body").inner_text()[:200])
    case_id = opened[1]
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conta de luz dobrou em outubro")

    page.get_by_label("Canal").select_option("sac")
    page.get_by_label("Número de protocolo").fill("4567")
    page.get_by_label("Data", exact=True).fill("2026-11-20")  # a date field: the picker's form
    page.get_by_role("button", name="Salvar o contato").click()
    expect(page).to_have_url(re.compile(rf"/cases/{case_id}$"))
    row = page.get_by_role("row").filter(has_text="4567")
    expect(row).to_contain_text("20/11/2026")

    case = json.loads(server.run("case", "show", case_id, "--json"))["case"]
    assert case["title"] == "Conta de luz dobrou em outubro"
    assert case["company"] == "elektro"
    contacts = [(c["channel"], c["protocol"], c["date"]) for c in case["contacts"]]
    assert contacts == [("sac", "4567", "2026-11-20")]


def test_the_contact_form_speaks_portuguese(server: Server, new_page: NewPage) -> None:
    case_id = json.loads(
        server.run("case", "new", "--company", "elektro", "--title", "Sem luz", "--json")
    )["case"]["id"]
    page = new_page()
    page.goto(f"{server.url}cases/{case_id}")
    outcomes = page.get_by_label("Resultado").locator("option").all_inner_texts()
    assert outcomes == ["aguardando", "resolvido", "não resolvido", "sem resposta"]


def test_the_page_speaks_the_browsers_language(server: Server, new_page: NewPage) -> None:
    page = new_page()
    page.goto(server.url)
    expect(page.locator("html")).to_have_attribute("lang", "pt-BR")
    expect(page.get_by_role("navigation").get_by_role("link", name="Empresas")).to_be_visible()

    page = new_page(locale="en-US")
    page.goto(server.url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Problem with your electricity or telecom company?"
    )
    expect(page.get_by_role("navigation").get_by_role("link", name="Companies")).to_be_visible()


# --- accessibility, privacy, small screens ----------------------------------------------------

PAGES = {  # checked by axe, and in the screenshots
    "home": "",
    "company": "lookup/elektro",
    "advice": "advise?company=elektro&stage=sac-failed",
    "checklist": "checklist/procon",
    "cases": "cases",
}


def axe_problems(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element. The
    script is evaluated by the browser's debugging protocol, which the page's CSP does not
    govern (a <script> added to the page would be refused)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        f"{v['id']} ({v['impact']}: {v['help']}) at {' '.join(n['target'])}: "
        f"{n.get('failureSummary', '')}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


def test_the_pages_have_no_serious_accessibility_problems(
    server: Server, new_page: NewPage
) -> None:
    page = new_page()
    found: dict[str, list[str]] = {}
    for name, path in PAGES.items():
        page.goto(server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        problems = axe_problems(page)
        if problems:
            found[name] = problems
    assert found == {}, "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)


def test_no_request_leaves_the_machine(server: Server, new_page: NewPage) -> None:
    page = new_page()
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))
    to_checklist(page, to_advice(page, server.url))
    page.goto(f"{server.url}cases")
    assert any(url.endswith("/static/style.css") for url in asked), asked  # recorded
    elsewhere = [url for url in asked if urlsplit(url).hostname != "127.0.0.1"]
    assert elsewhere == []


@pytest.mark.parametrize("path", ["", "lookup/elektro", "advise?company=elektro&stage=sac-failed"])
def test_readable_at_320_px_without_scrolling_sideways(
    path: str, server: Server, new_page: NewPage
) -> None:
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 320, f"{path or 'home'}: {width} px wide at 320 px"


def test_the_pages_log_no_errors(server: Server, new_page: NewPage) -> None:
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in PAGES.values():
        page.goto(server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert errors == []


# --- the static export -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`escalate site build` in Portuguese, to a folder; its index.html."""
    folder = tmp_path_factory.mktemp("site")
    server.run("site", "build", str(folder), "--lang", "pt")
    return folder / "index.html"


def test_the_static_export_opens_from_disk(site: Path, new_page: NewPage) -> None:
    page = new_page()
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))
    page.goto(site.as_uri())
    menu = page.get_by_role("navigation")
    expect(page.locator(".brand a")).to_have_css("text-decoration-line", "none")  # styled

    menu.get_by_role("link", name="Empresas").click()
    expect(page).to_have_url(re.compile(r"/companies\.html$"))
    page.get_by_role("link", name=ELEKTRO).click()
    expect(page).to_have_url(re.compile(r"/company/elektro\.html$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ELEKTRO)
    expect(page.get_by_role("link", name=OUVIDORIA_PHONE).first).to_be_visible()
    expect(page.locator(".brand a")).to_have_css("text-decoration-line", "none")

    menu.get_by_role("link", name="O que levar").click()
    expect(page).to_have_url(re.compile(r"/checklists\.html$"))
    page.get_by_role("link", name="Reclamação no Procon").click()
    expect(page).to_have_url(re.compile(r"/checklist/procon\.html$"))
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "O que levar: Reclamação no Procon"
    )
    assert [url for url in asked if not url.startswith("file://")] == []


def test_the_static_home_page_finds_a_company_without_a_server(
    site: Path, new_page: NewPage
) -> None:
    """From disk there is no server to search with: the home page lists the companies and,
    for "não sei", the steps of each sector, all as plain links."""
    page = new_page()
    page.goto(site.as_uri())
    expect(page.locator("main form")).to_have_count(0)
    page.get_by_role("link", name=ELEKTRO).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ELEKTRO)
    page.go_back()
    page.get_by_role("link", name="telecomunicações").click()
    expect(page).to_have_url(re.compile(r"/ladder/telecom\.html$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


# --- screenshots for the docs (ESCALATE_SCREENSHOTS=1) ----------------------------------------


@pytest.mark.skipif(
    os.environ.get("ESCALATE_SCREENSHOTS") != "1",
    reason="writes docs/screenshots/: run with ESCALATE_SCREENSHOTS=1 -k screenshot -n 0",
)
def test_screenshots(server: Server, new_page: NewPage) -> None:
    cases = json.loads(server.run("case", "list", "--json"))
    if not cases.get("cases"):
        server.run("case", "new", "--company", "elektro", "--title", "Conta de luz dobrou")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page = new_page(viewport={"width": width, "height": 800})
        for name, path in PAGES.items():
            page.goto(server.url + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
