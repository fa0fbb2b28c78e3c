"""Free local TCP ports for the brokers, databases and servers the demo and the tests start.

Ports are chosen *below* the kernel's ephemeral range (`/proc/sys/net/ipv4/ip_local_port_range`,
32768–60999 on Linux by default). A port the kernel hands out for ``bind(0)`` lies inside that
range, and so can become the local end of any outgoing connection while its server is down: the
fault tests stop a broker for 45 s and restart it on the same ports, and in one run with two test
workers its controller port had meanwhile been taken ("Address already in use", every later fault
test failed). Below the range only a listening server can take a port, and `free_port_block`
checks that none does.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

HOST = "127.0.0.1"
LOWEST = 10_000  # above the well-known and the demo's own ports (8001-8003)
_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def ephemeral_range() -> tuple[int, int]:
    """The kernel's ephemeral port range (lowest, highest), inclusive; (32768, 60999) where unknown."""
    try:
        low, high = (int(part) for part in _EPHEMERAL_RANGE.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def free_port_block(count: int = 1, host: str = HOST, attempts: int = 200) -> int:
    """A port P such that P .. P+count-1 are all free on `host` now, below the ephemeral range.

    Chosen at random in [10000, lowest ephemeral port - count), so that two test workers choosing at
    the same moment rarely pick the same block; each port is checked by binding it (and released).
    Raises `OSError` (EADDRINUSE) when `attempts` random blocks were all taken.
    """
    low_ephemeral, _ = ephemeral_range()
    high = max(low_ephemeral, LOWEST + 1_000) - count
    pick = random.SystemRandom()
    for _ in range(attempts):
        base = pick.randrange(LOWEST, high)
        sockets: list[socket.socket] = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind((host, port))
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise OSError(98, f"no {count} consecutive free ports below {high + count} on {host}")


def free_ports(n: int, host: str = HOST) -> list[int]:
    """`n` distinct free ports on `host`, below the ephemeral range (see `free_port_block`)."""
    ports: list[int] = []
    while len(ports) < n:
        port = free_port_block(1, host)
        if port not in ports:
            ports.append(port)
    return ports
