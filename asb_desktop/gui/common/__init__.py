"""What every room shares: the one work lane, error words, form support,
table models and small widgets. Imports no room."""
