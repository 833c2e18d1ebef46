package io.mallbots.bench.shop;

/**
 * A registered user who shops, and the clients their calls go through: carrying their own token
 * where the mall requires one (a shopper may act only on their own payments, baskets and orders),
 * plain ones in dev mode.
 */
public record Shopper(String userId, MallClients mall) {}
