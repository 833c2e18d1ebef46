package io.mallbots.app.fuzz;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The values a careless or hostile client puts in a field: empty, blank, unicode, control
 * characters, 1 MB, SQL injection, ids that look right but name nothing, ids of things that exist;
 * numbers that are negative, zero, NaN, infinite or huge.
 */
final class HostileValues {

  static final String ONE_MEGABYTE = "x".repeat(1 << 20);

  /** Injection attempts: if any reaches SQL as text, a table goes or every row matches. */
  static final List<String> INJECTIONS =
      List.of(
          "'; DROP TABLE users; --",
          "x'); DROP TABLE stores; --",
          "' OR '1'='1",
          "\" OR 1=1 --",
          "1; DELETE FROM products",
          "'||(SELECT pg_sleep(0))||'",
          "%' OR name LIKE '%",
          "$1",
          "\\'; TRUNCATE outbox; --");

  private static final List<String> ODD =
      List.of(
          "",
          " ",
          "\t\n",
          "null",
          "undefined",
          "0",
          "-1",
          "NaN",
          "\u0000",
          "a\u0000b",
          "\uD800",
          "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 日本語",
          "\u202Eevil",
          "<script>alert(1)</script>",
          "../../etc/passwd",
          "00000000-0000-0000-0000-000000000000",
          "1-2-3-4-5",
          "{",
          "%s%n",
          "x".repeat(300));

  private static final List<String> PLAUSIBLE =
      List.of(
          "Ada Lovelace",
          "ada",
          "ada@example.com",
          "correct horse battery staple",
          "Main Street 1",
          "SKU-1",
          "a nice thing",
          "https://example.com/a.png");

  /**
   * Ids of users, stores, products, payments, baskets and orders the mall has: found, so they go
   * deeper.
   */
  private final List<String> knownIds = new CopyOnWriteArrayList<>();

  void remember(String id) {
    if (id != null && !id.isBlank() && id.length() <= 64 && !knownIds.contains(id)) {
      knownIds.add(id);
    }
  }

  List<String> knownIds() {
    return knownIds;
  }

  Arbitrary<String> strings() {
    return weighted(
        Tuple2s.of(4, knownId()),
        Tuple2s.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
        Tuple2s.of(2, Arbitraries.of(INJECTIONS)),
        Tuple2s.of(2, Arbitraries.of(ODD)),
        Tuple2s.of(2, Arbitraries.of(PLAUSIBLE)),
        Tuple2s.of(2, Arbitraries.strings().all().ofMaxLength(30)),
        Tuple2s.of(1, Arbitraries.of(ONE_MEGABYTE, INJECTIONS.get(0) + ONE_MEGABYTE)));
  }

  private Arbitrary<String> knownId() {
    // Drawn when the value is made, so ids remembered during the run take part.
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .map(
            i ->
                knownIds.isEmpty()
                    ? UUID.randomUUID().toString()
                    : knownIds.get(i % knownIds.size()));
  }

  static Arbitrary<Double> doubles() {
    return weighted(
        Tuple2s.of(
            3,
            Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                0.0,
                -1.0,
                -0.01,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.MIN_VALUE,
                1e12,
                1e13,
                0.001,
                0.005,
                1e-300)),
        Tuple2s.of(3, Arbitraries.doubles().between(-1000, 100_000).ofScale(3)),
        Tuple2s.of(2, Arbitraries.doubles().between(0.01, 500).ofScale(2)));
  }

  static Arbitrary<Integer> ints() {
    return weighted(
        Tuple2s.of(2, Arbitraries.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000)),
        Tuple2s.of(3, Arbitraries.integers().between(-10, 100)));
  }

  static Arbitrary<Long> longs() {
    return weighted(
        Tuple2s.of(
            2,
            Arbitraries.of(
                0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 253_402_300_800L, -62_135_596_801L)),
        Tuple2s.of(3, Arbitraries.longs().between(-10, 2_000_000_000L)));
  }

  /** Enum numbers: the declared ones and some nobody declared. */
  static Arbitrary<Integer> enumNumbers(List<Integer> declared) {
    return weighted(
        Tuple2s.of(3, Arbitraries.of(declared)),
        Tuple2s.of(1, Arbitraries.of(-1, 7, 99, Integer.MAX_VALUE)));
  }

  /** One of the choices, each as often as its weight says; choices of weight 0 never. */
  @SafeVarargs
  static <T> Arbitrary<T> weighted(net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<T>>... choices) {
    return Arbitraries.frequencyOf(
        java.util.Arrays.stream(choices).filter(choice -> choice.get1() > 0).toList());
  }

  /** jqwik's frequency pairs, spelled shortly. */
  static final class Tuple2s {
    private Tuple2s() {}

    static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<T>> of(
        int weight, Arbitrary<? extends T> values) {
      @SuppressWarnings("unchecked")
      Arbitrary<T> widened = (Arbitrary<T>) values;
      return net.jqwik.api.Tuple.of(weight, widened);
    }
  }
}
