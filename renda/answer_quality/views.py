"""The staff list of answer flags (答复质量提示): filter by source, unit and kind, each linked to its item
(a suggestion, a station's concern or an opinion-register item)."""

from django.shortcuts import render
from django.urls import path

from renda.answer_quality import queries
from renda.answer_quality.models import AnswerFlag
from renda.core import spreadsheets
from renda.core.spreadsheets import Column
from renda.core.views_helpers import requires
from renda.liaison.models import Concern
from renda.people.models import Organisation
from renda.people.validation import id_or_none
from renda.proposals.models import Suggestion


def _label_items(congress, rows: list[AnswerFlag]) -> None:
    """Give each flag its item's ``item_label`` and ``item_href`` (none if the item is gone)."""
    ids = {source: [f.item_id for f in rows if f.source == source] for source in AnswerFlag.Source.values}
    suggestions = Suggestion.objects.in_congress(congress).in_bulk(ids[AnswerFlag.Source.SUGGESTION])
    concerns = Concern.objects.in_congress(congress).in_bulk(ids[AnswerFlag.Source.CONCERN])
    for f in rows:
        label = href = ""
        if f.source == AnswerFlag.Source.SUGGESTION and f.item_id in suggestions:
            item = suggestions[f.item_id]
            label, href = f"{item.numbered} {item}".strip(), queries.item_href(congress.code, f.source, f.item_id)
        elif f.source == AnswerFlag.Source.CONCERN and f.item_id in concerns:
            concern = concerns[f.item_id]
            register = concern.source in Concern.REGISTER_SOURCES
            label = f"{'意见建议' if register else '群众诉求'} {concern.pk}：{concern.text[:30]}"
            href = queries.item_href(congress.code, f.source, f.item_id, register)
        f.item_label, f.item_href = label, href  # type: ignore[attr-defined]


# The list's export (core.spreadsheets): the score as a percentage, the time of the check as a date and time.
COLUMNS = [
    Column("件", "item_label"), Column("答复类别", lambda f: f.get_source_display()), Column("承办单位", "unit.name"),
    Column("提示", lambda f: f.get_kind_display()),
    Column("依据", lambda f: "与旧答复相同" if f.kind == AnswerFlag.Kind.BOILERPLATE else "覆盖请求"),
    Column("比例", "score", "percent"), Column("检查时间", "computed_at", "datetime"),
]


SHOWN = 200  # rows on the page


@requires("view_answer_flags")
def flag_list(request, congress_code):
    congress = request.congress
    unit = id_or_none(request.GET.get("unit"))
    kind = request.GET.get("kind") if request.GET.get("kind") in AnswerFlag.Kind.values else ""
    source = request.GET.get("source") if request.GET.get("source") in AnswerFlag.Source.values else ""
    q = request.GET.get("q", "").strip()[:100]
    fmt = spreadsheets.wanted(request)
    found = queries.flags(congress, unit=unit, kind=kind, source=source)
    rows = list(found if fmt or q else found[:SHOWN])
    _label_items(congress, rows)
    if q:
        rows = [f for f in rows if q in f.item_label or q in f.unit.name]  # type: ignore[attr-defined]
    units = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
    if fmt:
        return spreadsheets.export_response(request, subject="答复质量提示", columns=COLUMNS, rows=rows, fmt=fmt,
                                            filters=spreadsheets.describe_filters([
                                                ("答复类别", AnswerFlag.Source(source).label if source else ""),
                                                ("承办单位", next((u.name for u in units if u.pk == unit), unit)),
                                                ("提示", AnswerFlag.Kind(kind).label if kind else ""), ("关键词", q)]))
    # the page shows the latest SHOWN; past that it says how many there are (the export holds them all)
    total = len(rows) if q or len(rows) < SHOWN else found.count()
    return render(request, "answer_quality/list.html", {"flags": rows[:SHOWN], "shown": SHOWN, "total": total,
                                                        "q": q, "units": units, "unit": unit, "kind": kind,
                                                        "kinds": AnswerFlag.Kind.choices, "source": source,
                                                        "sources": AnswerFlag.Source.choices})


urlpatterns: list = [path("answer-quality/", flag_list, name="answer_flags")]
