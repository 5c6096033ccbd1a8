"""Uploaded files, one place: what each upload is for (its *purpose*), which kinds of file it accepts —
judged by the file's content, never by its name or the type the browser claims — and how large it
may be; and the request guard that refuses an oversize body before Django reads a byte of it.

Sizes per purpose are in settings (``UPLOAD_LIMITS``); the kinds per purpose are below. Every upload,
from a page or from the API, goes through ``check`` (in the action, or where the file is parsed before
the action sees rows), and every upload path is listed in ``ROUTES`` so that ``UploadLimitMiddleware``
knows how large a body that path may carry. docs/security.md ("Uploads") says what is and is not
guaranteed and what the proxy in front should refuse first.
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from renda.core.errors import ValidationError

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # as a reader says it: PDF, Word, JPEG …
    extension: str  # the name the file is stored and served under ends so
    content_type: str


KINDS = {k.key: k for k in [
    Kind("pdf", "PDF", ".pdf", "application/pdf"),
    Kind("ofd", "OFD", ".ofd", "application/ofd"),
    Kind("docx", "Word", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    Kind("doc", "Word", ".doc", "application/msword"),
    Kind("xlsx", "Excel", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    Kind("xls", "Excel", ".xls", "application/vnd.ms-excel"),
    Kind("pptx", "PowerPoint", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    Kind("ppt", "PowerPoint", ".ppt", "application/vnd.ms-powerpoint"),
    Kind("jpeg", "JPEG", ".jpg", "image/jpeg"),
    Kind("png", "PNG", ".png", "image/png"),
    Kind("gif", "GIF", ".gif", "image/gif"),
    Kind("webp", "WebP", ".webp", "image/webp"),
    Kind("text", "TXT/CSV", ".txt", "text/plain"),  # UTF-8 or GB18030, no control characters
]}


@dataclass(frozen=True)
class Purpose:
    key: str
    label: str
    kinds: tuple[str, ...]

    @property
    def max_bytes(self) -> int:
        return int(settings.UPLOAD_LIMITS[self.key])

    def kinds_text(self) -> str:
        labels = list(dict.fromkeys(KINDS[k].label for k in self.kinds))
        return labels[0] if len(labels) == 1 else "、".join(labels[:-1]) + " 或 " + labels[-1]


PURPOSES = {p.key: p for p in [
    Purpose("meeting_document", "会议文件",
            ("pdf", "ofd", "docx", "doc", "xlsx", "xls", "pptx", "ppt", "jpeg", "png", "gif", "webp", "text")),
    Purpose("suggestion_attachment", "议案建议附件", ("pdf", "ofd", "docx", "doc", "jpeg", "png")),
    Purpose("concern_photo", "群众诉求照片", ("jpeg", "png")),
    Purpose("progress_photo", "民生实事进展照片", ("jpeg", "png")),
    Purpose("people_import", "代表或机构导入文件", ("xlsx", "text")),
    Purpose("oversight_photo", "调研检查照片", ("jpeg", "png")),
    Purpose("oversight_document", "调研检查材料（自查报告、汇报材料）",
            ("pdf", "ofd", "docx", "doc", "xlsx", "xls", "jpeg", "png")),
    Purpose("device_sign_ins", "电子签到设备导出文件", ("text",)),
]}


def accept(purpose: str) -> str:
    """The file input's ``accept`` hint for a purpose (a convenience for the picker; the check is ``check``)."""
    extra = {"jpeg": [".jpeg"], "text": [".csv"]}
    return ",".join(e for k in PURPOSES[purpose].kinds for e in [KINDS[k].extension, *extra.get(k, [])])


def size_text(n: int) -> str:
    return f"{n // MB} MB" if n % MB == 0 else f"{n / MB:.1f} MB"


# ── what a file is, by its content ──

_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls", "PowerPoint Document": "ppt"}
_OLE_MACROS = {"Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"}
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TEXT_SAMPLE = 1 * MB


def _read(stream, offset: int, n: int) -> bytes:
    stream.seek(offset)
    return stream.read(n)


