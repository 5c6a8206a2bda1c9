-- Audit search (GET /api/audit/cases): a unit's staff list their own unit's cases newest first, and auditors
-- narrow by status and intake date. Portable SQL: runs on H2 2.x and PostgreSQL 14+.
CREATE INDEX zqt_case_unit_received_ix ON zqt_case (handling_unit, received_at);
CREATE INDEX zqt_case_status_received_ix ON zqt_case (status, received_at);
