-- The latest events of one kind (the last good backup, the last drill, each erasure) are read
-- often; without this index each of those reads would scan the whole trail.
CREATE INDEX audit_events_by_action ON audit_events (action, seq);
