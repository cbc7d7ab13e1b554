"""The checks: what an author may get wrong, found before anything is written and reported as `path:line:
what is wrong — what to do`, every mistake of a build in one round. The content folder is checked before
Pelican opens a file, each document once it is read (its metadata, footnotes, links, images and its
converted HTML against one allowlist), and the whole site once everything is read; `make check` also lists
advice (unused entries, one-sided relations, copies of sources) that never fails a build.
"""
