package io.mallbots.core.rpc;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several instances of one service, from a setting such as {@code
 * STORES_GRPC_ENDPOINT=10.0.0.1:5090,10.0.0.2:5090} ({@link RpcClients#address}). A client from
 * {@link RpcClients#client} spreads its calls over them, one after the other, and skips for a while
 * an instance it could not reach. It is a {@link SocketAddress} only so that it fits where the
 * generated gRPC clients take one; read as a single address it is its first instance.
 */
public final class RpcEndpoints implements SocketAddress {

  private final List<SocketAddress> addresses;

  /** {@code addresses}: two or more instances, in the order of the setting. */
  public RpcEndpoints(List<SocketAddress> addresses) {
    if (addresses.size() < 2) {
      throw new IllegalArgumentException(
          "RpcEndpoints needs at least two addresses, got " + addresses);
    }
    this.addresses = List.copyOf(addresses);
  }

  /** The instances, in the order of the setting. */
  public List<SocketAddress> addresses() {
    return addresses;
  }

  private SocketAddress first() {
    return addresses.get(0);
  }

  @Override
  public String host() {
    return first().host();
  }

  @Override
  public String hostName() {
    return first().hostName();
  }

  @Override
  public String hostAddress() {
    return first().hostAddress();
  }

  @Override
  public int port() {
    return first().port();
  }

  @Override
  public String path() {
    return first().path();
  }

  @Override
  public boolean isInetSocket() {
    return true;
  }

  @Override
  public boolean isDomainSocket() {
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RpcEndpoints that && addresses.equals(that.addresses);
  }

  @Override
  public int hashCode() {
    return addresses.hashCode();
  }

  /** As the setting reads: {@code host:port,host:port}. */
  @Override
  public String toString() {
    return addresses.stream().map(a -> a.host() + ":" + a.port()).collect(Collectors.joining(","));
  }
}
