"""The `binder` command: build or serve the binder of an archive, check it, snapshot it.

Everything it prints for the user is Chinese; exit codes: 0 done, 1 the build
failed (another build using the same folders, a full disk), 2 bad arguments, a broken
framework file or a folder that can't be written to (a file where it should be). `verify`: 0 intact, 1 changed,
2 not a snapshot; `snapshots`: 1 when one of them is not intact; `office`: 1 when the site
was built without some of the units (each named), 2 when none could be read.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import __version__
from .cli_text import ChineseArgumentParser, set_up_logging, speak_chinese_while_serving

PACKAGED_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
NO_OCR_HELP = "不识别扫描件的文字（更快；扫描件的文号、标题、日期等不再核对）"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    set_up_logging(args.verbose)
    if args.command == "init":
        return _init(args)
    if args.command in ("verify", "snapshots", "office"):
        return args.run(args)
    config_file = _config_file(args.config)
    if config_file is None:
        print(f"找不到站点配置文件：{args.config}", file=sys.stderr)
        return 2
    if config_file == PACKAGED_CONFIG and Path.cwd().resolve() != PACKAGED_CONFIG.parent:
        _use_working_folder(args)
    archive = Path(args.archive) if args.archive else None
    if archive is not None and not archive.is_dir():
        print(f"档案文件夹不存在：{archive}", file=sys.stderr)
        return 2
    return args.run(args, config_file, archive)


def _parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="binder", description="把创建档案生成可浏览、可检查的电子档案站点。")
    parser.add_argument("--version", action="version", version=f"binder {__version__}", help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="命令", title="命令",
                                     description="binder 命令 -h 显示该命令的说明")

    build = commands.add_parser("build", help="生成站点（与 mkdocs build 相同）")
    build.add_argument("-d", "--site-dir", help="站点输出文件夹（默认：配置文件中的 site_dir，即 site/）")
    build.add_argument("-j", "--jobs", type=int, help="检查文件所用的进程数（默认：全部 CPU 核心）")
    build.add_argument("--cache-dir", help="检查结果与缩略图的缓存文件夹（默认：配置文件旁的 .binder-cache/）")
    build.add_argument("--strict", action="store_true", help="MkDocs 的任何警告都视为失败")
    build.add_argument("--snapshots-dir", help="存档文件夹，精心改进页与其中最新的存档比较（默认：配置文件旁的 snapshots/）")
    build.add_argument("--no-ocr", action="store_true", help=NO_OCR_HELP)
    build.add_argument("--wait", action="store_true", help="另一个生成正在使用同一缓存或站点文件夹时，排队等它结束（默认：提示后退出）")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="在本机预览站点，档案变化时自动刷新（与 mkdocs serve 相同）")
    serve.add_argument("-a", "--dev-addr", help="监听地址，如 127.0.0.1:8000")
    serve.set_defaults(run=_serve)

    check = commands.add_parser("check", help="检查档案，列出缺少和不合规范的材料")
    check.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table",
                       help="输出格式（默认：终端表格）")
    check.add_argument("-o", "--output", help="写入文件（xlsx 必须指定）")
    check.add_argument("--strict", action="store_true", help="发现“未达标”问题时以退出码 1 结束")
    check.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/）")
    check.add_argument("--cache-dir", default=".binder-cache", help="缓存文件夹（默认：.binder-cache/）")
    check.add_argument("-j", "--jobs", type=int, help="检查文件所用的进程数（默认：全部 CPU 核心）")
    check.add_argument("--since", metavar="存档",
                       help="与一份存档比较，列出已整改、新发现和仍未整改的问题：存档文件夹，或 latest（最新的一份）")
    check.add_argument("--snapshots-dir", default="snapshots", help="--since latest 所找的存档文件夹（默认：snapshots/）")
    check.add_argument("--no-ocr", action="store_true", help=NO_OCR_HELP)
    check.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    check.set_defaults(run=_check, config="mkdocs.yml")

    pdf = commands.add_parser("pdf", help="生成可打印的装订本 PDF：封面、目录、卷内目录、材料，带书签和页码")
    pdf.add_argument("-o", "--output", help="PDF 文件（默认：测评体系名称.pdf）；用 --split 时为文件夹（默认：装订本/）")
    pdf.add_argument("--edition", choices=("inspector", "internal"), default="inspector",
                     help="inspector 迎检版，只有材料（默认）；internal 内部自查版，另有达标情况和问题")
    pdf.add_argument("--split", choices=("category", "indicator"),
                     help="每个测评项目（category）或每项测评内容（indicator）一个 PDF")
    pdf.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/）")
    pdf.add_argument("--cache-dir", default=".binder-cache", help="缓存文件夹（默认：.binder-cache/）")
    pdf.add_argument("-j", "--jobs", type=int, help="检查文件所用的进程数（默认：全部 CPU 核心）")
    pdf.add_argument("--no-ocr", action="store_true", help=NO_OCR_HELP)
    pdf.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    pdf.set_defaults(run=_pdf, config="mkdocs.yml")

    package = commands.add_parser("package", help="生成网申资料包：文件按网申要求改名、分类，附清单和校验值，档案本身不动")
    package.add_argument("--out", default="网申资料包.zip", metavar="文件夹或.zip",
                         help="资料包：以 .zip 结尾写成 zip 文件，否则写成文件夹（新的或空的）（默认：网申资料包.zip）")
    package.add_argument("--group", choices=("type", "indicator"), default="type",
                         help="type 按五种材料类型分文件夹（默认）；indicator 按测评内容分文件夹")
    package.add_argument("--include-refused", action="store_true",
                         help="网申平台会拒收的文件（格式或大小不符、无法读取）也打包，并在清单中注明（默认：不打包，只列出）")
    package.add_argument("--zip-names", choices=("utf8", "gbk"), default="utf8",
                         help="zip 中文件名的编码：utf8 带 UTF-8 标记（默认，新版解压软件）；gbk 供只认 GBK 的旧解压软件")
    package.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/）")
    package.add_argument("--cache-dir", default=".binder-cache", help="缓存文件夹（默认：.binder-cache/）")
    package.add_argument("-j", "--jobs", type=int, help="检查文件所用的进程数（默认：全部 CPU 核心）")
    package.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    package.set_defaults(run=_package, config="mkdocs.yml")

    snapshot = commands.add_parser("snapshot", help="年末或迎检前存档：档案、测评体系、检查结果和站点一起封存，可校验")
    snapshot.add_argument("--year", type=int, help="存档年份（默认：今年）")
    snapshot.add_argument("--out", default="snapshots", help="存档文件夹（默认：snapshots/）；存档放在其中以年份命名的文件夹，如 snapshots/2026/")
    snapshot.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/）")
    snapshot.add_argument("--unit", help="单位名称（默认：测评体系文件中的 unit）")
    snapshot.add_argument("--cache-dir", default=".binder-cache", help="缓存文件夹（默认：.binder-cache/）")
    snapshot.add_argument("-j", "--jobs", type=int, help="检查文件、计算校验值所用的进程数（默认：全部 CPU 核心）")
    snapshot.add_argument("-f", "--config", default="mkdocs.yml", help="站点配置文件（默认：当前文件夹的 mkdocs.yml，没有则用本工具自带的）")
    snapshot.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    snapshot.set_defaults(run=_snapshot)

    verify = commands.add_parser("verify", help="校验一份存档是否完好：逐一核对每个文件的校验值")
    verify.add_argument("path", metavar="存档", help="存档文件夹，如 snapshots/2026")
    verify.add_argument("--fast", action="store_true", help="快速核验：只核对文件名、文件数和总大小，不计算校验值")
    verify.add_argument("--report", action="store_true",
                        help="同时做四性检测（真实性、完整性、可用性、安全性，DA/T 70-2018），写出报告网页和表格")
    verify.add_argument("-o", "--output", help="四性检测报告写到的文件夹（默认：当前文件夹下的 四性检测-存档名/）")
    verify.add_argument("-j", "--jobs", type=int, help="同时校验的文件数（默认：CPU 核心数，最多 8）")
    verify.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    verify.set_defaults(run=_verify)

    snapshots = commands.add_parser("snapshots", help="列出已有的存档及其是否完好（快速核验）")
    snapshots.add_argument("--out", default="snapshots", help="存档文件夹（默认：snapshots/）")
    snapshots.add_argument("--full", action="store_true", help="完整核验：逐一核对每个文件的校验值（较慢）")
    snapshots.add_argument("-j", "--jobs", type=int, help="完整核验时同时校验的文件数（默认：CPU 核心数，最多 8）")
    snapshots.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    snapshots.set_defaults(run=_snapshots)

    office = commands.add_parser("office", help="创建办汇总：多个单位的检查结果合成一个离线站点（单位矩阵、排名、年度变化、通报）")
    office.add_argument("units", nargs="+", metavar="单位",
                        help="每个单位的检查结果：binder check --format json 的文件、存档文件夹（或存档所在的 snapshots/），或档案文件夹（先检查）")
    office.add_argument("-d", "--site-dir", default="创建办汇总", help="站点输出文件夹（默认：创建办汇总/）")
    office.add_argument("--month", type=_month, metavar="年-月", help="通报的月份，如 2026-12（默认：本月）")
    office.add_argument("--cache-dir", default=".binder-cache", help="检查档案文件夹时的缓存文件夹（默认：.binder-cache/）")
    office.add_argument("-j", "--jobs", type=int, help="检查档案文件夹时所用的进程数（默认：全部 CPU 核心）")
    office.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    office.set_defaults(run=_office)

    _review_parser(commands)

    init = commands.add_parser("init", help="新建档案：从任务责任清单（Word/Excel）导入测评体系，建好文件夹")
    init.add_argument("--from", dest="source", help="任务责任清单、测评细则（.docx 或 .xlsx）；不给则写一份示例 criteria.yml")
    init.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/，没有则新建）")
    init.add_argument("--dry-run", action="store_true", help="只显示从清单读出的测评体系（层级、标准、材料要求）和未能读出的内容，不写任何文件")
    init.add_argument("--force", action="store_true", help="已有 criteria.yml 时仍重新导入（原文件先备份为 criteria.yml.bak-日期-时间）")
    init.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")

    for sub in (build, serve):
        sub.add_argument("--edition", type=_edition, metavar="{internal,inspector}",
                         help="站点版本：internal 内部版（含检查结果和整改清单），inspector 迎检版（只含材料，交检查组）；"
                              "默认：配置文件中的 edition，即 internal")
        sub.add_argument("-f", "--config", default="mkdocs.yml", help="站点配置文件（默认：当前文件夹的 mkdocs.yml，没有则用本工具自带的）")
        sub.add_argument("--archive", help="档案文件夹（默认：配置文件中的 archive，即 archive/）")
        sub.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    return parser


def _edition(value: str) -> str:
    """--edition's value, refused in Chinese (argparse's own refusal of a choice is English)."""
    if value not in ("internal", "inspector"):
        raise argparse.ArgumentTypeError(f"应为 internal 或 inspector（内部版或迎检版），而不是“{value[:40]}”")
    return value


def _month(value: str):
    """--month's value: 'YYYY-MM' as the month's first day, refused in Chinese otherwise."""
    from datetime import date
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为年-月，如 2026-12，而不是“{value[:40]}”") from None


def _use_working_folder(args) -> None:
    """No mkdocs.yml here: the tool's own configuration is used, but the folders are this
    folder's (archive/, site/, .binder-cache/, snapshots/), as `check` and `snapshot` take them."""
    defaults = {"archive": "archive", "site_dir": "site", "cache_dir": ".binder-cache",
                "snapshots_dir": "snapshots"}
    for name, folder in defaults.items():
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, folder)


