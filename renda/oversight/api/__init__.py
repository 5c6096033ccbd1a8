"""The oversight API, by stage (same modules as ``actions``)."""

from ninja import Router

from renda.oversight.api import (
    activities,
    fieldwork,
    hearings,
    inquiries,
    investigations,
    opinions,
    plan,
    questioning,
    reporting,
)

router = Router()
for stage in (plan, activities, fieldwork, reporting, hearings, opinions, inquiries, questioning, investigations):
    router.add_router("", stage.router)
