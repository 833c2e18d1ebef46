package io.mallbots.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.config.RetentionSettings;
import io.mallbots.core.testing.ServiceDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {

  private final ServiceDatabase schema = ServiceDatabase.create("retention_test", "probe");
  private final Retention retention =
      new Retention(
          schema.vertx(),
          schema.database(),
          new RetentionSettings(Duration.ofDays(7), Duration.ofHours(1), 2));

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("inbox", "dead_letters", "saga_command_rejections", "outbox_parked");
  }

  @Test
  void rows_older_than_the_retention_go_in_small_batches_and_newer_ones_stay() {
    inboxRows(5, "8 days");
    inboxRows(3, "6 days");
    schema.execute(
        "INSERT INTO dead_letters (message_id, subscriber, topic, name, version, aggregate_id,"
            + " payload, metadata, reason, attempts, dead_at) VALUES"
            + " ('old', 'g', 't', 'n', 1, 'a', ''::bytea, '{}', 'boom', 5, now() - interval '9 days'),"
            + " ('new', 'g', 't', 'n', 1, 'a', ''::bytea, '{}', 'boom', 5, now())");
    schema.execute(
        "INSERT INTO saga_command_rejections (subscriber, command_id, code, reason, rejected_at)"
            + " VALUES ('g', 'old', 'C', 'r', now() - interval '30 days'), ('g', 'new', 'C', 'r', now())");

    long deleted = retention.sweep().await();

    assertThat(deleted).isEqualTo(7);
    assertThat(schema.number("SELECT count(*) FROM inbox")).isEqualTo(3);
    assertThat(schema.number("SELECT count(*) FROM dead_letters WHERE message_id = 'new'"))
        .isEqualTo(1);
    assertThat(schema.number("SELECT count(*) FROM dead_letters")).isEqualTo(1);
    assertThat(schema.number("SELECT count(*) FROM saga_command_rejections")).isEqualTo(1);
  }

  @Test
  void parked_outbox_rows_are_never_deleted_however_old() {
    schema.execute(
        "INSERT INTO outbox_parked (seq, id, topic, name, version, aggregate_id, payload,"
            + " metadata, created_at, attempts, last_error, parked_at) VALUES (1,"
            + " gen_random_uuid(), 't', 'n', 1, 'a', ''::bytea, '{}', now() - interval '90 days',"
            + " 5, 'too large', now() - interval '90 days')");

    retention.sweep().await();

    assertThat(schema.number("SELECT count(*) FROM outbox_parked")).isEqualTo(1);
  }

  private void inboxRows(int count, String age) {
    schema.execute(
        "INSERT INTO inbox (subscriber, message_id, name, received_at) SELECT 'g', '"
            + age
            + "-' || i, 'n', now() - interval '"
            + age
            + "' FROM generate_series(1, "
            + count
            + ") i");
  }
}
