-- A contact's marketing status follows its consent ledger: after every event actually inserted
-- (duplicates are ON CONFLICT DO NOTHING and fire nothing), the latest event by the time the
-- person acted wins; on a tie opt-out wins. Replaces a status UPDATE per message in the batch.
CREATE TRIGGER `consent_events_status_ai` AFTER INSERT ON `consent_events` BEGIN
  UPDATE `contacts` SET
    `marketing_status` = (SELECT `status` FROM `consent_events` WHERE `contact_id` = new.`contact_id`
      ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1),
    `marketing_status_at` = (SELECT `occurred_at` FROM `consent_events` WHERE `contact_id` = new.`contact_id`
      ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
  WHERE `id` = new.`contact_id` AND `erased_at` IS NULL;
END;
