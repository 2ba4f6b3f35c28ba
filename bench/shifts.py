"""Shift alerts on simulated event streams: weekly Poisson counts around a base rate, half of
the series with one planted step change (the rate multiplied by 1.5, 2, 3 or 5, at a random
week); detection rate, median delay and false alarms per series-year, for the change points
(ruptures PELT, offline: the whole series is seen) and for the ACLED-style surge rule (a week
>= 2x the mean of the 4 before, and >= the floor).

A planted change counts as detected when an alert starts within [change - 2, change + 8]
weeks (the delay is alert week - change week; a change point may land before it); any other
alert is a false alarm. Surges are judged the same way (a surge can only see the past).

Usage: python bench/shifts.py [--series 200] [--weeks 156] [--base 4] [--seed 0] [--penalty 8]
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np
import pandas as pd

from eventwire.analysis.shifts import change_points, surges

FACTORS = (1.5, 2.0, 3.0, 5.0)
EARLY, LATE = 2, 8


def judge(found: list[int], change: int | None) -> tuple[int | None, int]:
    """(delay of the first alert near the change or None, false alarms)."""
    near = [i for i in found if change is not None and change - EARLY <= i <= change + LATE]
    delay = (near[0] - change) if near and change is not None else None
    return delay, len(found) - len(near)


def simulate(args: argparse.Namespace) -> pd.DataFrame:
    rng = np.random.default_rng(args.seed)
    rows = []
    for s in range(args.series):
        factor = FACTORS[(s // 2) % len(FACTORS)] if s % 2 else None
        change = int(rng.integers(args.weeks // 4, 3 * args.weeks // 4)) if factor else None
        rate = np.full(args.weeks, float(args.base))
        if factor and change is not None:
            rate[change:] *= factor
        values = rng.poisson(rate).astype(float)
        for method, found in (
            ("change point", change_points(values, args.penalty)),
            ("surge", surges(values, 2.0, args.floor)),
        ):
            delay, false = judge(found, change)
            rows.append(
                {
                    "method": method,
                    "factor": factor,
                    "detected": delay is not None,
                    "delay": delay,
                    "false": false,
                }
            )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--base", type=float, default=4.0)
    parser.add_argument("--floor", type=int, default=5)
    parser.add_argument("--penalty", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    frame = simulate(args)
    years = args.weeks / 52.0
    print(
        f"{args.series} series of {args.weeks} weeks, base rate {args.base}/week, "
        f"penalty {args.penalty}, surge floor {args.floor}"
    )
    print(
        f"{'method':13} {'factor':>6} {'series':>6} {'detected':>9} {'median delay':>13} {'false/series-year':>18}"
    )
    for (method, factor), group in frame.fillna({"factor": 0}).groupby(["method", "factor"]):
        delays = [d for d in group["delay"] if d is not None and not pd.isna(d)]
        rate = f"{group['detected'].mean():.2f}" if factor else "-"
        delay = f"{statistics.median(delays):+.1f} wk" if delays and factor else "-"
        label = f"x{factor:g}" if factor else "none"
        false = group["false"].sum() / (len(group) * years)
        print(f"{method:13} {label:>6} {len(group):>6} {rate:>9} {delay:>13} {false:>18.2f}")


if __name__ == "__main__":
    main()
