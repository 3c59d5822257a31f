"""Rendering: the view of the checked archive (view.py) becomes pages (Markdown with HTML
blocks) from jinja2 templates.

Python builds the contexts from the view and computes no status, tally or comparison of
its own; the templates own all HTML and jinja2 escapes everything that comes from names
and documents. Nothing here knows MkDocs: the plugin turns `Site` into MkDocs files and
navigation, and hands in the downloads (the findings as xlsx and json) it links to.

Two editions, one renderer: the internal edition (the self-check: statuses, findings,
tallies, remediation) and the inspector edition (evidence only: a cover, the contents and
the indicator pages). The edition is a global of the templates, which leave out what the
inspectors must not see; the inspector edition has two pages of its own (cover, contents).
"""

from __future__ import annotations

import functools
import html
import logging
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2
import markupsafe

from .. import TEMPLATES_DIR, content_types, dates, naming
from ..text import length_text, size_text
from ..content_types import is_note
from ..comparison import other_unit_text
from ..framework import KINDS, Indicator, Requirement, Standard
from ..rules import Finding, Severity, Status
from ..archive.scan import ArchiveFile
from ..view import CheckedArchive, FileView, IndicatorView, StandardView

log = logging.getLogger(__name__)


ORIGINALS = "files"
"""Where the archive's files go in the site."""
THUMBS = "thumbs"
"""Where thumbnails and PDF previews go in the site."""
INTERNAL, INSPECTOR = "internal", "inspector"
EDITIONS = (INTERNAL, INSPECTOR)
"""The internal edition shows the self-check (statuses, findings, remediation); the
inspector edition, handed to the inspection group, shows the evidence only."""
REMEDIATION_XLSX = "downloads/整改清单.xlsx"
PROGRESS_XLSX = "downloads/整改进度通报.xlsx"
FINDINGS_JSON = "downloads/findings.json"
NAV_STATUS_CSS = "assets/binder-status.css"
"""The status colour of each indicator in the side navigation (internal edition): a style
sheet the theme links (site_overrides/main.html), since navigation titles are plain text."""

BEFORE_THE_EVENT = ("通知", "通告", "方案", "计划", "安排", "议程", "邀请")
"""Words of a file name that make it come before an activity's photos: a meeting is announced
(通知, 议程), then held (photos), then written up (内容, 纪要, 报告...: everything else)."""

LONG_LIST = 200
"""A list of more files than this shows only its first files on its page; all of them are
listed, compactly, on listing pages of their own (20,000 files in one folder made one
27 MB page and a 77 MB search index)."""
FINDINGS_PER_PLACE = 20
"""How many findings of one rule at one place (a requirement's folder) a table of findings
lists; the rest are summed up in one row (the indicator page lists every file)."""
SHOWN_IN_FULL = 50
"""How many files of a long list its page shows in full."""
LISTING_PAGE_SIZE = 500
"""Files per listing page."""
SEARCH_TEXT_CHARS = 5000
"""Characters of a PDF's or OFD's text shown on its page, where the site's search finds
them: a page of 50 documents stays under 1 MB of text."""

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@dataclass(frozen=True)
class RenderedPage:
    src_uri: str
    """'indicators/iii-2.md': the page's path as MkDocs sees it."""
    title: str
    content: str
    """Markdown, mostly raw HTML blocks."""


@dataclass(frozen=True)
class SiteAsset:
    dest_uri: str
    """Path inside the site ('thumbs/ab12.jpg', 'files/Ⅲ-2 …/01-….pdf')."""
    abs_src_path: Path


@dataclass
class Site:
    pages: list[RenderedPage] = field(default_factory=list)
    assets: list[SiteAsset] = field(default_factory=list)
    """Thumbnails and PDF previews from the cache: linked into the site after the build."""
    originals: list[SiteAsset] = field(default_factory=list)
    """The archive's files: linked into the site after the build, never copied by MkDocs."""
    nav: list = field(default_factory=list)
    """MkDocs' `nav` setting: [{title: src_uri or [...]}]."""
    downloads: list[tuple[str, str | bytes]] = field(default_factory=list)
    """Generated files offered for download: (site path, content)."""


