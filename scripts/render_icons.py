"""Renders the web app's PNG icons from their SVG sources with Chromium (Playwright).

    .venv/bin/python scripts/render_icons.py [--chromium PATH]

The PNGs are committed; run this again only after changing icon.svg or maskable.svg.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "server" / "web" / "static" / "icons"
# (source, size, output): the manifest's "any" and "maskable" icons, and the iOS home-screen icon.
RENDERS = [
    ("icon.svg", 192, "icon-192.png"),
    ("icon.svg", 512, "icon-512.png"),
    ("maskable.svg", 192, "maskable-192.png"),
    ("maskable.svg", 512, "maskable-512.png"),
    ("maskable.svg", 180, "apple-touch-icon.png"),  # iOS rounds the corners itself
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium"),
                        help="Chromium to render with (default: on the PATH)")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True)
        for source, size, output in RENDERS:
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = (ICONS / source).read_text()
            page.set_content(f"<style>html,body{{margin:0;background:transparent}}svg{{display:block;"
                             f"width:{size}px;height:{size}px}}</style>{svg}")
            page.screenshot(path=str(ICONS / output), omit_background=True)
            page.close()
            print(output, size)
        browser.close()


if __name__ == "__main__":
    main()
