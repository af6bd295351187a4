"""The person's cases: journal, timeline, CPF, backup and its limits."""
