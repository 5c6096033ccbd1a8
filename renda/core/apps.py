from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = "基础：人大、届次、权限、审计"

    def ready(self):
        from django.db.models import IntegerField

        from renda.core import congress_lookup
        from renda.core.lookups import InRange
        from renda.core.models import Congress

        IntegerField.register_lookup(InRange)  # an id past the column's range matches nothing, not a 500

        post_save.connect(congress_lookup.forget, sender=Congress, dispatch_uid="congress_lookup_save")
        post_delete.connect(congress_lookup.forget, sender=Congress, dispatch_uid="congress_lookup_delete")
