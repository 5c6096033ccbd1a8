"""Comparing two versions article by article: renumbered, moved, changed, added and deleted, by key
and, for a version pasted without keys, by text."""

from renda.legislation import actions, compare, queries
from renda.legislation.tests.fixtures import TEXT, bill


def _by_new(rows):
    return {r.new.number: r for r in rows if r.new}


def test_renumbered_moved_changed_added_and_deleted(world_a):
    b = bill(world_a)
    v1 = queries.current_version(b)
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision")
    arts = {a.number: a.key for a in queries.articles(v2)}
    c = world_a.congress
    actions.delete_article(c, v2, actor=world_a.office, article=arts[2])          # 删除第二条
    actions.move_article(c, v2, actor=world_a.office, article=arts[5], after=arts[1])  # 第五条移到第一章
    actions.edit_article(c, v2, actor=world_a.office, article=arts[3],
                         text="市人民政府应当加强领导，建立河湖长制。\n区县人民政府负责本区域的工作。")
    actions.insert_article(c, v2, actor=world_a.office, after=arts[4], text="鼓励公众参与河湖保护。")
    rows = compare.compare(v1, v2)
    statuses = [(r.status, r.old.number if r.old else None, r.new.number if r.new else None) for r in rows]
    assert statuses == [("unchanged", 1, 1), ("deleted", 2, None), ("moved", 5, 2), ("changed", 3, 3),
                        ("unchanged", 4, 4), ("added", None, 5), ("changed", 6, 6)]
    moved = _by_new(rows)[2]
    assert moved.renumbered and not moved.changed and "移至第一章" in moved.note and "由第五条改为第二条" in moved.note
    changed = _by_new(rows)[3]
    assert "<ins>，建立河湖长制</ins>" in changed.new_html and changed.note == "修改文字"
    cites = _by_new(rows)[6]  # 转致 rewritten: 第五条 → 第二条, nothing else
    assert not cites.changed and cites.citations and cites.note == "引用的条文序号相应调整"
    assert "<ins>二</ins>" in cites.new_html


def test_renumbered_only(world_a):
    b = bill(world_a)
    v1 = queries.current_version(b)
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision")
    first = queries.articles(v2).get(number=1)
    actions.insert_article(world_a.congress, v2, actor=world_a.office, after=first.key, text="本市设立河湖保护日。")
    rows = compare.compare(v1, v2)
    by_old = {r.old.number: r for r in rows if r.old}
    assert by_old[2].status == "renumbered" and by_old[2].new.number == 3
    assert by_old[2].note == "条文序号由第二条改为第三条"
    assert compare.summary(rows) == {"unchanged": 1, "changed": 0, "renumbered": 5, "moved": 0, "added": 1,
                                     "deleted": 0}
    assert by_old[6].note == "条文序号由第六条改为第七条；引用的条文序号相应调整"


def test_a_pasted_version_compares_by_text(world_a):
    b = bill(world_a)
    v1 = queries.current_version(b)
    pasted = TEXT.replace("第五条　河湖管理范围内的建设项目应当经过审批。\n", "") \
        .replace("第六条　违反本条例第五条规定的，依照第四条第一款处理。",
                 "第五条　违反本条例第四条规定的，依照第四条第一款处理。")
    pasted = pasted.replace("第一条　为了保护河湖生态，制定本条例。",
                            "第一条　为了保护河湖生态，制定本条例。\n第二条　河湖管理范围内的建设项目应当经过审批。") \
        .replace("第二条　本条例适用", "第三条　本条例适用").replace("第三条　市人民政府", "第四条　市人民政府") \
        .replace("第四条　禁止", "第五条　禁止").replace("第五条　违反本条例第四条规定的，依照第四条第一款",
                                                  "第六条　违反本条例第二条规定的，依照第五条第一款")
    v2 = actions.add_version(world_a.congress, b, actor=world_a.office, stage="revision", text=pasted)
    rows = compare.compare(v1, v2)
    moved = next(r for r in rows if r.old and r.old.number == 5)
    assert moved.status == "moved" and moved.new.number == 2 and not moved.changed
    assert all(r.status != "added" and r.status != "deleted" for r in rows)
