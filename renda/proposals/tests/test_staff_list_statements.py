"""The staff list's page read by written-out statements (``staff_list_statements``) is the page the ORM's
``staff_items`` gives, for every filter, keyword and page, on both databases."""

from __future__ import annotations

import datetime
import itertools
import random

from renda.core.tenancy import congress_scope
from renda.people.models import Organisation
from renda.proposals import queries
from renda.proposals.models import Assignment, Suggestion

TITLES = ["关于校车的建议", "关于100%覆盖的建议", "关于a_b路段的建议", "关于C:\\路径的建议", "School bus", "关于公交的建议"]
CATEGORIES = ["教育", "交通", "", "Transport"]


def _items(world, count: int = 60):
    """Items of every status, over three years, with lead and co-handling units, some taken off (ended)."""
    rng = random.Random(7)
    units = Organisation.objects.bulk_create([Organisation(congress=world.congress, kind="handling_unit", name=f"单位{n}")
                                             for n in range(4)])
    this_year = datetime.date.today().year
    statuses = [s for s, _ in Suggestion.Status.choices]
    items = Suggestion.objects.bulk_create([
        Suggestion(congress=world.congress, term=world.term, year=this_year - n % 3, title=rng.choice(TITLES),
                   category=rng.choice(CATEGORIES), status=statuses[n % len(statuses)], number=n + 1 if n % 4 else None,
                   kind=("suggestion", "motion")[n % 5 == 0], converted=n % 7 == 0, key_supervision=n % 6 == 0)
        for n in range(count)])
    assignments = []
    for n, item in enumerate(items):
        for k in range(n % 3):
            assignments.append(Assignment(
                congress=world.congress, suggestion=item, unit=units[(n + k) % len(units)], lead=k == 0,
                assigned_on=datetime.date(item.year, 3, 1), due_on=datetime.date(item.year, 6, 1 + k),
                ended_on=datetime.date(item.year, 4, 1) if (n + k) % 5 == 0 else None))
    Assignment.objects.bulk_create(assignments)
    return items, units


def _by_orm(congress, after: str = "", **filters) -> list[tuple]:
    with congress_scope(congress):  # as in a request: the prefetched units are read in the congress
        items = queries.staff_items(congress, **filters)
        if after:
            items = items.filter(id__lt=int(after))
        return [_row(item, [a for a in item.assignments.all() if a.ended_on is None]) for item in items[:queries.PAGE]]


def _row(item, handling) -> tuple:
    return (item.pk, item.number, item.title, item.key_supervision, item.kind, item.converted, item.category,
            item.status, [(a.pk, a.unit.name, a.lead, a.due_on) for a in handling])


def test_every_filter_gives_the_orms_page(world_a):
    items, units = _items(world_a)
    years = {str(item.year) for item in items} | {"", "1999", "99999", "年"}
    statuses = ["", "submitted", "assigned", "closed", "draft", "nonsense"]
    unit_filters = ["", str(units[0].pk), str(units[2].pk), "x", str(2**70)]
    compared = 0
    for status, year, unit in itertools.product(statuses, years, unit_filters):
        written = [_row(item, item.handling) for item in queries.staff_list(world_a.congress, status=status, year=year,
                                                                           unit=unit)]
        assert written == _by_orm(world_a.congress, status=status, year=year, unit=unit), (status, year, unit)
        compared += bool(written)
    assert compared > 20  # most combinations list something: the comparison is not of empty pages


def test_keywords_match_as_the_orms_icontains_and_number(world_a):
    items, _ = _items(world_a)
    numbered = next(item for item in items if item.number and item.status not in ("draft", "withdrawn"))
    for q in ["校车", "100%", "a_b", "A_B", "c:\\", "school", "BUS", "transport", "%", "_", str(numbered.number),
              "٣", "9" * 40, "没有这个词"]:
        written = [_row(item, item.handling) for item in queries.staff_list(world_a.congress, q=q)]
        assert written == _by_orm(world_a.congress, q=queries.keyword(q)), q
    assert numbered.pk in {item.pk for item in queries.staff_list(world_a.congress, q=str(numbered.number))}
    assert queries.staff_list(world_a.congress, q="100%")  # the % is a character, not a wildcard: still found
    assert not queries.staff_list(world_a.congress, q="没有这个词")


def test_pages_follow_the_keyset_and_each_row_lists_its_units_lead_first(world_a):
    _items(world_a, count=130)
    pages, after = [], ""
    while True:
        page = queries.staff_list(world_a.congress, after=after)
        assert [_row(item, item.handling) for item in page] == _by_orm(world_a.congress, after=after)
        pages.append(page)
        if len(page) < queries.PAGE:
            break
        after = str(page[-1].pk)
    listed = [item.pk for page in pages for item in page]
    assert len(listed) == len(set(listed)) == Suggestion.objects.in_congress(world_a.congress).exclude(
        status__in=["draft", "withdrawn"]).count()
    assert listed == sorted(listed, reverse=True)
    with_two = next(item for page in pages for item in page if len(item.handling) == 2)
    assert with_two.handling[0].lead and not with_two.handling[1].lead
    assert queries.lead_due_on(with_two) == with_two.handling[0].due_on


def test_another_congress_items_are_not_listed(world_a, world_b):
    _items(world_b)
    assert queries.staff_list(world_a.congress) == []
    assert queries.staff_list(world_b.congress)
