"""The report figures' arithmetic checker (oversight.arithmetic): pure, no database."""

from decimal import Decimal

from renda.oversight.arithmetic import (
    FigureSpec,
    check_figures,
    fill,
    find_numbers,
    matches,
    placeholders,
    round_half_up,
    unknown_keys,
)


def check(*figures):
    return check_figures([FigureSpec(*f) if isinstance(f, tuple) else f for f in figures])


def test_it_accepts_the_journals_sum_and_flags_it_off_by_one():
    ok = check(("a", "value", "594"), ("b", "value", "2258"), ("total", "sum", "2852", ["a", "b"]))
    assert ok["total"].ok and ok["total"].computed == Decimal(2852)
    wrong = check(("a", "value", "594"), ("b", "value", "2258"), ("total", "sum", "2851", ["a", "b"], "合计"))
    assert not wrong["total"].ok
    assert "“合计”（total）印为 2851" in wrong["total"].message and "应为 2852" in wrong["total"].message


def test_it_checks_the_journals_percentage_at_the_precision_printed():
    figures = [("used", "value", "136.49"), ("all", "value", "158.85")]
    assert check(*figures, ("share", "percent", "85.92", ["used", "all"]))["share"].ok  # 85.924…
    flagged = check(*figures, ("share", "percent", "85.93", ["used", "all"]))["share"]
    assert not flagged.ok and "保留 2 位小数应为 85.92" in flagged.message
    assert check(*figures, ("share", "percent", "85.9", ["used", "all"]))["share"].ok
    assert check(*figures, ("share", "percent", "86", ["used", "all"]))["share"].ok
    assert not check(*figures, ("share", "percent", "85", ["used", "all"]))["share"].ok


def test_a_tie_rounds_half_up():
    assert round_half_up(Decimal("0.125"), 2) == Decimal("0.13")
    assert matches("0.13", Decimal(1) / Decimal(8))
    assert not matches("0.12", Decimal(1) / Decimal(8))
    # 1 ÷ 8 × 100 = 12.5: printed whole, it is 13, not 12
    assert check(("p", "percent", "13", ["1", "8"]))["p"].ok
    assert not check(("p", "percent", "12", ["1", "8"]))["p"].ok
    assert check(("p", "percent", "12.5", ["1", "8"]))["p"].ok


def test_a_whole_number_and_one_decimal_place_differ():
    assert check(("r", "ratio", "3", ["10", "3"]))["r"].ok          # 3.33…
    assert check(("r", "ratio", "3.3", ["10", "3"]))["r"].ok
    assert not check(("r", "ratio", "3.4", ["10", "3"]))["r"].ok
    assert not check(("r", "ratio", "3.0", ["10", "3"]))["r"].ok
    assert check(("r", "ratio", "3.0", ["9", "3"]))["r"].ok


def test_percentages_above_a_hundred_and_negative_differences():
    assert check(("p", "percent", "125.00", ["150", "120"]))["p"].ok
    assert not check(("p", "percent", "125.01", ["150", "120"]))["p"].ok
    assert check(("d", "difference", "-12", ["30", "42"]))["d"].ok
    assert not check(("d", "difference", "12", ["30", "42"]))["d"].ok
    assert check(("d", "difference", "5", ["30", "20", "5"]))["d"].ok


def test_parts_that_are_figures_resolve_recursively():
    result = check(("a", "value", "594"), ("b", "value", "2258"), ("total", "sum", "", ["a", "b"]),
                   ("share", "percent", "20.83", ["a", "total"]))
    assert result["share"].ok  # 594 / 2852 × 100 = 20.827…
    assert not result["total"].ok and "不是数字" in result["total"].message  # its own number is still missing


def test_a_missing_part_a_cycle_and_division_by_zero_are_named():
    missing = check(("total", "sum", "10", ["a", "b"], "合计"))["total"]
    assert not missing.ok and "组成部分“a”没有标注" in missing.message
    cycle = check(("x", "sum", "2", ["y", "1"]), ("y", "sum", "1", ["x", "1"]))
    assert "循环引用：x → y → x" in cycle["x"].message
    assert "循环引用" in cycle["y"].message
    zero = check(("z", "value", "0"), ("r", "ratio", "1", ["5", "z"]))["r"]
    assert not zero.ok and "分母“z”为零" in zero.message


def test_it_refuses_a_total_of_one_part_and_a_ratio_of_three():
    assert "至少两个" in check(("t", "sum", "5", ["5"]))["t"].message
    assert "恰好列出两个" in check(("r", "ratio", "1", ["1", "1", "1"]))["r"].message
    assert "既不是数字" in check(("t", "sum", "5", ["5", "五"]))["t"].message


def test_printed_forms_with_separators_and_full_width_digits():
    assert check(("t", "sum", "2,852", ["594", "2258"]))["t"].ok
    assert check(("t", "sum", "２８５２", ["594", "2258"]))["t"].ok
    assert not check(("v", "value", "约3千"))["v"].ok


def test_text_helpers():
    text = "共检查{{a}}家，合计{{total}}家，占{{ share }}%，{{nope}}"
    assert placeholders(text) == ["a", "total", "share", "nope"]
    assert unknown_keys(text, ["a", "total", "share"]) == ["nope"]
    assert fill("共{{a}}家{{b}}", {"a": "594"}) == "共594家{{b}}"
    assert find_numbers("共检查594家……2258家，合计2,852家，占85.92%，A4纸") == ["594", "2258", "2,852", "85.92"]
