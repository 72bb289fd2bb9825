"""On PostgreSQL, the database itself refuses to change or delete an audit event.

A row-level trigger, so TRUNCATE (the test runner's flush between tests) is unaffected. SQLite
gets no trigger: its flush deletes row by row, and the app-level guard (AuditEvent.save/delete
and its queryset) is the protection there.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION referrals_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER referrals_audit_append_only
    BEFORE UPDATE OR DELETE ON referrals_auditevent
    FOR EACH ROW EXECUTE FUNCTION referrals_audit_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS referrals_audit_append_only ON referrals_auditevent;
DROP FUNCTION IF EXISTS referrals_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
