"""The arithmetic checker for a report's figures: pure functions, no Django.

A report prints numbers ("共检查594家……2258家，合计2852家", "占比85.92%"); the drafter tags each as a
figure with a kind (value, sum, difference, ratio, percent) and, for all but a value, its parts: the
keys of other figures or plain numbers. The checker computes what each total should be from its parts
and compares it with the number as printed, *at the precision printed*: "85.92" matches any computed
value that rounds half-up to 85.92 at two decimal places (136.49 / 158.85 × 100 = 85.924… does;
"85.93" does not); "2852" matches only a computed value that rounds to that whole number.

A part that is another figure stands for that figure's number as printed (what the reader sees), or,
when that figure has no number printed yet, for what its own parts compute to — recursively. A part
key that is not tagged, parts that lead back to the figure (a cycle) and a division by zero are each
reported in their own words. All arithmetic is ``decimal.Decimal``.

The text helpers (``placeholders``, ``unknown_keys``, ``fill``, ``find_numbers``) read the
``{{key}}`` marks by which a report's text quotes its figures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

KINDS = ("value", "sum", "difference", "ratio", "percent")
KIND_LABELS = {"value": "数值", "sum": "合计", "difference": "差", "ratio": "比值", "percent": "百分比"}
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,29}$")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# Numbers as a text prints them: 2852, 2,852, 85.92, -3 (not the digits inside a word like "A4").
_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?<!\d\.)[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![0-9])"
                      r"|(?<![0-9A-Za-z,])(?<!\d\.)[-−]?\d+(?:\.\d+)?(?![0-9])")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


@dataclass(frozen=True)
class FigureSpec:
    """What the checker needs of a figure: its key, kind, number as printed and parts."""

    key: str
    kind: str = "value"
    value: str = ""
    parts: Sequence[str] = ()
    label: str = ""

    @property
    def name(self) -> str:
        return f"“{self.label}”（{self.key}）" if self.label else f"“{self.key}”"


@dataclass(frozen=True)
class Check:
    """The checker's finding on one figure: ``ok``, the value its parts compute to, and what is wrong."""

    key: str
    ok: bool
    computed: Decimal | None = None
    messages: tuple[str, ...] = field(default_factory=tuple)

    @property
    def message(self) -> str:
        return "；".join(self.messages)


class _Problem(Exception):
    """A figure's value cannot be computed; the message says why."""


# ---------------------------------------------------------------- numbers


def normalise(printed: str) -> str:
    """The number as printed, without thousands separators, spaces or a percent sign; full-width
    digits and the minus sign read as ASCII."""
    text = unicodedata.normalize("NFKC", str(printed or "")).strip().replace("−", "-")
    text = text.replace(",", "").replace(" ", "")
    return text[:-1] if text.endswith("%") else text


def parse_number(printed: str) -> Decimal | None:
    """The Decimal a printed number stands for, or None when it is not a plain number."""
    text = normalise(printed)
    if not _NUMBER.match(text):
        return None
    return Decimal(text)


def places(printed: str) -> int:
    """How many decimal places a number is printed with: "2852" → 0, "85.92" → 2."""
    text = normalise(printed)
    return len(text.split(".", 1)[1]) if "." in text else 0


def round_half_up(value: Decimal, digits: int) -> Decimal:
    """``value`` at ``digits`` decimal places, a tie (…5) rounded away from zero as printed reports do."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def matches(printed: str, computed: Decimal) -> bool:
    """Whether the printed number is ``computed`` at the precision it is printed with."""
    number = parse_number(printed)
    return number is not None and round_half_up(computed, places(printed)) == number


def plain(value: Decimal) -> str:
    """A Decimal written out without exponent or trailing zeros after the point: 2852, 85.924."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def show(value: Decimal, digits: int = 4) -> str:
    """A computed value short enough for a message: at most ``digits`` decimals, then "…"."""
    rounded = round_half_up(value, digits)
    return plain(rounded) + ("…" if rounded != value else "")


# ---------------------------------------------------------------- checking


def _compute(kind: str, values: list[Decimal], names: list[str], spec: FigureSpec) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        if kind == "sum":
            if len(values) < 2:
                raise _Problem(f"{spec.name}是合计，须列出至少两个组成部分")
            return sum(values, Decimal(0))
        if kind == "difference":
            if len(values) < 2:
                raise _Problem(f"{spec.name}是差，须列出被减数和至少一个减数")
            return values[0] - sum(values[1:], Decimal(0))
        if len(values) != 2:
            raise _Problem(f"{spec.name}是{KIND_LABELS[kind]}，须恰好列出两个组成部分（分子、分母）")
        if values[1] == 0:
            raise _Problem(f"{spec.name}的分母“{names[1]}”为零，无法计算")
        if kind == "ratio":
            return values[0] / values[1]
        return values[0] * 100 / values[1]


