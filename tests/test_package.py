"""The submission package (`binder package`): every name follows seed 000's rules or is listed
with its reason, the manifest's hashes are the originals', refused files are listed and left
out, names survive Windows and GBK zip readers, the archive is untouched."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook

from generator import cli, naming
from generator.binder import assemble
from generator.outputs import package
from generator.outputs.package import names
from generator.view import build_view

from .conftest import REPO, one_requirement_criteria

EXAMPLE = REPO / "archive"
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def windows_problem(component: str) -> str | None:
    """What Windows (or a GBK zip reader) would make of one name; None when it is fine.
    Written apart from names.py, so that the test does not check the code with itself."""
    if not component or WINDOWS_FORBIDDEN.search(component):
        return "forbidden character or empty"
    if component[-1] in ". ":
        return "ends in a dot or a space"
    if component.split(".")[0].strip().upper() in RESERVED:
        return "reserved name"
    if len(component) > 100:
        return "too long"
    try:
        component.encode("gbk")
    except UnicodeEncodeError:
        return "not GBK"
    return None


def blank_pdf() -> bytes:
    document = pikepdf.new()
    document.add_blank_page()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a BOM for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def plan_files(root: Path) -> list[str]:
    return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()
            and p.name not in ("criteria.yml", "README.md")]


def archive_state(root: Path) -> dict[str, tuple]:
    """Every file and folder under root: its bytes' hash (files), size and mtime."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            state[str(path.relative_to(root))] = (digest, info.st_size if path.is_file() else 0, info.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def example_view(tmp_path_factory):
    return build_view(assemble(EXAMPLE, tmp_path_factory.mktemp("cache"), jobs=1))


@pytest.fixture(scope="module")
def example_zip(example_view, tmp_path_factory):
    plan = package.plan_package(example_view)
    out = tmp_path_factory.mktemp("package") / "网申资料包.zip"
    written = package.write_package(plan, out)
    return plan, written, out


# --- the example archive -------------------------------------------------------------------


def test_every_name_follows_the_rules_or_is_listed_with_its_reason(example_zip):
    plan, written, out = example_zip
    with zipfile.ZipFile(out) as package_zip:
        manifest = read_csv(package_zip.read(f"{package.MANIFEST}.csv"))
        unnamed = {row["原文件路径"]: row for row in read_csv(package_zip.read(f"{package.UNNAMED}.csv"))}
    assert len(manifest) == len(written.rows) == 36  # the example's files of the five types, refused ones left out
    accounted = [e.view.file.rel_path for e in plan.entries] + [i.view.file.rel_path for i in plan.left_out]
    assert sorted(accounted) == sorted(plan_files(EXAMPLE)), "every file is packed or listed, once"
    for row in manifest:
        name = row["新文件名"].rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        if row["原文件路径"] in unnamed:
            assert unnamed[row["原文件路径"]]["原因"], row
            continue
        if row["材料类型"] == "说明报告":
            assert re.fullmatch(r"Ⅲ-\d+(-\d)?(-[①-⑩])?\+[^+]{2,}\+说明报告\.(?:docx|doc|wps)", name), name
        elif row["材料类型"] == "图片资料":
            assert naming.scene_photo_missing(stem) == [], name
        else:
            assert re.fullmatch(r"Ⅲ-\d+(-\d)?(-[①-⑩])?\+[^+]{2,}\.(pdf|jpg)", name), name
    assert list(unnamed) == ["Ⅲ-2 健全完善学习制度/1 中心组学习示范带动/④ 学习会议材料/第2次 2017年3月15日/IMG_2034.JPG"]
    assert "时间" in next(iter(unnamed.values()))["原因"]


