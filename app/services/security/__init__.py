"""Officer accounts, passwords, and (later) data-at-rest protection and the access log."""
