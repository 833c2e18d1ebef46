package io.mallbots.search.application.commands;

import io.mallbots.core.domain.Invalid;
import io.mallbots.search.domain.NameOwner;
import java.util.Objects;

/**
 * A user, store or product has a name: a first one (registered, created, added) or a new one
 * (updated, rebranded).
 *
 * @param renamed whether it replaces a known name; a first name never overwrites one search already
 *     has
 * @param version the version of the store or product the event carries (0: unknown, e.g. users'
 *     events)
 */
public record RecordName(NameOwner owner, String id, String name, boolean renamed, long version) {

  public RecordName {
    Objects.requireNonNull(owner, "owner");
    if (id == null || id.isBlank()) {
      throw new Invalid(owner.name().toLowerCase() + " id is required");
    }
    name = name == null ? "" : name;
  }
}
