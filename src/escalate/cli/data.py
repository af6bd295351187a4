"""`escalate data validate`: check data files (imported only when it runs)."""

import os
import sys
from pathlib import Path

import typer

from escalate.cli.common import (
    JSON_HELP,
    LANG_HELP,
    Group,
    Lang,
    _envelope,
    _lang,
    _print_json,
    _today,
    described,
)
from escalate.errors import ExitCode, UsageError
from escalate.i18n import _

data_app = typer.Typer(
    cls=Group,
    no_args_is_help=True,
    help=_(
        "Check the catalogue's files: the shipped data, your folder, or a file you are editing."
    ),
)


@data_app.command("validate")
def data_validate(
    path: Path | None = typer.Argument(
        None,
        readable=False,  # an unreadable PATH is reported as ESC001, not as a usage error
        help=_(
            "A data folder, a folder of company files or one file"
            " (default: the shipped data and your folder)."
        ),
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    lang: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Check data files: every problem with its rule code, severity and line; exit 1 on errors."""
    from escalate import paths
    from escalate.catalog import validate
    from escalate.i18n import t, tn

    language = _lang(lang)
    if path is not None and not os.path.lexists(path):
        raise UsageError(
            t(language, "err.no_path", path=str(path)[:200]), hint="escalate data validate --help"
        )
    report = validate.validate(
        path,
        shipped=paths.shipped_data_dir(),
        user_companies=paths.user_companies_dir() if path is None else None,
        today=_today(),
    )
    errors, warnings = report.count(validate.ERROR), report.count(validate.WARNING)
    if as_json:
        _print_json(
            _envelope(
                "validation",
                files=report.files,
                errors=errors,
                warnings=warnings,
                findings=[
                    {
                        "code": f.code,
                        "severity": f.severity,
                        "path": f.path,
                        "line": f.line,
                        "field": f.field,
                        "message": f.message,
                    }
                    for f in report.findings
                ],
            )
        )
    else:
        from escalate.output.terminal import safe

        out = [safe(f.text(language)) + "\n" for f in report.findings]
        key = "data.summary" if report.findings else "data.clean"
        counted = {
            "errors": tn(language, "n.error", errors),
            "warnings": tn(language, "n.warning", warnings),
            "files": tn(language, "n.file", report.files),
        }
        out.append(t(language, key, **counted) + "\n")
        sys.stdout.write("".join(out))
        sys.stdout.flush()
    if errors:
        raise typer.Exit(ExitCode.DOMAIN)


described(data_app)
