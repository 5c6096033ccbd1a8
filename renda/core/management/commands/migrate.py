"""``migrate``, with an empty database built from the models in one step (``core.fresh_schema``).

Everything else — a database that holds tables, one app or one migration named, ``--fake``, ``--plan``,
``--check``, ``--prune`` — goes to Django's own command unchanged; ``--step-by-step`` replays every migration
on an empty database too.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal

from renda.core import fresh_schema


class Command(DjangoMigrate):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--step-by-step", action="store_true",
                            help="replay every migration even on an empty database")

    def handle(self, *args, **options):
        alias = options["database"]
        whole = not (options["app_label"] or options["migration_name"] or options["fake"] or options["fake_initial"]
                     or options["plan"] or options["check_unapplied"] or options["prune"] or options["step_by_step"])
        if not whole or not fresh_schema.is_empty(alias):
            return super().handle(*args, **options)
        verbosity, interactive = options["verbosity"], options["interactive"]
        from django.apps import apps

        emit_pre_migrate_signal(verbosity, interactive, alias, apps=apps, plan=[])
        count = fresh_schema.create(alias)
        if verbosity >= 1:
            self.stdout.write(f"Empty database: Renda's tables created from its models, {count} migrations recorded.")
        emit_post_migrate_signal(verbosity, interactive, alias, apps=apps, plan=[])
