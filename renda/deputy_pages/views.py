"""Pages of 网上代表之家 and 致代表的信.

The deputy's public page (no account) with its contact form under the public intake's limits
(liaison.intake_guard: per address, a sum after a few, the station's hourly number), the printable
card with the page's QR code, the deputy's switch for the form; the office's letters with their
read and reply counts, a deputy's own letters, reading (the read receipt) and replying."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from renda.core import downloads, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import OFFICE, may, roles_of
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.deputy_pages import actions, exports, queries
from renda.deputy_pages.forms import LetterForm, ReplyForm, contact_form
from renda.deputy_pages.models import Letter
from renda.liaison import actions as liaison_actions
from renda.liaison import intake_guard
from renda.people.models import Mandate

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def _public_mandate(request, mandate_id) -> Mandate:
    """Only serving deputies have a page: an ended mandate, or another congress's, is not found."""
    mandate = queries.serving_mandate(request.congress, mandate_id)
    if mandate is None:
        raise Http404("找不到这位代表")
    return mandate


def page_link(request, mandate: Mandate) -> str:
    return request.build_absolute_uri(reverse("deputy_home", args=[request.congress.code, mandate.pk]))


def _may_manage(request, mandate: Mandate) -> bool:
    """The deputy themself and the liaison office: the switch and the card link on the page."""
    if not request.user.is_authenticated:
        return False
    if roles_of(request.user, request.congress) & OFFICE:
        return True
    return getattr(request.user, "person", None) is not None and request.user.person.pk == mandate.person_id


@require_http_methods(["GET", "POST"])
def deputy_home(request, congress_code, mandate_id):
    """网上代表之家: who the deputy is (as the public register shows), where and when to meet them,
    their published suggestions and answers, and a message form that reaches their queue."""
    congress = request.congress
    mandate = _public_mandate(request, mandate_id)
    refusal = actions.contact_refusal(congress, mandate)
    station = mandate.liaison_station
    address = request.META.get("REMOTE_ADDR", "")
    form = contact_form(request.POST if request.method == "POST" else None, congress=congress, station=station) \
        if station is not None and not refusal else None
    context = {"mandate": mandate, "person": mandate.person, "station": station,
               "profile": queries.station_profile(congress, mandate), "days": [(d, WEEKDAYS[d.weekday()]) for d in queries.duty_days(congress, mandate)],
               "suggestions": queries.public_suggestions(congress, mandate), "closed": refusal, "form": form,
               "manage": _may_manage(request, mandate), "contact_open": actions.contact_open(congress, mandate),
               "intake_action": reverse("deputy_home", args=[congress.code, mandate.pk]) + "#contact"}
    if form is None:
        if request.method == "POST":
            return render(request, "deputy_pages/home.html", {**context, "refused": refusal or actions.NO_STATION},
                          status=422)
        return render(request, "deputy_pages/home.html", context)
    assert station is not None
    if request.method == "POST":
        verdict = intake_guard.admit(congress, station, address, request.POST.get("challenge_token", ""),
                                     request.POST.get("challenge", ""))
    else:
        verdict = intake_guard.check(congress, station, address)
    if verdict.refused:  # the page is the deputy's profile too: only the form is closed to this address
        return render(request, "deputy_pages/home.html", {**context, "refused": verdict.refused},
                      status=429 if request.method == "POST" else 200)
    if request.method == "POST" and form.is_valid():
        if verdict.challenge_failed:
            form.add_error(None, verdict.challenge_problem)
        else:
            try:
                concern = intake_guard.accept(congress, station, lambda: actions.contact_deputy(
                    congress, mandate, actor=request.user, data=form.concern_data()))
            except intake_guard.StationFull as full:
                return render(request, "deputy_pages/home.html", {**context, "refused": full.message}, status=429)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return redirect(reverse("liaison_track", args=[congress.code, concern.tracking_code]) + "?new=1")
    if verdict.needs_challenge or verdict.challenge_failed:
        context["question"], context["token"] = intake_guard.new_challenge()
    return render(request, "deputy_pages/home.html", context, status=422 if form.errors else 200)


