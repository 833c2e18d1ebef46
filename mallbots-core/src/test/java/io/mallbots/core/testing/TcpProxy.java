package io.mallbots.core.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a local port, for cutting a service off from a real server (PostgreSQL, a
 * broker) and reconnecting it: {@link #cut()} drops every connection and refuses new ones, {@link
 * #restore()} forwards again on the same port.
 */
public final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private NetServer server;
  private NetClient client;
  private int port;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Starts forwarding on an ephemeral port. */
  public Future<TcpProxy> start() {
    client = vertx.createNetClient();
    return listen(0).map(this);
  }

  public int port() {
    return port;
  }

  /** Drops every connection and stops listening. */
  public Future<Void> cut() {
    sockets.forEach(NetSocket::close);
    sockets.clear();
    return server.close();
  }

  /** Listens again on the same port. */
  public Future<Void> restore() {
    return listen(port).mapEmpty();
  }

  public Future<Void> close() {
    return cut().eventually(client::close);
  }

  private Future<NetServer> listen(int onPort) {
    server = vertx.createNetServer().connectHandler(this::forward);
    return server.listen(onPort, "127.0.0.1").onSuccess(s -> port = s.actualPort());
  }

  private void forward(NetSocket inbound) {
    inbound.pause();
    sockets.add(inbound);
    client
        .connect(targetPort, targetHost)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                inbound.close();
                return;
              }
              NetSocket outbound = connected.result();
              sockets.add(outbound);
              inbound.pipeTo(outbound);
              outbound.pipeTo(inbound);
              inbound.resume();
            });
  }
}
