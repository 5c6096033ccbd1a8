import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, jinja, spreadsheets, uploads, versioned
from renda.core.kept_pages import kept_page
from renda.core.models import Term
from renda.core.permissions import STAFF, may, roles_of
from renda.core.spreadsheets import Column, describe_filters
from renda.core.tenancy import cross_congress_query
from renda.core.views_helpers import add_action_errors, get_or_404, is_htmx, requires
from renda.people import actions, exchange, popolo, queries
from renda.people.forms import (
    ContactForm,
    DeputyForm,
    ImportForm,
    MandateForm,
    MandateStatusForm,
    MembershipEndForm,
    MembershipForm,
    OrganisationForm,
    PersonForm,
)
from renda.people.models import Mandate, Membership, Organisation
from renda.people.workflows import MANDATE_WORKFLOW


def get_mandate_for_user(request, mandate_id: int) -> Mandate:
    """The same 404 for a mandate that does not exist and one of another congress."""
    return get_or_404(Mandate.objects.in_congress(request.congress)
                      .select_related("person", "term", "delegation", "deputy_group", "liaison_station"),
                      mandate_id, "找不到该代表")


def get_organisation_for_user(request, organisation_id: int) -> Organisation:
    return get_or_404(Organisation.objects.in_congress(request.congress), organisation_id, "找不到该机构")


def _int(value):
    return int(value) if value and str(value).isdecimal() else None


def sees_particulars(user, congress) -> bool:
    """Birth date, ethnicity, party, occupation, workplace, certificate number and the history are for
    staff; the public page of a deputy shows name, delegation and liaison station only."""
    return bool(roles_of(user, congress) & STAFF)


def deputy_columns(*, particulars: bool, show_contact: bool) -> list[Column]:
    """The register's export: what the page shows this user — particulars for staff, the phone for
    those who may see contact details (the same permissions as the page and the deputy's page)."""
    if particulars:
        columns = [Column("代表证号", "number"), Column("姓名", "person.name"), Column("性别", "person.sex"),
                   Column("民族", "person.ethnicity"), Column("出生日期", "person.birth_date", "date"),
                   Column("政治面貌", "person.party"), Column("职业", "person.occupation"),
                   Column("代表团", "delegation.name"), Column("代表小组", "deputy_group.name"),
                   Column("联络站", "liaison_station.name"), Column("工作单位及职务", "person.workplace"),
                   Column("选区或选举单位", "constituency"), Column("届次", lambda m: str(m.term)),
                   Column("当选日期", "elected_on", "date")]
    else:
        columns = [Column("姓名", "person.name"), Column("代表团", "delegation.name"), Column("联络站", "liaison_station.name")]
    if show_contact:
        columns.append(Column("联系电话", "person.phone"))
    columns.append(Column("状态", lambda m: m.get_status_display()))
    if particulars:
        columns += [Column("终止日期", "ended_on", "date"), Column("终止原因", "end_reason")]
    return columns


def _named(rows, pk) -> str:
    found = next((o for o in rows if o.pk == pk), None) if pk else None
    return str(found) if found is not None else ""


