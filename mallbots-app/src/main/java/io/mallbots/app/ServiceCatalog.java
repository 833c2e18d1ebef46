package io.mallbots.app;

import io.mallbots.baskets.agent.BasketsVerticle;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.notifications.agent.NotificationsVerticle;
import io.mallbots.ordering.agent.OrderingVerticle;
import io.mallbots.payments.agent.PaymentsVerticle;
import io.mallbots.search.agent.SearchVerticle;
import io.mallbots.stores.agent.StoresVerticle;
import io.mallbots.users.agent.UsersVerticle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The services this launcher can run, in start order (those others call first); part of its public
 * API.
 */
public final class ServiceCatalog {

  private static final Map<String, Function<Map<String, String>, ServiceVerticle<?>>> SERVICES =
      new LinkedHashMap<>();

  static {
    SERVICES.put("users", UsersVerticle::new);
    SERVICES.put("stores", StoresVerticle::new);
    SERVICES.put("payments", PaymentsVerticle::new);
    SERVICES.put("notifications", NotificationsVerticle::new);
    SERVICES.put("search", SearchVerticle::new);
    SERVICES.put("ordering", OrderingVerticle::new);
    SERVICES.put("baskets", BasketsVerticle::new);
  }

  private ServiceCatalog() {}

  /** Every service's name, in start order. */
  public static List<String> names() {
    return List.copyOf(SERVICES.keySet());
  }

  /** The services named in {@code SERVICES} (comma-separated), or all; unknown names fail. */
  public static List<String> select(String wanted) {
    if (wanted == null || wanted.isBlank() || wanted.equals("all")) {
      return names();
    }
    List<String> chosen =
        java.util.Arrays.stream(wanted.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    for (String name : chosen) {
      if (!SERVICES.containsKey(name)) {
        throw new IllegalArgumentException(
            "SERVICES names an unknown service '"
                + name
                + "'; known: "
                + String.join(", ", names()));
      }
    }
    return names().stream().filter(chosen::contains).toList();
  }

  /**
   * A verticle of service {@code name} whose settings {@code overrides} win over the environment
   * and app.env.
   */
  public static ServiceVerticle<?> create(String name, Map<String, String> overrides) {
    return SERVICES.get(name).apply(overrides);
  }
}
