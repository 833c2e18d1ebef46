package io.mallbots.core.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw settings of one service: its {@code app.env} defaults, overridden by environment
 * variables, overridden by explicit values (tests, the launcher). A variable prefixed with the
 * service name in upper case ({@code BASKETS_GRPC_SERVER_PORT}) wins over the plain one, so that
 * one JVM can run all services with distinct ports. Typed settings records are built from this
 * once, at start.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final String service;
  private final JsonObject values;
  private final JsonObject defaults;

  Settings(String service, JsonObject values, JsonObject defaults) {
    this.service = service;
    this.values = values;
    this.defaults = defaults;
  }

  /**
   * Reads {@code mallbots/<service>/app.env} from the classpath (or file system), then the
   * environment, then {@code overrides}. Completes on the caller's context.
   */
  public static Future<Settings> load(Vertx vertx, String service, Map<String, String> overrides) {
    var defaults =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("properties")
            .setOptional(true)
            .setConfig(
                new JsonObject()
                    .put("path", "mallbots/" + service + "/app.env")
                    .put("raw-data", true));
    var environment =
        new ConfigStoreOptions().setType("env").setConfig(new JsonObject().put("raw-data", true));
    var explicit =
        new ConfigStoreOptions().setType("json").setConfig(new JsonObject(Map.copyOf(overrides)));
    return read(vertx, defaults)
        .compose(
            shipped ->
                read(vertx, defaults, environment, explicit)
                    .map(json -> new Settings(service, json, shipped)));
  }

  private static Future<JsonObject> read(Vertx vertx, ConfigStoreOptions... stores) {
    var options = new ConfigRetrieverOptions().setIncludeDefaultStores(false);
    for (ConfigStoreOptions store : stores) {
      options.addStore(store);
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig().eventually(retriever::close);
  }

  /** Settings from a map alone, for unit tests. */
  public static Settings of(String service, Map<String, String> values) {
    return of(service, values, Map.of());
  }

  /**
   * Settings from a map, with {@code shipped} standing for the service's {@code app.env}; for unit
   * tests.
   */
  public static Settings of(
      String service, Map<String, String> values, Map<String, String> shipped) {
    var merged = new JsonObject(new HashMap<>(shipped)).mergeIn(new JsonObject(Map.copyOf(values)));
    return new Settings(service, merged, new JsonObject(Map.copyOf(shipped)));
  }

  /**
   * The settings named in {@code DEVELOPMENT_ONLY} (a comma-separated list in {@code app.env}) that
   * still have the value {@code app.env} ships with: public development values, such as a password
   * anyone can read.
   */
  public List<String> developmentValuesInUse() {
    return Arrays.stream(string("DEVELOPMENT_ONLY", "").split(","))
        .map(String::trim)
        .filter(key -> !key.isEmpty())
        .filter(
            key -> {
              Object shipped = defaults.getValue(key);
              return shipped != null && shipped.toString().trim().equals(string(key, null));
            })
        .toList();
  }

  public String service() {
    return service;
  }

  /** The value of {@code key}, or {@code fallback} when unset or blank. */
  public String string(String key, String fallback) {
    Object prefixed = values.getValue(service.toUpperCase(Locale.ROOT) + "_" + key);
    Object value =
        prefixed != null && !prefixed.toString().isBlank() ? prefixed : values.getValue(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
  }

  /** The value of {@code key}; fails at start with a message naming it when missing. */
  public String required(String key) {
    String value = string(key, null);
    if (value == null) {
      throw new IllegalArgumentException(
          key + " is required (set it in the environment or in app.env)");
    }
    return value;
  }

  public int integer(String key, int fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
    }
  }

  public boolean bool(String key, boolean fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    };
  }

  /** A duration given in milliseconds. */
  public Duration millis(String key, long fallback) {
    return Duration.ofMillis(integer(key, (int) fallback));
  }

  /**
   * A duration written with its unit: {@code 300ms}, {@code 30s}, {@code 2m}, {@code 12h} or {@code
   * 7d}. The error names the variable and the units.
   */
  public Duration duration(String key, Duration fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          key + " must be a number with a unit (ms, s, m, h or d), e.g. 30s; got '" + value + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** An enum value named case-insensitively; the error names the allowed values. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
    String value = string(key, null);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    var allowed =
        Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    throw new IllegalArgumentException(
        key + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
  }
}
