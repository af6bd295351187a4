"""Load the web front's advice page from many concurrent clients on this machine.

    python benchmarks/web_load.py [--clients 50] [--seconds 20] [--json]
    python benchmarks/web_load.py --seconds 5          # a quick look

It starts `escalate web --port 0` itself (with a fresh, empty ESCALATE_HOME), reads the address
the server prints, and points N clients at one page (by default the advice for Elektro after a
failed SAC call) for T seconds. Each client is one keep-alive HTTP/1.1 connection sending one
request after another; it waits for the whole response before sending the next. One warm-up
request, not counted, goes first. The server is always stopped at the end.

Reported: requests completed, errors (a status other than 200, or a broken connection, after
which the client reconnects), successful responses per second over the measured time, and the
latency of the successful responses: median, 99th percentile and maximum. The run stops after
T seconds or after --max-requests requests, whichever comes first; a request still in flight at
the deadline is dropped, not counted. Exit status 1 when there was any error.

It only ever talks to a loopback address: the server it starts itself, on 127.0.0.1, or with
--url a server already running on this machine (for trying the load generator against another
program); any other host is refused. Nothing else leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import ipaddress
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_PATH = "/advise?company=elektro&stage=sac-failed&lang=pt"
STARTUP_TIMEOUT = 30.0  # seconds to wait for the server to print its address
STOP_TIMEOUT = 5.0  # seconds between asking the server to stop and killing it
SERVER_URL = re.compile(r"http://127\.0\.0\.1:([1-9][0-9]{0,4})/")


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    path: str
    host_header: str

    def request(self) -> bytes:
        return f"GET {self.path} HTTP/1.1\r\nHost: {self.host_header}\r\n\r\n".encode("latin-1")


@dataclass
class Stats:
    max_requests: int
    started: int = 0  # requests sent (or attempted), bounded by max_requests
    requests: int = 0  # requests finished: with a response or with an error
    errors: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only


def require_loopback(host: str | None) -> str:
    """The host, if it is a loopback address written as an IP literal; otherwise exit."""
    try:
        if host is not None and ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise SystemExit(f"refusing host {host!r}: this benchmark only targets a loopback address")


def target_from_url(url: str) -> Target:
    parts = urlsplit(url)
    if parts.scheme != "http":
        raise SystemExit(f"refusing {url!r}: only plain http:// on a loopback address")
    host = require_loopback(parts.hostname)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(host, parts.port or 80, path, parts.netloc)


def escalate_argv() -> list[str]:
    if importlib.util.find_spec("escalate.__main__") is not None:
        return [sys.executable, "-m", "escalate"]
    return [str(Path(sys.executable).with_name("escalate"))]


async def start_server(home: Path) -> tuple[asyncio.subprocess.Process, int, asyncio.Task[None]]:
    """Start `escalate web --port 0`; return the process, its port and the task draining it."""
    tail: deque[str] = deque(maxlen=20)  # its last lines, shown if it fails to start
    env = dict(os.environ, ESCALATE_HOME=str(home), PYTHONUNBUFFERED="1")
    proc = await asyncio.create_subprocess_exec(
        *escalate_argv(),
        "web",
        "--port",
        "0",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert proc.stdout is not None
    stdout = proc.stdout
    port = None
    closed = False  # the server closed its output: it has exited, or is exiting
    try:
        async with asyncio.timeout(STARTUP_TIMEOUT):
            while port is None:
                line = await stdout.readline()
                if not line:
                    closed = True
                    break
                text = line.decode("utf-8", "replace").rstrip()
                tail.append(text)
                found = SERVER_URL.search(text)
                if found:
                    port = int(found.group(1))
    except TimeoutError:
        pass
    except (ValueError, asyncio.LimitOverrunError):
        pass  # an overlong line: reported below as no address
    if port is None:
        await stop_server(proc)
        said = "\n".join(tail) or "(nothing)"
        why = (
            f"it exited ({proc.returncode})" if closed else f"stopped after {STARTUP_TIMEOUT:.0f} s"
        )
        raise SystemExit(
            f"the server printed no http://127.0.0.1:PORT/ address; {why}. Its last output:\n{said}"
        )

    async def drain() -> None:
        # Keep reading so that the server never blocks on a full pipe (access logs).
        while await stdout.read(65536):
            pass

    return proc, port, asyncio.create_task(drain())


async def stop_server(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), STOP_TIMEOUT)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()


async def connect(target: Target) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    require_loopback(target.host)  # checked again at every connection, whatever the caller
    return await asyncio.open_connection(target.host, target.port)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one whole response; return its status and whether the connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, status_text = lines[0].split(" ", 2)[:2]
    status = int(status_text)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
    keep_alive = "close" not in headers.get("connection", "") and version == "HTTP/1.1"
    if "chunked" in headers.get("transfer-encoding", ""):
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":
                    pass  # trailer fields
                break
            await reader.readexactly(size + 2)  # the chunk and its CRLF
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif status >= 200 and status not in (204, 304):
        await reader.read()  # no length given: the body runs to the end of the connection
        keep_alive = False
    return status, keep_alive


async def close(writer: asyncio.StreamWriter | None) -> None:
    if writer is not None:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def one_request(target: Target) -> tuple[int, float]:
    """One request on a connection of its own (the warm-up): its status and latency."""
    start = time.perf_counter()
    reader, writer = await connect(target)
    try:
        writer.write(target.request())
        await writer.drain()
        status, _ = await read_response(reader)
    finally:
        await close(writer)
    return status, time.perf_counter() - start


async def warm_up(target: Target) -> tuple[int, float]:
    """The first request, retried while the connection is refused for up to STARTUP_TIMEOUT:
    a server may print its address a moment before it listens."""
    give_up = time.perf_counter() + STARTUP_TIMEOUT
    while True:
        try:
            return await one_request(target)
        except ConnectionRefusedError:
            if time.perf_counter() > give_up:
                raise
            await asyncio.sleep(0.05)


async def client(target: Target, deadline: float, stats: Stats) -> None:
    """Send requests one after another on one keep-alive connection until the deadline."""
    request = target.request()
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    try:
        async with asyncio.timeout_at(deadline):
            while stats.started < stats.max_requests:
                stats.started += 1
                start = time.perf_counter()
                try:
                    if reader is None or writer is None:
                        reader, writer = await connect(target)
                    writer.write(request)
                    await writer.drain()
                    status, keep_alive = await read_response(reader)
                except (OSError, EOFError, ValueError, IndexError, asyncio.LimitOverrunError):
                    # A broken connection (IncompleteReadError is an EOFError) or a garbled
                    # response: an error; reconnect for the next request.
                    stats.requests += 1
                    stats.errors += 1
                    await close(writer)
                    reader = writer = None
                    continue
                elapsed = time.perf_counter() - start
                stats.requests += 1
                if status == 200:
                    stats.latencies.append(elapsed)
                else:
                    stats.errors += 1
                if not keep_alive:
                    await close(writer)
                    reader = writer = None
    except TimeoutError:
        pass  # the deadline: the request in flight, if any, is dropped
    finally:
        await close(writer)


def percentile(ordered: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of sorted values, in milliseconds."""
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return round(ordered[rank - 1] * 1000, 2)


