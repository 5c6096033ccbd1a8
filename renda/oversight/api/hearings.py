"""The oversight API: hearings."""

from ninja import Router

router = Router(tags=["oversight"])
