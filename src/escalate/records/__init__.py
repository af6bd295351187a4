"""The records: company and body models, the ladder and the other rule files, domain words,
the Value base."""
