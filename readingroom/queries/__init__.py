"""The read side the front doors use: plain values for forms, and how a long read is run
so that a newer request can interrupt it. Nothing here changes data."""
