"""The catalogue: find, load, cache and validate the data files."""
