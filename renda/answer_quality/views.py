"""The staff list of answer flags (答复质量提示): filter by unit and kind, each linked to its item."""

from django.shortcuts import render
from django.urls import path

from renda.answer_quality import queries
from renda.answer_quality.models import AnswerFlag
from renda.core.views_helpers import requires
from renda.people.models import Organisation
from renda.people.validation import id_or_none
from renda.proposals.models import Suggestion


@requires("view_answer_flags")
def flag_list(request, congress_code):
    congress = request.congress
    unit = id_or_none(request.GET.get("unit"))
    kind = request.GET.get("kind") if request.GET.get("kind") in AnswerFlag.Kind.values else ""
    rows = list(queries.flags(congress, unit=unit, kind=kind)[:200])
    items = Suggestion.objects.in_congress(congress).in_bulk([f.item_id for f in rows])
    for f in rows:
        f.item = items.get(f.item_id)  # type: ignore[attr-defined]
    units = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
    return render(request, "answer_quality/list.html", {"flags": rows, "units": units, "unit": unit, "kind": kind,
                                                        "kinds": AnswerFlag.Kind.choices})


urlpatterns: list = [path("answer-quality/", flag_list, name="answer_flags")]
