from ninja import Router

router = Router(tags=["law_comments"])
