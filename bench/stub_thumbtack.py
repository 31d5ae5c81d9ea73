#!/usr/bin/env python3
"""A stub of Thumbtack's pro-api for the benchmark and the fault tests. Loopback only, no dependencies.

Answers what the gateway calls:
  POST /v2/tokens/access   grant_type=authorization_code (code "bench-<businessPk>") or refresh_token
  GET  /v2/get-thumbtack-info   (Bearer access-<businessPk>-<n>)
  POST /v2/business/{b}/lead/{l}/message  and the /v1 variant: counts each text, answers after a delay
Control (for the scripts, not the gateway):
  POST /_control?mode=ok|503|hang&delay_ms=50&expires_in=3600   change behaviour at run time
  GET  /_stats   {"sends":..,"distinct":..,"duplicates":..,"refreshes":{token: count},"mode":..}
  GET  /_texts   {text: number of times it was delivered (answered 2xx)}
  POST /_reset   forget counts
"""
import argparse
import asyncio
import json
import sys
import urllib.parse

state = {
    "mode": "ok",          # ok: 200 after delay; 503: 503 at once; hang: never answer (client times out)
    "delay_ms": 50,
    "expires_in": 3600,
    "sends": {},           # text -> count of 2xx answers given
    "attempts": 0,         # every send request, whatever the answer
    "refreshes": {},       # refresh token presented -> count
    "tokens": 0,
}


def token_pair(business_pk):
    state["tokens"] += 1
    n = state["tokens"]
    return {"access_token": f"access-{business_pk}-{n}", "token_type": "bearer",
            "expires_in": state["expires_in"], "refresh_token": f"refresh-{business_pk}-{n}"}


def stats():
    counts = state["sends"].values()
    return {"sends": sum(counts), "distinct": len(state["sends"]),
            "duplicates": sum(c - 1 for c in counts if c > 1), "attempts": state["attempts"],
            "refreshes": state["refreshes"], "refresh_calls": sum(state["refreshes"].values()),
            "mode": state["mode"], "delay_ms": state["delay_ms"]}


async def handle(method, target, headers, body):
    """Returns (status, json-able body) or None to never answer."""
    url = urllib.parse.urlsplit(target)
    q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
    path = url.path
    if path == "/_control":
        if "mode" in q:
            state["mode"] = q["mode"]
        if "delay_ms" in q:
            state["delay_ms"] = int(q["delay_ms"])
        if "expires_in" in q:
            state["expires_in"] = int(q["expires_in"])
        return 200, stats()
    if path == "/_stats":
        return 200, stats()
    if path == "/_texts":
        return 200, state["sends"]
    if path == "/_reset":
        state["sends"].clear()
        state["refreshes"].clear()
        state["attempts"] = 0
        return 200, stats()
    if path == "/v2/tokens/access" and method == "POST":
        grant = q.get("grant_type")
        if grant == "authorization_code" and q.get("code", "").startswith("bench-"):
            return 200, token_pair(q["code"][len("bench-"):])
        if grant == "refresh_token" and q.get("refresh_token", "").startswith("refresh-"):
            rt = q["refresh_token"]
            state["refreshes"][rt] = state["refreshes"].get(rt, 0) + 1
            return 200, token_pair(rt.split("-")[1])
        return 400, {"error": "invalid_grant"}
    if path == "/v2/get-thumbtack-info":
        auth = headers.get("authorization", "")
        if auth.startswith("Bearer access-"):
            pk = auth[len("Bearer access-"):].split("-")[0]
            return 200, {"business_pk": pk, "client_id": "bench", "scope": ["messages"],
                         "business_name": "Bench business " + pk}
        return 401, {"error": "unauthorized"}
    parts = path.split("/")
    if method == "POST" and len(parts) == 7 and parts[1] in ("v1", "v2") and parts[2] == "business" \
            and parts[4] == "lead" and parts[6] == "message":
        state["attempts"] += 1
        mode = state["mode"]
        if mode == "hang":
            return None
        if mode == "503":
            return 503, {"error": "unavailable"}
        if state["delay_ms"] > 0:
            await asyncio.sleep(state["delay_ms"] / 1000)
        if state["mode"] != "ok":  # switched while this request waited
            return 503, {"error": "unavailable"}
        text = json.loads(body or b"{}").get("text", "")
        state["sends"][text] = state["sends"].get(text, 0) + 1
        return 200, {}
    return 404, {"error": "not found: " + path}


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    body = b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    return method, target, headers, body


async def serve(reader, writer):
    try:
        while True:
            try:
                method, target, headers, body = await read_request(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            answer = await handle(method, target, headers, body)
            if answer is None:
                await asyncio.sleep(3600)
                return
            status, payload = answer
            data = json.dumps(payload).encode()
            reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
                      503: "Service Unavailable"}.get(status, "Status")
            writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=18089)
    p.add_argument("--delay-ms", type=int, default=50)
    args = p.parse_args()
    state["delay_ms"] = args.delay_ms
    server = await asyncio.start_server(serve, "127.0.0.1", args.port, backlog=1024)
    print(f"stub Thumbtack on 127.0.0.1:{args.port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
