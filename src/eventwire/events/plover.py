"""PLOVER's own reading of an event, folding modality into the type.

eventwire keeps the action and its modality apart (a threatened attack is ASSAULT, modality
"threatened"); PLOVER (and CAMEO) fold the speech act into the type: a threatened attack is
THREATEN, a promised or planned cooperation is AGREE, a refused one is REJECT. `plover_view`
gives that reading, so that coded events can be compared with PLOVER-coded data: an
announced or planned act of conflict is THREATEN too, as a promised cooperation is AGREE.
"""

from __future__ import annotations

from ..kb import PloverType

# Verbal conflict types that are themselves threatened as actions ("threatened to expel").
THREATENED_ACTS = {"SANCTION", "PROTEST"}
_PROMISE = {"planned", "intended"}


def plover_view(kind: str, modality: str, negated: bool, types: dict[str, PloverType]) -> str:
    """The PLOVER type of an event of type `kind` with this modality and negation."""
    quad = types[kind].quad_class if kind in types else 0
    cooperation = quad in (1, 2)
    conflict_act = quad == 4 or kind in THREATENED_ACTS
    if modality == "threatened" and conflict_act:
        return "THREATEN"  # "warned it would attack": THREATEN (CAMEO 138)
    if modality in _PROMISE and not negated and conflict_act:
        return "THREATEN"  # "announced it will withdraw its inspectors": CAMEO 13x, as 03x for aid
    if cooperation and negated and modality in {"asserted", *_PROMISE}:
        return "REJECT"  # "refused to withdraw", "failed to reach agreement" (CAMEO 12x)
    if cooperation and not negated and modality in _PROMISE and kind != "AGREE":
        return "AGREE"  # "will give aid", "offered to mediate" (CAMEO 03x)
    return kind
