from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from renda.core.roles import Role
from renda.core.tenancy import TenantModel


class Congress(models.Model):
    """人民代表大会 at one of five levels: the tenant. Higher levels have lower ones as children."""

    class Level(models.TextChoices):
        NATIONAL = "national", "全国"
        PROVINCIAL = "provincial", "省级"
        CITY = "city", "设区的市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇级"

    level = models.CharField("层级", max_length=16, choices=Level.choices)
    name = models.CharField("名称", max_length=100)
    code = models.SlugField("代码", max_length=40, unique=True, help_text="用于网址，如 demo-city")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级人大"
    )

    class Meta:
        verbose_name = verbose_name_plural = "人民代表大会"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Congress]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Term(TenantModel):
    """届: five years; everything a congress does belongs to a term."""

    number = models.PositiveSmallIntegerField("届次")
    start = models.DateField("开始日期")
    end = models.DateField("结束日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "届"
        ordering = ["congress", "-number"]
        constraints = [models.UniqueConstraint(fields=["congress", "number"], name="term_number_unique")]

    def __str__(self) -> str:
        return f"第{self.number}届"


class RuleSetting(TenantModel):
    """A congress's own value for one statutory rule; absent means the default in rules.py."""

    key = models.CharField("规则", max_length=64)
    value = models.JSONField("取值")
    changed_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "规则设置"
        constraints = [models.UniqueConstraint(fields=["congress", "key"], name="rule_setting_unique")]


class RoleGrant(TenantModel):
    """A user's role in one congress; committee staff and unit officers are tied to their body."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="所属机构",
    )
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "角色授予"
        constraints = [
            models.UniqueConstraint(fields=["congress", "user", "role", "organisation"], name="role_grant_unique")
        ]
        indexes = [models.Index(fields=["congress", "user"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class AccountHome(TenantModel):
    """The congress whose admin created an account. Accounts (``auth.User``) are global; this row lets
    that congress's admins find and manage the account before it holds any role there."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_home",
                                verbose_name="账号")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="创建人")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "账号"
        indexes = [models.Index(fields=["congress", "user"])]

    def __str__(self) -> str:
        return str(self.user)


class AuditEntry(TenantModel):
    """Append-only record of every action: who, when, congress, action, object, before and after."""

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-id"]
        indexes = [models.Index(fields=["congress", "-id"]), models.Index(fields=["congress", "action", "-id"])]

    class AppendOnly(Exception):
        pass

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditEntry.AppendOnly("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEntry.AppendOnly("审计日志只能追加，不能删除")


class ApiToken(TenantModel):
    """A user's API token for one congress. The token text names its congress, so lookup stays scoped."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名称", max_length=60)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    # a token past this moment is refused (401); chosen when it is issued (1 to 366 days, 90 by default)
    expires_at = models.DateTimeField("有效期至", null=True, blank=True)

    DEFAULT_DAYS = 90
    MAX_DAYS = 366

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "API 令牌"
        constraints = [models.UniqueConstraint(fields=["congress", "key_hash"], name="api_token_unique")]

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)


class Tally(TenantModel):
    """A count (and a sum) kept as the writes happen, so that a report reads a few hundred of these
    rows instead of counting its whole history (``core.tallies``). ``name`` says which kept aggregate,
    ``period`` is usually the year, ``key`` the other dimensions as a JSON list."""

    name = models.CharField("统计项", max_length=60)
    period = models.IntegerField("期间", default=0)
    key = models.CharField("维度", max_length=255, blank=True)
    count = models.BigIntegerField("件数", default=0)
    total = models.BigIntegerField("合计", default=0)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "统计累计"
        constraints = [models.UniqueConstraint(fields=["congress", "name", "period", "key"], name="tally_one_row")]
