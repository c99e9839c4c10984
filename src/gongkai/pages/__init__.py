"""Generated pages: document views, column listings, catalogue exports."""
