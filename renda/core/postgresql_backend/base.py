"""Django's PostgreSQL backend, with a connection's health checked without a round trip.

With ``CONN_HEALTH_CHECKS`` (settings) Django asks the server ``SELECT 1`` before the first statement of
every request that uses a kept connection, so that a connection the server has dropped (a restart, a
failover, ``pg_terminate_backend``, an idle timeout) is opened again instead of failing the request. That
round trip was one of four a kept page makes, ~150 µs of waiting and CPU on both sides, on every page and
every vote. A dropped connection shows without asking: the server's last word (the FATAL "terminating
connection" message) or the end of the stream waits on the socket, where a healthy idle connection has
nothing to read (this app never LISTENs, so no notification waits there either). Here the check looks at
psycopg's own state and then polls the socket without waiting; anything to read, or any doubt, and the
connection is closed and opened again, as Django's check would have done.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg.pq import ConnStatus, TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        pgconn = connection.pgconn
        if pgconn.status != ConnStatus.OK or pgconn.transaction_status not in (TransactionStatus.IDLE,
                                                                               TransactionStatus.INTRANS):
            return False
        try:
            poller = select.poll()
            poller.register(pgconn.socket, select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        except (OSError, ValueError):  # no socket left
            return False
