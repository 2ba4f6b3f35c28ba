"""Regenerate the corpus and retrain both learned models from it, with their fixed seeds.

    .venv/bin/python training/events/retrain.py [--out-dir DIR]

Writes training/events/corpus.jsonl, then the role model and the type-and-mode model
(src/eventwire/data/role_model.json and type_model.json, or DIR/ with --out-dir); each
model's metadata records the corpus' SHA-256. Needs the `train` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: `training` is a package here

from training.events import generate, train_roles, train_types  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=None, help="write the models here")
    args = parser.parse_args(argv)
    print(f"wrote {generate.write(generate.OUT)} sentences to {generate.OUT}")
    roles = ["--out", str(args.out_dir / "role_model.json")] if args.out_dir else []
    types = ["--out", str(args.out_dir / "type_model.json")] if args.out_dir else []
    return train_roles.main(roles) or train_types.main(types)


if __name__ == "__main__":
    raise SystemExit(main())
