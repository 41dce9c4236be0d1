"""One settings object for a run: everything that changes what mrx extracts.

It is passed explicitly from the caller (the CLI, ``extract_text``, ``extract_paths``)
down to the pipeline and to every worker process or Dask worker, where it becomes the
components' configuration (``nlp.add_pipe(name, config=...)``). Nothing inside the
library reads behaviour from the environment; the CLI may read ``MRX_*`` variables once,
at its edge.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from extractor.io.reader import DEFAULT_MAX_BYTES

# The longest report extracted by default (characters): see Settings.max_report_chars.
MAX_REPORT_CHARS = 2_000_000
from extractor.resources import DataFileError, read_toml_file


class SettingsError(ValueError):
    """A setting that cannot be used (one-line reason)."""


@dataclass(frozen=True)
class Settings:
    """What a run extracts and how.

    - ``ner``: also run the shipped NER model in the people component (docs/NER.md).
    - ``profile``: an audit checklist as data (the parsed TOML table, see
      ``extractor.fields.audit.load_profile``), or None for the built-in checklists.
      Data rather than a path, so that a worker on another machine needs no file of ours.
    - ``max_bytes``: input files larger than this are refused.
    - ``max_report_chars``: a file holding a longer report is refused (the memory budget:
      about 300 MiB per million characters of the densest text, so the default keeps a
      process under 1 GiB; raise it when you have the memory).
    - ``segmenter`` / ``pkuseg_model``: the tokenizer of the spaCy Language
      (``pipeline.make_nlp``: ``char``, or ``pkuseg`` with a local model directory); the
      records do not depend on it.
    - ``soffice``: the LibreOffice program that converts .doc / .wps (a path or a name on
      the PATH; None: looked for in the usual places).
    - ``ocr_threads``: ONNX Runtime's intra-op threads per OCR model in each process (0: its
      default, one per core; a pool of workers sets cores / workers, see ``run.engines``).
    """

    ner: bool = False
    profile: Mapping[str, Any] | None = field(default=None, hash=False)
    max_bytes: int = DEFAULT_MAX_BYTES
    max_report_chars: int = MAX_REPORT_CHARS
    segmenter: str = "char"
    pkuseg_model: str | None = None
    soffice: str | None = None
    ocr_threads: int = 0

    @classmethod
    def build(cls, *, profile: str | os.PathLike | Mapping | None = None, **options) -> "Settings":
        """Settings from user-facing options; ``profile`` may be a TOML file path or data."""
        return cls(profile=read_profile(profile), **options)

    def updated(self, **changes) -> "Settings":
        if "profile" in changes:
            changes["profile"] = read_profile(changes["profile"])
        return replace(self, **changes)

    def component_config(self) -> dict[str, dict]:
        """The configuration of the pipeline components these settings decide."""
        return {"mrx_people": {"ner": self.ner}, "mrx_audit": {"profile": self.profile}}

    def key(self) -> str:
        """A text that is equal for settings that build the same pipeline."""
        return json.dumps([self.ner, self.profile, self.segmenter, self.pkuseg_model],
                          ensure_ascii=False, sort_keys=True)


def read_profile(source: str | os.PathLike | Mapping | None) -> dict | None:
    """A checklist as plain data: a TOML file read, a mapping copied; ``name`` defaults
    to the file's stem. Raises SettingsError (one line) when the file cannot be read."""
    if source is None:
        return None
    if isinstance(source, Mapping):
        return json.loads(json.dumps(source, ensure_ascii=False))  # plain, picklable data
    path = Path(source)
    try:
        data = read_toml_file(path, "checklist")
    except DataFileError as e:
        raise SettingsError(str(e)) from None
    data.setdefault("name", path.stem)
    data.setdefault("source", str(path))
    return data
