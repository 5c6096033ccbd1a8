"""Puts the congress named in the URL (/c/<code>/…) on the request and in the tenancy scope."""

from django.http import Http404

from renda.core import congress_lookup
from renda.core.tenancy import _current_congress, cross_congress_query


class CongressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.congress = None
        request._congress_token = None
        try:
            if request.path.startswith("/admin/"):
                # Django admin is the superusers' back office across all congresses.
                with cross_congress_query("back_office_admin"):
                    return self.get_response(request)
            return self.get_response(request)
        finally:
            if request._congress_token is not None:
                _current_congress.reset(request._congress_token)

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
