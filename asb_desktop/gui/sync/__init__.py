"""The share: setting it up, syncing, conflicts and changes set aside."""
