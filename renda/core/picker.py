"""The person picker: people are chosen by typing part of a name (or a deputy's certificate number).

One form field serves every app (co-signers, attendees, handlers, group members, account links).
Its widget renders the people already picked as removable chips, each carrying a hidden ``@<id>``,
and a search box that asks ``people/pick/`` (htmx) for matches. Whatever is typed and not picked
is submitted too and resolved on the server: a certificate number, or a name that matches exactly
one person; anything else is refused with a message naming the entry — never dropped silently.

Only people of this congress can be found or resolved: a person id of another congress answers as
if it did not exist (the shared ``Person`` table is reached only through this congress's rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.roles import Role
from renda.people.models import Mandate, Membership, Person

DEPUTY = "deputy"   # serving deputies of this congress
PERSON = "person"   # anyone holding a mandate or a current membership in this congress
KIND_WORDS = {DEPUTY: "代表", PERSON: "人员"}
_SEPARATORS = re.compile(r"[,，、;；\s]+")
MATCHES = 12


@dataclass(frozen=True)
class Match:
    person: Person
    detail: str  # delegation, post or certificate number: what tells two 张伟 apart

    @property
    def value(self) -> str:
        return f"@{self.person.pk}"


def _mandates(congress: Congress):
    return Mandate.objects.in_congress(congress).filter(status=Mandate.Status.SERVING)


def _person_ids(congress: Congress, kind: str):
    """The ids of the people this congress may pick from, as a subquery."""
    mandates = _mandates(congress) if kind == DEPUTY else Mandate.objects.in_congress(congress)
    ids = mandates.values("person_id")
    if kind == PERSON:
        return Person.objects.filter(
            Q(pk__in=ids) | Q(pk__in=Membership.objects.in_congress(congress).filter(end__isnull=True).values("person_id"))
        ).values("pk")
    return ids


def _printable(text: str) -> str:
    """Control characters (a NUL above all: a wildcard to SQLite, an error to PostgreSQL) are no part of a name."""
    return "".join(ch for ch in text if ch.isprintable() or ch == " ")


def search(congress: Congress, text: str, kind: str = DEPUTY, limit: int = MATCHES) -> list[Match]:
    """People of this congress whose name contains ``text``, or whose certificate number starts with it."""
    text = _printable(text).strip()
    if not text:
        return []
    by_number = _mandates(congress).filter(number__istartswith=text).values("person_id")
    people = (Person.objects.filter(pk__in=_person_ids(congress, kind))
              .filter(Q(name__contains=text) | Q(pk__in=by_number)).order_by("name", "pk")[:limit])
    return _with_details(congress, list(people))


def _with_details(congress: Congress, people: list[Person]) -> list[Match]:
    details: dict[int, str] = {}
    for m in _mandates(congress).filter(person__in=people).select_related("delegation"):
        details[m.person_id] = "，".join(x for x in (m.delegation.name if m.delegation else "", f"代表证号 {m.number}") if x)
    for ms in (Membership.objects.in_congress(congress).filter(person__in=people, end__isnull=True)
               .select_related("organisation").order_by("id")):
        details.setdefault(ms.person_id, f"{ms.organisation.name}{ms.post}")
    return [Match(p, details.get(p.pk, "")) for p in people]


def resolve(congress: Congress, entries: list[str], kind: str = DEPUTY) -> tuple[list[Person], list[str]]:
    """The people the entries name, in order and without repeats, and the problems with the rest
    (each a sentence naming the entry)."""
    allowed = Person.objects.filter(pk__in=_person_ids(congress, kind))
    found: list[Person] = []
    problems: list[str] = []
    word = KIND_WORDS[kind]
    for entry in entries:
        person = None
        if entry.startswith("@") and entry[1:].isdecimal():
            person = allowed.filter(pk=int(entry[1:])).first()
            if person is None:
                problems.append(f"找不到该{word}（编号 {entry[1:]}）")
                continue
        else:
            by_number = _mandates(congress).filter(number=entry).select_related("person").first()
            if by_number is not None and allowed.filter(pk=by_number.person_id).exists():
                person = by_number.person
            else:
                named = list(allowed.filter(name=entry)[:2])
                if len(named) == 1:
                    person = named[0]
                elif named:
                    problems.append(f"有多名{word}叫“{entry}”，请从列表中选择")
                    continue
                else:
                    problems.append(f"找不到{word}：{entry}")
                    continue
        if person.pk not in {p.pk for p in found}:
            found.append(person)
    return found, problems


class PersonPickerWidget(forms.Widget):
    template_name = "core/person_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.congress: Congress | None = None
        self.kind = DEPUTY
        self.multiple = True

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name, "")]
        entries: list[str] = []
        for value in values:
            entries.extend(e for e in _SEPARATORS.split(_printable(str(value or ""))) if e)
        return entries

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        entries = value if isinstance(value, list) else ([] if value in (None, "") else [value])
        picked: list[Match] = []
        typed: list[str] = []
        ids = [int(str(e)[1:]) for e in entries if str(e).startswith("@") and str(e)[1:].isdecimal()]
        ids += [e.pk for e in entries if isinstance(e, Person)]
        people: dict[int, Person] = {}
        if ids and self.congress is not None:
            people = {p.pk: p for p in Person.objects.filter(pk__in=_person_ids(self.congress, self.kind)).filter(pk__in=ids)}
            picked = _with_details(self.congress, [people[i] for i in ids if i in people])
        # What was typed, and any picked id that is not (or no longer) one of this congress's people,
        # goes back into the box so that the person sees what the error is about.
        typed = [str(e) for e in entries if not isinstance(e, Person)
                 and not (str(e).startswith("@") and str(e)[1:].isdecimal() and int(str(e)[1:]) in people)]
        context["picker"] = {
            "url": reverse("person_pick", kwargs={"congress_code": self.congress.code}) if self.congress else "",
            "kind": self.kind, "multiple": self.multiple, "picked": picked, "typed": "，".join(typed),
            "placeholder": "输入姓名或代表证号" if self.kind == DEPUTY else "输入姓名",
        }
        return context


class PersonField(forms.Field):
    """Pick one or several people of this congress by name. Cleans to a list of ``Person``
    (``multiple=True``) or to one ``Person`` or None."""

    widget = PersonPickerWidget

    def __init__(self, *, congress: Congress, kind: str = DEPUTY, multiple: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.congress, self.kind, self.multiple = congress, kind, multiple
        widget = self.widget
        assert isinstance(widget, PersonPickerWidget)
        widget.congress, widget.kind, widget.multiple = congress, kind, multiple

    def to_python(self, value):
        return [str(v) for v in value] if isinstance(value, list) else ([] if not value else [str(value)])

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        entries = self.to_python(value)
        self.validate(entries)
        people, problems = resolve(self.congress, entries, self.kind)
        if problems:
            raise forms.ValidationError(problems)
        if not self.multiple:
            if len(people) > 1:
                raise forms.ValidationError(f"只能选择一位{KIND_WORDS[self.kind]}")
            return people[0] if people else None
        return people

    def prepare_value(self, value):
        if isinstance(value, Person):
            return [value]
        return value


@login_required
def pick(request, congress_code):
    """The htmx fragment listing matches under a picker's search box (GET ?field=<name>&<name>=<text>&kind=).
    For those who work in this congress (any role but the public): names with posts and certificate
    numbers are not a public list."""
    if not roles_of(request.user, request.congress) - {Role.PUBLIC}:
        raise PermissionDenied("只有本级人大的工作人员、代表和承办单位可以查找人员")
    kind = request.GET.get("kind", DEPUTY)
    kind = kind if kind in KIND_WORDS else DEPUTY
    text = _printable(request.GET.get(request.GET.get("field", "q"), ""))
    text = _SEPARATORS.split(text.strip())[-1] if text.strip() else ""
    return HttpResponse(render_to_string("core/person_picker_options.html", {
        "matches": search(request.congress, text, kind), "text": text, "word": KIND_WORDS[kind]}))
