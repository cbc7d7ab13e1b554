"""The source policy: unacceptable hosts stop the build; aggregators, missing URLs or dates and tracking
parameters are listed by `make check` with their line; the Sources page says who is speaking."""

from conftest import ROOT, build, make_site, run_main, write
from pelican.plugins.explainer.tooling import cli

POLICY = """
EXPLAINER_UNACCEPTABLE_HOSTS = ("pledgetimes.com",)
EXPLAINER_AGGREGATOR_HOSTS = ("devdiscourse.com", "magzter.com")
EXPLAINER_PUBLICATION_KINDS = {"Reuters": "wire service", "KCNA": "state media"}
"""


def settings_file(tmp_path):
    return write(
        tmp_path / "policy.py", f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n{POLICY}"
    )


def footnoted(*footnotes):
    body = "A parade." + "".join(f"[^{index}]" for index in range(len(footnotes)))
    return (
        "Title: Sources\nDate: 2024-01-01\nSlug: sources-probe\nSummary: A test.\n\n"
        + body
        + "\n\n"
        + "".join(f"[^{index}]: {text}\n" for index, text in enumerate(footnotes))
    )


def check(content, settings):
    """`pelican-explainer check CONTENT -s SETTINGS`, in this interpreter."""
    return run_main(cli.main, ["check", str(content), "-s", str(settings)])


def test_an_unacceptable_host_stops_the_build_with_its_line(tmp_path):
    content = make_site(
        tmp_path,
        {
            "articles/a.md": footnoted(
                'Reuters, "One", 1 July 2023, <https://www.reuters.com/x>',
                'Pledge Times, "Two", 2 July 2023, <https://pledgetimes.com/y>',
                'KCNA, "Three", 3 July 2023, <http://www.kcna.kp/z>',
                'The Korea Herald, "Four", 4 July 2023, <http://nwww.koreaherald.com/view.php?ud=4>',
                'Associated Press via US-Ukraine Business Council, "Five", 5 July 2023, <https://usubc.org./news/5.php>',
            )
        },
    )
    site = build(content, tmp_path / "output", settings=settings_file(tmp_path), check=False)
    assert site.returncode != 0 and "Traceback" not in site.log
    assert "articles/a.md:9: footnote [^1] cites pledgetimes.com, which this site does not accept as a source" in site.log
    assert (
        "articles/a.md:11: footnote [^3] links <http://nwww.koreaherald.com/view.php?ud=4>, which has a host "
        "('nwww.koreaherald.com') that starts with 'nwww', a mistyped 'www' — copy the address again" in site.log
    )
    assert "articles/a.md:12: footnote [^4] links <https://usubc.org./news/5.php>, which ends its host" in site.log
    assert not (tmp_path / "output" / "index.html").exists()  # nothing was published


def test_make_check_lists_aggregators_missing_urls_and_dates_and_tracking(tmp_path):
    content = make_site(
        tmp_path,
        {
            "articles/a.md": footnoted(
                'Reuters via Devdiscourse, "One", 1 July 2023, <https://www.devdiscourse.com/article/1>',
                'Associated Press, "Two", 2 July 2023',
                'KCNA, "Three", <http://www.kcna.kp/z>',
                'Yonhap News Agency, "Four", 4 July 2023, <https://en.yna.co.kr/view/4?utm_source=x&section=y&fbclid=z>',
                'Associated Press via The Frontier Post, "Five", 5 July 2023, <https://thefrontierpost.com/5>',
                'Reuters, "Six", 6 July 2023, <https://www.nasdaq.com/articles/6>',
            )
        },
    )
    article = content / "articles" / "a.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Summary:", "Covers: 2024-01-01\nSummary:"), encoding="utf-8")
    result = check(content, settings_file(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr  # advice never fails anything
    out = result.stdout
    assert "articles/a.md:9: footnote [^0] cites devdiscourse.com, an aggregator or mirror" in out
    assert "articles/a.md:10: footnote [^1] has no URL" in out
    assert "articles/a.md:11: footnote [^2] has no date" in out
    assert "articles/a.md:12: footnote [^3] has tracking parameters in its URL (fbclid, utm_source)" in out
    assert (
        "articles/a.md:13: footnote [^4] cites a copy (Associated Press via The Frontier Post) — cite Associated "
        "Press's own publication where it is public" in out
    )
    assert "articles/a.md:14: footnote [^5] names Reuters but links nasdaq.com, not Reuters's own site (reuters.com;" in out
    assert "articles/a.md:4: Covers is 2024-01-01, more than 180 days ago (EXPLAINER_STALE_AFTER)" in out
    assert "footnote [^0] cites a copy" not in out  # an aggregator is named once, as an aggregator


def test_the_sources_page_shows_each_publications_kind(tmp_path):
    content = make_site(
        tmp_path,
        {
            "articles/a.md": footnoted(
                'Reuters, "One", 1 July 2023, <https://www.reuters.com/x>',
                'KCNA, "Two", 2 July 2023, <http://www.kcna.kp/y>',
                'Axios, "Three", 3 July 2023, <https://www.axios.com/z>',
            )
        },
    )
    site = build(content, tmp_path / "output", settings=settings_file(tmp_path))
    headings = {h2.contents[0].strip(): h2.select_one(".source-kind") for h2 in site.html("sources/").select(".source-group h2")}
    assert headings["Reuters"].get_text() == "wire service" and headings["KCNA"].get_text() == "state media"
    assert headings["Axios"] is None
