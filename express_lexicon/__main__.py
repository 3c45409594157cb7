"""``python -m express_lexicon`` runs the command line."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="express-lexicon")
