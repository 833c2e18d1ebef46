package io.mallbots.core.agent;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.messaging.EventStream;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The verticle of one service; every service's {@code agent} package has exactly one subclass. It
 * loads the settings ({@code app.env}, environment, then the given overrides), reads the service's
 * own settings {@code S} from them before anything starts (no migration, no connection), starts the
 * {@link ServiceAgent}, lets the subclass wire its repositories, application and ports, and opens
 * the ports. Stopping it drains in-flight work and closes everything in reverse order.
 *
 * @param <S> the service's own settings record ({@code <Svc>Settings}), or {@link Settings} when it
 *     has none
 */
public abstract class ServiceVerticle<S> extends VerticleBase {

  private final String service;
  private final Map<String, String> overrides;
  private final Function<Settings, S> ownSettings;
  private UnaryOperator<EventStream> streamDecorator = UnaryOperator.identity();
  private ServiceAgent agent;

  /**
   * {@code ownSettings} reads the service's settings (e.g. {@code BasketsSettings::from}); it
   * throws {@link IllegalArgumentException} naming the variable to refuse a bad configuration.
   */
  protected ServiceVerticle(
      String service, Map<String, String> overrides, Function<Settings, S> ownSettings) {
    this.service = service;
    this.overrides = Map.copyOf(overrides);
    this.ownSettings = ownSettings;
  }

  /**
   * Builds the service on the started agent: repositories on {@code agent.database()}, the
   * application, {@code agent.serve(...)} for the gRPC/JSON API, {@code agent.subscribe(...)} and
   * {@code agent.handleCommands(...)} for messages. Runs on this verticle's event loop.
   */
  protected abstract Future<Void> wire(ServiceAgent agent, S settings);

  @Override
  public final Future<?> start() {
    return Settings.load(vertx, service, overrides)
        .compose(
            settings -> {
              CoreSettings core = CoreSettings.from(settings);
              S own = ownSettings.apply(settings);
              return ServiceAgent.start(vertx, core, streamDecorator)
                  .compose(
                      started -> {
                        agent = started;
                        return wire(started, own)
                            .compose(v -> agent.listen())
                            // A half-built service must not keep its relay, pools and subscriptions
                            // running.
                            .recover(
                                failure ->
                                    agent
                                        .stop()
                                        .transform(stopped -> Future.failedFuture(failure)));
                      });
            });
  }

  @Override
  public final Future<?> stop() {
    return agent == null ? Future.succeededFuture() : agent.stop();
  }

  /**
   * Lets the service see its event stream through {@code decorator}: the seam through which tests
   * inject faults (e.g. every message delivered twice). Call it before deploying; production never
   * does.
   */
  public ServiceVerticle<S> decorateStream(UnaryOperator<EventStream> decorator) {
    this.streamDecorator = decorator;
    return this;
  }

  public String service() {
    return service;
  }

  /** The running agent (ports, database, stream), once started. */
  public ServiceAgent agent() {
    return agent;
  }
}
