"""The station's public page, its QR form and the person's tracking page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renda.core import actions as core_actions
from renda.liaison import actions
from renda.liaison.models import Concern, ConcernPhoto
from renda.liaison.tests.factory import concern

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form(**extra):
    return {"category": "教育", "text": "学校门口早晚拥堵", "place": "实验小学", "person_name": "钱女士",
            "person_contact": "13900000002", **extra}


def test_the_public_page_shows_the_rota_and_a_qr_code_to_the_form(world_a):
    actions.set_up_station(world_a.congress, world_a.station, actor=world_a.office, area="城关区", opening_days="每周二")
    actions.set_rota(world_a.congress, world_a.station, actor=world_a.office, on="2099-01-05", mandates=[world_a.deputies[0]])
    from django.utils import timezone

    today = timezone.localdate()
    actions.set_rota(world_a.congress, world_a.station, actor=world_a.office, on=today, mandates=[world_a.deputies[0]])
    page = Client().get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/public/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "每周二" in html and "李明" in html
    assert f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/" in html


def test_a_person_submits_by_the_qr_form_and_follows_it_by_the_tracking_code(world_a):
    client = Client()
    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"
    photo = SimpleUploadedFile("门口.png", PNG, content_type="image/png")
    response = client.post(url, {**form(), "photos": [photo]})
    assert response.status_code == 302
    item = Concern.objects.in_congress(world_a.congress).get()
    assert (item.source, item.person_name) == ("online", "钱女士")
    assert ConcernPhoto.objects.in_congress(world_a.congress).filter(concern=item).count() == 1
    page = client.get(response["Location"])
    html = page.content.decode()
    assert item.tracking_code_display in html and "已收到" in html and "待分办" not in html
    assert "钱女士" not in html and "13900000002" not in html  # not even the person's own details


def test_the_tracking_page_leaks_nothing_of_other_concerns(world_a):
    mine = concern(world_a, text="我家楼下路灯不亮", person_name="孙先生", person_contact="13900000003")
    other = concern(world_a, text="邻村的灌溉渠堵塞", person_name="周女士", person_contact="13900000004")
    actions.triage_concern(world_a.congress, other, actor=world_a.office, path="referred", unit=world_a.unit)
    actions.triage_concern(world_a.congress, mine, actor=world_a.office, path="tracked", responsible=world_a.deputies[0])
    actions.record_follow_up(world_a.congress, mine, actor=world_a.office, note="内部记录：电工班组排期", public=False)
    html = Client().get(f"/c/{world_a.congress.code}/track/{mine.tracking_code}/").content.decode()
    for leaked in ["灌溉渠", "周女士", "13900000004", other.tracking_code, other.tracking_code_display, "孙先生", "13900000003", "教育局", "电工班组"]:
        assert leaked not in html
    assert mine.tracking_code_display in html and "李明代表跟踪办理" in html
    assert Client().get(f"/c/{world_a.congress.code}/track/ABCDEFGHJK/").status_code == 404


def test_the_person_rates_the_answer_on_the_tracking_page(world_a):
    item = concern(world_a)
    actions.triage_concern(world_a.congress, item, actor=world_a.office, path="referred", unit=world_a.unit)
    actions.answer_concern(world_a.congress, item, actor=world_a.office, answer="已增设人行横道")
    client = Client()
    url = f"/c/{world_a.congress.code}/track/{item.tracking_code}/"
    assert "已增设人行横道" in client.get(url).content.decode()
    refused = client.post(url, {"satisfaction": "never", "note": "答复很及时"})
    assert refused.status_code == 200 and "满意度" in refused.content.decode() and "答复很及时" in refused.content.decode()
    assert client.post(url, {"satisfaction": "satisfied"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.satisfaction, item.feedback_by_person) == ("closed", "satisfied", True)


def test_bad_input_names_the_field_and_writes_nothing(world_a):
    client = Client()
    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"
    cases = [
        (form(text=""), "诉求内容"),
        (form(category="外星人"), "类别"),
        (form(person_name="", person_contact=""), "匿名反映"),
        ({**form(), "photos": [SimpleUploadedFile("x.png", b"GIF89a" + b"\x00" * 20)]}, "不是 JPEG 或 PNG"),
        ({**form(), "photos": [SimpleUploadedFile(f"{n}.png", PNG) for n in range(4)]}, "最多上传 3 张"),
        ({**form(), "photos": [SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024))]}, "超过 5 MB"),
    ]
    for n, (data, message) in enumerate(cases):
        response = Client(REMOTE_ADDR=f"10.0.0.{n}").post(url, data)
        html = response.content.decode()
        assert response.status_code == 200 and message in html and "提交未成功" in html, message
        assert "学校门口早晚拥堵" in html or not data["text"]  # what was typed comes back
    assert not Concern.objects.in_congress(world_a.congress).exists()
    assert not ConcernPhoto.objects.in_congress(world_a.congress).exists()
    assert client.post(url, form(anonymous="on", person_name="", person_contact="")).status_code == 302


def test_repeated_submissions_meet_a_challenge_then_a_limit(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="liaison.challenge_after", value=2)
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="liaison.intake_per_address_hour", value=4)
    client = Client(REMOTE_ADDR="10.9.9.9")
    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"
    assert [client.post(url, form()).status_code for _ in range(2)] == [302, 302]
    third = client.post(url, form())  # the third from this address must answer a sum
    assert third.status_code == 200 and "请回答验证题" in third.content.decode()
    question, token = third.context["question"], third.context["token"]
    a, b = (int(x) for x in question.replace("= ?", "").split("+"))
    assert client.post(url, {**form(), "challenge": a + b, "challenge_token": token}).status_code == 302
    refused = client.post(url, form())
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    assert Client(REMOTE_ADDR="10.9.9.10").post(url, form()).status_code == 302  # another address is not held up
    assert Concern.objects.in_congress(world_a.congress).count() == 4


def test_a_closed_intake_refuses_the_public_but_not_staff(world_a):
    actions.set_up_station(world_a.congress, world_a.station, actor=world_a.office, intake_open=False)
    response = Client().post(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/", form())
    assert response.status_code == 200 and "暂停网上反映" in response.content.decode()
    staff = concern(world_a, actor=world_a.office)
    assert staff.source == "staff"
