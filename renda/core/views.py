import datetime

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import accounts, actions, audit_display, downloads, inbox, rules, spreadsheets
from renda.core.errors import NotFound
from renda.core.forms import (
    AccountCreateForm,
    AuditFilterForm,
    GrantForm,
    OwnPasswordForm,
    ResetPasswordForm,
    RuleForm,
    TokenForm,
)
from renda.core.kept_pages import kept_page
from renda.core.models import ApiToken, AuditEntry, Congress, RoleGrant
from renda.core.permissions import may, roles_of
from renda.core.queries import congress_summary, congresses_of_user
from renda.core.roles import Role
from renda.core.views_helpers import add_action_errors, flash_errors, get_or_404, is_htmx, requires


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


@kept_page
def congress_home(request, congress_code):
    """Home answers "what needs me today": the inbox of everyone who works here; the public's front
    page for everyone else. The congress's counters are the overview, one tap away."""
    congress = request.congress
    roles = roles_of(request.user, congress)
    if roles - {Role.PUBLIC}:
        tasks = inbox.for_request(request)
        return render(request, "core/inbox.html", {
            "todo": [t for t in tasks if t.todo], "to_know": [t for t in tasks if not t.todo],
            "role_set": roles})
    return render(request, "core/public_home.html", {"summary": congress_summary(congress)})


def congress_overview(request, congress_code):
    """The congress in figures: deputies serving, bodies, subordinate congresses."""
    return render(request, "core/congress_home.html", {"summary": congress_summary(request.congress)})


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


def _audit_entries(congress, form):
    """The log filtered by whatever of the form is valid (a wrong date leaves the other filters on)."""
    entries = AuditEntry.objects.in_congress(congress)
    if not form.is_bound:
        return entries
    form.is_valid()
    data = form.cleaned_data
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if actor := (data.get("actor") or "").strip():
        entries = entries.filter(_by_actor(actor))
    if q := (data.get("q") or "").strip():
        actions_named = [code for code, label in audit_display.action_choices() if q in label or q in code]
        entries = entries.filter(Q(object_repr__contains=q) | Q(action__in=actions_named) | Q(action__contains=q)
                                 | _by_actor(q))
    if data.get("object_type"):
        entries = entries.filter(object_type=data["object_type"])
    if data.get("since"):
        entries = entries.filter(at__gte=_day_start(data["since"]))
    if data.get("until"):
        entries = entries.filter(at__lt=_day_start(data["until"] + datetime.timedelta(days=1)))
    return entries


def _by_actor(text: str) -> Q:
    """An actor by the name written on the entry or by the account's username (the box says 姓名或账号)."""
    return Q(actor_name__contains=text) | Q(actor__username__contains=text)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _described(entry: AuditEntry) -> dict:
    return {"entry": entry, "action": audit_display.action_label(entry.action),
            "object_type": audit_display.object_type_label(entry.object_type),
            "changes": audit_display.changes(entry.object_type, entry.before, entry.after)}


def _audit_filters(form) -> str:
    data = form.cleaned_data if form.is_bound else {}
    return spreadsheets.describe_filters([
        ("关键词", (data.get("q") or "").strip()),
        ("操作", audit_display.action_label(data["action"]) if data.get("action") else ""),
        ("操作人", (data.get("actor") or "").strip()),
        ("对象类型", audit_display.object_type_label(data["object_type"]) if data.get("object_type") else ""),
        ("起", data.get("since")), ("止", data.get("until"))])


def _changes_of(side: str):
    def value(entry: AuditEntry) -> str:
        return _changes_text(audit_display.changes(entry.object_type, entry.before, entry.after), side)
    return value


AUDIT_COLUMNS = [
    spreadsheets.Column("编号", "id", "int"), spreadsheets.Column("时间", "at", "datetime"),
    spreadsheets.Column("操作人", "actor_name"),
    spreadsheets.Column("操作", lambda e: audit_display.action_label(e.action)),
    spreadsheets.Column("对象类型", lambda e: audit_display.object_type_label(e.object_type)),
    spreadsheets.Column("对象编号", "object_id"), spreadsheets.Column("对象", "object_repr"),
    spreadsheets.Column("修改前", _changes_of("before")), spreadsheets.Column("修改后", _changes_of("after")),
]