def _config_file(name: str) -> Path | None:
    path = Path(name)
    if path.is_file():
        return path
    if name == "mkdocs.yml" and PACKAGED_CONFIG.is_file():
        return PACKAGED_CONFIG
    return None


def _site_built(build, failure: str):
    """Run `build` (a build_site call): (its plugin, 0), or (None, the exit code) once one line
    on stderr has said why it stopped. `failure` names the step in that line."""
    from .framework import FrameworkError
    from .plugin.commands import MkDocsException, SiteConfigError
    from .plugin.workspace import WorkspaceError

    try:
        return build(), 0
    except FrameworkError as error:
        print(f"测评体系文件有误：{error}", file=sys.stderr)
        return None, 2
    except SiteConfigError as error:
        print(error, file=sys.stderr)
        return None, 2
    except WorkspaceError as error:
        print(error.message, file=sys.stderr)
        return None, error.code
    except MkDocsException as error:
        print(f"{failure}：{error}", file=sys.stderr)
        return None, 1


def _build(args, config_file: Path, archive: Path | None) -> int:
    from .plugin.commands import build_site

    plugin, code = _site_built(lambda: build_site(
        config_file, archive=archive, jobs=args.jobs, strict=args.strict, wait=args.wait, ocr=not args.no_ocr,
        cache_dir=Path(args.cache_dir) if args.cache_dir else None,
        site_dir=Path(args.site_dir) if args.site_dir else None,
        snapshots_dir=Path(args.snapshots_dir) if args.snapshots_dir else None, edition=args.edition,
    ), "生成失败")
    if plugin is None:
        return code
    binder = plugin.binder
    counted = [f for f in binder.findings if not plugin.view.waived(f)]
    errors = sum(f.severity.value == "error" for f in counted)
    warnings = len(counted) - errors
    index = plugin.site_dir / "index.html"
    if plugin.config.edition == "inspector":
        print(f"已生成电子档案（迎检版，只含材料）：{len(binder.framework.indicators)} 项测评内容，{len(binder.scan.files)} 个文件。")
        print(f"用浏览器打开：{index}")
        return 0
    print(f"已生成电子档案：{len(binder.framework.indicators)} 项测评内容，{len(binder.scan.files)} 个文件，"
          f"未达标问题 {errors} 条，待核实问题 {warnings} 条"
          + (f"，已豁免 {len(binder.findings) - len(counted)} 条" if len(counted) < len(binder.findings) else "") + "。")
    print(f"本次新检查 {sum(binder.inspection.decoded.values())} 个文件，{binder.inspection.from_cache} 个取自缓存。")
    print(f"用浏览器打开：{index}")
    return 0


