#!/usr/bin/env python3
"""A loopback TCP proxy between the gateway and PostgreSQL, for the database-outage fault test.

Killing this process cuts every connection through it and refuses new ones: to the gateway the
database is down, while the real PostgreSQL cluster (shared with other users) keeps running.
Starting it again on the same port brings the database back.
"""
import argparse
import asyncio


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", type=int, required=True)
    p.add_argument("--target", type=int, default=5432)
    args = p.parse_args()

    async def accept(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", args.target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    server = await asyncio.start_server(accept, "127.0.0.1", args.listen, reuse_address=True)
    print(f"proxy 127.0.0.1:{args.listen} -> 127.0.0.1:{args.target}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
