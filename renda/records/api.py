"""代表履职档案 over the API."""

from ninja import Router

router = Router(tags=["records"])
