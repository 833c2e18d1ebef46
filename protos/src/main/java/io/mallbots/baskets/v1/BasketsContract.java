package io.mallbots.baskets.v1;

import io.mallbots.common.v1.MessageType;

/**
 * The names baskets publishes under: its topic and one typed constant per event of {@code
 * events.proto}. The envelope names are {@code baskets.<ProtoMessage>}; they are on the wire, so
 * they never change.
 */
public final class BasketsContract {

  public static final String BASKET_EVENTS = "mallbots.baskets.events.Basket";

  /** The envelope names as compile-time constants, for switch labels. */
  public static final class Names {
    public static final String BASKET_STARTED = "baskets.BasketStarted";
    public static final String BASKET_CANCELED = "baskets.BasketCanceled";
    public static final String BASKET_CHECKED_OUT = "baskets.BasketCheckedOut";

    private Names() {}
  }

  public static final MessageType<BasketStarted> BASKET_STARTED =
      new MessageType<>(BASKET_EVENTS, Names.BASKET_STARTED, BasketStarted.parser());
  public static final MessageType<BasketCanceled> BASKET_CANCELED =
      new MessageType<>(BASKET_EVENTS, Names.BASKET_CANCELED, BasketCanceled.parser());
  public static final MessageType<BasketCheckedOut> BASKET_CHECKED_OUT =
      new MessageType<>(BASKET_EVENTS, Names.BASKET_CHECKED_OUT, BasketCheckedOut.parser());

  private BasketsContract() {}
}
