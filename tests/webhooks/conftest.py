from tests.api.support import (  # noqa: F401 - fixtures
    _fresh_cache,
    admin_client_api,
    anon_client,
    editor_client,
    outsider,
    reviewer_client,
)
