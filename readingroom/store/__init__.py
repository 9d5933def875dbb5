"""The store: the database handle, the models and the numbered migrations.

Nothing here imports the domain above it; only the foundation modules
(``errors``, ``files``, ``clock``) are allowed beneath.
"""
