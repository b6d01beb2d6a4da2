"""The local store: one SQLite (SQLCipher) file per profile, reached only by controllers."""
