-- Change sets (projection of `ChangeSetRecorded` on `change-set-<id>` streams): a
-- modification's legal text as operations on addresses against a base Code version
-- (issue "Legal text engine", deliverable 3). Each record is a new version; none is changed.
CREATE TABLE change_sets (
  change_set_id       text        NOT NULL,
  version             integer     NOT NULL,
  modification_number integer,
  base_version        text        NOT NULL,
  operations          jsonb       NOT NULL,
  operation_count     integer     NOT NULL,
  source              text        NOT NULL CHECK (source IN ('operations', 'document', 'rebase')),
  document_id         text,
  document_version    integer,
  rebased_from        text,
  recorded_at         timestamptz NOT NULL,
  recorded_by         text        NOT NULL,
  PRIMARY KEY (change_set_id, version)
);

CREATE INDEX change_sets_modification ON change_sets (modification_number) WHERE modification_number IS NOT NULL;
