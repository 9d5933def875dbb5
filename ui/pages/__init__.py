"""The pages of the librarian's window, one module each (see ``ui/pages/base.py``)."""
