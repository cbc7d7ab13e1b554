"""What happens once every article, page and entity has been read and before anything is written.

One handler for `all_generators_finalized` checks the whole site, then joins what each document's
parse found (its mentions, the entities its metadata names) into the lists the entity pages show.
Linking itself already happened, in the tree, while each document was converted.
"""

import os

import jinja2.nodes
from pelican.contents import Article, Page
from pelican.generators import PelicanTemplateNotFound
from pelican.urlwrappers import Category

from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import facts_of, of
from pelican.plugins.explainer.model import freshness, relations, roles, schema
from pelican.plugins.explainer.model.entities import entity_key, sort_key
from pelican.plugins.explainer.pages import graph, maps, missiles, people_row, related, timeline, wayin
from pelican.plugins.explainer.pages.generators import EntityGenerator
from pelican.plugins.explainer.reading import figures
from pelican.plugins.explainer.reading.text import repeated, split_list

from . import addresses, errors, lookalikes, policy, validate


class Site:
    """The contents and entities of one build (plugin state lives here, never at module level)."""

    def __init__(self, generators):
        self.settings = generators[0].settings
        self.generator = generators[0]  # for its template loader
        self.content_path = generators[0].path
        self.listing = state.current().listing  # the content folder, walked once when the build started
        self.tables = state.current().tables  # the kinds of entity, relation types and chapters
        self.kinds = self.tables.types
        self.articles, self.pages, self.drafts, self.entities, self.entity_mistakes = [], [], [], [], []
        for generator in generators:
            self.drafts += getattr(generator, "drafts", []) + getattr(generator, "draft_pages", [])
            if isinstance(generator, EntityGenerator):
                self.entities += generator.entities
                self.entity_mistakes += generator.mistakes
            self.articles += getattr(generator, "articles", []) + getattr(generator, "hidden_articles", [])
            self.articles += getattr(generator, "translations", [])
            self.pages += getattr(generator, "pages", []) + getattr(generator, "hidden_pages", [])
        self.by_key = {entity.key: entity for entity in self.entities}
        # Where each file's metadata keys are, as its reader recorded them: a mistake's line (errors.metadata_line).
        for content in self.articles + self.pages + self.entities + self.drafts:
            facts = facts_of(content)
            if facts is not None and facts.written_keys and content.source_path:
                state.current().written_keys[os.path.abspath(content.source_path)] = facts.written_keys
        self.slugs = {name: {e.slug for e in self.entities if e.kind == name} for name in self.kinds}

    def people(self):
        """{slug: entity} of the kind a People-row names (EXPLAINER_PEOPLE_KIND), in the default language."""
        return {e.slug: e for e in self.of_kind(self.settings["EXPLAINER_PEOPLE_KIND"]) if e.in_default_lang}

    def in_lang(self, kind, slug, lang):
        """The entity `kind:slug` in `lang` (a Korean article's `Countries: north-korea` names the Korean page when
        there is one), else in the default language; None when there is neither."""
        default = self.by_key.get(f"{kind}:{slug}")
        return self.by_key.get(entity_key(kind, slug, lang, self.settings["DEFAULT_LANG"]), default)

    def of_kind(self, name):
        """The entities of the kind `name`, in every language."""
        return [entity for entity in self.entities if entity.kind == name]

    def mistakes(self):
        """Every author mistake in the site, found before any page is written."""
        found = list(self.entity_mistakes)
        for entity in self.entities:
            found += schema.entity_mistakes(entity, self.kinds, self.slugs)
            found += validate.content_mistakes(entity, self.content_path, self.settings)
        for content in self.articles + self.pages + self.entities:
            found += policy.unacceptable(content, self.settings)
        found += schema.collision_mistakes(self.entities)
        found += schema.iso_mistakes(self.entities)
        found += schema.translation_mistakes(self.entities)
        found += maps.site_mistakes(self)
        people = self.people()
        for content in self.articles + self.pages:
            found += people_row.mistakes(content, people)
            found += missiles.mistakes(content)
            found += maps.place_mistakes(content, article=isinstance(content, Article))
        for content in self.articles + self.pages + self.entities:
            found += figures.mistakes(content, facts_of(content), self.settings["EXPLAINER_IMAGE_CREDITS"])
        found += self.same_address_mistakes()
        found += self.draft_link_mistakes()
        # A key that names entities of a kind (Countries) is only required once the site has some.
        empty = {kind.article_key for kind in self.kinds.values() if kind.article_key and not self.slugs[kind.name]}
        required = tuple(key for key in self.settings["EXPLAINER_ARTICLE_REQUIRED"] if key not in empty)
        for content in self.articles:
            # A misspelt key (`Sumary:`) is reported as such; that the key it was meant to be is missing adds nothing.
            meant = {key for key, _ in validate.unknown_keys(content, self.settings, self.kinds).values()}
            found += validate.content_mistakes(
                content,
                self.content_path,
                self.settings,
                tuple(key for key in required if key not in meant),
                self.settings["EXPLAINER_MIN_SOURCES"],
            )
        for content in self.pages:
            found += validate.content_mistakes(content, self.content_path, self.settings)
        for content in self.articles + self.pages:
            found += validate.article_key_mistakes(content, self.settings, self.kinds)
            found += freshness.read(content)
        for content in self.articles:
            found += wayin.article_mistakes(content, self.settings)
        for content in self.articles + self.pages + self.entities:
            found += self.template_mistakes(content)
        contents = self.articles + self.pages + self.entities
        found += addresses.address_mistakes(contents, self.settings, self.kinds)
        if self.settings["EXPLAINER_UNREAD_FILES"]:
            found += addresses.unread_file_mistakes(self.listing, self.settings, self.kinds)
        found += addresses.outside_mistakes(self.listing, contents, self.settings)
        found += addresses.plain_link_mistakes(contents, self.settings, self.known_urls())
        linked = [kind for kind in self.kinds.values() if kind.link]
        linked_slugs = {slug for kind in linked for slug in self.slugs[kind.name]}
        linked_folders = " or ".join(f"{kind.path}/" for kind in linked)
        for content in self.articles + self.pages:
            found += self.slug_list_mistakes(content, "glossary-exclude", linked_slugs, linked_folders)
            for kind in self.kinds.values():
                if kind.article_key:
                    found += self.slug_list_mistakes(content, kind.article_key, self.slugs[kind.name], f"{kind.path}/")
        types = self.tables.relations
        for kind in self.kinds.values():
            if kind.relations:
                for entity in self.of_kind(kind.name):
                    of(entity).relations, relation_mistakes = relations.parse(entity, self.slugs[kind.name], types)
                    found += relation_mistakes
            if kind.roles:
                for entity in self.of_kind(kind.name):
                    of(entity).roles, role_mistakes = roles.parse(entity, self.settings["EXPLAINER_ROLE_TYPES"])
                    found += role_mistakes
        return found

    def template_mistakes(self, content):
        """A `Template:` that names no template of the theme or the plugin."""
        if "template" not in content.metadata:
            return []
        try:
            template = self.generator.get_template(content.template)
        except PelicanTemplateNotFound:
            return [
                errors.mistake(
                    content.source_path,
                    f"Template names {content.template!r}, which neither the theme nor the plugin has — remove the line to use the default",
                    key="template",
                )
            ]
        given = (
            {"article"}
            if isinstance(content, Article)
            else {"page"}
            if isinstance(content, Page)
            else {"entity", "entity_type", content.entity_type.variable}
        )
        wanted = sorted(self.shown_objects(template) - given)
        if wanted:
            return [
                errors.mistake(
                    content.source_path,
                    f"Template names {content.template!r}, a template that shows `{wanted[0]}`, which this file is not — remove the line to use the default",
                    key="template",
                )
            ]
        return []

    def shown_objects(self, template):
        """Which of the objects the generators hand their templates (`article`, `page`, `entity`, `term`…) a
        template reads: one given the wrong object stops the build with "'article' is undefined"."""
        objects = {
            "article",
            "page",
            "entity",
            "entity_type",
            "entities",
            "publications",
            "corrections",
            *(kind.variable for kind in self.kinds.values()),
        }
        with open(template.filename, encoding="utf-8") as source:
            tree = self.generator.env.parse(source.read())
        names = list(tree.find_all(jinja2.nodes.Name))
        return ({n.name for n in names if n.ctx == "load"} - {n.name for n in names if n.ctx != "load"}) & objects

    def known_urls(self):
        """Every address the site will have, as a path without slashes at either end."""
        urls = {"", *(c.url.strip("/") for c in self.articles + self.pages + self.entities if c.save_as)}
        for article in self.articles:  # the category, tag and author pages Pelican writes (none, on this site)
            groups = [getattr(article, "category", None), *getattr(article, "tags", []), *getattr(article, "authors", [])]
            urls.update(group.url.strip("/") for group in groups if group is not None and group.save_as)
        for save_as in addresses.reserved_addresses(self.settings, self.kinds):
            urls.add(save_as[: -len("index.html")].strip("/") if save_as.endswith("index.html") else save_as)
        urls.update(self.static_files())
        return urls

    def same_address_mistakes(self):
        """Two files that would be written to the same page, or to two addresses that differ only in case
        (one file on macOS, Windows and many hosts): the second would silently replace the first."""
        found, seen = [], {}
        written = [
            (content.save_as, content.source_path, address_key(content))
            for content in self.articles + self.pages + self.entities
            if content.save_as
        ]
        written += [(relative, os.path.join(self.content_path, relative), None) for relative in self.static_files()]
        for save_as, source_path, key in written:
            other = seen.setdefault(lookalikes.fold(save_as), (save_as, source_path))
            if other[1] == source_path:
                continue
            where = errors.display_path(other[1])
            if other[0] == save_as:
                message = f"this page would be written to {save_as}, as {where} is — give one of them another Slug"
            else:
                message = (
                    f"this would be written to {save_as}, and {where} to {other[0]}: addresses that differ only in "
                    "case are one file on macOS, Windows and many web hosts — rename one of them"
                )
            found.append(errors.mistake(source_path, message, key=key))
        return found

    def static_files(self):
        """The content folder's static files, by their path inside it (which is where the site serves them)."""
        for folder in self.settings.get("STATIC_PATHS", []):
            for directory, _, files in self.listing.under(folder):
                yield from (os.path.relpath(os.path.join(directory, f), self.content_path).replace(os.sep, "/") for f in files)

    def draft_link_mistakes(self):
        """Links to drafts (or articles dated in the future), which are not published, and to pages that
        have no address of their own (a hidden page with no Save_as)."""
        unpublished = {os.path.abspath(draft.source_path) for draft in self.drafts}
        nowhere = {os.path.abspath(c.source_path) for c in self.articles + self.pages + self.entities if not c.save_as}
        found = []
        for content in self.articles + self.pages + self.entities:
            facts = facts_of(content)
            for target in validate.internal_targets(facts) if facts else []:
                resolved = validate.resolve(content.source_path, self.content_path, target)
                if resolved in unpublished:
                    found.append(
                        errors.mistake(
                            content.source_path,
                            f"the link to {target} points to a draft (or an article dated in the future), which is not published — link it once it is",
                            needle=target,
                        )
                    )
                elif resolved in nowhere:
                    found.append(
                        errors.mistake(
                            content.source_path,
                            f"the link to {target} points to a page with no address of its own (it has no Save_as), so the link would lead nowhere — link a published page",
                            needle=target,
                        )
                    )
        return found

    def slug_list_mistakes(self, content, key, known, where):
        """A metadata list of slugs (Glossary-exclude, Countries…) that names an entry that does not exist, or
        one twice (a map caption read "North Korea and North Korea")."""
        slugs = [slug.lower() for slug in split_list(content.metadata.get(key, ""))]
        found = [
            errors.mistake(
                content.source_path,
                f"{key.capitalize()} names {slug!r}, which is not in {where} — {schema.suggestion(slug, known)}",
                key=key,
            )
            for slug in slugs
            if slug not in known
        ]
        return found + [
            errors.mistake(content.source_path, f"{key.capitalize()} names {slug!r} twice — list it once", key=key)
            for slug in repeated(slugs)
        ]

    def connect(self):
        """Join the site: who names whom in metadata, which articles are about and mention each entity."""
        for entity in self.entities:
            for key, target in entity.entity_type.references.items():
                slug = str(entity.metadata.get(key, "")).strip().lower()
                other = self.in_lang(target, slug, entity.lang)
                setattr(of(entity), f"{key.replace('-', '_')}_entity", other)
                if other is not None and other.lang == entity.lang:  # a page lists only what is in its language
                    other.referenced_by.setdefault(entity.kind, []).append(entity)
        for entity in self.entities:
            for group in entity.referenced_by.values():
                group.sort(key=sort_key)
        published = [a for a in self.articles if isinstance(a, Article) and a.status == "published"]
        for content in self.articles + self.pages + self.entities:
            extras = of(content)
            facts = extras.facts
            mentions = facts.mentions if facts else {}
            extras.mentioned_entities = [self.by_key[key] for key in sorted(mentions) if key in self.by_key]
            extras.linked_entities = [self.by_key[key] for key in (facts.linked if facts else []) if key in self.by_key]
            named = []
            for kind in self.kinds.values():
                if kind.article_key:
                    found = (
                        self.in_lang(kind.name, slug.lower(), content.lang)
                        for slug in split_list(content.metadata.get(kind.article_key, ""))
                    )
                    named += [entity for entity in found if entity is not None]
            extras.countries_list = named
            mentioned = sorted(
                (e for e in extras.mentioned_entities if e.entity_type.article_key and e not in named), key=sort_key
            )
            extras.concerned_countries = named + mentioned
            if content in published:  # listed on the pages of its own language only
                for entity in named:
                    if entity.lang == content.lang:
                        entity.subject_of.add(content)
                for key, count in mentions.items():
                    if key in self.by_key and self.by_key[key].lang == content.lang:
                        self.by_key[key].mentions[content] = count
        # Reading order: the home page's, chapter by chapter (newest first where the site has no chapters).
        related.connect([article for chapter in wayin.chapters(published, self.tables.chapters) for article in chapter.articles])
        self.generator.context["start_here"] = wayin.connect(published, self.settings)

    def advice(self):
        """What `make check` lists without failing the build: unused entries and one-sided relations."""
        linked_kinds = [kind for kind in self.kinds.values() if kind.link and not kind.article_key]
        unused = [
            errors.mistake(
                entity.source_path,
                f"no article mentions {entity.title!r} — use it in an explainer, add an alias readers meet, or remove the entry",
            )
            for kind in linked_kinds
            for entity in self.of_kind(kind.name)
            if not entity.mentions
        ]
        no_terms = [
            errors.mistake(
                article.source_path, "this article mentions no glossary term — link readers to the definitions they need"
            )
            for article in self.articles
            if linked_kinds and not any(e.entity_type in linked_kinds for e in of(article).mentioned_entities)
        ]
        relation_list = [r for entity in self.entities for r in of(entity).relations]
        sources = [
            item for content in self.articles + self.pages + self.entities for item in policy.advice(content, self.settings)
        ]
        return (
            unused
            + no_terms
            + relations.one_sided(relation_list)
            + sources
            + freshness.stale(self.articles, self.settings)
            + wayin.advice(self.articles, self.settings)
            + graph.centre_advice(self.kinds, self.slugs, self.settings)
        )


