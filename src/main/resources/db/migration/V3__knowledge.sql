-- The enterprise knowledge base (涉企知识库, issue 5): current entries and every version of them.
-- Portable SQL: runs on H2 2.x and PostgreSQL 14+.
-- Lists (topics, districts, keywords) are kept as text joined with ';' (the seed files' format). Filters answer by
-- SQL with CONCAT(';', topics, ';') LIKE '%;SOCIAL_INSURANCE;%' (likewise districts; an empty districts value means
-- the whole city). Expired entries stay here: expiry_date is the first day an entry no longer applies.

CREATE TABLE zqt_knowledge_entry (
    entry_key        VARCHAR(64)              NOT NULL PRIMARY KEY,
    entry_type       VARCHAR(16)              NOT NULL,
    title            VARCHAR(200)             NOT NULL,
    body             VARCHAR(20000)           NOT NULL,
    issuing_body     VARCHAR(200)             NOT NULL,
    document_number  VARCHAR(100),
    publish_date     DATE                     NOT NULL,
    effective_date   DATE                     NOT NULL,
    expiry_date      DATE,
    topics           VARCHAR(1000)            NOT NULL,
    districts        VARCHAR(1000)            DEFAULT '' NOT NULL,
    responsible_unit VARCHAR(16)              NOT NULL,
    keywords         VARCHAR(1000)            NOT NULL,
    source_link      VARCHAR(500),
    version          INT                      NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(64)              NOT NULL
);
CREATE INDEX zqt_knowledge_entry_type_ix ON zqt_knowledge_entry (entry_type);
CREATE INDEX zqt_knowledge_entry_unit_ix ON zqt_knowledge_entry (responsible_unit);
CREATE INDEX zqt_knowledge_entry_valid_ix ON zqt_knowledge_entry (effective_date, expiry_date);

-- Every version of every entry, the current one included (version 1 = as created): the entry's content as it was,
-- who made the version, when, and the names of the fields that changed from the version before (empty for 1).
CREATE TABLE zqt_knowledge_version (
    entry_key        VARCHAR(64)              NOT NULL,
    version          INT                      NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by       VARCHAR(64)              NOT NULL,
    changed_fields   VARCHAR(500)             DEFAULT '' NOT NULL,
    entry_type       VARCHAR(16)              NOT NULL,
    title            VARCHAR(200)             NOT NULL,
    body             VARCHAR(20000)           NOT NULL,
    issuing_body     VARCHAR(200)             NOT NULL,
    document_number  VARCHAR(100),
    publish_date     DATE                     NOT NULL,
    effective_date   DATE                     NOT NULL,
    expiry_date      DATE,
    topics           VARCHAR(1000)            NOT NULL,
    districts        VARCHAR(1000)            DEFAULT '' NOT NULL,
    responsible_unit VARCHAR(16)              NOT NULL,
    keywords         VARCHAR(1000)            NOT NULL,
    source_link      VARCHAR(500),
    PRIMARY KEY (entry_key, version)
);
