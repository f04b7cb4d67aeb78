-- Supporting documents uploaded to a Draft or Modification Proposal (sec-process.md §8; issue
-- "Proof suite" item 13). The bytes are stored once per SHA-256 (content-addressed: the same
-- file uploaded twice is kept once), never under a name the uploader chose. Each upload is a
-- row here and a `SupportingDocumentAttached` event on the proposal's stream carrying the same
-- SHA-256, so the hash-chained log vouches for every byte handed back.
-- Neither table is a projection (the bytes are not in the events): `secmod rebuild` leaves them alone.
CREATE TABLE document_contents (
  sha256      text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  byte_length integer     NOT NULL CHECK (byte_length > 0),
  content     bytea       NOT NULL,
  stored_at   timestamptz NOT NULL,
  CHECK (octet_length(content) = byte_length)
);

CREATE TABLE supporting_documents (
  document_id              text        PRIMARY KEY CHECK (document_id ~ '^sd-[0-9]{1,9}-[0-9]{1,6}$'),
  modification_number      integer     NOT NULL,
  sequence                 integer     NOT NULL CHECK (sequence > 0),
  sha256                   text        NOT NULL REFERENCES document_contents (sha256),
  byte_length              integer     NOT NULL,
  media_type               text        NOT NULL,
  file_name                text        NOT NULL,
  description              text,
  uploaded_by              text        NOT NULL,
  uploaded_organisation_id text,
  uploaded_at              timestamptz NOT NULL,
  state_id                 text        NOT NULL,
  event_position           bigint      NOT NULL,
  UNIQUE (modification_number, sequence)
);

-- Immutable, like the event log: an upload once stored is never changed or removed.
CREATE FUNCTION supporting_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'supporting documents are immutable: attach a new document instead';
END;
$$;
CREATE TRIGGER document_contents_no_update BEFORE UPDATE OR DELETE ON document_contents
  FOR EACH ROW EXECUTE FUNCTION supporting_documents_immutable();
CREATE TRIGGER supporting_documents_no_update BEFORE UPDATE OR DELETE ON supporting_documents
  FOR EACH ROW EXECUTE FUNCTION supporting_documents_immutable();
