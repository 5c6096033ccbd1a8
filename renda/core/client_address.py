"""The client's network address behind a reverse proxy.

Every per-address limit (public intake, tracking-code lookups, the hall sign-in code, login lock-out)
reads ``REMOTE_ADDR``. Behind nginx that is the proxy's own address, so one citizen's refusals would
count against everyone. Where ``RENDA_TRUSTED_PROXIES`` names the proxies (addresses or networks),
a request that comes from one of them has ``REMOTE_ADDR`` replaced by the nearest address in
``X-Forwarded-For`` that is not itself a trusted proxy: the one the last trusted proxy saw. A header
sent by anyone else is ignored, so a client cannot choose its own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(values: list[str]) -> list[Network]:
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()]


def _trusted(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(remote: str, forwarded_for: str, networks: list[Network]) -> str:
    if not networks or not _trusted(remote, networks):
        return remote
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a hop that is not an address: trust nothing the header says
    return remote


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = trusted_networks(settings.RENDA_TRUSTED_PROXIES)

    def __call__(self, request):
        if self.networks:
            request.META["REMOTE_ADDR"] = client_address(request.META.get("REMOTE_ADDR", ""),
                                                         request.META.get("HTTP_X_FORWARDED_FOR", ""), self.networks)
        return self.get_response(request)
