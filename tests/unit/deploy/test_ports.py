"""Free ports lie below the kernel's ephemeral range, so a restarted server finds its port free."""

from __future__ import annotations

import socket

from deploy.kafka.broker import find_free_port
from deploy.ports import LOWEST, ephemeral_range, free_port_block, free_ports


def test_a_block_is_free_and_below_the_ephemeral_range() -> None:
    low, _ = ephemeral_range()
    base = free_port_block(2)
    assert base >= LOWEST and base + 1 < low
    for port in (base, base + 1):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # free now


def test_the_brokers_ports_and_the_servers_ports_come_from_there() -> None:
    low, _ = ephemeral_range()
    assert find_free_port(2) + 1 < low
    ports = free_ports(6)
    assert len(set(ports)) == 6 and all(LOWEST <= p < low for p in ports)


def test_a_listening_port_is_never_handed_out() -> None:
    with socket.socket() as held:
        base = free_port_block(1)
        held.bind(("127.0.0.1", base))
        held.listen()
        assert all(free_port_block(1) != base for _ in range(200))
