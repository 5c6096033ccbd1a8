"""The checks at their thresholds (core.rules answer_quality.*), on text built to hit them exactly."""

from fractions import Fraction

from renda.answer_quality import checks

LETTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"


def past(text):
    return [checks.Past(1, 1, "第0001号 旧件", text)]


def repeats(answer, earlier, containment=Fraction(3, 5), passage_units=30, min_units=6):
    return checks.repeats(answer, past(earlier), containment=containment, passage_units=passage_units,
                          min_units=min_units)


def test_containment_at_the_threshold_flags_and_just_below_does_not():
    # 12 units → 10 shingles; the first 8 units shared → 6 shared shingles = 3/5 exactly.
    shared, own = LETTERS[:8], LETTERS[20:24]
    assert len(checks.shingles(shared + own)) == 10
    at = repeats(shared + own, shared + "。其他")
    assert at and at[0].containment == 0.6
    below = repeats(LETTERS[:7] + LETTERS[20:25], LETTERS[:7] + "。其他")  # 5 of 10
    assert below == []


def test_a_long_shared_passage_flags_even_when_the_share_is_small():
    passage = LETTERS[:30]
    answer = passage + LETTERS[30:] + "这是一段很长的其他文字，说明具体办理情况，包括时间、地点和经费安排以及后续工作计划" * 2
    found = repeats(answer, passage)
    assert found and found[0].longest == 30 and found[0].containment < 0.6
    assert repeats(answer.replace(LETTERS[29], "，", 1), LETTERS[:29] + "，") == []  # 29 units: not enough


def test_an_answer_shorter_than_the_minimum_is_not_compared():
    assert repeats("供研究参考", "供研究参考") == []  # 5 units < 6
    assert repeats("供研究时参考", "供研究时参考")  # 6 units


def test_folding_makes_traditional_and_full_width_the_same_text():
    assert repeats("供研究時參考，ＡＢＣ１２３", "供研究时参考。abc123")


def test_off_topic_coverage_at_the_threshold():
    request = checks.request_of("", "建议" + LETTERS[:11], ["建议"])  # 10 bigrams after the marker
    two = checks.coverage(request, LETTERS[:3], ["建议"], min_units=6)  # 2 of 10 bigrams = 1/5
    assert two is not None and two.score == 0.2
    one = checks.coverage(request, LETTERS[:2], ["建议"], min_units=6)
    assert one is not None and one.score == 0.1 and LETTERS[1:11] in one.missing


def test_the_request_is_the_asking_sentences_or_else_the_whole_item():
    assert checks.request_of("标题", "背景情况。建议增设路灯。", ["建议"]) == "建议增设路灯"
    assert checks.request_of("标题", "背景情况。", ["建议"]) == "标题。背景情况"


def test_marked_segments_point_at_the_shared_passage_in_the_original_text():
    segments = checks.marked("甲乙丙，丁戊 新内容", ["甲乙丙丁戊"])
    assert segments[0] == {"text": "甲乙丙，丁戊", "shared": True} and segments[-1]["shared"] is False
