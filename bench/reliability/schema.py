"""Schemathesis: its strategies over /openapi.json against the served product, with the checks
tests/web/test_openapi_schemathesis.py uses; counts calls and failures (each printed)."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from .common import Product, Result


def run(quick: bool, examples: int | None = None) -> Result:
    examples = examples or (3 if quick else 50)
    wanted = [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
    ]
    calls = 0
    failures: list[str] = []
    operations = 0
    with Product() as product:
        product.setup()
        product.serve()
        schema = schemathesis.openapi.from_url(f"http://127.0.0.1:{product.port}/openapi.json")
        token = product.tokens["admin"]

        def self_check(label: str) -> Any:
            def check(case: Any) -> None:
                nonlocal calls
                if case.path.startswith("/api/v1/admin"):
                    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
                calls += 1
                try:
                    case.call_and_validate(checks=wanted)
                except Exception as exc:  # every failure counted and printed, none stops the run
                    first = str(exc).strip().splitlines()
                    failures.append(f"{label}: {' / '.join(first[:3])[:300]}")

            return check

        for result in schema.get_all_operations():
            operation = result.ok()
            label = f"{operation.method.upper()} {operation.path}"
            if label == "DELETE /api/v1/admin/tokens/{name}":
                continue  # revoking the fuzzer's own token would end the run
            operations += 1

            check = given(case=operation.as_strategy())(self_check(label))
            settings(
                max_examples=examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )(check)()

    distinct = sorted(set(failures))
    figures = (
        f"{calls} calls on {operations} operations; "
        f"{len(failures)} failures ({len(distinct)} distinct)"
    )
    return Result("schemathesis", figures, distinct, details={"calls": calls})
