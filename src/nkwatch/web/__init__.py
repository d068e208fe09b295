"""The explorer: server-rendered pages with light JavaScript, assets shipped in the package."""
