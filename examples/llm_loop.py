#!/usr/bin/env python3
"""A minimal LLM tool loop over Quarry: any OpenAI-compatible chat endpoint, Python's stdlib only.

    python3 examples/llm_loop.py --quarry http://127.0.0.1:7070 --llm http://127.0.0.1:8089/v1 \
        --model any "Which side effect of aspirin is the main one?"

The model gets Quarry's tools (GET /v1/tools); each tool call it makes goes to POST
/v1/tools/call as it is, and the result goes back as a role=tool message, until it answers.
Set QUARRY_API_KEY when the server needs a key, OPENAI_API_KEY when the endpoint does.
"""
import argparse
import json
import os
import urllib.request


def post(url, body, key=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    if key:
        req.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quarry", default="http://127.0.0.1:7070")
    p.add_argument("--llm", required=True, help="OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1")
    p.add_argument("--model", default="llama3.1")
    p.add_argument("question")
    a = p.parse_args()
    qkey, lkey = os.environ.get("QUARRY_API_KEY"), os.environ.get("OPENAI_API_KEY")

    req = urllib.request.Request(a.quarry + "/v1/tools")
    if qkey:
        req.add_header("Authorization", "Bearer " + qkey)
    tools = json.load(urllib.request.urlopen(req))["tools"]
    messages = [{"role": "user", "content": a.question}]
    for _ in range(5):
        reply = post(a.llm + "/chat/completions", {"model": a.model, "messages": messages, "tools": tools}, lkey)
        msg = reply["choices"][0]["message"]
        messages.append(msg)
        if not msg.get("tool_calls"):
            print(msg["content"])
            return
        for call in msg["tool_calls"]:
            result = post(a.quarry + "/v1/tools/call", call, qkey)  # the tool_call as the model sent it
            print("tool %s(%s) -> %d chars" % (call["function"]["name"], call["function"]["arguments"],
                                              len(result["content"])))
            messages.append({"role": "tool", "tool_call_id": result["tool_call_id"], "content": result["content"]})
    print("no answer after 5 rounds")


if __name__ == "__main__":
    main()
