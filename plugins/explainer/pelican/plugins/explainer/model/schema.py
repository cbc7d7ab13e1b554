"""An entity's metadata checked against the schema of its kind: required and known keys, allowed
values, references to other entities, and names the linker can use and tell apart."""

import difflib
import re
import unicodedata

from pelican.plugins.explainer.checks.errors import display_path, metadata_line, mistake
from pelican.plugins.explainer.extras import facts_of
from pelican.plugins.explainer.reading.matcher import name_key
from pelican.plugins.explainer.reading.text import plain_text

from .entities import _NO, _YES

ISO_CODES = 2  # an `ISO:` line: the alpha-2 code, then the alpha-3 code


def closest(word, choices):
    """[the one of `choices` closest to `word`], or [] when none is close."""
    return difflib.get_close_matches(word, sorted(choices), n=1)


def suggestion(word, choices):
    """Advice for an unknown `word`: the closest of `choices`, or all of them when none is close."""
    close = closest(word, choices)
    return f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(choices)) or 'none'}"


def entity_mistakes(entity, kinds, slugs_by_kind):
    """Mistakes in one entity's own metadata."""
    kind, path = entity.entity_type, entity.source_path
    found = []
    facts = facts_of(entity)
    written = facts.written_keys if facts else entity.metadata  # only what the author wrote, not Pelican's additions
    if "flag" in written and "iso" in kind.known_keys:
        found.append(
            mistake(
                path,
                "Flag is no longer used: the flag shown is the SVG file for the ISO alpha-2 code (EXPLAINER_FLAGS) — remove the Flag line",
                key="flag",
            )
        )
    for key in sorted(set(written) - kind.known_keys - ({"flag"} if "iso" in kind.known_keys else set())):
        found.append(
            mistake(
                path,
                f"unknown metadata key {key.capitalize()!r} for a file in {kind.path}/ — {suggestion(key, kind.known_keys)}",
                key=key,
            )
        )
    for key in kind.required:
        if not plain_text(entity.metadata.get(key, "")):
            if key == "title":
                found.append(mistake(path, "missing Title — add `Title: …` as the first line"))
            elif key == "summary":
                found.append(
                    mistake(
                        path,
                        "missing Summary — add `Summary: one plain sentence` (readers see it in the popover)",
                        key=key if metadata_line(path, key) else None,
                    )
                )
            else:
                name = "ISO" if key == "iso" else key.capitalize()
                found.append(
                    mistake(
                        path, f"missing {name} — add `{name}: …` to the metadata", key=key if metadata_line(path, key) else None
                    )
                )
    if not (facts.words if facts else plain_text(entity._content or "", formatted=True)):
        found.append(mistake(path, "the definition is empty — write the full definition, with sources, below the metadata"))
    status = str(entity.metadata.get("status", "published")).strip().lower()
    if "status" in written and status != "published":
        found.append(
            mistake(
                path,
                f"Status is {status!r}, but an entry in {kind.path}/ is always published (its names are linked from every article) — keep the file out of content/ until it is ready, or remove the line",
                key="status",
            )
        )
    rule = str(entity.metadata.get("match-case", "")).strip().lower()
    if rule and rule not in _YES | _NO:
        found.append(mistake(path, f"Match-case is {rule!r} — use yes or no", key="match-case"))
    common = {word.casefold() for word in entity.settings["EXPLAINER_COMMON_WORDS"]}
    for name in entity.names():
        key = "title" if name.text == str(entity.title).strip() else "aliases"
        if not any(unicodedata.category(c)[0] in "LN" for c in name.text):
            found.append(
                mistake(path, f"the name {name.text!r} has no letters or digits — remove it from Aliases", key="aliases")
            )
        elif name.text.casefold() in common or len(name.text) == 1:
            found.append(
                mistake(
                    path,
                    f"the name {name.text!r} is too common a word to link (it would link the first {name.text!r} of every page) — use a longer name",
                    key=key,
                )
            )
    for key, allowed in kind.choices.items():
        value = str(entity.metadata.get(key, "")).strip().lower()
        if value and value not in allowed:
            found.append(mistake(path, f"unknown {key.capitalize()} {value!r} — use one of {', '.join(allowed)}", key=key))
    for key, target in kind.references.items():
        value = str(entity.metadata.get(key, "")).strip().lower()
        if value and value not in slugs_by_kind.get(target, ()):
            found.append(
                mistake(
                    path,
                    f"{key.capitalize()} names {value!r}, which is not in {kinds[target].path}/ — {suggestion(value, slugs_by_kind.get(target, ()))}",
                    key=key,
                )
            )
    if entity.metadata.get("delegation") and "country" in kind.references and not entity.metadata.get("country"):
        found.append(
            mistake(
                path,
                "a Delegation line needs a Country — add `Country: <slug>` naming the delegation's country",
                key="delegation",
            )
        )
    return found


