from django.utils.functional import SimpleLazyObject

from renda.core import demo_progress, inbox
from renda.core.navigation import account_menu_for, menu_for
from renda.core.permissions import roles_of
from renda.core.roles import Role


def congress(request):
    current = getattr(request, "congress", None)
    if current is None:
        return {"congress": None, "menu": [], "roles": [], "account_menu": account_menu_for(request, None),
                "demo_progress": demo_progress.read()}
    roles = roles_of(request.user, current)
    shown = [r.label for r in sorted(roles) if r != Role.PUBLIC] or [Role.PUBLIC.label]
    return {"congress": current, "menu": menu_for(request, current), "roles": shown,
            "account_menu": account_menu_for(request, current), "demo_progress": demo_progress.read(),
            # Counted only when a page shows it (the header), once per request.
            "todo_count": SimpleLazyObject(lambda: inbox.todo_count(inbox.for_request(request)))}
