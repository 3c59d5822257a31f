"""Every sentence a finding shows the user, in one place (Chinese): what is wrong with the
measured value against the required one, and how to fix it."""

from __future__ import annotations

# --- requirement level ---------------------------------------------------------

MISSING_MATERIAL = "未提供材料：要求提供{asked}，档案中没有找到对应文件"
EXPLAINED_MATERIAL = "未提供材料：要求提供{asked}，单位在“{note}”中说明了原因，请核对说明是否成立"
MISSING_MATERIAL_FIX = "请将{asked}放入“{place}”文件夹"

NO_LISTED_MATERIAL = "测评体系没有列出这条测评标准需要的材料，档案中也没有对应的材料"
NO_LISTED_MATERIAL_FIX = "请按测评标准准备佐证材料，放入“{place}”文件夹；也可以在 criteria.yml 中为这条标准写明材料要求（requirements）"

MISSING_KIND = "缺少{kind}：要求提供{asked}，已有材料中没有{kind}"
MISSING_KIND_FIX = "请补充{kind}"

TOO_FEW_PHOTOS = "{what} {found} 张，要求至少 {count} 张"
TOO_FEW_PHOTOS_FIX = "请补充实景照片，至少 {count} 张"

TOO_FEW_GROUP_PHOTOS = "“{group}”的照片 {found} 张，要求每{unit}至少 {count} 张"
TOO_FEW_GROUP_PHOTOS_FIX = "请为“{group}”补充实景照片"

TOO_FEW_MEETINGS = "会议材料 {found} 次，要求 {count} 次"
TOO_FEW_MEETINGS_FIX = "请补充会议材料，每次会议一个文件夹（会议通知、学习内容、实景照片）"

MEETING_WITHOUT_PAPERS = "“{group}”没有会议通知或学习内容等文字材料"
MEETING_WITHOUT_PAPERS_FIX = "请补充该次会议的会议通知和学习内容（PDF 扫描件）"

TOO_FEW_ACTIVITIES = "主题活动 {found} 项，要求至少 {count} 项（每项至少 {photos} 张照片）"
TOO_FEW_ACTIVITIES_FIX = "请补充主题活动材料：每项活动一个文件夹，或照片名称写明活动名称"

TOO_FEW_OCCASIONS = "有至少 {photos} 张照片的活动 {found} 项，要求至少 {count} 项"
TOO_FEW_OCCASIONS_FIX = "请补充活动材料：每项活动一个文件夹（或照片名称写明活动名称），每项至少 {photos} 张照片"

COUNT_PER_SPAN_TO_VERIFY = "要求{what}{span}{least}{count} {unit}，需按时间逐期清点，无法自动核对"
COUNT_PER_SPAN_TO_VERIFY_FIX = "请人工核对每个时段是否都达到要求的数量"

SEAL_MISSING = "要求加盖公章，未在“{name}”中检测到红色公章"
SEAL_MISSING_FIX = "请提供加盖单位公章后的扫描件（此项为自动识别，可能有误）"
SEAL_TO_VERIFY = "要求{what}加盖公章，{count} 个文件无法自动识别公章（Word 等格式）"
SEAL_TO_VERIFY_FIX = "请人工核对是否已加盖公章；建议提供盖章后的 PDF 扫描件"

DEADLINE_LATE = "要求{deadline}，“{name}”的日期为 {date}（{source}）"
DEADLINE_LATE_FIX = "请核对报送时间；超过时限的材料可能不被认可"
DEADLINE_TO_VERIFY = "要求{what}{deadline}，{why}，无法自动核对时限"
DEADLINE_TO_VERIFY_FIX = "请人工核对材料是否按时报送"

COUNT_TO_VERIFY = "要求{what}至少 {count} {unit}，无法自动清点"
COUNT_TO_VERIFY_FIX = "请人工核对材料中是否达到要求的数量"

# --- every file ----------------------------------------------------------------

UNREADABLE = "{label}：{reason}"
UNREADABLE_FIX = "请重新扫描或导出该文件，确认能正常打开后替换"
UNKNOWN_TYPE_FIX = "这类文件不是测评材料：请转为 PDF、Word、Excel 或图片后替换，或移出档案"

STRAY_FILE = "文件未能对应到任何测评内容：“{path}”"
STRAY_FILE_FIX = "请按“测评内容编号+名称”的文件夹放置，或移出档案"