@kept_page
def deputy_list(request, congress_code):
    congress = request.congress
    params = request.GET
    rows = queries.deputies(
        congress, q=params.get("q", "").strip(), status=params.get("status", ""),
        delegation=_int(params.get("delegation")), deputy_group=_int(params.get("deputy_group")),
        liaison_station=_int(params.get("liaison_station")), term=_int(params.get("term")),
    )
    if fmt := spreadsheets.wanted(request):
        orgs = list(queries.organisations(congress, ""))
        filters = describe_filters([
            ("关键词", params.get("q", "").strip()), ("状态", dict(Mandate.Status.choices).get(params.get("status", ""))),
            ("代表团", _named(orgs, _int(params.get("delegation")))),
            ("代表小组", _named(orgs, _int(params.get("deputy_group")))),
            ("联络站", _named(orgs, _int(params.get("liaison_station")))),
            ("届次", _named(list(Term.objects.in_congress(congress)), _int(params.get("term"))))])
        columns = deputy_columns(particulars=sees_particulars(request.user, congress),
                                 show_contact=may(request.user, congress, "view_contact_details"))
        return spreadsheets.export_response(request, subject="代表名册", columns=columns, rows=rows.order_by("id"),
                                            filters=filters, fmt=fmt)
    query = params.copy()
    query.pop("after", None)
    context = {
        "query": query.urlencode(), "params": params,
        "show_contact": may(request.user, congress, "view_contact_details"),
        "particulars": sees_particulars(request.user, congress),
        "can_appoint": may(request.user, congress, "appoint_deputy"), "congress": congress,
    }

    def rows_context() -> dict:
        page, next_after = queries.keyset_page(rows.only(*REGISTER_ROW_FIELDS), _int(params.get("after")))
        return {**context, "page": page, "next_after": next_after}

    # The same page of the register, at the same data version, for anyone who sees the same columns.
    seen = f"{context['particulars']:d}{context['show_contact']:d}"
    context["rows"] = jinja.kept_part(request, f"register_rows:{seen}:{versioned.query_key(params)}",
                                      "people/deputy_rows.jinja", rows_context)
    if is_htmx(request):
        context["refresh_exports"] = not params.get("after")   # the filters changed: so do the export links
        return render(request, "people/deputy_rows.html", context)
    context.update(versioned.cached(congress, "register_filters", lambda: _register_filters(congress)))
    context["statuses"] = Mandate.Status.choices
    context["filters"] = jinja.rows(request, "people/register_filters.jinja", context)
    return render(request, "people/deputy_list.html", context)


# What the register's rows show (people/deputy_rows.jinja): the rest of a person's particulars are
# not loaded for a page of 50.
REGISTER_ROW_FIELDS = ("id", "number", "status", "term__number", "person__name", "person__sex",
                       "person__ethnicity", "person__workplace", "person__phone", "delegation__name",
                       "deputy_group__name", "liaison_station__name")


def _register_filters(congress) -> dict:
    """The register's filter choices as (value, label) pairs, worked out once per data version."""
    def named(kind):
        return [(str(pk), name) for pk, name in
                queries.organisations(congress, kind).order_by("name").values_list("pk", "name")]

    return {"delegations": named(Organisation.Kind.DELEGATION), "groups": named(Organisation.Kind.DEPUTY_GROUP),
            "stations": named(Organisation.Kind.LIAISON_STATION),
            "terms": [(str(t.pk), str(t)) for t in Term.objects.in_congress(congress)]}


def deputy_detail(request, congress_code, mandate_id):
    congress = request.congress
    mandate = get_mandate_for_user(request, mandate_id)
    staff = may(request.user, congress, "update_mandate")
    return render(request, "people/deputy_detail.html", {
        "oversight_parts": _oversight_parts(request, mandate.person) if sees_particulars(request.user, congress) else [],
        "mandate": mandate, "person": mandate.person,
        "events": mandate.events.order_by("on", "id"),
        "memberships": Membership.objects.in_congress(congress).filter(person=mandate.person).select_related("organisation"),
        "show_contact": may(request.user, congress, "view_contact_details"),
        "particulars": sees_particulars(request.user, congress),
        "can_edit": staff,
        "status_form": _status_form(request, mandate) if staff else None,
        "duty_results": _duty_results(request, mandate.person),
    })


def _duty_results(request, person) -> list | None:
    """The deputy's duty reports and their ratings (述职评议), for those who may see them; None hides the part."""
    from renda.duty_reports import queries as duty_reports

    if not duty_reports.sees_all(request.user, request.congress) and person.user_id != request.user.pk:
        return None
    return duty_reports.results_for(request.congress, person)


def _oversight_parts(request, person) -> list:
    """The surveys, inspections and visits the deputy took part in (their record, 履职), each linked
    where this user may open it."""
    from renda.oversight.participation import activities_of
    from renda.oversight.queries import may_see_activity

    parts = activities_of(request.congress, person)
    return [{"activity": p.activity, "roles": p.roles,
             "visible": may_see_activity(request.user, request.congress, p.activity)} for p in parts]


