from django.contrib import admin

from renda.core.admin import AuditedAdmin
from renda.people.models import Mandate, MandateEvent, Membership, Organisation, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "sex", "ethnicity", "birth_date", "workplace"]
    search_fields = ["name"]
    raw_id_fields = ["user"]


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
