from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def export_query(request, fmt):
    """The list's current address with ``export=fmt``: the export holds exactly what is filtered
    (the keyset cursor ``after`` is dropped, since an export is every page)."""
    query = request.GET.copy()
    for key in ("after", "export", "page", "build"):
        query.pop(key, None)
    query["export"] = fmt
    return query.urlencode()