def _check(args, config_file: Path, archive: Path | None) -> int:
    from .outputs import export

    if args.format == "xlsx" and not args.output:
        print("xlsx 格式需要用 -o 指定输出文件，如：binder check --format xlsx -o 检查结果.xlsx", file=sys.stderr)
        return 2
    previous = None
    if args.since:
        if args.format != "table":
            print("--since 只输出比较结果（表格），不能与 --format 同用", file=sys.stderr)
            return 2
        from .snapshots.snapshot import Baseline, SnapshotError, snapshot_review
        try:
            previous = _since(args.since, Path(args.snapshots_dir))
        except SnapshotError as error:
            print(error, file=sys.stderr)
            return 2
    binder, code = _assembled(args, archive)
    if binder is None:
        return code
    from .view import build_view

    review = _review_of(binder.archive_dir)
    if previous is not None:
        snapshot, findings = previous
        archive_view = build_view(binder, baseline=Baseline(snapshot, findings, review=snapshot_review(snapshot)),
                                  review=review)
        output = export.to_comparison_text(archive_view, str(snapshot.path), snapshot.label)
    else:
        archive_view = build_view(binder, review=review)
        output = {
            "table": export.to_text, "json": export.to_json, "csv": export.to_csv, "xlsx": export.to_xlsx,
        }[args.format](archive_view)
    _write(output, args.output)
    for note in archive_view.review_notes:
        print(f"审核记录：{note}", file=sys.stderr)
    errors = any(f.severity.value == "error" and not archive_view.waived(f) for f in binder.findings)
    return 1 if errors and args.strict else 0


