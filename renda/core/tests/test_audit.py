import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory

from renda.core.models import AuditEntry
from renda.core.tenancy import congress_scope


def test_every_action_records_who_what_and_before_after(world_a):
    from renda.people import actions

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
    body = b"".join(export.streaming_content).decode("utf-8-sig")
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
    assert client.post(url, form)["Location"] == "/admin/people/organisation/"
    entry = AuditEntry.objects.in_congress(world_a.congress).filter(action="admin_correction").get()
    assert entry.before == {"name": "教育局"} and entry.after == {"name": "教育体育局"}
