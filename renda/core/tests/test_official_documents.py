"""The official-document renderer: GB/T 9704 layout in PDF and .docx, the 禁则, file names.

PDFs are read back with pypdf, which maps ReportLab's STSong-Light (UniGB-UCS2-H) text to Unicode,
so the assertions are on the Chinese text itself; positions come from pypdf's text visitor."""

import dataclasses
import datetime
import io
import re

import docx
import pypdf
from django.utils import timezone
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from renda.core.official_documents import (
    BODY,
    TEXT_WIDTH,
    TITLE,
    OfficialDocument,
    Section,
    break_lines,
    chinese_date,
    filename,
    signature_indents,
    title_lines,
    to_docx,
    to_pdf,
)

TITLE_TEXT = "关于《中华人民共和国水污染防治法》实施情况的检查报告"
SENTENCE = "检查组深入8个区县，实地察看了饮用水水源保护区和污水处理厂。"


def letter(**changes) -> OfficialDocument:
    """A covering letter (报送件) with every part; `changes` replace some."""
    document = OfficialDocument(
        title=TITLE_TEXT,
        issuer="示例市人大常委会办公室",
        number="示人常办〔2026〕12号",
        addressee="中共示例市委、市人民政府：",
        preamble=["根据年度监督工作计划，市人大常委会组成执法检查组，对水污染防治法实施情况进行了检查。"],
        sections=[
            Section("基本情况", [SENTENCE], ["加强组织领导。各级政府高度重视。", "完善制度体系。"],
                    table=[["项目", "数量", "单位"], ["污水处理厂", "12", "座"], ["排污口"]]),
            Section("二、存在的问题", ["部分地区饮用水源保护区划定不规范。"], ["（一）监管不到位。"]),
        ],
        signature="示例市人大常委会办公室",
        date=datetime.date(2026, 12, 2),
        copy_to="市人大各专门委员会",
        attachments=["执法检查报告", "问题清单"],
        confidential_note="此件公开发布",
    )
    return dataclasses.replace(document, **changes)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def lines_of(data: bytes) -> list[str]:
    return [line for page in pdf_pages(data) for line in page.split("\n")]