def _review_of(archive_dir: Path):
    """The archive's review file; a broken one is said in one line and read as empty (a
    check or a build goes on; `binder review import` refuses to write over it)."""
    from .review import Review, ReviewError, load_review

    try:
        return load_review(archive_dir)
    except ReviewError as error:
        print(f"{error}（本次不显示审核结论）", file=sys.stderr)
        return Review()


def _review_parser(commands) -> None:
    review = commands.add_parser("review", help="审核与整改：把填好的整改清单（xlsx）并入审核记录 review.yml，导出进度通报")
    actions = review.add_subparsers(dest="action", metavar="操作", title="操作")
    merge = actions.add_parser("import", help="把填好的整改清单（binder check --format xlsx 导出的表格）并入 review.yml")
    merge.add_argument("file", metavar="表格", help="填好的整改清单 .xlsx（Excel 或 WPS 保存的均可）")
    merge.add_argument("--reviewer", default="", help="审核人姓名（记在新填的审核结论、豁免上）")
    merge.add_argument("--dry-run", action="store_true", help="只显示将要改动的内容，不写入 review.yml")
    progress = actions.add_parser("progress", help="导出各科室、责任人的整改进度（月度通报），xlsx")
    progress.add_argument("-o", "--output", required=True, help="写入的 xlsx 文件，如 进度通报.xlsx")
    for sub in (merge, progress):
        sub.add_argument("--archive", default="archive", help="档案文件夹（默认：archive/）")
        sub.add_argument("--cache-dir", default=".binder-cache", help="缓存文件夹（默认：.binder-cache/）")
        sub.add_argument("-j", "--jobs", type=int, help="检查文件所用的进程数（默认：全部 CPU 核心）")
        sub.add_argument("-v", "--verbose", action="store_true", help="显示详细过程")
    review.set_defaults(run=_review, config="mkdocs.yml")


def _review(args, config_file: Path, archive: Path | None) -> int:
    from .outputs import tracker
    from .review import ReviewError, load_review, save_review
    from .view import build_view

    if not args.action:
        print("请指定操作：binder review import 表格.xlsx，或 binder review progress -o 进度通报.xlsx", file=sys.stderr)
        return 2
    source = Path(args.file) if args.action == "import" else None
    if source is not None and not source.is_file():
        print(f"找不到表格：{source}", file=sys.stderr)
        return 2
    binder, code = _assembled(args, archive)
    if binder is None:
        return code
    try:
        review = load_review(binder.archive_dir)
    except ReviewError as error:
        print(f"{error}。请先修正 review.yml，再导入。", file=sys.stderr)
        return 2
    view = build_view(binder, review=review)
    if args.action == "progress":
        from .outputs import export
        _write(export.progress_xlsx(view), args.output)
        print(f"已导出进度通报：{args.output}（{len(view.progress())} 个责任人）")
        return 0
    try:
        merged = tracker.merge_tracker(view, source.read_bytes(), reviewer=args.reviewer)
    except tracker.TrackerError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"无法读取表格 {source}：{error.strerror or error}", file=sys.stderr)
        return 2
    for change in merged.changes:
        print(f"改动：{change}")
    for problem in merged.problems:
        print(f"未导入：{problem}")
    for note in view.review_notes:
        print(f"审核记录：{note}")
    if not merged.changes:
        print("没有需要并入的改动，review.yml 未改变。")
        return 1 if merged.problems else 0
    if args.dry_run:
        print(f"共 {len(merged.changes)} 处改动（--dry-run：未写入）。")
        return 0
    try:
        path = save_review(binder.archive_dir, merged.review)
    except ReviewError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已写入 {path}：{len(merged.changes)} 处改动" + (f"，{len(merged.problems)} 处未导入，请核对" if merged.problems else "") + "。")
    return 1 if merged.problems else 0


def _assembled(args, archive: Path | None):
    """The archive read, scanned, inspected and checked for `check` and `pdf`: (binder, 0), or
    (None, 2) once one line on stderr has said what is wrong with the folders or criteria.yml."""
    from .binder import assemble
    from .framework import FrameworkError
    from .plugin.workspace import folder_problem
    from .progress import ProgressLine

    cache_dir = Path(args.cache_dir).resolve()
    archive = (archive or Path("archive")).resolve()
    if cache_dir == archive or archive in cache_dir.parents:
        print(f"缓存文件夹不能放在档案里：{cache_dir}", file=sys.stderr)
        return None, 2
    if (problem := folder_problem(cache_dir, "缓存文件夹")) is not None:
        print(problem, file=sys.stderr)
        return None, 2
    try:
        return assemble(archive, cache_dir, jobs=args.jobs, progress=ProgressLine.on_terminal(),
                        ocr=not getattr(args, "no_ocr", False)), 0
    except FrameworkError as error:
        print(f"测评体系文件有误：{error}", file=sys.stderr)
        return None, 2


