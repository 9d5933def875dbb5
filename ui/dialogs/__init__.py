"""Dialogs of the librarian's pages: add and edit works, copies and borrowers."""
