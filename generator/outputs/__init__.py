"""Outputs over the view of the checked archive: the site's pages (site), the findings as json, csv, xlsx and a terminal table (export)."""
