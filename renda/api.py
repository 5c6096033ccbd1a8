"""The JSON API: /api/, OpenAPI document at /api/openapi.json, token authentication.

A token belongs to one user in one congress; every endpoint works in that congress and writes only
through the same actions as the web pages.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer

from renda.activities.api import router as activities_router
from renda.agenda.api import router as agenda_router
from renda.answer_quality.api import router as answer_quality_router
from renda.appointments.api import router as appointments_router
from renda.core.actions import authenticate_token
from renda.core.api import router as core_router
from renda.core.api_contract import document_errors, schema_errors
from renda.core.errors import IllegalTransition, NotFound
from renda.decisions.api import router as decisions_router
from renda.delivery.api import router as delivery_router
from renda.deputy_groups.api import router as deputy_groups_router
from renda.deputy_pages.api import router as deputy_pages_router
from renda.duty_reports.api import router as duty_reports_router
from renda.enactment.api import router as enactment_router
from renda.law_comments.api import router as law_comments_router
from renda.legislation.api import router as legislation_router
from renda.legislative_plans.api import router as legislative_plans_router
from renda.liaison.api import router as liaison_router
from renda.livelihood.api import router as livelihood_router
from renda.meetings.api import router as meetings_router
from renda.opinions.api import router as opinions_router
from renda.oversight.api import router as oversight_router
from renda.people.api import router as people_router
from renda.portfolios.api import router as portfolios_router
from renda.proposals.api import router as proposals_router
from renda.questionnaires.api import router as questionnaires_router
from renda.records.api import router as records_router
from renda.rectification.api import router as rectification_router
from renda.routing.api import router as routing_router
from renda.schedule.api import router as schedule_router
from renda.search.api import router as search_router
from renda.similar.api import router as similar_router
from renda.voting.api import router as voting_router
from renda.work_points.api import router as work_points_router


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = authenticate_token(token)
        if found is None:
            return None
        api_token, congress = found
        request.user = api_token.user
        request.congress = congress
        return api_token


class RendaAPI(NinjaAPI):
    """The OpenAPI document also says which error statuses each operation can answer (ErrorOut)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        prefix = self.get_root_path(path_params or {}) if path_prefix is None else path_prefix
        operations = {}
        for router_prefix, router in self._routers:
            for path, view in router.path_operations.items():
                full = "/" + "/".join(p for p in (prefix + router_prefix + path).split("/") if p)
                for operation in view.operations:
                    for method in operation.methods:
                        operations[(method.lower(), _openapi_path(full))] = operation.view_func
        return document_errors(schema, operations)


def _openapi_path(path: str) -> str:
    import re

    return re.sub(r"{(?:\w+:)?(\w+)}", r"{\1}", path)


api = RendaAPI(
    title="Renda API",
    version="1",
    description=("人大工作平台 JSON API。令牌在“API 令牌”页面登录后申请（有效期 1 至 366 天，默认 90 天，"
                 "令牌全文只显示一次；令牌不能为自己续期，以令牌调用 `POST /api/tokens` 得到 403），"
                 "以 `Authorization: Bearer <令牌>` 发送；过期或撤销（`DELETE /api/tokens/{编号}`）"
                 "后得到 401。所有错误的正文都是 ErrorOut：`{\"detail\": [{\"field\": 字段名或 null, \"message\": 中文信息}]}`；"
                 "请求正文中不认识的字段、本级找不到的编号都以 422 拒绝。"),
    auth=TokenAuth(),
    urls_namespace="api",
)


def _field_errors(error: ValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [{"field": f, "message": m} for f, ms in error.message_dict.items() for m in ms]
    return [{"field": None, "message": m} for m in error.messages]


@api.exception_handler(SchemaError)
def schema_invalid(request, exc):
    """A body, query or path value the schema refuses: 422 in the same form and language as an action's."""
    return api.create_response(request, {"detail": schema_errors(exc.errors)}, status=422)


HTTP_MESSAGES = {
    400: "请求正文不是有效的 JSON",
    401: "请在 Authorization 请求头中以 Bearer 方式发送有效的 API 令牌（令牌可能无效、已撤销或已过期）",
    403: "没有权限",
    429: "请求太频繁，请稍后再试",
}


@api.exception_handler(HttpError)
def http_error(request, exc):
    """ninja's own refusals (an unparseable body, no valid token) in the same form and language."""
    message = HTTP_MESSAGES.get(exc.status_code, str(exc))
    return api.create_response(request, {"detail": [{"field": None, "message": message}]}, status=exc.status_code)


@api.exception_handler(IllegalTransition)
def illegal_transition(request, exc):
    return api.create_response(request, {"detail": _field_errors(exc)}, status=409)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    body = {"detail": _field_errors(exc)}
    challenge = getattr(exc, "challenge", None)
    if challenge is not None:
        body["challenge"] = challenge
    plan = getattr(exc, "plan", None)
    if plan is not None:
        body["rows"] = [vars(e) for e in plan.errors]
        body["summary"] = plan.summary()
    return api.create_response(request, body, status=422)


@api.exception_handler(PermissionDenied)
def denied(request, exc):
    return api.create_response(request, {"detail": [{"field": None, "message": str(exc) or "没有权限"}]}, status=403)


@api.exception_handler(NotFound)
@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": [{"field": None, "message": str(exc) or "找不到"}]}, status=404)


api.add_router("", core_router)
api.add_router("", people_router)
api.add_router("", meetings_router)
api.add_router("", voting_router)
api.add_router("", livelihood_router)
api.add_router("", liaison_router)
api.add_router("", proposals_router)
api.add_router("", oversight_router)
api.add_router("", questionnaires_router)
api.add_router("", rectification_router)
api.add_router("", agenda_router)
api.add_router("", appointments_router)
api.add_router("", duty_reports_router)
api.add_router("", work_points_router)
api.add_router("", decisions_router)
api.add_router("", portfolios_router)
api.add_router("", legislation_router)
api.add_router("", legislative_plans_router)
api.add_router("", law_comments_router)
api.add_router("", enactment_router)
api.add_router("", activities_router)
api.add_router("", deputy_groups_router)
api.add_router("", records_router)
api.add_router("", opinions_router)
api.add_router("", deputy_pages_router)
api.add_router("", search_router)
api.add_router("", similar_router)
api.add_router("", routing_router)
api.add_router("", answer_quality_router)
api.add_router("", schedule_router)
api.add_router("", delivery_router)
