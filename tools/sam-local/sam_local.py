"""The stores `sam local` runs against, and the checked `sam local invoke` of every template function.

Run by scripts/sam-local.sh with the SAM CLI's own Python (.tools/sam-venv: boto3 and SAM's YAML reader).

    python sam_local.py invoke --out results/sam-local-invoke.md   # every template function, answers checked
    python sam_local.py stores --env-file F --ready-file R          # only start the stores (start-lambda)

The stores are containers on a Docker network created here: DynamoDB Local (alias `dynamodb`) and
LocalStack's S3 (alias `s3`), published on 127.0.0.1 only. Every container and the network are
removed by id on exit; images stay.
"""
import argparse
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

import boto3
from botocore.config import Config
from samcli.yamlhelper import yaml_parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAM = os.path.join(ROOT, ".tools", "sam-venv", "bin", "sam")
BUILT_TEMPLATE = os.path.join(ROOT, ".aws-sam", "build", "template.yaml")
BUCKET = "videobucket"  # the bucket events/video-*.json name
REGION = "us-east-1"

# Each function, its event, and what its answer must show.
EVENTS = [
    ("CounterBaselineFunction", "counter-baseline.json"),
    ("CounterDurableFunction", "counter-durable.json"),
    ("VideoDurableFunction", "video-durable.json"),
    ("VideoChunkEncoderFunction", "video-chunk-encoder.json"),
    ("VideoBaselineFunction", "video-baseline.json"),
    ("VideoBaselinePaperFunction", "video-baseline-paper.json"),
    ("VideoChunkWorkerFunction", "video-chunk-worker.json"),
    # slices of a large job: chunks 2 and 3 of video-job-1, whose segments the jobs above stored
    ("VideoSliceFunction", "video-slice.json"),
    ("VideoBaselineSliceFunction", "video-baseline-slice.json"),
    ("CounterEntityFunction", "counter-entity.json"),
]
REPORT = re.compile(r"REPORT RequestId: \S+\s+(?:Init Duration: ([\d.]+) ms\s+)?Duration: ([\d.]+) ms")
ARN = re.compile(r"^ARN: (\S+)", re.MULTILINE)  # SAM's "Durable execution started" notice


def log(message):
    print(f"sam-local: {message}", flush=True)


