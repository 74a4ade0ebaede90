-- An endpoint receives the events written after it subscribed to their type, never older ones:
-- per subscribed type, the outbox position (outbox_events.seq) it subscribed at.
ALTER TABLE webhook_endpoints ADD COLUMN event_positions jsonb NOT NULL DEFAULT '{}';

-- Endpoints that existed before keep receiving what they did: subscribed since the beginning.
UPDATE webhook_endpoints
SET event_positions = coalesce((SELECT jsonb_object_agg(type, 0) FROM jsonb_array_elements_text(events) AS type), '{}');
