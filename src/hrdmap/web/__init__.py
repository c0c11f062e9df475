"""The web app and JSON API: a thin edge, beside the command line, over the services (docs/web.md)."""
