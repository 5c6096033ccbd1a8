"""A big export is built in the background behind a progress bar (issue 18, point 7): above the rule
exports.background_rows the list answers with a progress page, whose build request writes the file
and whose progress request shows the bar and then the download link; the file goes to the same
account in the same congress only, and is removed after a day."""

import os
import re
import time

import pytest

from renda.core import actions, export_jobs
from renda.core.tests import export_checks as check
from renda.testing import signed_in

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _small_threshold(world):
    actions.change_rule(world.congress, actor=world.root, key="exports.background_rows", value=1)


def _start(client, url: str) -> tuple[str, str]:
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert "progressbar" in html and "hx-trigger=\"load\"" in html
    found = re.search(r"build=([0-9a-f]{32})", html)
    assert found, "the progress page names its build token"
    return found.group(1), html


def test_it_builds_a_big_export_in_the_background_for_the_same_user_only(world_a, world_b, tmp_path):
    _small_threshold(world_a)
    world_a.make_deputy("李强")
    code = world_a.congress.code
    office = signed_in(world_a.office)
    url = f"/c/{code}/deputies/?q=李&export=xlsx"
    token, html = _start(office, f"/c/{code}/deputies/?export=xlsx")
    assert "导出：代表名册" in html and f"/c/{code}/exports/{token}/progress/" in html
    progress = office.get(f"/c/{code}/exports/{token}/progress/", headers=HTMX)
    assert progress.status_code == 200 and "等待开始" in progress.content.decode()

    # Someone else cannot build, watch or download the job.
    admin = signed_in(world_a.admin)
    assert admin.get(f"/c/{code}/deputies/?export=xlsx&build={token}", headers=HTMX).status_code == 404
    assert admin.get(f"/c/{code}/exports/{token}/progress/").status_code == 404

    built = office.get(f"/c/{code}/deputies/?export=xlsx&build={token}", headers=HTMX)
    assert built.status_code == 200 and f"/c/{code}/exports/{token}/download/" in built.content.decode()
    done = office.get(f"/c/{code}/exports/{token}/progress/", headers=HTMX)
    assert done.status_code == export_jobs.STOP_POLLING and "下载" in done.content.decode()
    assert (tmp_path / "exports" / str(world_a.congress.pk) / f"{token}.xlsx").is_file()

    download = office.get(f"/c/{code}/exports/{token}/download/")
    ws = check.sheet(download, world_a.congress)
    assert {"李明", "王芳"} <= set(check.column(ws, "姓名"))
    assert "filename*=UTF-8''%E4%BB%A3%E8%A1%A8%E5%90%8D%E5%86%8C" in download["Content-Disposition"]

    assert admin.get(f"/c/{code}/exports/{token}/download/").status_code == 404
    assert signed_in(world_b.office).get(f"/c/{code}/exports/{token}/download/").status_code == 404
    assert office.get(f"/c/{world_b.congress.code}/exports/{token}/download/").status_code == 404
    assert office.get(f"/c/{code}/exports/{'0' * 32}/download/").status_code == 404
    assert office.get(f"/c/{code}/exports/../download/").status_code == 404

    # The filters are the address's: a narrower list builds a narrower file.
    token, _ = _start(office, url)
    office.get(url + f"&build={token}", headers=HTMX)
    assert check.column(check.sheet(office.get(f"/c/{code}/exports/{token}/download/"), world_a.congress), "姓名") == ["李明", "李强"]


def test_without_scripts_the_build_ends_in_the_download(world_a):
    _small_threshold(world_a)
    code = world_a.congress.code
    office = signed_in(world_a.office)
    token, _ = _start(office, f"/c/{code}/deputies/?export=csv")
    built = office.get(f"/c/{code}/deputies/?export=csv&build={token}")
    assert built.status_code == 302 and built["Location"].endswith(f"/exports/{token}/download/")
    rows = check.csv_records(office.get(built["Location"]))
    assert {"李明", "王芳"} <= {r["姓名"] for r in rows}
    # Asking again for a built job does not build it again: it answers with the download.
    assert office.get(f"/c/{code}/deputies/?export=csv&build={token}")["Location"] == built["Location"]
    # The format is the job's: another format with the same token is not found.
    assert office.get(f"/c/{code}/deputies/?export=xlsx&build={token}").status_code == 404


def test_under_the_threshold_the_file_comes_at_once(world_a):
    office = signed_in(world_a.office)
    check.sheet(office.get(f"/c/{world_a.congress.code}/deputies/?export=xlsx"), world_a.congress)


def test_files_older_than_a_day_are_removed(world_a, tmp_path):
    folder = export_jobs.folder(world_a.congress.pk)
    folder.mkdir(parents=True)
    old, new = folder / ("a" * 32 + ".xlsx"), folder / ("b" * 32 + ".xlsx")
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    day_ago = time.time() - export_jobs.KEEP_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert export_jobs.remove_old() == 1
    assert not old.exists() and new.exists()


def test_a_failed_build_says_so(world_a, monkeypatch):
    _small_threshold(world_a)
    code = world_a.congress.code
    office = signed_in(world_a.office)
    token, _ = _start(office, f"/c/{code}/deputies/?export=xlsx")

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("renda.core.spreadsheets.xlsx_bytes", broken)
    failed = office.get(f"/c/{code}/deputies/?export=xlsx&build={token}", headers=HTMX)
    assert "生成文件时出错" in failed.content.decode()
    assert office.get(f"/c/{code}/exports/{token}/progress/").status_code == export_jobs.STOP_POLLING
    assert office.get(f"/c/{code}/exports/{token}/download/").status_code == 404
