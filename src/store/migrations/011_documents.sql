-- Generated documents (issue: Notifications, documents and feeds, item 6): each version of a
-- Modification Report, consultation response form, Conclusions Report or Final Modification
-- Report is an immutable artefact. The bytes live here; the `DocumentGenerated` event on the
-- `document-<id>` stream carries their SHA-256, so the hash is in the hash-chained event log.
-- Not a projection (the bytes are not in the events): `secmod rebuild` leaves it alone.
CREATE TABLE generated_documents (
  document_id           text        NOT NULL,
  version               integer     NOT NULL CHECK (version > 0),
  modification_number   integer     NOT NULL,
  kind                  text        NOT NULL,
  format                text        NOT NULL,
  media_type            text        NOT NULL,
  file_name             text        NOT NULL,
  sha256                text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_length           integer     NOT NULL,
  content               bytea       NOT NULL,
  event_position        bigint      NOT NULL,
  source_stream_version integer     NOT NULL,
  source_state          text        NOT NULL,
  generated_by          text        NOT NULL,
  generated_at          timestamptz NOT NULL,
  PRIMARY KEY (document_id, version)
);
CREATE INDEX generated_documents_modification ON generated_documents (modification_number, document_id, version);

-- Immutable: a version once stored is never changed or removed (a new version is generated instead).
CREATE FUNCTION generated_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'generated documents are immutable: generate a new version instead';
END;
$$;
CREATE TRIGGER generated_documents_no_update BEFORE UPDATE OR DELETE ON generated_documents
  FOR EACH ROW EXECUTE FUNCTION generated_documents_immutable();
