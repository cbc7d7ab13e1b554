"""The strict run of Pelican that `make build` makes (the plugin's runner, as tools/build.py calls it), for the
benchmark: `python strict_run.py CONTENT SETTINGS OUTPUT [KEY=JSON …]`. This site and Pelican without the plugin
are timed through this same code; the plugin's `pelican-explainer build` would refuse the second, whose
PLUGINS leaves the plugin out on purpose."""

import json
import sys

from pelican.plugins.explainer.tooling import runner


def main(argv):
    content, settings, output, *extra = argv
    overrides = {key: json.loads(value) for key, value in (item.split("=", 1) for item in extra)}
    return runner.report(runner.run(content, settings, output, overrides))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
