"""Writes for 网上代表之家 and 致代表的信: a message through a deputy's public page (a liaison concern
for that deputy), the deputy's switch for the form, and letters to deputies with read receipts,
replies and reminders. The public form's flood limits are the public intake's (liaison.intake_guard),
applied by the page and the API around ``contact_deputy``."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import OFFICE, roles_of
from renda.core.usecase import action, ensure_own
from renda.deputy_pages.models import DeputyPage, Letter, LetterRecipient
from renda.liaison.actions import _clean_concern, _create_concern, serving_mandate
from renda.liaison.models import Concern
from renda.people.models import Mandate, Organisation
from renda.people.validation import Errors, date, text
from renda.proposals.models import Notice

CLOSED = "这位代表暂未开通网上留言，可以在接待日到联络站反映，或通过联络站网上反映"
NO_STATION = "这位代表尚未进驻联络站，暂不能网上留言，可以通过联络站网上反映"


# ── the deputy's page ──

def contact_open(congress: Congress, mandate: Mandate) -> bool:
    page = DeputyPage.objects.in_congress(congress).filter(mandate=mandate).first()
    return page.contact_open if page is not None else True


def contact_refusal(congress: Congress, mandate: Mandate) -> str:
    """'' when the deputy's form takes messages; else why not, in the visitor's words."""
    if mandate.status != Mandate.Status.SERVING:
        return "这位代表已不在任"
    if mandate.liaison_station_id is None:
        return NO_STATION
    if not contact_open(congress, mandate):
        return CLOSED
    return ""


def _ensure_serving(congress: Congress, mandate: Mandate | None) -> Mandate:
    mandate = ensure_own(congress, mandate, "代表")
    if mandate.status != Mandate.Status.SERVING:
        raise ValidationError({"mandate": f"{mandate.person.name}已不在任"})
    return mandate


@action("contact_deputy")
def contact_deputy(congress: Congress, mandate: Mandate, *, actor, data: dict) -> Concern:
    """A message through the deputy's public page: a concern at the deputy's station with the deputy
    responsible, so it is in the deputy's queue and follows the concern workflow (三办) to the
    person's feedback by its tracking code."""
    mandate = _ensure_serving(congress, mandate)
    refusal = contact_refusal(congress, mandate)
    if refusal:
        raise ValidationError({"mandate": refusal})
    errors = Errors()
    cleaned = _clean_concern(congress, data, errors)
    errors.raise_if_any()
    station = Organisation.objects.in_congress(congress).get(pk=mandate.liaison_station_id)
    concern = _create_concern(congress, station, actor, cleaned, Concern.Source.DEPUTY_PAGE)
    concern.responsible = mandate
    concern.step_owner = mandate.person.name
    concern.save(update_fields=["responsible", "step_owner"])
    audit.record(congress, actor, "contact_deputy", concern, object_repr=f"致{mandate.person.name}代表：{concern.category}",
                 after={"source": concern.source, "responsible": mandate.pk, "station": station.pk})
    return concern


@action("set_contact_form_open")
def set_contact_form_open(congress: Congress, mandate: Mandate, *, actor, open: bool) -> DeputyPage:  # noqa: A002
    """A deputy opens or closes their own page's contact form; the liaison office may for any deputy."""
    mandate = ensure_own(congress, mandate, "代表")
    if not roles_of(actor, congress) & OFFICE:
        own = serving_mandate(congress, actor)
        if own is None or own.pk != mandate.pk:
            raise NotPermitted("只能开启或关闭本人的网上留言")
    page, _ = DeputyPage.objects.in_congress(congress).get_or_create(congress=congress, mandate=mandate)
    before = page.contact_open
    page.contact_open = bool(open)
    page.save(update_fields=["contact_open"])
    audit.record(congress, actor, "set_contact_form_open", mandate, object_repr=f"{mandate.person.name}的网上留言",
                 before={"contact_open": before}, after={"contact_open": page.contact_open})
    return page


# ── letters to deputies ──

def _letter_link(congress: Congress, letter: Letter) -> str:
    return reverse("letter_detail", args=[congress.code, letter.pk])


def _notify(congress: Congress, letter: Letter, recipients: list[LetterRecipient], text_: str, key: str) -> int:
    """Outbox notices, one per recipient and ``key`` (so a second reminder the same day is not sent)."""
    notices = [Notice(congress=congress, person_id=r.mandate.person_id, link=_letter_link(congress, letter),
                      text=text_[:300], key=f"letter:{letter.pk}:{r.mandate_id}:{key}"[:80]) for r in recipients]
    sent = set(Notice.objects.in_congress(congress).filter(key__in=[n.key for n in notices]).values_list("key", flat=True))
    fresh = [n for n in notices if n.key not in sent]
    Notice.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def audience(congress: Congress, *, delegations=(), groups=(), stations=(), mandates=()) -> tuple[list[Mandate], str]:
    """The serving deputies a letter goes to, and the words for them: everyone when nothing is chosen,
    else those of the chosen delegations, groups and stations and the deputies named."""
    serving = Mandate.objects.in_congress(congress).filter(status=Mandate.Status.SERVING).select_related("person")
    chosen = [*delegations, *groups, *stations]
    if not chosen and not mandates:
        return list(serving.order_by("id")), "全体代表"
    where = Q(pk__in=[m.pk for m in mandates])
    if delegations:
        where |= Q(delegation__in=list(delegations))
    if groups:
        where |= Q(deputy_group__in=list(groups))
    if stations:
        where |= Q(liaison_station__in=list(stations))
    label = "、".join([o.name for o in chosen] + [m.person.name for m in mandates])
    return list(serving.filter(where).order_by("id")), label