def test_names_carry_the_material_number_and_the_content(example_zip):
    plan, _, _ = example_zip
    paths = {e.view.file.rel_path: e.path for e in plan.entries}
    assert paths["Ⅲ-2 健全完善学习制度/1 中心组学习示范带动/③ 中心组学习情况说明报告/01-Ⅲ-2中心组学习情况说明报告.docx"] \
        == "4-说明报告/Ⅲ-2-1-③+中心组学习情况+说明报告.docx"
    assert paths["Ⅲ-26：落实从严治党要求/01-汕尾市经济和信息化局党风廉政建设和反腐败教育工作制度.pdf"] \
        == "2-正式发文/Ⅲ-26+关于印发党风廉政建设和反腐败教育工作制度的通知.pdf"
    assert paths["III-10_发挥榜样作用/1)好人线索推荐/01-2017年“好人线索”推荐情况统计表.jpg"] \
        == "5-数据表格/Ⅲ-10-1+2017年“好人线索”推荐情况统计表.jpg"
    photo = "III-10_发挥榜样作用/2）最美人物学习宣传/2017年5月18日+局三楼会议室+最美人物学习会+市经信局+南粤楷模先进事迹.jpg"
    assert paths[photo] == "1-图片资料/Ⅲ-10-2/" + photo.rsplit("/", 1)[1]
    # the two meetings' notices keep apart by their meeting
    assert {p for p in paths.values() if "会议通知" in p} == {
        "2-正式发文/Ⅲ-2-1-④+第1次 2016年10月12日 会议通知.pdf", "2-正式发文/Ⅲ-2-1-④+第2次 2017年3月15日 会议通知.pdf"}
    folders = {p.split("/")[0] for p in paths.values()}
    assert folders == {"1-图片资料", "2-正式发文", "4-说明报告", "5-数据表格"}


def test_the_manifest_hashes_are_the_originals(example_zip):
    _, _, out = example_zip
    with zipfile.ZipFile(out) as package_zip:
        rows = read_csv(package_zip.read(f"{package.MANIFEST}.csv"))
        for row in rows:
            original = (EXAMPLE / row["原文件路径"]).read_bytes()
            packed = package_zip.read(row["新文件名"])
            assert hashlib.sha256(original).hexdigest() == row["SHA-256"] == hashlib.sha256(packed).hexdigest()
            assert int(row["大小（字节）"]) == len(original)
        workbook = load_workbook(io.BytesIO(package_zip.read(f"{package.MANIFEST}.xlsx")), read_only=True)
    assert workbook.sheetnames == ["资料清单", "未能按规则命名的文件", "未打包的文件"]
    sheet_rows = list(workbook["资料清单"].values)
    assert [list(r) for r in sheet_rows[1:]] == [
        [r["新文件名"], r["原文件路径"], r["材料类型"], int(r["大小（字节）"]), r["SHA-256"], r["说明"] or None]
        for r in rows]


def test_refused_files_are_listed_and_left_out(example_zip, example_view, tmp_path):
    plan, _, out = example_zip
    refused = {item.view.file.name: item.reason for item in plan.refused}
    assert refused == {
        "2017年3月15日+局三楼会议室+中心组学习+市经信局+全国两会精神（交流发言）.png": "照片格式为 PNG，要求 JPG/JPEG",
        **{f"2017年6月10日+局三楼会议室+志愿者培训+市经信局+志愿服务技能培训{part}.jpg": "照片 0.18 MB，要求 1.5–2 MB"
           for part in ("", "（应急救护）", "（文明劝导）")},
        # the example's one video: the upload platform takes none (archive/README.md)
        "2017年5月18日+局三楼会议室+最美人物学习会+市经信局+南粤楷模先进事迹（现场视频）.mp4":
            "不属于网申资料的五种类型（图片资料、正式发文、部门评价、说明报告、数据表格），网申平台不收",
        # a 正式发文 scanned to JPEG (read as the document it is): the platform wants a PDF
        "03-2017年诚信汕尾信用信息归集工作安排.jpg": "正式发文为 JPG 格式，要求 PDF 扫描件（涉密文件可为 Word）",
    }
    with zipfile.ZipFile(out) as package_zip:
        packed = set(package_zip.namelist())
        left_out = read_csv(package_zip.read(f"{package.LEFT_OUT}.csv"))
    assert not {n for n in packed if n.endswith(".png") or "志愿服务技能培训" in n or "信用信息归集" in n}
    assert {r["原文件路径"].rsplit("/", 1)[-1]: r["原因"] for r in left_out} == {
        **refused, "新建文本文档.txt": "未归入任何测评内容，没有材料编号"}
    # asked for, they are packed and the manifest says the platform may refuse them
    included = package.plan_package(example_view, include_refused=True)
    flagged = {e.view.file.name: e.refused for e in included.entries if e.refused}
    assert flagged == refused
    written = package.write_package(included, tmp_path / "all")
    remarks = {r.original.rsplit("/", 1)[-1]: r.remark for r in written.rows}
    assert all("网申平台可能拒收" in remarks[name] for name in refused)


