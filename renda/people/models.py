"""People and organisations: persons, deputies' mandates, bodies, and who holds which post in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Person(models.Model):
    """A human being. The one table shared by all congresses, so that the same person can be a
    deputy at several levels at once (五级代表). It holds identity only; everything a congress
    records about the person's work there lives in that congress's rows (Mandate, Membership).
    Reads always reach a Person through one of those rows. (Citus: a reference table.)"""

    class Sex(models.TextChoices):
        MALE = "男", "男"
        FEMALE = "女", "女"

    name = models.CharField("姓名", max_length=50, db_index=True)
    sex = models.CharField("性别", max_length=2, choices=Sex.choices)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    birth_date = models.DateField("出生日期", null=True, blank=True)
    party = models.CharField("政治面貌", max_length=30, blank=True)
    occupation = models.CharField("职业", max_length=60, blank=True)
    workplace = models.CharField("工作单位及职务", max_length=120, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="person",
        verbose_name="登录账号",
    )

    class Meta:
        verbose_name = verbose_name_plural = "人员"
        indexes = [models.Index(fields=["name", "birth_date"])]

    def __str__(self) -> str:
        return self.name


class Organisation(TenantModel):
    """A body of the congress or one that answers to it."""

    class Kind(models.TextChoices):
        PRESIDIUM = "presidium", "主席团"
        STANDING_COMMITTEE = "standing_committee", "常务委员会"
        DIRECTORS_MEETING = "directors_meeting", "主任会议"
        SPECIAL_COMMITTEE = "special_committee", "专门委员会"
        WORKING_COMMITTEE = "working_committee", "工作委员会"
        OFFICE = "office", "办事机构"
        DELEGATION = "delegation", "代表团"
        DEPUTY_GROUP = "deputy_group", "代表小组"
        HANDLING_UNIT = "handling_unit", "承办单位"
        LIAISON_STATION = "liaison_station", "代表联络站"
        PARTY_GROUP = "party_group", "党组"
        LEGISLATIVE_CONTACT_POINT = "contact_point", "基层立法联系点"

    class UnitType(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        SUPERVISORY_COMMISSION = "supervisory_commission", "监察委员会"
        COURT = "court", "人民法院"
        PROCURATORATE = "procuratorate", "人民检察院"
        OTHER = "other", "其他单位"

    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级机构"
    )
    unit_type = models.CharField("单位类型", max_length=24, choices=UnitType.choices, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    active = models.BooleanField("存续", default=True)
    # What a handling unit is responsible for, in its 三定方案's words; the router ranks units on it.
    duties = models.TextField("职责（三定方案）", blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "机构"
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "kind", "name"], name="organisation_name_unique")]
        indexes = [models.Index(fields=["congress", "kind", "name"])]

    def __str__(self) -> str:
        return self.name


class Membership(TenantModel):
    """A person's post in an organisation, from one date to another."""

    class Post(models.TextChoices):
        CHAIR = "主任", "主任"
        VICE_CHAIR = "副主任", "副主任"
        SECRETARY_GENERAL = "秘书长", "秘书长"
        MEMBER = "委员", "委员"
        EXECUTIVE_CHAIR = "常务主席", "常务主席"
        PRESIDIUM_MEMBER = "主席团成员", "主席团成员"
        HEAD = "团长", "团长"
        DEPUTY_HEAD = "副团长", "副团长"
        GROUP_LEADER = "组长", "组长"
        DEPUTY_GROUP_LEADER = "副组长", "副组长"
        STATION_HEAD = "站长", "站长"
        LIAISON_OFFICER = "联络员", "联络员"
        STAFF = "工作人员", "工作人员"
        MEMBER_PLAIN = "成员", "成员"
        # Posts of the party group and of the bodies whose leaders the standing committee appoints
        # and removes (人事任免).
        PARTY_SECRETARY = "党组书记", "党组书记"
        DEPUTY_PARTY_SECRETARY = "党组副书记", "党组副书记"
        PARTY_MEMBER = "党组成员", "党组成员"
        MAYOR = "市长", "市长"
        VICE_MAYOR = "副市长", "副市长"
        DIRECTOR = "局长", "局长"
        DEPUTY_DIRECTOR = "副局长", "副局长"
        UNIT_HEAD = "负责人", "负责人"
        COURT_PRESIDENT = "院长", "院长"
        VICE_PRESIDENT = "副院长", "副院长"
        DIVISION_HEAD = "庭长", "庭长"
        DEPUTY_DIVISION_HEAD = "副庭长", "副庭长"
        JUDICIAL_COMMITTEE = "审判委员会委员", "审判委员会委员"
        JUDGE = "审判员", "审判员"
        PROCURATOR_GENERAL = "检察长", "检察长"
        DEPUTY_PROCURATOR = "副检察长", "副检察长"
        PROCURATORIAL_COMMITTEE = "检察委员会委员", "检察委员会委员"
        PROCURATOR = "检察员", "检察员"
        SUPERVISORY_DIRECTOR = "监委主任", "监察委员会主任"
        SUPERVISORY_DEPUTY = "监委副主任", "监察委员会副主任"
        SUPERVISORY_MEMBER = "监委委员", "监察委员会委员"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name="人员")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name="机构"
    )
    post = models.CharField("职务", max_length=10, choices=Post.choices, default=Post.MEMBER)
    start = models.DateField("任职开始")
    end = models.DateField("任职结束", null=True, blank=True)

    # Staff of a body (a unit's liaison officer, an office's clerk) are not public figures: the public
    # pages and exports list the posts of congress bodies only.
    STAFF_POSTS = (Post.STAFF, Post.LIAISON_OFFICER)
    STAFF_BODIES = (Organisation.Kind.HANDLING_UNIT, Organisation.Kind.OFFICE)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "机构成员"
        ordering = ["organisation", "start", "id"]
        indexes = [models.Index(fields=["congress", "organisation", "end"]), models.Index(fields=["congress", "person"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.organisation} · {self.post}"

    @classmethod
    def public(cls, memberships):
        """The memberships the public may see: none of staff posts, none in units or offices."""
        return memberships.exclude(post__in=cls.STAFF_POSTS).exclude(organisation__kind__in=cls.STAFF_BODIES)


class Mandate(TenantModel):
    """代表资格: a person's mandate as deputy of one congress for one term."""

    class Status(models.TextChoices):
        SERVING = "serving", "在任"
        SUSPENDED = "suspended", "暂停执行职务"
        RESIGNED = "resigned", "辞职"
        RECALLED = "recalled", "被罢免"
        DECEASED = "deceased", "去世"
        TERM_ENDED = "term_ended", "任期届满"
        TERMINATED = "terminated", "资格终止"

    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="mandates", verbose_name="届次")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mandates", verbose_name="人员")
    number = models.CharField("代表证号", max_length=20)
    delegation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="delegation_mandates",
        verbose_name="代表团",
    )
    constituency = models.CharField("选区或选举单位", max_length=100, blank=True)
    deputy_group = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="group_mandates",
        verbose_name="代表小组",
    )
    liaison_station = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="station_mandates",
        verbose_name="联络站",
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.SERVING)
    elected_on = models.DateField("当选日期")
    ended_on = models.DateField("终止日期", null=True, blank=True)
    end_reason = models.CharField("终止原因", max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表资格"
        constraints = [
            models.UniqueConstraint(fields=["congress", "term", "person"], name="mandate_person_unique"),
            models.UniqueConstraint(fields=["congress", "term", "number"], name="mandate_number_unique"),
        ]
        # The deputies list is keyset-paginated on id within a congress, filtered by these columns.
        indexes = [
            models.Index(fields=["congress", "id"]),
            models.Index(fields=["congress", "status", "id"]),
            models.Index(fields=["congress", "delegation", "id"]),
            models.Index(fields=["congress", "deputy_group", "id"]),
            models.Index(fields=["congress", "liaison_station", "id"]),
            models.Index(fields=["congress", "person"]),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.term}）"

    @property
    def is_active(self) -> bool:
        return self.status == Mandate.Status.SERVING


class MandateEvent(TenantModel):
    """One dated change in a mandate's history: status, delegation, group or station."""

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="events", verbose_name="代表资格")
    on = models.DateField("日期")
    what = models.CharField("事项", max_length=30)
    before = models.CharField("变更前", max_length=100, blank=True)
    after = models.CharField("变更后", max_length=100, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表资格变动"
        ordering = ["on", "id"]
