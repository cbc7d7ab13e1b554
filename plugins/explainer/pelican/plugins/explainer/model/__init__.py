"""The entity model: entities of each declared kind and the metadata schema they follow, their relations and
roles, the sources a page cites, how fresh a page is and what was corrected, and the words the templates
show in each language. Nothing here reads files or writes pages; the checks and the pages read it.
"""