@dataclass(frozen=True)
class PlacedFile:
    """A file of the view with where the site keeps it. The view's facts are copied in, not
    looked up through it: the templates read them thousands of times a build."""

    file: ArchiveFile
    inspected: object
    findings: list[Finding]
    kind: str
    status: Status
    original: str | None
    """Site path of the original; None for a link or special file, which never reaches the site."""
    thumb: str | None
    """Site path of the thumbnail or PDF preview."""
    as_document: bool = False
    """An image standing for a document: shown as a document, not in the photo gallery."""

    @property
    def download(self) -> str | None:
        """The name to save an active file under (its site copy has a neutral name)."""
        return self.file.name if content_types.is_runnable(self.file.name) else None


@dataclass(frozen=True)
class ListingPage:
    """One page of a long list of files."""

    src_uri: str
    number: int
    first: int
    """Number (from 1) of its first file in the list."""
    views: list[PlacedFile]


@dataclass(frozen=True)
class ProblemGroup:
    """The findings of one rule across the files of a long list."""

    rule: str
    severity: Severity
    example: str
    """The message of its first finding."""
    fix: str
    files: int


@dataclass(frozen=True)
class FileList:
    """The files shown in one place of a page (a requirement, a meeting's folder, the loose
    files), with the listing pages that hold all of them when they are too many to show."""

    views: list[PlacedFile]
    gallery: str
    """Id of the place: the lightbox gallery of its photos, and part of its listing pages' names."""
    pages: list[ListingPage]
    """Empty unless the list is long."""
    problems: list[ProblemGroup]
    """Findings by rule, for a long list, whose files are not all shown in full."""

    @property
    def shown(self) -> list[PlacedFile]:
        """The files shown in full where the list is."""
        return self.views[:SHOWN_IN_FULL] if self.pages else self.views

    def __len__(self) -> int:
        return len(self.views)

    def __bool__(self) -> bool:
        return bool(self.views)


@dataclass(frozen=True)
class RequirementBlock:
    """A requirement as its indicator page shows it."""

    requirement: Requirement
    status: Status
    files: FileList
    groups: dict[str, FileList]
    """Files in sub-folders (one meeting, one activity), by folder name."""
    findings: list[Finding]
    """Findings about the requirement itself (not about one of its files)."""
    note: str | None = None
    """The inspector edition: what the unit says in the requirement's note file."""


@dataclass(frozen=True)
class StandardBlock:
    """A standard as its indicator page shows it."""

    standard: Standard
    status: Status
    requirements: list[RequirementBlock]
    loose: FileList
    """Files in the standard's folder that reached no requirement."""


