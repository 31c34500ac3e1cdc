"""Two `gloss serve` on one machine (one user account): each answers on its own port, and
neither takes over or removes the other's gunicorn control socket."""
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import Database, LiveServer


def _servers(tmp_path, sockets: Sequence[str | None]) -> tuple[list[LiveServer], Database]:
    home = tmp_path / "home"
    home.mkdir()
    db = Database(tmp_path)
    servers = []
    for n, socket_path in enumerate(sockets):
        folder = tmp_path / f"server{n}"
        folder.mkdir()
        server = LiveServer(folder, db=db)
        server.env.update(HOME=str(home), GLOSS_SERVE_JOB_WORKER="0")
        server.env.pop("XDG_RUNTIME_DIR", None)
        server.env.pop("GLOSS_CONTROL_SOCKET", None)
        if socket_path:
            server.env["GLOSS_CONTROL_SOCKET"] = socket_path
        servers.append(server)
    return servers, db


def _socket_appears(path: str, within_s: float = 30) -> bool:
    """gunicorn's arbiter opens its control socket beside the workers, so a server may
    answer a moment before the socket is there."""
    deadline = time.monotonic() + within_s
    while not Path(path).is_socket():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _answers(server: LiveServer) -> bool:
    with urllib.request.urlopen(server.base + "/api/v1/server", timeout=5) as answer:
        return answer.status == 200


def test_two_servers_make_no_shared_control_socket(tmp_path):
    (first, second), db = _servers(tmp_path, [None, None])
    try:
        first.start()
        second.start()
        assert _answers(first) and _answers(second)
        assert not (tmp_path / "home" / ".gunicorn").exists()
        first.stop()
        assert first.proc is not None and first.proc.returncode == 0, first.log_path.read_text()[-2000:]
        assert _answers(second)
        second.stop()
        assert second.proc is not None and second.proc.returncode == 0, second.log_path.read_text()[-2000:]
    finally:
        first.stop()
        second.stop()
        db.drop()


def test_each_server_keeps_its_own_control_socket(tmp_path):
    paths = [str(tmp_path / "one.ctl"), str(tmp_path / "two.ctl")]
    (first, second), db = _servers(tmp_path, paths)
    try:
        first.start()
        second.start()
        assert _answers(first) and _answers(second)
        for path in paths:
            assert _socket_appears(path)
        first.stop()
        assert not (tmp_path / "one.ctl").exists()
        assert (tmp_path / "two.ctl").is_socket()
        assert _answers(second)
        second.stop()
        assert not (tmp_path / "two.ctl").exists()
        assert not (tmp_path / "home" / ".gunicorn").exists()
    finally:
        first.stop()
        second.stop()
        db.drop()
