"""Every address has one owner, and nothing outside the content folder gets into the site.

Checked before anything is written: a page's Slug, Save_as or URL may not land on a generated page, on
another file's address, or outside the output folder; every link and symlink resolves inside the content
folder; and, as house rules a site turns on, every file in the content folder is read by something
(EXPLAINER_UNREAD_FILES: none silently skipped) and only files of the kinds a site serves are published
(EXPLAINER_STATIC_EXTENSIONS).
"""

import os
import posixpath
import re
from urllib.parse import urlsplit

from pelican.plugins.explainer.extras import facts_of
from pelican.plugins.explainer.reading import limits

from .errors import display_path, mistake
from .validate import internal_targets, resolve

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


def reserved_addresses(settings, kinds):
    """{output path: what writes it} for every page the build generates besides content (`kinds`: the kinds of
    entity, each with its index)."""
    reserved = {}
    for name in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            reserved[save_as] = f"the {name} page"
    for kind in kinds.values():
        reserved[kind.index_save_as] = f"the {kind.label or kind.name} index"
    for key, what in (
        ("EXPLAINER_SOURCES_SAVE_AS", "the Sources page"),
        ("EXPLAINER_SITEMAP_SAVE_AS", "the sitemap"),
        ("EXPLAINER_CORRECTIONS_SAVE_AS", "the corrections log"),
        ("FEED_ALL_ATOM", "the Atom feed"),
    ):
        if settings.get(key):
            reserved[settings[key]] = what
    return reserved


def clash(save_as, reserved):
    """The reserved path that `save_as` would overwrite, or that one of them needs as a folder
    (a page at robots.txt/index.html makes robots.txt a folder): None when there is none."""
    for taken in reserved:
        if save_as == taken or save_as.startswith(taken + "/") or taken.startswith(save_as + "/"):
            return taken
    return None


def reserved_folders(settings):
    """Folders of the output that belong to the build: the theme's files, the share cards, and any the
    site names."""
    return [
        settings["THEME_STATIC_DIR"].strip("/") + "/",
        settings["EXPLAINER_SHARE_CARDS_PATH"].strip("/") + "/",
        *settings.get("EXPLAINER_RESERVED_FOLDERS", ()),
    ]


ADDRESS_CHARACTER = re.compile(r"[A-Za-z0-9._~/-]")  # what a Save_as or URL may hold: nothing a browser decodes


def address_mistakes(contents, settings, kinds):
    """Slugs, Save_as and URLs that land on a generated page, outside the output, or nowhere."""
    reserved = reserved_addresses(settings, kinds)
    folders = reserved_folders(settings)
    found = []
    for content in contents:
        save_as = content.save_as or ""
        where = {"key": "save_as"} if "save_as" in content.metadata else {"key": "slug"}
        if not save_as:
            continue
        normal = posixpath.normpath(save_as)
        odd = sorted({character for character in save_as + (content.url or "") if not ADDRESS_CHARACTER.fullmatch(character)})
        if odd and ("save_as" in content.metadata or "url" in content.metadata):
            found.append(
                mistake(
                    content.source_path,
                    f"its address {save_as!r} has {' '.join(map(repr, odd))}, which a browser reads differently (%2e%2e is '..', # and ? end the path) — use letters, digits, hyphens, dots and slashes",
                    **where,
                )
            )
        elif os.path.isabs(save_as) or normal.startswith(".."):
            found.append(
                mistake(
                    content.source_path,
                    f"this page would be written to {save_as!r}, outside the site — use a Slug of letters, digits and hyphens",
                    **where,
                )
            )
        elif clash(normal, reserved):
            taken = clash(normal, reserved)
            what = reserved[taken] if taken == normal else f"in the way of {reserved[taken]} ({taken})"
            found.append(
                mistake(
                    content.source_path,
                    f"this page would be written to {normal}, which is {what} — give it another Slug",
                    **where,
                )
            )
        elif any(normal.startswith(folder) for folder in folders):
            found.append(
                mistake(
                    content.source_path,
                    f"this page would be written to {normal}, inside {normal.split('/')[0]}/, which the build writes — give it another Slug",
                    **where,
                )
            )
        elif "save_as" in content.metadata and not normal.endswith(".html"):
            found.append(
                mistake(
                    content.source_path,
                    f"Save_as is {save_as!r}, which is not a page: it would replace a folder or a file (an image, a map) — write a path ending in .html, e.g. `Save_as: {posixpath.splitext(normal)[0].strip('./') or 'page'}/index.html`",
                    **where,
                )
            )
        url = content.url or ""
        if ("url" in content.metadata or "save_as" in content.metadata) and url.rstrip("/") not in (
            normal,
            posixpath.dirname(normal) if normal.endswith("index.html") else normal,
        ):
            found.append(
                mistake(
                    content.source_path,
                    f"its URL {url!r} is not where the page is written ({normal}) — links would lead nowhere: remove URL and Save_as, or make them agree",
                    key="url" if "url" in content.metadata else "save_as",
                )
            )
    return found


