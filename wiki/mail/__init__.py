"""Mail: the outbox (a row per mail, written in the transaction of what it tells), the signed links in mail, and the
sender that delivers what is due (flask --app wiki send-mail). Like the record of changes it knows members and
nothing of the domains: what a notification or a digest says is written by wiki/notify/mailing.py."""
