"""Readers for the lexical resources express-lexicon builds on.

- :mod:`.wordnet`: WordNet 3.0 through nltk, found in nltk's data path, in
  ``EXPRESS_LEXICON_WORDNET`` or in a system install (Debian's ``wordnet-base``).
- :mod:`.nrc`: NRC EmoLex (bundled with NRCLex, or the official file), NRC Emotion
  Intensity and NRC VAD from user-given files.
- :mod:`.express`: the EXPRESS benchmark vocabulary and the label set of an EXPRESS file.

Importing this package is cheap: nltk is imported, and data read, on first use only.
"""

from __future__ import annotations

import platform
from typing import Any

from .express import VocabularyEntry, express_terms, express_vocabulary, label_counts, observed_labels
from .nrc import (
    EmoLex,
    EmotionIntensity,
    VADLexicon,
    VADScores,
    load_emolex,
    load_intensity,
    load_vad,
    nrc_files,
)
from .wordnet import WordNetLocation, load_wordnet, locate_wordnet, wordnet_info

__all__ = [
    "EmoLex",
    "EmotionIntensity",
    "VADLexicon",
    "VADScores",
    "VocabularyEntry",
    "WordNetLocation",
    "express_terms",
    "express_vocabulary",
    "label_counts",
    "load_emolex",
    "load_intensity",
    "load_vad",
    "load_wordnet",
    "locate_wordnet",
    "nrc_files",
    "observed_labels",
    "wordnet_info",
    "installation_info",
]


def _safely(section: dict[str, Any], compute: Any) -> dict[str, Any]:
    from ..errors import ExpressLexiconError

    try:
        section.update(compute())
    except ExpressLexiconError as exc:
        section["error"] = str(exc)
    except Exception as exc:  # info reports problems, it never crashes
        section["error"] = f"{type(exc).__name__}: {exc}"
    return section


def _theory_info() -> dict[str, Any]:
    from .. import theory

    dyads = theory.dyads()
    kinds: dict[str, int] = {}
    for dyad in dyads:
        kinds[dyad.kind] = kinds.get(dyad.kind, 0) + 1
    return {
        "emotions": len(theory.emotions()),
        "tier_names": len(theory.tier_terms()),
        "dyads": len(dyads),
        "dyads_by_kind": kinds,
    }


def _emolex_info() -> dict[str, Any]:
    emolex = load_emolex()
    return {
        "source": emolex.source,
        "version": emolex.version,
        "words": len(emolex),
        "words_with_emotion": emolex.emotional_word_count,
    }


def _intensity_info() -> dict[str, Any]:
    from .nrc import load_bundled_intensity

    intensity = load_bundled_intensity()
    if intensity is None:
        return {"found": False, "hint": "pip install --no-deps emotion-nrc-affect-lex==0.0.3 (needed only to build)"}
    return {"found": True, "source": intensity.source, "version": intensity.version, "words": len(intensity),
            "scores": sum(len(v) for v in intensity.scores.values())}


def _vocabulary_info() -> dict[str, Any]:
    entries = express_vocabulary()
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
    return {
        "entries": len(entries),
        "by_kind": kinds,
        "terms": len(express_terms()),
        "observed_labels": len(observed_labels()),
    }


def _ontology_info() -> dict[str, Any]:
    """Whether the built ontology is present and readable, with its term and edge counts."""
    from ..errors import OntologyError
    from ..ontology import read_manifest

    try:
        manifest = read_manifest()
    except OntologyError as exc:
        return {"built": False, "error": str(exc)}
    counts = manifest.get("counts", {})
    return {
        "built": True,
        "terms": manifest.get("terms"),
        "synsets": counts.get("nodes.synset"),
        "edges": sum(v for k, v in counts.items() if k.startswith("edges.")),
        "inputs": manifest.get("inputs", {}),
    }


def installation_info() -> dict[str, Any]:
    """What is installed and found, for ``express-lexicon info``; never raises.

    Returns a JSON-ready dict with the keys ``version``, ``python``, ``theory`` (counts of
    emotions, tier names and dyads), ``wordnet`` (see :func:`wordnet_info`: where WordNet
    was found, or the error and install hint), ``emolex`` (source, version, word counts),
    ``intensity`` (the NRC Emotion Intensity copy the build reads, or how to install it),
    ``nrc_files`` (the optional user files named by environment variables, see
    :func:`nrc_files`), ``express_vocabulary`` (entry counts) and ``ontology`` (whether a
    built ontology with ``manifest.json`` is present). A section that fails carries an
    ``error`` message instead of its counts. Does not load WordNet (fast).
    """
    from .._version import __version__

    return {
        "version": __version__,
        "python": platform.python_version(),
        "theory": _safely({}, _theory_info),
        "wordnet": wordnet_info(),
        "emolex": _safely({}, _emolex_info),
        "intensity": _safely({}, _intensity_info),
        "nrc_files": nrc_files(),
        "express_vocabulary": _safely({}, _vocabulary_info),
        "ontology": _safely({}, _ontology_info),
    }
