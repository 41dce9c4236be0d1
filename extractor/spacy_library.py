"""The parts of spaCy the pipeline uses, imported without spaCy's command line.

``import spacy`` (which any ``import spacy.<module>`` runs first) imports ``spacy.cli.info``
to offer ``spacy.info``, and with it spaCy's whole command line: typer, weasel, requests,
httpx, jinja2 — about 360 modules and a quarter of the import's CPU time, of which a
pipeline uses nothing. While spaCy's package initialises, ``spacy.cli`` and
``spacy.cli.info`` are placeholders here; they are gone from ``sys.modules`` as soon as it
has, so a later ``import spacy.cli`` imports the real command line, and ``spacy.info``
imports it when called. Nothing changes when spaCy was imported before this module.
"""
from __future__ import annotations

import sys
import types


def _spacy_info(*args, **kwargs):
    """``spacy.info``, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy_without_cli() -> None:
    if "spacy" in sys.modules:
        return
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that ``spacy.cli.info`` can be a module of it
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    except ImportError:
        spacy = None  # a spaCy that needs more of its command line: imported whole below
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        sys.modules.pop("spacy", None)
        import spacy
    if getattr(sys.modules.get("spacy"), "cli", None) is cli:
        del spacy.cli


_import_spacy_without_cli()

# The names the pipeline uses, imported once spaCy is in (the placeholders above first).
from spacy.attrs import ENT_IOB, ENT_TYPE  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span, SpanGroup  # noqa: E402
from spacy.util import filter_spans  # noqa: E402
import spacy  # noqa: E402

__all__ = ["ENT_IOB", "ENT_TYPE", "Doc", "Language", "Span", "SpanGroup", "filter_spans", "spacy"]
