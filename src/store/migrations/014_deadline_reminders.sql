-- Which timer occurrences have had their deadline reminders queued (notice rule
-- deadline-reminder): the sweeper runs every few seconds and works out who must act only for
-- occurrences not yet reminded. The outbox's delivery keys still make each reminder unique.
CREATE TABLE deadline_reminders (
  modification_number integer     NOT NULL,
  timer               text        NOT NULL,
  due_at              timestamptz NOT NULL,
  reminded_at         timestamptz NOT NULL,
  PRIMARY KEY (modification_number, timer, due_at)
);