def placed(page) -> list[tuple[float, float, str]]:
    """(x mm from the left, baseline mm from the top, text) of each piece drawn on a page."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((x / 72 * 25.4, 297 - y / 72 * 25.4, text.strip()))

    page.extract_text(visitor_text=visit)
    return out


def east_asia(element) -> str | None:
    return element.rPr.rFonts.get(qn("w:eastAsia"))


# ---------------------------------------------------------------- PDF


def test_it_renders_a_covering_letter_as_pdf():
    data = to_pdf(letter())
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    assert reader.metadata.title == TITLE_TEXT
    text = "".join("".join(pdf_pages(data)).split())
    for expected in (TITLE_TEXT, "示例市人大常委会办公室", "示人常办〔2026〕12号", "中共示例市委、市人民政府：",
                     "一、基本情况", "（一）加强组织领导。", "（二）完善制度体系。", "二、存在的问题", "（一）监管不到位。",
                     SENTENCE, "项目数量单位污水处理厂12座排污口", "附件：1.执法检查报告2.问题清单",
                     "2026年12月2日", "（此件公开发布）", "抄送：市人大各专门委员会。"):
        assert expected in text
    assert "二、二、" not in text and "（一）（一）" not in text


def test_it_sets_the_page_in_the_gb_layout():
    page = pypdf.PdfReader(io.BytesIO(to_pdf(letter(issuer="", number="", copy_to="")))).pages[0]
    assert (round(float(page.mediabox.width) / 72 * 25.4), round(float(page.mediabox.height) / 72 * 25.4)) == (210, 297)
    pieces = placed(page)
    body = [p for p in pieces if p[2].startswith("根据年度")][0]
    heading = [p for p in pieces if p[2] == "一、基本情况"][0]
    # First-line indent of two characters of a 28-character line in the 156 mm measure.
    assert abs(body[0] - (28 + 2 * 156 / 28)) < 0.2
    # One line of a 22-line page (225 mm) between consecutive lines.
    follow = min((p for p in pieces if p[1] > body[1] + 1), key=lambda p: p[1])
    assert abs(follow[1] - body[1] - 225 / 22) < 0.1
    assert heading[1] > body[1]
    # The title is the first thing on a report's page, within the 版心 that starts 37 mm down.
    first = [p for p in pieces if not p[2].startswith("—")][0]
    assert first[2].startswith("关于") and 37 < first[1] < 37 + 225 / 22


def test_it_puts_a_red_masthead_and_rule_on_a_letter_and_none_on_a_report():
    red = re.compile(rb"(?<![\d.])(0?\.9\d*|1) 0 0 (rg|RG)\b")   # a fill or stroke in red

    def content(document):
        page = pypdf.PdfReader(io.BytesIO(to_pdf(document))).pages[0]
        return page.get_contents().get_data()

    assert red.search(content(letter()))
    assert not red.search(content(letter(issuer="")))
    pieces = placed(pypdf.PdfReader(io.BytesIO(to_pdf(letter()))).pages[0])
    masthead = [p for p in pieces if p[2] == "示例市人大常委会办公室"][0]
    number = [p for p in pieces if p[2].startswith("示人常办")][0]
    assert masthead[1] > 37 + 35 and number[1] > masthead[1]
    assert 28 + 20 < number[0] < 105   # centred: starts well right of the margin, left of the middle


def test_an_upward_letter_has_the_number_left_and_the_signer_right():
    data = to_pdf(letter(signer="张三"))
    pieces = placed(pypdf.PdfReader(io.BytesIO(data)).pages[0])
    masthead = [p for p in pieces if p[2] == "示例市人大常委会办公室"][0]
    number = [p for p in pieces if p[2].startswith("示人常办")][0]
    signer = [p for p in pieces if p[2] == "签发人：张三"][0]
    assert masthead[1] > 37 + 80                         # 版头 80 mm into the 版心
    assert abs(number[0] - (28 + 156 / 28)) < 0.2        # one character in from the left
    assert abs(number[1] - signer[1]) < 0.1 and signer[0] > 105
    paragraph = [p for p in docx.Document(io.BytesIO(to_docx(letter(signer="张三")))).paragraphs
                 if p.text.startswith("示人常办")][0]
    assert paragraph.text == "示人常办〔2026〕12号\t签发人：张三"
    assert east_asia(paragraph.runs[-1]._element) == "楷体"


def test_it_numbers_pages_at_the_outside_edge_over_several_pages():
    long = letter(issuer="", sections=[Section("基本情况", [SENTENCE * 3] * 40)])
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(long)))
    assert len(reader.pages) >= 3
    for n, page in enumerate(reader.pages, 1):
        number = [p for p in placed(page) if p[2] == f"— {n} —"]
        assert number, f"page {n} has no page number"
        x, y, _ = number[0]
        assert 262 + 7 < y < 297           # 7 mm under the 版心 (which ends 262 mm down)
        assert (x > 150) if n % 2 else (x < 40)   # odd pages at the right, even pages at the left


def test_it_keeps_the_line_breaking_rules_in_the_pdf():
    # The first line holds 26 characters (28 less the two-character indent).
    pushed = "甲" * 25 + "乙，丙丁戊。"
    kept = "甲" * 24 + "乙，丙丁戊。"
    lines = lines_of(to_pdf(OfficialDocument(title="禁则", preamble=[pushed, kept])))
    assert "甲" * 25 in lines and "乙，丙丁戊。" in lines      # 乙 carried down with its comma
    assert "甲" * 24 + "乙，" in lines and "丙丁戊。" in lines  # the comma ends a full line: nothing moves
    assert not any(line.startswith(tuple("，。、；：？！）」』》”’")) for line in lines)


def test_it_prints_markup_like_text_literally():
    text = "<b>加粗</b> & <br/>&amp; 不是标记"
    data = to_pdf(OfficialDocument(title="A<B & C", preamble=[text]))
    joined = "".join(pdf_pages(data))
    assert text.replace(" ", "") in joined.replace(" ", "")
    assert "A<B & C" in joined
    paragraphs = [p.text for p in docx.Document(io.BytesIO(to_docx(OfficialDocument(title="T", preamble=[text])))).paragraphs]
    assert text in paragraphs


def test_it_repeats_a_long_tables_header_on_each_page():
    rows = [["区县", "点位数"]] + [[f"第{i}区", str(i)] for i in range(1, 80)]
    pages = pdf_pages(to_pdf(OfficialDocument(title="表", sections=[Section("点位", table=rows)])))
    assert len(pages) >= 2
    assert all("区县" in page and "点位数" in page for page in pages)
    assert "第79区" in pages[-1]


def test_a_table_cell_longer_than_a_page_continues_on_the_next_page():
    long = "".join(f"第{i:03d}句。" for i in range(400))
    data = to_pdf(OfficialDocument(title="表", sections=[Section("问题清单", table=[["问题", "说明"], ["甲", long]])]))
    pages = pdf_pages(data)
    assert len(pages) >= 3
    numbers = [int(n) for n in re.findall(r"第(\d{3})句", "".join("".join(p.split()) for p in pages))]
    assert numbers == list(range(400))   # every sentence once, in order


def test_a_zero_in_a_table_is_printed_and_a_bare_string_is_one_paragraph():
    document = OfficialDocument(title="表", preamble="只有一段。",   # type: ignore[arg-type]  # a caller's slip
                                sections=[Section("数据", table=[["项目", "数量"], ["未整改", 0], ["备注", None]])])
    text = "".join(pdf_pages(to_pdf(document)))
    assert "未整改 0" in text and "只有一段。" in text
    table = docx.Document(io.BytesIO(to_docx(document))).tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["项目", "数量"], ["未整改", "0"], ["备注", ""]]


def test_it_survives_control_characters_and_characters_beyond_the_font():
    document = OfficialDocument(title="测试\x00标题", preamble=["测试😀文本\x07，其后正常。"])
    assert "测试□文本，其后正常。" in "".join(pdf_pages(to_pdf(document)))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(to_docx(document))).paragraphs]
    assert "测试标题" in paragraphs and "测试😀文本，其后正常。" in paragraphs


# ---------------------------------------------------------------- .docx


def test_it_renders_the_same_letter_as_docx():
    document = docx.Document(io.BytesIO(to_docx(letter())))
    texts = [p.text for p in document.paragraphs]
    for expected in ("示例市人大常委会办公室", "示人常办〔2026〕12号", "中共示例市委、市人民政府：", "一、基本情况", SENTENCE,
                     "（一）加强组织领导。各级政府高度重视。", "二、存在的问题", "（一）监管不到位。", "附件：1.执法检查报告",
                     "2.问题清单", "2026年12月2日", "（此件公开发布）", "抄送：市人大各专门委员会。"):
        assert expected in texts
    assert "关于《中华人民共和国水污染防治法》\n实施情况的检查报告" in texts   # broken as in the PDF
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["项目", "数量", "单位"], ["污水处理厂", "12", "座"], ["排污口", "", ""]]


def test_it_names_the_east_asian_faces_and_the_page_in_the_docx():
    document = docx.Document(io.BytesIO(to_docx(letter())))
    by_text = {p.text: p for p in document.paragraphs}
    body = by_text[SENTENCE]
    assert east_asia(body.runs[0]._element) == "仿宋_GB2312"
    assert east_asia(document.styles["Normal"].element) == "仿宋_GB2312"
    assert east_asia(by_text["一、基本情况"].runs[0]._element) == "黑体"
    item = by_text["（一）加强组织领导。各级政府高度重视。"]
    assert [(r.text, east_asia(r._element)) for r in item.runs] == [
        ("（一）加强组织领导。", "楷体"), ("各级政府高度重视。", "仿宋_GB2312")]
    assert east_asia(by_text["关于《中华人民共和国水污染防治法》\n实施情况的检查报告"].runs[0]._element) == "方正小标宋简体"
    assert str(document.paragraphs[0].runs[0].font.color.rgb) == "E60000"   # the 版头 in red
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert normal.paragraph_format.first_line_indent == Pt(32)
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1) and abs(section.left_margin - Mm(28)) < Mm(0.1)
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(text_width - Mm(156)) < Mm(0.1) and abs(text_height - Mm(225)) < Mm(0.1)
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and "— " in footer.paragraphs[0].text and " —" in footer.paragraphs[0].text


# ---------------------------------------------------------------- line breaking, numbering, names


def chars(text: str) -> float:
    return len(text)


def test_a_closing_punctuation_mark_at_a_line_start_pulls_the_character_before_down():
    assert break_lines("甲" * 27 + "乙，丙", 28, chars) == ["甲" * 27, "乙，丙"]


def test_a_closing_punctuation_mark_that_ends_a_full_line_stays():
    assert break_lines("甲" * 26 + "乙，丙", 28, chars) == ["甲" * 26 + "乙，", "丙"]


def test_a_run_of_closing_marks_and_an_opening_mark_are_kept_in_place():
    assert break_lines("甲" * 27 + "乙”。丙", 28, chars) == ["甲" * 27, "乙”。丙"]
    assert break_lines("甲" * 27 + "《乙》", 28, chars) == ["甲" * 27, "《乙》"]
    assert break_lines("甲" * 26 + "《乙》", 28, chars) == ["甲" * 26, "《乙》"]


def test_numbers_and_dashes_are_not_split():
    assert break_lines("甲" * 26 + "2026年", 28, chars) == ["甲" * 26, "2026年"]
    assert break_lines("甲" * 27 + "——乙", 28, chars) == ["甲" * 27, "——乙"]
    assert break_lines("1" * 40, 28, chars) == ["1" * 28, "1" * 12]   # wider than a line: split as it must


def test_the_first_line_can_be_shorter():
    assert break_lines("甲" * 30, 28, chars, first_width=26) == ["甲" * 26, "甲" * 4]


def test_a_two_line_title_breaks_after_the_book_title_marks():
    assert title_lines(TITLE_TEXT, TEXT_WIDTH, TITLE.measure) == ["关于《中华人民共和国水污染防治法》", "实施情况的检查报告"]
    assert title_lines("关于2026年预算执行情况的报告", TEXT_WIDTH, TITLE.measure) == ["关于2026年预算执行情况的报告"]
    assert all(BODY.measure(line) <= TEXT_WIDTH for line in break_lines("字" * 60, TEXT_WIDTH, BODY.measure))


def test_the_signature_and_date_follow_the_no_seal_rule():
    # 署名 longer than the date: 署名 two characters in, date two characters right of its start.
    sig_right, date_right = signature_indents("甲" * 11, "乙" * 6, chars, 1)
    assert (sig_right, date_right) == (2, 5)
    assert 28 - sig_right - 11 + 2 == 28 - date_right - 6
    # A short 署名: the date stands two characters in, the 署名 moves left so the date still starts 2 further.
    sig_right, date_right = signature_indents("甲" * 3, "乙" * 6, chars, 1)
    assert (sig_right, date_right) == (7, 2)
    assert signature_indents("", "乙" * 6, chars, 1) == (0, 2)


def test_dates_are_written_in_full_without_leading_zeros():
    assert chinese_date(datetime.date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(datetime.date(2026, 12, 2)) == "2026年12月2日"


def test_file_names_keep_the_chinese_title_and_the_date():
    # core.downloads.dated: the 成文日期 in Chinese, or today's date when the document has none.
    assert filename(letter(), "pdf") == f"{TITLE_TEXT}（2026年12月2日）.pdf"
    odd = OfficialDocument(title="关于 A/B 测试\\的报告: 草稿?", date=datetime.date(2026, 12, 2))
    assert filename(odd, ".DOCX") == "关于_A_B_测试_的报告_草稿（2026年12月2日）.docx"
    today = f"（{chinese_date(timezone.localdate())}）"
    assert filename(OfficialDocument(title="../../etc/passwd"), "pdf") == f"etc_passwd{today}.pdf"
    assert filename(OfficialDocument(title="  "), "pdf") == f"文件{today}.pdf"
    assert len(filename(OfficialDocument(title="字" * 200), "pdf")) == 60 + len(today) + len(".pdf")
