"""The search index holds the public pages only: a `Status: hidden` article or page is written (it has an
address) but, as it stays out of every list, feed and the sitemap, it stays out of search too."""

import gzip
import json
import subprocess
import sys

import pytest

from conftest import ROOT, article, build
from test_mistakes import BASE, write_files
from tools.search_index import SearchIndexError, public_pages

HIDDEN = {
    "articles/secret.md": article("secret", "The zanzibarian secret.", countries="china", status="hidden"),
    "pages/unlisted.md": "Title: Unlisted\nStatus: hidden\nSummary: An unlisted page.\n\nThe quokkian page.\n",
}


def indexed_urls(site):
    """Every page URL in SITE/pagefind/, read from Pagefind's fragments (gzip, then `pagefind_dcd` and JSON)."""
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[len(b"pagefind_dcd") :])["url"])
    return urls


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hidden")
    write_files(root / "content", {**BASE, **HIDDEN})
    return build(root / "content", root / "output").output


def test_hidden_pages_are_written_but_not_indexed(site):
    assert (site / "articles" / "secret" / "index.html").is_file() and (site / "unlisted" / "index.html").is_file()
    result = subprocess.run(
        [sys.executable, "-m", "tools.search_index", "--quiet", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    urls = indexed_urls(site)
    assert "/articles/parade/" in urls and "/about/" in urls
    assert "/articles/secret/" not in urls and "/unlisted/" not in urls
    assert not (site / ".search-pages").exists() and (site / "articles" / "secret" / "index.html").is_file()


def test_the_index_takes_the_sitemaps_pages_only(site):
    pages = public_pages(site)
    assert "articles/parade/index.html" in pages and "index.html" in pages
    assert not [page for page in pages if "secret" in page or "unlisted" in page]


def test_a_page_the_sitemap_lists_without_its_file_is_an_error(tmp_path):
    (tmp_path / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://x.example/sub/</loc></url>"
        "<url><loc>https://x.example/sub/gone/</loc></url></urlset>"
    )
    (tmp_path / "index.html").write_text("<html></html>")
    with pytest.raises(SearchIndexError, match=r"lists /sub/gone/, but .*gone/index\.html does not exist"):
        public_pages(tmp_path)


def test_a_sitemap_page_outside_the_site_is_refused_and_nothing_outside_is_touched(tmp_path):
    """A path that climbs out (%2e%2e reads as ..) once linked a file from beside the site into it."""
    site = tmp_path / "w" / "site"
    site.mkdir(parents=True)
    (tmp_path / "secret.html").write_text("secret")
    (site / "index.html").write_text("<html></html>")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/</loc></url>'
        "<url><loc>/a/%2e%2e/%2e%2e/%2e%2e/secret.html</loc></url></urlset>"
    )
    with pytest.raises(SearchIndexError, match="which is not a page inside the site"):
        public_pages(site)
    result = subprocess.run(
        [sys.executable, "-m", "tools.search_index", "--quiet", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1 and "not a page inside the site" in result.stderr
    assert sorted(path.name for path in site.iterdir()) == ["index.html", "sitemap.xml"]


def test_thousands_of_pages_are_indexed(tmp_path):
    """A glob naming every page passed the kernel's limit on one argument (128 kB) at about 3,000 pages."""
    site = tmp_path / "site"
    locs = []
    for number in range(4000):
        page = site / f"articles/a-long-enough-address-for-article-{number:05d}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html lang='en'><body><main data-pagefind-body><p>Article {number}.</p></main></body></html>")
        locs.append(f"<url><loc>/articles/a-long-enough-address-for-article-{number:05d}/</loc></url>")
    (site / "index.html").write_text("<html lang='en'><body><p>Home</p></body></html>")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/</loc></url>' + "".join(locs) + "</urlset>"
    )
    result = subprocess.run(
        [sys.executable, "-m", "tools.search_index", "--quiet", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 4000