def collision_mistakes(entities):
    """Two entities of one language that claim a name the linker could not tell apart."""
    found = []
    claimed = {}  # (lang, folded name) → (Name, entity)
    for entity in entities:
        seen_here = set()
        for name in entity.names():
            key = (entity.lang, name_key(name.text))
            if key in seen_here or not key[1].strip():
                continue
            seen_here.add(key)
            if key not in claimed:
                claimed[key] = (name, entity)
                continue
            other_name, other = claimed[key]
            if name.case_sensitive and other_name.case_sensitive and name.text != other_name.text:
                continue  # e.g. "NIS" and "Nis", both exact: text tells them apart
            found.append(collision(entity, name, other, other_name))
    return found


def translation_mistakes(entities):
    """An entity in another language than the site's must translate one of the default language: a slug that
    matches none is a typo that would publish an orphan page linked from no entry (README, "Translations")."""
    found = []
    originals = {}  # kind → slugs in the default language
    for entity in entities:
        if entity.in_default_lang:
            originals.setdefault(entity.kind, set()).add(entity.slug)
    for entity in entities:
        slugs = originals.get(entity.kind, set())
        if entity.in_default_lang or entity.slug in slugs:
            continue
        close = difflib.get_close_matches(entity.slug, sorted(slugs), n=1)
        advice = f"did you mean {close[0]!r}?" if close else f"give it the Slug of the {entity.kind} entry it translates"
        found.append(
            mistake(
                entity.source_path,
                f"Lang is {entity.lang!r}, but no {entity.kind} entry in the site's language has the slug "
                f"{entity.slug!r}: a translation takes the Slug of the entry it translates — {advice}",
                key="slug" if metadata_line(entity.source_path, "slug") else "lang",
            )
        )
    return found


def collision(entity, name, other, other_name):
    """The mistake for a `name` of `entity` that is already a name of `other`: one name links to one entry only."""
    other_path = display_path(other.source_path)
    if name_key(other_name.text) == name_key(str(other.title)):
        what = f"the name {name.text!r} is the title of {other_path}"
    else:
        what = f"the name {name.text!r} is also an alias of {other_path}"
    key = "aliases" if name.text != str(entity.title).strip() else "title"
    return mistake(
        entity.source_path, f"{what} — each name may belong to one entry only; remove it from one of the two files", key=key
    )


def iso_mistakes(entities):
    """ISO codes, where a kind has them, are the alpha-2 and alpha-3 codes, and belong to one entity."""
    found, owners = [], {}
    for entity in entities:
        if "iso" not in entity.metadata:
            continue
        codes = entity.iso_codes
        if len(codes) != ISO_CODES or not re.fullmatch(r"[A-Z]{2}", codes[0]) or not re.fullmatch(r"[A-Z]{3}", codes[1]):
            found.append(mistake(entity.source_path, "ISO must be the alpha-2 and alpha-3 codes, e.g. `ISO: KP, PRK`", key="iso"))
        for code in codes:
            if code in owners and owners[code].lang == entity.lang:
                found.append(
                    mistake(
                        entity.source_path,
                        f"the ISO code {code} is also used by {display_path(owners[code].source_path)} — each code belongs to one country",
                        key="iso",
                    )
                )
            owners.setdefault(code, entity)
    return found
