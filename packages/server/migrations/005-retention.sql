-- Finished jobs and webhook deliveries are kept for 30 days (the spec says so), published outbox
-- events as long. The background janitor deletes older rows in small batches through these indexes.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX webhook_deliveries_by_created ON webhook_deliveries (created_at);
CREATE INDEX outbox_events_published ON outbox_events (published_at) WHERE published_at IS NOT NULL;
