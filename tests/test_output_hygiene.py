"""Nothing but the site reaches output/, nor the branch `make deploy DEPLOY=git` pushes.

A private copy of the project gets the things that must never be published, where an author or a tool
leaves them: a draft, a hidden (dot) file posing as an article, .env files, editor and OS litter, a
README, Python and pytest caches, a stray .git folder. It is then built by `make deploy` (which runs
`make publish` first) and pushed by its git deploy step into a local bare repository, once per session
(conftest.deployed_site, which nginx and the quality gates use too), and the test walks output/ and the
pushed tree: no Markdown sources, no draft, no .git, .env, __pycache__, .pytest_cache or other cache
folder, no dotfile (except the .nojekyll the git deploy adds at the root of the branch), and only the
kinds of files a static site serves.
"""

from pathlib import Path, PurePosixPath

import pytest

DRAFT_SLUG = "hygiene-draft-article"
DRAFT_TITLE = "An unfinished draft that must never be published"
HIDDEN_SLUG = "hygiene-hidden-article"
SECRET = "HYGIENE_SECRET_d0n7_publ15h"
# Folders that are caches or tooling, never part of a site.
FORBIDDEN_DIRS = {
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "cache",
    ".cache",
    ".webassets-cache",
    ".sass-cache",
    "node_modules",
    ".venv",
    "content",
    "drafts",
}
# What a static site serves (and its precompressed copies): anything else is a leak.
SITE_SUFFIXES = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".xml",
    ".svg",
    ".txt",
    ".webmanifest",
    ".ico",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".woff",
    ".woff2",
    ".wasm",
    ".pdf",
    ".pagefind",
    ".pf_fragment",
    ".pf_index",
    ".pf_meta",
    ".gz",
    ".br",
}


def article_text(slug, title, status=None):
    status_line = f"Status: {status}\n" if status else ""
    return (
        f"Title: {title}\nDate: 2023-07-30\nSlug: {slug}\n{status_line}Summary: Must not be published.\n"
        "Countries: north-korea\n\n"
        "This text must not reach the site.[^r][^a][^y]\n\n"
        '[^r]: Reuters, "A report", 1 July 2023.\n[^a]: Associated Press, "A story", 2 July 2023.\n'
        '[^y]: Yonhap News Agency, "A dispatch", 3 July 2023.\n'
    )


BAIT = {
    # committed with the sources
    f"content/articles/{DRAFT_SLUG}.md": article_text(DRAFT_SLUG, DRAFT_TITLE, status="draft"),
    f"content/articles/.{HIDDEN_SLUG}.md": article_text(HIDDEN_SLUG, "A hidden file posing as an article"),
    "content/.env": f"API_TOKEN={SECRET}\n",
    "content/images/.env": f"API_TOKEN={SECRET}\n",
    "content/images/.DS_Store": "Bud1 litter",
    "content/images/README.md": "Notes for authors about images.\n",
    "theme/static/.DS_Store": "Bud1 litter",
    "theme/static/css/.site.css.swp": "vim swap",
}
# ignored by git (.gitignore), so they are there without making the checkout dirty
UNTRACKED_BAIT = {
    "content/images/__pycache__/notes.cpython-311.pyc": "bytecode",
    "theme/static/js/__pycache__/terms.cpython-311.pyc": "bytecode",
    "content/.pytest_cache/README.md": "pytest cache",
    "content/images/.git/config": "[core]\n",
}


@pytest.fixture(scope="module")
def deployed(deployed_site):
    """The bait-laden copy of the session (conftest.deployed_site: BAIT and UNTRACKED_BAIT committed or left
    beside the sources, then built by `make deploy` and pushed by its git deploy step): (output folder, pushed
    tree listing)."""
    return deployed_site.project / "output", deployed_site.tree


def leaks(paths, allowed_dotfiles=()):
    """A line for every path that is not part of a site."""
    found = []
    for path in sorted(paths):
        parts = PurePosixPath(path).parts
        name = parts[-1]
        if path in allowed_dotfiles:
            continue
        if any(part.startswith(".") for part in parts):
            found.append(f"{path}: a dotfile or a file in a dot folder")
        elif any(part in FORBIDDEN_DIRS for part in parts[:-1]):
            found.append(f"{path}: inside a cache or tooling folder")
        elif name.endswith((".md", ".markdown", ".rst", ".py", ".pyc", ".env", ".swp", ".orig", ".bak", "~")):
            found.append(f"{path}: a source, cache or backup file")
        elif PurePosixPath(name).suffix.lower() not in SITE_SUFFIXES:
            found.append(f"{path}: not a kind of file a static site serves")
        elif DRAFT_SLUG in path or HIDDEN_SLUG in path:
            found.append(f"{path}: a page of a draft or hidden file")
    return found


def test_nothing_but_the_site_reaches_output(deployed):
    output, _ = deployed
    files = [path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()]
    folders = [path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_dir()]
    assert "index.html" in files and "404.html" in files and "feeds/all.atom.xml" in files
    problems = leaks(files) + [
        f"{folder}/: a cache, tooling or dot folder"
        for folder in folders
        if set(PurePosixPath(folder).parts) & FORBIDDEN_DIRS or any(part.startswith(".") for part in PurePosixPath(folder).parts)
    ]
    assert not problems, "output/ holds files that are not the site:\n" + "\n".join(problems)


def test_no_draft_source_or_secret_in_any_published_file(deployed):
    output, _ = deployed
    sources = {path.name for path in Path(output).parents[0].joinpath("content").rglob("*.md")}
    found = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.suffix in (".gz", ".br", ".pf_fragment", ".pf_index", ".pf_meta", ".pagefind"):
            continue  # compressed copies and Pagefind's gzip index: their plain sources are checked
        text = path.read_bytes().decode("utf-8", errors="replace")
        relative = path.relative_to(output).as_posix()
        for needle in (DRAFT_SLUG, DRAFT_TITLE, HIDDEN_SLUG, SECRET, "must not reach the site"):
            if needle in text:
                found.append(f"{relative}: contains {needle!r}")
        if path.name in sources:
            found.append(f"{relative}: a content source file")
    assert not found, "unpublished material reached output/:\n" + "\n".join(found)


def test_the_pushed_branch_holds_the_site_and_only_a_nojekyll_besides(deployed):
    output, tree = deployed
    assert ".nojekyll" in tree
    problems = leaks(tree, allowed_dotfiles={".nojekyll"})
    assert not problems, "the gh-pages branch holds files that are not the site:\n" + "\n".join(problems)
    site = sorted(path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file())
    assert sorted(set(tree) - {".nojekyll"}) == site


def test_the_search_index_has_no_draft(deployed):
    """Pagefind's gzip-compressed fragments hold the indexed text: no draft or hidden file is in them."""
    import gzip

    output, _ = deployed
    found = []
    for fragment in sorted((output / "pagefind").rglob("*.pf_fragment")):
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8", errors="replace")
        if DRAFT_SLUG in text or HIDDEN_SLUG in text or "must not reach the site" in text:
            found.append(fragment.relative_to(output).as_posix())
    assert not found, "the search index holds unpublished pages: " + ", ".join(found)
