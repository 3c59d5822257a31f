"""WeasyPrint vs Chromium's print (Playwright, /usr/bin/chromium) on the pages the binder lays
out for an archive: the front matter and every indicator's document, same HTML, same CSS.
Prints time, pages, size, how many Chinese headings a text search finds, and whether the
fonts are embedded (the figures in generator/outputs/pdf/__init__.py).

    PYTHONPATH=. .venv/bin/python benchmarks/pdf_engines.py archive /tmp/engines-cache
"""
import io, re, statistics, sys, tempfile, time
from pathlib import Path
from generator.binder import assemble
from generator.view import build_view
from generator.outputs.pdf import book, catalogue, layout, render
from pypdf import PdfReader

def main():
    archive, cache = Path(sys.argv[1]), Path(sys.argv[2])
    view = build_view(assemble(archive, cache))
    volumes = catalogue.volumes(view)
    docs = []
    import datetime as dt
    front = layout.Front(unit=view.unit, title=view.framework.title, subtitle="", period="", generated=dt.date.today(), edition="inspector")
    docs.append(("front", layout.front_html(front, volumes), [v.indicator.title for v in volumes]))
    for volume in volumes:
        entries, photos, tables, pages = [], {}, {}, {}
        for e in volume.entries:
            entries.append(book._readied(e, cache / "pdf", photos, tables, pages))
        import dataclasses
        volume = dataclasses.replace(volume, entries=entries)
        docs.append((volume.indicator.code, layout.indicator_html(volume, "inspector", photos, tables),
                     [volume.indicator.title] + [s.standard.text[:12] for s in volume.view.standards]))
    out = Path(tempfile.mkdtemp())
    results = {}
    # WeasyPrint
    t = time.perf_counter(); wp = []
    for name, html, _ in docs:
        wp.append(render.render(html).pdf)
    results["weasyprint"] = (time.perf_counter() - t, wp)
    # Chromium
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        t0 = time.perf_counter()
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        start = time.perf_counter(); ch = []
        for i, (name, html, _) in enumerate(docs):
            f = out / f"{i}.html"; f.write_text(html, encoding="utf-8")
            page.goto(f.as_uri()); ch.append(page.pdf(format="A4", prefer_css_page_size=True, print_background=True))
        results["chromium"] = (time.perf_counter() - start, ch)
        launch = start - t0
        browser.close()
    print(f"{len(docs)} documents; chromium launch {launch:.1f} s (not counted)")
    for engine, (seconds, pdfs) in results.items():
        pages = sum(len(PdfReader(io.BytesIO(d)).pages) for d in pdfs)
        size = sum(len(d) for d in pdfs)
        found = missing = 0
        embedded = True
        for (name, html, expect), data in zip(docs, pdfs):
            reader = PdfReader(io.BytesIO(data))
            text = re.sub(r"\s+", "", "".join(pg.extract_text() for pg in reader.pages))
            for e in expect:
                if re.sub(r"\s+", "", e) in text: found += 1
                else: missing += 1
            for pg in reader.pages:
                for f in (pg.get("/Resources", {}).get("/Font", {}) or {}).values():
                    f = f.get_object()
                    for d in f.get("/DescendantFonts", [f]):
                        d = d.get_object(); fd = d.get("/FontDescriptor")
                        if fd is not None and not any(k in fd.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                            embedded = False
        print(f"{engine}: {seconds:.1f} s, {pages} pages, {size/1e6:.2f} MB, Chinese headings extracted {found}/{found+missing}, fonts embedded: {embedded}")
        (out / f"{engine}-front.pdf").write_bytes(pdfs[0])
    print("samples in", out)

if __name__ == "__main__":
    main()
