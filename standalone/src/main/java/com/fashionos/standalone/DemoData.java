package com.fashionos.standalone;

import com.fashionos.embedded.DataDirSecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo data, loaded when asked for ({@code --demo}; spec section 8: five sponsors, ten
 * designers, three Milan venues, three people and the Milan Sustainable Fashion Showcase, its
 * production over budget), through the public API exactly as a frontend would. A marker in the
 * data directory keeps later starts from loading it again; each step also tolerates finding its
 * data already there. The people's password is random per data directory (a published one would
 * open every demo installation) and printed on every start.
 */
final class DemoData {
  private static final int PASSWORD_BYTES = 12;
  static final String EVENT_NAME = "Milan Sustainable Fashion Showcase";
  record Person(String email, String name, String role) {}

  static final List<Person> PEOPLE = List.of(
      new Person("sarah@fashionos.demo", "Sarah Chen", "event_lead"),
      new Person("marcus@fashionos.demo", "Marcus Webb", "production_manager"),
      new Person("julia@fashionos.demo", "Julia Rossi", "creative_director"));

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final Path marker;
  private final String password;

  DemoData(Vertx vertx, String url, Path dataDir, String password) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.url = url;
    this.marker = dataDir.resolve("demo-data-loaded");
    this.password = password;
  }

  /** The demo people's password, generated on the first demo start and kept in {@code <dataDir>/demo-password}. */
  static String passwordIn(Path dataDir) {
    return DataDirSecrets.keptIn(dataDir, "demo-password", PASSWORD_BYTES);
  }

  /** One line per account: {@code sarah@fashionos.demo / <password>  (Sarah Chen, event lead)}. */
  static void printAccounts(String url, String password) {
    StringBuilder text = new StringBuilder("\n  FashionOS Events: " + url + "\n  Demo accounts (e-mail / password):\n");
    PEOPLE.forEach(p -> text.append("    ").append(p.email()).append(" / ").append(password).append("  (")
        .append(p.name()).append(", ").append(p.role().replace('_', ' ')).append(")\n"));
    System.out.println(text);
  }

  Future<Void> loadOnce() {
    if (Files.exists(marker)) return Future.succeededFuture();
    List<String> tokens = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Person person : PEOPLE) {
      // Each person opens the app once, as they would: events-service then knows their profile
      // and the wizard can add them to the team by id.
      chain = chain.compose(v -> account(person)).compose(session -> {
        tokens.add(session.getString("access_token"));
        ids.add(session.getJsonObject("user").getString("id"));
        return expect(send(HttpMethod.GET, "/api/v1/events", session.getString("access_token"), null), 200);
      }).mapEmpty();
    }
    List<String> sponsors = new ArrayList<>();
    List<String> designers = new ArrayList<>();
    List<String> venues = new ArrayList<>();
    return chain
        .compose(v -> directory(tokens.get(0), "sponsors", "company_name", sponsors(), sponsors))
        .compose(v -> directory(tokens.get(0), "designers", "name", designers(), designers))
        .compose(v -> directory(tokens.get(0), "venues", "name", venues(), venues))
        .compose(v -> showcase(tokens, ids, sponsors, designers, venues))
        .onComplete(v -> client.close())
        .map(v -> {
          try {
            Files.writeString(marker, "demo data loaded\n");
          } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + marker, e);
          }
          return null;
        });
  }

  /** Signs the person up, or in when they already exist. */
  private Future<JsonObject> account(Person person) {
    JsonObject signup = new JsonObject().put("email", person.email()).put("password", password)
        .put("data", new JsonObject().put("full_name", person.name()));
    return send(HttpMethod.POST, "/auth/v1/signup", null, signup).compose(response -> {
      if (response.statusCode() == 200 || response.statusCode() == 201) return Future.succeededFuture(response.bodyAsJsonObject());
      return expect(send(HttpMethod.POST, "/auth/v1/token?grant_type=password", null,
          new JsonObject().put("email", person.email()).put("password", password)), 200);
    });
  }

  /** Creates the rows (or finds them by name) and collects their ids in order. */
  private Future<Void> directory(String token, String path, String nameField, List<JsonObject> rows, List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    String singular = path.substring(0, path.length() - 1);
    for (JsonObject row : rows) {
      chain = chain.compose(v -> send(HttpMethod.POST, "/api/v1/" + path, token, row)).compose(response -> {
        if (response.statusCode() == 201) {
          ids.add(response.bodyAsJsonObject().getJsonObject(singular).getString("id"));
          return Future.succeededFuture();
        }
        String name = row.getString(nameField);
        return expect(send(HttpMethod.GET, "/api/v1/" + path + "?limit=100&q="
            + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8), token, null), 200)
            .map(found -> {
              found.getJsonArray(path).stream().map(JsonObject.class::cast)
                  .filter(existing -> name.equals(existing.getString(nameField))).findFirst()
                  .ifPresent(existing -> ids.add(existing.getString("id")));
              return null;
            });
      });
    }
    return chain;
  }

  private Future<Void> showcase(List<String> tokens, List<String> people, List<String> sponsors, List<String> designers,
      List<String> venues) {
    String token = tokens.get(0);
    return expect(send(HttpMethod.GET, "/api/v1/events?include_archived=true&q=Milan%20Sustainable", token, null), 200)
        .compose(found -> {
          if (found.getLong("total") > 0) return Future.succeededFuture();
          JsonObject event = new JsonObject()
              .put("name", EVENT_NAME)
              .put("type", "runway_show")
              .put("description", "A runway of ten designers working in recycled, deadstock and regenerative"
                  + " materials, with a sponsor village and a press programme on circular fashion.")
              .put("goals", new JsonArray().add("brand awareness").add("press coverage").add("sales"))
              .put("start_date", "2027-06-15T14:00:00Z")
              .put("end_date", "2027-06-15T22:00:00Z")
              .put("timezone", "Europe/Rome")
              .put("venue_id", venues.get(0))
              .put("backup_venue_id", venues.get(2))
              .put("target_attendees", 650)
              .put("budget_categories", new JsonArray()
                  .add(line("venue", 45000)).add(line("production", 75000)).add(line("talent", 60000))
                  .add(line("catering", 18000)).add(line("marketing", 40000)).add(line("staffing", 22000))
                  .add(line("miscellaneous", 8000)).add(line("buffer", 15000)))
              .put("team_members", new JsonArray()
                  .add(new JsonObject().put("user_id", people.get(1)).put("role", "production_manager").put("permissions", "edit"))
                  .add(new JsonObject().put("user_id", people.get(2)).put("role", "creative_director").put("permissions", "edit")))
              .put("sponsor_ids", new JsonArray(sponsors.subList(0, 3)))
              .put("designer_ids", new JsonArray(designers.subList(0, 6)));
          return expect(send(HttpMethod.POST, "/api/v1/events", token, event), 201)
              .compose(created -> expect(send(HttpMethod.PUT, "/api/v1/events/" + created.getString("event_id"), token,
                  new JsonObject().put("status", "planning")), 200).map(created.getString("event_id")))
              .compose(eventId -> productionOverrun(tokens.get(1), eventId));
        });
  }

  /**
   * Marcus books production past its budget, so a newcomer sees an alert, its suggestion and the
   * expenses in the feed.
   */
  private Future<Void> productionOverrun(String token, String eventId) {
    String expenses = "/api/v1/events/" + eventId + "/expenses";
    return budgetReady(token, eventId, 60)
        .compose(v -> expect(send(HttpMethod.POST, expenses, token, new JsonObject().put("name", "Lighting Package")
            .put("amount", 45000).put("category", "production").put("vendor_name", "Luce Scena Milano")
            .put("paid_status", "paid")), 201))
        .compose(v -> expect(send(HttpMethod.POST, expenses, token, new JsonObject().put("name", "Runway Stage Build")
            .put("amount", 36000).put("category", "production").put("vendor_name", "Palco Design")
            .put("due_date", "2027-05-30T00:00:00Z")), 201))
        .mapEmpty();
  }

  /**
   * The wizard's budget reaches budget-service through Kafka, a moment after the event exists.
   * Asks every half second, well inside the gateway's 100 requests a minute.
   */
  private Future<Void> budgetReady(String token, String eventId, int attemptsLeft) {
    return expect(send(HttpMethod.GET, "/api/v1/events/" + eventId + "/budget", token, null), 200).compose(budget -> {
      if (!budget.getJsonArray("categories").isEmpty()) return Future.succeededFuture();
      if (attemptsLeft == 0) {
        return Future.failedFuture(new IllegalStateException("Demo data: the budget of the showcase never arrived"));
      }
      return vertx.timer(500, TimeUnit.MILLISECONDS).compose(v -> budgetReady(token, eventId, attemptsLeft - 1));
    });
  }

  private static JsonObject line(String category, int amount) {
    return new JsonObject().put("category", category).put("budgeted_amount", amount).put("currency", "EUR");
  }

  private Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String token, JsonObject body) {
    var request = client.requestAbs(method, url + path);
    if (token != null) request.bearerTokenAuthentication(token);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  private static Future<JsonObject> expect(Future<HttpResponse<Buffer>> response, int status) {
    return response.map(r -> {
      if (r.statusCode() != status) {
        throw new IllegalStateException("Demo data: expected " + status + ", got " + r.statusCode() + " " + r.bodyAsString());
      }
      return r.bodyAsJsonObject();
    });
  }

  static List<JsonObject> sponsors() {
    return List.of(
        sponsor("Chanel", "luxury", "platinum", "Camille Laurent", "partnerships@chanel.example"),
        sponsor("Gucci", "luxury", "gold", "Marco Bellini", "events@gucci.example"),
        sponsor("Prada", "luxury", "gold", "Giulia Conti", "sponsorship@prada.example"),
        sponsor("Dior", "beauty", "silver", "Élise Moreau", "events@dior.example"),
        sponsor("Hermès", "luxury", "bronze", "Antoine Dubois", "partners@hermes.example"));
  }

  private static JsonObject sponsor(String name, String industry, String tier, String contact, String email) {
    return new JsonObject().put("company_name", name).put("industry", industry).put("tier", tier)
        .put("primary_contact_name", contact).put("primary_contact_email", email);
  }

  static List<JsonObject> designers() {
    return List.of(
        designer("Aiko Tanaka", "Aiko Studio", "Zero-waste pattern cutting learned in Tokyo ateliers.", "Tokyo", "sustainable", "minimalist"),
        designer("Luca Moretti", "Moretti Milano", "Tailoring from regenerative Italian wool.", "Milan", "sustainable", "tailoring"),
        designer("Amara Okafor", "Okafor House", "Hand-dyed West African textiles, reworked for the runway.", "Lagos", "artisanal", "colour"),
        designer("Freja Lindqvist", "Lindqvist", "Scandinavian outerwear from recycled ocean nylon.", "Stockholm", "sustainable", "outerwear"),
        designer("Mateo Silva", "Silva Atelier", "Deadstock denim, deconstructed and rebuilt.", "Lisbon", "upcycled", "denim"),
        designer("Priya Raman", "Raman", "Handloom silk from cooperative weavers.", "Chennai", "artisanal", "sustainable"),
        designer("Noah Bernard", "Maison Bernard", "Sculptural evening wear in biodegradable fibres.", "Paris", "avant-garde", "eveningwear"),
        designer("Sofia Esposito", "Esposito", "Knitwear from reclaimed cashmere.", "Naples", "knitwear", "sustainable"),
        designer("Kwame Mensah", "Mensah Studio", "Streetwear cut from end-of-roll fabrics.", "Accra", "streetwear", "upcycled"),
        designer("Ines Duarte", "Duarte", "Minimalist bridal in peace silk.", "Madrid", "minimalist", "bridal"));
  }

  private static JsonObject designer(String name, String brand, String bio, String location, String... tags) {
    return new JsonObject().put("name", name).put("brand_name", brand).put("bio", bio).put("location", location)
        .put("style_tags", new JsonArray(List.of(tags)));
  }

  static List<JsonObject> venues() {
    return List.of(
        venue("Palazzo Reale", "Piazza del Duomo 12, 20122 Milano", 800),
        venue("Teatro alla Scala", "Via Filodrammatici 2, 20121 Milano", 2000),
        venue("Triennale Milano", "Viale Emilio Alemagna 6, 20121 Milano", 600));
  }

  private static JsonObject venue(String name, String address, int capacity) {
    return new JsonObject().put("name", name).put("location", "Milan, Italy").put("address", address)
        .put("capacity", capacity)
        .put("layout_options", new JsonArray().add("straight_runway").add("u_shape"))
        .put("amenities", new JsonArray().add("backstage").add("VIP_lounge").add("press_area"));
  }
}
