"""The POST views the configuration pages share: start an operation on an administrator or on
one of its definitions (a list, a rule) and show its progress (the accounts operation page,
per-region progress and retry), or say on the page why it did not start; read every region
again and say what was found."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from guardduty_hub.accounts.scope import Verb
from guardduty_hub.configuration.errors import ConfigurationError
from guardduty_hub.configuration.selectors import administrator_visible_to
from guardduty_hub.configuration.views.access import writer


def administrator_operation(request, account_id: str, back: str, start, *args, **kwargs):
    """`start(user, administrator, *args, **kwargs)` and show its operation; a
    ConfigurationError's message goes on the administrator's page named `back`."""
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    try:
        operation = start(request.user, administrator, *args, **kwargs)
    except ConfigurationError as exc:
        messages.error(request, exc.message)
        return redirect(back, account_id)
    return redirect("accounts:operation", pk=operation.pk)


def administrator_operation_view(start, back: str):
    """A POST view: `start(user, administrator)` (apply the baseline, ...)."""

    @writer
    @require_POST
    def view(request, account_id: str):
        return administrator_operation(request, account_id, back, start)

    view.__name__ = start.__name__
    return view


def definition_of(request, model, account_id: str, pk: int):
    """A definition (list, rule) of an administrator the user may manage, else 404."""
    administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
    return get_object_or_404(model, pk=pk, administrator=administrator)


def definition_operation_view(model, start):
    """A POST view: `start(user, definition)` (apply again, delete) and show the operation."""

    @writer
    @require_POST
    def view(request, account_id: str, pk: int):
        operation = start(request.user, definition_of(request, model, account_id, pk))
        return redirect("accounts:operation", pk=operation.pk)

    view.__name__ = start.__name__
    return view


def refresh_view(refresh, back: str, found: tuple[str, str]):
    """A POST view: `refresh(administrator)` reads every region again; its counts (regions,
    imported, errors) are said on the page named `back`. `found`: what was imported, as
    (one, many): ("list", "lists")."""

    @writer
    @require_POST
    def view(request, account_id: str):
        administrator = administrator_visible_to(request.user, account_id, Verb.MANAGE)
        counts = refresh(administrator)
        regions, imported, errors = (counts.get(k, 0) for k in ("regions", "imported", "errors"))
        note = ngettext("Read %(n)d region", "Read %(n)d regions", regions) % {"n": regions}
        if imported:
            what = ngettext(found[0], found[1], imported)
            note += f"; imported {imported} {what} found in GuardDuty"
        if errors:
            note += ngettext(
                "; %(n)d region could not be read", "; %(n)d regions could not be read", errors
            ) % {"n": errors}
        messages.info(request, note + ".")
        return redirect(back, account_id)

    view.__name__ = refresh.__name__
    return view
