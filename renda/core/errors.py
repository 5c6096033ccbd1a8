"""Errors an action raises. Views and the API turn them into 403/404/422 with the Chinese message."""

from django.core.exceptions import PermissionDenied, ValidationError


class NotPermitted(PermissionDenied):
    """The actor's roles in this congress do not include the action (deny by default)."""


class NotFound(Exception):
    """Not found, or not in the actor's congress: the same answer for both."""


class IllegalTransition(ValidationError):
    """A workflow was asked to move along a transition its table does not allow."""


__all__ = ["IllegalTransition", "NotFound", "NotPermitted", "PermissionDenied", "ValidationError"]
