"""While the demo's data is built beside the running server, every page says how far it is; a build
left unfinished stops the next `renda demo` with a message naming the step and the folder."""

import pytest

from renda import cli
from renda.core import demo_progress


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_pages_show_the_step_while_the_demo_is_built_and_nothing_after(client, data_dir, db):
    demo_progress.write(0, 20, "开始")
    assert "演示账号稍后可登录" in client.get("/login/").content.decode()
    demo_progress.write(3, 20, "代表建议")
    page = client.get("/login/").content.decode()
    assert "第 3/20 步（代表建议）" in page and "演示账号已可登录" in page
    demo_progress.finished()
    assert demo_progress.read() is None
    assert "演示数据正在生成" not in client.get("/login/").content.decode()


def test_an_interrupted_build_stops_the_next_demo_start_with_the_step_and_the_folder(data_dir, db, capsys):
    demo_progress.write(7, 20, "专项工作报告")
    assert cli.main(["demo", "--no-serve"]) == 1
    said = capsys.readouterr().err
    assert "第 7/20 步（专项工作报告）中断" in said and str(data_dir) in said


def test_a_server_looks_for_the_builders_file_once_a_second_not_on_every_page(data_dir, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(demo_progress.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(demo_progress, "_absent_until", 0.0)
    assert demo_progress.read() is None
    # The builder is another process: it writes the file without this process knowing.
    (data_dir / "demo-progress.json").write_text('{"step": 2, "steps": 20, "label": "代表"}')
    now[0] += 0.9
    assert demo_progress.read() is None
    now[0] += 0.2
    assert demo_progress.read() == {"step": 2, "steps": 20, "label": "代表"}
    assert demo_progress.read() == {"step": 2, "steps": 20, "label": "代表"}  # present: read every time
