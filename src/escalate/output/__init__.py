"""Output formats: terminal (the only rich importer), advice and checklist lines, dossier, files."""
