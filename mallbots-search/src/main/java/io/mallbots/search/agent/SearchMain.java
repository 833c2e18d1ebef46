package io.mallbots.search.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the search service in its own JVM: settings from app.env and the environment. */
public final class SearchMain {

  private SearchMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(SearchVerticle.SERVICE, SearchVerticle::new);
  }
}
