"""The lock screen and the idle watch that brings it up."""
