from renda.core.navigation import menu_for
from renda.core.permissions import roles_of


def congress(request):
    current = getattr(request, "congress", None)
    if current is None:
        return {"congress": None, "menu": [], "roles": []}
    roles = roles_of(request.user, current)
    return {"congress": current, "menu": menu_for(request, current), "roles": sorted(r.label for r in roles)}