def test_grouped_by_indicator(example_view):
    plan = package.plan_package(example_view, group="indicator")
    folders = {e.path.split("/")[0] for e in plan.entries}
    assert folders == {"Ⅲ-2 健全完善学习制度", "Ⅲ-10 发挥榜样作用", "Ⅲ-16 制度化建设", "Ⅲ-26 落实从严治党要求",
                       "Ⅲ-34 社会信用体系建设", "Ⅲ-35 诚信奖罚制度", "Ⅲ-89 群众评价"}


def test_the_archive_is_byte_identical_after_packaging(tmp_path, capsys):
    before = archive_state(EXAMPLE)
    for out in ("包.zip", "包"):
        code = cli.main(["package", "--archive", str(EXAMPLE), "--cache-dir", str(tmp_path / "cache"),
                         "--out", str(tmp_path / out), "--include-refused"])
        assert code == 0
    assert archive_state(EXAMPLE) == before


# --- Windows and GBK ------------------------------------------------------------------------


def test_zip_names_carry_the_utf8_flag_and_encode_in_gbk(example_zip):
    _, _, out = example_zip
    with zipfile.ZipFile(out) as package_zip:
        infos = package_zip.infolist()
    assert infos
    for info in infos:
        assert info.flag_bits & 0x800, info.filename
        for component in info.filename.split("/"):
            assert windows_problem(component) is None, (component, windows_problem(component))


def test_a_gbk_zip_reads_right_in_a_tool_without_utf8(example_view, tmp_path):
    """Such a tool takes the name's bytes in the system code page (GBK): Python's zipfile reads a
    name without the flag as cp437, so cp437 back to bytes and those as GBK is what it shows."""
    plan = package.plan_package(example_view)
    out = tmp_path / "gbk.zip"
    written = package.write_package(plan, out, zip_names="gbk")
    expected = [r.path for r in written.rows]
    with zipfile.ZipFile(out) as package_zip:
        infos = package_zip.infolist()
    shown = [info.filename.encode("cp437").decode("gbk") for info in infos]
    assert shown[: len(expected)] == expected
    assert f"{package.MANIFEST}.xlsx" in shown
    for info, name in zip(infos, shown):
        assert not info.flag_bits & 0x800
        if not name.isascii():  # the Info-ZIP Unicode Path field, for tools that read it
            header, size, version, crc = struct.unpack("<HHBI", info.extra[:9])
            assert (header, version) == (0x7075, 1)
            assert info.extra[9:4 + size].decode("utf-8") == name
            assert crc == __import__("zlib").crc32(name.encode("gbk"))


@pytest.mark.parametrize("name", [
    "CON.pdf", "con", "Lpt1.jpg", "a<b>c:d\"e|f?g*h.pdf", "报告. . .", "报告  ", "a\x01b.docx",
    "照片😀䶮.jpg", "ⅰ志愿.pdf", "长" * 300 + ".docx", ".pdf", "", "….", "㊿⑪表.pdf",
])
def test_a_name_is_made_safe(name):
    safe = names.safe_name(name)
    assert windows_problem(safe) is None, (safe, windows_problem(safe))
    if name.endswith(".docx"):
        assert safe.endswith(".docx")


def test_names_in_one_folder_are_numbered_as_windows_compares_them():
    folder = names.Folder()
    assert [folder.claim(n) for n in ("会议通知.pdf", "会议通知.PDF", "会议通知.pdf", "X.jpg", "x.jpg")] == [
        "会议通知.pdf", "会议通知（2）.PDF", "会议通知（3）.pdf", "X.jpg", "x（2）.jpg"]
    report = "Ⅲ-2-1-③+学习情况+说明报告.docx"
    assert [folder.claim(report, keep_end="+说明报告") for _ in range(2)] == [
        report, "Ⅲ-2-1-③+学习情况（2）+说明报告.docx"]
    long = "长" * 120 + ".pdf"
    first, second = folder.claim(long), folder.claim(long)
    assert first != second and len(first) <= 100 and len(second) <= 100


