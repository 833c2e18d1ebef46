package io.mallbots.app.demo;

import io.mallbots.core.config.StandardPorts;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where the services the demo talks to serve gRPC. */
public record MallEndpoints(Map<String, SocketAddress> grpc) {

  /** The services a checkout touches, with the standard gRPC ports of {@code make run}. */
  static final Map<String, Integer> STANDARD_PORTS = standardPorts();

  public MallEndpoints {
    grpc = Map.copyOf(grpc);
    for (String service : STANDARD_PORTS.keySet()) {
      if (!grpc.containsKey(service)) {
        throw new IllegalArgumentException("no gRPC endpoint for " + service);
      }
    }
  }

  /**
   * The standard ports on {@code host}; {@code <SERVICE>_GRPC_ENDPOINT=host:port} in {@code
   * environment} overrides one service (the variable the services use to find each other; of a list
   * of instances, {@code a:1,b:2}, the demo talks to the first).
   */
  public static MallEndpoints of(String host, Map<String, String> environment) {
    Map<String, SocketAddress> addresses = new LinkedHashMap<>();
    STANDARD_PORTS.forEach(
        (service, port) -> {
          String endpoint = environment.get(service.toUpperCase(Locale.ROOT) + "_GRPC_ENDPOINT");
          addresses.put(
              service,
              endpoint == null ? SocketAddress.inetSocketAddress(port, host) : parse(endpoint));
        });
    return new MallEndpoints(addresses);
  }

  public SocketAddress of(String service) {
    return grpc.get(service);
  }

  /** The services nobody accepts a connection for (blocking: call it off the event loops). */
  public List<String> unreachable() {
    return STANDARD_PORTS.keySet().stream().filter(service -> !accepts(grpc.get(service))).toList();
  }

  private static boolean accepts(SocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static SocketAddress parse(String endpoint) {
    endpoint = endpoint.split(",", 2)[0].strip();
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected host:port, got '" + endpoint + "'");
    }
    return SocketAddress.inetSocketAddress(
        Integer.parseInt(endpoint.substring(colon + 1)), endpoint.substring(0, colon));
  }

  private static Map<String, Integer> standardPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    // In the order a checkout calls them, which is the order the demo reports them in.
    for (String service :
        List.of("users", "stores", "payments", "baskets", "ordering", "search", "notifications")) {
      ports.put(service, StandardPorts.grpc(service));
    }
    return ports;
  }
}
