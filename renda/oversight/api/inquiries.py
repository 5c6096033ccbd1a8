"""The oversight API: inquiries."""

from ninja import Router

router = Router(tags=["oversight"])
