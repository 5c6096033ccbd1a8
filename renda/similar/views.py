"""The similar-items panel under a form (htmx, as the person types) and the staff's cluster page."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from renda.core.views_helpers import requires
from renda.people.validation import id_or_none
from renda.similar import finder


def _typed(data) -> str:
    # the forms name their boxes differently: a suggestion's title/body, a concern's text, a proposal's description
    return "\n".join(str(data.get(name, "")) for name in ("title", "body", "text", "description") if data.get(name))


@require_http_methods(["POST"])
def panel(request, congress_code, kind):
    """相似的已有件: the fragment under a form, refreshed as the person types."""
    if kind not in finder.KINDS:
        raise Http404("没有这类已有件")
    found = finder.find_similar(request.congress, request.user, kind, _typed(request.POST),
                                exclude_id=id_or_none(request.POST.get("exclude") or request.POST.get("draft")))
    return render(request, "similar/_panel_items.html", {"found": found})


@requires("view_similar_clusters")
def cluster_page(request, congress_code):
    """Near-duplicates among a batch as merge candidates (staff)."""
    kind = request.GET.get("kind") or "suggestion"
    if kind not in finder.KINDS:
        raise Http404("没有这类已有件")
    year = id_or_none(request.GET.get("year"))
    result = finder.clusters(request.congress, request.user, kind, year=year if year and 1900 < year < 3000 else None,
                             session_id=id_or_none(request.GET.get("session")), call_id=id_or_none(request.GET.get("call")))
    template = "similar/_clusters.html" if request.headers.get("HX-Request") else "similar/clusters.html"
    return render(request, template, {"result": result, "kind": kind, "kinds": finder.KINDS})