class _Resolver:
    def __init__(self, figures: Mapping[str, FigureSpec]):
        self.figures = figures

    def part_value(self, part: str, path: tuple[str, ...], owner: FigureSpec) -> Decimal:
        """A part's number: a plain number, or the figure of that key (printed, else computed)."""
        part = str(part).strip()
        number = parse_number(part)
        if number is not None:
            return number
        if part not in self.figures:
            if KEY.match(part):
                raise _Problem(f"{owner.name}的组成部分“{part}”没有标注（找不到这个代号）")
            raise _Problem(f"{owner.name}的组成部分“{part}”既不是数字，也不是数据代号")
        if part in path:
            cycle = " → ".join((*path[path.index(part):], part))
            raise _Problem(f"{owner.name}的组成部分循环引用：{cycle}")
        figure = self.figures[part]
        self.walk(figure, (*path, part))  # a cycle further down is a cycle here too
        printed = parse_number(figure.value)
        if printed is not None:
            return printed
        if figure.kind == "value" or not figure.parts:
            raise _Problem(f"{owner.name}的组成部分{figure.name}没有数值")
        return self.computed(figure, (*path, part))

    def walk(self, figure: FigureSpec, path: tuple[str, ...]) -> None:
        """Raise on a cycle or a missing key anywhere below ``figure``."""
        if figure.kind == "value":
            return
        for part in figure.parts:
            part = str(part).strip()
            if part in self.figures:
                if part in path:
                    cycle = " → ".join((*path[path.index(part):], part))
                    raise _Problem(f"{self.figures[path[0]].name}的组成部分循环引用：{cycle}")
                self.walk(self.figures[part], (*path, part))

    def computed(self, figure: FigureSpec, path: tuple[str, ...]) -> Decimal:
        parts = [str(p).strip() for p in figure.parts]
        values = [self.part_value(p, path, figure) for p in parts]
        return _compute(figure.kind, values, parts, figure)


def _expression(kind: str, parts: Sequence[str]) -> str:
    parts = [str(p).strip() for p in parts]
    if kind == "sum":
        return " + ".join(parts)
    if kind == "difference":
        return " − ".join(parts)
    if kind == "ratio":
        return f"{parts[0]} ÷ {parts[1]}" if len(parts) == 2 else ""
    return f"{parts[0]} ÷ {parts[1]} × 100" if len(parts) == 2 else ""


def check_figure(figure: FigureSpec, figures: Mapping[str, FigureSpec]) -> Check:
    """Check one figure against the others (``figures`` by key, this one included)."""
    if figure.kind not in KINDS:
        return Check(figure.key, False, None, (f"{figure.name}的类别“{figure.kind}”无效",))
    printed = parse_number(figure.value)
    if printed is None:
        return Check(figure.key, False, None, (f"{figure.name}的数值“{figure.value}”不是数字",))
    if figure.kind == "value":
        return Check(figure.key, True, printed)
    resolver = _Resolver(figures)
    try:
        resolver.walk(figure, (figure.key,))
        computed = resolver.computed(figure, (figure.key,))
    except _Problem as problem:
        return Check(figure.key, False, None, (str(problem),))
    if round_half_up(computed, places(figure.value)) == printed:
        return Check(figure.key, True, computed)
    digits = places(figure.value)
    precision = f"保留 {digits} 位小数" if digits else "取整"
    return Check(figure.key, False, computed, (
        f"{figure.name}印为 {figure.value}，按 {_expression(figure.kind, figure.parts)} 计算为 {show(computed)}，"
        f"{precision}应为 {format(round_half_up(computed, digits), 'f')}",))


def check_figures(figures: Iterable[FigureSpec]) -> dict[str, Check]:
    """Every figure's check, by key, in the order given."""
    listed = list(figures)
    by_key = {f.key: f for f in listed}
    return {f.key: check_figure(f, by_key) for f in listed}


def flagged(checks: Mapping[str, Check]) -> list[Check]:
    return [c for c in checks.values() if not c.ok]


# ---------------------------------------------------------------- text


def placeholders(text: str) -> list[str]:
    """The keys a text quotes as ``{{key}}``, in order, each once."""
    return list(dict.fromkeys(m.group(1) for m in PLACEHOLDER.finditer(text or "")))


def unknown_keys(text: str, keys: Iterable[str]) -> list[str]:
    known = set(keys)
    return [k for k in placeholders(text) if k not in known]


def fill(text: str, values: Mapping[str, str]) -> str:
    """The text with each ``{{key}}`` replaced by its printed value (and unit); an unknown key stays
    as written, so that it is seen."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")


def find_numbers(text: str) -> list[str]:
    """The numbers a text prints, in order, as printed: “共检查594家……合计2852家” → ["594", "2852"]."""
    return [m.group(0).replace("−", "-") for m in _IN_TEXT.finditer((text or "").translate(_FULL_WIDTH_DIGITS))]
