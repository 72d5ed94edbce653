"""The newest revision in ``versions/``. Start-up compares the database with this and
skips importing Alembic (a few hundred ms) when nothing is to be done. A test checks
it against Alembic's own view of the head."""

HEAD = "0015_face_sync"