def _pdf(args, config_file: Path, archive: Path | None) -> int:
    binder, code = _assembled(args, archive)
    if binder is None:
        return code
    from .outputs import pdf
    from .view import build_view

    archive, cache_dir = binder.archive_dir.resolve(), Path(args.cache_dir).resolve()
    view = build_view(binder, review=_review_of(binder.archive_dir))
    output = Path(args.output) if args.output else Path("装订本" if args.split else pdf.default_name(view))
    if output.resolve() == archive or archive in output.resolve().parents:
        print(f"装订本不能写进档案文件夹：{output}", file=sys.stderr)
        return 2
    try:
        written = pdf.write_pdfs(view, output, cache_dir / "pdf", edition=args.edition, split=args.split,
                                 jobs=args.jobs)
    except OSError as error:
        print(f"装订本未能写出：{output}（{error.strerror or error}）", file=sys.stderr)
        return 1
    for one in written:
        print(f"已生成装订本：{one.path}（{one.indicators} 项测评内容，共 {one.pages} 页）")
    placeholders = [p for one in written for p in one.placeholders]
    for name, why in placeholders:
        print(f"未能并入、以占位页代替：{name}（{why}）")
    reused = sum(one.reused for one in written)
    if reused:
        print(f"{reused} 项测评内容的材料未变，沿用上次的排版。")
    return 0


def _package(args, config_file: Path, archive: Path | None) -> int:
    """The files the platform would refuse are named before anything is written."""
    binder, code = _assembled(args, archive)
    if binder is None:
        return code
    from .outputs import package
    from .view import build_view

    archive = binder.archive_dir.resolve()
    output = Path(args.out)
    if output.resolve() == archive or archive in output.resolve().parents:
        print(f"资料包不能写进档案文件夹：{output}", file=sys.stderr)
        return 2
    plan = package.plan_package(build_view(binder), group=args.group, include_refused=args.include_refused)
    refused = [(item.view.file.rel_path, item.reason) for item in plan.refused]
    refused += [(entry.view.file.rel_path, entry.refused) for entry in plan.entries if entry.refused]
    if refused:
        print(f"网申平台会拒收的文件 {len(refused)} 个，" + ("仍打包，清单中注明：" if args.include_refused else "未打包："))
    for path, reason in refused:
        print(f"  {path}（{reason}）")
    try:
        written = package.write_package(plan, output, zip_names=args.zip_names,
                                        progress=_counter("正在打包"))
    except package.PackageError as error:
        print(error, file=sys.stderr)
        return 1
    others = [item for item in plan.left_out if not item.material] + written.failed
    print(f"已生成网申资料包：{written.path}（{len(written.rows)} 个文件，{written.bytes / 1024 / 1024:.1f} MB）")
    print(f"  清单（新文件名、原路径、类型、大小、SHA-256）：{package.MANIFEST}.xlsx、{package.MANIFEST}.csv")
    if plan.unnamed:
        print(f"  未能按规则命名、保留原名的文件 {len(plan.unnamed)} 个，原因见 {package.UNNAMED}.csv")
    if others:
        print(f"  另有 {len(others)} 个文件未打包（不属于任何测评内容、链接或无法打开），见 {package.LEFT_OUT}.csv")
    return 0


def _since(name: str, snapshots_dir: Path):
    """The snapshot `--since` names (a folder, or 'latest') and its findings."""
    from .snapshots.snapshot import SnapshotError, latest_snapshot, open_snapshot

    if name == "latest":
        snapshot = latest_snapshot(snapshots_dir)
        if snapshot is None:
            raise SnapshotError(f"还没有存档：{snapshots_dir} 中没有存档。先运行 binder snapshot --year 年份 存档，"
                                f"或用 --snapshots-dir 指定存档文件夹")
    else:
        snapshot = open_snapshot(Path(name))
    return snapshot, snapshot.load_findings()