async def run_load(
    target: Target, clients: int, seconds: float, max_requests: int
) -> tuple[Stats, float]:
    stats = Stats(max_requests=max_requests)
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    deadline = loop.time() + seconds
    await asyncio.gather(*(client(target, deadline, stats) for _ in range(clients)))
    return stats, time.perf_counter() - start


@dataclass(frozen=True)
class Run:
    target: Target
    stats: Stats
    elapsed: float  # seconds, from the first request sent to the last client stopping
    warm_status: int
    warm_seconds: float

    def figures(self, clients: int) -> dict[str, object]:
        ordered = sorted(self.stats.latencies)
        return {
            "clients": clients,
            "seconds": round(self.elapsed, 2),
            "requests": self.stats.requests,
            "errors": self.stats.errors,
            "rps": round(len(ordered) / self.elapsed, 1) if self.elapsed > 0 else 0.0,
            "p50_ms": percentile(ordered, 0.50),
            "p99_ms": percentile(ordered, 0.99),
            "max_ms": round(ordered[-1] * 1000, 2) if ordered else None,
            "path": self.target.path,
        }


async def measure(args: argparse.Namespace) -> Run:
    home = Path(tempfile.mkdtemp(prefix="escalate-web-load-"))
    proc: asyncio.subprocess.Process | None = None
    drain: asyncio.Task[None] | None = None
    try:
        if args.url:
            target = target_from_url(args.url)
        else:
            proc, port, drain = await start_server(home)
            host = require_loopback("127.0.0.1")
            target = Target(host, port, args.path, f"{host}:{port}")
        try:
            status, warm = await warm_up(target)
        except (OSError, EOFError, ValueError, IndexError, asyncio.LimitOverrunError) as exc:
            raise SystemExit(f"warm-up request to {target.path} failed: {exc!r}") from None
        stats, elapsed = await run_load(target, args.clients, args.seconds, args.max_requests)
    finally:
        if proc is not None:
            await stop_server(proc)
        if drain is not None:
            drain.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drain
        shutil.rmtree(home, ignore_errors=True)
    return Run(target, stats, elapsed, status, warm)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--clients", type=positive_int, default=50, help="concurrent connections (default 50)"
    )
    parser.add_argument(
        "--seconds", type=positive_float, default=20.0, help="length of the run (default 20)"
    )
    parser.add_argument(
        "--max-requests",
        type=positive_int,
        default=200_000,
        help="stop after this many requests even before the time is up (default 200000)",
    )
    parser.add_argument("--path", help=f"page to request (default {DEFAULT_PATH})")
    parser.add_argument(
        "--url",
        help="load a server already running on a loopback address, e.g. "
        "http://127.0.0.1:8000/advise?company=elektro, instead of starting escalate web",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.url and args.path:
        parser.error("--path goes with the server this script starts; put the path in --url")
    if args.url:
        target_from_url(args.url)  # refuse a non-loopback host before anything else
    args.path = args.path or DEFAULT_PATH
    if not args.path.startswith("/"):
        parser.error("--path must start with /")

    try:
        run = asyncio.run(measure(args))  # the server is stopped on the way out, whatever happens
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    result = run.figures(args.clients)
    if args.json:
        print(json.dumps(result, indent=2))
    else:

        def ms(value: object) -> str:
            return "-" if value is None else f"{value} ms"

        print(f"python {sys.version.split()[0]} · http://{run.target.host_header}{run.target.path}")
        print(
            f"{args.clients} clients · {result['seconds']} s · warm-up {run.warm_status}"
            f" in {run.warm_seconds * 1000:.1f} ms"
        )
        print(f"requests {result['requests']} · errors {result['errors']} · {result['rps']} ok/s")
        print(
            f"latency of the 200s: p50 {ms(result['p50_ms'])} · p99 {ms(result['p99_ms'])}"
            f" · max {ms(result['max_ms'])}"
        )
    return 1 if run.stats.errors or not run.stats.latencies else 0


if __name__ == "__main__":
    sys.exit(main())
