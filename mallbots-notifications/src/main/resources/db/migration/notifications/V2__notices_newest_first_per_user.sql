-- GetNotifications pages through a user's notices newest first: this index serves the order and the cursor,
-- and its first column does the old user_id index's job.
CREATE INDEX notifications_user_newest ON notifications (user_id, sent_at DESC, order_id DESC, kind DESC);
DROP INDEX notifications_user_id;
