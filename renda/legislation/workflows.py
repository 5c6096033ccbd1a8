"""A bill's way from drafting to promulgation, in one table (立法法第三十一条至第四十五条、第八十一条).

Drafting, versions and comments leave the status at 起草中; the readings, the vote, the approval of a
districted city's regulation by the province and the announcement move it on. A regulation of a
congress whose laws need no approval (or the standing committee's own rules) goes from 已表决通过
straight to 已公布. A failed bill stays failed; a new bill starts again."""

from renda.core.permissions import OFFICE, STAFF
from renda.core.workflow import Transition, Workflow
from renda.legislation.models import Bill

S = Bill.Status

BILL_WORKFLOW = Workflow(
    name="法规案",
    states=dict(S.choices),
    transitions=[
        Transition(S.DRAFTING, S.SUBMITTED, "submit_bill", OFFICE, "提请常委会审议"),
        Transition(S.SUBMITTED, S.UNDER_DELIBERATION, "record_reading", STAFF, "第一次审议"),
        Transition(S.UNDER_DELIBERATION, S.PASSED, "record_bill_vote", OFFICE, "表决通过"),
        Transition(S.UNDER_DELIBERATION, S.FAILED, "record_bill_vote", OFFICE, "表决未通过"),
        Transition(S.PASSED, S.AWAITING_APPROVAL, "submit_for_approval", OFFICE, "报请省级人大常委会批准"),
        Transition(S.AWAITING_APPROVAL, S.APPROVED, "record_approval", OFFICE, "批准"),
        Transition(S.AWAITING_APPROVAL, S.NOT_APPROVED, "record_approval", OFFICE, "不予批准"),
        Transition(S.APPROVED, S.PROMULGATED, "promulgate_law", OFFICE, "公布"),
        Transition(S.PASSED, S.PROMULGATED, "promulgate_law", OFFICE, "公布（无需报批）"),
        Transition(S.DRAFTING, S.WITHDRAWN, "withdraw_bill", OFFICE, "撤回"),
        Transition(S.SUBMITTED, S.WITHDRAWN, "withdraw_bill", OFFICE, "撤回"),
        Transition(S.UNDER_DELIBERATION, S.WITHDRAWN, "withdraw_bill", OFFICE, "撤回"),
        Transition(S.UNDER_DELIBERATION, S.ENDED, "end_bill", OFFICE, "搁置满两年，终止审议"),
    ],
)
