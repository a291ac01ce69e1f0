package com.fashionos.aitasks;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a plan is made for: the event as the wizard created it, and its size.
 *
 * @param eventType one of runway_show, brand_activation, pop_up, trunk_show, fashion_week, panel,
 *     launch_party
 * @param endDate may be null (a one-day event)
 */
public record PlanRequest(UUID eventId, String eventName, String eventType, String description,
    OffsetDateTime startDate, OffsetDateTime endDate, String timezone, int designers, int sponsors,
    int targetAttendees) {}
