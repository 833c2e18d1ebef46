package io.mallbots.bench.report;

import io.mallbots.bench.shop.Measurements;

/**
 * One step of {@code --sweep}: the closed loop at {@code concurrency} shoppers, what its orders did
 * and what the machine spent on them.
 */
public record SweepPoint(int concurrency, Measurements measured, SystemResources.Usage usage) {}
