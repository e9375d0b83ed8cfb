#!/usr/bin/env python3
"""AWS emulator for cloudpack+ PORTAL's tests: moto server plus what the portal needs that moto lacks.

Run with the moto venv's python (scripts/lib.sh ensure_aws_emulator exports PORTAL_AWS_EMULATOR_PYTHON):

    $PORTAL_AWS_EMULATOR_PYTHON scripts/aws_emulator.py -H 127.0.0.1 -p PORT

Everything moto serves stays as it is. Added:

- Support API operations moto 5.2.5 does not have, answered in AWS's wire shape from seeded results:
  DescribeTrustedAdvisorCheckResult, DescribeTrustedAdvisorCheckSummaries,
  DescribeTrustedAdvisorCheckRefreshStatuses. A check of moto's catalogue without a seeded result is
  `not_available` with zero counts; an id outside the catalogue and the seeds is
  InvalidParameterValueException.
- The Trusted Advisor API (`trustedadvisor`, REST-JSON, which moto does not emulate): ListChecks,
  ListRecommendations and ListRecommendationResources over the same catalogue and seeds. Requests are
  told apart by the service in their SigV4 credential scope.
- POST /moto-api/portal/trusted-advisor  {"results": [<DescribeTrustedAdvisorCheckResult "result">...],
  "account_id": "<optional: only for this account>"}: seeds (or replaces, by checkId) check results.
- GET  /moto-api/portal/requests: every AWS request received so far (method, path, service, region,
  operation, X-Amz-Target, decoded parameters; never the Authorization header), oldest first.
  Requests to /moto-api/ are not recorded.
- POST /moto-api/portal/faults  {"operation": "AssumeRole", "status": 400, "code": "ThrottlingException",
  "message": "...", "times": N}: the next N requests for that operation get that error, in the
  protocol's own shape (query/XML for STS, JSON otherwise). Several faults for one operation queue up.
- GET  /moto-api/portal/whoami: {"token": $PORTAL_AWS_EMULATOR_TOKEN}, so that a test helper knows the
  server on its port is the one it started.
- POST /moto-api/reset (moto's own) also clears the seeds, the recorded requests and the faults;
  POST /moto-api/portal/reset clears only those.
"""

import http
import io
import json
import logging
import os
import re
import threading
import urllib.parse
import uuid
from xml.sax.saxutils import escape as xml_escape

import moto.server
from moto.core import DEFAULT_ACCOUNT_ID
from moto.iam.models import get_account_id_from
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.support.models import ADVISOR_CHECKS
from moto.support.responses import SupportResponse

# moto's fixed catalogue of real checks (id, name, description, category, metadata).
CATALOGUE = {check["id"]: check for check in ADVISOR_CHECKS["checks"]}
ANY_ACCOUNT = "*"
EPOCH = "1970-01-01T00:00:00Z"
ISO_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class PortalState:
    """Seeds, recorded requests and faults; the server is threaded, so every access holds the lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.results = {}  # account id or ANY_ACCOUNT -> check id -> result
        self.requests = []
        self.faults = {}  # operation -> list of [fault, remaining]

    def reset(self):
        with self.lock:
            self.clear()

    def seed(self, results, account_id):
        with self.lock:
            by_check = self.results.setdefault(account_id or ANY_ACCOUNT, {})
            for result in results:
                by_check[result["checkId"]] = result

    def results_for(self, account_id):
        """The account's own seeds over those seeded for every account."""
        with self.lock:
            merged = dict(self.results.get(ANY_ACCOUNT, {}))
            merged.update(self.results.get(account_id, {}))
            return merged

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def recorded(self):
        with self.lock:
            return list(self.requests)

    def add_fault(self, fault):
        with self.lock:
            self.faults.setdefault(fault["operation"], []).append([fault, int(fault.get("times", 1))])

    def take_fault(self, operation):
        """The fault this request of `operation` gets, counting it down; None when there is none."""
        with self.lock:
            queue = self.faults.get(operation)
            while queue:
                fault, remaining = queue[0]
                if remaining <= 0:
                    queue.pop(0)
                    continue
                queue[0][1] = remaining - 1
                return fault
            return None


STATE = PortalState()


# --- Trusted Advisor data in AWS's shapes ------------------------------------------------------------


def not_available_result(check_id):
    return {
        "checkId": check_id,
        "timestamp": "",
        "status": "not_available",
        "resourcesSummary": {
            "resourcesProcessed": 0,
            "resourcesFlagged": 0,
            "resourcesIgnored": 0,
            "resourcesSuppressed": 0,
        },
        "categorySpecificSummary": {},
        "flaggedResources": [],
    }


