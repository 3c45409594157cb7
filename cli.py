"""Run the express-lexicon command line from a source checkout: ``python cli.py info``.

The click application itself is :mod:`express_lexicon.cli` (installed as the
``express-lexicon`` console script); this file only forwards to it.
"""

from express_lexicon._entry import run

if __name__ == "__main__":
    run()
