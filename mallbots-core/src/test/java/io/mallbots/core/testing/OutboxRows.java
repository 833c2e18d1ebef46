package io.mallbots.core.testing;

import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.Message;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what a service has put in its outbox and not yet published, oldest first. */
public final class OutboxRows {

  private OutboxRows() {}

  public static List<Message> all(Database database) {
    List<Message> messages = new ArrayList<>();
    for (Row row : database.pool().query("SELECT * FROM outbox ORDER BY seq").execute().await()) {
      Map<String, String> metadata = new HashMap<>();
      row.getJsonObject("metadata")
          .forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
      messages.add(
          new Message(
              row.getUUID("id").toString(),
              row.getString("topic"),
              row.getString("name"),
              row.getInteger("version"),
              row.getString("aggregate_id"),
              row.getBuffer("payload").getBytes(),
              metadata));
    }
    return messages;
  }
}
