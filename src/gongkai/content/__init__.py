"""The column's content: a document read and split, its front-matter model, the site index,
derived validity, URLs, the prose view of a text, directives, procurement chains, attachments and
the parse cache."""
