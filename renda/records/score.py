"""积分: a congress that scores its deputies' records sets a weight per figure (rule
``records.score_weights``, used only when ``records.score_enabled``); each score is shown with its
formula, e.g. "出席会议 12×2 + 领衔提出建议 5×3 = 39", so anyone can check it against the figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from renda.core import rules
from renda.core.models import Congress
from renda.records.figures import BY_KEY


@dataclass(frozen=True)
class Score:
    total: Decimal
    formula: str


def weights(congress: Congress) -> dict[str, Decimal] | None:
    """figure key → weight, or None when this congress does not score. Lines naming no figure, or
    with no number, are ignored (the rule's label says how to write a line)."""
    if not rules.get(congress, "records.score_enabled"):
        return None
    found: dict[str, Decimal] = {}
    for line in rules.get(congress, "records.score_weights"):
        parts = str(line).split()
        if len(parts) != 2 or parts[0] not in BY_KEY:
            continue
        try:
            found[parts[0]] = Decimal(parts[1])
        except ArithmeticError:
            continue
    return found


def _number(value) -> str:
    value = Decimal(value)
    return str(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize())


def score(values: dict[str, int | Decimal], weighting: dict[str, Decimal]) -> Score:
    """The weighted sum of the figures with its formula; figures at 0 or weighted 0 are left out of the
    formula (they add nothing)."""
    total = Decimal(0)
    terms = []
    for key, weight in weighting.items():
        value = Decimal(values.get(key, 0) or 0)
        if not weight or not value:
            continue
        total += value * weight
        term = f"{BY_KEY[key].label} {_number(value)}×{_number(abs(weight))}"
        terms.append(("- " if weight < 0 else "+ ") + term)
    if not terms:
        return Score(Decimal(0), "0")
    text = " ".join(terms)
    text = text[2:] if text.startswith("+ ") else "-" + text[2:]
    return Score(total, f"{text} = {_number(total)}")
