"""The oversight API: opinions."""

from ninja import Router

router = Router(tags=["oversight"])
