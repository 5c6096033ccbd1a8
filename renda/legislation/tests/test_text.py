"""The statute parser: Chinese numerals, 章节条款项目, eIds, rendering back, and malformed numbering
refused with the line."""

import pytest
from django.core.exceptions import ValidationError

from renda.legislation import text as statute
from renda.legislation.tests.fixtures import TEXT


@pytest.mark.parametrize("numeral,n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21),
                                       ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("一百二十三", 123),
                                       ("九百九十九", 999), ("一千零一", 1001)])
def test_numerals_both_ways(numeral, n):
    assert statute.to_int(numeral) == n
    assert statute.to_numeral(n) == numeral


def test_the_tree_of_chapters_articles_paragraphs_items_and_subitems():
    roots = statute.parse(TEXT)
    assert [(c.kind, c.number, c.heading) for c in roots] == [("chapter", 1, "总则"), ("chapter", 2, "保护")]
    arts = statute.articles(roots)
    assert [a.number for a in arts] == [1, 2, 3, 4, 5, 6]
    assert [p.text for p in arts[2].children] == ["市人民政府应当加强领导。", "区县人民政府负责本区域的工作。"]
    items = arts[3].children[0].children
    assert [i.text for i in items] == ["向河湖倾倒垃圾；", "非法采砂；"]
    assert [s.text for s in items[1].children] == ["在禁采区采砂；", "在禁采期采砂。"]
    assert arts[3].eid == "art_4"
    assert items[1].children[0].eid == "art_4__para_1__point_2__point_1"
    assert arts[2].children[1].eid == "art_3__para_2"
    assert roots[1].eid == "chp_2"


def test_sections_and_long_numbers():
    lines = ["第一章　总则", "第一节　一般规定"] + [f"第{statute.to_numeral(n)}条　第{n}条的内容。" for n in range(1, 124)]
    roots = statute.parse("\n".join(lines))
    assert roots[0].children[0].eid == "chp_1__sec_1"
    assert statute.articles(roots)[-1].number == 123
    assert "第一百二十三条" in statute.render(roots)


def test_render_gives_back_the_text():
    assert statute.render(statute.parse(TEXT)) == TEXT


@pytest.mark.parametrize("bad,said", [
    ("第一条　甲。\n第三条　乙。", "第2行“第三条　乙。”：条的序号不连续，此处应为第二条"),
    ("第一条　甲。\n第二条　乙。\n第二条　丙。", "第3行“第二条　丙。”：条的序号重复或倒退，此处应为第三条"),
    ("第一章　总则\n第一条　甲。\n第三章　附则\n第二条　乙。", "第3行“第三章　附则”：章的序号不连续，此处应为第二章"),
    ("第一条　甲：\n（一）子；\n（三）丑。", "第3行“（三）丑。”：项的序号不连续，此处应为（二）"),
    ("本条例名称\n第一条　甲。", "第1行“本条例名称”：正文应从“第一章”或“第一条”开始"),
    ("", "至少应有一条"),
])
def test_malformed_numbering_is_refused_naming_the_field_and_line(bad, said):
    with pytest.raises(ValidationError) as error:
        statute.parse(bad)
    assert said in error.value.message_dict["text"][0]
