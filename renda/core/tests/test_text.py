"""The shared folding: the forms people type are interchangeable; only meaning-bearing units count."""

from renda.core import text


def test_it_folds_full_width_and_case():
    assert text.fold("ＡＢＣ１２３") == "abc123"


def test_it_folds_traditional_to_simplified():
    assert text.fold("道路維修與資訊") == "道路维修与资讯"


def test_it_leaves_simplified_text_as_it_is():
    assert text.fold("关于加强城市道路照明的建议") == "关于加强城市道路照明的建议"


def test_units_drop_spaces_and_punctuation():
    assert text.units("道路，桥梁 G107") == "道路桥梁g107"


def test_bigrams_cover_mixed_chinese_latin_and_digits():
    assert text.bigrams("5G基站") == ["5g", "g基", "基站"]


def test_one_unit_is_its_own_bigram_and_nothing_is_nothing():
    assert text.bigrams("路") == ["路"]
    assert text.bigrams("，。 ") == []


def test_shingles_of_a_short_text_are_the_text():
    assert text.shingles("路灯") == {"路灯"}
    assert text.shingles("路灯不亮") == {"路灯不", "灯不亮"}