def render_site(archive: CheckedArchive, *, downloads: dict[str, str | bytes] | None = None,
                directory_urls: bool = False, templates_dir: Path = TEMPLATES_DIR,
                template_cache: jinja2.BytecodeCache | None = None, edition: str = INTERNAL,
                generated: str = "", notes: dict[str, str] | None = None) -> Site:
    """All pages of the binder, the thumbnails they show and the originals they link to.
    `downloads`: the files the pages offer (REMEDIATION_XLSX, FINDINGS_JSON), made by the
    caller; `template_cache`: where compiled templates are kept between builds; `edition`:
    one of EDITIONS; `generated`: the date of generation the inspector edition's cover shows;
    `notes`: the text of each readable note file (archive.notes), by its shown path."""
    renderer = _Renderer(archive, directory_urls, templates_dir, template_cache, edition, generated, notes or {})
    site = renderer.site()
    site.downloads = list((downloads or {}).items())
    if edition != INSPECTOR:
        site.downloads.append((NAV_STATUS_CSS, nav_status_css(archive.indicators, directory_urls)))
    return site


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in a folder; a folder that can't be written costs a compilation
    on the next build, never the build (jinja2's own lets the write error through)."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("compiled template not kept: %r", exc)


def compiled_templates(folder: Path) -> jinja2.BytecodeCache | None:
    """A cache of compiled jinja2 templates in `folder`, shared by the binder's templates and
    the theme's: compiling them is a tenth of a warm build. None when the folder can't be made.
    jinja2 checks each entry against the template's source and its own version."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("无法建立模板缓存文件夹 %s，本次不缓存页面模板（生成会慢一些）：%s", folder, exc)
        return None
    return _QuietBytecodeCache(str(folder))


def page_dest(src_uri: str, directory_urls: bool) -> str:
    """Where MkDocs writes a page: 'a/b.md' -> 'a/b.html' (or 'a/b/index.html')."""
    stem = src_uri[:-3]
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def original_uri(file: ArchiveFile) -> str | None:
    """Site path of an original: its archive path (as shown), with characters no USB stick
    accepts replaced. An active file (a web page, an SVG) gets a neutral suffix, so no server
    or browser runs it as a page of the site; a link or special file has no copy at all."""
    if file.hazard is not None:
        return None
    uri = f"{ORIGINALS}/" + "/".join(_WINDOWS_FORBIDDEN.sub("_", part) for part in file.rel_path.split("/"))
    return uri + content_types.NEUTRAL_SUFFIX if content_types.is_runnable(file.name) else uri


def lightbox_text(text: str) -> markupsafe.Markup:
    """Text for a lightbox caption attribute, escaped twice: GLightbox reads the attribute
    (which the browser has unescaped once) and writes it into the page as HTML, so a name
    like '<img src=x onerror=…>.jpg' must still be text after that."""
    return markupsafe.Markup(markupsafe.escape(str(markupsafe.escape(text))))


def lightbox_lines(lines: list[str]) -> markupsafe.Markup:
    """Lines for a lightbox caption attribute: each line escaped as `lightbox_text` escapes
    its text, joined by line breaks that GLightbox writes into the page as markup."""
    joined = "<br>".join(str(markupsafe.escape(line)) for line in lines)
    return markupsafe.Markup(markupsafe.escape(joined))


def photo_caption(view: PlacedFile, inspector: bool = False) -> list[str]:
    """What the lightbox says under a photo: its date (from its name and from the camera),
    the place and the activity its name states, its size, and (internal edition) its findings."""
    photo = view.inspected
    named, taken = dates.first_date(view.file.stem), dates.iso_date(getattr(photo, "exif_datetime", None))
    when = [f"名称日期 {named}" if named else "名称中没有日期",
            f"拍摄日期 {taken}（相机记录）" if taken else "无相机记录的拍摄日期"]
    if inspector:  # the clean edition says what is known, never what is missing (a check's remark)
        when = [line for line, known in zip(when, (named, taken)) if known] or ["—"]
    place, activity = naming.scene_facts(view.file.stem)
    lines = ["时间：" + " · ".join(when), f"地点：{place or '—'}", f"活动：{activity or '—'}"]
    if photo is not None and getattr(photo, "width", None):
        lines.append(f"{photo.width}×{photo.height} 像素 · {size_text(photo.size)}")
    if not inspector:
        lines += [f"{finding.severity.label}：{finding.message}" for finding in view.findings]
    return lines


def markdown_inline(text: str) -> markupsafe.Markup:
    """Text for a Markdown line (a heading): Markdown's special characters backslash-escaped,
    then HTML-escaped. The order matters: the backslashes go only before characters HTML
    leaves alone, so the entities HTML escaping makes stay intact."""
    return markupsafe.Markup(markupsafe.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text)))


def css_string(text: str) -> markupsafe.Markup:
    """Text for a CSS string inside a <style> element: every character but letters and
    digits as a CSS escape, so no quote, backslash or '</style>' survives. A page title comes
    HTML-escaped (see _nav): unescaped first, a <style> element's text is not HTML."""
    text = html.unescape(str(text))
    return markupsafe.Markup("".join(c if c.isalnum() else f"\\{ord(c):x} " for c in text))


def _escape(text: str) -> str:
    return str(markupsafe.escape(text))


@dataclass(frozen=True)
class MoreFindings:
    """The row that stands for the findings a table leaves out (see FINDINGS_PER_PLACE)."""

    more: int
    rule: str
    severity: str
    """'error' or 'warning'."""
    severity_label: str
    indicator: str | None
    standard: str | None
    requirement: str | None

    @property
    def anchor(self) -> str:
        """The id of the requirement on its indicator page, where all of them are listed."""
        if self.standard is None or self.requirement is None:
            return ""
        return f"requirement-{self.standard or 'x'}-{self.requirement or 'x'}"


def capped(findings) -> list:
    """A table's findings (Finding objects or their exported records), at most
    FINDINGS_PER_PLACE of one rule at one place, in their order; each cut group ends in a
    MoreFindings with the number left out."""
    def field(finding, name):
        return finding.get(name) if isinstance(finding, dict) else getattr(finding, name)

    def place(finding) -> tuple:
        return tuple(field(finding, name) for name in ("rule", "indicator", "standard", "requirement"))

    counts: dict[tuple, int] = defaultdict(int)
    for finding in findings:
        counts[place(finding)] += 1
    rows: list = []
    seen: dict[tuple, int] = defaultdict(int)
    for finding in findings:
        key = place(finding)
        seen[key] += 1
        if seen[key] <= FINDINGS_PER_PLACE:
            rows.append(finding)
        if seen[key] == FINDINGS_PER_PLACE + 1:
            severity = Severity(field(finding, "severity"))
            rows.append(MoreFindings(counts[key] - FINDINGS_PER_PLACE, key[0], severity.value,
                                     severity.label, *key[1:]))
    return rows


def natural_order(views: list[PlacedFile]) -> tuple[list[PlacedFile], list[PlacedFile], list[PlacedFile]]:
    """A place's files in the order things happen: what announces it (a file whose name has
    a word of BEFORE_THE_EVENT and is no photo), its photos, then the rest (the content, the
    minutes, the reports). Each part keeps the files' own order (their numbers: 01-, 02-)."""
    photos = [v for v in views if v.kind == "photo" and not v.as_document]
    others = [v for v in views if v not in photos]
    before = [v for v in others if any(word in v.file.stem for word in BEFORE_THE_EVENT)]
    return before, photos, [v for v in others if v not in before]


UNNAMED = "（未指定）"
"""A department or person the framework does not name."""


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline of the framework, where it applies and what it is for."""

    indicator: Indicator
    standard: Standard
    requirement: Requirement | None
    """None for the standard's own completion date."""
    what: str
    """'完成时限' or the kind of material due ('统计表格')."""
    deadline: str
    """As frameworks print it: '2017-06-30', '每月25日前', '6月底前'."""


@dataclass(frozen=True)
class Part:
    """One requirement in an indicator page's summary: provided or not, and its status."""

    label: str
    """'1）④': the standard's and the requirement's labels."""
    text: str
    provided: bool
    status: Status
    anchor: str


def nav_status_css(indicators: list[IndicatorView], directory_urls: bool) -> str:
    """A dot in the status colour before each indicator's link in the navigation. Links are
    relative ('iii-2.html' from a sibling page, 'indicators/iii-2.html' from the home page),
    so a link is matched by its last path segment."""
    dot = ('content: ""; flex: 0 0 auto; width: .55em; height: .55em; margin: .45em .45em 0 0; '
           'border-radius: 50%; order: -1;')
    by_status: dict[Status, list[str]] = defaultdict(list)
    for view in indicators:
        target = page_dest(f"indicators/{view.indicator.slug}.md", directory_urls)
        last = target.rsplit("/", 2)[-2] + "/" if directory_urls else posixpath.basename(target)
        by_status[view.status].append(f'[href="{last}"], [href$="/{last}"]')
    colours = {Status.COMPLIANT: "--binder-ok", Status.FAILING: "--binder-fail", Status.TO_VERIFY: "--binder-verify"}
    rules = [f".md-nav__link:is({', '.join(links)})::before {{ {dot} background: var({colours[status]}); }}"
             for status, links in by_status.items()]
    return "/* Made by the binder at each build: the status of each indicator (site.nav_status_css). */\n" + \
        "\n".join(rules) + "\n"


def _problem_groups(views: list[PlacedFile]) -> list[ProblemGroup]:
    """The findings of a list's files by rule, most files first."""
    first: dict[str, Finding] = {}
    files: dict[str, int] = defaultdict(int)
    for view in views:
        for rule in dict.fromkeys(f.rule for f in view.findings):
            files[rule] += 1
        for finding in view.findings:
            first.setdefault(finding.rule, finding)
    return sorted(
        (ProblemGroup(rule, f.severity, f.message, f.fix, files[rule]) for rule, f in first.items()),
        key=lambda group: (group.severity is not Severity.ERROR, -group.files, group.rule),
    )


class _Renderer:
    def __init__(self, archive: CheckedArchive, directory_urls: bool, templates_dir: Path,
                 template_cache: jinja2.BytecodeCache | None = None, edition: str = INTERNAL,
                 generated: str = "", notes: dict[str, str] | None = None):
        self.archive = archive
        self.inspector = edition == INSPECTOR
        self.generated = generated
        self.notes = notes or {}
        self.directory_urls = directory_urls
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            bytecode_cache=template_cache,
        )
        self.env.filters["md"] = markdown_inline
        self.env.filters["size"] = size_text
        self.env.filters["length_text"] = length_text
        self.env.filters["lightbox"] = lightbox_text
        self.env.filters["natural_order"] = natural_order
        self.env.filters["lightbox_lines"] = lightbox_lines
        self.env.filters["caption"] = functools.partial(photo_caption, inspector=self.inspector)
        self.env.tests["more"] = lambda row: isinstance(row, MoreFindings)
        self.env.globals.update(KINDS=KINDS, Severity=Severity, Status=Status, capped=capped,
                                owner_of=archive.owner_of, edition=edition, text_cap=SEARCH_TEXT_CHARS)
        # The reviewers' verdicts and remediations (review.yml), as the view matched them.
        self.env.globals.update(remediation_of=archive.remediation_of, waived=archive.waived,
                                overdue=archive.overdue, requirement_verdict=archive.requirement_verdict,
                                file_verdict=archive.file_verdict, answerable=archive.answerable,
                                today=archive.today)
        self.placed = {key: self._placed(view) for key, view in archive.files.items()}
        self._listing_pages: list[RenderedPage] = []
        """Pages of long lists, rendered with the page that holds each list."""

    # --- the site ------------------------------------------------------------

    def site(self) -> Site:
        if self.inspector:
            return self._inspector_site()
        archive = self.archive
        site = Site()
        site.pages.append(self._page("index.md", "首页", "index.md.j2", rows=archive.indicators))
        site.pages.append(self._page("plan.md", "用心策划", "plan.md.j2", **self._plan()))
        site.pages.extend(self._indicator_pages())
        site.pages.append(self._page("check.md", "细心检查", "check.md.j2", findings=archive.findings))
        site.pages.append(self._page("improve.md", "精心改进", "improve.md.j2",
                                     owners=archive.by_owner(), xlsx=REMEDIATION_XLSX, **self._since()))
        site.pages.append(self._page("progress.md", "整改进度", "progress.md.j2", rows=archive.progress(),
                                     notes=archive.review_notes, xlsx=PROGRESS_XLSX))
        site.pages.append(self._page(
            "unclassified.md", "未归类", "unclassified.md.j2",
            files=self._file_list("unclassified.md", "unclassified", "未归类的文件",
                                  [self.placed[v.file.rel_path] for v in archive.unclassified]),
            folders=archive.stray_folders, unlisted=archive.unreadable_folders,
        ))
        site.pages.extend(self._listing_pages)
        site.assets = self._thumb_assets()
        site.originals = [SiteAsset(original_uri(f), f.abs_path) for f in archive.scan.materials]
        site.nav = self._nav()
        return site

    def _inspector_site(self) -> Site:
        """Evidence only: a cover, the contents, the indicator pages (with previous/next
        between them) and their listing pages; no status, finding, tally or download."""
        archive = self.archive
        site = Site()
        site.pages.append(self._page("index.md", "封面", "cover.md.j2", generated=self.generated))
        site.pages.append(self._page("contents.md", "目录", "contents.md.j2"))
        site.pages.extend(self._indicator_pages())
        site.pages.extend(self._listing_pages)
        unclassified = {f.rel_path for f in archive.scan.unclassified}
        # The files the pages show (no unclassified file, no note: _placed_list), and nothing else.
        shown = {key: placed for key, placed in self.placed.items()
                 if key not in unclassified and not is_note(placed.file.name)}
        site.assets = self._thumb_assets(shown.values())
        site.originals = [SiteAsset(original_uri(f), f.abs_path) for f in archive.scan.materials
                          if f.rel_path in shown]
        site.nav = [{"封面": "index.md"}, {"目录": "contents.md"}] + self._categories_nav()
        return site

    def _indicator_pages(self) -> list[RenderedPage]:
        """The indicator pages in framework order, each with links to the previous and the next."""
        views = self.archive.indicators
        pages = []
        for number, view in enumerate(views):
            uri = self._indicator_uri(view.indicator)
            pages.append(self._page(
                uri, _escape(view.indicator.title), "indicator.md.j2", **self._indicator(view, uri),
                previous=views[number - 1].indicator if number else None,
                following=views[number + 1].indicator if number + 1 < len(views) else None,
            ))
        return pages

    def _page(self, src_uri: str, title: str, template: str, **context) -> RenderedPage:
        here = posixpath.dirname(page_dest(src_uri, self.directory_urls))

        @functools.lru_cache(maxsize=4096)
        def folder_link(folder: str) -> str:
            # relpath and quote cost 0.2 ms a call; a page's links lead into few folders.
            return quote(posixpath.relpath(folder or ".", here or "."), safe="/")

        def link(target: str) -> str:
            """A relative, percent-encoded URL from this page to a site path or a page."""
            if target.endswith(".md"):
                target = page_dest(target, self.directory_urls)
            folder, name = posixpath.split(target)
            prefix = folder_link(folder)
            return quote(name) if prefix == "." else f"{prefix}/{quote(name)}"

        content = self.env.get_template(template).render(
            title=title, link=link, archive=self.archive, summary=self.archive.summary,
            framework=self.archive.framework, indicator_uri=self._indicator_uri, **context,
        )
        return RenderedPage(src_uri=src_uri, title=title, content=content)

    def _nav(self) -> list:
        categories = self._categories_nav()
        nav = [
            {"首页": "index.md"},
            {"用心策划": "plan.md"},
            {"专心实施": categories},
            {"细心检查": "check.md"},
            {"精心改进": "improve.md"},
            {"整改进度": "progress.md"},
            {"未归类": "unclassified.md"},
        ]
        return nav

    def _categories_nav(self) -> list:
        # The theme prints navigation titles as they are: escape them here, they come from names.
        def entries(indicators) -> list:
            return [{_escape(i.title): self._indicator_uri(i)} for i in indicators]

        def section(category) -> list:
            # A four-level table: its sub-categories are sections of their own under the category.
            return [item for group, indicators in category.groups
                    for item in ([{_escape(group): entries(indicators)}] if group else entries(indicators))]

        return [
            {_escape(f"{c.code} {c.name}".strip()): section(c)}
            for c in self.archive.framework.categories if c.indicators
        ]

    @staticmethod
    def _indicator_uri(indicator: Indicator) -> str:
        return f"indicators/{indicator.slug}.md"

    # --- contexts ------------------------------------------------------------

    def _indicator(self, view: IndicatorView, uri: str) -> dict:
        indicator = view.indicator
        return {
            "indicator": indicator,
            "view": view,
            "status": view.status,
            "standards": [self._standard_block(indicator, sv, uri) for sv in view.standards],
            "loose": self._file_list(uri, "loose", f"{indicator.title} · {self._loose_words('测评标准')}",
                                     self._placed_list(view.loose)),
            "findings": view.findings,
            "parts": self._parts(view),
        }

    @staticmethod
    def _parts(view: IndicatorView) -> list[Part]:
        """Each requirement of the indicator, for the summary at the top of its page."""
        return [
            Part(label=f"{sv.standard.label if sv.standard.code else ''}{rv.requirement.label if rv.requirement.code else ''}"
                 or rv.requirement.text[:8],
                 text=rv.requirement.text, provided=rv.provided, status=rv.status,
                 anchor=f"requirement-{sv.standard.code or 'x'}-{rv.requirement.code or 'x'}")
            for sv in view.standards for rv in sv.requirements
        ]

    def _standard_block(self, indicator: Indicator, sv: StandardView, uri: str) -> StandardBlock:
        standard = sv.standard
        s_code = standard.code or "x"
        requirements = []
        for rv in sv.requirements:
            requirement = rv.requirement
            r_code = requirement.code or "x"
            anchor = f"requirement-{s_code}-{r_code}"
            where = f"{indicator.title} · 测评标准 {standard.label} · 要求 {requirement.label}"
            groups = {group: self._file_list(uri, f"g-{s_code}-{r_code}-{index}", f"{where} · {group}",
                                             self._placed_list(members), anchor)
                      for index, (group, members) in enumerate(rv.groups.items(), start=1)}
            requirements.append(RequirementBlock(
                requirement=requirement,
                status=rv.status,
                files=self._file_list(uri, f"r-{s_code}-{r_code}", where, self._placed_list(rv.files), anchor),
                groups={group: files for group, files in groups.items() if files},
                findings=rv.findings,
                note=self._note(rv.files),
            ))
        where = f"{indicator.title} · 测评标准 {standard.label} · {self._loose_words('具体要求')}"
        return StandardBlock(standard, sv.status, requirements,
                             self._file_list(uri, f"s-{s_code}", where, self._placed_list(sv.loose),
                                             f"standard-{s_code}"))

    def _file_list(self, page_uri: str, gallery: str, where: str, views: list[PlacedFile],
                   anchor: str = "") -> FileList:
        """The files of one place; a long list also gets its listing pages, rendered now.
        `anchor`: the place's id on its page, where a listing page leads back to."""
        if len(views) <= LONG_LIST:
            return FileList(views, gallery, [], [])
        stem = page_uri[:-3]
        pages = [
            ListingPage(f"{stem}--{gallery}-{number}.md", number, start + 1,
                        views[start:start + LISTING_PAGE_SIZE])
            for number, start in enumerate(range(0, len(views), LISTING_PAGE_SIZE), start=1)
        ]
        file_list = FileList(views, gallery, pages, _problem_groups(views))
        for page in pages:
            title = f"{where}：文件列表（第 {page.number} / {len(pages)} 页）"
            self._listing_pages.append(self._page(
                page.src_uri, _escape(title), "listing.md.j2", where=where, page=page,
                file_list=file_list, back=page_uri, anchor=anchor,
            ))
        return file_list

    def _plan(self) -> dict:
        framework = self.archive.framework
        owners: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
        for indicator in framework.indicators:
            for standard in indicator.standards:
                key = (standard.owner.department or UNNAMED, standard.owner.person or UNNAMED)
                if indicator not in owners[key]:
                    owners[key].append(indicator)
        departments, matrix = self._matrix()
        return {"owners": sorted(owners.items()), "departments": departments, "matrix": matrix,
                "deadlines": self._deadlines()}

    def _matrix(self) -> tuple[list[str], list[tuple[IndicatorView, list[list[StandardView]]]]]:
        """Who owes what: the departments (in the order the framework first names them) and,
        for each indicator, the standards each department answers for, with their status."""
        departments = list(dict.fromkeys(sv.standard.owner.department or UNNAMED
                                         for view in self.archive.indicators for sv in view.standards))
        rows = [(view, [[sv for sv in view.standards if (sv.standard.owner.department or UNNAMED) == department]
                        for department in departments])
                for view in self.archive.indicators]
        return departments, rows

    def _deadlines(self) -> list[DeadlineRow]:
        """Every deadline the framework names: a standard's completion date, and each
        material's own (每月25日前, 6月底前), in framework order."""
        rows = []
        for indicator in self.archive.framework.indicators:
            for standard in indicator.standards:
                if standard.deadline:
                    rows.append(DeadlineRow(indicator, standard, None, "完成时限", str(standard.deadline)))
                for requirement in standard.requirements:
                    for ask in requirement.asks:
                        if ask.deadline:
                            rows.append(DeadlineRow(indicator, standard, requirement, ask.label, ask.deadline.label))
        return rows

    def _since(self) -> dict:
        """The improve page's comparison with the newest snapshot."""
        since = self.archive.since
        if since is None:
            return {"baseline": None, "comparison": None, "other_unit_note": None, "remediation_changes": None}
        note = other_unit_text(since.other_unit, self.archive.unit) if since.other_unit else None
        return {"baseline": since.baseline, "comparison": since.comparison, "other_unit_note": note,
                "remediation_changes": since.remediations}

    def _placed_list(self, views: list[FileView]) -> list[PlacedFile]:
        if self.inspector:
            # Evidence only: a link or special file (never in the site) is no evidence, and
            # a note file is shown as its text (_note), not as a file.
            return [self.placed[v.file.rel_path] for v in views
                    if not is_note(v.file.name) and self.placed[v.file.rel_path].original]
        return [self.placed[v.file.rel_path] for v in views]

    def _note(self, views: list[FileView]) -> str | None:
        """The inspector edition: the text of the first readable note file among a
        requirement's own files (archive.notes names them)."""
        if not self.inspector:
            return None
        return next((self.notes[v.file.rel_path] for v in views
                     if is_note(v.file.name) and v.file.rel_path in self.notes), None)

    def _loose_words(self, level: str) -> str:
        """The heading of files that reached no standard or requirement: the inspector
        edition calls them other materials, without saying they are out of place."""
        return "其他材料" if self.inspector else f"未对应{level}的材料"

    @staticmethod
    def _placed(view: FileView) -> PlacedFile:
        inspected = view.inspected
        thumb_name = getattr(inspected, "thumbnail", None) or getattr(inspected, "preview", None)
        return PlacedFile(view.file, inspected, view.findings, view.kind, view.status, original_uri(view.file),
                          f"{THUMBS}/{thumb_name}" if thumb_name else None, view.as_document)

    def _thumb_assets(self, placed=None) -> list[SiteAsset]:
        thumbs_dir = self.archive.thumbs_dir
        names = sorted({p.thumb for p in (self.placed.values() if placed is None else placed) if p.thumb})
        return [SiteAsset(name, thumbs_dir / name.split("/", 1)[1]) for name in names]
