"""Grant, revoke and list roles: ``manage.py roles grant trainer ana@example.org``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms import roles, services


class Command(BaseCommand):
    help = "Grant or revoke a role (learner, trainer, lead-trainer, coordinator), or list roles."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        for name in ("grant", "revoke"):
            sub = actions.add_parser(name, help=f"{name} a role")
            sub.add_argument("role", choices=sorted(roles.ROLE_SLUGS))
            sub.add_argument("emails", nargs="+", metavar="email")
        listing = actions.add_parser("list", help="list the roles of some or all accounts")
        listing.add_argument("emails", nargs="*", metavar="email")

    def handle(self, *args, action, emails, role=None, **options):
        User = get_user_model()
        if action == "list":
            users = User.objects.filter(email__in=emails) if emails else User.objects.all()
            for user in users.prefetch_related("groups").order_by("email"):
                names = ", ".join(sorted(g.name for g in user.groups.all())) or "-"
                self.stdout.write(f"{user.email}: {names}")
            return
        group_name = roles.ROLE_SLUGS[role]
        found = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
        missing = [e for e in emails if e.lower() not in found]
        if missing:
            raise CommandError(f"No account for: {', '.join(missing)}. Nothing was changed.")
        for user in found.values():
            if action == "grant":
                services.role_grant(user=user, role=group_name)
                self.stdout.write(f"{user.email}: granted {role}")
            else:
                services.role_revoke(user=user, role=group_name)
                self.stdout.write(f"{user.email}: revoked {role}")