def resources_summary(result):
    summary = result.get("resourcesSummary") or {}
    return {
        key: int(summary.get(key, 0))
        for key in ("resourcesProcessed", "resourcesFlagged", "resourcesIgnored", "resourcesSuppressed")
    }


def summary_of(result):
    flagged = result.get("flaggedResources") or []
    counts = resources_summary(result)
    return {
        "checkId": result["checkId"],
        "timestamp": result.get("timestamp", ""),
        "status": result.get("status", "not_available"),
        "hasFlaggedResources": bool(flagged) or counts["resourcesFlagged"] > 0,
        "resourcesSummary": counts,
        "categorySpecificSummary": result.get("categorySpecificSummary") or {},
    }


def full_result(result):
    return {
        "checkId": result["checkId"],
        "timestamp": result.get("timestamp", ""),
        "status": result.get("status", "not_available"),
        "resourcesSummary": resources_summary(result),
        "categorySpecificSummary": result.get("categorySpecificSummary") or {},
        "flaggedResources": [
            {
                "status": resource.get("status", "warning"),
                "region": resource.get("region"),
                "resourceId": resource["resourceId"],
                "isSuppressed": bool(resource.get("isSuppressed", False)),
                "metadata": resource.get("metadata") or [],
            }
            for resource in result.get("flaggedResources") or []
        ],
    }


def json_error(status, code, message):
    # moto takes an operation's status from the "status" header, not from the tuple.
    return (
        status,
        {"status": str(status), "x-amzn-ErrorType": code, "Content-Type": "application/x-amz-json-1.1"},
        json.dumps({"__type": code, "message": message}),
    )


# --- Support API operations moto lacks (methods of moto's SupportResponse) --------------------------


def describe_trusted_advisor_check_result(self):
    check_id = self._get_param("checkId")
    result = STATE.results_for(self.current_account).get(check_id)
    if result is None:
        if check_id not in CATALOGUE:
            return json_error(400, "InvalidParameterValueException", f"Check {check_id} does not exist")
        result = not_available_result(check_id)
    return json.dumps({"result": full_result(result)})


def describe_trusted_advisor_check_summaries(self):
    seeded = STATE.results_for(self.current_account)
    check_ids = self._get_param("checkIds") or []
    summaries = [summary_of(seeded.get(check_id) or not_available_result(check_id)) for check_id in check_ids]
    return json.dumps({"summaries": summaries})


def describe_trusted_advisor_check_refresh_statuses(self):
    known = self.support_backend.check_status
    statuses = [
        {"checkId": check_id, "status": known.get(check_id, "none"), "millisUntilNextRefreshable": 0}
        for check_id in self._get_param("checkIds") or []
    ]
    return json.dumps({"statuses": statuses})


SupportResponse.describe_trusted_advisor_check_result = describe_trusted_advisor_check_result
SupportResponse.describe_trusted_advisor_check_summaries = describe_trusted_advisor_check_summaries
SupportResponse.describe_trusted_advisor_check_refresh_statuses = describe_trusted_advisor_check_refresh_statuses


# --- The Trusted Advisor API (REST-JSON) ------------------------------------------------------------

RESOURCES_PATH = re.compile(r"^/v1/recommendations/(.+)/resources$")
PAGE_SIZE = 100


def check_arn(check_id):
    return f"arn:aws:trustedadvisor:::check/{check_id}"


def recommendation_id(check_id):
    # AWS's recommendation ids are UUIDs (at least 20 characters); one per check keeps them stable.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, check_arn(check_id)))


def recommendation_arn(account_id, rec_id):
    return f"arn:aws:trustedadvisor::{account_id}:recommendation/{rec_id}"


def iso_or(timestamp, fallback):
    return timestamp if isinstance(timestamp, str) and ISO_TIMESTAMP.match(timestamp) else fallback


def page(items, query, key):
    """One page of `items` as `{key: [...], "nextToken": ...}`; the token is the next offset."""
    start = int(query.get("nextToken") or 0)
    size = int(query.get("maxResults") or PAGE_SIZE)
    body = {key: items[start : start + size]}
    if start + size < len(items):
        body["nextToken"] = str(start + size)
    return body


def check_summary(check):
    return {
        "id": check["id"],
        "arn": check_arn(check["id"]),
        "name": check["name"],
        "description": check["description"],
        "pillars": [check["category"]],
        "awsServices": [],
        "source": "ta_check",
        "metadata": {str(i): column for i, column in enumerate(check.get("metadata") or [])},
    }


