"""`escalate web` (a local web server) and `escalate site build` (the pages as files).

Both need the `web` extra: pip install 'escalate[web]'. Without it they say so in one line.
"""

import sys
from pathlib import Path

import typer

from escalate.cli.common import LANG_HELP, Group, Lang, _lang, described
from escalate.errors import EscalateError, UsageError
from escalate.i18n import _


def _need_web(language: str) -> None:
    """One line saying how to get the web extra, when it is missing."""
    import importlib.util

    from escalate.i18n import t

    missing = [m for m in ("starlette", "uvicorn", "multipart") if not importlib.util.find_spec(m)]
    if missing:
        raise EscalateError(
            t(language, "err.web_extra", modules=", ".join(missing)),
            hint=t(language, "err.web_extra.hint"),
        )


def web(
    host: str = typer.Option("127.0.0.1", "--host", help=_("The address to listen on.")),
    port: int = typer.Option(
        8000, "--port", min=0, max=65535, help=_("The port (0: any free port).")
    ),
    open_browser: bool = typer.Option(
        False, "--open", help=_("Open the page in the browser once the server is ready.")
    ),
    hosted: bool = typer.Option(
        False, "--hosted", help=_("Serve many people: no case journal, whatever the address.")
    ),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Serve the same advice as web pages on this computer; prints the address to open."""
    import socket

    from escalate.i18n import t
    from escalate.web.security import is_loopback

    language = _lang(lang)
    _need_web(language)
    import uvicorn

    from escalate.web import create_app

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(
            t(language, "err.web_bind", host=host[:60], port=port, reason=exc.strerror or exc)
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound_port}/"
    local = is_loopback(host) and not hosted
    app = create_app(hosted=hosted or None, bound=host)
    typer.echo(url)
    typer.echo(t(language, "web.started" if local else "web.started.public"))
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


site_app = typer.Typer(
    cls=Group,
    no_args_is_help=True,
    help=_("The pages that do not change with the day, as files to host anywhere."),
)


@site_app.command("build")
def site_build(
    folder: Path = typer.Argument(..., help=_("The folder to write (created if missing).")),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Write the companies, checklists, ladder and legal facts as plain HTML files."""
    from escalate.i18n import t
    from escalate.web.site import build

    language = _lang(lang)
    try:
        count = build(folder, lang=language)
    except OSError as exc:
        raise EscalateError(
            t(language, "err.site_write", path=str(folder)[:200], reason=exc.strerror or exc)
        ) from None
    typer.echo(t(language, "site.built", count=count, path=str(folder)))


described(site_app)
