"""代表小组 over the API."""

from ninja import Router

router = Router(tags=["deputy_groups"])