def _zip_kind(stream) -> str | None:
    """docx/xlsx/pptx by the main part's content type in [Content_Types].xml; macro-enabled
    variants are none of them. OFD (GB/T 33190) by its OFD.xml entry."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "OFD.xml" in names:
                return "ofd"
            if "[Content_Types].xml" not in names or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            with archive.open("[Content_Types].xml") as part:
                types = part.read(1 * MB).decode("utf-8", "replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
        return None
    found = {_OOXML_MAIN[t] for t in re.findall(r'ContentType="([^"]+)"', types) if t in _OOXML_MAIN}
    return found.pop() if len(found) == 1 else None


def _ole_streams(stream) -> set[str]:
    """The names in an OLE compound file's directory (MS-CFB), following the FAT chain."""
    header = _read(stream, 0, 512)
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    fat_count, first_dir = struct.unpack_from("<II", header, 44)
    difat_first, difat_count = struct.unpack_from("<II", header, 68)
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < 0xFFFFFFFA]
    sector, hops = difat_first, 0
    while sector < 0xFFFFFFFA and hops < difat_count and hops < 10_000:
        block = _read(stream, (sector + 1) * size, size)
        if len(block) < size:
            break
        entries = struct.unpack(f"<{size // 4}I", block)
        fat_sectors += [s for s in entries[:-1] if s < 0xFFFFFFFA]
        sector, hops = entries[-1], hops + 1
    fat: list[int] = []
    for s in fat_sectors[:fat_count]:
        block = _read(stream, (s + 1) * size, size)
        if len(block) < size:
            return set()
        fat += struct.unpack(f"<{size // 4}I", block)
    names: set[str] = set()
    sector, seen = first_dir, set[int]()
    while sector < len(fat) and sector not in seen and len(seen) < 100_000:
        seen.add(sector)
        block = _read(stream, (sector + 1) * size, size)
        for at in range(0, len(block) - 127, 128):
            length = struct.unpack_from("<H", block, at + 64)[0]
            if 2 <= length <= 64 and block[at + 66] in (1, 2):
                names.add(block[at:at + length - 2].decode("utf-16-le", "replace"))
        sector = fat[sector]
    return names


def _ole_kind(stream) -> str | None:
    try:
        names = _ole_streams(stream)
    except (struct.error, OSError, ValueError, IndexError):
        return None
    if names & _OLE_MACROS:
        return None
    found = {kind for name, kind in _OLE_STREAMS.items() if name in names}
    return found.pop() if len(found) == 1 else None


def _is_text(sample: bytes) -> bool:
    if sample.startswith(codecs.BOM_UTF8):
        sample = sample[len(codecs.BOM_UTF8):]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return not _TEXT_CONTROLS.search(text)
    return False


def detect(upload) -> str | None:
    """The key of the kind ``upload`` (a file object or bytes) is, by its content, or None for a kind
    Renda does not take (an executable, an archive, a macro-enabled Office file …). The file is left
    at its start, for saving."""
    stream = io.BytesIO(upload) if isinstance(upload, bytes | bytearray) else upload
    try:
        head = _read(stream, 0, 16)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return "gif"
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return "webp"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(stream)
        if head.startswith(_OLE_MAGIC):
            return _ole_kind(stream)
        return "text" if head and _is_text(_read(stream, 0, _TEXT_SAMPLE)) else None
    finally:
        stream.seek(0)


def stored_name(name: str, kind: str) -> str:
    """The file's name with the extension of what it really is (a .csv or .txt keeps its own)."""
    path = PurePath(name or "file")
    stem = path.stem[:100] or "file"
    if kind == "text" and path.suffix.lower() in {".csv", ".txt"}:
        return stem + path.suffix.lower()
    return stem + KINDS[kind].extension


def check(upload, purpose: str, errors=None, field: str = "file", what: str = "") -> Kind | None:
    """The kind of ``upload`` if ``purpose`` takes it and it is not too large; otherwise None, with
    the reason added to ``errors`` (people.validation.Errors) under ``field``, or raised without it. The size is the
    one the upload handler counted; the body is not read for it. On success the upload's name is
    given the extension of its real kind, so it is stored and served as what it is."""
    rule = PURPOSES[purpose]
    problems: list[str] = []
    name = getattr(upload, "name", "") or "文件"
    label = what or f"“{PurePath(name).name}”"
    found: Kind | None = None
    if upload.size > rule.max_bytes:
        problems.append(f"{label}超过 {size_text(rule.max_bytes)}（{rule.label}每个不超过 {size_text(rule.max_bytes)}）")
    elif upload.size == 0:
        problems.append(f"{label}是空文件")
    else:
        key = detect(upload)
        if key not in rule.kinds:
            problems.append(f"{label}不是 {rule.kinds_text()} 文件（按文件内容判断，与文件名无关）")
        else:
            assert key is not None
            found = KINDS[key]
            if hasattr(upload, "name"):
                upload.name = stored_name(name, key)
    if problems and errors is None:
        raise ValidationError({field: problems})
    for problem in problems:
        errors.add(field, problem)
    return found


def check_bytes(data: bytes, name: str, purpose: str, field: str = "file") -> Kind:
    """``check`` for a file already read into memory (raises on refusal)."""
    upload = io.BytesIO(data)
    upload.name = name  # type: ignore[attr-defined]
    upload.size = len(data)  # type: ignore[attr-defined]
    found = check(upload, purpose, field=field)
    assert found is not None
    return found


# ── how large a request body may be, decided before it is read ──

FORM_ALLOWANCE = 256 * 1024  # the form's other fields and the multipart framing around the files
ANONYMOUS_BODY_LIMIT = 256 * 1024  # anyone not signed in, anywhere but a public upload form


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern
    purpose: str
    files: int  # the most files of that purpose one request may carry
    public: bool = False  # anonymous people upload here (the public intake forms)

    @property
    def limit(self) -> int:
        return PURPOSES[self.purpose].max_bytes * self.files + FORM_ALLOWANCE


def _route(pattern: str, purpose: str, files: int = 1, public: bool = False) -> Route:
    return Route(re.compile(pattern), purpose, files, public)


