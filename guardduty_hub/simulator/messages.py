"""UnprocessedAccounts results and error messages.

The first two are AWS's verbatim (cloud-custodian#3209); the others follow AWS's phrasing,
since no source records the real text.
"""

ALREADY_MEMBER = (
    "The request is rejected because the given account ID is already a member or associated "
    "member of the current account."
)
ALREADY_INVITED = (
    "The request is rejected because the current account has already invited or is already the "
    "GuardDuty master of the given member account ID."
)
NOT_A_MEMBER = (
    "The request is rejected because the given account ID is not a member of the current account."
)
NOT_ASSOCIATED = (
    "The request is rejected because the given account ID is not an associated member of the "
    "current account."
)
INVALID_ACCOUNT_ID = "The request is rejected because the given account ID is not valid."
INVALID_EMAIL = "The request is rejected because the given email address is not valid."
SELF_MEMBER = "The request is rejected because the current account cannot be its own member."
CALLER_IS_MEMBER = (
    "The request is rejected because the current account is a member account and cannot "
    "manage members."
)
ORG_MEMBER_NO_INVITE = (
    "The request is rejected because the given account ID is an organization member; "
    "use CreateMembers to associate it."
)
ORG_AUTO_ENABLE_ALL = (
    "The request is rejected because the organization configuration auto-enables GuardDuty "
    "for all member accounts."
)
OTHER_ADMINISTRATOR = (
    "The request is rejected because the given account ID is already associated with another "
    "administrator account."
)
NO_MEMBER_DETECTOR = (
    "The request is rejected because the given account ID does not have a detector in this Region."
)
NO_INVITATION = (
    "The request is rejected because the given account ID has not invited the current account."
)
INVITATION_ACCEPTED = (
    "The request is rejected because the invitation from the given account ID is accepted; "
    "disassociate from the administrator account first."
)
INVALID_INVITATION = "The request is rejected because the input invitationId is not valid."
HAS_ADMINISTRATOR = (
    "The request is rejected because the current account is already associated with an "
    "administrator account."
)
IS_ADMINISTRATOR = (
    "The request is rejected because the current account is an administrator account with "
    "members and cannot become a member."
)
ORG_MEMBER_CANNOT_LEAVE = (
    "The request is rejected because the current account is associated with its organization's "
    "delegated administrator and cannot disassociate itself."
)
NOT_DELEGATED_ADMIN = (
    "The request is rejected because the current account is not the delegated administrator "
    "account of an organization."
)
DELETE_DETECTOR_WITH_MEMBERS = (
    "The request is rejected because the current account cannot delete detector while it has "
    "invited or associated members."
)
ADMIN_ONLY = "Only the administrator account can perform this operation."
