"""Notices leave the app: by e-mail to a real (local) SMTP server and by a signed webhook to a local
receiver; failures are retried with backoff, the drain never sends twice, dead letters after N."""

from __future__ import annotations

import pytest

from renda.core import actions as core_actions
from renda.delivery import channels, outbox
from renda.delivery.models import Delivery
from renda.delivery.tests.helpers import SECRET, later, notice_for, overdue_notice, prefer
from renda.delivery.tests.servers import SmtpServer, WebhookReceiver

pytestmark = pytest.mark.django_db
S = Delivery.Status


@pytest.fixture
def outside(settings):
    """The SMTP server and the webhook receiver, wired into the settings."""
    with SmtpServer() as smtp, WebhookReceiver() as hook:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", smtp.port, False
        settings.RENDA_WEBHOOK_URL, settings.RENDA_WEBHOOK_SECRET, settings.RENDA_WEBHOOK_TIMEOUT = hook.url, SECRET, 2
        settings.RENDA_WEBHOOK_URLS = {}
        yield smtp, hook


def _rows(world, notice):
    return {d.channel: d for d in Delivery.objects.in_congress(world.congress).filter(notice=notice)}


def test_it_sends_an_ordinary_notice_to_the_first_choice_and_the_inbox_after_commit(
        world_a, outside, django_capture_on_commit_callbacks):
    smtp, hook = outside
    deputy = world_a.deputy
    prefer(world_a, deputy, ["email", "webhook"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notice = notice_for(world_a, deputy)
        assert not Delivery.objects.in_congress(world_a.congress).exists()  # nothing inside the transaction
    for callback in callbacks:
        callback()
    rows = _rows(world_a, notice)
    assert set(rows) == {"inbox", "email"} and all(r.status == S.SENT for r in rows.values())
    assert len(smtp.messages) == 1 and not hook.received
    mail = smtp.messages[0]
    assert mail["To"] == "deputy@example.cn" and "校车线路" in mail["Subject"]
    assert "/suggestions/" in mail.get_body().get_content()
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_it_sends_an_urgent_notice_to_every_chosen_channel_with_a_verifiable_signature(
        world_a, outside, django_capture_on_commit_callbacks):
    smtp, hook = outside
    deputy = world_a.deputy
    prefer(world_a, deputy, ["webhook", "email"])
    with django_capture_on_commit_callbacks(execute=True):
        notice = overdue_notice(world_a, deputy)
    rows = _rows(world_a, notice)
    assert set(rows) == {"inbox", "email", "webhook"} and all(r.urgent and r.status == S.SENT for r in rows.values())
    assert len(smtp.messages) == 1 and smtp.messages[0]["Subject"].strip().startswith("【紧急】")
    [got] = hook.received
    assert channels.verify(got.body, got.headers["X-Renda-Signature"], SECRET)
    assert not channels.verify(got.body, got.headers["X-Renda-Signature"], "another-secret")
    assert not channels.verify(got.body.replace(b"13912345678", b"13900000000"), got.headers["X-Renda-Signature"], SECRET)
    assert got.data["mobile"] == "13912345678" and got.data["urgent"] is True and "逾期" in got.data["text"]
    assert got.headers["X-Renda-Delivery"] == str(rows["webhook"].pk)


def test_it_retries_a_webhook_that_failed_once_and_the_second_drain_sends_nothing_twice(
        world_a, outside, django_capture_on_commit_callbacks):
    smtp, hook = outside
    prefer(world_a, world_a.deputy, ["webhook"])
    hook.fail = 1
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_for(world_a, world_a.deputy)
    webhook = _rows(world_a, notice)["webhook"]
    assert (webhook.status, webhook.attempts, hook.answers) == (S.FAILED, 1, [500])
    assert "500" in webhook.last_error
    assert not outbox.drain(world_a.congress)["sent"]  # not due yet: backoff
    counts = outbox.drain(world_a.congress, now=later(2))
    webhook.refresh_from_db()
    assert counts["sent"] == 1 and webhook.status == S.SENT and webhook.attempts == 2 and not webhook.last_error
    assert hook.answers == [500, 200] and len(hook.received) == 1
    again = outbox.drain(world_a.congress, now=later(60))
    again_ = outbox.drain(world_a.congress, now=later(120))
    assert not again["sent"] and not again_["sent"] and len(hook.received) == 1 and not smtp.messages
    assert Delivery.objects.in_congress(world_a.congress).filter(notice=notice).count() == 2  # inbox + webhook


def test_it_plans_and_claims_each_delivery_once_when_two_drains_race(world_a, outside):
    smtp, hook = outside
    prefer(world_a, world_a.deputy, ["email"])
    notice = notice_for(world_a, world_a.deputy)  # no on_commit here: as if written by bulk_create
    outbox.plan(world_a.congress, [notice])
    outbox.plan(world_a.congress, [notice])  # a second drain plans the same notice: the constraint holds
    assert Delivery.objects.in_congress(world_a.congress).filter(notice=notice).count() == 2
    first = Delivery.objects.in_congress(world_a.congress).get(notice=notice, channel="email")
    second = Delivery.objects.in_congress(world_a.congress).get(pk=first.pk)  # the other drain's stale copy
    assert outbox.attempt(first) == S.SENT
    assert outbox.attempt(second) == ""  # its conditional claim finds the row already taken
    assert len(smtp.messages) == 1


def test_it_picks_up_notices_written_without_a_signal_and_ignores_old_ones(world_a, outside):
    from renda.proposals.models import Notice

    smtp, _ = outside
    prefer(world_a, world_a.deputy, ["email"])
    Notice.objects.bulk_create([Notice(congress=world_a.congress, person=world_a.deputy.person, text="批量写入的通知")])
    old = notice_for(world_a, world_a.deputy, text="很久以前的通知")
    Notice.objects.in_congress(world_a.congress).filter(pk=old.pk).update(created_at=later(-60 * 24 * 30))
    counts = outbox.drain(world_a.congress)
    assert counts["planned"] == 2 and counts["sent"] == 1
    assert [m["Subject"].strip() for m in smtp.messages] == ["批量写入的通知"]
    assert not outbox.drain(world_a.congress)["planned"]


def test_it_turns_a_delivery_dead_after_n_failures_and_the_office_retries_it(
        world_a, outside, django_capture_on_commit_callbacks):
    from renda.delivery import actions
    from renda.testing import signed_in

    _, hook = outside
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="delivery.max_attempts", value=3)
    prefer(world_a, world_a.deputy, ["webhook"])
    hook.down = True
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_for(world_a, world_a.deputy, text="会议材料已发布")
    for minutes in (2, 10):  # backoff 1, then 2 minutes
        outbox.drain(world_a.congress, now=later(minutes))
    webhook = _rows(world_a, notice)["webhook"]
    assert (webhook.status, webhook.attempts) == (S.DEAD, 3) and hook.answers == [500, 500, 500]
    assert not outbox.drain(world_a.congress, now=later(600))["failed"]  # dead letters are not retried by the drain
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/notices/dead/")
    assert page.status_code == 200 and "会议材料已发布" in page.content.decode() and "HTTPError" in page.content.decode()
    hook.down = False
    with django_capture_on_commit_callbacks(execute=True):
        actions.retry(world_a.congress, webhook, actor=world_a.office)
    webhook.refresh_from_db()
    assert webhook.status == S.SENT and len(hook.received) == 1
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_it_sends_a_unit_notice_to_each_officer_of_the_unit(world_a, outside, django_capture_on_commit_callbacks):
    from renda.core.roles import Role
    from renda.proposals.models import Notice

    smtp, _ = outside
    officer = world_a.users[Role.UNIT_OFFICER]
    prefer(world_a, officer, ["email"], email="jiaoyuju@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        Notice.objects.create(congress=world_a.congress, unit=world_a.unit, text="“校车线路”的协办意见还有 7 天到期")
    assert [m["To"] for m in smtp.messages] == ["jiaoyuju@example.cn"]


def test_it_offers_no_webhook_without_a_signing_secret(world_a, settings):
    """An unsigned payload would let anyone who reaches the gateway send messages in the congress's name."""
    settings.RENDA_WEBHOOK_URL, settings.RENDA_WEBHOOK_URLS = "http://127.0.0.1:9/hook", {}
    settings.RENDA_WEBHOOK_SECRET = ""
    assert not channels.get("webhook").available(world_a.congress)
    settings.RENDA_WEBHOOK_SECRET = SECRET
    assert channels.get("webhook").available(world_a.congress)
