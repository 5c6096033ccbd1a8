"""Puts the congress named in the URL (/c/<code>/…) on the request and in the tenancy scope, after
refusing a request that carries a NUL character anywhere a view or a query could read it; marks every
answer as varying with htmx's HX-Request header."""

import json

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape

from renda.core import congress_lookup, tallies
from renda.core.tenancy import _current_congress, cross_congress_query


class CongressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.congress = None
        request._congress_token = None
        field = nul_field(request)
        if field is not None:
            return refuse_nul(request, field)
        try:
            with tallies.reading_versions():
                if request.path.startswith("/admin/"):
                    # Django admin is the superusers' back office across all congresses.
                    with cross_congress_query("back_office_admin"):
                        response = self.get_response(request)
                else:
                    response = self.get_response(request)
        finally:
            if request._congress_token is not None:
                _current_congress.reset(request._congress_token)
        # One address answers a whole page, or (to htmx) only its rows; the browser must not show the
        # rows it kept from htmx as the page when the person goes back to that address.
        patch_vary_headers(response, ("HX-Request",))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        code = view_kwargs.get("congress_code")
        if code is None:
            return None
        congress = congress_lookup.by_code(code)
        if congress is None:
            raise Http404("没有这个人大")
        request.congress = congress
        request._congress_token = _current_congress.set(congress)
        return None


def _nul_in(value, name: str, top: bool = True) -> str | None:
    """The name of the first field of a parsed JSON value holding a NUL character, or None. A NUL
    anywhere inside a field (a nested object's key or value, a list's entry) is named by that field."""
    if isinstance(value, str):
        return name if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            field = (str(key).replace("\x00", "") or name) if top else name
            if "\x00" in str(key) or _nul_in(item, field, top=False):
                return field
    if isinstance(value, list):
        for item in value:
            if _nul_in(item, name, top=False):
                return name
    return None


def nul_field(request) -> str | None:
    """Which part of the request holds a NUL character (the address, a query parameter, a field of a
    form or JSON body), or None. PostgreSQL cannot store or even compare a text holding NUL, and no
    field of Renda has a use for one; control characters other than NUL are judged per field by
    renda.people.validation.text. Multipart bodies (uploads) are left to their forms, which refuse
    NUL in every text field, and to the upload checks."""
    if "\x00" in request.path:
        return "地址"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in v for v in values):
            return key.replace("\x00", "") or "参数"
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    content_type = request.content_type or ""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return None  # too big to read here; Django or the upload limits refuse it
    if content_type == "application/x-www-form-urlencoded":
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return key.replace("\x00", "") or "参数"
    elif content_type.endswith("json") and (b"\\u0000" in request.body or b"\x00" in request.body):
        try:
            return _nul_in(json.loads(request.body), "正文") or "正文"
        except ValueError:
            return "正文"
    return None


def refuse_nul(request, field: str):
    message = f"“{field}”不能包含控制字符"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": [{"field": field, "message": message}]}, status=422)
    page = f"<!doctype html><meta charset=utf-8><title>请求无效</title><p>{escape(message)}</p>"
    return HttpResponseBadRequest(page.encode(),
                                  content_type="text/html; charset=utf-8")
