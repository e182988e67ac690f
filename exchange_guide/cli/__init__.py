"""The `exchange-guide` command (main.py), with its sub-commands estimate, review and check-links."""
