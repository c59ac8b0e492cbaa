"""A Python function for an execution environment of its own: answers what its process sees."""
import os
import sys
import time


def handler(event, context):
    event = event or {}
    if "sleepMillis" in event:
        time.sleep(event["sleepMillis"] / 1000.0)
    if "exit" in event:
        sys.exit(event["exit"])
    return {
        "setting": os.environ.get("FUNCTION_SETTING"),
        "greeting": os.environ.get("GREETING"),
        "pid": os.getpid(),
        "functionName": context.function_name,
        "requestId": context.aws_request_id,
    }
