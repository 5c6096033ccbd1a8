import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory

from renda.core import actions as core_actions
from renda.core import rules, tallies
from renda.core.models import AuditEntry
from renda.core.tenancy import congress_scope
from renda.people import actions


def test_every_action_records_who_what_and_before_after(world_a):
    actions.update_organisation(world_a.congress, world_a.unit, actor=world_a.office, address="人民路1号")
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="update_organisation").get()
    assert entry.actor == world_a.office and entry.object_id == str(world_a.unit.pk)
    assert entry.before == {"address": ""} and entry.after == {"address": "人民路1号"}


def test_the_log_cannot_be_edited_or_deleted(world_a):
    entry = AuditEntry.objects.in_congress(world_a.congress).first()
    entry.action = "tampered"
    with congress_scope(world_a.congress):
        with pytest.raises(AuditEntry.AppendOnly):
            entry.save()
        with pytest.raises(AuditEntry.AppendOnly):
            entry.delete()
    model_admin = site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = world_a.root
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.has_add_permission(request)


def test_an_admin_browses_and_exports_the_log_of_their_congress_only(world_a, world_b):
    client = Client()
    client.force_login(world_a.admin)
    page = client.get(f"/c/{world_a.congress.code}/audit/").content.decode()
    assert "新建机构" in page and "a东湖代表团" in page and "b东湖代表团" not in page
    export = client.get(f"/c/{world_a.congress.code}/audit/export.csv")
    body = export.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("编号,时间,操作人")
    assert "a东湖代表团" in body and "b东湖代表团" not in body
    assert client.get(f"/c/{world_b.congress.code}/audit/").status_code == 403


def test_the_log_filters_by_action(world_a):
    client = Client()
    client.force_login(world_a.admin)
    page = client.get(f"/c/{world_a.congress.code}/audit/?action=create_term").content.decode()
    assert "新建届次" in page and "a东湖代表团" not in page


def test_a_correction_in_django_admin_is_audited(world_a):
    world_a.root.is_staff = True
    world_a.root.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(world_a.root)
    unit = world_a.unit
    url = f"/admin/people/organisation/{unit.pk}/change/"
    form = {"congress": world_a.congress.pk, "kind": unit.kind, "name": "教育体育局", "short_name": "",
            "unit_type": unit.unit_type, "address": "", "phone": "", "active": "on"}
    version = tallies.data_version(world_a.congress)
    assert client.post(url, form)["Location"] == "/admin/people/organisation/"
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="admin_correction").get()
    assert entry.before == {"name": "教育局"} and entry.after == {"name": "教育体育局"}
    assert tallies.data_version(world_a.congress) == version + 1  # pages kept per version show the new name


def test_settings_deleted_together_in_django_admin_are_each_audited_and_the_rules_read_again(world_a):
    from renda.core.models import RuleSetting
    from renda.voting.tally import RUNNING_TALLY_RULE

    congress, root = world_a.congress, world_a.root
    root.is_staff = True
    root.save(update_fields=["is_staff"])
    core_actions.change_rule(congress, actor=world_a.admin, key=RUNNING_TALLY_RULE, value=True)
    assert rules.get(congress, RUNNING_TALLY_RULE) is True
    setting = RuleSetting.objects.in_congress(congress).get()
    client = Client()
    client.force_login(root)
    answer = client.post("/admin/core/rulesetting/", {"action": "delete_selected", "_selected_action": [setting.pk],
                                                      "post": "yes"})
    assert answer.status_code == 302
    assert not RuleSetting.objects.in_congress(congress).exists()
    entry = AuditEntry.objects.in_congress(congress).filter(action="admin_correction").get()
    assert entry.before == {"deleted": str(setting)}
    assert rules.get(congress, RUNNING_TALLY_RULE) is False  # not the value this worker kept


def test_the_filters_are_labelled_and_actions_and_types_are_chosen_in_chinese(world_a):
    client = Client()
    client.force_login(world_a.admin)
    page = client.get(f"/c/{world_a.congress.code}/audit/").content.decode()
    for field, label in [("action", "操作"), ("actor", "操作人"), ("object_type", "对象类型"), ("since", "起始日期"),
                         ("until", "截止日期")]:
        assert f'<label for="id_{field}">{label}</label>' in page
    assert '<option value="create_term">新建届次</option>' in page and '<option value="organisation">机构</option>' in page


def test_values_are_shown_in_words_never_as_dicts_or_codes(world_a):
    from renda.people.models import Mandate

    core_actions.create_account(world_a.congress, actor=world_a.admin, username="liuyang", full_name="刘洋")
    actions.end_mandate(world_a.congress, world_a.make_deputy("钱进"), actor=world_a.root,
                        status=Mandate.Status.RESIGNED, on="2024-01-01", reason="辞职")
    client = Client()
    client.force_login(world_a.admin)
    page = client.get(f"/c/{world_a.congress.code}/audit/").content.decode()
    assert "{'" not in page and "{&#x27;" not in page and "True" not in page and "None" not in page
    assert "新建账号" in page and "<dt>账号</dt><dd>liuyang</dd>" in page and "<dt>密码</dt><dd>系统生成</dd>" in page
    ended = client.get(f"/c/{world_a.congress.code}/audit/?action=end_mandate").content.decode()
    assert Mandate.Status.RESIGNED.label in ended and ">resigned<" not in ended and "代表资格" in ended


def test_the_log_filters_by_object_type_and_date_range(world_a):
    import datetime

    from django.utils import timezone

    client = Client()
    client.force_login(world_a.admin)
    base = f"/c/{world_a.congress.code}/audit/"
    terms = client.get(base + "?object_type=term").content.decode()
    assert "第5届" in terms and "a东湖代表团" not in terms
    today = timezone.localdate()
    assert "a东湖代表团" in client.get(base + f"?since={today}&until={today}").content.decode()
    tomorrow = today + datetime.timedelta(days=1)
    assert "没有符合条件的记录" in client.get(base + f"?since={tomorrow}").content.decode()
    wrong = client.get(base + f"?since={today}&until={today - datetime.timedelta(days=3)}&actor=root").content.decode()
    assert "“截止日期”不能早于“起始日期”" in wrong and 'value="root"' in wrong
    assert "a东湖代表团" in wrong  # the other filters still apply
    assert "没有符合条件的记录" in client.get(base + f"?until={today - datetime.timedelta(days=3)}&actor=nobody").content.decode()


def test_the_export_follows_the_filters_and_speaks_chinese(world_a):
    client = Client()
    client.force_login(world_a.admin)
    export = client.get(f"/c/{world_a.congress.code}/audit/export.csv?action=create_term")
    body = export.content.decode("utf-8-sig")
    assert "新建届次" in body and "届次：5" in body and "create_term" not in body and "新建机构" not in body
