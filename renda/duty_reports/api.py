from ninja import Router

router = Router(tags=["duty_reports"])
