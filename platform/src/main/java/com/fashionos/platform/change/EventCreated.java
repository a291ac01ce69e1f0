package com.fashionos.platform.change;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * Version 1 of the "event created" record ({@value #TYPE}) on the events topic: the new event
 * and what the wizard asked of other services (budget categories for budget-service, the event
 * type and size for the task planner). Published once, in the creating transaction.
 */
public record EventCreated(JsonObject event, JsonArray budgetCategories, JsonArray team, JsonArray sponsorIds,
    JsonArray designerIds, UUID actor, Instant actedAt) {

  public static final String TYPE = "com.fashionos.events.event.created.v1";

  public JsonObject toJson() {
    return new JsonObject()
        .put("event", event)
        .put("budget_categories", budgetCategories)
        .put("team", team)
        .put("sponsor_ids", sponsorIds)
        .put("designer_ids", designerIds)
        .put("actor", actor.toString())
        .put("acted_at", actedAt.toString());
  }

  public static EventCreated fromJson(JsonObject json) {
    return new EventCreated(
        json.getJsonObject("event"),
        json.getJsonArray("budget_categories", new JsonArray()),
        json.getJsonArray("team", new JsonArray()),
        json.getJsonArray("sponsor_ids", new JsonArray()),
        json.getJsonArray("designer_ids", new JsonArray()),
        UUID.fromString(json.getString("actor")),
        Instant.parse(json.getString("acted_at")));
  }
}
