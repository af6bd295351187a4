"""escalate: get a problem with a Brazilian energy or telecom company solved."""

__version__ = "0.1.0"
