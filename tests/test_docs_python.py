"""The walkthrough in docs/python.md runs: its ```python cells, in order, in one namespace, in
a temporary directory (as a notebook would run them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "python.md"


def cells() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_the_walkthrough_has_its_steps() -> None:
    code = "\n".join(cells())
    for step in ("eventwire.code(", ".to_pandas()", "eventwire.open(", ".events(", "resample("):
        assert step in code, step


@pytest.mark.model
def test_the_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pytest.importorskip("matplotlib")
    namespace: dict[str, object] = {}
    for n, cell in enumerate(cells()):
        exec(compile(cell, f"docs/python.md cell {n}", "exec"), namespace)
    import pandas as pd

    coded, frame, weekly = namespace["coded"], namespace["frame"], namespace["weekly"]
    assert len(coded) == 10  # type: ignore[arg-type]
    assert isinstance(frame, pd.DataFrame) and len(frame) >= 10
    assert frame["cameo"].map(type).eq(str).all()
    assert isinstance(weekly, pd.Series) and weekly.sum() == len(frame)
    russia = namespace["russia"]
    assert isinstance(russia, pd.DataFrame) and len(russia) > 0
    assert ((russia["source_country"] == "RUS") | (russia["target_country"] == "RUS")).all()
    assert (tmp_path / "weekly.png").stat().st_size > 1000


@pytest.mark.model
def test_the_readme_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's first Python example, on an article of our own saved as article.txt."""
    readme = (DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)[0]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(
        "Talks\nIran and Russia signed a defence deal in Moscow on Monday.\n", encoding="utf-8"
    )
    exec(compile(example, "README.md python example", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed and any("IRN" in line and "RUS" in line for line in printed)
