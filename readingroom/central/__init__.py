"""The union catalogue: one central database built from the branches' signed bundles.

A branch runs its own catalogue (``readingroom.store``); head office and the inspectorate
keep a separate central database made by ``central init``. Each branch's inspection bundle
(``export-bundle``) is checked and loaded into it by ``central import-bundle``: the holdings,
stocktake outcomes, overrides and loan statistics, with every member number replaced by a
per-branch pseudonym. Its own models and schema (:mod:`readingroom.central.models`, numbered
migrations under ``migrations/``) are written with peewee only, so the same code runs on
SQLite and on PostgreSQL.
"""