def _audit_export(request, fmt: str):
    """What is filtered, oldest first, in words (the same filters as the page)."""
    form = AuditFilterForm(request.GET or None)
    entries = _audit_entries(request.congress, form).order_by("id")
    return spreadsheets.export_response(request, subject="操作日志", columns=AUDIT_COLUMNS, rows=entries,
                                        filters=_audit_filters(form), fmt=fmt,
                                        filename=downloads.dated(f"{request.congress.name}操作日志", fmt))


@requires("view_audit_log")
def audit_list(request, congress_code):
    congress = request.congress
    if fmt := spreadsheets.wanted(request):
        return _audit_export(request, fmt)
    form = AuditFilterForm(request.GET or None)
    entries = _audit_entries(congress, form)
    before = request.GET.get("before")
    if before and before.isdecimal():
        entries = entries.filter(id__lt=int(before))
    page = list(entries.order_by("-id")[:51])
    more = len(page) > 50
    page = page[:50]
    query = request.GET.copy()
    query.pop("before", None)
    context = {"rows": [_described(e) for e in page], "form": form,
               "next_before": page[-1].id if more else None, "query": query.urlencode()}
    template = "core/audit_rows.html" if is_htmx(request) else "core/audit_list.html"
    return render(request, template, context)


def _changes_text(changes, side: str) -> str:
    return "；".join(f"{c.label}：{getattr(c, side)}" for c in changes if getattr(c, side) is not None)


@requires("view_audit_log")
def audit_export(request, congress_code):
    """The old address of the CSV export: the same file as the list's ``?export=csv``."""
    return _audit_export(request, "csv")


def _int(value) -> int | None:
    return int(value) if value and str(value).isdecimal() else None