def _snapshot(args, config_file: Path, archive: Path | None) -> int:
    import os
    import tempfile
    from datetime import date

    from .snapshots import bag, four_properties
    from .outputs import export
    from .snapshots import snapshot as snapshots
    from .plugin.commands import build_site

    year = args.year or date.today().year
    if not 1900 <= year <= 9999:
        print(f"年份不对：{year}（应为四位数字，如 2026）", file=sys.stderr)
        return 2
    out, archive = Path(args.out), (archive or Path("archive"))
    try:
        final = snapshots.destination(archive, out, year)
    except snapshots.SnapshotError as error:
        print(f"{error}。", file=sys.stderr)
        if isinstance(error, snapshots.SnapshotExists):
            print(f"核对它是否完好：binder verify {error.path}", file=sys.stderr)
        return 2
    jobs = args.jobs or os.cpu_count() or 1
    out.mkdir(parents=True, exist_ok=True)
    # The site is built next to the snapshot (the same disk, so originals are linked, not
    # copied, into it) and then copied into the bag.
    with tempfile.TemporaryDirectory(prefix=f".{final.name}{snapshots.STAGING_MARK}site-", dir=out) as building:
        site_dir = Path(building) / "site"
        # The snapshot's site is copied into the bag and made read-only there at once:
        # its originals may link to the archive (the bag then stores each file once).
        plugin, code = _site_built(lambda: build_site(
            config_file, archive=archive, site_dir=site_dir, jobs=args.jobs, cache_dir=Path(args.cache_dir),
            snapshots_dir=out, link_to_archive=True, edition="internal",  # the unit's own record
        ), "生成站点失败")
        if plugin is None:
            return code
        try:
            made = snapshots.make_snapshot(plugin.binder, site_dir, out, year, findings=export.to_json(plugin.view),
                                           unit=args.unit, processes=jobs,
                                           progress=_counter("正在复制档案和站点", "，正在计算校验值、做四性检测…"),
                                           warn=lambda message: print(message, file=sys.stderr))
        except snapshots.SnapshotExists as error:
            print(f"{error}。", file=sys.stderr)
            return 2
        except (snapshots.SnapshotError, OSError) as error:
            print(f"存档失败，未留下任何存档：{error}", file=sys.stderr)
            return 1
    binder = plugin.binder
    errors = sum(f.severity.value == "error" for f in binder.findings)
    size = f"{(made.payload_bytes or 0) / 1024 / 1024:.1f} MB"
    stored = made.stored_bytes()
    if stored < (made.payload_bytes or 0) * 0.95:
        size += f"（网页中的原件与档案副本是同一个文件，实际占用 {stored / 1024 / 1024:.1f} MB）"
    print(f"已存档：{final}（{made.label}）")
    print(f"  {made.unit or '（未填写单位）'}，{len(binder.framework.indicators)} 项测评内容，档案文件 {len(binder.scan.files)} 个，"
          f"问题 {len(binder.findings)} 条（未达标 {errors}，待核实 {len(binder.findings) - errors}）。")
    manifests = "、".join(str(final / bag.manifest_name(alg)) for alg in bag.ALGORITHMS)
    print(f"  存档包共 {made.payload_files} 个文件，{size}；每个文件的校验值记在 {manifests}。")
    report = four_properties.read_summary(final / snapshots.REPORT_DIR)
    if report:
        print(f"  {report}")
    print(f"  四性检测报告：{final / snapshots.REPORT_DIR / (four_properties.REPORT_NAME + '.html')}")
    print(f"用浏览器打开：{made.site_index}")
    print(f"校验是否完好：binder verify {final}")
    return 0


def _verify(args) -> int:
    """Exit 0 when the snapshot is intact (the 四性检测 report, when asked for, is written
    either way and does not change the exit code), 1 when changed, 2 when no snapshot."""
    from .snapshots.snapshot import NotASnapshot, fixity_text, open_snapshot, verify

    if args.report and args.fast:
        print("--report 需要完整核验，不能与 --fast 同用", file=sys.stderr)
        return 2
    try:
        snapshot = open_snapshot(Path(args.path))
        if args.report:
            return _verify_with_report(snapshot, args)
        fixity = verify(Path(args.path), fast=args.fast, workers=args.jobs,
                        progress=None if args.fast else _counter("正在核对校验值"))
    except NotASnapshot as error:
        print(f"{error}。", file=sys.stderr)
        return 2
    sys.stdout.write(fixity_text(fixity))
    return 0 if fixity.intact else 1


def _verify_with_report(snapshot, args) -> int:
    from .snapshots import four_properties
    from .snapshots.snapshot import Fixity, fixity_text

    facts = four_properties.gather(snapshot.path, workers=args.jobs, progress=_counter("正在核对校验值"))
    fixity = Fixity(snapshot, facts.check)
    sys.stdout.write(fixity_text(fixity))
    report = four_properties.check(facts)
    folder = Path(args.output) if args.output else Path(f"四性检测-{snapshot.path.resolve().name}")
    try:
        written = four_properties.write_report(report, folder)
    except OSError as error:
        print(f"四性检测报告无法写出：{error}", file=sys.stderr)
        return 2
    print(four_properties.summary_text(report))
    print(f"四性检测报告：{written[0]}（表格：{written[1]}）")
    return 0 if fixity.intact else 1


def _snapshots(args) -> int:
    from .snapshots.snapshot import SnapshotError, list_snapshots, listing_text, unfinished, verify

    out = Path(args.out)
    rows = []
    for snapshot in reversed(list_snapshots(out)):
        try:
            rows.append((snapshot, verify(snapshot.path, fast=not args.full, workers=args.jobs), None))
        except SnapshotError as error:
            rows.append((snapshot, None, str(error)))
    sys.stdout.write(listing_text(out.resolve(), rows, full=args.full))
    for leftover in unfinished(out):
        print(f"未完成的存档（存档中断时留下的，可以删除）：{leftover}")
    return 0 if all(f is not None and f.intact for _, f, _ in rows) else 1


