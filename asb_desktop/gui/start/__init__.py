"""From launch to the main window: the first window, the profile choice,
the passphrase and the lock's set-up."""
