"""The real site builds, lists its explainers, and has no broken internal links."""

from urllib.parse import unquote, urlsplit

from conftest import ROOT


def article_sources():
    return sorted((ROOT / "content" / "articles").glob("*.md"))


def metadata(path, key):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith(key.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def test_home_page_lists_every_article(real_site):
    home = real_site.html("index.html")
    listed = {a.get_text(strip=True) for a in home.select("main a")}
    titles = [metadata(p, "Title") for p in article_sources()]
    assert titles, "the site has no article"
    for title in titles:
        assert title.replace("'", "’") in listed or title in listed


def test_article_page_has_title_date_and_body(real_site):
    for source in article_sources():
        page = real_site.html(f"articles/{metadata(source, 'Slug')}/")
        assert page.h1.get_text(strip=True).replace("’", "'") == metadata(source, "Title").replace("’", "'")
        assert page.select_one("time[datetime]")["datetime"].startswith(metadata(source, "Date")[:10])
        assert len(page.select_one(".prose").get_text(" ", strip=True).split()) > 100


def test_every_internal_href_and_src_resolves(real_site):
    broken = []
    for page in real_site.pages():
        soup = real_site.html(page.relative_to(real_site.output))
        for tag in soup.select("[href], [src]"):
            url = tag.get("href") or tag.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:")):
                continue
            base = page.parent if not parts.path.startswith("/") else real_site.output
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(real_site.output)} → {url}")
    assert not broken, "\n".join(broken)


def test_sources_page_gathers_every_footnote_and_links_back(real_site):
    import re as _re

    sources = real_site.html("sources/")
    cited_links = sources.select(".cited-in a")
    footnotes = sum(
        len(_re.findall(r"^\[\^[^\]]+\]:", path.read_text(encoding="utf-8"), _re.M))
        for folder in ("articles", "pages", "glossary", "countries")
        for path in (ROOT / "content" / folder).glob("*.md")
        if "Status: hidden" not in path.read_text(encoding="utf-8")
    )  # not a page of its own
    assert len(cited_links) == footnotes
    groups = [h2.get_text() for h2 in sources.select(".source-group h2")]
    assert groups == sorted(groups, key=str.casefold) and not any(" via " in group for group in groups)
    for link in cited_links[:: max(1, len(cited_links) // 40)]:
        path, anchor = link["href"].split("#")
        page = real_site.html(path.lstrip("/"))
        assert page.find(id=anchor) is not None, link["href"]
