"""What is written: the generators of entity pages, indexes, the Sources page and the corrections log; the
template filters; the figures drawn at build time (relations graphs, maps, the people row, share cards); the
timeline's mark-up and the way into the story (chapters, key points, related explainers); hashed assets and
the sitemap. Templates a theme can override by name live beside the package, in `templates/`.
"""
