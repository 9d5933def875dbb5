"""Item models of the librarian's pages.

Large tables (catalogue, borrowers, loans, audit log) are :class:`LazyTableModel`\\ s: the
ordered ids come from SQL (``readingroom.browse``) and rows are fetched in blocks as the
view shows them. Small lists (a work's copies, a queue, a history) are
:class:`RowListModel`\\ s over a Python list.
"""
