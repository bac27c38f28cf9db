from allauth.account.adapter import DefaultAccountAdapter


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts are made by accepting an invitation
    (partners.workspace.accept_invitation)."""

    def is_open_for_signup(self, request):
        return False