def _qr(link: str):
    return segno.make(link, error="m")


def deputy_card(request, congress_code, mandate_id):
    """A printable card: the deputy's name, delegation, station and the QR code of their page (the
    station poster's way of making it). Only public facts are on it."""
    mandate = _public_mandate(request, mandate_id)
    link = page_link(request, mandate)
    return render(request, "deputy_pages/card.html", {
        "mandate": mandate, "person": mandate.person, "link": link,
        "profile": queries.station_profile(request.congress, mandate),
        "qr": mark_safe(_qr(link).svg_inline(scale=6, dark="#000", light="#fff")),  # noqa: S308 (our own SVG)
    })


def deputy_qr(request, congress_code, mandate_id, fmt):
    """The page's QR code as a PNG or SVG file, for print shops and slides."""
    import io

    mandate = _public_mandate(request, mandate_id)
    if fmt not in ("png", "svg"):
        raise Http404("只有 PNG 和 SVG 两种格式")
    out = io.BytesIO()
    _qr(page_link(request, mandate)).save(out, kind=fmt, scale=10, border=4)
    response = HttpResponse(out.getvalue(), content_type="image/png" if fmt == "png" else "image/svg+xml")
    downloads.attachment(response, downloads.dated(f"{mandate.person.name}代表主页二维码", fmt), inline=True)
    return response


@require_POST
def contact_switch(request, congress_code, mandate_id):
    """The deputy (or the liaison office) opens or closes the page's contact form."""
    denied = gate(request, "set_contact_form_open")
    if denied:
        return denied
    congress = request.congress
    mandate = get_or_404(Mandate.objects.in_congress(congress).select_related("person"), mandate_id, "找不到这位代表")
    want = request.POST.get("open") == "1"
    try:
        actions.set_contact_form_open(congress, mandate, actor=request.user, open=want)
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        messages.success(request, "已开启网上留言" if want else "已关闭网上留言，页面上会说明可以到联络站反映")
    return redirect("deputy_home", congress.code, mandate.pk)


# ── letters ──

def _letter(request, letter_id) -> Letter:
    return get_or_404(Letter.objects.in_congress(request.congress), letter_id, "找不到该来信")


@requires("view_letters")
def letter_list(request, congress_code):
    q, year = " ".join(request.GET.get("q", "").split())[:100], request.GET.get("year", "")
    year = year if year.isdecimal() and len(year) == 4 else ""
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="致代表的信", columns=exports.LETTERS, fmt=fmt,
            rows=queries.letters_with_counts(request.congress, None, q=q, year=year),
            filters=spreadsheets.describe_filters([("年度", year), ("关键词", q)]))
    return render(request, "deputy_pages/letters.html", {
        "rows": queries.letters_with_counts(request.congress, q=q, year=year), "q": q, "year": year,
        "may_send": may(request.user, request.congress, "send_letter")})


@requires("send_letter")
@require_http_methods(["GET", "POST"])
def letter_new(request, congress_code):
    congress = request.congress
    form = LetterForm(request.POST or None, congress=congress, auto_id="letter_%s")
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            mandates = list(Mandate.objects.in_congress(congress).filter(
                person__in=d["mandates"], status=Mandate.Status.SERVING).select_related("person"))
            try:
                letter = actions.send_letter(congress, actor=request.user, title=d["title"], body=d["body"],
                                             reply_by=d["reply_by"] or None, delegations=list(d["delegations"]),
                                             groups=list(d["groups"]), stations=list(d["stations"]), mandates=mandates)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                n = queries.counts(congress, letter).recipients
                messages.success(request, f"已发给 {n} 位代表（{letter.audience}），每位代表的待办和通知里都有这封信")
                return redirect("letter_detail", congress.code, letter.pk)
    return render(request, "deputy_pages/letter_new.html", {"form": form}, status=status)


