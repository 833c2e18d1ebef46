package io.mallbots.stores.domain.product;

/**
 * What happens to a product, in the past tense. Published on the product's topic, keyed by its id.
 */
public sealed interface ProductEvent
    permits ProductAdded, ProductRebranded, ProductPriceChanged, ProductRemoved {

  ProductId productId();

  /** The product's version after this change; ProductRemoved's is one past its last. */
  long version();
}