def _check_orgs(congress: Congress, orgs, kind: str, field: str, label: str, errors: Errors) -> list[Organisation]:
    out = []
    for o in orgs or []:
        if o is None or o.congress_id != congress.pk or o.kind != kind:
            errors.add(field, f"“{label}”须为本级的{Organisation.Kind(kind).label}")
        else:
            out.append(o)
    return out


@action("send_letter")
def send_letter(congress: Congress, *, actor, title: str, body: str, reply_by=None, delegations=(), groups=(),
                stations=(), mandates=()) -> Letter:
    """A letter to all serving deputies, or to those of chosen delegations, groups or stations (and
    deputies named): each gets it in their inbox and a notice in the outbox."""
    errors = Errors()
    title = text({"title": title}, errors, "title", "标题", required=True, max_length=100)
    body = text({"body": body}, errors, "body", "正文", required=True, max_length=10000)
    due = date({"reply_by": reply_by}, errors, "reply_by", "回复期限")
    if due is not None and due < timezone.localdate():
        errors.add("reply_by", "“回复期限”不能早于今天")
    K = Organisation.Kind
    delegations = _check_orgs(congress, delegations, K.DELEGATION, "delegations", "代表团", errors)
    groups = _check_orgs(congress, groups, K.DEPUTY_GROUP, "groups", "代表小组", errors)
    stations = _check_orgs(congress, stations, K.LIAISON_STATION, "stations", "联络站", errors)
    for m in mandates or []:
        if m is None or m.congress_id != congress.pk or m.status != Mandate.Status.SERVING:
            errors.add("mandates", "“收信代表”须为本级在任代表")
    errors.raise_if_any()
    to, label = audience(congress, delegations=delegations, groups=groups, stations=stations, mandates=list(mandates or []))
    if not to:
        raise ValidationError({"delegations": f"“收信范围”（{label}）中没有在任代表，请重新选择"})
    letter = Letter.objects.create(congress=congress, title=title, body=body, audience=label[:200], reply_by=due,
                                   sent_by=actor)
    made = LetterRecipient.objects.bulk_create([LetterRecipient(congress=congress, letter=letter, mandate=m) for m in to])
    for r, m in zip(made, to, strict=True):
        r.mandate = m
    _notify(congress, letter, made, f"来信：{title}" + (f"，请于{due:%m月%d日}前阅读回复" if due else "，请阅读"), "sent")
    audit.record(congress, actor, "send_letter", letter, object_repr=title,
                 after={"audience": label, "recipients": len(made), "reply_by": str(due) if due else None})
    return letter


def recipient_of(congress: Congress, letter: Letter, actor) -> LetterRecipient:
    """The actor's own copy of the letter; a letter not sent to them does not exist for them."""
    from renda.deputy_pages.queries import copy_of

    found = copy_of(congress, letter, actor)
    if found is None:
        raise NotFound("找不到给您的这封信")
    return found


@action("mark_letter_read")
def mark_letter_read(congress: Congress, letter: Letter, *, actor) -> LetterRecipient:
    """Opening the letter records the read receipt; opening it again keeps the first reading."""
    ensure_own(congress, letter, "来信")
    copy = recipient_of(congress, letter, actor)
    first = copy.read_at is None
    read_at = copy.read_at or timezone.now()
    if first:
        copy.read_at = read_at
        copy.save(update_fields=["read_at"])
    audit.record(congress, actor, "mark_letter_read", letter, object_repr=letter.title,
                 after={"read_at": read_at.isoformat(), "first": first})
    return copy


@action("reply_to_letter")
def reply_to_letter(congress: Congress, letter: Letter, *, actor, reply: str) -> LetterRecipient:
    """The deputy's reply (within deputy_pages.reply_max_chars). Replying again replaces the reply
    (the audit log keeps the earlier text); a reply also counts as having read the letter."""
    ensure_own(congress, letter, "来信")
    copy = recipient_of(congress, letter, actor)
    errors = Errors()
    reply = text({"reply": reply}, errors, "reply", "回复", required=True,
                 max_length=rules.get(congress, "deputy_pages.reply_max_chars"), multiline=True)
    errors.raise_if_any()
    before = {"reply": copy.reply, "replied_at": copy.replied_at.isoformat() if copy.replied_at else None}
    now = timezone.now()
    copy.reply, copy.replied_at = reply, now
    copy.read_at = copy.read_at or now
    copy.save(update_fields=["reply", "replied_at", "read_at"])
    audit.record(congress, actor, "reply_to_letter", letter, object_repr=letter.title, before=before,
                 after={"reply": reply})
    return copy


@action("remind_unread")
def remind_unread(congress: Congress, letter: Letter, *, actor, today: datetime.date | None = None) -> int:
    """An outbox notice again to each recipient who has not opened the letter; once a day at most.
    Returns how many were reminded."""
    ensure_own(congress, letter, "来信")
    today = today or timezone.localdate()
    unread = list(LetterRecipient.objects.in_congress(congress).filter(letter=letter, read_at__isnull=True)
                  .select_related("mandate"))
    sent = _notify(congress, letter, unread, f"提醒：来信“{letter.title}”您尚未阅读", f"remind:{today.isoformat()}")
    letter.reminded_at = timezone.now()
    letter.save(update_fields=["reminded_at"])
    audit.record(congress, actor, "remind_unread", letter, object_repr=letter.title,
                 after={"unread": len(unread), "reminded": sent})
    return sent
