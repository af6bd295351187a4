"""One exception family for the core, and the exit codes the command line maps it to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


class ExitCode:
    """The documented exit codes (plain ints: an IntEnum costs start-up time for nothing)."""

    OK = 0
    DOMAIN = 1  # unknown company, invalid data file, corrupt journal
    USAGE = 2  # bad option, missing argument, a question with no terminal to ask it on
    BUSY = 3  # the journal is in use by another escalate: try again
    CANNOT_WRITE = 4  # the journal cannot be written: read-only file or folder, disk full
    INTERRUPTED = 130


def N_(text: str) -> str:
    """Marks an English text the person may read as a message to translate (its Portuguese is
    in the gettext catalogue, read when it is said: ``EscalateError.said``). The text itself."""
    return text


class EscalateError(Exception):
    """An error meant for the person at the keyboard: one line, maybe a hint.

    With ``values``, ``message`` and ``hint`` are templates marked ``N_``: the line is said in
    the person's language (``said``); ``message`` and ``hint`` hold the English."""

    exit_code: int = ExitCode.DOMAIN

    def __init__(
        self, message: str, *, hint: str | None = None, values: dict[str, object] | None = None
    ) -> None:
        self.templates = (message, hint) if values is not None else None
        self.values = values or {}
        if values is not None:
            message = message.format(**values)
            hint = hint.format(**values) if hint else hint
        super().__init__(message)
        self.message = message
        self.hint = hint

    def said(self, lang: str) -> tuple[str, str | None]:
        """The message and the hint in ``lang``."""
        if self.templates is None or lang == "en":
            return self.message, self.hint
        from escalate.i18n import translated

        message, hint = self.templates
        return (
            translated(lang, message).format(**self.values),
            translated(lang, hint).format(**self.values) if hint else None,
        )


class UnknownName(EscalateError):
    """A company, public body or channel name that is not in the catalogue."""

    def __init__(self, message: str, *, name: str, suggestions: list[str], hint: str | None = None):
        super().__init__(message, hint=hint)
        self.name = name
        self.suggestions = suggestions


class DataError(EscalateError):
    """A data file that cannot be read or does not validate: file:line: field: problem.

    With ``values``, ``problem`` is a template marked ``N_`` (our own words): ``said`` gives
    the line in the person's language. Without, it is said as it is (a library's words)."""

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        line: int | None = None,
        field: str | None = None,
        values: Mapping[str, object] | None = None,
    ):
        template = problem if values is not None else None
        if values is not None:
            problem = problem.format(**values)
        super().__init__(_located(path, line, field, problem))
        self.path = path
        self.line = line
        self.field = field
        self.problem = problem
        self.template = template
        self.values = dict(values or {})

    def problem_in(self, lang: str) -> str:
        """The problem alone, in ``lang``."""
        if self.template is None or lang == "en":
            return self.problem
        from escalate.i18n import translated

        return translated(lang, self.template).format(**self.values)

    def said(self, lang: str) -> tuple[str, str | None]:
        if lang == "en":
            return self.message, self.hint
        from escalate.i18n import translated

        field = translated(lang, self.field) if self.field == WHOLE_RECORD else self.field
        return _located(self.path, self.line, field, self.problem_in(lang)), self.hint

    def __reduce__(self) -> tuple[object, ...]:
        # Broken files are cached with their error, so the error must survive pickling.
        values = self.values if self.template is not None else None
        problem = self.template if self.template is not None else self.problem
        return (_data_error, (self.path, problem, self.line, self.field, values))


# The field of a problem that is the whole record's, not one field's.
WHOLE_RECORD = N_("(record)")


def _located(path: str, line: int | None, field: str | None, problem: str) -> str:
    where = f"{path}:{line}" if line else path
    return f"{where}: {field}: {problem}" if field else f"{where}: {problem}"


def _data_error(
    path: str,
    problem: str,
    line: int | None,
    field: str | None,
    values: Mapping[str, object] | None = None,
) -> DataError:
    return DataError(path, problem, line=line, field=field, values=values)


class UsageError(EscalateError):
    exit_code = ExitCode.USAGE
