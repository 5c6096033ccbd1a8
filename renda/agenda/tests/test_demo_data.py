"""The agenda demo on a small world standing in for the demo city (renda/demo.py wires the real one)."""

from types import SimpleNamespace

from renda.agenda import demo_data
from renda.agenda.models import DraftEntry, ProposedItem
from renda.agenda.tests.fixtures import directors, session


def test_the_demo_fixes_the_next_planned_sessions_draft_agenda(world_a):
    directors(world_a)  # the directors' meeting's body, as the demo city has it
    the_session = session(world_a, open_it=False, days_ahead=3)
    city = SimpleNamespace(congress=world_a.congress, office=world_a.office, units={"教育局": world_a.unit},
                           committees={"代表工作委员会": world_a.committee})
    draft = demo_data.build(city)
    assert draft.session_id == the_session.pk
    entries = DraftEntry.objects.in_congress(world_a.congress).filter(draft=draft).order_by("order")
    assert entries.count() == 2 and entries[0].scheduled_at == the_session.starts_at
    statuses = sorted(ProposedItem.objects.in_congress(world_a.congress).values_list("status", flat=True))
    assert statuses == ["declined", "scheduled", "scheduled"]
    assert demo_data.build(city) is None  # no other planned session: nothing more
