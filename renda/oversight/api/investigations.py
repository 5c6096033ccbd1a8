"""The oversight API: investigations."""

from ninja import Router

router = Router(tags=["oversight"])
