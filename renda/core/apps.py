from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = "基础：人大、届次、权限、审计"

    def ready(self):
        from django.db.models import ForeignObject, IntegerField

        from renda.core import congress_lookup, lookups
        from renda.core.models import Congress

        # An id past what its column holds matches nothing, not a server error (core/lookups.py).
        IntegerField.register_lookup(lookups.InRange)
        ForeignObject.register_lookup(lookups.RelatedExactInRange)
        ForeignObject.register_lookup(lookups.RelatedInRange)

        post_save.connect(congress_lookup.forget, sender=Congress, dispatch_uid="congress_lookup_save")
        post_delete.connect(congress_lookup.forget, sender=Congress, dispatch_uid="congress_lookup_delete")
        from renda.core import rules
        from renda.core.models import RuleSetting

        # Saved settings only: a delete receiver would turn the action's scoped delete into an unscoped
        # one (Django's collector); the two paths that delete a setting, the change_rule action and a
        # back-office correction (core.admin), move the rules' version themselves.
        post_save.connect(rules.setting_saved, sender=RuleSetting, dispatch_uid="rule_setting_saved")
        from renda.core import permissions
        from renda.core.models import RoleGrant

        # Roles are kept per data version (permissions.roles_of): a grant saved outside an action moves it
        # too. Grants are deleted by the revoke action and in Django admin, both of which move it.
        post_save.connect(permissions.grant_saved, sender=RoleGrant, dispatch_uid="role_grant_saved")