def recommendation_summary(account_id, result):
    check = CATALOGUE.get(result["checkId"], {})
    counts = resources_summary(result)
    flagged = result.get("flaggedResources") or []
    errors = sum(1 for resource in flagged if resource.get("status") == "error")
    summary = {
        "id": recommendation_id(result["checkId"]),
        "type": "standard",
        "checkArn": check_arn(result["checkId"]),
        "status": result["status"],
        "pillars": [check.get("category", "cost_optimizing")],
        "source": "ta_check",
        "name": check.get("name", result["checkId"]),
        "resourcesAggregates": {
            "okCount": max(counts["resourcesProcessed"] - counts["resourcesFlagged"], 0),
            "warningCount": max(counts["resourcesFlagged"] - errors, 0),
            "errorCount": errors,
        },
        "arn": recommendation_arn(account_id, recommendation_id(result["checkId"])),
    }
    cost = (result.get("categorySpecificSummary") or {}).get("costOptimizing")
    if cost:
        summary["pillarSpecificAggregates"] = {
            "costOptimizing": {
                "estimatedMonthlySavings": float(cost.get("estimatedMonthlySavings", 0)),
                "estimatedPercentMonthlySavings": float(cost.get("estimatedPercentMonthlySavings", 0)),
            }
        }
    timestamp = iso_or(result.get("timestamp"), None)
    if timestamp:
        summary["lastUpdatedAt"] = timestamp
    return summary


def resource_summary(account_id, result, index, resource):
    rec_id = recommendation_id(result["checkId"])
    return {
        "id": f"{rec_id}-{index}",
        "arn": f"arn:aws:trustedadvisor::{account_id}:recommendation-resource/{rec_id}/{index}",
        "awsResourceId": resource["resourceId"],
        "regionCode": resource.get("region") or "-",
        "status": resource.get("status", "warning"),
        "metadata": {str(i): value for i, value in enumerate(resource.get("metadata") or []) if value is not None},
        "lastUpdatedAt": iso_or(result.get("timestamp"), EPOCH),
        "exclusionStatus": "excluded" if resource.get("isSuppressed") else "included",
        "recommendationArn": recommendation_arn(account_id, rec_id),
    }


def trusted_advisor_operation(method, path):
    if method == "GET" and path == "/v1/checks":
        return "ListChecks"
    if method == "GET" and path == "/v1/recommendations":
        return "ListRecommendations"
    if method == "GET" and RESOURCES_PATH.match(path):
        return "ListRecommendationResources"
    return None


def trusted_advisor_answer(operation, path, query, account_id):
    """(status, headers, body) of one Trusted Advisor API request."""
    ok = {"Content-Type": "application/json"}
    # Only results a check run produced are recommendations (the API has no not_available).
    results = [r for r in STATE.results_for(account_id).values() if r.get("status") in ("ok", "warning", "error")]
    if operation == "ListChecks":
        checks = [check_summary(check) for check in CATALOGUE.values()]
        return 200, ok, json.dumps(page(checks, query, "checkSummaries"))
    if operation == "ListRecommendations":
        summaries = [recommendation_summary(account_id, r) for r in results]
        return 200, ok, json.dumps(page(summaries, query, "recommendationSummaries"))
    if operation == "ListRecommendationResources":
        wanted = urllib.parse.unquote(RESOURCES_PATH.match(path).group(1))
        for result in results:
            rec_id = recommendation_id(result["checkId"])
            if wanted in (rec_id, recommendation_arn(account_id, rec_id)):
                resources = [
                    resource_summary(account_id, result, i, resource)
                    for i, resource in enumerate(result.get("flaggedResources") or [])
                ]
                return 200, ok, json.dumps(page(resources, query, "recommendationResourceSummaries"))
        return rest_error(404, "ResourceNotFoundException", f"Recommendation {wanted} does not exist")
    return rest_error(404, "UnknownOperationException", f"No operation at {path}")


def rest_error(status, code, message):
    return status, {"x-amzn-ErrorType": code, "Content-Type": "application/json"}, json.dumps({"message": message})


# --- The WSGI layer: portal endpoints, recording, faults --------------------------------------------