def docker(*args, check=True):
    r = subprocess.run(["docker", *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout.strip()


class Stores:
    """The Docker network and the store containers, removed by id on close."""

    def __init__(self):
        self.containers = []
        self.network = None

    def __enter__(self):
        self.network = f"durable-bench-sam-{os.getpid()}"
        docker("network", "create", self.network)
        dynamodb_image = os.environ["DYNAMODB_IMAGE"]
        localstack_image = os.environ["LOCALSTACK_IMAGE"]
        for image in (dynamodb_image, localstack_image):
            if not docker("image", "inspect", "-f", "{{.Id}}", image, check=False):
                raise RuntimeError(f"image {image} is missing: run bash scripts/images.sh (nothing is pulled)")
        self.dynamodb = self._run(dynamodb_image, "dynamodb", 8000)
        self.s3 = self._run(localstack_image, "s3", 4566, "-e", "SERVICES=s3")
        return self

    def _run(self, image, alias, port, *extra):
        cid = docker("run", "-d", "--network", self.network, "--network-alias", alias,
                     "-p", f"127.0.0.1::{port}", *extra, image)
        self.containers.append(cid)
        host_port = docker("port", cid, f"{port}/tcp").splitlines()[0].rsplit(":", 1)[1]
        return f"http://127.0.0.1:{host_port}"

    def __exit__(self, *exc):
        # Function containers SAM attached to this network and did not remove (an invoke cut short).
        if self.network:
            attached = docker("network", "inspect", "-f", "{{range $id, $c := .Containers}}{{$id}} {{end}}",
                              self.network, check=False).split()
            self.containers.extend(c for c in attached if c not in self.containers)
        for cid in reversed(self.containers):
            docker("rm", "-f", cid, check=False)
        if self.network:
            docker("network", "rm", self.network, check=False)

    def client(self, service):
        url = self.dynamodb if service == "dynamodb" else self.s3
        return boto3.client(service, endpoint_url=url, region_name=REGION, aws_access_key_id="local",
                            aws_secret_access_key="local",
                            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))

    def wait_ready(self, timeout=120):
        deadline = time.time() + timeout
        for service in ("dynamodb", "s3"):
            while True:
                try:
                    c = self.client(service)
                    c.list_tables() if service == "dynamodb" else c.list_buckets()
                    break
                except Exception as e:  # not up yet
                    if time.time() > deadline:
                        raise RuntimeError(f"{service} container not ready after {timeout} s: {e}")
                    time.sleep(0.5)

    def create_template_resources(self, template, source_video):
        """The template's tables (named by logical id) and the video bucket with the benchmark source."""
        ddb = self.client("dynamodb")
        for logical_id, resource in template["Resources"].items():
            if resource["Type"] == "AWS::DynamoDB::Table":
                p = resource["Properties"]
                ddb.create_table(TableName=logical_id, AttributeDefinitions=p["AttributeDefinitions"],
                                 KeySchema=p["KeySchema"], BillingMode=p["BillingMode"])
        s3 = self.client("s3")
        s3.create_bucket(Bucket=BUCKET)
        with open(source_video, "rb") as f:
            s3.put_object(Bucket=BUCKET, Key="inputs/benchmark.mp4", Body=f.read())


def env_vars(template):
    """--env-vars: the endpoints for every function, and what the template's !Ref/!Sub name locally."""
    out = {"Parameters": {"AWS_ENDPOINT_URL_DYNAMODB": "http://dynamodb:8000", "AWS_ENDPOINT_URL_S3": "http://s3:4566"}}
    names = {"CounterTable": "CounterTable", "VideoJobTable": "VideoJobTable", "VideoBucket": BUCKET}
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        variables = {}
        for key, value in (resource["Properties"].get("Environment", {}).get("Variables", {}) or {}).items():
            if isinstance(value, dict) and "Ref" in value and value["Ref"] in names:
                variables[key] = names[value["Ref"]]
            elif isinstance(value, dict) and ("Ref" in value or "Fn::Sub" in value):
                # another function: invoked by name on a local Lambda endpoint (not used by these events)
                ref = value.get("Ref") or value["Fn::Sub"].split("}")[0].lstrip("${")
                variables[key] = ref
        out[logical_id] = variables
    return out


def sam_env():
    env = dict(os.environ)
    env.update(SAM_CLI_TELEMETRY="0", AWS_ACCESS_KEY_ID="local", AWS_SECRET_ACCESS_KEY="local",
               AWS_DEFAULT_REGION=REGION, AWS_REGION=REGION)
    return env


def sam(*args, timeout=600):
    r = subprocess.run([SAM, *args], capture_output=True, text=True, env=sam_env(), timeout=timeout, cwd=ROOT)
    return r


def invoke_args(function, event, env_file, network):
    return ["local", "invoke", function, "-t", BUILT_TEMPLATE, "-e", event, "--env-vars", env_file,
            "--docker-network", network, "--skip-pull-image"]


def reports(stderr):
    return [(float(m.group(1)) if m.group(1) else None, float(m.group(2))) for m in REPORT.finditer(stderr)]


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def durable_result(stdout, stderr):
    """A durable invoke's answer: the execution's Result, read with `sam local execution get`."""
    m = ARN.search(stderr) or ARN.search(stdout)
    expect(m, "no durable execution ARN in the invoke's output: " + stdout[-800:] + stderr[-800:])
    arn = m.group(1)
    r = sam("local", "execution", "get", arn, "--format", "json", timeout=60)
    expect(r.returncode == 0, f"sam local execution get: {r.stderr[-500:]}")
    details = json.loads(r.stdout)
    expect(details.get("Status") == "SUCCEEDED", f"execution {arn} is {details.get('Status')}: {details.get('Error')}")
    return arn, json.loads(details["Result"])


def history(arn):
    r = sam("local", "execution", "history", arn, "--format", "json", timeout=60)
    expect(r.returncode == 0, f"sam local execution history: {r.stderr[-500:]}")
    return json.loads(r.stdout)["Events"]


def check_counter(answer):
    expect(answer.get("finalValue") == 2, f"finalValue {answer.get('finalValue')}, expected 2")
    values = [r["value"] for r in answer["results"]]
    expect(values == [1, 3, 3, 2], f"per-operation values {values}, expected [1, 3, 3, 2]")
    return f"finalValue 2, values {values}"


def check_video(answer, event):
    expect(answer.get("error") is None, f"error {answer.get('error')}")
    chunks = answer.get("chunks") or []
    expect(len(chunks) == event["chunkCount"], f"{len(chunks)} chunks, expected {event['chunkCount']}")
    expect(answer.get("frameCount") == 240, f"frameCount {answer.get('frameCount')}, expected 240 (10 s at 24 fps)")
    expect(sorted(c["index"] for c in chunks) == list(range(event["chunkCount"])), "chunk indexes not 0..n-1")
    return f"{len(chunks)} chunks, {answer['frameCount']} frames, output {answer['output']['key']}"


def check_coordination(function, answer, event):
    """The two coordinations leave different DynamoDB traces (video-baseline/README.md): the optimized
    one claims the job with one PutItem and records chunks with UpdateItem; the paper's design puts one
    status record per chunk besides the job's and polls them with GetItem (at least one round)."""
    calls = answer["metrics"]["coordination"]["byOperation"]
    chunks = event["chunkCount"]
    if function == "VideoBaselineFunction":
        expect(calls.get("PutItem") == 1, f"optimized coordination: {calls}, expected one PutItem (the claim)")
    else:
        expect(calls.get("PutItem") == 1 + chunks and calls.get("GetItem", 0) >= chunks,
               f"paper coordination: {calls}, expected {1 + chunks} PutItem and at least {chunks} GetItem")
    return f"; DynamoDB {dict(sorted(calls.items()))}"


def forget_job(stores, job_id):
    """Removes a baseline job's records, so that the next invoke with the same job id runs it again
    instead of answering from the finished job (both baseline events use video-job-1)."""
    ddb = stores.client("dynamodb")
    items = ddb.query(TableName="VideoJobTable", KeyConditionExpression="pk = :pk",
                      ExpressionAttributeValues={":pk": {"S": f"job#{job_id}"}}, ConsistentRead=True)["Items"]
    for item in items:
        ddb.delete_item(TableName="VideoJobTable", Key={"pk": item["pk"], "sk": item["sk"]})


def forget_chunk(stores, job_id, index):
    """Removes a chunk's item, so that the worker's event finds its chunk not done yet and encodes it (the
    baseline job before it encoded that chunk already, and a worker finding its chunk DONE stops at once)."""
    stores.client("dynamodb").delete_item(TableName="VideoJobTable", Key={
        "pk": {"S": f"job#{job_id}"}, "sk": {"S": f"chunk#{index:04d}"}})


def check_worker(answer, event, stores):
    """The worker encoded its chunk: answered ok, and its chunk item is DONE with the chunk's object."""
    job_id, index = event["chunk"]["jobId"], event["chunk"]["chunk"]["index"]
    expect(answer == {"jobId": job_id, "chunk": index, "outcome": "ok"}, f"answer {answer}")
    item = stores.client("dynamodb").get_item(TableName="VideoJobTable", ConsistentRead=True, Key={
        "pk": {"S": f"job#{job_id}"}, "sk": {"S": f"chunk#{index:04d}"}}).get("Item")
    expect(item is not None and item["status"]["S"] == "DONE", f"chunk item {item}")
    head = stores.client("s3").head_object(Bucket=BUCKET, Key=item["objectKey"]["S"])
    expect(head["ContentLength"] == int(item["sizeBytes"]["N"]) > 0, f"object {item['objectKey']['S']}")
    return f"chunk {index} encoded: item DONE, {head['ContentLength']} bytes in S3"


def check_chunk(answer, event, stores):
    chunk = answer["chunk"]
    expect(chunk["index"] == event["chunk"]["index"] and chunk["frameCount"] == event["chunk"]["frameCount"],
           f"chunk {chunk}")
    head = stores.client("s3").head_object(Bucket=BUCKET, Key=event["chunkKey"])
    expect(head["ContentLength"] == chunk["sizeBytes"] > 0, f"object {event['chunkKey']} has {head['ContentLength']} bytes")
    return f"chunk {chunk['index']}: {chunk['frameCount']} frames, {chunk['sizeBytes']} bytes in S3"


def check_slice(function, answer, event, stores):
    """A slice encodes its chunks (objects in S3); the durable one answers its slice, the baseline one
    records it in its slice item."""
    slice_task = event.get("slice", event)
    chunks = slice_task["chunks"]
    if function == "VideoSliceFunction":
        expect(answer.get("firstChunk") == chunks[0]["index"] and answer.get("chunkCount") == len(chunks)
               and answer.get("frameCount") == sum(c["frameCount"] for c in chunks), f"slice answer {answer}")
    else:
        expect(answer == {"jobId": slice_task["jobId"], "slice": slice_task["index"], "outcome": "ok"}, f"answer {answer}")
        item = stores.client("dynamodb").get_item(TableName="VideoJobTable", ConsistentRead=True, Key={
            "pk": {"S": f"job#{slice_task['jobId']}"}, "sk": {"S": f"slice#{slice_task['index']:04d}"}}).get("Item")
        expect(item is not None and item["status"]["S"] == "DONE", f"slice item {item}")
    for c in chunks:
        key = f"jobs/{slice_task['jobId']}/chunks/{c['index']:04d}.mp4"
        head = stores.client("s3").head_object(Bucket=BUCKET, Key=key)
        expect(head["ContentLength"] > 0, f"object {key} is empty")
    return f"slice {slice_task['index']}: chunks {[c['index'] for c in chunks]} in S3"


def run_entity(args, env_file, network):
    """The counter entity: started by `sam local invoke`, fed two messages with `sam local callback succeed`,
    its steps read with `sam local execution history`, then stopped with `sam local execution stop`."""
    function, event = "CounterEntityFunction", os.path.join(ROOT, "events", "counter-entity.json")
    proc = subprocess.Popen([SAM, *invoke_args(function, event, env_file, network)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=sam_env(), cwd=ROOT, stdin=subprocess.DEVNULL)
    err_lines, out_lines = [], []
    threading.Thread(target=lambda: err_lines.extend(proc.stderr), daemon=True).start()
    threading.Thread(target=lambda: out_lines.extend(proc.stdout), daemon=True).start()
    try:
        arn = None
        deadline = time.time() + 240
        while arn is None:
            expect(time.time() < deadline and proc.poll() is None, "the entity's invoke ended or printed no ARN: "
                   + "".join(err_lines)[-1500:])
            m = ARN.search("".join(err_lines))
            arn = m.group(1) if m else None
            time.sleep(0.5)
        values = []
        for n, (message_id, amount) in enumerate([("m-1", 5), ("m-2", 2)], start=1):
            callback_id = wait_for(lambda: pending_callback(arn, f"inbox-{n}"), f"callback inbox-{n}")
            # one sender numbering its messages 1, 2, ... (the entity applies each number once per sender)
            message = json.dumps({"sender": "sam-local", "seq": n, "id": message_id, "op": "increment",
                                  "amount": amount})
            r = sam("local", "callback", "succeed", callback_id, "--result", message, timeout=60)
            expect(r.returncode == 0, f"sam local callback succeed: {r.stderr[-500:]}")
            reply = wait_for(lambda: step_result(arn, f"apply-{n}"), f"step apply-{n}")
            values.append(reply["value"])
            expect(reply["messageId"] == message_id and reply["duplicate"] is False and reply["mark"] == n,
                   f"reply {reply}")
        expect(values == [5, 7], f"entity values {values}, expected [5, 7]")
        wait_for(lambda: pending_callback(arn, "inbox-3"), "callback inbox-3")
        r = sam("local", "execution", "stop", arn, timeout=60)
        expect(r.returncode == 0, f"sam local execution stop: {r.stderr[-500:]}")
        proc.wait(timeout=120)
        return "".join(err_lines), f"messages m-1 (+5), m-2 (+2) by callback: values {values}; execution stopped"
    finally:
        if proc.poll() is None:  # SAM removes its containers on SIGINT; killed, it would leave them
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_for(probe, what, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = probe()
        if value is not None:
            return value
        time.sleep(1)
    raise Failure(f"{what} did not appear within {timeout} s")


def pending_callback(arn, name):
    for e in history(arn):
        if e.get("EventType") == "CallbackStarted" and e.get("Name") == name:
            return e["CallbackStartedDetails"]["CallbackId"]
    return None


def step_result(arn, name):
    for e in history(arn):
        if e.get("EventType") == "StepSucceeded" and e.get("Name") == name:
            return json.loads(e["StepSucceededDetails"]["Result"]["Payload"])
    return None


def invoke_all(args):
    template = yaml_parse(open(BUILT_TEMPLATE).read())
    rows, failures = [], []
    started = datetime.datetime.now(datetime.timezone.utc)
    with Stores() as stores:
        stores.wait_ready()
        stores.create_template_resources(template, args.source_video)
        env_file = os.path.join(args.work, "env-vars.json")
        with open(env_file, "w") as f:
            json.dump(env_vars(template), f, indent=2)
        only = [f for f in os.environ.get("SAM_LOCAL_ONLY", "").split(",") if f]  # for development: a subset
        for function, event_name in EVENTS:
            if only and function not in only:
                continue
            event_file = os.path.join(ROOT, "events", event_name)
            event = json.load(open(event_file))
            durable = "DurableConfig" in template["Resources"][function]["Properties"]
            t0 = time.time()
            try:
                if function == "CounterEntityFunction":
                    stderr, checked = run_entity(args, env_file, stores.network)
                else:
                    if function in ("VideoBaselineFunction", "VideoBaselinePaperFunction"):
                        forget_job(stores, event["jobId"])
                    if function == "VideoChunkWorkerFunction":
                        forget_chunk(stores, event["chunk"]["jobId"], event["chunk"]["chunk"]["index"])
                    r = sam(*invoke_args(function, event_file, env_file, stores.network))
                    stderr = r.stderr
                    expect(r.returncode == 0, f"exit code {r.returncode}: {r.stderr[-1500:]}")
                    if durable:
                        arn, answer = durable_result(r.stdout, r.stderr)
                    else:
                        answer = json.loads(r.stdout.strip().splitlines()[-1])
                    if function == "CounterBaselineFunction":
                        checked = check_counter(answer)
                    elif function == "CounterDurableFunction":
                        checked = check_counter(answer)
                        steps = [e["Name"] for e in history(arn) if e.get("EventType") == "StepSucceeded"]
                        expect(steps == ["increment-op-1", "increment-op-2", "read-op-3", "decrement-op-4"],
                               f"history steps {steps}")
                        checked += "; history: 4 steps"
                    elif function in ("VideoChunkEncoderFunction",):
                        checked = check_chunk(answer, event, stores)
                    elif function in ("VideoSliceFunction", "VideoBaselineSliceFunction"):
                        checked = check_slice(function, answer, event, stores)
                    elif function == "VideoChunkWorkerFunction":
                        checked = check_worker(answer, event, stores)
                    else:
                        checked = check_video(answer, event)
                        if not durable:
                            checked += check_coordination(function, answer, event)
                durations = reports(stderr)
                expect(durations, "no REPORT line in the function's log")
                rows.append((function, durable, event_name, durations, time.time() - t0, checked))
                log(f"{function}: OK ({checked}) in {time.time() - t0:.0f} s")
            except (Failure, subprocess.TimeoutExpired, KeyError, ValueError) as e:
                failures.append(f"{function}: {e}")
                log(f"{function}: FAILED: {e}")
        try:
            bad = check_bad_event(env_file, stores.network)
            log(f"bad event: OK ({bad})")
        except Failure as e:
            failures.append(f"bad event: {e}")
            log(f"bad event: FAILED: {e}")
    write_results(args.out, rows, started)
    if failures:
        print("\n".join(["sam-local: FAILED:"] + failures), file=sys.stderr)
        return 1
    log(f"all {len(rows)} functions answered as expected; table in {args.out}")
    return 0


def check_bad_event(env_file, network):
    """A bad event is refused with the project's error shape, not a stack trace."""
    bad = os.path.join(os.path.dirname(env_file), "bad-event.json")
    with open(bad, "w") as f:
        f.write('{"counterId":"bad","operations":[{"id":"x","op":"increment","amount":"2"}]}')
    r = sam(*invoke_args("CounterBaselineFunction", bad, env_file, network))
    expect(r.returncode == 0, f"exit code {r.returncode}: {r.stderr[-800:]}")
    answer = json.loads(r.stdout.strip().splitlines()[-1])
    error = answer.get("error") or {}
    expect(error.get("type") == "InvalidInput" and error.get("field") == "operations[0].amount",
           f"answer {answer}")
    expect("finalValue" not in answer and "stackTrace" not in r.stdout, f"answer {answer}")
    return "CounterBaselineFunction answers InvalidInput on operations[0].amount"


def write_results(out, rows, started):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    lines = [
        "# `sam local invoke` of every template function",
        "",
        f"Generated by `bash scripts/sam-local.sh invoke` on {started:%Y-%m-%d %H:%M} UTC at commit {commit}"
        + (" (with uncommitted changes)" if dirty else "") + f", {os.cpu_count()} cores.",
        "SAM CLI 1.170 with the images of `scripts/images.sh` (java17 base built here from Debian's OpenJDK 17",
        "and AWS's runtime interface client), DynamoDB Local and LocalStack's S3 as containers on a Docker",
        "network; durable functions through SAM's durable emulator container. Each function runs in a new",
        "container, so every invoke is a cold start. Durations from the function's `REPORT` line (one per",
        "invocation; a durable execution may take several). Every answer was checked, not only the exit code.",
        "",
        "Init Duration is what SAM's runtime interface emulator reports, and it is not Lambda's: the emulator",
        "starts the runtime (`/var/runtime/bootstrap`: the JVM, AWS's runtime interface client, the handler's",
        "class and static initialization) only when the first invoke arrives, so that work is counted in the",
        "first invocation's Duration, and Init Duration stays near zero. On Lambda it is reported as Init Duration.",
        "",
        "| function | durable | event | Init Duration (ms) | Duration (ms) | invoke wall time (s) | answer checked |",
        "|---|---|---|---|---|---|---|",
    ]
    for function, durable, event, durations, wall, checked in rows:
        init = " + ".join(f"{i:.2f}" for i, _ in durations if i is not None) or "-"
        dur = " + ".join(f"{d:.0f}" for _, d in durations)
        lines.append(f"| {function} | {'yes' if durable else 'no'} | events/{event} | {init} | {dur} | {wall:.0f} | {checked} |")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[-len(rows) - 2:]), flush=True)


def stores_only(args):
    """Start the stores, write their endpoints, and keep them until stdin closes or SIGTERM."""
    template = yaml_parse(open(BUILT_TEMPLATE).read())
    with Stores() as stores:
        stores.wait_ready()
        stores.create_template_resources(template, args.source_video)
        with open(args.env_file, "w") as f:
            json.dump(env_vars(template), f, indent=2)
        with open(args.ready_file, "w") as f:
            json.dump({"network": stores.network, "dynamodb": stores.dynamodb, "s3": stores.s3, "bucket": BUCKET}, f)
        try:
            sys.stdin.read()
        except KeyboardInterrupt:
            pass
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    i = sub.add_parser("invoke")
    i.add_argument("--out", required=True)
    i.add_argument("--work", required=True)
    i.add_argument("--source-video", required=True)
    s = sub.add_parser("stores")
    s.add_argument("--env-file", required=True)
    s.add_argument("--ready-file", required=True)
    s.add_argument("--source-video", required=True)
    args = p.parse_args()
    return invoke_all(args) if args.command == "invoke" else stores_only(args)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    sys.exit(main())
