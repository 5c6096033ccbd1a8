"""The channels a notice can travel by: a small registry, name → class with ``send(delivery)``.

``send`` returns when the channel has taken the message and raises (any exception) when it has not;
the outbox then retries with backoff. A new channel (a government messenger with its own API, say)
is one class registered here. ``EXTERNAL`` are those a person may choose; the inbox is always on.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from renda.delivery.models import Delivery

REGISTRY: dict[str, type[Channel]] = {}


def register(cls: type[Channel]) -> type[Channel]:
    REGISTRY[cls.name] = cls
    return cls


def get(name: str) -> Channel:
    try:
        return REGISTRY[name]()
    except KeyError:
        raise KeyError(f"no delivery channel {name!r}") from None


class Channel:
    name = ""
    label = ""
    address_label = ""  # what the person fills in for it ("" = nothing)

    def available(self, congress) -> bool:
        return True

    def send(self, delivery: Delivery) -> None:
        raise NotImplementedError


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")) or not path:
        return path
    return settings.RENDA_SITE_URL + path


def message_of(delivery: Delivery) -> dict:
    """What every channel says: the notice's text, its page and, for a meeting notice, the reply links."""
    from renda.delivery import attendance

    notice = delivery.notice
    replies = attendance.links_for(notice)
    return {"text": notice.text, "link": absolute(notice.link) if notice.link else "",
            "urgent": delivery.urgent,
            "replies": {k: absolute(v) for k, v in replies.items()}}


@register
class Inbox(Channel):
    """The in-app inbox: being planned is being delivered; ``read_at`` is set when the person reads it."""

    name, label = "inbox", "站内通知"

    def send(self, delivery: Delivery) -> None:
        return None


@register
class Email(Channel):
    name, label, address_label = "email", "电子邮件", "电子邮箱"

    def send(self, delivery: Delivery) -> None:
        message = message_of(delivery)
        lines = [message["text"]]
        if message["link"]:
            lines.append(f"查看：{message['link']}")
        if message["replies"]:
            lines.append(f"参加：{message['replies']['attend']}")
            if message["replies"].get("leave"):
                lines.append(f"请假：{message['replies']['leave']}")
        lines.append(f"——{delivery.congress.name} 人大工作平台")
        subject = ("【紧急】" if delivery.urgent else "") + message["text"][:60]
        connection = get_connection(fail_silently=False, timeout=getattr(settings, "EMAIL_TIMEOUT", 10))
        EmailMessage(subject, "\n".join(lines), to=[delivery.address], connection=connection).send()


def webhook_url(congress) -> str:
    return settings.RENDA_WEBHOOK_URLS.get(congress.code) or settings.RENDA_WEBHOOK_URL


def sign(body: bytes, secret: str | None = None) -> str:
    """The ``X-Renda-Signature`` header: ``sha256=`` and the HMAC-SHA256 of the exact body bytes."""
    key = (secret if secret is not None else settings.RENDA_WEBHOOK_SECRET).encode()
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def verify(body: bytes, header: str, secret: str) -> bool:
    """For a receiver (and the tests): does ``header`` sign ``body`` with ``secret``?"""
    return hmac.compare_digest(sign(body, secret), header or "")


@register
class Webhook(Channel):
    """A POST of JSON to the congress's gateway (an SMS gateway or the government messenger's
    bridge), which sends it on to the mobile number. A 2xx answer is delivery; anything else, a
    refused connection or the short timeout is a failure to retry. ``X-Renda-Delivery`` lets the
    gateway drop a repeat of a delivery it already sent."""

    name, label, address_label = "webhook", "短信或政务通讯", "手机号"

    def available(self, congress) -> bool:
        # Unsigned payloads would let anyone who can reach the gateway send SMS in the congress's name.
        return bool(webhook_url(congress)) and bool(settings.RENDA_WEBHOOK_SECRET)

    def payload(self, delivery: Delivery) -> bytes:
        message = message_of(delivery)
        data = {"delivery": delivery.pk, "notice": delivery.notice_id, "congress": delivery.congress.code,
                "mobile": delivery.address, "text": message["text"], "link": message["link"],
                "urgent": message["urgent"], "replies": message["replies"]}
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode()

    def send(self, delivery: Delivery) -> None:
        url = webhook_url(delivery.congress)
        if not url:
            raise RuntimeError(f"{delivery.congress.name}未配置短信或政务通讯网关（RENDA_WEBHOOK_URL）")
        if not settings.RENDA_WEBHOOK_SECRET:
            raise RuntimeError("未配置网关签名密钥（RENDA_WEBHOOK_SECRET），不发送未签名的通知")
        body = self.payload(delivery)
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "X-Renda-Signature": sign(body),
            "X-Renda-Delivery": str(delivery.pk)})
        with urllib.request.urlopen(request, timeout=settings.RENDA_WEBHOOK_TIMEOUT) as answer:  # noqa: S310
            if not 200 <= answer.status < 300:
                raise RuntimeError(f"网关答复 HTTP {answer.status}")


EXTERNAL = ["email", "webhook"]