def unread_file_mistakes(listing, settings, kinds):
    """Files in the content folder (`listing`, reading.listing.Listing) that nothing reads: an article in the
    wrong folder, a .txt, a glossary term in a .markdown file. Silently skipping them would lose the author's work."""
    found = []
    content_path = listing.content_path
    for directory, _, files in listing.walk():
        for name in files:
            relative = os.path.relpath(os.path.join(directory, name), content_path).replace(os.sep, "/")
            if not is_read(relative, settings, kinds):
                found.append(mistake(os.path.join(directory, name), unread_message(relative, settings, kinds)))
    return found


def under(relative, folder):
    """Whether the content path `relative` is `folder` or lies in it; an empty folder is the whole content folder, as in Pelican."""
    folder = folder.strip("/")
    return not folder or relative == folder or relative.startswith(folder + "/")


def is_read(relative, settings, kinds):
    """Whether the build reads (or copies) the file at `relative`, as Pelican and the plugin decide."""
    for kind in kinds.values():
        if under(relative, kind.path):
            return relative.endswith(".md")
    if any(under(relative, folder) for folder in settings.get("STATIC_PATHS", [])):
        return True
    readable = relative.lower().endswith((*MARKDOWN_EXTENSIONS, ".html", ".htm", ".rst"))
    for paths, excludes in (("ARTICLE_PATHS", "ARTICLE_EXCLUDES"), ("PAGE_PATHS", "PAGE_EXCLUDES")):
        if any(under(relative, folder) for folder in settings.get(paths, [])) and not any(
            under(relative, folder) for folder in settings.get(excludes, []) if folder
        ):
            return readable
    return False


def unread_message(relative, settings, kinds):
    """The mistake for a file nothing reads: where each kind of file goes, from the site's own settings."""

    def folders(key):
        return " or ".join(f"{path}/" for path in settings.get(key, []) if path) or "the content folder"

    entries = " or ".join(f"{kind.path}/" for kind in kinds.values())
    return (
        f"nothing reads {relative}, so it would not be published — put articles in {folders('ARTICLE_PATHS')}, "
        f"pages in {folders('PAGE_PATHS')}, entries in {entries} (as .md files), images in {folders('STATIC_PATHS')}, "
        "or move the file out of the content folder"
    )


