"""Governance API: successions (company transfers), the classification register, PIPIAs and
incidents. Admins and compliance staff write; regulators, like staff, read everything;
reports come as JSON or, with `?format=csv`, as CSV."""

from fastapi import APIRouter

from registry.api import routes_incidents, routes_registers, routes_successions

router = APIRouter()
for part in (routes_successions.router, routes_registers.router, routes_incidents.router):
    router.include_router(part)
