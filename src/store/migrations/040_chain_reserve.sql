-- The start of an append in one round trip: take the chain-head lock, then read the stream's
-- version and take positions for the new events. The function is VOLATILE, so each statement
-- in it takes a fresh snapshot under READ COMMITTED: the version is read after the lock is
-- granted and sees every append committed before it, and positions follow the lock's order.
CREATE FUNCTION secmod_chain_reserve(p_stream text, p_count integer)
RETURNS TABLE (head_position bigint, head_hash text, current_version integer, positions bigint[])
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  SELECT h.position, h.hash INTO head_position, head_hash FROM event_chain_head h WHERE h.id = 1 FOR UPDATE;
  SELECT coalesce(max(e.stream_version), 0)::integer INTO current_version FROM events e WHERE e.stream_id = p_stream;
  positions := ARRAY(SELECT nextval('events_position_seq') FROM generate_series(1, p_count));
  RETURN NEXT;
END;
$$;
