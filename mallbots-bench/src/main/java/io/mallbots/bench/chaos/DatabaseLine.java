package io.mallbots.bench.chaos;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The line between one service and PostgreSQL, a TCP forwarder the chaos run owns: the service's
 * {@code POSTGRES_PORT} points here. {@link #cut()} drops every connection and refuses new ones, as
 * a broken network would; {@link #restore()} forwards again on the same port. Runs on the chaos
 * JVM's Vert.x.
 */
final class DatabaseLine {

  private final Vertx vertx;
  private final String databaseHost;
  private final int databasePort;
  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private NetServer server;
  private NetClient client;
  private int port;

  DatabaseLine(Vertx vertx, String databaseHost, int databasePort) {
    this.vertx = vertx;
    this.databaseHost = databaseHost;
    this.databasePort = databasePort;
  }

  /** Starts forwarding on an ephemeral port. */
  Future<DatabaseLine> open() {
    client = vertx.createNetClient();
    return listen(0).map(this);
  }

  /**
   * This line as the run's database fault, for {@code service} behind it: cut, the outage, restore.
   * Blocking: from the fault thread; the line itself is worked on {@code context}.
   */
  Faults.DatabaseCut asCut(Context context, String service) {
    return new Faults.DatabaseCut() {
      @Override
      public String service() {
        return service;
      }

      @Override
      public void cut(Duration howLong) throws Exception {
        Chaos.on(context, DatabaseLine.this::cut);
        TimeUnit.MILLISECONDS.sleep(howLong.toMillis()); // the outage itself lasts this long
        Chaos.on(context, DatabaseLine.this::restore);
      }
    };
  }

  int port() {
    return port;
  }

  /** Drops every connection through the line and stops accepting new ones. */
  Future<Void> cut() {
    sockets.forEach(NetSocket::close);
    sockets.clear();
    return server.close();
  }

  /** Accepts and forwards again, on the same port. */
  Future<Void> restore() {
    return listen(port).mapEmpty();
  }

  Future<Void> close() {
    return cut().eventually(client::close);
  }

  private Future<NetServer> listen(int onPort) {
    server = vertx.createNetServer().connectHandler(this::forward);
    return server.listen(onPort, "127.0.0.1").onSuccess(s -> port = s.actualPort());
  }

  private void forward(NetSocket service) {
    service.pause();
    sockets.add(service);
    client
        .connect(databasePort, databaseHost)
        .onComplete(
            connected -> {
              if (connected.failed()) {
                service.close();
                return;
              }
              NetSocket database = connected.result();
              sockets.add(database);
              // Either side closing closes the other, so a cut or a killed service leaves no
              // half-open pair.
              service.closeHandler(
                  v -> {
                    sockets.remove(service);
                    database.close();
                  });
              database.closeHandler(
                  v -> {
                    sockets.remove(database);
                    service.close();
                  });
              service.pipeTo(database);
              database.pipeTo(service);
              service.resume();
            });
  }
}
