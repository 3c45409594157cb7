"""``python -m express_lexicon`` runs the command line."""

from ._entry import run

if __name__ == "__main__":
    run()
