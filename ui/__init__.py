"""The Qt desktop app. Talks to the domain only through ``readingroom``'s service functions."""
