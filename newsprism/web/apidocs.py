"""The HTTP API described for people: `/docs` (a page) and `/api` (a JSON index), both read from the
same OpenAPI document `/openapi.json` serves, so the description cannot drift from the endpoints.

FastAPI's own Swagger UI and ReDoc load scripts from a CDN, which the pages' Content-Security-Policy
forbids and an offline newsroom cannot reach; this page needs neither.
"""

from __future__ import annotations

from typing import Any


def api_endpoints(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of an OpenAPI document: method, path, summary, description, parameters, in order.

    >>> api_endpoints({"paths": {"/api/x": {"get": {"summary": "X", "parameters": []}}}})[0]["path"]
    '/api/x'
    """
    endpoints = []
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or "",
                    "description": operation.get("description") or "",
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                }
            )
    return endpoints


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    return {
        "name": parameter.get("name", ""),
        "in": parameter.get("in", ""),
        "required": bool(parameter.get("required")),
        "type": _type_name(schema),
        "description": parameter.get("description") or schema.get("description") or "",
    }


def _type_name(schema: dict[str, Any]) -> str:
    # An optional parameter is `anyOf: [{type: integer}, {type: null}]` in FastAPI's documents.
    if "anyOf" in schema:
        return " or ".join(_type_name(option) for option in schema["anyOf"] if option.get("type") != "null")
    return str(schema.get("type", "any"))
