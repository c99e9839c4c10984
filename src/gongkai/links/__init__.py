"""Links (GK4xx): the internal gate run on every build, and the scheduled external check.

- `scan`: one pass over the built HTML collecting every link and every anchor;
- `internal`: the gate (missing page, anchor, file, withheld document, leaving `site/`, warnings);
- `sources`: maps a finding in a built page back to its Markdown file and line;
- `external`: outbound URLs checked with lychee, with a cache, a whitelist and a report.
"""

EXTERNAL_CACHE = ".cache/gongkai-links.json"  # the external check's memory of checked URLs
