"""The questionnaires list answers ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets): exactly
what the keyword and status chose, the times as dates, the number of answers as a number, a title
beginning with = kept as text; another congress's staff are refused."""

from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.questionnaires import actions
from renda.questionnaires.tests.factory import make_questionnaire
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/questionnaires/?{query}"


def test_it_exports_the_questionnaires_as_filtered(world_a, world_b):
    make_questionnaire(world_a)
    actions.create_questionnaire(world_a.congress, actor=world_a.root, title=FORMULA)
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, "问卷调查",
                    dates=["开始时间"], numbers=["答卷数"], formula_in="问卷")
    assert sorted(texts(ws, "问卷")) == sorted([FORMULA, "社区养老服务问卷"])
    assert texts(check_xlsx(office.get(url(world_a, "q=养老&export=xlsx")), world_a.congress, "问卷调查"),
                 "问卷") == ["社区养老服务问卷"]
    assert texts(check_xlsx(office.get(url(world_a, "status=draft&export=xlsx")), world_a.congress, "问卷调查"),
                 "问卷") == [FORMULA]
    assert csv_rows(office.get(url(world_a, "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
