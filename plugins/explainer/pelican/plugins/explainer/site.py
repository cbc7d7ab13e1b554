"""What happens once every article, page and entity has been read and before anything is written.

One handler for `all_generators_finalized` checks the whole site, then links every page with one
matcher and records each entity's mentions, so the entity pages written next are complete.
"""

import difflib
import os

from pelican.contents import Article
from pelican.urlwrappers import Category

from . import entities, errors, related, relations, validate
from .generators import EntityGenerator
from .linker import link_html
from .matcher import Matcher


class Site:
    """The contents and entities of one build (plugin state lives here, never at module level)."""

    def __init__(self, generators):
        self.settings = generators[0].settings
        self.content_path = generators[0].path
        self.articles, self.pages, self.entity_generators, self.drafts = [], [], [], []
        for generator in generators:
            self.drafts += getattr(generator, "drafts", []) + getattr(generator, "draft_pages", [])
            if isinstance(generator, EntityGenerator):
                self.entity_generators.append(generator)
            self.articles += getattr(generator, "articles", []) + getattr(generator, "hidden_articles", [])
            self.articles += getattr(generator, "translations", [])
            self.pages += getattr(generator, "pages", []) + getattr(generator, "hidden_pages", [])
        self.entities = [entity for generator in self.entity_generators for entity in generator.entities]
        self.by_slug = {(entity.url_prefix, entity.slug): entity for entity in self.entities}

    def terms(self):
        return [entity for entity in self.entities if isinstance(entity, entities.Term)]

    def countries(self):
        return [entity for entity in self.entities if isinstance(entity, entities.Country)]

    def mistakes(self):
        """Every author mistake in the site, found before any page is written."""
        found = []
        for generator in self.entity_generators:
            found += generator.mistakes
        categories = self.settings["GLOSSARY_CATEGORIES"]
        for entity in self.entities:
            found += entities.name_mistakes(entity, categories if isinstance(entity, entities.Term) else None)
            found += validate.footnote_mistakes(entity.source_path)
        found += entities.collision_mistakes(self.entities)
        found += self.same_address_mistakes()
        found += self.draft_link_mistakes()
        article_metadata = ("summary", "countries") if self.countries() else ("summary",)
        min_sources = self.settings["EXPLAINER_MIN_SOURCES"]
        for content in self.articles:
            found += validate.content_mistakes(content, self.content_path, article_metadata, min_sources)
        for content in self.pages:
            found += validate.content_mistakes(content, self.content_path)
        for content in self.articles + self.pages:
            found += self.slug_list_mistakes(content, "glossary-exclude", "GLOSSARY")
            found += self.slug_list_mistakes(content, "countries", "COUNTRY")
        for term in self.terms():
            found += self.slug_list_mistakes(term, "country", "COUNTRY")
        countries = self.countries()
        found += entities.iso_mistakes(countries)
        known = {country.slug for country in countries}
        types = self.settings["COUNTRY_RELATION_TYPES"]
        for country in countries:
            country.relations, relation_mistakes = relations.parse(country, known, types)
            found += relation_mistakes
        return found

    def same_address_mistakes(self):
        """Two files that would be written to the same page: the second would silently replace the first."""
        found, seen = [], {}
        for content in self.articles + self.pages + self.entities:
            if not content.save_as:
                continue
            if content.save_as in seen:
                other = os.path.relpath(seen[content.save_as].source_path)
                found.append(errors.mistake(content.source_path, f"this page would be written to {content.save_as}, as {other} is — give one of them another Slug", key="slug"))
            seen.setdefault(content.save_as, content)
        return found

    def draft_link_mistakes(self):
        """Links to drafts (or articles dated in the future), which are not published."""
        unpublished = {os.path.abspath(draft.source_path) for draft in self.drafts}
        found = []
        for content in self.articles + self.pages + self.entities:
            for target in validate.internal_links(content.source_path):
                if validate.resolve(content.source_path, self.content_path, target) in unpublished:
                    found.append(errors.mistake(content.source_path, f"the link to {target} points to a draft (or an article dated in the future), which is not published — link it once it is", needle=target))
        return found

    def connect(self):
        """Who belongs to which country, and which articles are about it (read by the templates)."""
        countries = {country.slug: country for country in self.countries()}
        for term in self.terms():
            term.country_entity = countries.get(term.country_slug)
            if term.country_entity:
                term.country_entity.people.append(term)
        for content in self.articles + self.pages:
            content.countries_list = [countries[slug.lower()] for slug in entities.split_list(content.metadata.get("countries", ""))]
            if isinstance(content, Article) and content.status == "published":
                for country in content.countries_list:
                    country.subject_of.add(content)

    def slug_list_mistakes(self, content, key, prefix):
        """A metadata list of slugs (Glossary-exclude, Country…) that names an entry that does not exist."""
        found = []
        known = sorted(slug for kind, slug in self.by_slug if kind == prefix)
        for slug in entities.split_list(content.metadata.get(key, "")):
            if (prefix, slug.lower()) not in self.by_slug:
                close = difflib.get_close_matches(slug.lower(), known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known) or 'none'}"
                folder = self.settings[f"{prefix}_PATH"]
                found.append(errors.mistake(content.source_path, f"{key.capitalize()} names {slug!r}, which is not in {folder}/ — {hint}", key=key))
        return found

    def link(self):
        """Link every page once, and count every article's mentions of every entity."""
        matcher = Matcher((name, entity) for entity in self.entities for name in entity.names())
        hrefs = {entity: self.href(entity) for entity in self.entities}
        autolink = self.settings["GLOSSARY_AUTOLINK"]
        link_all = self.settings["GLOSSARY_LINK_ALL"]
        for content in self.articles + self.pages + self.entities:
            skip = self.not_linked_on(content, autolink)
            result = link_html(content._content, matcher, hrefs.__getitem__, link_all=link_all, skip=skip)
            if len(skip) < len(self.entities):
                content._content = result.html
            content.linked_entities = result.linked
            content.mentioned_entities = result.mentions
            # An article concerns the countries its metadata names, then those its text mentions.
            named = getattr(content, "countries_list", [])
            content.concerned_countries = named + sorted(
                (e for e in result.mentions if isinstance(e, entities.Country) and e not in named), key=lambda c: str(c.title))
            if isinstance(content, Article) and content.status == "published":
                for entity, count in result.mentions.items():
                    entity.mentions[content] = count

    def not_linked_on(self, content, autolink):
        """Entities counted but not linked on `content`: its own entry, its exclusions, or all of them."""
        if not autolink or str(content.metadata.get("glossary", "")).strip().lower() in {"off", "no", "false"}:
            return set(self.entities)
        skip = {content} if isinstance(content, entities.Entity) else set()
        for slug in entities.split_list(content.metadata.get("glossary-exclude", "")):
            skip.add(self.by_slug.get(("GLOSSARY", slug.lower())))
        return skip

    def advice(self):
        """What `make check` lists without failing the build: unused terms and one-sided relations."""
        unused = [
            errors.mistake(term.source_path, f"no article mentions {term.title!r} — use it in an explainer, add an alias readers meet, or remove the term")
            for term in self.terms() if not term.mentions
        ]
        no_terms = [
            errors.mistake(article.source_path, "this article mentions no glossary term — link readers to the definitions they need")
            for article in self.articles if not any(isinstance(e, entities.Term) for e in article.mentioned_entities)
        ]
        return unused + no_terms + relations.one_sided([r for country in self.countries() for r in country.relations])

    def href(self, entity):
        """The entity's address; with RELATIVE_URLS a {filename} link that Pelican makes relative per page."""
        if self.settings["RELATIVE_URLS"]:
            return "{filename}/" + os.path.relpath(entity.source_path, self.content_path).replace(os.sep, "/")
        return f"{self.settings['SITEURL']}/{entity.url}"


def check_and_link(generators):
    """The all_generators_finalized handler."""
    site = Site(generators)
    for draft in site.drafts:
        # With category pages off (CATEGORY_SAVE_AS = ""), Pelican gives articles no category, yet its
        # draft writer reads one even when drafts are not written (DRAFT_SAVE_AS = ""): give them one.
        if not hasattr(draft, "category"):
            draft.category = Category("drafts", site.settings)
    mistakes = site.mistakes()
    errors.report(mistakes)
    if mistakes:
        return  # a build that will fail writes nothing worth linking
    site.connect()
    site.link()
    related.connect([article for article in site.articles if article.status == "published"])
    errors.advise(site.advice())
