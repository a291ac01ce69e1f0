package com.fashionos.platform.outbox;

/**
 * Kafka headers the relay puts beside each structured CloudEvent, named as the CloudEvents Kafka
 * binding names attributes ({@code ce_<attribute>}): a reader can tell a record's type and event
 * without parsing its JSON (the live feed passes over the events nobody follows). The value stays
 * the whole CloudEvent; {@code content-type} still says it is structured.
 */
public final class RecordHeaders {
  public static final String TYPE = "ce_type";
  public static final String ID = "ce_id";
  /** Absent on records about no event (directory rows, profiles). */
  public static final String EVENT_ID = "ce_fashionoseventid";

  private RecordHeaders() {}
}