def _letter_page(request, letter: Letter, *, reply_form: ReplyForm | None = None, status: int = 200):
    congress, user = request.congress, request.user
    staff = may(user, congress, "view_letters")
    copy = queries.copy_of(congress, letter, user) if may(user, congress, "mark_letter_read") else None
    if copy is not None and copy.read_at is None:
        copy = actions.mark_letter_read(congress, letter, actor=user)  # the read receipt, on first opening
    if copy is None and not staff:
        if not user.is_authenticated:
            return gate(request, "mark_letter_read")
        raise Http404("找不到该来信")
    context: dict[str, object] = {"letter": letter, "copy": copy, "staff": staff,
               "may_remind": may(user, congress, "remind_unread")}
    if copy is not None:
        context["reply_form"] = reply_form or ReplyForm(initial={"reply": copy.reply}, auto_id="reply_%s")
    if staff:
        context["counts"] = queries.counts(congress, letter)
        context["recipients"] = queries.recipients(congress, letter)
    return render(request, "deputy_pages/letter.html", context, status=status)


def letter_detail(request, congress_code, letter_id):
    """Staff: the letter, who read it and who replied. A recipient: the letter (opening it records the
    read receipt, first reading kept) and their reply."""
    return _letter_page(request, _letter(request, letter_id))


@require_POST
def letter_action(request, congress_code, letter_id, what):
    congress, user = request.congress, request.user
    letter = _letter(request, letter_id)
    if what == "reply":
        denied = gate(request, "reply_to_letter")
        if denied:
            return denied
        form = ReplyForm(request.POST, auto_id="reply_%s")
        form.is_valid()
        try:
            actions.reply_to_letter(congress, letter, actor=user, reply=form.cleaned_data.get("reply", ""))
        except NotFound as error:
            raise Http404(str(error)) from error
        except ValidationError as error:
            add_action_errors(form, error)
            return _letter_page(request, letter, reply_form=form, status=422)
        messages.success(request, "已回复，工作人员可以看到您的回复")
        return redirect("letter_detail", congress.code, letter.pk)
    if what == "remind":
        denied = gate(request, "remind_unread")
        if denied:
            return denied
        sent = actions.remind_unread(congress, letter, actor=user)
        messages.success(request, f"已提醒 {sent} 位尚未阅读的代表" if sent else "今天已提醒过，或没有未读的代表")
        return redirect("letter_detail", congress.code, letter.pk)
    raise Http404("没有这个操作")


@requires("view_letters")
def letter_replies_xlsx(request, congress_code, letter_id):
    letter = _letter(request, letter_id)
    response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    downloads.attachment(response, downloads.dated(f"{letter.title}代表回复", "xlsx"))
    queries.replies_workbook(request.congress, letter).save(response)
    return response


@requires("mark_letter_read")
def my_letters(request, congress_code):
    mandate = liaison_actions.serving_mandate(request.congress, request.user)
    return render(request, "deputy_pages/mine.html", {"copies": queries.letters_of(request.congress, mandate)[:100],
                                                      "mandate": mandate})


urlpatterns: list = [
    path("deputy-home/<int:mandate_id>/", deputy_home, name="deputy_home"),
    path("deputy-home/<int:mandate_id>/card/", deputy_card, name="deputy_home_card"),
    path("deputy-home/<int:mandate_id>/qr.<str:fmt>", deputy_qr, name="deputy_home_qr"),
    path("deputy-home/<int:mandate_id>/contact-form/", contact_switch, name="deputy_home_contact_switch"),
    path("letters/", letter_list, name="letters"),
    path("letters/new/", letter_new, name="letter_new"),
    path("letters/mine/", my_letters, name="my_letters"),
    path("letters/<int:letter_id>/", letter_detail, name="letter_detail"),
    path("letters/<int:letter_id>/do/<str:what>/", letter_action, name="letter_action"),
    path("letters/<int:letter_id>/replies.xlsx", letter_replies_xlsx, name="letter_replies_xlsx"),
]
