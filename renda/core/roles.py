"""The roles a user can hold in a congress. A user may hold several, in several congresses."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    OFFICE_STAFF = "office_staff", "机关工作人员"
    COMMITTEE_STAFF = "committee_staff", "工作委员会工作人员"
    SC_MEMBER = "sc_member", "常委会组成人员"
    DEPUTY = "deputy", "人大代表"
    UNIT_OFFICER = "unit_officer", "承办单位工作人员"
    CONTACT_POINT_STAFF = "contact_point_staff", "基层立法联系点工作人员"
    PUBLIC = "public", "公众"

    @property
    def needs_organisation(self) -> bool:
        """Committee staff work for one working committee; unit officers for one handling unit;
        contact-point staff for one grassroots legislative contact point."""
        return self in {Role.COMMITTEE_STAFF, Role.UNIT_OFFICER, Role.CONTACT_POINT_STAFF}

    @property
    def is_staff_role(self) -> bool:
        return self in {Role.ADMIN, Role.OFFICE_STAFF, Role.COMMITTEE_STAFF}
