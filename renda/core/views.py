import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import actions, rules
from renda.core.forms import AuditFilterForm, GrantForm, RuleForm, TokenForm
from renda.core.models import ApiToken, AuditEntry, Congress, RoleGrant
from renda.core.permissions import PERMISSIONS, STAFF, may, roles_of
from renda.core.queries import congress_summary, congresses_of_user
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, is_htmx, requires


def home(request):
    """The front door: the congresses a signed-in user works in, or all congresses for the public."""
    if request.user.is_authenticated:
        mine = congresses_of_user(request.user)
        if len(mine) == 1:
            return redirect("congress_home", congress_code=mine[0].code)
        listed = mine or list(Congress.objects.order_by("id")[:200])
    else:
        listed = list(Congress.objects.order_by("id")[:200])
    return render(request, "core/home.html", {"congresses": listed})


def ping(request, congress_code=None):
    """The trivial page the benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


def congress_home(request, congress_code):
    congress = request.congress
    roles = roles_of(request.user, congress)
    if Role.DEPUTY in roles and not (roles & STAFF):
        return redirect("my_home", congress_code=congress.code)
    return render(request, "core/congress_home.html", {"summary": congress_summary(congress), "role_set": roles})


@requires("view_rules")
def rule_list(request, congress_code):
    congress = request.congress
    overrides = rules.overrides(congress)
    groups: dict[str, list] = {}
    for r in rules.RULES:
        groups.setdefault(r.group, []).append({
            "rule": r,
            "value": rules.display(rules.get(congress, r.key)),
            "default": rules.display(rules.parse(r, r.default_for(congress)) if r.default_for(congress) is not None else None),
            "overridden": r.key in overrides,
        })
    return render(request, "core/rule_list.html", {"groups": groups, "can_change": may(request.user, congress, "change_rule")})


@requires("change_rule")
@require_http_methods(["GET", "POST"])
def rule_edit(request, congress_code, key):
    congress = request.congress
    try:
        r = rules.rule(key)
    except KeyError:
        return render(request, "404.html", status=404)
    current = rules.get(congress, key)
    initial = "\n".join(current) if isinstance(current, list) and r.kind == rules.LABELS else (
        ",".join(str(v) for v in current) if isinstance(current, list) else ("" if current is None else str(current)))
    form = RuleForm(request.POST or None, initial={"value": initial})
    if request.method == "POST" and form.is_valid():
        try:
            value = None if form.cleaned_data["reset"] else form.cleaned_data["value"]
            actions.change_rule(congress, actor=request.user, key=key, value=value)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已修改：{r.label}")
            return redirect("rule_list", congress_code=congress.code)
    return render(request, "core/rule_edit.html", {"rule": r, "form": form, "current": rules.display(current)})


@requires("view_audit_log")
def audit_list(request, congress_code):
    congress = request.congress
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.in_congress(congress)
    if form.is_valid():
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
        if form.cleaned_data["actor"]:
            entries = entries.filter(actor_name__contains=form.cleaned_data["actor"])
        if form.cleaned_data["object_type"]:
            entries = entries.filter(object_type=form.cleaned_data["object_type"])
    before = request.GET.get("before")
    if before and before.isdigit():
        entries = entries.filter(id__lt=int(before))
    page = list(entries.order_by("-id")[:51])
    more = len(page) > 50
    page = page[:50]
    context = {"entries": page, "form": form, "next_before": page[-1].id if more else None,
                "labels": {k: v[0] for k, v in PERMISSIONS.items()}, "query": request.GET.copy()}
    template = "core/audit_rows.html" if is_htmx(request) else "core/audit_list.html"
    return render(request, template, context)


class _Echo:
    def write(self, value):
        return value


@requires("view_audit_log")
def audit_export(request, congress_code):
    """The whole log as CSV (UTF-8 with BOM so that Excel opens the Chinese correctly)."""
    congress = request.congress
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(["编号", "时间", "操作人", "操作", "对象类型", "对象编号", "对象", "修改前", "修改后"])
        for e in AuditEntry.objects.in_congress(congress).order_by("id").iterator(chunk_size=2000):
            yield writer.writerow([e.id, e.at.isoformat(), e.actor_name, e.action, e.object_type, e.object_id,
                                   e.object_repr, json.dumps(e.before, ensure_ascii=False),
                                   json.dumps(e.after, ensure_ascii=False)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{congress.code}.csv"'
    return response


@requires("grant_role")
@require_http_methods(["GET", "POST"])
def role_list(request, congress_code):
    congress = request.congress
    from renda.people.models import Organisation

    bodies = Organisation.objects.in_congress(congress).filter(
        kind__in=[Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.HANDLING_UNIT])
    form = GrantForm(request.POST or None, organisations=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            actions.grant_role(congress, actor=request.user, user=form.cleaned_data["username"],
                               role=form.cleaned_data["role"], organisation=form.cleaned_data["organisation"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已授予角色")
            return redirect("role_list", congress_code=congress.code)
    grants = RoleGrant.objects.in_congress(congress).select_related("user", "organisation").order_by("role", "id")
    return render(request, "core/role_list.html", {"grants": grants, "form": form})


@requires("revoke_role")
@require_POST
def role_revoke(request, congress_code, grant_id):
    grant = get_object_or_404(RoleGrant.objects.in_congress(request.congress), pk=grant_id)
    actions.revoke_role(request.congress, grant, actor=request.user)
    messages.success(request, "已撤销角色")
    return redirect("role_list", congress_code=congress_code)


@login_required
@requires("issue_api_token")
@require_http_methods(["GET", "POST"])
def token_list(request, congress_code):
    congress = request.congress
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _, secret = actions.issue_api_token(congress, actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.in_congress(congress).filter(user=request.user).order_by("-id")
    return render(request, "core/token_list.html", {"tokens": tokens, "form": form, "secret": secret})
