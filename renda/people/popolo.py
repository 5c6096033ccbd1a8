"""Popolo-compatible JSON (popoloproject.com): persons, organizations, posts (those the standing
committee fills by appointment), memberships, and terms as legislative-period events. A deputy's mandate is a membership of the congress itself with role 代表,
on behalf of their delegation."""

from __future__ import annotations

from renda.core.models import Congress, Term
from renda.people.models import Mandate, Membership, Organisation

_CONGRESS_ID = "congress-{}"


def _date(value) -> str | None:
    return value.isoformat() if value else None


def export(congress: Congress, *, include_contact: bool = False, include_particulars: bool = False) -> dict:
    """The congress as Popolo. Birth dates, parties and the posts of staff (a unit's liaison officer)
    only with ``include_particulars`` (staff): the public see deputies' names, delegations and the posts
    of congress bodies, as on the public pages."""
    persons: dict[int, dict] = {}

    def person(p) -> str:
        if p.pk not in persons:
            record = {"id": f"person-{p.pk}", "name": p.name, "gender": {"男": "male", "女": "female"}.get(p.sex)}
            if include_particulars:
                record["birth_date"] = _date(p.birth_date)
            if include_particulars and p.party:
                record["party"] = p.party
            if include_contact and p.phone:
                record["contact_details"] = [{"type": "voice", "value": p.phone}]
            persons[p.pk] = record
        return persons[p.pk]["id"]

    organizations = [{"id": _CONGRESS_ID.format(congress.pk), "name": congress.name,
                      "classification": "legislature", "identifiers": [{"scheme": "renda", "identifier": congress.code}]}]
    for o in Organisation.objects.in_congress(congress).select_related("parent").order_by("id"):
        record = {"id": f"organization-{o.pk}", "name": o.name, "classification": o.get_kind_display(),
                  "parent_id": f"organization-{o.parent_id}" if o.parent_id else _CONGRESS_ID.format(congress.pk)}
        if o.short_name:
            record["other_names"] = [{"name": o.short_name, "note": "简称"}]
        organizations.append(record)
    events = [{"id": f"term-{t.pk}", "name": str(t), "classification": "legislative period",
               "start_date": _date(t.start), "end_date": _date(t.end),
               "organization_id": _CONGRESS_ID.format(congress.pk)}
              for t in Term.objects.in_congress(congress).order_by("number")]
    memberships = []
    for m in Mandate.objects.in_congress(congress).select_related("person").order_by("id").iterator(chunk_size=2000):
        record = {"id": f"mandate-{m.pk}", "person_id": person(m.person),
                  "organization_id": _CONGRESS_ID.format(congress.pk), "role": "代表",
                  "legislative_period_id": f"term-{m.term_id}", "start_date": _date(m.elected_on),
                  "end_date": _date(m.ended_on)}
        if m.delegation_id:
            record["on_behalf_of_id"] = f"organization-{m.delegation_id}"
        if m.constituency:
            record["area"] = {"name": m.constituency}
        memberships.append(record)
    # The posts the standing committee fills by appointment (人事任免), and the memberships they
    # start; an appointee still to swear the constitutional oath (where the rule requires it) is
    # not shown as holding the post yet.
    from renda.appointments.queries import popolo_posts

    appointed_posts, post_of, not_yet_sworn = popolo_posts(congress)
    posts = Membership.objects.in_congress(congress)
    if not include_particulars:
        # Appointed officials are public figures whatever the body (a government, a court): the
        # standing committee's decisions are published.
        posts = Membership.public(posts) | posts.filter(pk__in=list(post_of))
    for ms in posts.select_related("person").order_by("id").iterator(chunk_size=2000):
        if ms.pk in not_yet_sworn:
            continue
        record = {"id": f"membership-{ms.pk}", "person_id": person(ms.person),
                  "organization_id": f"organization-{ms.organisation_id}", "role": ms.post,
                  "start_date": _date(ms.start), "end_date": _date(ms.end)}
        if ms.pk in post_of:
            record["post_id"] = post_of[ms.pk]
        memberships.append(record)
    return {"persons": list(persons.values()), "organizations": organizations, "posts": appointed_posts,
            "memberships": memberships, "events": events}
