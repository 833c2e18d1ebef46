package io.mallbots.stores.v1;

import io.mallbots.common.v1.MessageType;

/**
 * The names stores publishes under: its two topics and one typed constant per event of {@code
 * events.proto}. The envelope names are {@code stores.<ProtoMessage>}; they are on the wire, so
 * they never change.
 */
public final class StoresContract {

  public static final String STORE_EVENTS = "mallbots.stores.events.Store";
  public static final String PRODUCT_EVENTS = "mallbots.stores.events.Product";

  /** The envelope names as compile-time constants, for switch labels. */
  public static final class Names {
    public static final String STORE_CREATED = "stores.StoreCreated";
    public static final String STORE_PARTICIPATION_TOGGLED = "stores.StoreParticipationToggled";
    public static final String STORE_REBRANDED = "stores.StoreRebranded";
    public static final String PRODUCT_ADDED = "stores.ProductAdded";
    public static final String PRODUCT_REBRANDED = "stores.ProductRebranded";
    public static final String PRODUCT_PRICE_CHANGED = "stores.ProductPriceChanged";
    public static final String PRODUCT_REMOVED = "stores.ProductRemoved";

    private Names() {}
  }

  public static final MessageType<StoreCreated> STORE_CREATED =
      new MessageType<>(STORE_EVENTS, Names.STORE_CREATED, StoreCreated.parser());
  public static final MessageType<StoreParticipationToggled> STORE_PARTICIPATION_TOGGLED =
      new MessageType<>(
          STORE_EVENTS, Names.STORE_PARTICIPATION_TOGGLED, StoreParticipationToggled.parser());
  public static final MessageType<StoreRebranded> STORE_REBRANDED =
      new MessageType<>(STORE_EVENTS, Names.STORE_REBRANDED, StoreRebranded.parser());
  public static final MessageType<ProductAdded> PRODUCT_ADDED =
      new MessageType<>(PRODUCT_EVENTS, Names.PRODUCT_ADDED, ProductAdded.parser());
  public static final MessageType<ProductRebranded> PRODUCT_REBRANDED =
      new MessageType<>(PRODUCT_EVENTS, Names.PRODUCT_REBRANDED, ProductRebranded.parser());
  public static final MessageType<ProductPriceChanged> PRODUCT_PRICE_CHANGED =
      new MessageType<>(PRODUCT_EVENTS, Names.PRODUCT_PRICE_CHANGED, ProductPriceChanged.parser());
  public static final MessageType<ProductRemoved> PRODUCT_REMOVED =
      new MessageType<>(PRODUCT_EVENTS, Names.PRODUCT_REMOVED, ProductRemoved.parser());

  private StoresContract() {}
}
