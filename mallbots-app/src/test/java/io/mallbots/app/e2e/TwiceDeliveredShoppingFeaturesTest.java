package io.mallbots.app.e2e;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/** The shopping features, all seven services on Kafka with every message delivered twice. */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("features")
@ConfigurationParameter(
    key = GLUE_PROPERTY_NAME,
    value = "io.mallbots.app.e2e.steps,io.mallbots.app.e2e.twice")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "summary")
class TwiceDeliveredShoppingFeaturesTest {}