def _office(args) -> int:
    """Exit 0 when every unit was read, 1 when the site was built without some of them
    (each named on stderr and on the site), 2 when no unit could be read or bad arguments."""
    from .outputs import office

    site_dir = Path(args.site_dir)
    target = site_dir.resolve()
    for name in args.units:
        unit = Path(name).resolve()
        if unit.is_dir() and (target == unit or unit in target.parents):
            print(f"汇总站点不能写进单位的档案或存档文件夹：{site_dir}", file=sys.stderr)
            return 2
    sources, problems = [], []
    for name in args.units:
        found, problem = _office_sources(Path(name), args)
        sources += found
        if problem:
            problems.append(problem)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not sources:
        print("没有可以汇总的检查结果。", file=sys.stderr)
        return 2
    view = office.gather(sources, site_dir)
    for refused in view.refused:
        print(refused, file=sys.stderr)
    if not view.units:
        print("没有可以汇总的检查结果。", file=sys.stderr)
        return 2
    try:
        written = office.write_site(view, site_dir, month=args.month)
    except OSError as error:
        print(f"汇总站点未能写出：{error.filename or site_dir}（{error.strerror or error}）", file=sys.stderr)
        return 1
    linked = sum(1 for row in view.units if row.binder)
    print(f"已汇总 {len(view.units)} 个单位（{len(view.categories)} 个测评项目、{len(view.indicators)} 项测评内容），"
          f"测评体系差异 {len(view.mismatches)} 处，{linked} 个单位的电子档案在旁边可直接点开。")
    print(f"通报表格：{written.workbook}")
    print(f"用浏览器打开：{written.index}")
    return 1 if problems or view.refused else 0


def _office_sources(path: Path, args):
    """What one UNIT argument of `binder office` names: ([UnitSource…], None), or ([], why not)."""
    from .outputs import office
    from .snapshots.snapshot import NotASnapshot, SnapshotError, list_snapshots, open_snapshot

    if path.is_file():
        return [office.UnitSource(str(path), None, lambda: office.read_json_file(path))], None
    if not path.is_dir():
        return [], f"找不到：{path}"
    try:
        snapshots = [open_snapshot(path)]
    except NotASnapshot:
        snapshots = list_snapshots(path)
    except SnapshotError as error:
        return [], f"无法读取存档 {path}：{error}"
    if snapshots:
        return [office.UnitSource(str(s.path), s.year, _snapshot_findings(s)) for s in snapshots], None
    if (path / "criteria.yml").is_file():
        return [office.UnitSource(str(path), None, _archive_findings(path, args))], None
    return [], f"不是检查结果文件、存档或档案文件夹（没有 criteria.yml）：{path}"


def _snapshot_findings(snapshot):
    from .outputs.office import ContractError
    from .snapshots.snapshot import SnapshotError

    def load():
        try:
            return snapshot.load_findings()
        except SnapshotError as error:
            raise ContractError(f"无法读取存档 {snapshot.path}：{error}") from None
    return load


def _archive_findings(archive: Path, args):
    """The check json of an archive folder, made through the normal pipeline when the office
    reads it (its cache under --cache-dir, one folder per archive)."""
    import hashlib

    from .outputs import export
    from .outputs.office import ContractError

    def load():
        from .binder import assemble
        from .framework import FrameworkError
        from .view import build_view

        key = hashlib.sha256(str(archive.resolve()).encode("utf-8")).hexdigest()[:16]
        try:
            binder = assemble(archive.resolve(), (Path(args.cache_dir) / "office" / key).resolve(), jobs=args.jobs)
        except FrameworkError as error:
            raise ContractError(f"无法检查档案 {archive}：测评体系文件有误：{error}") from None
        return export.as_data(build_view(binder))
    return load


