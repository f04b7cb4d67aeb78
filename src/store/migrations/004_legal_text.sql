-- Legal text (projections of events on `code-version-*` and `legal-text-*` streams): the
-- Code versions designated, and each modification's legal-text documents with the drafting
-- checker's findings at the time they were recorded.
CREATE TABLE code_versions (
  version      text PRIMARY KEY,
  title        text        NOT NULL,
  text         text        NOT NULL,
  clause_count integer     NOT NULL,
  excerpt      boolean     NOT NULL,   -- an excerpt of the Code: checks skip what it does not contain
  imported_at  timestamptz NOT NULL
);

CREATE TABLE legal_text_documents (
  document_id         text        NOT NULL,
  version             integer     NOT NULL,
  modification_number integer,
  baseline            text        NOT NULL,
  text                text        NOT NULL,
  findings            jsonb       NOT NULL,
  error_count         integer     NOT NULL,
  recorded_at         timestamptz NOT NULL,
  recorded_by         text        NOT NULL,
  PRIMARY KEY (document_id, version)
);
