"""Nordic Exchange Guide: content loading, validation, page generation and the MkDocs glue."""
