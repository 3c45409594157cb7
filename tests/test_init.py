"""The public namespace: what `import express_lexicon` offers and shows."""

import subprocess
import sys

import express_lexicon as xl


def test_dir_lists_the_public_api_only():
    xl.decompose("joy")  # importing submodules must not add them to the listing
    names = dir(xl)
    assert names == sorted(xl.__all__)
    for helper in ("Any", "TYPE_CHECKING", "annotations", "import_module", "decomposer", "errors"):
        assert helper not in names
    assert all(not n.startswith("_") or n == "__version__" for n in names)


def test_every_public_name_resolves():
    for name in xl.__all__:
        assert getattr(xl, name) is not None, name
    assert callable(xl.to_frame)


def test_import_stays_light():
    code = "import sys, express_lexicon; print(sorted(m for m in ('numpy', 'pandas', 'networkx', 'rdflib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
