from ninja import Router

router = Router(tags=["answer_quality"])
