"""The yearly reports' .xlsx are built as background jobs too once the year holds more items than the
rule exports.background_rows (issue 18, point 7): the counting runs in the job, the file is the same."""

import datetime
import re

import pytest

from renda.core import actions
from renda.core.roles import Role
from renda.core.tests.test_export_jobs import HTMX
from renda.liaison.tests.factory import concern
from renda.proposals.tests.test_handling_and_feedback import assigned
from renda.proposals.tests.test_report_charts import two_years
from renda.testing import signed_in


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _through_a_job(client, code: str, url: str) -> bytes:
    page = client.get(url)
    assert page["Content-Type"].startswith("text/html"), "expected the progress page"
    found = re.search(r"build=([0-9a-f]{32})", page.content.decode())
    assert found, "the progress page names its build token"
    token = found.group(1)
    joiner = "&" if "?" in url else "?"
    assert client.get(f"{url}{joiner}build={token}", headers=HTMX).status_code == 200
    download = client.get(f"/c/{code}/exports/{token}/download/")
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def test_the_suggestion_report_is_a_job_above_the_rule_and_the_same_file(world_a):
    year = two_years(world_a)
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/suggestions/reports/evaluation.xlsx?year={year}"
    at_once = office.get(url)
    assert at_once["Content-Type"].startswith("application/vnd.openxml")   # one item: under the rule
    actions.change_rule(world_a.congress, actor=world_a.root, key="exports.background_rows", value=1)
    assigned(world_a, on=datetime.date(2026, 1, 11))   # two of the year's items: above the rule
    body = _through_a_job(office, world_a.congress.code, url)
    assert body[:2] == b"PK" and len(body) > 1000
    # a unit's officer may not read the report: not through a job either
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url).status_code in {403, 404}


def test_the_liaison_statistics_are_a_job_above_the_rule(world_a):
    for text in ("路灯不亮", "下水道堵塞"):
        concern(world_a, text=text)
    actions.change_rule(world_a.congress, actor=world_a.root, key="exports.background_rows", value=1)
    year = datetime.date.today().year
    office = signed_in(world_a.office)
    code = world_a.congress.code
    body = _through_a_job(office, code, f"/c/{code}/liaison/statistics.xlsx?year={year}")
    assert body[:2] == b"PK"
