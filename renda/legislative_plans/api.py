from ninja import Router

router = Router(tags=["legislative_plans"])
