from django.contrib import admin

from guardduty_hub.accounts.models import (
    AccountScope,
    AdministratorRegion,
    AuditEvent,
    AwsAccount,
    Invitation,
    Membership,
    MembershipOperation,
    OperationItem,
)


@admin.register(AwsAccount)
class AwsAccountAdmin(admin.ModelAdmin):
    list_display = ["account_id", "name", "kind", "joined_via", "root_email", "last_error_at"]
    list_filter = ["kind", "joined_via"]
    search_fields = ["account_id", "name", "root_email"]


@admin.register(AdministratorRegion)
class AdministratorRegionAdmin(admin.ModelAdmin):
    list_display = ["administrator", "region", "detector_id", "enabled", "last_error_at"]
    list_filter = ["enabled", "region"]
    list_select_related = ["administrator"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["member", "administrator", "region", "relationship_status", "updated_at"]
    list_filter = ["relationship_status", "region"]
    search_fields = ["member__account_id", "member__name"]
    list_select_related = ["member", "administrator"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["member", "region", "administrator_account_id", "relationship_status"]
    list_filter = ["region", "relationship_status"]
    list_select_related = ["member"]


@admin.register(AccountScope)
class AccountScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "account", "is_owner", "created_at"]
    list_filter = ["is_owner"]
    raw_id_fields = ["account"]
    list_select_related = ["user", "account"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "target_label", "actor_label"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]


class OperationItemInline(admin.TabularInline):
    model = OperationItem
    extra = 0
    raw_id_fields = ["account"]


@admin.register(MembershipOperation)
class MembershipOperationAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "administrator", "state", "created_by", "created_at"]
    list_filter = ["kind", "state"]
    inlines = [OperationItemInline]


@admin.register(OperationItem)
class OperationItemAdmin(admin.ModelAdmin):
    list_display = ["operation", "account", "region", "state", "result"]
    list_filter = ["state", "region"]
    raw_id_fields = ["account", "operation"]