_C = r"^/c/[^/]+/"
ROUTES = [
    _route(_C + r"meetings/\d+/do/document/$", "meeting_document"),
    _route(r"^/api/meetings/\d+/documents/?$", "meeting_document"),
    _route(_C + r"meetings/\d+/do/devices/$", "device_sign_ins"),
    _route(r"^/api/meetings/\d+/device-sign-ins/?$", "device_sign_ins"),
    _route(_C + r"exchange/preview/$", "people_import"),
    _route(r"^/api/imports/?$", "people_import"),
    _route(_C + r"suggestions/\d+/attach/$", "suggestion_attachment"),
    _route(r"^/api/suggestions/\d+/attachments/?$", "suggestion_attachment"),
    _route(_C + r"livelihood/projects/\d+/do/progress/$", "progress_photo"),
    # A reception records up to 20 concerns; one request carries at most 10 photos' worth (as much as
    # a meeting document, so that one proxy limit covers every staff path).
    _route(_C + r"stations/\d+/do/reception/$", "concern_photo", files=10),
    # Site-visit photos (up to 6 a visit) and units' reports: every upload page of oversight is a do/ step.
    _route(_C + r"oversight/[a-z-]+/\d+/do/[a-z-]+/$", "oversight_document", files=6),
    _route(r"^/api/oversight/.+$", "oversight_document", files=6),
    _route(_C + r"oversight/investigations/\d+/evidence/$", "oversight_document"),
    # Rectification: progress and closure evidence, site-check photos; livelihood accountability steps.
    _route(_C + r"rectification/\d+/do/[a-z_-]+/$", "oversight_document", files=6),
    _route(r"^/api/rectification/.+$", "oversight_document", files=6),
    _route(_C + r"livelihood/accountability/(new|\d+/do/step)/$", "oversight_document"),
    _route(r"^/api/livelihood/accountability(/.*)?$", "oversight_document"),
    # the standing committee's business
    _route(_C + r"agenda/items/new/$", "meeting_document", files=10),
    _route(r"^/api/agenda/items/\d+/documents/?$", "meeting_document"),
    _route(_C + r"appointments/(new|\d+/edit)/$", "meeting_document"),
    _route(r"^/api/appointments/bills/\d+/letter/?$", "meeting_document"),
    _route(_C + r"duty-reports/\d+/do/file/$", "oversight_document"),
    _route(r"^/api/duty-reports/\d+/file/?$", "oversight_document"),
    _route(_C + r"work-points/(plan/new|\d+/do/close)/$", "oversight_document"),
    _route(r"^/api/work-points/(plans|\d+/close)/?$", "oversight_document"),
    _route(_C + r"decisions/\d+/do/document/$", "meeting_document"),
    _route(_C + r"enactment/bills/\d+/do/(preliminary|report|approval)/$", "meeting_document"),
    _route(r"^/api/enactment/bills/\d+/(preliminary-review|approval|readings/\d+/reports)/?$", "meeting_document"),
    _route(_C + r"stations/\d+/intake/$", "concern_photo", files=3, public=True),
    _route(_C + r"liaison/$", "concern_photo", files=3, public=True),
]


def route_for(path: str) -> Route | None:
    return next((r for r in ROUTES if r.pattern.match(path)), None)


def _signed_in(request) -> bool:
    """A session user, or an API token that authenticates (checked only for a large body)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header[:7].lower() == "bearer " and request.path.startswith("/api/"):
        from renda.core.actions import authenticate_token

        return authenticate_token(header[7:].strip()) is not None
    return False


def body_limit(request) -> int:
    """The most bytes this request's body may carry: a public upload form's own; a staff upload path's
    only for someone signed in; any other path's Django's DATA_UPLOAD_MAX_MEMORY_SIZE when signed in,
    and a quarter of a megabyte for everyone else."""
    route = route_for(request.path_info)
    if route is not None and route.public:
        return route.limit
    length = _content_length(request)
    if length <= ANONYMOUS_BODY_LIMIT or not _signed_in(request):
        return ANONYMOUS_BODY_LIMIT
    return route.limit if route is not None else int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large(request, limit: int) -> HttpResponse:
    message = (f"上传的内容过大（{size_text(_content_length(request))}），此处一次最多 {size_text(limit)}。"
               "请压缩或拆分文件后重试。")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": [{"field": None, "message": message}]}, status=413,
                            json_dumps_params={"ensure_ascii": False})
    return HttpResponse(render_to_string("413.html", {"message": message}, request=request), status=413)


class UploadLimitMiddleware:
    """Refuses with 413 a request whose declared length (Content-Length) is over what its path may
    carry, before anything reads the body: Django's multipart parser would otherwise stream the whole
    upload to a temporary file first. The WSGI server gives the application no more than the declared
    length, so a body longer than its header is never read either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _content_length(request)
        if length > ANONYMOUS_BODY_LIMIT:
            limit = body_limit(request)
            if length > limit:
                return too_large(request, limit)
        return self.get_response(request)
