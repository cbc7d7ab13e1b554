"""Builds the search index from the pages the site lists publicly, never from every file it wrote.

Pagefind's command indexes every HTML file under a folder, and a `Status: hidden` article or page is
written there too, though it is kept out of every list, feed and the sitemap. The sitemap is the plugin's
list of public pages, so Pagefind's command indexes a copy of the site that holds exactly those pages (hard
links in SITE/.search-pages/, removed afterwards; a glob naming them would pass the kernel's limit on one
argument at a few thousand pages), and its index is moved to SITE/pagefind/. Every option is passed on. A
page listed in the sitemap without its file is an error: the index would point to nothing.

    python -m tools.search_index [PAGEFIND OPTIONS …] SITE
"""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SearchIndexError(Exception):
    """Why no index was written, in one line."""


def public_pages(site: Path) -> list[str]:
    """The HTML files, relative to `site`, of the pages sitemap.xml lists. Every address starts with the home
    page's (the shortest, `SITEURL/`), so the site's own path prefix, if it has one, is dropped."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        raise SearchIndexError(f"{sitemap} is missing: the index is made from the sitemap's pages — build the site first")
    paths = [unquote(urlsplit(loc.text or "").path) for loc in ET.parse(sitemap).iter(f"{SITEMAP_NS}loc")]
    home = min(paths, key=len, default="/")
    root = site.resolve()
    pages = []
    for path in paths:
        relative = path[len(home) :] if path.startswith(home) else path.lstrip("/")
        file = relative + "index.html" if relative.endswith("/") or not relative else relative
        if ".." in Path(file).parts or not (site / file).resolve().is_relative_to(root):
            raise SearchIndexError(f"sitemap.xml lists {path}, which is not a page inside the site")
        if not (site / file).is_file():
            raise SearchIndexError(f"sitemap.xml lists {path}, but {site / file} does not exist")
        pages.append(file)
    return pages


def stage(site: Path, pages: list[str], staging: Path) -> None:
    """`pages` of `site` at the same paths under `staging` (hard links; copies where the disk has none)."""
    for page in pages:
        target = staging / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except FileExistsError:
            raise SearchIndexError(f"{page} is listed twice in sitemap.xml") from None
        except OSError:  # a disk without hard links: a copy, never over an existing file
            with open(site / page, "rb") as source, open(target, "xb") as copy:
                shutil.copyfileobj(source, copy)


def main(argv: list[str] | None = None) -> int:
    """Index the public pages of SITE with Pagefind (the other arguments are Pagefind's); its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m tools.search_index [PAGEFIND OPTIONS …] SITE", file=sys.stderr)
        return 2
    site = Path(args[-1])
    staging = site / ".search-pages"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        stage(site, public_pages(site), staging)
        result = subprocess.run([sys.executable, "-m", "pagefind", *args[:-1], "--site", str(staging)])
        if result.returncode == 0:
            shutil.rmtree(site / "pagefind", ignore_errors=True)
            os.replace(staging / "pagefind", site / "pagefind")
    except (SearchIndexError, OSError, ET.ParseError) as error:
        print(f"The search index was not written: {error}", file=sys.stderr)
        return 1
    else:
        return result.returncode
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
