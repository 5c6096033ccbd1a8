"""Pages of 承办单位职责: the handling units with their duties (office staff edit them), and a box to
try the router on a text — the same proposals the assignment pages show."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, get_or_404, requires
from renda.routing import actions, queries
from renda.routing.forms import DutiesForm, TryForm
from renda.routing.router import EmptyText


@requires("view_unit_routing")
def unit_list(request, congress_code):
    congress = request.congress
    form = TryForm(request.GET or None)
    routing, problem = None, ""
    if form.is_bound and form.is_valid() and form.cleaned_data["text"]:
        try:
            routing = queries.suggest(congress, "", form.cleaned_data["text"])
        except EmptyText as e:
            problem = str(e)
    return render(request, "routing/units.html", {
        "units": list(queries.handling_units(congress).order_by("name", "id")), "form": form,
        "routing": routing, "problem": problem, "may_edit": may(request.user, congress, "set_unit_duties")})


@requires("set_unit_duties")
@require_http_methods(["GET", "POST"])
def unit_edit(request, congress_code, unit_id):
    congress = request.congress
    unit = get_or_404(queries.handling_units(congress), unit_id, "找不到该承办单位")
    form = DutiesForm(request.POST or None, initial={"duties": unit.duties})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                actions.set_unit_duties(congress, unit, actor=request.user, duties=form.cleaned_data["duties"])
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已保存{unit.name}的职责")
                return redirect("routing_units", congress.code)
    return render(request, "routing/unit_edit.html", {"unit": unit, "form": form}, status=status)


urlpatterns = [
    path("routing/units/", unit_list, name="routing_units"),
    path("routing/units/<str:unit_id>/", unit_edit, name="routing_unit_edit"),
]
