"""Forms of the livelihood pages. The actions hold the rules; these forms read what was typed, show it
again with the error beside its field when a step is refused, and say what each box is for."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.core.picker import PERSON, PersonField
from renda.livelihood.actions import FEASIBILITY
from renda.livelihood.models import Inspection, Milestone, Proposal, Watch
from renda.meetings.models import Meeting
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

# A date box shows only ISO dates; the Chinese locale's 2024/03/05 would leave it blank.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"inputmode": "decimal"}
MILESTONE_ROWS = 3


class CallForm(NamedErrors, Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="标题", max_length=200)
    opens_on = forms.DateField(label="征集开始", widget=DATE)
    closes_on = forms.DateField(label="征集截止", widget=DATE)
    to_choose = forms.IntegerField(label="拟票决项目数", min_value=1)


class ProposalForm(NamedErrors, Form):
    """The public form: no account needed; the contact details are for staff only."""

    title = forms.CharField(label="项目名称", max_length=100)
    description = forms.CharField(label="项目内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    place = forms.CharField(label="实施地点", max_length=100, required=False)
    beneficiaries = forms.CharField(label="受益群众", max_length=200, required=False)
    estimated_cost = forms.CharField(label="估算投资（万元，可不填）", required=False, widget=forms.TextInput(attrs=MONEY))
    proposer_name = forms.CharField(label="您的姓名（可不填）", max_length=200, required=False)
    proposer_contact = forms.CharField(label="联系方式（可不填，不公开）", max_length=60, required=False)


def _submitted(call):
    return Proposal.objects.in_congress(call.congress_id).filter(call=call, status=Proposal.Status.SUBMITTED)


class StageForm(NamedErrors, Form):
    """The next review stage's decision on one proposal (one per table row: ids carry the row)."""

    proposal = forms.IntegerField(widget=forms.HiddenInput)
    passed = forms.TypedChoiceField(label="决定", choices=[("1", "通过"), ("0", "不通过")], coerce=lambda v: v == "1")
    reason = forms.CharField(label="理由（不通过必填）", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("passed") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", "未通过的建议须写明理由")
        return data


class FeasibilityForm(NamedErrors, Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    aspect = forms.ChoiceField(label="审查事项", choices=list(FEASIBILITY.items()))
    ok = forms.TypedChoiceField(label="结论", choices=[("1", "可行"), ("0", "不可行")], coerce=lambda v: v == "1")
    note = forms.CharField(label="说明", max_length=300, required=False)


class MergeForm(NamedErrors, Form):
    keep = forms.ModelChoiceField(label="保留的建议", queryset=Proposal.objects.none())
    duplicates = forms.ModelMultipleChoiceField(label="并入的建议（可多选）", queryset=Proposal.objects.none(),
                                                widget=forms.SelectMultiple(attrs={"size": 5}))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = _submitted(call)
        self.fields["duplicates"].queryset = _submitted(call)

    def clean(self):
        data = super().clean()
        keep, duplicates = data.get("keep"), data.get("duplicates")
        if keep is not None and duplicates is not None and keep in duplicates:
            self.add_error("duplicates", "并入的建议不能包括保留的那一个")
        return data


class MeetingForm(NamedErrors, Form):
    """The plenary a vote or an evaluation is taken at: only meetings now open."""

    meeting = forms.ModelChoiceField(label="大会", queryset=Meeting.objects.none(), empty_label=None)

    def __init__(self, *args, congress, label: str = "大会", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.PLENARY, status=Meeting.Status.OPEN)
        self.fields["meeting"].label = label


class PresidiumForm(NamedErrors, Form):
    chosen = forms.ModelMultipleChoiceField(label="主席团确定的项目", queryset=Proposal.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label="主席团决定（会议和决定内容）", max_length=300)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = Proposal.objects.in_congress(call.congress_id).filter(
            call=call, status=Proposal.Status.NOT_CHOSEN)


class SupervisionForm(NamedErrors, Form):
    lead_unit = forms.ModelChoiceField(label="牵头单位", queryset=Organisation.objects.none())
    budget = forms.DecimalField(label="预算（万元）", min_value=0, max_digits=12, decimal_places=2,
                                widget=forms.TextInput(attrs=MONEY))
    groups = forms.ModelMultipleChoiceField(label="监督的代表小组（可多选）", queryset=Organisation.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.in_congress(congress).filter(active=True).order_by("name")
        self.fields["lead_unit"].queryset = orgs.filter(kind=Organisation.Kind.HANDLING_UNIT)
        self.fields["groups"].queryset = orgs.filter(kind=Organisation.Kind.DEPUTY_GROUP)
        for n in range(1, MILESTONE_ROWS + 1):
            self.fields[f"milestone_{n}"] = forms.CharField(label=f"节点{n}名称", max_length=100, required=n == 1)
            self.fields[f"due_{n}"] = forms.DateField(label=f"节点{n}计划完成", required=n == 1, widget=DATE)

    def milestone_rows(self):
        return [(self[f"milestone_{n}"], self[f"due_{n}"]) for n in range(1, MILESTONE_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for n in range(2, MILESTONE_ROWS + 1):
            title, due = (data.get(f"milestone_{n}") or "").strip(), data.get(f"due_{n}")
            if title and due is None and f"due_{n}" not in self.errors:
                self.add_error(f"due_{n}", f"请填写节点{n}的计划完成日期")
            if due is not None and not title:
                self.add_error(f"milestone_{n}", f"请填写节点{n}的名称")
        return data

    def milestones(self) -> list[dict]:
        data = self.cleaned_data
        return [{"title": data[f"milestone_{n}"], "due_on": data[f"due_{n}"]}
                for n in range(1, MILESTONE_ROWS + 1) if (data.get(f"milestone_{n}") or "").strip()]


class ProgressForm(NamedErrors, Form):
    text = forms.CharField(label="进展情况", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    spent = forms.DecimalField(label="本次支出（万元）", min_value=0, max_digits=12, decimal_places=2, initial=0,
                               widget=forms.TextInput(attrs=MONEY))
    milestone = forms.ModelChoiceField(label="完成的节点（可不选）", queryset=Milestone.objects.none(), required=False)
    photo = forms.FileField(label="照片（JPG/PNG，5 MB 以内，可不传）", required=False,
                            widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png"}))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = Milestone.objects.in_congress(proposal.congress_id).filter(
            proposal=proposal, done_on__isnull=True)


class InspectionForm(NamedErrors, Form):
    group = forms.ModelChoiceField(label="代表小组", queryset=Organisation.objects.none(), empty_label=None)
    mode = forms.ChoiceField(label="监督方式", choices=Inspection.Mode.choices, initial=Inspection.Mode.GROUP)
    led_by = PersonField(congress=None, label="领衔的主任（副主任）（主任领衔督办必填）", required=False)  # type: ignore[arg-type]  # set in __init__
    on = forms.DateField(label="视察日期", widget=DATE)
    notes = forms.CharField(label="视察情况", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    problem = forms.CharField(label="发现的问题（可不填，填写后列入整改清单）", max_length=1000, required=False)
    owner = forms.CharField(label="整改责任人", max_length=100, required=False)
    due_on = forms.DateField(label="整改时限", required=False, widget=DATE)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        watching = Watch.objects.in_congress(proposal.congress_id).filter(proposal=proposal).values("group_id")
        self.fields["group"].queryset = Organisation.objects.in_congress(proposal.congress_id).filter(pk__in=watching)
        self.fields["led_by"] = PersonField(congress=proposal.congress, kind=PERSON, multiple=False, required=False,
                                            label="领衔的主任（副主任）（主任领衔督办必填）")

    def clean(self):
        data = super().clean()
        if (data.get("problem") or "").strip():
            if not (data.get("owner") or "").strip():
                self.add_error("owner", "有问题时须写明“整改责任人”")
            if data.get("due_on") is None and "due_on" not in self.errors:
                self.add_error("due_on", "有问题时须写明“整改时限”")
        if data.get("mode") == Inspection.Mode.DIRECTOR_LED and data.get("led_by") is None and "led_by" not in self.errors:
            self.add_error("led_by", "主任领衔督办须写明“领衔的主任（副主任）”")
        return data

    def problems(self) -> list[dict]:
        data = self.cleaned_data
        if not (data.get("problem") or "").strip():
            return []
        return [{"problem": data["problem"], "owner": data["owner"], "due_on": data["due_on"]}]


class LeaderForm(NamedErrors, Form):
    person = PersonField(congress=None, label="包联领导", required=True)  # type: ignore[arg-type]  # set in __init__

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=True,
                                            label="包联领导（输入姓名选择本级人员）")


class RankingForm(NamedErrors, Form):
    meeting = forms.ModelChoiceField(label="确定排名的主任会议", queryset=Meeting.objects.none(), empty_label="请选择")

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind=Meeting.Kind.DIRECTORS).order_by("-starts_at")


class ApprovalForm(NamedErrors, Form):
    approved_by = forms.CharField(label="审核同意的机关（如：中共××县委）", max_length=100)
    approved_on = forms.DateField(label="同意日期", widget=DATE)
    reference = forms.CharField(label="同意文件（文号，可不填）", max_length=100, required=False)


COMMENDATION_ROWS = 5


class CommendationForm(NamedErrors, Form):
    """A batch: title, number, date, the deciding meeting, and up to five rows; each row names one
    unit, one person or one project and what it is commended for."""

    title = forms.CharField(label="通报名称", max_length=200)
    number = forms.CharField(label="文号（可不填）", max_length=60, required=False)
    issued_on = forms.DateField(label="印发日期", widget=DATE)
    meeting = forms.ModelChoiceField(label="决定的会议（可不选）", queryset=Meeting.objects.none(), required=False)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        congress = call.congress
        self.fields["meeting"].queryset = Meeting.objects.in_congress(congress).filter(
            kind__in=(Meeting.Kind.DIRECTORS, Meeting.Kind.SC_SESSION)).order_by("-starts_at")
        units = Organisation.objects.in_congress(congress).filter(active=True, kind__in=(
            Organisation.Kind.HANDLING_UNIT, Organisation.Kind.DEPUTY_GROUP)).order_by("kind", "name")
        projects = Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CHOSEN)
        for n in range(1, COMMENDATION_ROWS + 1):
            self.fields[f"unit_{n}"] = forms.ModelChoiceField(label=f"第{n}项：单位", queryset=units, required=False)
            self.fields[f"person_{n}"] = PersonField(congress=congress, kind=PERSON, multiple=False, required=False,
                                                     label=f"第{n}项：个人")
            self.fields[f"proposal_{n}"] = forms.ModelChoiceField(label=f"第{n}项：项目", queryset=projects,
                                                                  required=False)
            self.fields[f"reason_{n}"] = forms.CharField(label=f"第{n}项：事迹", max_length=300, required=False)

    def entry_rows(self):
        return [(n, self[f"unit_{n}"], self[f"person_{n}"], self[f"proposal_{n}"], self[f"reason_{n}"])
                for n in range(1, COMMENDATION_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for n in range(1, COMMENDATION_ROWS + 1):
            picked = [data.get(f"{k}_{n}") for k in ("unit", "person", "proposal")]
            filled = sum(1 for v in picked if v is not None)
            reason = (data.get(f"reason_{n}") or "").strip()
            if filled > 1:
                self.add_error(f"unit_{n}", f"第{n}项只能填单位、个人、项目中的一个")
            elif filled == 1 and not reason and f"reason_{n}" not in self.errors:
                self.add_error(f"reason_{n}", f"请填写第{n}项的“事迹”")
            elif filled == 0 and reason:
                self.add_error(f"unit_{n}", f"第{n}项请选择单位、个人或项目")
        if not self.entries() and not self.errors:
            self.add_error("unit_1", "表扬通报至少要有一项表扬对象")
        return data

    def entries(self) -> list[dict]:
        data = getattr(self, "cleaned_data", {})
        rows = []
        for n in range(1, COMMENDATION_ROWS + 1):
            row = {k: data.get(f"{k}_{n}") for k in ("unit", "person", "proposal")}
            if any(v is not None for v in row.values()):
                rows.append({**row, "reason": data.get(f"reason_{n}") or ""})
        return rows


class CaseForm(NamedErrors, Form):
    unit = forms.ModelChoiceField(label="被问责单位", queryset=Organisation.objects.none())
    proposal = forms.ModelChoiceField(label="民生实事项目（与代表建议二选一）", queryset=Proposal.objects.none(),
                                      required=False)
    suggestion = forms.IntegerField(label="代表建议 ID（建议页面地址中的数字，与项目二选一）", required=False, min_value=1)
    reason = forms.CharField(label="问责事由", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="启动日期（不填为今天）", required=False, widget=DATE)
    document = forms.FileField(label="材料（PDF/Word，可不传）", required=False)

    def __init__(self, *args, congress, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Organisation.objects.in_congress(congress).filter(
            kind=Organisation.Kind.HANDLING_UNIT, active=True).order_by("name")
        self.fields["proposal"].queryset = Proposal.objects.in_congress(congress).filter(
            status=Proposal.Status.CHOSEN).select_related("call").order_by("-call__year", "id")


class StepForm(NamedErrors, Form):
    target = forms.ChoiceField(label="下一环节", choices=())
    text = forms.CharField(label="情况", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    on = forms.DateField(label="日期（不填为今天）", required=False, widget=DATE)
    document = forms.FileField(label="材料（PDF/Word，可不传）", required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = choices
