"""The comments' forms: opening a period, a comment on an article (or the whole draft) by the public,
by a signed-in deputy, member or unit, or forwarded by a contact point, and the committee's decision
on the comments selected. Each re-renders with what was typed and the error beside its field."""

from __future__ import annotations

from django import forms

from renda.core.forms import Form
from renda.law_comments.actions import OPEN_BILLS
from renda.law_comments.models import CommentPeriod, LawComment
from renda.law_comments.queries import TextArticle, provision_label
from renda.legislation.models import BillVersion
from renda.people.forms import NamedErrors
from renda.people.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"})


class VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.bill.title}：{obj.label or obj.get_stage_display()}"


class OpenPeriodForm(NamedErrors, Form):
    version = VersionChoice(label="征求意见的文本", queryset=BillVersion.objects.none(), empty_label="请选择")
    audiences = forms.MultipleChoiceField(label="征求意见范围", choices=CommentPeriod.AUDIENCES,
                                          widget=forms.CheckboxSelectMultiple)
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE,
                                help_text="向社会公开征求意见的，时间不少于三十日（立法法第四十条）")
    notes = forms.CharField(label="征求意见说明", max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, congress, **kwargs):
        kwargs.setdefault("auto_id", "open_%s")
        super().__init__(*args, **kwargs)
        taken = CommentPeriod.objects.in_congress(congress).values("version_id")
        self.fields["version"].queryset = (BillVersion.objects.in_congress(congress).exclude(pk__in=taken)
                                           .exclude(stage=BillVersion.Stage.ENACTED)
                                           .filter(bill__status__in=OPEN_BILLS)
                                           .select_related("bill").order_by("bill__title", "number"))


def _provision_choices(article: TextArticle | None) -> list[tuple[str, str]]:
    if article is None:
        return [("", "草案整体")]
    choices = [(str(article.article.pk), f"{article.label}（整条）")]
    if len(article.paragraphs) > 1:
        choices += [(str(p.pk), provision_label(p, article.article)) for p in article.paragraphs]
    return choices


class CommentFields(NamedErrors, Form):
    provision = forms.ChoiceField(label="针对的条款", required=False)
    text = forms.CharField(label="意见", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, article: TextArticle | None = None, prefix_id: str = "whole", **kwargs):
        kwargs.setdefault("auto_id", f"c_{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = _provision_choices(article)  # type: ignore[attr-defined]
        if article is None:
            self.fields["provision"].widget = forms.HiddenInput()


class PublicCommentForm(CommentFields):
    name = forms.CharField(label="姓名（可不填）", max_length=50, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    contact = forms.CharField(label="联系方式（可不填）", max_length=100, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))


class SignedInCommentForm(CommentFields):
    source = forms.ChoiceField(label="以何种身份提出")

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources  # type: ignore[attr-defined]
        if len(sources) == 1:
            self.fields["source"].widget = forms.HiddenInput()
            self.fields["source"].initial = sources[0][0]


class ContactPointCommentForm(CommentFields):
    contact_point = forms.ModelChoiceField(label="基层立法联系点", queryset=Organisation.objects.none(),
                                           empty_label="请选择")
    name = forms.CharField(label="群众姓名（不愿留名的不填，记为匿名）", max_length=50, required=False)
    community = forms.CharField(label="社区（村）", max_length=100)
    gathered_how = forms.ChoiceField(label="收集方式", choices=[("", "请选择"), *LawComment.Gathered.choices])
    gathered_on = forms.DateField(label="收集日期", widget=DATE)

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact_point"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = points
        if len(points) == 1:
            field.initial = points[0].pk
            field.widget = forms.HiddenInput()


class DecideForm(NamedErrors, Form):
    comments = forms.MultipleChoiceField(label="所选意见", widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "请至少选择一条意见"})
    decision = forms.ChoiceField(label="采纳情况", choices=[("", "请选择"), *LawComment.Decision.choices])
    reason = forms.CharField(label="理由（部分采纳、未采纳的必须填写）", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, ids: list[int], **kwargs):
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(str(i), str(i)) for i in ids]  # type: ignore[attr-defined]


class TrackForm(Form):
    code = forms.CharField(label="查询码", max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
