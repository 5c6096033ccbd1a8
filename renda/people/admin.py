from django.contrib import admin
from django.forms.models import model_to_dict

from renda.core import audit
from renda.core.admin import AuditedAdmin
from renda.people import queries
from renda.people.models import Mandate, MandateEvent, Membership, Organisation, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """A person belongs to no one congress, so a correction here is audited as ``admin_correction``
    in every congress that holds a mandate or post of theirs (docs/tenancy.md, "Shared persons")."""

    list_display = ["name", "sex", "ethnicity", "birth_date", "workplace"]
    search_fields = ["name"]
    raw_id_fields = ["user"]

    def _audit(self, request, obj, before, after) -> None:
        rows = [audit.entry(c, request.user, "admin_correction", obj, before=before, after=after)
                for c in queries.congresses_holding(obj)]
        if rows:
            audit.record_many(rows)

    def save_model(self, request, obj, form, change):
        before = {k: str(form.initial.get(k, "")) for k in form.changed_data} if change else None
        super().save_model(request, obj, form, change)
        self._audit(request, obj, before, {k: str(v) for k, v in model_to_dict(obj, fields=form.changed_data).items()})

    def delete_model(self, request, obj):
        self._audit(request, obj, {"deleted": str(obj)}, None)
        super().delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "congress", "parent", "active"]
    list_filter = ["kind", "congress"]
    search_fields = ["name"]
    raw_id_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["person", "organisation", "post", "start", "end"]
    list_filter = ["post", "congress"]
    raw_id_fields = ["person", "organisation"]


class MandateEventInline(admin.TabularInline):
    model = MandateEvent
    extra = 0
    readonly_fields = ["on", "what", "before", "after", "note", "recorded_at"]


@admin.register(Mandate)
class MandateAdmin(AuditedAdmin):
    list_display = ["number", "person", "congress", "term", "delegation", "status"]
    list_filter = ["status", "congress"]
    search_fields = ["person__name", "number"]
    raw_id_fields = ["person", "delegation", "deputy_group", "liaison_station", "term"]
    inlines = [MandateEventInline]
