"""Tooling shipped with the plugin: `pelican-explainer build|check|serve|devserver`, the strict build that
prints every mistake as `path:line` with no traceback (cli.py, runner.py, devserver.py), and
`pelican-explainer-new-site`, which lays out a new explainer site that builds green (scaffold.py).
"""
