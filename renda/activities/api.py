"""代表闭会期间活动与代表培训 over the API."""

from ninja import Router

router = Router(tags=["activities"])
