"""The 任免案's workflow and each nominee's: drafted by the office, submitted by the directors'
meeting (提请常委会审议), put to the vote person by person, decided once every vote is announced.
A bill may be withdrawn until it is put to the vote."""

from renda.appointments.models import AppointmentBill, Nominee
from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow

B = AppointmentBill.Status
N = Nominee.Status

BILL_WORKFLOW = Workflow(
    name="任免案",
    states=dict(B.choices),
    transitions=[
        Transition(B.DRAFT, B.SUBMITTED, "submit_appointment_bill", OFFICE, "主任会议提请常委会审议"),
        Transition(B.SUBMITTED, B.VOTING, "put_appointments_to_vote", OFFICE, "逐人提请表决"),
        Transition(B.VOTING, B.VOTING, "put_appointments_to_vote", OFFICE, "逐人提请表决"),
        Transition(B.VOTING, B.DECIDED, "decide_appointments", OFFICE, "根据表决结果决定任免"),
        Transition(B.DRAFT, B.WITHDRAWN, "draft_appointment_bill", OFFICE, "撤回"),
        Transition(B.SUBMITTED, B.WITHDRAWN, "draft_appointment_bill", OFFICE, "撤回"),
    ],
)

NOMINEE_WORKFLOW = Workflow(
    name="任免人员",
    states=dict(N.choices),
    transitions=[
        Transition(N.PENDING, N.PASSED, "decide_appointments", OFFICE, "通过"),
        Transition(N.PENDING, N.FAILED, "decide_appointments", OFFICE, "未通过"),
    ],
)
