package com.fashionos.events.directory;

import com.fashionos.events.event.SponsorTierOfDirectory;
import com.fashionos.platform.db.NamedStatements;
import com.fashionos.platform.http.RequestBody;
import java.util.List;

/**
 * One of the shared directories the wizard picks from (sponsors, designers, venues): its path,
 * table and editable fields, in the parameter order of its statements ({@code <table>.sql}).
 */
enum Directory {
  SPONSORS("sponsors", "sponsor", List.of(
      Field.text("company_name", 200, true), Field.text("industry", 100, false), Field.text("logo_url", 2048, false),
      Field.text("website", 2048, false), Field.choice("tier", SponsorTierOfDirectory.class),
      Field.text("primary_contact_name", 200, false), Field.text("primary_contact_email", 320, false),
      Field.text("primary_contact_phone", 50, false), Field.text("notes", 5000, false))),
  DESIGNERS("designers", "designer", List.of(
      Field.text("name", 200, true), Field.text("brand_name", 200, false), Field.text("bio", 1000, false),
      Field.list("style_tags", 30, 50), Field.text("location", 200, false), Field.text("website", 2048, false),
      Field.text("instagram", 200, false), Field.text("portfolio_url", 2048, false),
      Field.text("profile_image_url", 2048, false))),
  VENUES("venues", "venue", List.of(
      Field.text("name", 200, true), Field.text("location", 200, false), Field.text("address", 500, false),
      Field.count("capacity", 1_000_000), Field.list("layout_options", 30, 50), Field.list("amenities", 50, 50),
      Field.json("pricing_tiers"), Field.text("floor_plan_url", 2048, false), Field.json("technical_specs")));

  final String table;
  final String singular;
  final List<Field> fields;
  final NamedStatements sql;

  Directory(String table, String singular, List<Field> fields) {
    this.table = table;
    this.singular = singular;
    this.fields = fields;
    this.sql = NamedStatements.forResource(Directory.class, table + ".sql");
  }

  String what() {
    return Character.toUpperCase(singular.charAt(0)) + singular.substring(1);
  }

  /** An editable column and how a request's value for it is checked. */
  record Field(String name, Kind kind, int max, int maxItems, boolean required, Class<? extends Enum<?>> choices) {
    enum Kind { TEXT, LIST, COUNT, JSON, CHOICE }

    static Field text(String name, int maxLength, boolean required) {
      return new Field(name, Kind.TEXT, maxLength, 0, required, null);
    }

    static Field list(String name, int maxItems, int maxLength) {
      return new Field(name, Kind.LIST, maxLength, maxItems, false, null);
    }

    static Field count(String name, int max) {
      return new Field(name, Kind.COUNT, max, 0, false, null);
    }

    static Field json(String name) {
      return new Field(name, Kind.JSON, 0, 0, false, null);
    }

    static Field choice(String name, Class<? extends Enum<?>> choices) {
      return new Field(name, Kind.CHOICE, 0, 0, false, choices);
    }

    /** The checked value, ready to bind (lists as arrays, choices as their wire names). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(RequestBody body, boolean creating) {
      boolean mustHave = required && (creating || body.has(name));
      return switch (kind) {
        case TEXT -> body.string(name, mustHave, max);
        case LIST -> {
          List<String> items = body.stringList(name, maxItems, max);
          yield items == null ? null : items.toArray(new String[0]);
        }
        case COUNT -> body.integer(name, false, 0, max);
        case JSON -> body.object(name, false);
        case CHOICE -> {
          Enum<?> value = body.enumValue(name, (Class) choices, false);
          yield value == null ? null : RequestBody.wireName(value);
        }
      };
    }
  }
}