UNPLACED_FILE = "文件未能对应到具体的材料报送要求：“{path}”"
UNPLACED_FILE_FIX = "请放入以要求编号（如 ①、②）开头的文件夹"

STRAY_FOLDER = "文件夹名称无法对应测评体系：“{path}”"
STRAY_FOLDER_FIX = "请以编号开头命名文件夹（如“Ⅲ-2 健全完善学习制度”“1 …”“① …”）"

UNREADABLE_FOLDER = "文件夹无法打开（没有读取权限或已被移走），其中的材料无法检查：“{path}”"
UNREADABLE_FOLDER_FIX = "请检查该文件夹的权限（应允许读取），或把其中的材料移到可以打开的文件夹"

LINK_OUTSIDE = "“{name}”是指向档案以外的链接（快捷方式），为安全起见不读取、不收入电子档案和存档"
LINK_INSIDE = "“{name}”是指向档案中另一处的链接（快捷方式），为安全起见不读取、不收入电子档案和存档"
LINK_BROKEN = "“{name}”是一个失效的链接（快捷方式），指向的文件不存在"
LINK_FIX = "请删除该链接，把文件本身（不是快捷方式）放入档案"
SPECIAL_FILE = "“{name}”不是普通文件（管道、设备等特殊文件），无法作为材料读取"
SPECIAL_FILE_FIX = "请删除该项，把材料文件本身放入档案"

ACTIVE_FILE = "“{name}”是{what}，打开时会运行其中的脚本：电子档案中只提供下载，不在浏览器中打开"
ACTIVE_FILE_FIX = "请改为 PDF（打印为 PDF）或图片提交；确需保留原文件的，请另行说明"
EXECUTABLE_FILE = "“{name}”是可执行的程序或脚本，不能作为测评材料"
EXECUTABLE_FILE_FIX = "请从档案中移除该文件，材料请以 PDF、Word、图片等格式提供"
ACTIVE_KINDS = {".svg": "矢量图（SVG）", ".svgz": "矢量图（SVG）", ".xml": "XML 文档", ".xsl": "XML 样式表",
                ".xslt": "XML 样式表"}
ACTIVE_KIND_DEFAULT = "网页文件"

MISNAMED = "名称不是 UTF-8 编码（多见于在 Linux、macOS 上解压的 Windows 压缩包），这里{how}为“{parts}”"
MISNAMED_DECODED = "按 GBK 编码显示"
MISNAMED_ESCAPED = "无法识别编码，以转义形式显示"
MISNAMED_FIX = "请在 Windows 上重新解压，或把文件（文件夹）重命名为正确的中文名称"

FILE_NAMING = "文件名“{name}”不是“两位序号+主题”的形式"
FILE_NAMING_FIX = "请改名为如“01-创建领导小组文件”的形式"

# --- photos --------------------------------------------------------------------

PHOTO_FORMAT = "照片格式为 {found}，要求 {expected}"
PHOTO_FORMAT_FIX = "请用相机原图另存为 JPG 格式"

PHOTO_SIZE = "照片 {found:.2f} MB，要求 {low:g}–{high:g} MB"
PHOTO_SIZE_FIX_SMALL = "请换用相机原图，或以更高质量导出（不要用聊天软件压缩过的图片）"
PHOTO_SIZE_FIX_LARGE = "请适当压缩到 {high:g} MB 以内（保持清晰）"

PHOTO_CLARITY = "照片 {width}×{height} 像素，长边要求至少 {required} 像素"
PHOTO_CLARITY_FIX = "请换用清晰的原图"

PHOTO_NAMING = "照片名称可能缺少{missing}；要求为“时间+地点+活动名称+主办单位+活动主题”"
PHOTO_NAMING_FIX = "请按这张照片自己的拍摄时间、地点和活动改名，格式如“2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题.jpg”"

PHOTO_CAPTION = "{what}名称未注明{missing}；测评体系要求注明{demanded}"
PHOTO_CAPTION_FIX = "请在名称中写明{demanded}，如“2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题.jpg”"

SCREENSHOT_NAMING = "截图名称可能缺少{missing}；要求为“媒体名称+日期+主题”"
SCREENSHOT_NAMING_FIX = "请改名为如“汕尾日报+2017年3月15日+创文专题报道.jpg”"

PHOTO_DUPLICATE = "与“{other}”是同一张照片"
PHOTO_DUPLICATE_FIX = "同一张照片不要重复使用，请换用其他实景照片"

