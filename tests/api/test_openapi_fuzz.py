"""Property-based run of the OpenAPI schema: schemathesis generates requests for every
operation (valid and invalid parameters); no response may be a server error, and every
response must match the documented status codes and content types."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks as st_checks

from nkwatch.api.app import create_app

from ..conftest import FIXTURE_KB


def _schema():
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "fuzz.duckdb"
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path, kb_dir=FIXTURE_KB))


schema = _schema()


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[st_checks.not_a_server_error,
                                   st_checks.status_code_conformance,
                                   st_checks.content_type_conformance])