def read_body(environ):
    """The request body, put back so that moto can read it again."""
    length = environ.get("CONTENT_LENGTH")
    stream = environ["wsgi.input"]
    if length:
        body = stream.read(int(length))
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def credential_scope(environ):
    """(access key id, region, service) from a SigV4 Authorization header, else Nones."""
    match = re.search(r"Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    return match.groups() if match else (None, None, None)


def flatten(multi):
    """parse_qs's lists as single values where a key occurs once."""
    return {key: values[0] if len(values) == 1 else values for key, values in multi.items()}


def decoded_params(environ, body):
    query = flatten(urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
    content_type = environ.get("CONTENT_TYPE", "")
    params = dict(query)
    if body and content_type.startswith("application/x-www-form-urlencoded"):
        params.update(flatten(urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)))
    elif body and "json" in content_type:
        try:
            decoded = json.loads(body)
            params = {**params, **decoded} if isinstance(decoded, dict) else {**params, "body": decoded}
        except ValueError:
            params["body"] = body.decode("utf-8", "replace")
    return query, params


def respond(start_response, status, headers, body):
    data = body.encode("utf-8") if isinstance(body, str) else body
    phrase = http.HTTPStatus(status).phrase if status in http.HTTPStatus._value2member_map_ else "Error"
    fields = [(name, value) for name, value in headers.items() if name != "status"]
    start_response(f"{status} {phrase}", fields + [("Content-Length", str(len(data)))])
    return [data]


def fault_answer(fault, protocol):
    status = int(fault.get("status", 400))
    code = fault["code"]
    message = fault.get("message") or "injected by the AWS emulator"
    if protocol == "query":
        kind = "Sender" if status < 500 else "Receiver"
        body = (
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
            f"<Error><Type>{kind}</Type><Code>{xml_escape(code)}</Code><Message>{xml_escape(message)}</Message></Error>"
            f"<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
        )
        return status, {"Content-Type": "text/xml"}, body
    if protocol == "rest-json":
        return rest_error(status, code, message)
    return json_error(status, code, message)


def portal_endpoint(environ, body):
    """(status, headers, body) for /moto-api/portal/*, or None for any other path."""
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "GET")
    ok = {"Content-Type": "application/json"}
    if path == "/moto-api/portal/whoami" and method == "GET":
        return 200, ok, json.dumps({"token": os.environ.get("PORTAL_AWS_EMULATOR_TOKEN")})
    if path == "/moto-api/portal/requests" and method == "GET":
        return 200, ok, json.dumps(STATE.recorded())
    if path == "/moto-api/portal/trusted-advisor" and method == "POST":
        payload = json.loads(body or b"{}")
        STATE.seed(payload.get("results", []), payload.get("account_id"))
        return 201, ok, json.dumps({"status": "ok"})
    if path == "/moto-api/portal/faults" and method == "POST":
        fault = json.loads(body or b"{}")
        if not fault.get("operation") or not fault.get("code"):
            return 400, ok, json.dumps({"error": "operation and code are required"})
        STATE.add_fault(fault)
        return 201, ok, json.dumps({"status": "ok"})
    if path == "/moto-api/portal/reset" and method == "POST":
        STATE.reset()
        return 200, ok, json.dumps({"status": "ok"})
    if path.startswith("/moto-api/portal/"):
        return 404, ok, json.dumps({"error": f"no {method} {path}"})
    return None


class PortalApplication(DomainDispatcherApplication):
    """moto's dispatcher with the portal's endpoints, request recording and fault injection in front."""

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        body = read_body(environ)

        if path.startswith("/moto-api/"):
            answer = portal_endpoint(environ, body)
            if answer is not None:
                return respond(start_response, *answer)
            if path == "/moto-api/reset" and method == "POST":
                STATE.reset()
            return super().__call__(environ, start_response)

        access_key, region, service = credential_scope(environ)
        query, params = decoded_params(environ, body)
        target = environ.get("HTTP_X_AMZ_TARGET")
        if service == "trustedadvisor":
            protocol, operation = "rest-json", trusted_advisor_operation(method, path)
            label = RESOURCES_PATH.match(path)
            if label:
                params["recommendationIdentifier"] = urllib.parse.unquote(label.group(1))
        elif target:
            protocol, operation = "json", target.rsplit(".", 1)[-1]
        else:
            protocol, operation = "query", params.get("Action")
        STATE.record(
            {
                "method": method,
                "path": path,
                "service": service,
                "region": region,
                "operation": operation,
                "target": target,
                "params": params,
            }
        )

        fault = STATE.take_fault(operation) if operation else None
        if fault is not None:
            return respond(start_response, *fault_answer(fault, protocol))
        if service == "trustedadvisor":
            account_id = get_account_id_from(access_key) if access_key else DEFAULT_ACCOUNT_ID
            return respond(start_response, *trusted_advisor_answer(operation, path, query, account_id))
        return super().__call__(environ, start_response)


def main():
    # One line per request from werkzeug would drown the tests' output; errors still show.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto.server.DomainDispatcherApplication = PortalApplication
    moto.server.main()


if __name__ == "__main__":
    main()
