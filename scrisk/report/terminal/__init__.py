"""The terminal reports (rich) of an assessment, a ranking and a screen, in en/fr."""
