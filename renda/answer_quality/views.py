"""The staff list of answer flags (答复质量提示): filter by source, unit and kind, each linked to its item
(a suggestion, a station's concern or an opinion-register item)."""

from django.shortcuts import render
from django.urls import path

from renda.answer_quality import queries
from renda.answer_quality.models import AnswerFlag
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


@requires("view_answer_flags")
def flag_list(request, congress_code):
    congress = request.congress
    unit = id_or_none(request.GET.get("unit"))
    kind = request.GET.get("kind") if request.GET.get("kind") in AnswerFlag.Kind.values else ""
    source = request.GET.get("source") if request.GET.get("source") in AnswerFlag.Source.values else ""
    rows = list(queries.flags(congress, unit=unit, kind=kind, source=source)[:200])
    _label_items(congress, rows)
    units = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
    return render(request, "answer_quality/list.html", {"flags": rows, "units": units, "unit": unit, "kind": kind,
                                                        "kinds": AnswerFlag.Kind.choices, "source": source,
                                                        "sources": AnswerFlag.Source.choices})


urlpatterns: list = [path("answer-quality/", flag_list, name="answer_flags")]
