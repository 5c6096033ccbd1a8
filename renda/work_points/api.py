from ninja import Router

router = Router(tags=["work_points"])
