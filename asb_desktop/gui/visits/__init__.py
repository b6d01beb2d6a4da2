"""The Tenancy visits tab."""
