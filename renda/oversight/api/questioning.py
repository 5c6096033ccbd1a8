"""The oversight API: questioning."""

from ninja import Router

router = Router(tags=["oversight"])
