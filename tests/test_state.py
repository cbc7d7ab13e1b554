"""One build's state, and what the plugin adds to pages: the settings hold only settings, a build never sees
another's state, and everything the plugin attaches to a content object is under `explainer`."""

import pickle

from pelican import signals

from conftest import ROOT, article, make_site, term
from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import Extras
from pelican.plugins.explainer.tooling import runner

# Names the plugin once set on content objects beside Pelican's own and other plugins' (issue 22).
OLD_NAMES = (
    "explainer_facts",
    "_citations",
    "mentioned_entities",
    "linked_entities",
    "countries_list",
    "concerned_countries",
    "start_here",
    "related_explainers",
    "previous_explainer",
    "next_explainer",
    "explainer_map",
    "explainer_flag",
    "explainer_people_row",
    "timeline_countries",
    "timeline_highlight",
    "relations",
    "roles",
)
states, finished = [], []  # what the handlers below saw


def keep_state(readers):  # module-level, as blinker keeps weak references; sent once the build's state is made
    states.append(state.current())


def keep_generators(generators):
    finished.append(generators)


def run(content, output):
    signals.readers_init.connect(keep_state)
    signals.all_generators_finalized.connect(keep_generators)
    try:
        return runner.run(str(content), str(ROOT / "pelicanconf.py"), str(output), {"EXPLAINER_WORKERS": 0})
    finally:
        signals.readers_init.disconnect(keep_state)
        signals.all_generators_finalized.disconnect(keep_generators)


def test_a_build_after_a_failed_one_has_its_own_state_and_pages_carry_one_attribute(tmp_path, monkeypatch):
    states.clear()
    finished.clear()
    files = {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM flew.", category="news")}
    broken = make_site(tmp_path / "broken", {**files, "articles/b.md": article("b", "Text.", glossary_exclude="nope")})
    assert run(broken, tmp_path / "one").problems, "the build stopped on the mistake"
    failed = states[-1]
    closed = []
    monkeypatch.setattr(failed, "close", lambda: closed.append(failed))

    assert run(make_site(tmp_path / "fine", files), tmp_path / "two").problems == []
    generators, during = finished[-1], states[-1]
    assert during is not failed and during.registry is not failed.registry
    assert closed == [failed], "the failed build's workers were stopped when the next build started"
    assert state.current() is None, "and the state is dropped when a build ends"

    settings = generators[0].settings
    pickle.dumps(settings)  # nothing live: Pelican copies them into every template and pickles them
    contents = [
        c for g in generators for c in [*getattr(g, "articles", []), *getattr(g, "pages", []), *getattr(g, "entities", [])]
    ]
    assert contents
    for content in contents:
        assert isinstance(content.explainer, Extras)
        assert not set(OLD_NAMES) & set(vars(content)), content.source_path