def _counter(label: str, after: str = ""):
    """A `progress(done, total)` line on stderr when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    import time

    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.2:
            return
        last[0] = now
        end = f"{after}\n" if done >= total else ""
        print(f"\r{label}：{done}/{total}{end}", end="", file=sys.stderr, flush=True)

    return report


def _write(output: str | bytes, path: str | None) -> None:
    if path is None:
        sys.stdout.write(output)
        return
    target = Path(path)
    if isinstance(output, bytes):
        target.write_bytes(output)
    else:
        target.write_text(output, encoding="utf-8")
    print(f"已写入：{target}", file=sys.stderr)


def _init(args) -> int:
    from .framework import FrameworkError
    from .framework.writer import FileExists, lay_out_archive, write_framework_file, write_starter_file
    from .framework.importer import ImportFailed, import_framework

    archive = Path(args.archive)
    if archive.exists() and not archive.is_dir():
        print(f"{archive} 是文件，不是档案文件夹", file=sys.stderr)
        return 2
    try:
        if args.source is None:
            written = write_starter_file(archive)
            print(f"已写入示例测评体系文件：{written.path}")
            print("请按本单位的测评体系改写它（文件中有填写说明），"
                  "或用 binder init --from 任务责任清单.docx --force 从清单导入。")
            return 0
        imported = import_framework(Path(args.source))
        if args.dry_run:
            _print_tree(imported)
            return 0
        written = write_framework_file(archive, imported.framework, imported.remarks, force=args.force)
    except FileExists as error:
        print(f"{error}。", file=sys.stderr)
        if args.source:
            print("如确要按清单重新导入，请加 --force：原文件会先备份为 criteria.yml.bak-日期-时间；"
                  "档案中已有的文件夹和文件都不会改动。", file=sys.stderr)
        else:
            print("不带 --from 时只写示例文件，从不覆盖已有的 criteria.yml（--force 只用于从清单重新导入）。",
                  file=sys.stderr)
        return 2
    except ImportFailed as error:
        print(f"无法导入：{error}", file=sys.stderr)
        return 2
    except FrameworkError as error:
        # The import read a framework the file format can't hold: say what, never the loader's words.
        print(f"无法导入：{Path(args.source).name if args.source else archive} 读出的测评体系无法写成 criteria.yml"
              f"（{error}），未写入任何文件，请把这个文件发给维护人员。", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"无法写入档案文件夹：{error.filename or archive}（{error.strerror}）", file=sys.stderr)
        return 1
    framework = imported.framework
    points = f"{framework.score:.2f}".rstrip("0").removesuffix(".") if framework.score % 1 else f"{framework.score:.1f}"
    print(f"已读取 {Path(args.source).name}：" + "，".join(f"{c.name} {len(c.indicators)} 项" for c in framework.categories)
          + f"，共 {len(framework.indicators)} 项测评内容、{len(framework.standards)} 条测评标准，合计 {points} 分。")
    print(f"已写入测评体系文件：{written.path}")
    _say_unit_and_period(framework)
    if written.backup:
        print(f"原有的 criteria.yml 已备份为：{written.backup.name}（核对后可删除或移出档案文件夹）")
    hints = [n for n in imported.notes if n not in imported.to_verify]
    if hints:
        print(f"导入说明（{len(hints)} 条）：")
        for note in hints:
            print(f"  · {note}")
    if imported.to_verify:
        print(f"待核实（{len(imported.to_verify)} 条，请在 criteria.yml 中核对并改写）：")
        for note in imported.to_verify:
            print(f"  · {note}")
    else:
        print("待核实：无，每条材料报送要求都已识别出材料种类。")
    try:
        layout = lay_out_archive(archive, framework)
    except OSError as error:
        print(f"建立文件夹失败：{error.filename or archive}（{error.strerror}）", file=sys.stderr)
        return 1
    print(f"新建文件夹 {len(layout.created)} 个" + ("：" if layout.created else "。"))
    created = set(layout.created)
    for rel in layout.created:
        parent, _, name = rel.rpartition("/")
        shown = name if not parent or parent in created else rel
        print(f"  {'  ' * rel.count('/') if parent in created else ''}{shown}/")
    if layout.existing:
        print(f"已有的文件夹 {len(layout.existing)} 个，按编号对应，未作改动。")
    for reason in layout.skipped:
        print(f"  未建立：{reason}")
    print(f"下一步：核对 criteria.yml 中读出的材料种类和数量，各责任科室把材料放进对应的文件夹，"
          f"然后运行 binder build --archive {archive}")
    return 0


def _say_unit_and_period(framework) -> None:
    """What `init` read from the table's title, to be checked; what stays off while the period is unknown."""
    read = []
    if framework.unit:
        read.append(f"单位 {framework.unit}")
    if framework.period:
        start, end = framework.period
        read.append(f"创建周期 {start.isoformat()} 至 {end.isoformat()}")
    if read:
        print(f"从表格标题读出：{'，'.join(read)}，请在 criteria.yml 中核对。")
    if not framework.unit:
        print("表格标题中没有单位名称：请在 criteria.yml 的 unit 填写单位全称。")
    if not framework.period:
        print("表格标题中没有创建周期：在 criteria.yml 填写 period（起止日期）之前，不检查材料日期是否在创建周期内。")


def _print_tree(imported) -> None:
    """`init --dry-run`: the tree read (category → indicator → standards → parts with kind and
    quantity) and what could not be read, writing nothing."""
    from .codes import shown_code

    framework = imported.framework
    print(f"预览（未写入任何文件）：{imported.source.name} → {framework.title}")
    for category in framework.categories:
        print(f"{category.code} {category.name}".strip())
        for group, indicators in category.groups:
            if group:
                print(f"  {group}")
            pad = "    " if group else "  "
            for indicator in indicators:
                print(f"{pad}{shown_code(indicator.code)} {indicator.name}")
                for standard in indicator.standards:
                    score = f"（{standard.score:g} 分）" if standard.score else ""
                    print(f"{pad}  {standard.label}{standard.text[:40]}{score}")
                    for requirement in standard.requirements:
                        asks = "、".join(a.summary for a in requirement.asks) or "未识别"
                        print(f"{pad}    {requirement.label} {requirement.text[:40]} → {asks}")
    print(f"共 {len(framework.indicators)} 项测评内容、{len(framework.standards)} 条测评标准，合计 {framework.score:g} 分。")
    if imported.notes:
        print(f"未能读出或需核实（{len(imported.notes)} 条）：")
        for note in imported.notes:
            print(f"  · {note}")


def _serve(args, config_file: Path, archive: Path | None) -> int:
    from .plugin.commands import SiteConfigError, serve_site

    speak_chinese_while_serving(args.verbose)
    try:
        serve_site(config_file, archive=archive, dev_addr=args.dev_addr, edition=args.edition)
    except SiteConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