PHOTO_DATE = "照片{source}日期 {date} 不在创建周期（{start} 至 {end}）内"
PHOTO_DATE_FIX = "请核对拍摄时间，使用创建周期内的照片"
PHOTO_EXIF_DATE = "照片名称中的日期 {named} 与相机记录的拍摄日期 {taken} 相差 {days} 天"
PHOTO_EXIF_DATE_FIX = "请核对照片是否属于这次活动：名称中的日期应为拍摄当天；如相机时间设置有误，请在说明报告中注明"

# --- documents -----------------------------------------------------------------

DOCUMENT_FORMAT = "正式发文为 {found} 格式，要求 PDF 扫描件{secret}"
DOCUMENT_FORMAT_FIX = "请将盖章后的正式文件扫描为 PDF"

DOCUMENT_SIZE = "文件 {found:.2f} MB，要求小于 {high:g} MB"
DOCUMENT_SIZE_FIX = "请降低扫描分辨率（如 150–200 dpi）或压缩后重新生成 PDF"

DOCUMENT_KEYWORDS = "文件标题“{title}”未体现测评要求的关键词（{keywords}）"
DOCUMENT_KEYWORDS_FIX = "请核对是否为对应的文件；文件标题应包含测评体系中的关键词"

DOCUMENT_DATE = "发文日期 {date} 不在创建周期（{start} 至 {end}）内"
DOCUMENT_DATE_FIX = "请核对是否为本创建周期内的文件"

DOCUMENT_LATE = "年度例行文件应在 {month} 月底前印发，此文件日期为 {date}"
DOCUMENT_LATE_FIX = "请核对发文时间；例行文件应及时印发"

DOCUMENT_DAMAGED = "PDF 结构损坏，部分阅读器可能无法打开，建议重新扫描或另存：{damage}"
DOCUMENT_DAMAGED_FIX = "请重新扫描，或用 PDF 阅读器“另存为”（打印为 PDF）生成结构完好的文件后替换"

# --- reports -------------------------------------------------------------------

REPORT_FORMAT = "说明报告为 {found} 格式，要求 Word（.docx）"
REPORT_FORMAT_FIX = "请提交 .docx 格式的说明报告"

REPORT_LEGACY = "说明报告为 {found} 格式，无法自动核对字数和内容"
REPORT_LEGACY_FIX = "建议另存为 .docx 格式；或人工核对字数和结构"

REPORT_LENGTH = "说明报告正文 {found} 字，要求约 {asked} 字（{low}–{high} 字）"
REPORT_LENGTH_BOUNDS = "说明报告正文 {found} 字，要求{asked}"
REPORT_LENGTH_BOUNDS_FIX_SHORT = "请补充内容，要求{asked}"
REPORT_LENGTH_BOUNDS_FIX_LONG = "请精简内容，要求{asked}"
REPORT_LENGTH_FIX_SHORT = "请补充内容至约 {asked} 字"
REPORT_LENGTH_FIX_LONG = "请精简至约 {asked} 字"

REPORT_NAME = "文件名“{name}”不是“材料编号+内容+说明报告”的形式"
REPORT_NAME_FIX = "请改名为如“01-Ⅲ-2中心组学习情况说明报告.docx”"

REPORT_TITLE = "报告标题“{title}”不是“事项+说明报告”的形式"
REPORT_TITLE_FIX = "请将标题改为如“关于中心组学习情况的说明报告”"

REPORT_PARTS = "报告缺少{missing}部分；要求包括基本情况、主要措施、取得成效三部分"
REPORT_PARTS_FIX = "请按“一、基本情况 二、主要措施 三、取得成效”组织报告"

REPORT_NUMBERS = "报告中的数据只有 {found} 处，要求用数据说话（至少 {required} 处）"
REPORT_NUMBERS_FIX = "请补充具体数字（次数、人数、比例、金额等）作为佐证"

# --- tables --------------------------------------------------------------------

TABLE_FORMAT = "统计表格为 {found} 格式，要求加盖公章的扫描件（PDF 或图片）"
TABLE_FORMAT_FIX = "请打印表格、加盖单位公章后扫描为 PDF 或拍照"

TABLE_SEAL = "未检测到红色单位公章"
TABLE_SEAL_FIX = "请确认表格已加盖单位公章（此项为自动识别，可能有误）"

# --- files that changed during the build -------------------------------------------

