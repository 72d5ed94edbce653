from tests.ui.security.counter_fixtures import session  # noqa: F401 - the fixture