def test_hostile_names_come_out_safe(make_archive, tmp_path):
    criteria = one_requirement_criteria("提供学习制度的规范文件和说明报告", asks="[{kind: document}, {kind: report}]")
    pdf = blank_pdf()
    folder = "Ⅲ-2 学习制度/1 中心组学习/① 制度"
    archive = make_archive({
        "criteria.yml": criteria,
        f"{folder}/CON.pdf": pdf,
        f"{folder}/01-学习制度：总则？.pdf": pdf,
        f"{folder}/02-学习制度😀.pdf": pdf,
        f"{folder}/03-{'很长的名字' * 10}{'a' * 90}.pdf": pdf,
        f"{folder}/第1次/01-会议通知.pdf": pdf,
        f"{folder}/第2次/01-会议通知.pdf": pdf,
        f"{folder}/AUX.": pdf,
    })
    view = build_view(assemble(archive, tmp_path / "cache", jobs=1))
    plan = package.plan_package(view)
    assert len(plan.entries) == 7 and not plan.left_out
    for entry in plan.entries:
        assert len(entry.path) <= names.MAX_PATH
        for component in entry.path.split("/"):
            assert windows_problem(component) is None, (entry.path, windows_problem(component))
    assert len({e.path.casefold() for e in plan.entries}) == 7
    written = package.write_package(plan, tmp_path / "hostile.zip", zip_names="gbk")
    with zipfile.ZipFile(tmp_path / "hostile.zip") as package_zip:
        shown = [i.filename.encode("cp437").decode("gbk") for i in package_zip.infolist()]
    assert shown[:7] == [r.path for r in written.rows]


# --- streaming, refusals of the command ------------------------------------------------------


