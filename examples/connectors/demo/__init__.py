"""A placeholder connector package: replace this folder with your connector's Python files."""
