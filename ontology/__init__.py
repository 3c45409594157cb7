"""The built emotion ontology (``express-lexicon build`` writes it); see README.md here."""
