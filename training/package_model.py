"""Copy a trained pipeline (spacy train's model-best) into extractor/data/ner_model.

    .venv/bin/python training/package_model.py training/output/model-best

The training paths in its config are cleared (the shipped model refers to nothing outside
itself), meta.json is given the model's name and the package's version, and the size is
checked against the 10 MB budget.
"""
from __future__ import annotations

import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TARGET = ROOT / "extractor" / "data" / "ner_model"
MAX_BYTES = 10 * 1024 * 1024


def main(src: str) -> None:
    from extractor.about import __version__

    src_dir = pathlib.Path(src)
    if not (src_dir / "config.cfg").exists():
        sys.exit(f"{src_dir} is not a spaCy pipeline directory")
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(src_dir, TARGET, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    cfg = (TARGET / "config.cfg").read_text(encoding="utf-8")
    cfg = cfg.replace('train = "training/corpus/train.spacy"', "train = null")
    cfg = cfg.replace('dev = "training/corpus/dev.spacy"', "dev = null")
    (TARGET / "config.cfg").write_text(cfg, encoding="utf-8")

    meta_path = TARGET / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="mrx_ner", version=__version__,
                description="PERSON / ORG for Chinese party meeting reports (character tokens); "
                            "made by `make train-ner`, see docs/NER.md",
                license="same as mrx")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")

    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"model copied to {TARGET}: {size / 1024 / 1024:.2f} MB")
    if size > MAX_BYTES:
        sys.exit(f"the model is {size} bytes, over the 10 MB budget")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE / "output" / "model-best"))
