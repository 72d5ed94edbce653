"""Local storage: SQLAlchemy models, the database session, Alembic migrations."""
