"""The rectification list over the API."""

from ninja import Router

router = Router(tags=["rectification"])
