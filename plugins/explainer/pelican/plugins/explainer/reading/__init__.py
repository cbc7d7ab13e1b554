"""Reading and linking: every document is read once, while Python-Markdown still holds it as a tree.

The registry knows every entity's names before the first article is read; the Markdown reader converts each
document with the plugin's extensions (the linker, the source notes, the figures), which link the names and
record what the rest of the plugin needs to know of the document (its facts); other readers' HTML is linked
through html5lib. Worker processes convert ahead of Pelican, the content cache keeps conversions between
builds, and the limits bound the work one document may cause.
"""
