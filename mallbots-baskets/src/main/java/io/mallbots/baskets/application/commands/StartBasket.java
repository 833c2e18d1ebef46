package io.mallbots.baskets.application.commands;

public record StartBasket(String userId) {
}