@requires("appoint_deputy")
@require_http_methods(["GET", "POST"])
def deputy_new(request, congress_code):
    congress = request.congress
    form = DeputyForm(request.POST or None, congress=congress)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mandate = actions.appoint_deputy(
                congress, actor=request.user, term=data["term"], number=data["number"], elected_on=data["elected_on"],
                person_data={k: data[k] for k in actions.PERSON_FIELDS},
                delegation=data["delegation"], constituency=data["constituency"],
                deputy_group=data["deputy_group"], liaison_station=data["liaison_station"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已登记代表：{mandate.person.name}")
            return redirect("deputy_detail", congress_code=congress.code, mandate_id=mandate.pk)
    return render(request, "people/form.html", {"form": form, "title": "登记代表"})


@requires("update_mandate")
@require_http_methods(["GET", "POST"])
def deputy_edit(request, congress_code, mandate_id):
    congress = request.congress
    mandate = get_mandate_for_user(request, mandate_id)
    initial = {f: getattr(mandate, f) for f in ["number", "constituency", "delegation", "deputy_group", "liaison_station"]}
    form = MandateForm(request.POST or None, congress=congress, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {f: data[f] for f in initial if data[f] != initial[f]}
        try:
            if changes:
                actions.update_mandate(congress, mandate, actor=request.user, on=data["on"], note=data["note"], **changes)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("deputy_detail", congress_code=congress.code, mandate_id=mandate.pk)
    return render(request, "people/form.html", {"form": form, "title": f"修改代表资格：{mandate.person.name}"})


@requires("update_person")
@require_http_methods(["GET", "POST"])
def person_edit(request, congress_code, mandate_id):
    congress = request.congress
    mandate = get_mandate_for_user(request, mandate_id)
    person = mandate.person
    form = PersonForm(request.POST or None, initial={f: getattr(person, f) for f in actions.PERSON_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(congress, person, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("deputy_detail", congress_code=congress.code, mandate_id=mandate.pk)
    return render(request, "people/form.html", {"form": form, "title": f"修改人员信息：{person.name}"})


def _status_form(request, mandate: Mandate, data=None) -> MandateStatusForm | None:
    """The status changes this user may make to this mandate; None, to show, when there are none."""
    transitions = MANDATE_WORKFLOW.available(mandate.status, roles_of(request.user, request.congress), request.congress)
    if not transitions and data is None:
        return None
    return MandateStatusForm(data, transitions=transitions, name=mandate.person.name, current=mandate.status,
                             initial={"on": timezone.localdate()}, auto_id="status_%s")


@requires("end_mandate")
@require_http_methods(["GET", "POST"])
def deputy_status(request, congress_code, mandate_id):
    """Move a mandate along its workflow: end it, suspend it or restore it. The form sits on the deputy's
    page; a refused change comes back here with what was typed and the reason beside its field."""
    congress = request.congress
    mandate = get_mandate_for_user(request, mandate_id)
    form = _status_form(request, mandate, request.POST if request.method == "POST" else None)
    if form is not None and form.is_bound and form.is_valid():
        target, on, reason = form.cleaned_data["status"], form.cleaned_data["on"], form.cleaned_data["reason"]
        try:
            if target == Mandate.Status.SUSPENDED:
                actions.suspend_mandate(congress, mandate, actor=request.user, on=on, reason=reason)
            elif target == Mandate.Status.SERVING:
                actions.restore_mandate(congress, mandate, actor=request.user, on=on, reason=reason)
            else:
                actions.end_mandate(congress, mandate, actor=request.user, status=target, on=on, reason=reason)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"{mandate.person.name}的状态已改为：{mandate.get_status_display()}")
            return redirect("deputy_detail", congress_code=congress.code, mandate_id=mandate.pk)
    return render(request, "people/deputy_status.html", {"mandate": mandate, "status_form": form})


ORGANISATION_COLUMNS = [
    Column("名称", "name"), Column("简称", "short_name"), Column("类别", lambda o: o.get_kind_display()),
    Column("上级机构", "parent.name"), Column("单位类型", lambda o: o.get_unit_type_display()),
    Column("地址", "address"), Column("存续", "active"),
]
# The telephone is shown on no page but the edit form: the file holds it only for those who may edit.
ORGANISATION_PHONE = Column("电话", "phone")


def organisation_list(request, congress_code):
    congress = request.congress
    kind = request.GET.get("kind", "")
    kind = kind if kind in Organisation.Kind.values else ""
    q = request.GET.get("q", "").strip()
    rows = queries.organisations(congress, kind).select_related("parent").order_by("kind", "name", "id")
    if q:
        rows = rows.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(address__contains=q))
    if fmt := spreadsheets.wanted(request):
        filters = describe_filters([("关键词", q), ("类别", dict(Organisation.Kind.choices).get(kind))])
        columns = ORGANISATION_COLUMNS
        if may(request.user, congress, "update_organisation"):
            columns = [*columns[:-1], ORGANISATION_PHONE, columns[-1]]
        return spreadsheets.export_response(request, subject="机构名录", columns=columns, rows=rows,
                                            filters=filters, fmt=fmt)
    shown = list(rows[:501])
    return render(request, "people/organisation_list.html", {
        "organisations": shown[:500], "more": len(shown) > 500, "kinds": Organisation.Kind.choices, "kind": kind, "q": q,
        "can_create": may(request.user, congress, "create_organisation"),
    })


@requires("create_organisation")
@require_http_methods(["GET", "POST"])
def organisation_new(request, congress_code):
    congress = request.congress
    form = OrganisationForm(request.POST or None, congress=congress, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            org = actions.create_organisation(congress, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已新建：{org.name}")
            return redirect("organisation_detail", congress_code=congress.code, organisation_id=org.pk)
    return render(request, "people/form.html", {"form": form, "title": "新建机构"})


@requires("update_organisation")
@require_http_methods(["GET", "POST"])
def organisation_edit(request, congress_code, organisation_id):
    congress = request.congress
    org = get_organisation_for_user(request, organisation_id)
    initial = {f: getattr(org, f) for f in ["kind", "name", "short_name", "parent", "unit_type", "address", "phone"]}
    form = OrganisationForm(request.POST or None, congress=congress, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {f: v for f, v in form.cleaned_data.items() if v != initial.get(f)}
        try:
            if changes:
                actions.update_organisation(congress, org, actor=request.user, **changes)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("organisation_detail", congress_code=congress.code, organisation_id=org.pk)
    return render(request, "people/form.html", {"form": form, "title": f"修改机构：{org.name}"})


@require_http_methods(["GET", "POST"])
def organisation_detail(request, congress_code, organisation_id):
    congress = request.congress
    org = get_organisation_for_user(request, organisation_id)
    can_manage = may(request.user, congress, "add_membership")
    form = MembershipForm(request.POST or None, congress=congress) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("您没有“增加机构成员”的权限")
        if form.is_valid():
            data = form.cleaned_data
            try:
                added = _add_members(request, org, data)
            except ValidationError as error:
                if hasattr(error, "error_dict") and "person" in error.error_dict:
                    error = ValidationError({("people" if k == "person" else k): v for k, v in error.error_dict.items()})
                add_action_errors(form, error)
            else:
                messages.success(request, f"已增加成员：{'、'.join(m.person.name for m in added)}（{data['post']}）")
                return redirect("organisation_detail", congress_code=congress.code, organisation_id=org.pk)
    from renda.appointments.queries import pending_oath_membership_ids

    members = Membership.objects.in_congress(congress).filter(organisation=org).select_related("person").order_by("end", "start", "id")
    # An appointee not yet sworn is not in office where the oath is required (宪法第二十七条): the
    # staff see the post as 待宣誓, everyone else does not see it yet.
    pending = pending_oath_membership_ids(congress)
    current = queries.current_members(congress, org).exclude(pk__in=pending)
    if not sees_particulars(request.user, congress):
        members = Membership.public(members).exclude(pk__in=pending)
    return render(request, "people/organisation_detail.html", {
        "organisation": org, "members": members, "current": current.count(), "pending_oath": pending,
        "form": form, "can_edit": may(request.user, congress, "update_organisation"),
        "can_end": may(request.user, congress, "end_membership"), "today": timezone.localdate(),
        "children": Organisation.objects.in_congress(congress).filter(parent=org).order_by("name"),
    })


def _add_members(request, org: Organisation, data: dict) -> list[Membership]:
    """Every picked person (and the newly named one) joins, or none does."""
    congress = request.congress
    with transaction.atomic():
        added = [actions.add_membership(congress, actor=request.user, organisation=org, person=person,
                                        post=data["post"], start=data["start"]) for person in data["people"]]
        if data["name"].strip():
            added.append(actions.add_membership(congress, actor=request.user, organisation=org,
                                                person_data={"name": data["name"], "sex": data["sex"]},
                                                post=data["post"], start=data["start"]))
    return added


@requires("end_membership")
@require_http_methods(["GET", "POST"])
def membership_end(request, congress_code, membership_id):
    """End a post on a date. The form sits in the members table; a refused date comes back here with
    the reason beside it."""
    congress = request.congress
    membership = get_or_404(Membership.objects.in_congress(congress).select_related("person", "organisation"),
                            membership_id, "找不到该任职")
    form = MembershipEndForm(request.POST or None, initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_membership(congress, membership, actor=request.user, end=form.cleaned_data["end"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已结束{membership.person.name}在{membership.organisation.name}的{membership.post}任职")
            return redirect("organisation_detail", congress_code=congress.code, organisation_id=membership.organisation_id)
    return render(request, "people/membership_end.html", {"membership": membership, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def my_home(request, congress_code):
    """A deputy's own page, built for a phone: mandate, bodies, other levels, contact details."""
    congress = request.congress
    person = getattr(request.user, "person", None)
    if person is None or not actions.person_in_congress(congress, person):
        return render(request, "people/my_home.html", {"person": None})
    form = ContactForm(request.POST or None, initial={"phone": person.phone})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_own_contact(congress, actor=request.user, phone=form.cleaned_data["phone"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "联系电话已更新")
            return redirect("my_home", congress_code=congress.code)
    mandates = Mandate.objects.in_congress(congress).filter(person=person).select_related(
        "term", "delegation", "deputy_group", "liaison_station").order_by("-term__number")
    with cross_congress_query("congresses_of_person"):
        levels = list(Mandate.unscoped.filter(person=person, status=Mandate.Status.SERVING)
                      .select_related("congress").order_by("congress_id"))
    from renda.proposals.queries import items_of

    return render(request, "people/my_home.html", {
        "person": person, "mandates": mandates, "levels": levels, "form": form, "suggestions": items_of(congress, person),
        "oversight_parts": _oversight_parts(request, person),
        "memberships": Membership.objects.in_congress(congress).filter(person=person).select_related("organisation"),
    })


# ── import and export ──

def _progress_key(congress, token: str) -> str:
    return f"import-progress:{congress.pk}:{token}"


def _upload_path(token: str, suffix: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{token}{suffix}"


def _reporter(congress, token: str):
    def report(phase: str, done: int, total: int) -> None:
        cache.set(_progress_key(congress, token), {"phase": phase, "done": done, "total": total}, 3600)
    return report


def _import_fragment(request, fragment: str, context: dict):
    """htmx swaps the fragment in; without scripts the same fragment comes inside a whole page."""
    if is_htmx(request):
        return render(request, fragment, context)
    return render(request, "people/import_page.html", {**context, "fragment": fragment})


@requires("export_people")
def import_export(request, congress_code):
    return render(request, "people/import_export.html", {
        "form": ImportForm(), "token": uuid.uuid4().hex,
        "can_import": may(request.user, request.congress, "import_people"),
    })


@requires("import_people")
@require_POST
def import_preview(request, congress_code):
    """Dry run: read the file, plan every row, show what would change and every error; write nothing."""
    from renda.people.importing import PLANNERS

    congress = request.congress
    form = ImportForm(request.POST, request.FILES)
    token = request.POST.get("token") or uuid.uuid4().hex
    if not token.isalnum():
        raise Http404
    context = {"form": form, "token": token}
    if form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        try:
            found = uploads.check(upload, "people_import")  # kind by content and size, before it is read
            data = upload.read()
            rows = exchange.read_table(kind, data, upload.name)
            plan = PLANNERS[kind][0](congress, rows, _reporter(congress, token))
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            suffix = ".xlsx" if found is not None and found.key == "xlsx" else ".csv"
            _upload_path(token, suffix).write_bytes(data)
            context.update({"plan": plan, "kind": kind, "filename": upload.name, "suffix": suffix,
                            "errors_shown": plan.errors[:500], "creates": plan.creates[:20], "updates": plan.updates[:20],
                            "confirm": _import_confirm(kind, plan)})
    # The file itself cannot be put back into a file input; the choice of what to import can.
    return _import_fragment(request, "people/import_preview.html", context)


def _import_confirm(kind: str, plan) -> str:
    word = "名代表" if kind == "deputies" else "个机构"
    return (f"将导入 {len(plan.creates) + len(plan.updates)}{word}：新增 {len(plan.creates)}，修改 {len(plan.updates)}"
            f"（文件共 {plan.total} 行，{plan.unchanged} 行无变化）。导入后立即生效并记入审计日志。确定导入吗？")


@requires("import_people")
@require_POST
def import_apply(request, congress_code):
    congress = request.congress
    token, kind, suffix = request.POST.get("token", ""), request.POST.get("kind", ""), request.POST.get("suffix", "")
    filename = request.POST.get("filename", "")
    if not token.isalnum() or suffix not in {".xlsx", ".csv"}:
        raise Http404
    path = _upload_path(token, suffix)
    if not path.exists():
        raise Http404("上传的文件已过期，请重新上传")
    report = _reporter(congress, token)
    try:
        rows = exchange.read_table(kind, path.read_bytes(), path.name)
        plan = actions.import_people(congress, actor=request.user, kind=kind, rows=rows, filename=filename, progress=report)
    except actions.ImportRejected as rejected:
        return _import_fragment(request, "people/import_preview.html", {
            "form": ImportForm(initial={"kind": kind}), "plan": rejected.plan, "errors_shown": rejected.plan.errors[:500],
            "kind": kind, "token": token, "rejected": True})
    except ValidationError as error:
        return _import_fragment(request, "people/import_done.html", {"error": "；".join(error.messages)})
    finally:
        cache.delete(_progress_key(congress, token))
    path.unlink(missing_ok=True)
    return _import_fragment(request, "people/import_done.html", {"plan": plan, "kind": kind})


@requires("import_people")
def import_progress(request, congress_code, token):
    state = cache.get(_progress_key(request.congress, token)) or {}
    return render(request, "people/import_progress.html", {"state": state, "token": token})


@requires("export_people")
def export(request, congress_code, kind, fmt):
    congress = request.congress
    if kind not in exchange.COLUMNS or fmt not in {"xlsx", "csv"}:
        raise Http404
    rows = exchange.records(kind, congress)
    if fmt == "xlsx":
        body, mime = exchange.to_xlsx(kind, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, mime = exchange.to_csv(kind, rows), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=mime)
    subject = {"deputies": "代表名册", "organisations": "单位名录"}[kind]
    return downloads.attachment(response, downloads.dated(subject, fmt))


def popolo_export(request, congress_code):
    """Popolo JSON is public information (代表法 art. 58); contact details only for those allowed."""
    congress = request.congress
    data = popolo.export(congress, include_contact=may(request.user, congress, "view_contact_details"),
                         include_particulars=sees_particulars(request.user, congress))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, content_type="application/json; charset=utf-8")

