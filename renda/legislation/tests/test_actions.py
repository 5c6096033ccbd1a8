"""Bills and versions: the draft parsed from the text, readings from the rule, amendment bills from
the consolidated text, versions pasted or copied, article edits renumbering with their citations."""

import pytest

from renda.core.errors import NotFound, ValidationError
from renda.core.models import RuleSetting
from renda.legislation import actions, queries
from renda.legislation import text as statute
from renda.legislation.models import Bill, BillVersion, CrossReference, Law, LawRevision
from renda.legislation.tests.fixtures import TEXT, bill


def _texts(version):
    return [(a.number, a.text) for a in queries.articles(version)]


def test_a_bill_starts_drafting_with_its_draft_parsed(world_a):
    b = bill(world_a, explanation="关于草案的说明")
    assert b.status == Bill.Status.DRAFTING and b.readings_required == 3
    v = queries.current_version(b)
    assert (v.number, v.stage, v.label, v.explanation) == (1, "draft", "草案", "关于草案的说明")
    assert [a.eid for a in queries.articles(v)] == [f"art_{n}" for n in range(1, 7)]
    ref = CrossReference.objects.in_congress(world_a.congress).select_related("source", "target").get(
        version=v, cited_as="第四条第一款")
    assert ref.source.number == 6 and ref.target.number == 4 and ref.paragraph == 1


def test_readings_follow_the_congress_rule_or_the_bill(world_a):
    RuleSetting.objects.create(congress=world_a.congress, key="legislation.normal_readings", value="2")
    assert bill(world_a).readings_required == 2
    assert bill(world_a, readings_required=1, title="另一条例").readings_required == 1


def test_bad_input_names_the_fields_and_writes_nothing(world_a, world_b):
    with pytest.raises(ValidationError) as error:
        actions.create_bill(world_a.congress, actor=world_a.office, title="", kind="x", purpose="amendment",
                            text="第一条　甲。\n第三条　乙。", committee=world_b.committee, readings_required=0)
    said = error.value.message_dict
    assert set(said) == {"title", "kind", "law", "committee", "readings_required", "text"}
    assert "第2行" in said["text"][0]
    assert not Bill.objects.in_congress(world_a.congress).exists()


def test_a_citation_of_a_missing_article_is_refused(world_a):
    with pytest.raises(ValidationError) as error:
        bill(world_a, text="第一条　甲。\n第二条　违反本条例第九条的，处罚。")
    assert "第二条引用的“本条例第九条”不存在" in error.value.message_dict["text"][0]


def test_another_laws_article_is_not_a_citation(world_a):
    b = bill(world_a, text="第一条　依照《中华人民共和国水法》第五条、第六条和水法第七条，制定本条例。")
    assert not CrossReference.objects.in_congress(world_a.congress).filter(version__bill=b).exists()


def test_inserting_before_article_five_renumbers_the_citations(world_a):
    b = bill(world_a)
    v = queries.current_version(b)
    fourth = queries.articles(v).get(number=4)
    new = actions.insert_article(world_a.congress, v, actor=world_a.office, after=fourth.key,
                                 text="河湖管理单位应当巡查。违反第五条的，依照第六条处理。")
    assert new.number == 5 and new.eid == "art_5"
    texts = dict(_texts(v))
    assert texts[5] == "河湖管理单位应当巡查。违反第六条的，依照第七条处理。"
    assert texts[7] == "违反本条例第六条规定的，依照第四条第一款处理。"
    assert "第七条　违反本条例第六条规定的" in statute.render(statute.parse(_render(v)))


def _render(version):
    from renda.legislation import storage
    return statute.render(storage.load(version))


def test_the_journal_example_fifty_four_becomes_fifty_five(world_a):
    lines = [f"第{statute.to_numeral(n)}条　第{n}条的内容。" for n in range(1, 61)]
    lines[9] = "第十条　违反本条例第五条规定的，依照第五十四条的规定处罚。"
    b = bill(world_a, text="\n".join(lines))
    v = queries.current_version(b)
    fourth = queries.articles(v).get(number=4)
    actions.insert_article(world_a.congress, v, actor=world_a.office, after=fourth.key, text="新增的一条。")
    assert queries.articles(v).get(number=11).text == "违反本条例第六条规定的，依照第五十五条的规定处罚。"
    assert queries.articles(v).get(number=55).text == "第54条的内容。"


