"""The Records menu: retention, legal holds and subject access."""
