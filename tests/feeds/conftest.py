from tests.api.support import (  # noqa: F401 - fixtures
    _fresh_cache,
    anon_client,
    editor_client,
    outsider,
    reviewer_client,
)
