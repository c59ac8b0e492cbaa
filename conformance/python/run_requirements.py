"""Runs AWS's durable execution conformance requirements (the aws-durable-execution-conformance-tests
package: its requirement files, its invoker and its own matcher, validate_description) against a
local durable execution service, with this folder's handlers (handlers/*_cases.py, written on the
official Python SDK) as the functions.

  python run_requirements.py template --out T.yaml [--ordinary]
      the SAM template of one function per handler (Case_1_1 -> handlers/step_cases.case_1_1);
      --ordinary leaves DurableConfig out (for a plain host that the emulator invokes)
  python run_requirements.py validate --service NAME --endpoint URL --report R.json [--start-api dex]
      validates every requirement of the suites that have handlers; the functions must already be
      served: by local-lambda at URL (Invoke API), or, with --start-api dex, by a host that
      dex-local-runner at URL invokes (executions started with its /start-durable-execution)

Requirements with ExpectedLogs are validated without their log expectations (no CloudWatch Logs here)
and reported as such; no requirement file is changed otherwise.
"""
import argparse
import copy
import importlib
import json
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import yaml
from botocore.config import Config

from aws_durable_execution_conformance_tests import config as conf_config
from aws_durable_execution_conformance_tests import validate as conf_validate
from aws_durable_execution_conformance_tests.sam import InvocationResult, Invoker

HERE = Path(__file__).resolve().parent
SUITES = {"step": "step_cases", "wait": "wait_cases", "child": "child_cases",
          "wait_for_condition": "wait_for_condition_cases", "invoke": "invoke_cases",
          "callback": "callback_cases", "wait_for_callback": "wait_for_callback_cases", "map": "map_cases",
          "parallel": "parallel_cases"}
# the durable functions the invoke requirements call (handlers/targets.py), by environment variable
TARGETS = {"EchoTarget": ("targets.echo", "ECHO_TARGET"), "FailingTarget": ("targets.fail", "FAILING_TARGET"),
           "SizeTarget": ("targets.size", "SIZE_TARGET")}
REGION = "us-east-1"


def handler_of(description_id: str):
    """(module, function) of the handler written for requirement "1-2", or None. The modules are
    imported as the functions' runtime imports them: top-level, from the handlers folder."""
    for suite, module in SUITES.items():
        mod = importlib.import_module(module)
        name = "case_" + description_id.replace("-", "_")
        if hasattr(mod, name):
            return module, name
    return None


def requirement_files():
    """Every requirement of the package: (suite, id, path), in the package's order."""
    root = Path(conf_config.TESTS_DIR)
    out = []
    for suite_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(suite_dir.glob("*.yaml"), key=lambda p: [int(x) for x in p.stem.split("-")]):
            out.append((suite_dir.name, f.stem, f))
    return out


def function_name(description_id: str) -> str:
    return "Case_" + description_id.replace("-", "_")


def template(ordinary: bool) -> str:
    sys.path.insert(0, str(HERE / "handlers"))
    resources = {}
    for suite, rid, _ in requirement_files():
        h = handler_of(rid) if suite in SUITES else None
        if h is None:
            continue
        props = {"CodeUri": str(HERE / "handlers"), "Handler": f"{h[0]}.{h[1]}", "Runtime": "python3.11", "Timeout": 60,
                 "MemorySize": 256}
        if not ordinary:
            props["DurableConfig"] = {"ExecutionTimeout": 900}
        if suite == "invoke":
            props["Environment"] = {"Variables": {var: name + ":$LATEST" for name, (_, var) in TARGETS.items()}}
        resources[function_name(rid)] = {"Type": "AWS::Serverless::Function", "Properties": props}
    for name, (handler, _) in TARGETS.items():
        props = {"CodeUri": str(HERE / "handlers"), "Handler": handler, "Runtime": "python3.11", "Timeout": 60,
                 "MemorySize": 256}
        if not ordinary:
            props["DurableConfig"] = {"ExecutionTimeout": 900}
        resources[name] = {"Type": "AWS::Serverless::Function", "Properties": props}
    return yaml.safe_dump({"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
                           "Description": "Python handlers of AWS's conformance requirements (generated)",
                           "Resources": resources}, sort_keys=False)


class LocalInvoker(Invoker):
    """The package's own Invoker (Invoke with Qualifier $LATEST), functions named by their logical ids."""

    def _resolve_function(self, logical_id: str) -> str:
        return logical_id


