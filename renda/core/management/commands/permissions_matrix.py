from django.core.management.base import BaseCommand

from renda.core.permissions import PERMISSIONS
from renda.core.roles import Role

INTRO = """# Permissions: role × action

Every write in Renda is an action (`<app>/actions.py`) with a declared permission in
`renda/core/permissions.py`; an action without one is refused (deny by default). This table is that
declaration, written out (`renda manage permissions_matrix > docs/permissions.md`).
`renda/core/tests/test_permission_matrix.py` parses this file and checks every cell twice: against
the code's table, and by calling the action (or opening the page, for reads) as a user holding only
that role — ✓ must succeed, ✗ must be refused and change nothing.

Roles are held per congress: a user may be office staff in one congress and a deputy in another.
Committee staff are tied to one working committee, unit officers to one handling unit. Everyone, signed
in or not, is also the public. Some actions check more than the role: voting needs a seat on the
meeting's roster and a sign-in; approving leave as a standing-committee member needs to be the
meeting's chair.
"""


class Command(BaseCommand):
    help = "Print docs/permissions.md from the permission table"

    def handle(self, *args, **options):
        roles = list(Role)
        lines = [INTRO, "| action | 用途 | " + " | ".join(f"{r.label} `{r.value}`" for r in roles) + " |",
                 "|---|---|" + "---|" * len(roles)]
        for name, (label, allowed) in PERMISSIONS.items():
            lines.append(f"| `{name}` | {label} | " + " | ".join("✓" if r in allowed else "✗" for r in roles) + " |")
        self.stdout.write("\n".join(lines))
