"""The oversight API, by stage (same modules as ``actions``)."""

from ninja import Router

from renda.oversight.api import activities, fieldwork, plan, reporting

router = Router()
router.add_router("", plan.router)
router.add_router("", activities.router)
router.add_router("", fieldwork.router)
router.add_router("", reporting.router)
