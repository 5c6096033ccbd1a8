from django.contrib import admin
from django.forms.models import model_to_dict

from renda.core import audit, rules, tallies
from renda.core.models import ApiToken, AuditEntry, Congress, RoleGrant, RuleSetting, Term


class AuditedAdmin(admin.ModelAdmin):
    """Back-office corrections in Django admin bypass the actions, so each one is written to the
    congress's audit log as ``admin_correction`` with the fields it changed, and moves the congress's
    data version as an action does (what the pages keep per version is worked out again)."""

    def save_model(self, request, obj, form, change):
        before = {k: str(form.initial.get(k, "")) for k in form.changed_data} if change else None
        super().save_model(request, obj, form, change)
        after = {k: str(v) for k, v in model_to_dict(obj, fields=form.changed_data).items()}
        audit.record(obj.congress, request.user, "admin_correction", obj, before=before, after=after)
        self.corrected(obj)

    def delete_model(self, request, obj):
        audit.record(obj.congress, request.user, "admin_correction", obj, before={"deleted": str(obj)})
        super().delete_model(request, obj)
        self.corrected(obj)

    def delete_queryset(self, request, queryset):
        """The list's "delete selected": each row audited and its congress's version moved, as one by one."""
        deleted = list(queryset)
        for obj in deleted:
            audit.record(obj.congress, request.user, "admin_correction", obj, before={"deleted": str(obj)})
        super().delete_queryset(request, queryset)
        for obj in deleted:
            self.corrected(obj)

    @staticmethod
    def corrected(obj) -> None:
        tallies.note_write(obj.congress, *([rules.VERSION_PART] if isinstance(obj, RuleSetting) else []))


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent"]
    search_fields = ["name", "code"]


@admin.register(Term)
class TermAdmin(AuditedAdmin):
    list_display = ["congress", "number", "start", "end"]
    list_filter = ["congress"]


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdmin):
    list_display = ["user", "role", "congress", "organisation"]
    list_filter = ["role", "congress"]
    raw_id_fields = ["user", "organisation"]


@admin.register(RuleSetting)
class RuleSettingAdmin(AuditedAdmin):
    list_display = ["congress", "key", "value", "changed_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["user", "congress", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Readable, never writable: the audit log is append-only."""

    list_display = ["at", "congress", "actor_name", "action", "object_repr"]
    list_filter = ["action", "congress"]
    search_fields = ["object_repr", "actor_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
