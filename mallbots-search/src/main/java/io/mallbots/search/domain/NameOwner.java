package io.mallbots.search.domain;

/** What a name that search keeps belongs to. */
public enum NameOwner {
  USER,
  STORE,
  PRODUCT
}
