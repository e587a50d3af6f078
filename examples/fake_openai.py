#!/usr/bin/env python3
"""A stand-in for an OpenAI-compatible chat endpoint, for trying examples/llm_loop.py offline.

    python3 examples/fake_openai.py --port 8089

POST /v1/chat/completions speaks the real request and response shapes. It is no model: on a
conversation with tools and no tool result yet it calls the first tool (search) with the user's
question; once a tool result is in the conversation it answers by quoting the top hit.
"""
import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        messages = body["messages"]
        tool_results = [m for m in messages if m.get("role") == "tool"]
        if body.get("tools") and not tool_results:
            question = next(m["content"] for m in messages if m["role"] == "user")
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": {"name": name, "arguments": json.dumps({"query": question, "k": 3})}}]}
            finish = "tool_calls"
        else:
            hits = json.loads(tool_results[-1]["content"]).get("hits", []) if tool_results else []
            if hits:
                top = hits[0]
                answer = "According to \"%s\" (%s, %s): %s" % (top.get("title"), top["id"], top.get("date", "undated"),
                                                             top.get("passage", ""))
            else:
                answer = "Quarry found nothing on that."
            message = {"role": "assistant", "content": answer}
            finish = "stop"
        out = json.dumps({"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model"),
                          "choices": [{"index": 0, "message": message, "finish_reason": finish}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, fmt, *args):
        pass


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8089)
    a = p.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("listening on %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