class DexInvoker(Invoker):
    """Starts executions on dex-local-runner (/start-durable-execution); a synchronous invoke returns at the end."""

    def __init__(self, endpoint: str, lambda_client):
        super().__init__(stack_name="local", region=REGION, lambda_client=lambda_client)
        self._endpoint = endpoint.rstrip("/")

    def _invoke_boto3(self, function_name, event_file_path, invocation_type):
        payload = None
        if event_file_path is not None:
            from aws_durable_execution_conformance_tests.sam import EventFileReader
            payload = EventFileReader.extract_payload(EventFileReader.read(event_file_path))
        body = {"AccountId": "123456789012", "FunctionName": function_name, "FunctionQualifier": "$LATEST",
                "ExecutionName": str(uuid.uuid4()), "ExecutionTimeoutSeconds": 900,
                "ExecutionRetentionPeriodDays": 1, "Input": json.dumps(payload)}
        req = urllib.request.Request(self._endpoint + "/start-durable-execution", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=60) as r:
            arn = json.loads(r.read())["ExecutionArn"]
        if invocation_type == "RequestResponse":
            deadline = time.time() + 600
            while time.time() < deadline:
                status = self._get_lambda_client().get_durable_execution(DurableExecutionArn=arn)["Status"]
                if status != "RUNNING":
                    break
                time.sleep(0.5)
        return InvocationResult(success=True, command=f"start-durable-execution {function_name}",
                                output=json.dumps({"DurableExecutionArn": arn}), stderr="",
                                function_name=function_name)


def validate(service: str, endpoint: str, start_api: str, report: Path, workers: int) -> dict:
    sys.path.insert(0, str(HERE / "handlers"))
    client = boto3.client("lambda", region_name=REGION, endpoint_url=endpoint, aws_access_key_id="local",
                          aws_secret_access_key="local",
                          config=Config(retries={"mode": "standard", "max_attempts": 5}, read_timeout=900))
    clients = {"lambda": client}
    invoker = DexInvoker(endpoint, client) if start_api == "dex" else LocalInvoker(
        stack_name="local", region=REGION, lambda_client=client)
    tmp = Path(tempfile.mkdtemp(prefix="conformance-"))
    out_dir = report.parent / f"{service}-histories"
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()
    results = []

    def one(item):
        suite, rid, path = item
        entry = {"suite": suite, "id": rid}
        if suite not in SUITES or handler_of(rid) is None:
            entry["status"] = "NO_HANDLER"
            return entry
        data = yaml.safe_load(path.read_text())
        entry["optional"] = bool(data.get("optional", False))
        test_file = path
        if data.get("ExpectedLogs"):
            stripped = copy.deepcopy(data)
            del stripped["ExpectedLogs"]
            test_file = tmp / f"{rid}.yaml"
            test_file.write_text(yaml.safe_dump(stripped, sort_keys=False))
            entry["logsUnchecked"] = True
        started = time.time()
        try:
            r = conf_validate.validate_description(function_name=function_name(rid), description_id=rid,
                                                   test_file=str(test_file), invoker=invoker, tmp_dir=str(tmp),
                                                   region=REGION, aws_clients=clients, output_dir=str(out_dir))
            entry["status"] = "PASS" if r.passed else "FAIL"
            entry["errors"] = list(r.errors)[:20]
        except Exception as e:  # noqa: BLE001 - a crash of one requirement is that requirement's failure
            entry["status"] = "FAIL"
            entry["errors"] = [f"{type(e).__name__}: {e}"]
        entry["seconds"] = round(time.time() - started, 1)
        with lock:
            print(f"{service}: {entry['status']:10} {suite}/{rid} {entry.get('errors', [''])[:1]}", flush=True)
        return entry

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, requirement_files()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the stripped requirement files and the validator's scratch
    summary = {}
    for e in results:
        s = summary.setdefault(e["suite"], {"requirements": 0, "handlers": 0, "passed": 0, "failed": 0,
                                            "passedWithoutLogs": 0})
        s["requirements"] += 1
        if e["status"] == "NO_HANDLER":
            continue
        s["handlers"] += 1
        if e["status"] == "PASS":
            s["passed"] += 1
            if e.get("logsUnchecked"):
                s["passedWithoutLogs"] += 1
        else:
            s["failed"] += 1
    doc = {"service": service, "summary": summary, "cases": results}
    report.write_text(json.dumps(doc, indent=2))
    total = {k: sum(s[k] for s in summary.values()) for k in ("passed", "failed")}
    print(f"{service}: {total['passed']} passed, {total['failed']} failed", flush=True)
    return doc


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("template")
    t.add_argument("--out", required=True)
    t.add_argument("--ordinary", action="store_true")
    v = sub.add_parser("validate")
    v.add_argument("--service", required=True)
    v.add_argument("--endpoint", required=True)
    v.add_argument("--report", required=True)
    v.add_argument("--start-api", default="invoke", choices=["invoke", "dex"])
    v.add_argument("--workers", type=int, default=4)
    a = p.parse_args()
    if a.command == "template":
        Path(a.out).write_text(template(a.ordinary))
    else:
        validate(a.service, a.endpoint, a.start_api, Path(a.report), a.workers)


if __name__ == "__main__":
    main()
