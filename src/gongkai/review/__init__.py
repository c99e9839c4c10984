"""审查: the review record bound to the text reviewed (digest), written in place, proved from git."""
