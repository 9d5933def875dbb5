"""Small widgets the librarian's pages share: search field, filters, tables, messages."""