CHANGED_DURING_BUILD = "生成期间文件{how}，网页中的说明按生成开始时的文件，原件未放入站点"
CHANGED_DURING_BUILD_HOW = {True: "已被删除", False: "被修改"}
CHANGED_DURING_BUILD_FIX = "等文件整理完毕、不再变动后重新生成"

# --- facts read by OCR from scanned documents (hints: the reader says so) ----------------

OCR_HINT = "（扫描件识别结果，请核实）"
"""Appended to a finding whose evidence was read by OCR."""
DOCUMENT_NUMBER_MISSING = "扫描件识别到发文机关“{issuer}”，但未识别到文号（如“汕经信〔2016〕12号”）" + OCR_HINT
DOCUMENT_NUMBER_MISSING_TEXT = "文件首页有发文机关“{issuer}”的版头，但没有文号（如“汕经信〔2016〕12号”）"
DOCUMENT_NUMBER_MISSING_FIX = "正式发文应有文号；请核对文件是否完整、文号是否清晰"
DEADLINE_NO_SUPERIOR = "时限从其他事件起算（“{after}”），测评体系未给出其日期（可在 criteria.yml 的 params 中设 superior_date）"
OCR_DATE_SOURCE = "扫描件识别的成文日期，识别结果请核实"
# --- rule names: the tracker's 问题 column, the site and the office view name findings so --

RULE_NAMES = {
    "requirement.missing": "未提供材料", "requirement.explained": "未提供材料（有说明）",
    "requirement.kind": "缺少某类材料", "requirement.count": "材料数量不足",
    "requirement.count-to-verify": "数量需人工清点", "requirement.activities": "主题活动不足",
    "requirement.meeting-papers": "会议缺少文字材料", "requirement.seal": "未检测到公章",
    "requirement.seal-to-verify": "公章需人工核对", "requirement.deadline": "超过报送时限",
    "requirement.deadline-to-verify": "时限需人工核对", "standard.unlisted": "测评标准未列材料",
    "photo.format": "照片格式不符", "photo.size": "照片大小不符", "photo.naming": "照片命名不规范",
    "photo.caption": "照片未注明要素", "photo.clarity": "照片不够清晰", "photo.date": "照片日期不一致",
    "photo.duplicate": "同一照片重复使用", "photo.exif_date": "拍摄日期与命名不一致",
    "document.format": "文件格式不符", "document.size": "文件过大", "document.keywords": "标题缺少关键词",
    "document.date": "文件日期不符", "document.late": "文件印发过晚", "document.damaged": "文件损坏",
    "document.number": "正式发文缺少文号",
    "report.format": "说明报告格式不符", "report.legacy": "说明报告为旧格式", "report.length": "说明报告字数不符",
    "report.name": "说明报告命名不规范", "report.title": "说明报告标题不规范", "report.parts": "说明报告缺少部分",
    "report.numbers": "说明报告缺少数据",
    "table.format": "统计表格格式不符", "table.seal": "统计表格未盖章",
    "file.naming": "文件命名不规范", "file.stray": "文件未归类", "file.encoding": "文件名编码有误",
    "file.executable": "可执行文件", "file.link": "链接文件", "file.special": "特殊文件",
    "file.active": "含活动内容的文件", "file.changed": "文件在检查中被改动",
    "folder.stray": "文件夹未归类", "folder.unreadable": "文件夹无法读取",
}
"""A short Chinese name per rule code; a code not listed is named by its family (`rule_name`)."""

_RULE_FAMILIES = {"document": "规范文件问题", "file": "文件问题", "folder": "文件夹问题", "photo": "照片问题",
                  "report": "说明报告问题", "requirement": "材料问题", "standard": "测评标准问题", "table": "统计表问题"}


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule) or _RULE_FAMILIES.get(rule.split(".", 1)[0], "其他问题")


# --- the office view: reading a unit's check results --------------------------

OFFICE_UNKNOWN_VERSION = ("无法读取 {source}：检查结果的格式版本为 {version}，本工具只能读取第 {known} 版。"
                          "请该单位用与创建办相同版本的 binder 重新运行 binder check --format json")
OFFICE_NO_VERSION = "无法读取 {source}：不是 binder check --format json 的检查结果（没有格式版本 version）"
OFFICE_NOT_JSON = "无法读取 {source}：{reason}"
OFFICE_BAD_SHAPE = "无法读取 {source}：检查结果格式不对（{what}）"
