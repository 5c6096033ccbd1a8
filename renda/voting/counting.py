"""Counting, as pure functions of what was cast: roll calls, elections, satisfaction evaluations.

Every threshold is counted against ALL members (the electorate at opening), never those present.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from renda.core.rules import more_than

MARKS = {"for", "against", "abstain"}
RATINGS = ["满意", "基本满意", "不满意"]


def roll_call(casts: dict[str, int], electorate: int, present: int, passes: bool) -> dict:
    voted = sum(casts.get(k, 0) for k in ("yes", "no", "abstain"))
    return {"yes": casts.get("yes", 0), "no": casts.get("no", 0), "abstain": casts.get("abstain", 0),
            "not_voting": max(present - voted, 0), "present": present, "electorate": electorate, "passed": passes}


def ballot_is_valid(content: dict, seats: int) -> bool:
    """A ballot marking more people for than there are seats is void (选举法 art. 44)."""
    marked_for = sum(1 for mark in content.get("marks", {}).values() if mark == "for")
    return marked_for + len(content.get("write_ins", [])) <= seats


def tally_ballots(ballots: list[dict], *, seats: int, candidates: list[int]) -> dict:
    """Count electronic ballots into the same shape two paper counters enter."""
    counts = {str(c): {"for": 0, "against": 0, "abstain": 0} for c in candidates}
    write_ins: Counter = Counter()
    invalid = 0
    for content in ballots:
        if not ballot_is_valid(content, seats):
            invalid += 1
            continue
        for candidate, mark in content.get("marks", {}).items():
            counts[str(candidate)][mark] += 1
        write_ins.update(content.get("write_ins", []))
    return {"counts": counts, "write_ins": dict(write_ins), "invalid": invalid}


def election(tally: dict, *, seats: int, electorate: int, issued: int, returned: int,
             pass_fraction: Fraction) -> dict:
    """Who is elected. More ballots returned than issued voids the round. Elected: more than half of
    ALL deputies' votes, highest first up to the seats; a tie across the last seat, or too few
    elected, leaves seats for a further round (另行选举) among those not elected."""
    if returned > issued:
        return {"void": True, "reason": f"收回选票{returned}张，多于发出的{issued}张，本轮选举无效",
                "issued": issued, "returned": returned, "further_round": None}
    counts, write_ins = tally["counts"], tally["write_ins"]
    tallies = {key: c["for"] for key, c in counts.items()}
    tallies.update({f"write_in:{name}": n for name, n in write_ins.items()})
    qualified = sorted((k for k, n in tallies.items() if more_than(n, electorate, pass_fraction)),
                       key=lambda k: -tallies[k])
    elected, tied = qualified, []
    if len(qualified) > seats:
        boundary = tallies[qualified[seats - 1]]
        if tallies[qualified[seats]] == boundary:
            elected = [k for k in qualified if tallies[k] > boundary]
            tied = [k for k in qualified if tallies[k] == boundary]
        else:
            elected = qualified[:seats]
    remaining = seats - len(elected)
    further = None
    if remaining:
        pool = tied or [k for k in counts if k not in elected]
        further = {"seats": remaining, "candidates": [k for k in pool if not k.startswith("write_in:")],
                   "reason": "得票相等" if tied else "当选人数不足应选人数"}
    return {"void": False, "issued": issued, "returned": returned, "valid": returned - tally["invalid"],
            "invalid": tally["invalid"], "counts": counts, "write_ins": write_ins, "electorate": electorate,
            "threshold": f"超过全体{electorate}人的{pass_fraction}", "elected": elected, "tied": tied,
            "further_round": further}


def satisfaction(ballots: list[dict], *, issued: int, returned: int) -> dict:
    counts = Counter(content.get("rating") for content in ballots)
    return {"issued": issued, "returned": returned, "counts": {r: counts.get(r, 0) for r in RATINGS}}


def secret_roll_call(ballots: list[dict]) -> dict[str, int]:
    return dict(Counter(content["choice"] for content in ballots))
