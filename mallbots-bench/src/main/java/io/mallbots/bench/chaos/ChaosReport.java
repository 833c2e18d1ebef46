package io.mallbots.bench.chaos;

import io.mallbots.bench.shop.Measurements;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a chaos run did and what the books said afterwards: {@code <output>/report-<broker>.json},
 * and a few lines for the console.
 */
final class ChaosReport {

  /**
   * Failure kinds that mean the mall refused (or never answered) before a checkout was accepted.
   */
  private static final String[] BEFORE_ACCEPTANCE = {
    "AuthorizePayment", "StartBasket", "AddItem", "CheckoutBasket"
  };

  private ChaosReport() {}

  /** Everything a run hands to the report. */
  record Run(
      ChaosOptions options,
      String command,
      String system,
      List<Measurements> load,
      long accepted,
      Faults faults,
      int serviceStarts,
      double loadSeconds,
      Double timeToQuietSeconds,
      Books.Audit audit,
      int serviceJvms,
      int brokerNodes,
      int priceChanges,
      int priceChangesRefused,
      JsonObject swap) {}

  static JsonObject build(Run run) {
    Map<String, Long> refused = new TreeMap<>();
    Map<String, Long> unconfirmed = new TreeMap<>();
    run.load()
        .forEach(
            phase ->
                phase
                    .errors()
                    .forEach(
                        (kind, count) ->
                            (refusedKind(kind) ? refused : unconfirmed)
                                .merge(kind, count, Long::sum)));
    ChaosOptions o = run.options();
    JsonObject counts = run.audit().counts();
    return new JsonObject()
        .put("broker", o.broker())
        .put("command", run.command())
        .put("instances", o.instances())
        .put("instanced", new JsonArray(new ArrayList<>(new TreeSet<>(o.instanced()))))
        .put("serviceJvms", run.serviceJvms())
        .put("brokerNodes", run.brokerNodes())
        .put("system", run.system())
        .put(
            "options",
            new JsonObject()
                .put("duration", o.duration().toString())
                .put("killEvery", o.killEvery().toString())
                .put("cutFor", o.cutFor().toString())
                .put("cutService", o.cutService())
                .put("rate", o.rate())
                .put("concurrency", o.concurrency())
                .put("seed", o.seed()))
        .put(
            "orders",
            new JsonObject()
                .put("driven", run.load().stream().mapToLong(Measurements::started).sum())
                .put("accepted", run.accepted())
                .put("refused", refused.values().stream().mapToLong(Long::longValue).sum())
                .put("refusedByKind", new JsonObject(new TreeMap<>(refused)))
                .put(
                    "confirmedApprovedByShopper",
                    run.load().stream().mapToLong(Measurements::completed).sum())
                .put("unconfirmedByShopper", new JsonObject(new TreeMap<>(unconfirmed))))
        .put(
            "faults",
            new JsonObject()
                .put("kills", run.faults().kills())
                .put("serviceRestarts", run.faults().serviceRestarts())
                .put("serviceJvmsStarted", run.serviceStarts())
                .put("brokerRestarts", run.faults().brokerRestarts())
                .put("brokerNodeKills", run.faults().brokerNodeKills())
                .put("priceChanges", run.priceChanges())
                .put("priceChangesRefused", run.priceChangesRefused())
                .put("databaseCuts", run.faults().databaseCuts())
                .put("brokerSwaps", run.faults().brokerSwaps())
                .put("timeline", run.faults().timeline()))
        .put("swap", run.swap())
        .put("loadSeconds", Math.round(run.loadSeconds() * 10) / 10.0)
        .put("timeToQuietSeconds", run.timeToQuietSeconds())
        .put("books", counts)
        .put("lost", counts.getLong("lost"))
        .put("duplicatedEffects", counts.getLong("duplicatedEffects"))
        .put("outOfOrder", counts.getLong("outOfOrder"))
        // After a swap, nothing may be left unread on the old broker.
        .put(
            "balanced",
            run.audit().balanced()
                && (run.swap() == null
                    || Long.valueOf(0).equals(run.swap().getLong("leftOnOldBroker"))));
  }

  static Path write(JsonObject report, Path output) throws IOException {
    Files.createDirectories(output);
    Path file = output.resolve("report-" + report.getString("broker") + ".json");
    Files.writeString(file, report.encodePrettily() + "\n");
    return file;
  }

  /** The console summary. */
  static String summary(JsonObject report) {
    JsonObject orders = report.getJsonObject("orders");
    JsonObject faults = report.getJsonObject("faults");
    JsonObject books = report.getJsonObject("books");
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "chaos on %s: %s%n",
            report.getString("broker"),
            report.getBoolean("balanced") ? "the books balance" : "THE BOOKS DO NOT BALANCE"));
    text.append(
        String.format(
            "  %d service JVMs (%d per instanced service), %d broker node(s)%n",
            report.getInteger("serviceJvms"),
            report.getInteger("instances"),
            report.getInteger("brokerNodes")));
    text.append(
        String.format(
            "  orders driven %d, accepted %d, refused %d; kills %d, service restarts %d, broker restarts %d, "
                + "broker node kills %d, database cuts %d, price changes %d; time to quiet %s s%n",
            orders.getLong("driven"),
            orders.getLong("accepted"),
            orders.getLong("refused"),
            faults.getInteger("kills"),
            faults.getInteger("serviceRestarts"),
            faults.getInteger("brokerRestarts"),
            faults.getInteger("brokerNodeKills"),
            faults.getInteger("databaseCuts"),
            faults.getInteger("priceChanges"),
            report.getValue("timeToQuietSeconds")));
    JsonObject swap = report.getJsonObject("swap");
    if (swap != null) {
      text.append(
          String.format(
              "  broker swap %s -> %s at %s s: every instance restarted in %s s (move %s s,"
                  + " re-drain %s s; %s), unread on %s at the end: %s%n",
              swap.getString("from"),
              swap.getString("to"),
              swap.getValue("atSeconds"),
              swap.getValue("restartSeconds"),
              swap.getValue("moveSeconds"),
              swap.getValue("redrainSeconds"),
              swap.getString("drainFrom"),
              swap.getString("from"),
              swap.getValue("leftOnOldBroker")));
    }
    for (String check :
        new String[] {
          "orders",
          "ordersApproved",
          "ordersRejected",
          "lost",
          "stuckPending",
          "duplicateOrders",
          "paymentsConfirmed",
          "paymentsConfirmedTwice",
          "paymentsWrongAmount",
          "approvedWithoutPayment",
          "rejectedButCharged",
          "ordersInvoicedTwice",
          "searchMissing",
          "searchExtra",
          "searchStatusMismatch",
          "searchPlaceholders",
          "outboxUnpublished",
          "sagasUnfinished",
          "deadLetters",
          "deadLettersInjected",
          "deadLettersUnexpected",
          "injectedNotDeadLettered",
          "basketPriceStale",
          "outOfOrder",
          "duplicatedEffects"
        }) {
      text.append(String.format("  %-28s %s%n", check, books.getValue(check)));
    }
    return text.toString();
  }

  private static boolean refusedKind(String kind) {
    for (String rpc : BEFORE_ACCEPTANCE) {
      if (kind.startsWith(rpc + ":")) {
        return true;
      }
    }
    return false;
  }
}
