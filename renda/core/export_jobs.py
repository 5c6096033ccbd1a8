"""Exports too big to give at once (issue 18, point 7): built in the background, with a progress bar.

``spreadsheets.export_response`` answers a list's ``?export=xlsx`` with the file itself while the
filtered rows are at most the rule ``exports.background_rows``. Above it:

1. the answer is a progress page (``start``): a token is made, and the job's state — who asked, in
   which congress, the format and file name, rows done of total — goes to the cache (file-based, so
   every worker sees it);
2. the page asks for the same address with ``build=<token>`` (htmx, on load): that request runs the
   list's view again, so exactly the same filtered rows, and writes the file to
   ``DATA_DIR/exports/<congress id>/<token>.<fmt>`` (with ``<token>.json``: whose it is, its name),
   updating the progress as it goes;
3. meanwhile the page polls ``progress`` for the bar; when the file is ready, both answer with the
   download link (``download``), which gives the file to the same account in the same congress only —
   anyone else, and any other congress, gets 404.

Without scripts, the page's link asks for the build itself, which ends by redirecting to the
download. Files older than a day are removed whenever a job starts or is built.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from renda.core import downloads
from renda.core.views_helpers import is_htmx

log = logging.getLogger(__name__)

KEEP_SECONDS = 24 * 3600   # a built file is kept a day
PROGRESS_EVERY = 200       # rows between two progress reports
STOP_POLLING = 286         # htmx stops polling on this status


def _key(congress_id: int, token: str) -> str:
    return f"export-job:{congress_id}:{token}"


def _owner(request) -> str:
    """Whose job it is: the account, or for a visitor without one the session."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def folder(congress_id: int) -> Path:
    return Path(settings.DATA_DIR) / "exports" / str(congress_id)


def _valid(token: str) -> bool:
    return len(token) == 32 and token.isalnum() and token.islower()


def remove_old(now: float | None = None) -> int:
    """Delete exported files older than a day (every congress); how many were removed."""
    root = Path(settings.DATA_DIR) / "exports"
    if not root.is_dir():
        return 0
    limit = (now or time.time()) - KEEP_SECONDS
    removed = 0
    for path in root.glob("*/*"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another worker removed it first
            continue
    return removed


def _state(request, token: str) -> dict[str, Any]:
    """The job's state if it is this user's in this congress; 404 otherwise."""
    if not _valid(token):
        raise Http404("找不到该导出")
    state = cache.get(_key(request.congress.pk, token))
    if not state or state.get("owner") != _owner(request):
        raise Http404("找不到该导出")
    return state


def _urls(request, token: str) -> dict[str, str]:
    code = request.congress.code
    query = request.GET.copy()
    query["build"] = token
    return {"build_url": f"{request.path}?{query.urlencode()}",
            "progress_url": reverse("export_progress", kwargs={"congress_code": code, "token": token}),
            "download_url": reverse("export_download", kwargs={"congress_code": code, "token": token})}


CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "csv": "text/csv; charset=utf-8"}


def respond(request, *, subject: str, fmt: str, name: str, total: int,
            write: Callable[[Callable[[int], None] | None], bytes]) -> HttpResponse:
    """A download that may take long: the file itself when ``total`` (rows, or items a report counts)
    is at most the rule ``exports.background_rows``, else a job (``start``, then ``build`` when the
    page asks with ``build=<token>``). ``write(progress)`` makes the file's bytes, computing whatever
    it needs inside, so that a report's counting runs in the job too."""
    from renda.core import rules

    token = request.GET.get("build", "")
    if token:
        return build(request, token, fmt=fmt, write=write)
    if total > rules.get(request.congress, "exports.background_rows"):
        return start(request, subject=subject, fmt=fmt, name=name, total=total)
    return downloads.attachment(HttpResponse(write(None), content_type=CONTENT_TYPES[fmt]), name)


def start(request, *, subject: str, fmt: str, name: str, total: int) -> HttpResponse:
    """The progress page of a new job for ``total`` rows (step 1)."""
    remove_old()
    token = uuid.uuid4().hex
    state = {"owner": _owner(request), "fmt": fmt, "name": name, "subject": subject, "status": "waiting",
             "done": 0, "total": total}
    cache.set(_key(request.congress.pk, token), state, KEEP_SECONDS)
    return render(request, "core/export_job.html", {"state": state, "token": token, **_urls(request, token)})


def build(request, token: str, *, fmt: str, write: Callable[[Callable[[int], None] | None], bytes]) -> HttpResponse:
    """Write the file of the job ``token`` (step 2); ``write(progress)`` makes its bytes."""
    state = _state(request, token)
    if state["fmt"] != fmt:
        raise Http404("找不到该导出")
    key = _key(request.congress.pk, token)
    urls = _urls(request, token)
    if state["status"] == "waiting":
        remove_old()
        state.update(status="building", started=time.time())
        cache.set(key, state, KEEP_SECONDS)

        def progress(done: int) -> None:
            cache.set(key, {**state, "done": done}, KEEP_SECONDS)

        try:
            body = write(progress)
            target = folder(request.congress.pk)
            target.mkdir(parents=True, exist_ok=True)
            partial = target / f"{token}.part"
            partial.write_bytes(body)
            partial.replace(target / f"{token}.{fmt}")
            (target / f"{token}.json").write_text(json.dumps(
                {"owner": state["owner"], "name": state["name"], "fmt": fmt}, ensure_ascii=False))
        except Exception:
            log.exception("export %s failed", token)
            state.update(status="failed")
        else:
            state.update(status="done", done=state["total"], size=len(body))
        cache.set(key, state, KEEP_SECONDS)
    else:
        state = cache.get(key) or state   # a second build request: the first one's state
    if not is_htmx(request):
        if state["status"] == "done":
            return redirect(urls["download_url"])
        return render(request, "core/export_job.html", {"state": state, "token": token, **urls})
    return render(request, "core/export_job_state.html", {"state": state, **urls})


def progress(request, congress_code: str, token: str) -> HttpResponse:
    """The job's bar, or its download link once done (step 3); another user's job is not found."""
    state = _state(request, token)
    urls = _urls(request, token)
    response = render(request, "core/export_job_state.html", {"state": state, **urls})
    if state["status"] in {"done", "failed"}:
        response.status_code = STOP_POLLING
    return response


def download(request, congress_code: str, token: str) -> FileResponse:
    """The built file, for the account (or session) that asked for it in this congress only."""
    if not _valid(token):
        raise Http404("找不到该导出")
    target = folder(request.congress.pk)
    try:
        meta = json.loads((target / f"{token}.json").read_text())
    except (FileNotFoundError, ValueError):
        raise Http404("找不到该导出，可能已超过一天被删除") from None
    path = target / f"{token}.{meta.get('fmt')}"
    if meta.get("owner") != _owner(request) or meta.get("fmt") not in {"xlsx", "csv"} or not path.is_file() \
            or path.stat().st_mtime < time.time() - KEEP_SECONDS:
        raise Http404("找不到该导出，可能已超过一天被删除")
    from renda.core.spreadsheets import CSV_TYPE, XLSX_TYPE

    response = FileResponse(path.open("rb"), content_type=XLSX_TYPE if meta["fmt"] == "xlsx" else CSV_TYPE)
    response["Content-Disposition"] = downloads.content_disposition(meta["name"])
    return response
