from renda.core.navigation import menu_for
from renda.core.permissions import roles_of
from renda.core.roles import Role


def congress(request):
    current = getattr(request, "congress", None)
    if current is None:
        return {"congress": None, "menu": [], "roles": []}
    roles = roles_of(request.user, current)
    shown = [r.label for r in sorted(roles) if r != Role.PUBLIC] or [Role.PUBLIC.label]
    return {"congress": current, "menu": menu_for(request, current), "roles": shown}
