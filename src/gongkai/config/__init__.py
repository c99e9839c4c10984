"""The project's settings (gongkai.yml and the column tree) and the context every rule sees: the
settings and the build day."""
