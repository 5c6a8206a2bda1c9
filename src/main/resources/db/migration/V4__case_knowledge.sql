-- Direct answer with its sources and the three-way call (issue 5): kept on the case record.
-- Portable SQL: runs on H2 2.x and PostgreSQL 14+. (V3 belongs to the knowledge store.)

ALTER TABLE zqt_case ADD COLUMN knowledge_entry_keys VARCHAR(500);
ALTER TABLE zqt_case ADD COLUMN answered_directly BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE zqt_case ADD COLUMN answered_by VARCHAR(64);
ALTER TABLE zqt_case ADD COLUMN answered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE zqt_case ADD COLUMN three_way_call BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE zqt_case ADD COLUMN specialist_entry_key VARCHAR(32);
ALTER TABLE zqt_case ADD COLUMN specialist_id VARCHAR(64);
ALTER TABLE zqt_case ADD COLUMN three_way_call_outcome VARCHAR(16);
