"""The dashboard's static files (package data), served by `eventwire.api`."""