def address_key(content):
    """The metadata line that gives a page its address: Save_as, else Slug, else the Title it is made from."""
    written = getattr(facts_of(content), "written_keys", None) or content.metadata
    return next((key for key in ("save_as", "slug") if key in written), "title")


def check_and_connect(generators):
    """The all_generators_finalized handler."""
    site = Site(generators)
    for draft in site.drafts:
        # With category pages off (CATEGORY_SAVE_AS = ""), Pelican gives articles no category, yet its
        # draft writer reads one even when drafts are not written (DRAFT_SAVE_AS = ""): give them one.
        if not hasattr(draft, "category"):
            draft.category = Category("drafts", site.settings)
    mistakes = site.mistakes()
    mistakes += timeline.lay_out(generators)  # after the checks, which read the pages as their authors wrote them
    errors.report(mistakes)
    if mistakes:
        raise errors.ContentMistakes(len(set(mistakes)))  # nothing is written: the output stays as it was
    site.connect()
    crowded = maps.attach(site, site.generator.context)  # a map with no room for a name, found as it is drawn
    errors.report(crowded)
    if crowded:
        raise errors.ContentMistakes(len(set(crowded)))
    people_row.attach(site.articles + site.pages, site.people(), site.in_lang, site.settings)
    missiles.attach(site.articles + site.pages)
    if site.settings["EXPLAINER_ADVICE"]:
        errors.advise(site.advice())
