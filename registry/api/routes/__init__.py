"""The registry API's routers, one module per resource, in the order the document lists them.

Governance (successions, categories, PIPIAs, incidents, controllers, processors): admins
and compliance staff write; regulators, like staff, read everything; reports come as JSON
or, with `?format=csv`, CSV."""

from fastapi import APIRouter

from registry.api.routes import (
    audit,
    categories,
    controllers,
    due,
    flows,
    incidents,
    pipias,
    privacy,
    processors,
    purposes,
    subjects,
    successions,
    transfers,
)

ROUTERS: tuple[APIRouter, ...] = (
    purposes.router,
    subjects.router,
    privacy.router,
    transfers.router,
    flows.router,
    audit.router,
    successions.router,
    categories.router,
    pipias.router,
    incidents.router,
    due.router,
    controllers.router,
    processors.router,
)
