"""The command line: parse, call the core, render, map errors to exit codes."""

from escalate.cli.main import app

__all__ = ["app"]
