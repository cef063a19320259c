"""A warm LibreOffice for ``make bench``: unoserver keeps one LibreOffice running and converts a
DOCX to PDF on request, the fairest comparison for our PDF writer (a cold ``soffice --convert-to``
mostly measures LibreOffice starting).

unoserver needs LibreOffice's Python bridge (``uno``), which Debian ships for its own Python only
(``python3-uno`` for /usr/bin/python3), not for the project's venv. ``make bench`` therefore makes
a separate venv with the system site packages (``var/uno-venv``, ``pip install unoserver==3.7``);
when it is missing or LibreOffice does not start, the benchmark says so and skips the comparison.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

UNOSERVER_VERSION = "3.7"
START_TIMEOUT = 60  # seconds: LibreOffice's first start creates its profile

# Runs in the uno venv's Python (the client is part of unoserver): waits for the server, converts
# once to warm it, then times ``runs`` conversions in one process (no interpreter start counted).
_CLIENT = """
import json, sys, time
from unoserver.client import UnoClient
port, source, target = sys.argv[1:4]
runs, deadline = int(sys.argv[4]), float(sys.argv[5])
client = UnoClient(server="127.0.0.1", port=port)
def timed():
    start = time.perf_counter()
    client.convert(inpath=source, outpath=target)
    return time.perf_counter() - start
while True:
    try:
        first = timed()
        break
    except Exception:
        if time.time() > deadline:
            raise
        time.sleep(0.5)
times = [timed() for _ in range(runs)]
print(json.dumps({"first": first, "times": times}))
"""


@dataclass(frozen=True)
class UnoResult:
    median: float  # one conversion through the client API, warm LibreOffice
    cpu: float | None  # LibreOffice's own CPU seconds per conversion (/proc), comparable under load
    first: float  # the first conversion after the server came up
    cli_median: float | None  # the same through the ``unoconvert`` command (an interpreter start each)
    pages: int  # pages of LibreOffice's PDF
    runs: int


class UnoUnavailable(Exception):
    """unoserver is not installed or LibreOffice did not start: the message says which."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def convert_warm(venv: Path, docx: Path, runs: int) -> UnoResult:
    """Start unoserver on free loopback ports, time ``runs`` warm conversions of ``docx``, stop it."""
    python, server, cli = venv / "bin" / "python", venv / "bin" / "unoserver", venv / "bin" / "unoconvert"
    if not (python.exists() and server.exists()):
        raise UnoUnavailable(f"{venv} 中没有 unoserver（make bench 会安装）")
    with tempfile.TemporaryDirectory(prefix="bench-uno-") as tmp:
        workdir = Path(tmp)
        port, uno_port = _free_port(), _free_port()
        pid_file = workdir / "soffice.pid"
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [str(server), "--interface", "127.0.0.1", "--port", str(port), "--uno-port", str(uno_port),
             "--user-installation", str(workdir / "profile"), "--libreoffice-pid-file", str(pid_file),
             "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            target = workdir / "out.pdf"
            deadline = str(time.time() + START_TIMEOUT)

            def client(count: int) -> dict:
                done = subprocess.run(  # noqa: S603
                    [str(python), "-c", _CLIENT, str(port), str(docx), str(target), str(count), deadline],
                    capture_output=True, text=True, timeout=START_TIMEOUT + 60 * (count + 1), check=True,
                )  # fmt: skip
                return json.loads(done.stdout.strip().splitlines()[-1])

            try:
                first = client(0)["first"]  # starts LibreOffice, warms it
                before = _cpu_seconds(pid_file)
                measured = client(runs)
                after = _cpu_seconds(pid_file)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
                raise UnoUnavailable(f"unoserver 未能转换：{str(error)[:200]}") from error
            cli_times = []
            if cli.exists():
                for _ in range(min(runs, 3)):
                    start = time.perf_counter()
                    subprocess.run(  # noqa: S603
                        [str(cli), "--port", str(port), str(docx), str(target)],
                        capture_output=True, timeout=60, check=True,
                    )  # fmt: skip
                    cli_times.append(time.perf_counter() - start)
            pages = _pdf_pages(target.read_bytes())
        finally:
            _stop(process)
    times = sorted(measured["times"])
    return UnoResult(
        median=times[len(times) // 2],
        # The client converts once more to make sure the server is up: runs + 1 conversions.
        cpu=(after - before) / (runs + 1) if before is not None and after is not None else None,
        first=first,
        cli_median=sorted(cli_times)[len(cli_times) // 2] if cli_times else None,
        pages=pages,
        runs=len(times),
    )


def _cpu_seconds(pid_file: Path) -> float | None:
    """User + system CPU seconds used so far by the LibreOffice unoserver started and its children
    (Debian's soffice is a script that starts oosplash, which starts soffice.bin)."""
    try:
        root = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, ticks
    tree, ticks = {root}, 0
    for _ in range(5):  # a few generations deep
        tree |= {pid for pid, (ppid, _) in stats.items() if ppid in tree}
    ticks = sum(stats[pid][1] for pid in tree if pid in stats)
    return ticks / os.sysconf("SC_CLK_TCK") if root in stats else None


def _pdf_pages(content: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return len(pdf.pages)


def _stop(process: subprocess.Popen) -> None:
    """Stop unoserver and the LibreOffice it started (its own session: the group is ours alone)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
