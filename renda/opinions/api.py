"""意见建议登记办理（事事有回音） over the API."""

from ninja import Router

router = Router(tags=["opinions"])