@requires("grant_role")
@require_http_methods(["GET", "POST"])
def role_list(request, congress_code):
    """Grants by account: search by name or username, a page of accounts at a time, and the grant form."""
    congress = request.congress
    from renda.people.models import Organisation

    bodies = Organisation.objects.in_congress(congress).filter(
        kind__in=[Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.HANDLING_UNIT,
                  Organisation.Kind.LEGISLATIVE_CONTACT_POINT]).order_by("kind", "name")
    initial = {"account": _int(request.GET.get("account"))}
    form = GrantForm(request.POST or None, congress=congress, organisations=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant = actions.grant_role(congress, actor=request.user, user=data["account"], role=data["role"],
                                       organisation=data["organisation"])
        except ValidationError as error:
            add_action_errors(form, _on_account(error))
        except NotFound:
            form.add_error("account", "找不到该账号")
        else:
            messages.success(request, f"已授予 {_account_label(grant.user)}“{grant.get_role_display()}”角色")
            return redirect("role_list", congress_code=congress.code)
    q = request.GET.get("q", "").strip()
    if fmt := spreadsheets.wanted(request):
        grants = (RoleGrant.objects.in_congress(congress).filter(user__in=accounts.accounts(congress, q))
                  .select_related("user", "organisation").order_by("user_id", "role", "id"))
        names = accounts.names_of(list({g.user for g in grants}))
        return spreadsheets.export_response(request, subject="角色授予", rows=grants, fmt=fmt,
                                            filters=spreadsheets.describe_filters([("关键词", q)]), columns=[
            spreadsheets.Column("姓名", lambda g: names.get(g.user_id)), spreadsheets.Column("账号", "user.username"),
            spreadsheets.Column("角色", lambda g: g.get_role_display()), spreadsheets.Column("所在机构", "organisation.name"),
            spreadsheets.Column("账号状态", lambda g: "启用" if g.user.is_active else "已停用"),
            spreadsheets.Column("授予时间", "granted_at", "datetime")])
    with_roles = accounts.accounts(congress, q).filter(role_grants__congress=congress).distinct()
    page, next_after = accounts.keyset_page(with_roles, _int(request.GET.get("after")), size=accounts.PAGE)
    query = request.GET.copy()
    query.pop("after", None)
    context = {"rows": accounts.listed(congress, page), "form": form, "q": q, "next_after": next_after,
               "query": query.urlencode(), "can_revoke": may(request.user, congress, "revoke_role")}
    return render(request, "core/role_list.html", context)


def _on_account(error: ValidationError) -> ValidationError:
    """The action names the account ``user``; the form calls it ``account``."""
    if hasattr(error, "error_dict") and "user" in error.error_dict:
        named = dict(error.error_dict)
        named["account"] = named.pop("user")
        return ValidationError(named)
    return error


def _account_label(user) -> str:
    name = accounts.names_of([user])[user.pk]
    return f"{name}（{user.get_username()}）" if name else user.get_username()


@requires("revoke_role")
@require_POST
def role_revoke(request, congress_code, grant_id):
    grant = get_or_404(RoleGrant.objects.in_congress(request.congress).select_related("user"), grant_id,
                       "找不到该角色授予")
    try:
        actions.revoke_role(request.congress, grant, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"已撤销 {_account_label(grant.user)} 的“{grant.get_role_display()}”角色")
    back = request.POST.get("next", "")
    if back.startswith(f"/c/{congress_code}/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return redirect("role_list", congress_code=congress_code)


# Accounts --------------------------------------------------------------------------------------

_SHOWN = "renda_shown_password"


def _show_once(request, user, password: str) -> None:
    """Keep a new password for the next page only: shown once, gone on reload."""
    request.session[_SHOWN] = {"user": user.pk, "password": password}


@requires("view_accounts")
def account_list(request, congress_code):
    congress = request.congress
    q = request.GET.get("q", "").strip()
    if fmt := spreadsheets.wanted(request):
        rows = accounts.listed(congress, list(accounts.accounts(congress, q).order_by("pk")))
        return spreadsheets.export_response(request, subject="账号", rows=rows, fmt=fmt,
                                            filters=spreadsheets.describe_filters([("关键词", q)]), columns=[
            spreadsheets.Column("姓名", "name"), spreadsheets.Column("账号", "user.username"),
            spreadsheets.Column("本级角色", lambda r: "、".join(
                g.get_role_display() + (f"（{g.organisation}）" if g.organisation else "") for g in r["grants"])),
            spreadsheets.Column("状态", lambda r: "启用" if r["user"].is_active else "已停用"),
            spreadsheets.Column("创建时间", "user.date_joined", "date"),
            spreadsheets.Column("最近登录", "user.last_login", "datetime")])
    page, next_after = accounts.keyset_page(accounts.accounts(congress, q), _int(request.GET.get("after")), size=accounts.PAGE)
    query = request.GET.copy()
    query.pop("after", None)
    context = {"rows": accounts.listed(congress, page), "q": q, "next_after": next_after, "query": query.urlencode(),
               "can_create": may(request.user, congress, "create_account")}
    return render(request, "core/account_list.html", context)


@requires("create_account")
@require_http_methods(["GET", "POST"])
def account_new(request, congress_code):
    congress = request.congress
    form = AccountCreateForm(request.POST or None, congress=congress)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = actions.create_account(congress, actor=request.user, username=data["username"],
                                                    full_name=data["full_name"], person=data["person"],
                                                    password=data["password"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            _show_once(request, user, password)
            messages.success(request, f"已新建账号 {_account_label(user)}")
            return redirect("account_detail", congress_code=congress.code, user_id=user.pk)
    return render(request, "core/account_new.html", {"form": form})


def _account_page(request, user, reset_form=None, status=200):
    congress = request.congress
    shown = request.session.pop(_SHOWN, None)
    from renda.people.models import Person

    context = {
        "account": user, "grants": accounts.grants_by_account(congress, [user])[user.pk],
        "name": accounts.names_of([user])[user.pk],
        "person": Person.objects.filter(user=user).first(),
        "password": shown["password"] if shown and shown.get("user") == user.pk else None,
        "blocked": accounts.why_not_manageable(congress, user, request.user),
        "reset_form": reset_form or ResetPasswordForm(),
        "can_manage": may(request.user, congress, "disable_account"),
        "can_grant": may(request.user, congress, "grant_role"),
        "can_revoke": may(request.user, congress, "revoke_role"),
        "is_self": user.pk == request.user.pk,
    }
    return render(request, "core/account_detail.html", context, status=status)


@never_cache
@requires("view_accounts")
def account_detail(request, congress_code, user_id):
    return _account_page(request, accounts.get_account(request.congress, user_id))


def _account_switch(request, congress_code, user_id, action, done: str):
    user = accounts.get_account(request.congress, user_id)
    try:
        action(request.congress, user, actor=request.user)
    except NotFound as missing:
        raise Http404(str(missing)) from None
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"{done}：{_account_label(user)}")
    return redirect("account_detail", congress_code=congress_code, user_id=user.pk)


@requires("disable_account")
@require_POST
def account_disable(request, congress_code, user_id):
    return _account_switch(request, congress_code, user_id, actions.disable_account, "已停用账号，它不能再登录")


@requires("enable_account")
@require_POST
def account_enable(request, congress_code, user_id):
    return _account_switch(request, congress_code, user_id, actions.enable_account, "已启用账号")


@never_cache
@requires("reset_password")
@require_POST
def account_password(request, congress_code, user_id):
    user = accounts.get_account(request.congress, user_id)
    form = ResetPasswordForm(request.POST)
    if form.is_valid():
        try:
            password = actions.reset_password(request.congress, user, actor=request.user,
                                              password=form.cleaned_data["password"])
        except NotFound as missing:
            raise Http404(str(missing)) from None
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            _show_once(request, user, password)
            messages.success(request, f"已重置 {_account_label(user)} 的密码")
            return redirect("account_detail", congress_code=congress_code, user_id=user.pk)
    return _account_page(request, user, reset_form=form)


@login_required
def my_account(request, congress_code):
    """The signed-in user's own account: roles in every congress, and where to change the password
    or get an API token."""
    return render(request, "core/my_account.html", {"by_congress": accounts.roles_by_congress(request.user)})


@login_required
@requires("change_own_password")
@require_http_methods(["GET", "POST"])
def password_change(request, congress_code):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_own_password(request.congress, actor=request.user,
                                        old_password=form.cleaned_data["old_password"],
                                        new_password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            update_session_auth_hash(request, request.user)  # stay signed in on this device
            messages.success(request, "密码已修改。下次登录请使用新密码。")
            return redirect("my_account", congress_code=congress_code)
    return render(request, "core/password_change.html", {"form": form})


_NEW_TOKEN = "renda_new_token"


@never_cache
@login_required
@requires("issue_api_token")
@require_http_methods(["GET", "POST"])
def token_list(request, congress_code):
    """Mint a token (POST), then redirect: the secret waits in the session for the next page only, so a
    reload neither mints another token nor shows the secret again; the page is never cached."""
    congress = request.congress
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = actions.issue_api_token(congress, actor=request.user, name=form.cleaned_data["name"],
                                                    days=form.cleaned_data["days"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            request.session[_NEW_TOKEN] = {"congress": congress.pk, "user": request.user.pk, "secret": secret}
            messages.success(request, f"已创建令牌“{token.name}”")
            return redirect("token_list", congress_code=congress_code)
    shown = request.session.pop(_NEW_TOKEN, None)
    secret = (shown["secret"] if isinstance(shown, dict) and shown.get("congress") == congress.pk
              and shown.get("user") == request.user.pk else None)
    tokens = ApiToken.objects.in_congress(congress).filter(user=request.user).order_by("-id")
    return render(request, "core/token_list.html", {"tokens": tokens, "form": form, "secret": secret,
                                                    "now": timezone.now()})


@login_required
@requires("revoke_api_token")
@require_http_methods(["POST"])
def token_revoke(request, congress_code, token_id):
    """The owner revokes one of their tokens; another user's token is not found (404)."""
    token = ApiToken.objects.in_congress(request.congress).filter(pk=token_id, user=request.user).first()
    if token is None:
        raise Http404("找不到该令牌")
    actions.revoke_api_token(request.congress, token, actor=request.user)
    messages.success(request, f"令牌“{token.name}”已撤销，用它的请求将被拒绝")
    return redirect("token_list", congress_code=congress_code)
