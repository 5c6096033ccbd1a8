from django import template

register = template.Library()


@register.filter
def field(obj, name: str):
    """A row's count by name, for tables whose columns are listed in Python."""
    return getattr(obj, name)