def test_files_stream_into_the_zip(make_archive, tmp_path):
    big = 48 * 1024 * 1024
    archive = make_archive({"criteria.yml": one_requirement_criteria(asks="[{kind: media}]")})
    target = archive / "Ⅲ-2 学习制度/1 中心组学习/① 录像/01-学习录像.mp4"
    target.parent.mkdir(parents=True)
    with open(target, "wb") as handle:
        handle.write(b"\x00\x00\x00\x18ftypmp42" + os.urandom(1024) + bytes(big))
    view = build_view(assemble(archive, tmp_path / "cache", jobs=1))
    plan = package.plan_package(view, include_refused=True)
    assert [e.material for e in plan.entries] == ["其他材料"]
    tracemalloc.start()
    written = package.write_package(plan, tmp_path / "big.zip")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert written.rows[0].size > big
    assert peak < 8 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB held while packing a {big // 1024 // 1024} MB file"


def test_the_command_reports_refusals_before_packing_and_guards_its_output(tmp_path, capsys):
    base = ["package", "--archive", str(EXAMPLE), "--cache-dir", str(tmp_path / "cache")]
    code = cli.main(base + ["--out", str(tmp_path / "p.zip")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.index("网申平台会拒收的文件 6 个，未打包") < out.index("已生成网申资料包")
    assert "未能按规则命名、保留原名的文件 1 个" in out
    code = cli.main(base + ["--out", str(EXAMPLE / "包.zip")])
    assert code == 2 and "不能写进档案文件夹" in capsys.readouterr().err
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    code = cli.main(base + ["--out", str(tmp_path / "full")])
    assert code == 1 and "不是空文件夹" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "p.zip").stat().st_mode & 0o777 == 0o666 & ~mask


def test_links_are_never_read_and_a_vanished_file_is_listed(make_archive, tmp_path):
    folder = "Ⅲ-2 学习制度/1 中心组学习/① 制度"
    archive = make_archive({"criteria.yml": one_requirement_criteria(asks="[{kind: document}]"),
                            f"{folder}/01-学习制度.pdf": blank_pdf(), f"{folder}/02-学习计划.pdf": blank_pdf()})
    (archive / folder / "03-口令.pdf").symlink_to("/etc/passwd")
    view = build_view(assemble(archive, tmp_path / "cache", jobs=1))
    plan = package.plan_package(view, include_refused=True)
    assert [(i.view.file.name, i.reason) for i in plan.left_out] == [("03-口令.pdf", "是链接或特殊文件，从不读取")]
    (archive / folder / "02-学习计划.pdf").unlink()
    written = package.write_package(plan, tmp_path / "p.zip")
    assert [r.original.rsplit("/", 1)[-1] for r in written.rows] == ["01-学习制度.pdf"]
    assert [(i.view.file.name, i.reason[:7]) for i in written.failed] == [("02-学习计划.pdf", "打包时无法打开")]
    with zipfile.ZipFile(tmp_path / "p.zip") as package_zip:
        left_out = read_csv(package_zip.read(f"{package.LEFT_OUT}.csv"))
    assert {r["原文件路径"].rsplit("/", 1)[-1] for r in left_out} == {"03-口令.pdf", "02-学习计划.pdf"}


@pytest.mark.parametrize("stem, subject", [
    ("01-Ⅲ-2中心组学习情况说明报告", "中心组学习情况说明报告"),
    ("02 学习计划", "学习计划"),
    ("03会议通知", "会议通知"),
    ("12月工作总结", "12月工作总结"),  # a quantity, not a sequence number
    ("01-2016-2017年党组中心组学习计划", "2016-2017年党组中心组学习计划"),
    ("01-Ⅲ-10最美人物学习情况", "Ⅲ-10最美人物学习情况"),  # another indicator's code stays
])
def test_the_subject_of_a_file_name(stem, subject):
    from generator.outputs.package.plan import _subject

    assert _subject(stem, "Ⅲ-2") == subject


def test_a_photo_lacking_only_the_time_gets_the_camera_date(make_archive, tmp_path):
    from PIL import Image

    def jpeg(exif_date: str | None) -> bytes:
        exif = Image.Exif()
        if exif_date:
            exif.get_ifd(0x8769)[0x9003] = exif_date
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
        return buffer.getvalue()

    folder = "Ⅲ-2 学习制度/1 中心组学习/① 照片"
    archive = make_archive({
        "criteria.yml": one_requirement_criteria(asks="[{kind: photo}]"),
        f"{folder}/局三楼会议室+中心组学习+市经信局+两学一做专题.jpg": jpeg("2016:10:12 09:30:00"),
        f"{folder}/局三楼会议室+中心组学习+市经信局+全国两会精神.jpg": jpeg(None),
        f"{folder}/DSC_0001.jpg": jpeg("2016:10:12 09:31:00"),
    })
    plan = package.plan_package(build_view(assemble(archive, tmp_path / "cache", jobs=1)), include_refused=True)
    named = {e.view.file.name: (e.path.rsplit("/", 1)[-1] if e.named else e.reason) for e in plan.entries}
    assert named["局三楼会议室+中心组学习+市经信局+两学一做专题.jpg"] \
        == "2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题.jpg"
    assert "时间" in named["局三楼会议室+中心组学习+市经信局+全国两会精神.jpg"]  # no date anywhere: listed
    assert "地点" in named["DSC_0001.jpg"]  # a date alone does not make the name


def test_a_name_that_looks_like_a_formula_stays_text(make_archive, tmp_path):
    archive = make_archive({"criteria.yml": one_requirement_criteria(), "=1+2.txt": "x"})
    plan = package.plan_package(build_view(assemble(archive, tmp_path / "cache", jobs=1)))
    package.write_package(plan, tmp_path / "p")
    rows = read_csv((tmp_path / "p" / f"{package.LEFT_OUT}.csv").read_bytes())
    assert [r["原文件路径"] for r in rows] == ["'=1+2.txt"]
    sheet = load_workbook(tmp_path / "p" / f"{package.MANIFEST}.xlsx")["未打包的文件"]
    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == ("=1+2.txt", "s")


def test_the_remediation_list_puts_who_has_most_to_fix_first(example_view):
    from generator.rules import Severity
    from generator.view import UNPLACED_OWNER

    owners = list(example_view.by_owner().items())
    errors = [sum(f.severity is Severity.ERROR for f in findings) for key, findings in owners if key != UNPLACED_OWNER]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
    assert owners[-1][0] == UNPLACED_OWNER  # the files nobody owns: the archive officer's, last
