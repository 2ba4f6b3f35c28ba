"""Pictures of the series (`--plot FILE.png|svg`): matplotlib, an optional extra."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InvalidOption

_SUFFIXES = (".png", ".svg", ".pdf")


def _pyplot(path: str | Path) -> Any:
    if Path(path).suffix.lower() not in _SUFFIXES:
        raise InvalidOption(f"--plot: {path} must end in {', '.join(_SUFFIXES)}")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InvalidOption("--plot needs matplotlib: pip install 'eventwire[plot]'") from None
    return plt


def plot_dyads(series: pd.DataFrame, title: str, path: str | Path) -> Path:
    """Stacked counts per quad class and the cooperation-conflict index."""
    plt = _pyplot(path)
    fig, counts = plt.subplots(figsize=(10, 4.5))
    bottom = pd.Series(0, index=series.index)
    labels = {
        "q1": "verbal coop.",
        "q2": "material coop.",
        "q3": "verbal conflict",
        "q4": "material conflict",
    }
    colours = {"q1": "#9ecae1", "q2": "#3182bd", "q3": "#fdae6b", "q4": "#e6550d"}
    width = (series["period"].diff().dt.days.median() or 20) * 0.8
    for quad, label in labels.items():
        counts.bar(
            series["period"], series[quad], width, bottom=bottom, label=label, color=colours[quad]
        )
        bottom = bottom + series[quad]
    counts.set_ylabel("events")
    index = counts.twinx()
    index.plot(
        series["period"], series["index"], color="black", marker=".", label="coop-conflict index"
    )
    index.set_ylim(-1.05, 1.05)
    index.set_ylabel("(coop - conflict) / all")
    counts.legend(loc="upper left", fontsize=8)
    counts.set_title(title)
    return _save(fig, plt, path)


def plot_alignment(table: pd.DataFrame, title: str, path: str | Path, top: int = 6) -> Path:
    """Each bloc's (and the top partners') share of cooperation over time, with intervals."""
    plt = _pyplot(path)
    fig, axis = plt.subplots(figsize=(10, 4.5))
    totals = table.groupby("partner")["coop"].sum()
    blocs = sorted(table.loc[table["kind"] == "bloc", "partner"].unique())
    partners = table[table["kind"] == "country"].groupby("partner")["coop"].sum()
    chosen = [*blocs, *partners.sort_values(ascending=False).head(max(0, top - len(blocs))).index]
    for name in chosen:
        rows = table[table["partner"] == name].sort_values("period")
        if rows["coop"].sum() == 0 and totals.get(name, 0) == 0:
            continue
        (line,) = axis.plot(rows["period"], rows["coop_share"], marker=".", label=name)
        axis.fill_between(
            rows["period"], rows["coop_low"], rows["coop_high"], alpha=0.15, color=line.get_color()
        )
    axis.set_ylim(0, 1)
    axis.set_ylabel("share of cooperation")
    axis.legend(loc="upper left", fontsize=8, ncol=2)
    axis.set_title(title)
    return _save(fig, plt, path)


def plot_shifts(
    series: pd.DataFrame, alerts: pd.DataFrame, measure: str, title: str, path: str | Path
) -> Path:
    plt = _pyplot(path)
    fig, axis = plt.subplots(figsize=(10, 4))
    axis.plot(series["period"], series[measure], color="#3182bd", label=measure)
    for alert in alerts.itertuples(index=False):
        colour = "#e6550d" if alert.kind == "change" else "#31a354"
        axis.axvline(alert.start, color=colour, linestyle="--" if alert.kind == "change" else ":")
    axis.set_ylabel(measure)
    axis.set_title(title + " (dashed: change points, dotted: surges)")
    return _save(fig, plt, path)


def _save(fig: Any, plt: Any, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)
    return target
