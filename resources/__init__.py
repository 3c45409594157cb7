"""Fact data shipped with express-lexicon (Plutchik tables, EXPRESS vocabulary); see README.md here."""
