"""Uploads (issue 11, point 6): a file's kind is judged by its content against what its purpose takes,
its size against the purpose's limit, and a request whose Content-Length is over what its path may carry
is refused with 413 before its body is read — on pages and in the API, the public intake included."""

import io
import re
import struct
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from renda.api import api
from renda.core import uploads
from renda.core.errors import ValidationError
from renda.core.tests.test_api import bearer
from renda.meetings.models import Document
from renda.testing import make_meeting, signed_in

MB = 1024 * 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 64 + b"This program cannot be run in DOS mode"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 16
MAIN = {"docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        "pptx": ("ppt/presentation.xml",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
        "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")}


def ooxml(kind: str) -> bytes:
    part, content_type = MAIN[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types><Override PartName="/{part}" '
                                                f'ContentType="{content_type}"/></Types>')
        archive.writestr(part, "<x/>")
    return out.getvalue()


def plain_zip(**entries: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in (entries or {"readme.txt": "x"}).items():
            archive.writestr(name, text)
    return out.getvalue()


def ole(*streams: str) -> bytes:
    """A minimal OLE compound file (MS-CFB, 512-byte sectors): sector 0 the FAT, sector 1 the directory
    with the root and the named streams."""
    header = bytearray(b"\xff" * 512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[8:24] = b"\x00" * 16
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    header[34:44] = b"\x00" * 10
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * (512 - 8)

    def entry(name: str, kind: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        block = bytearray(128)
        block[:len(raw)] = raw
        struct.pack_into("<HBB", block, 64, len(raw), kind, 1)
        struct.pack_into("<III", block, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        return bytes(block)

    directory = entry("Root Entry", 5) + b"".join(entry(s, 2) for s in streams)
    directory += b"\x00" * (512 - len(directory))
    return bytes(header) + fat + directory


@pytest.mark.parametrize(("data", "kind"), [
    (PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (GIF, "gif"), (WEBP, "webp"),
    (ooxml("docx"), "docx"), (ooxml("xlsx"), "xlsx"), (ooxml("pptx"), "pptx"), (plain_zip(**{"OFD.xml": "<ofd/>"}), "ofd"),
    (ole("WordDocument", "1Table"), "doc"), (ole("Workbook"), "xls"), (ole("PowerPoint Document"), "ppt"),
    ("会议议程\n一、开幕\n".encode(), "text"), ("姓名\n李明\n".encode("gbk"), "text"),
    (EXE, None), (plain_zip(), None), (ooxml("docm"), None), (ole("WordDocument", "Macros"), None),
    (ole("\x05SummaryInformation", "Binary"), None),  # an OLE file that is no Office document (an .msi is one)
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, None), (b"text with a NUL\x00 byte", None),
])
def test_a_file_is_known_by_its_content(data, kind):
    assert uploads.detect(data) == kind
    upload = SimpleUploadedFile("whatever.bin", data)
    assert uploads.detect(upload) == kind and upload.tell() == 0  # left at its start for saving


def test_check_names_the_file_the_rule_and_the_limit():
    with pytest.raises(ValidationError) as refused:
        uploads.check(SimpleUploadedFile("会议材料.pdf", EXE), "meeting_document")
    assert "“会议材料.pdf”不是 PDF、OFD、Word、Excel、PowerPoint、JPEG、PNG、GIF、WebP 或 TXT/CSV 文件" in \
        refused.value.message_dict["file"][0]
    with override_settings(UPLOAD_LIMITS={**uploads.settings.UPLOAD_LIMITS, "concern_photo": 1000}):
        with pytest.raises(ValidationError) as refused:
            uploads.check(SimpleUploadedFile("p.png", PNG + b"\x00" * 1000), "concern_photo")
    assert "超过" in refused.value.message_dict["file"][0]
    renamed = SimpleUploadedFile("报告.pdf", ooxml("docx"))
    assert uploads.check(renamed, "meeting_document").key == "docx" and renamed.name == "报告.docx"


# ── pages and API: the meeting documents (a 60 MB .exe was published publicly) ──

def _document_form(meeting, file):
    return {"title": "政府工作报告", "audience": "public", "release_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "file": file}


def test_an_exe_renamed_pdf_is_refused_on_the_meeting_page_and_in_the_api(world_a):
    meeting = make_meeting(world_a, members=3)
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/document/",
                                          _document_form(meeting, SimpleUploadedFile("报告.pdf", EXE)))
    assert page.status_code == 200 and "按文件内容判断" in page.content.decode()
    api_answer = Client().post(f"/api/meetings/{meeting.pk}/documents", {
        "title": "报告", "audience": "public", "release_at": timezone.now().isoformat(),
        "file": SimpleUploadedFile("报告.pdf", EXE)}, **bearer(world_a, world_a.office))
    assert api_answer.status_code == 422 and "按文件内容判断" in api_answer.json()["detail"][0]["message"]
    assert not Document.objects.in_congress(world_a.congress).exists()


@pytest.mark.parametrize(("name", "data", "stored"), [
    ("报告.pdf", PDF, ".pdf"), ("报告.docx", ooxml("docx"), ".docx"), ("预算.xls", ole("Workbook"), ".xls"),
    ("议程.txt", "会议议程".encode(), ".txt"), ("合影.jpg", JPEG, ".jpg"), ("名单.pdf", ooxml("xlsx"), ".xlsx"),
])
def test_allowed_kinds_are_published_under_the_name_of_what_they_are(world_a, name, data, stored):
    meeting = make_meeting(world_a, members=3)
    answer = Client().post(f"/api/meetings/{meeting.pk}/documents", {
        "title": "文件", "audience": "public", "release_at": timezone.now().isoformat(),
        "file": SimpleUploadedFile(name, data)}, **bearer(world_a, world_a.office))
    assert answer.status_code == 201, answer.content
    document = Document.objects.in_congress(world_a.congress).get()
    assert document.file.name.endswith(stored) and document.file.read() == data
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/document/",
                                          _document_form(meeting, SimpleUploadedFile(name, data)))
    assert page.status_code == 302 and Document.objects.in_congress(world_a.congress).count() == 2


@override_settings(UPLOAD_LIMITS={"meeting_document": 64 * 1024, "suggestion_attachment": 10 * MB,
                                  "concern_photo": 5 * MB, "progress_photo": 5 * MB, "people_import": 20 * MB,
                                  "device_sign_ins": 2 * MB})
def test_a_document_over_the_limit_is_refused_page_and_api(world_a):
    meeting = make_meeting(world_a, members=3)
    big = PDF + b"0" * (70 * 1024)  # over the file limit, within the request's allowance for the form
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/document/",
                                          _document_form(meeting, SimpleUploadedFile("报告.pdf", big)))
    assert page.status_code == 200 and "超过 0.1 MB" in page.content.decode()
    huge = PDF + b"0" * (400 * 1024)  # over what the path may carry at all: 413 before the body is read
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/document/",
                                          _document_form(meeting, SimpleUploadedFile("报告.pdf", huge)))
    assert page.status_code == 413 and "上传的内容过大" in page.content.decode()
    api_answer = Client().post(f"/api/meetings/{meeting.pk}/documents", {
        "title": "报告", "audience": "public", "release_at": timezone.now().isoformat(),
        "file": SimpleUploadedFile("报告.pdf", huge)}, **bearer(world_a, world_a.office))
    assert api_answer.status_code == 413 and "上传的内容过大" in api_answer.json()["detail"][0]["message"]
    assert not Document.objects.in_congress(world_a.congress).exists()


# ── refused on Content-Length, before the body is read ──

class Untouchable(io.RawIOBase):
    """A request body that records whether anything read it."""

    def __init__(self):
        self.touched = False

    def readable(self):
        return True

    def read(self, *args):
        self.touched = True
        return b""

    readline = readinto = read


def _post_claiming(client, path, length, **extra):
    body = Untouchable()
    answer = client.post(path, data=b"--x--", content_type="multipart/form-data; boundary=x",
                         CONTENT_LENGTH=str(length), **{"wsgi.input": body}, **extra)
    return answer, body


def test_the_public_intake_refuses_100_mb_without_reading_it(world_a):
    for path in (f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/", f"/c/{world_a.congress.code}/liaison/"):
        answer, body = _post_claiming(Client(), path, 100 * MB)
        assert answer.status_code == 413 and not body.touched
        assert "上传的内容过大（100 MB），此处一次最多" in answer.content.decode()
    # three photos of the largest size still fit
    route = uploads.route_for(f"/c/{world_a.congress.code}/liaison/")
    assert route is not None and route.public and route.limit >= 3 * 5 * MB


def test_a_staff_upload_path_carries_a_large_body_only_for_someone_signed_in(world_a):
    meeting = make_meeting(world_a, members=3)
    path = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/document/"
    answer, body = _post_claiming(Client(), path, 20 * MB)
    assert answer.status_code == 413 and not body.touched  # anonymous: a quarter of a megabyte anywhere else
    answer, body = _post_claiming(signed_in(world_a.office), path, 60 * MB)
    assert answer.status_code == 413 and not body.touched and "此处一次最多 50.2 MB" in answer.content.decode()
    request = RequestFactory().post(path, data=b"", content_type="multipart/form-data; boundary=x",
                                    CONTENT_LENGTH=str(20 * MB))
    request.user = world_a.office
    assert uploads.body_limit(request) > 20 * MB  # the office may send its 20 MB document


def test_the_api_refuses_an_oversize_body_on_content_length(world_a):
    meeting = make_meeting(world_a, members=3)
    token = bearer(world_a, world_a.office)
    answer, body = _post_claiming(Client(), f"/api/meetings/{meeting.pk}/documents", 60 * MB, **token)
    assert answer.status_code == 413 and not body.touched
    assert answer.json()["detail"][0]["message"].startswith("上传的内容过大")
    answer, body = _post_claiming(Client(), f"/api/meetings/{meeting.pk}/documents", 20 * MB,
                                  HTTP_AUTHORIZATION="Bearer not-a-token")
    assert answer.status_code == 413 and not body.touched  # no valid token: the anonymous limit
    answer, body = _post_claiming(Client(), f"/api/public/{world_a.congress.code}/stations/{world_a.station.pk}/concerns",
                                  1 * MB)
    assert answer.status_code == 413 and not body.touched  # the public JSON intake takes no files at all


def test_the_middleware_decides_before_anything_reads_the_body():
    """The middleware itself, with a made-up request: the body stream is never touched."""
    body = Untouchable()
    request = RequestFactory().generic("POST", "/c/x/stations/1/intake/", data=b"x",
                                       content_type="multipart/form-data; boundary=x",
                                       CONTENT_LENGTH=str(100 * MB), **{"wsgi.input": body})
    request.user = AnonymousUser()  # what AuthenticationMiddleware, before it, puts there
    answer = uploads.UploadLimitMiddleware(lambda r: pytest.fail("the view ran"))(request)
    assert answer.status_code == 413 and not body.touched


def test_every_upload_the_api_takes_has_a_route_with_its_limit(db):
    """A new upload operation without a line in core.uploads.ROUTES fails here."""
    schema = api.get_openapi_schema()
    uploading = [path for path, operations in schema["paths"].items() for op in operations.values()
                 if "multipart/form-data" in (op.get("requestBody") or {}).get("content", {})
                 and "binary" in str(op["requestBody"])]
    assert len(uploading) >= 4
    for path in uploading:
        concrete = re.sub(r"\{[a-z_]+\}", "1", path)  # every id in the path
        assert uploads.route_for(concrete) is not None, path


# ── the other uploads ──

def test_other_uploads_are_judged_by_content(world_a):
    from renda.liaison import actions as liaison
    from renda.people import exchange

    with pytest.raises(ValidationError) as refused:
        liaison.submit_concern(world_a.congress, world_a.station, actor=None, photos=[SimpleUploadedFile("门口.png", EXE)],
                               data={"category": "教育", "text": "校门口积水", "anonymous": True})
    assert "不是 JPEG 或 PNG" in str(refused.value)
    with pytest.raises(ValidationError):
        exchange.read_table("deputies", EXE, "代表.xlsx")
    with pytest.raises(ValidationError):
        exchange.read_table("deputies", plain_zip(), "代表.csv")
    meeting = make_meeting(world_a, members=3)
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/do/devices/",
                                          {"file": SimpleUploadedFile("签到.csv", EXE)})
    assert page.status_code == 200 and "不是 TXT/CSV 文件" in page.content.decode()


def test_check_uploads_lists_stored_files_the_rules_refuse(world_a):
    """What was stored before the rules (the 60 MB .exe) is listed for the office to remove."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    meeting = make_meeting(world_a, members=3)
    Document.objects.create(congress=world_a.congress, meeting=meeting, title="旧文件", audience="public",
                            release_at=timezone.now(), file=ContentFile(EXE, name="setup.pdf"))
    Document.objects.create(congress=world_a.congress, meeting=meeting, title="议程", audience="public",
                            release_at=timezone.now(), file=ContentFile(PDF, name="agenda.pdf"))
    out = io.StringIO()
    call_command("check_uploads", stdout=out)
    lines = out.getvalue().splitlines()
    assert len([line for line in lines if "会议文件" in line]) == 1 and "setup" in lines[0] and "内容不是 PDF" in lines[0]
    assert lines[-1] == "共 1 个文件不符合现行上传规则"


@pytest.mark.parametrize(("name", "args", "purpose", "public"), [
    ("meeting_action", [1, "document"], "meeting_document", False),
    ("meeting_action", [1, "devices"], "device_sign_ins", False),
    ("import_preview", [], "people_import", False),
    ("suggestion_attach", [1], "suggestion_attachment", False),
    ("livelihood_project_action", [1, "progress"], "progress_photo", False),
    ("liaison_station_action", [1, "reception"], "concern_photo", False),
    ("liaison_intake", [1], "concern_photo", True),
    ("rectification_action", [1, "closure"], "oversight_document", False),
    ("investigation_evidence", [1], "oversight_document", False),
    ("livelihood_accountability_step", [1], "oversight_document", False),
    ("livelihood_accountability_new", [], "oversight_document", False),
    ("work_report_step", [1, "file"], "oversight_document", False),
    ("review_opinion_action", [1, "reply"], "oversight_document", False),
    ("liaison_public_home", [], "concern_photo", True),
    ("agenda_item_new", [], "meeting_document", False),
    ("appointments_new", [], "meeting_document", False),
    ("appointments_edit", [1], "meeting_document", False),
    ("duty_report_action", [1, "file"], "oversight_document", False),
    ("work_points_plan_new", [], "oversight_document", False),
    ("work_point_action", [1, "close"], "oversight_document", False),
    ("decisions_step", [1, "document"], "meeting_document", False),
    ("enactment_step", [1, "preliminary"], "meeting_document", False),
    ("enactment_step", [1, "report"], "meeting_document", False),
    ("enactment_step", [1, "approval"], "meeting_document", False),
])
def test_every_upload_page_has_its_route(name, args, purpose, public):
    """A page that takes files and was moved to another address without its line in ROUTES fails here."""
    from django.urls import reverse

    route = uploads.route_for(reverse(name, args=["a-city", *args]))
    assert route is not None and (route.purpose, route.public) == (purpose, public)
    assert uploads.route_for(reverse("meeting_action", args=["a-city", 1, "open"])) is None
