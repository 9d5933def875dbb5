"""Reading Room: the domain (services and queries) over the store."""
