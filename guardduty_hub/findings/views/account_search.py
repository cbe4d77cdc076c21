"""The account filter's search (the finding list's picker when the user sees many accounts):
accounts the user may VIEW whose id starts with, or whose name contains, what they typed."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from guardduty_hub.accounts.scope import Verb, accounts_for
from guardduty_hub.core import capabilities as cap

LIMIT = 20
MAX_TYPED = 100


@require_safe
@permission_required(cap.VIEW_FINDINGS, raise_exception=True)
def account_search(request):
    typed = request.GET.get("q", "").strip()[:MAX_TYPED]
    accounts = accounts_for(request.user, Verb.VIEW)
    if typed:
        accounts = accounts.filter(Q(account_id__startswith=typed) | Q(name__icontains=typed))
    found = accounts.order_by("name", "account_id").values_list("account_id", "name")[:LIMIT]
    return JsonResponse({"results": [{"id": key, "name": name} for key, name in found]})
