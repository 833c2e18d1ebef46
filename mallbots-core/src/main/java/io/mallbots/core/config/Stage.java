package io.mallbots.core.config;

/**
 * Where a service runs ({@code MALLBOTS_ENV}). In {@link #PROD} a service refuses to start with the
 * development values its {@code app.env} ships with and with fault injection switched on.
 */
public enum Stage {
  DEV,
  PROD
}