def test_deleting_a_cited_article_is_refused_naming_the_citing_articles(world_a):
    b = bill(world_a)
    v = queries.current_version(b)
    fifth = queries.articles(v).get(number=5)
    with pytest.raises(ValidationError) as error:
        actions.delete_article(world_a.congress, v, actor=world_a.office, article=fifth.key)
    assert error.value.message_dict["article"][0].startswith("第五条被第六条引用")
    second = queries.articles(v).get(number=2)
    actions.delete_article(world_a.congress, v, actor=world_a.office, article=second.key)
    assert dict(_texts(v))[5] == "违反本条例第四条规定的，依照第三条第一款处理。"


def test_moving_an_article_to_another_chapter(world_a):
    b = bill(world_a)
    v = queries.current_version(b)
    fifth = queries.articles(v).get(number=5)
    first = queries.articles(v).get(number=1)
    actions.move_article(world_a.congress, v, actor=world_a.office, article=fifth.key, after=first.key)
    moved = queries.articles(v).select_related("parent").get(key=fifth.key)
    assert moved.number == 2 and moved.parent.number == 1
    assert dict(_texts(v))[6] == "违反本条例第二条规定的，依照第五条第一款处理。"


def test_editing_an_article_and_a_heading(world_a):
    v = queries.current_version(bill(world_a))
    third = queries.articles(v).get(number=3)
    actions.edit_article(world_a.congress, v, actor=world_a.office, article=third.key,
                         text="市人民政府应当加强领导。\n（一）制定规划；\n（二）落实经费。")
    row = queries.article(v, third.key)
    assert row.text == "市人民政府应当加强领导。\n（一）制定规划；\n（二）落实经费。"
    chapter = queries.provisions(v).get(kind="chapter", number=2)
    actions.edit_heading(world_a.congress, v, actor=world_a.office, provision=chapter.key, heading="保护与治理")
    assert "第二章　保护与治理" in _render(v)


def test_a_frozen_version_is_not_edited(world_a):
    b = bill(world_a)
    v1 = queries.current_version(b)
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision")
    assert queries.is_frozen(v1) and not queries.is_frozen(v2)
    assert [a.key for a in queries.articles(v2)] == [a.key for a in queries.articles(v1)]
    with pytest.raises(ValidationError) as error:
        actions.delete_article(world_a.congress, v1, actor=world_a.office, article=queries.articles(v1)[0].key)
    assert "已定稿" in error.value.message_dict["version"][0]
    queries.freeze_version(v2)
    assert queries.is_frozen(v2)


def test_a_pasted_version_keeps_keys_by_text(world_a):
    b = bill(world_a)
    v1 = queries.current_version(b)
    pasted = TEXT.replace("第二条　本条例适用于本市行政区域内的河湖。\n", "").replace("第三条", "第二条") \
        .replace("第四条", "第三条").replace("第五条", "第四条").replace("第六条", "第五条") \
        .replace("第二条　市人民政府应当加强领导。", "第二条　市人民政府应当加强对河湖保护工作的领导。")
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision", text=pasted)
    old = {a.key: a.number for a in queries.articles(v1)}
    new = {a.key: a.number for a in queries.articles(v2)}
    assert len(new) == 5 and all(k in old for k in new)
    assert old[next(k for k, n in new.items() if n == 2)] == 3


def test_an_amendment_bill_starts_from_the_consolidated_text(world_a):
    b = bill(world_a)
    v = queries.current_version(b)
    law = Law.objects.create(congress=world_a.congress, title="示例市河湖保护条例", status=Law.Status.IN_FORCE)
    enacted = BillVersion.objects.create(congress=world_a.congress, bill=b, number=2, stage="enacted")
    from renda.legislation import storage
    storage.copy(v, enacted)
    LawRevision.objects.create(congress=world_a.congress, law=law, bill=b, version=enacted, passed_on="2023-08-25")
    amendment = actions.create_bill(world_a.congress, actor=world_a.users["committee_staff"],
                                    title="关于修改《示例市河湖保护条例》的决定", purpose="amendment", law=law.pk)
    draft = queries.current_version(amendment)
    assert _texts(draft) == _texts(enacted)
    assert [a.key for a in queries.articles(draft)] == [a.key for a in queries.articles(enacted)]
    assert queries.law_text(law) == enacted


def test_another_congresss_version_is_not_found(world_a, world_b):
    v = queries.current_version(bill(world_a))
    with pytest.raises(NotFound):
        actions.delete_article(world_b.congress, v, actor=world_b.office, article="x")


def test_members_and_deputies_may_not_draft(world_a):
    from renda.core.errors import NotPermitted
    from renda.core.roles import Role
    for role in (Role.SC_MEMBER, Role.DEPUTY, Role.UNIT_OFFICER):
        with pytest.raises(NotPermitted):
            actions.create_bill(world_a.congress, actor=world_a.users[role], title="甲", text="第一条　甲。")
