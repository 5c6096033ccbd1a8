"""The activity page's stepper: a visit (视察) ends at 报告已定稿; a survey or inspection goes on to
已提请审议 (its report is placed before a standing-committee meeting)."""

import re

import pytest

from renda.oversight.models import Activity
from renda.oversight.tests.permission_calls_fieldwork import make_activity
from renda.testing import signed_in


def steps(world, activity) -> list[str]:
    page = signed_in(world.office).get(f"/c/{world.congress.code}/oversight/activities/{activity.pk}/")
    assert page.status_code == 200
    stepper = re.search(r'<ol class="stepper".*?</ol>', page.content.decode(), re.S)
    assert stepper is not None
    return re.findall(r"<li[^>]*>([^<]+)</li>", stepper.group(0))


@pytest.mark.parametrize(("kind", "last"), [(Activity.Kind.VISIT, "报告已定稿"), (Activity.Kind.SURVEY, "已提请审议")])
def test_the_stepper_ends_where_the_kind_ends(world_a, kind, last):
    activity = make_activity(world_a, kind=kind, status=Activity.Status.REPORTED)
    shown = steps(world_a, activity)
    assert shown[-1] == last and shown[:4] == ["筹备中", "正在开展", "起草报告", "报告已定稿"]
