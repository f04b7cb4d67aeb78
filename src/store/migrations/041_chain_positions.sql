-- Positions come from the chain head, not from a sequence: an append takes head.position + 1
-- onwards under the chain-head lock. That lets an append whose process already knows the head
-- write its events and the new head in one statement (EventStore: the head-conditional
-- append), and the fallback path below to agree with it. A refused append no longer leaves a
-- gap. The column loses its default, so a row written without a position fails loudly rather
-- than taking a number the chain is about to use.
CREATE OR REPLACE FUNCTION secmod_chain_reserve(p_stream text, p_count integer)
RETURNS TABLE (head_position bigint, head_hash text, current_version integer, positions bigint[])
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  SELECT h.position, h.hash INTO head_position, head_hash FROM event_chain_head h WHERE h.id = 1 FOR UPDATE;
  SELECT coalesce(max(e.stream_version), 0)::integer INTO current_version FROM events e WHERE e.stream_id = p_stream;
  positions := ARRAY(SELECT head_position + g FROM generate_series(1, p_count) g);
  RETURN NEXT;
END;
$$;

ALTER TABLE events ALTER COLUMN position DROP DEFAULT;
