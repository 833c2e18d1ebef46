Feature: Shopping at MallBots
  A shopper fills a basket with products that stores sell and checks out; the order is approved once
  the user is authorized and the payment confirmed, and search can find it.

  Background:
    Given a store "Robo Parts" in "Hall 1" that sells
      | product     | sku     | price |
      | Servo motor | SRV-100 | 12.50 |
      | Gear set    | GRS-200 | 4.25  |
    And a registered shopper "alice"

  Scenario: Starting a basket
    When "alice" starts a basket
    Then the basket is open and empty

  Scenario: Adding items
    Given "alice" has started a basket
    When she adds 2 "Servo motor"
    And she adds 3 "Gear set"
    Then the basket holds 2 "Servo motor" at 12.50 from "Robo Parts"
    And the basket holds 3 "Gear set" at 4.25 from "Robo Parts"

  Scenario: Checking out
    Given "alice" has started a basket
    And she has added 1 "Servo motor"
    And she has authorized a payment of 12.50
    When she checks out with that payment
    Then the basket is checked out
    And an order for "alice" totalling 12.50 is created

  Scenario: An order is approved
    Given "alice" has started a basket
    And she has added 2 "Gear set"
    And she has authorized a payment of 8.50
    When she checks out with that payment
    Then her order becomes "APPROVED"
    And the payment is confirmed for 8.50
    And "alice" was told her order was created

  Scenario: A disabled shopper's order is rejected
    Given "alice" has started a basket
    And she has added 1 "Servo motor"
    And she has authorized a payment of 12.50
    And "alice" is disabled
    When she checks out with that payment
    Then her order becomes "REJECTED"
    And the payment is not confirmed

  Scenario: A payment of the wrong amount rejects the order
    Given "alice" has started a basket
    And she has added 1 "Servo motor"
    And she has authorized a payment of 10.00
    When she checks out with that payment
    Then her order becomes "REJECTED"
    And the payment is not confirmed

  Scenario: A ready order is completed when its invoice is paid
    Given "alice" has an approved order for 2 "Servo motor"
    When the store readies the order
    Then her order becomes "READY"
    And an invoice of 25.00 is waiting for the order
    And "alice" was told her order is ready
    When the invoice is paid
    Then her order becomes "COMPLETED"

  Scenario: Finding the order in search
    Given "alice" has an approved order for 1 "Gear set"
    When she searches her orders
    Then she finds the order as "APPROVED" with "Gear set" from "Robo Parts" and her name
