from django.contrib import admin

from renda.core.models import ApiToken, AuditEntry, Congress, RoleGrant, RuleSetting, Term


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "code", "parent"]
    search_fields = ["name", "code"]


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["congress", "number", "start", "end"]
    list_filter = ["congress"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "congress", "organisation"]
    list_filter = ["role", "congress"]
    raw_id_fields = ["user", "organisation"]


@admin.register(RuleSetting)
class RuleSettingAdmin(admin.ModelAdmin):
    list_display = ["congress", "key", "value", "changed_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
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
