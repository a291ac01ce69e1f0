package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestApi.Answer;
import com.fashionos.embedded.TestUsers.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sponsors, designers and venues: create, search with pagination, read, update, delete. */
class DirectoryApiTest extends EventsServiceTest {
  static User planner;

  @BeforeAll
  static void start() {
    planner = service.users.create("Directory Planner");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "sponsors,sponsor,company_name,industry,beauty",
      "designers,designer,name,bio,Upcycled denim",
      "venues,venue,name,location,'Milan, Italy'"})
  void fullLifeCycle(String path, String singular, String nameField, String otherField, String otherValue) {
    String base = "/api/v1/" + path;
    String prefix = "Lifecycle " + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 1; i <= 3; i++) {
      Answer created = service.api.post(base).token(planner.token())
          .json(new JsonObject().put(nameField, prefix + " " + i).put(otherField, otherValue)).send();
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(created.json().getJsonObject(singular).getLong("version")).isEqualTo(1);
    }

    Answer page = service.api.get(base + "?q=" + prefix.replace(" ", "%20") + "&limit=2&page=2").token(planner.token()).send();
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().getLong("total")).isEqualTo(3);
    assertThat(page.json().getInteger("pages")).isEqualTo(2);
    JsonArray items = page.array(path);
    assertThat(items).hasSize(1);
    JsonObject third = items.getJsonObject(0);
    assertThat(third.getString(nameField)).isEqualTo(prefix + " 3");

    String id = third.getString("id");
    Answer updated = service.api.put(base + "/" + id).token(planner.token())
        .json(new JsonObject().put(otherField, null)).send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonObject row = updated.json().getJsonObject(singular);
    assertThat(row.getString(otherField)).isNull();
    assertThat(row.getString(nameField)).isEqualTo(prefix + " 3");
    assertThat(row.getLong("version")).isEqualTo(2);

    assertThat(service.api.get(base + "/" + id).token(planner.token()).send().json().getJsonObject(singular))
        .isEqualTo(row);
    assertThat(service.api.delete(base + "/" + id).token(planner.token()).send().status()).isEqualTo(200);
    Answer gone = service.api.get(base + "/" + id).token(planner.token()).send();
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("not_found");
    assertThat(service.api.put(base + "/" + id).token(planner.token()).json(new JsonObject().put(nameField, "x")).send()
        .status()).isEqualTo(404);
    assertThat(service.api.delete(base + "/" + id).token(planner.token()).send().status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "sponsors|{\"company_name\":\"T\",\"tier\":\"diamond\"}|tier",
      "sponsors|{\"company_name\":\"T\",\"website\":5}|website",
      "designers|{\"name\":\"D\",\"style_tags\":\"boho\"}|style_tags",
      "designers|{\"name\":\"D\",\"bio\":\"%s\"}|bio",
      "venues|{\"name\":\"V\",\"pricing_tiers\":[1]}|pricing_tiers",
      "venues|{\"name\":\"V\",\"capacity\":-3}|capacity",
      "venues|{\"location\":\"Milan\"}|name",
      "venues|{\"name\":\"V\",\"ghost\":1}|ghost"})
  void badFieldsAre400NamingThem(String path, String json, String field) {
    String body = json.replace("%s", "b".repeat(1001));
    Answer answer = service.api.post("/api/v1/" + path).token(planner.token()).raw(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorFields()).contains(field);
  }
}
