"""What runs inside MkDocs: the build's events (`plugin`), render-ahead, the Markdown converter,
the quick inline pass and our Markdown extensions (数说 charts, 问答)."""
