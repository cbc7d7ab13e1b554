"""Tooling shipped with the plugin: `pelican-explainer-new-site`, which lays out a new explainer site that
builds green.
"""