def file_mistakes(listing, settings):
    """Files Pelican must not be let read, checked before it reads anything: a pipe or device (reading one
    would hang the build), a text larger than EXPLAINER_MAX_FILE_SIZE, and links that lead outside the content folder, to a folder (Pelican would publish
    what it holds, sources and drafts included, and a link to a folder above it loops), or from the images
    to a file of a kind the site does not serve (a draft's text published under an image's name). `listing` is the
    content folder's (reading.listing.Listing)."""
    root = os.path.realpath(listing.content_path)
    served = settings["EXPLAINER_STATIC_EXTENSIONS"]
    static = [os.path.join(root, folder.strip("/")) for folder in settings.get("STATIC_PATHS", [])]
    found = []
    for directory, folders, files in listing.walk():
        in_static = any(inside(os.path.realpath(directory), folder) for folder in static)
        for name in sorted(folders + files):
            path = os.path.join(directory, name)
            target = os.path.realpath(path)
            if not os.path.islink(path):
                if os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path)):
                    found.append(
                        mistake(path, f"{name} is not a file but a pipe, socket or device — remove it from the content folder")
                    )
                elif os.path.isfile(path) and not in_static and (too_large := limits.size_mistake(path, settings)):
                    found.append(too_large)
            elif not inside(target, root):
                found.append(
                    mistake(
                        path,
                        f"{name} is a link to {target}, outside the content folder — copy the file in instead; nothing outside content/ is published",
                    )
                )
            elif os.path.isdir(path):
                found.append(
                    mistake(
                        path,
                        f"{name} is a link to the folder {display_path(target)} — copy the files in instead; a linked folder would be published with everything in it",
                    )
                )
            elif in_static and not (
                (served is None or target.lower().endswith(tuple(served))) and any(inside(target, folder) for folder in static)
            ):
                found.append(
                    mistake(
                        path,
                        f"{name} is a link to {display_path(target)}, which is not an image or file this site serves — copy the file in instead",
                    )
                )
    return found


def outside_mistakes(listing, contents, settings):
    """Links that reach outside the content folder (`listing`, reading.listing.Listing), and files a site does not
    serve (EXPLAINER_STATIC_EXTENSIONS)."""
    content_path = listing.content_path
    root = os.path.realpath(content_path)
    found = []
    served = settings["EXPLAINER_STATIC_EXTENSIONS"]
    extensions = tuple(served or ())
    for folder in settings.get("STATIC_PATHS", []) if served is not None else []:
        for directory, _, files in listing.under(folder):
            for name in files:
                if not name.lower().endswith(extensions):
                    found.append(
                        mistake(
                            os.path.join(directory, name),
                            f"{name} is not a kind of file this site serves ({', '.join(extensions)}) — remove it from {folder}/ (editor backups and notes stay out of the site)",
                        )
                    )
    for content in contents:
        facts = facts_of(content)
        for target in internal_targets(facts) if facts else []:
            resolved = os.path.realpath(resolve(content.source_path, content_path, target))
            if not inside(resolved, root):
                found.append(
                    mistake(
                        content.source_path,
                        f"the link to {target} points outside the content folder — link only files inside it",
                        needle=target,
                    )
                )
    return found


def plain_link_mistakes(contents, settings, known_urls):
    """Root-relative links (`/articles/missing/`) and `{tag}` or `{category}` links to pages this site
    does not write: Pelican would leave them broken without a word."""
    found = []
    for content in contents:
        facts = facts_of(content)
        for href in facts.links if facts else []:
            for what in ("tag", "category", "author", "index"):
                if href.startswith(f"{{{what}}}") and not settings.get(f"{what.upper()}_SAVE_AS"):
                    found.append(
                        mistake(
                            content.source_path,
                            f"the link {href} points to a {what} page, which this site does not write — link an article instead",
                            needle=href,
                        )
                    )
            path = urlsplit(href).path.strip("/")
            if (
                href.startswith("/")
                and not href.startswith("//")
                and path not in known_urls
                and not any(path.startswith(folder) for folder in reserved_folders(settings))
            ):
                found.append(
                    mistake(
                        content.source_path,
                        f"the link {href} points to no page of this site — link the file instead: [text]({{filename}}/articles/<slug>.md)",
                        needle=href,
                    )
                )
    return found


def inside(path, root):
    """Whether `path` is `root` or lies under it, by whole path components ("/content2" is not inside "/content")."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
