package io.mallbots.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.db.Database;
import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.rpc.RpcAccess;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /outbox/parked} on the HTTP port: listed newest first, replayed into the outbox, guarded
 * like dead letters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkedOutboxRoutesTest {

  private final ServiceDatabase schema = ServiceDatabase.create("parked_routes", "probe");
  private final Database database = schema.database();
  private final Vertx vertx = schema.vertx();
  private final WebClient client = WebClient.create(vertx);
  private final AuthKeys keys = AuthKeys.throwAway();
  private final RpcAccess guarded =
      RpcAccess.tokens(
          new AccessTokens(
              AuthKeys.parseEcKey(keys.publicKey(), AuthKeys.PUBLIC_KEY),
              keys.serviceKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              Clock.systemUTC()),
          "probe");
  private final HttpServer open = serve(RpcAccess.OPEN);
  private final HttpServer closed = serve(guarded);

  @AfterAll
  void stop() {
    open.close().await();
    closed.close().await();
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("outbox", "outbox_parked");
  }

  @Test
  void parked_rows_are_listed_newest_first_and_a_replay_moves_one_back_to_the_outbox() {
    String older = park(10, "2026-12-05T01:00:00Z");
    String newer = park(20, "2026-12-05T02:00:00Z");

    HttpResponse<Buffer> list =
        client.get(open.actualPort(), "127.0.0.1", "/outbox/parked?limit=10").send().await();
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(
            list.bodyAsJsonObject().getJsonArray("parked").stream()
                .map(o -> ((JsonObject) o).getString("id")))
        .containsExactly(newer, older);
    assertThat(
            client
                .get(open.actualPort(), "127.0.0.1", "/outbox/parked?limit=0")
                .send()
                .await()
                .statusCode())
        .isEqualTo(400);

    HttpResponse<Buffer> replayed =
        client
            .post(open.actualPort(), "127.0.0.1", "/outbox/parked/" + older + "/replay")
            .send()
            .await();
    assertThat(replayed.statusCode()).isEqualTo(202);
    var row =
        database
            .pool()
            .query("SELECT seq, id, attempts, last_error FROM outbox")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(row.getLong("seq")).isEqualTo(10L);
    assertThat(row.getUUID("id").toString()).isEqualTo(older);
    assertThat(row.getInteger("attempts")).isZero();
    assertThat(row.getString("last_error")).isNull();

    assertThat(
            client
                .post(open.actualPort(), "127.0.0.1", "/outbox/parked/" + older + "/replay")
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);
    assertThat(
            client
                .post(open.actualPort(), "127.0.0.1", "/outbox/parked/not-an-id/replay")
                .send()
                .await()
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void without_an_operators_token_the_guard_the_dead_letters_get_refuses_both_routes() {
    String id = park(30, "2026-12-05T03:00:00Z");
    assertThat(
            client
                .get(closed.actualPort(), "127.0.0.1", "/outbox/parked")
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            client
                .post(closed.actualPort(), "127.0.0.1", "/outbox/parked/" + id + "/replay")
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    assertThat(
            database
                .pool()
                .query("SELECT count(*) FROM outbox_parked")
                .execute()
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isEqualTo(1L);
  }

  private HttpServer serve(RpcAccess access) {
    return vertx
        .createHttpServer()
        .requestHandler(
            HttpRoutes.management(
                vertx, HealthChecks.create(vertx), new DeadLetters(database), access))
        .listen(0, "127.0.0.1")
        .await();
  }

  private String park(long seq, String parkedAt) {
    String id = UUID.randomUUID().toString();
    database
        .pool()
        .query(
            "INSERT INTO outbox_parked (seq, id, topic, name, version, aggregate_id, payload, metadata, "
                + "created_at, attempts, last_error, parked_at) VALUES ("
                + seq
                + ", '"
                + id
                + "', 'probe.things.events.Thing', "
                + "'probe.ThingHappened', 1, 'thing-1', '\\x00', '{}', now(), 5, 'RecordTooLargeException', '"
                + parkedAt
                + "')")
        .execute()
        .await();
    return id;
  }
}
