"""The demo's rectification list, built on the demo's part-1 inspection findings."""

import pytest
from django.test import Client

from renda.rectification.models import RectificationItem, RectificationUpdate


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the whole demo is built inside the test (core's demo test builds it in a fixture, unguarded)
def test_the_demo_list_has_progress_a_check_a_closed_item_and_an_overdue_one():
    from django.utils import timezone

    from renda import demo

    congress = demo.build()  # renda/demo.py calls rectification.demo_data.build(city)
    items = RectificationItem.objects.in_congress(congress).filter(finding__isnull=False,  # ours: from the findings
                                                                   created_by__username="office")
    today = timezone.localdate()
    assert items.count() >= 4
    [closed] = items.filter(status=RectificationItem.Status.CLOSED, resolution__startswith="经实地核查")
    assert closed.closed_on <= closed.due_on and closed.accepted_by_id
    assert RectificationUpdate.objects.in_congress(congress).filter(item=closed, kind="closure_request").exclude(
        evidence="").exists()
    assert items.filter(status=RectificationItem.Status.OPEN, due_on__lt=today).exists()
    assert items.filter(status=RectificationItem.Status.CLAIMED).exists()
    kinds = set(RectificationUpdate.objects.in_congress(congress).filter(item__in=items).values_list("kind", flat=True))
    assert {"progress", "spot_check", "site_check", "closure_request", "accepted"} <= kinds
    for item in items.select_related("unit"):  # each item at the department its problem belongs to
        if "水源" in item.problem or "工业园区" in item.problem:
            assert item.unit.name != "示例市教育局", item.problem
    client = Client()
    assert client.login(username="unit", password=demo.PASSWORD)
    page = client.get(f"/c/{congress.code}/rectification/")
    assert page.status_code == 200 and "本单位的整改事项" in page.content.decode()


def test_a_demo_item_goes_to_the_unit_its_finding_is_about():
    from types import SimpleNamespace

    from renda.rectification.demo_data import _unit_of

    units = {short: SimpleNamespace(name=f"示例市{short}") for short in
             ("教育局", "生态环境局", "工业和信息化局", "民政局", "住房和城乡建设局")}
    city = SimpleNamespace(units=units)

    def finding(heading, text, title="关于某项工作的调研报告", unit=None):
        return SimpleNamespace(heading=heading, text=text, report=SimpleNamespace(title=title),
                               unit_id=1 if unit else None, unit=unit)

    water = finding("部分水源保护区标志设置不规范", "东湖水库二级保护区内有3处界标缺失，警示牌内容陈旧。")
    park = finding("工业园区污水收集管网不完善", "南湾工业园区雨污分流不彻底，部分企业预处理不达标。")
    elderly = finding("设施利用率不高", "部分互助幸福院无专人管理，冬季取暖费用难以保障。")
    heating = finding("老旧小区室温偏低", "北苑小区部分楼栋管网老化，室温低于18摄氏度。")
    canteen = finding("校园食堂索证索票不规范", "个别学校食堂进货查验记录不全。")
    assert _unit_of(city, water).name == "示例市生态环境局"
    assert _unit_of(city, park).name == "示例市工业和信息化局"
    assert _unit_of(city, elderly).name == "示例市民政局"
    assert _unit_of(city, heating).name == "示例市住房和城乡建设局"
    assert _unit_of(city, canteen).name == "示例市教育局"
    own = SimpleNamespace(name="示例市水务局")
    assert _unit_of(city, finding("部分水源保护区标志设置不规范", "", unit=own)) is own
