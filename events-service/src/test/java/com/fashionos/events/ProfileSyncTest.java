package com.fashionos.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fashionos.embedded.TestUsers.User;
import org.junit.jupiter.api.Test;

/** A person's profile follows their token's claims. */
class ProfileSyncTest extends EventsServiceTest {

  @Test
  void aNewNameInTheTokenReachesTheTeamList() {
    User before = service.users.create("Julia Rossi");
    String id = service.createEvent(before, EventsServiceUnderTest.newEvent("Name change"));
    User after = service.users.user(before.id(), before.email(), "Julia Rossi-Bianchi");

    String name = service.api.get("/api/v1/events/" + id + "/team").token(after.token()).send()
        .array("team").getJsonObject(0).getString("name");

    assertThat(name).isEqualTo("Julia Rossi-Bianchi");
    assertThat(service.sql("SELECT version FROM profiles WHERE id = $1", before.id()).get(0).getLong("version"))
        .isEqualTo(2);
  }

  @Test
  void anUnchangedTokenDoesNotRewriteTheProfile() {
    User user = service.users.create("Marcus Webb");
    service.touch(user);
    service.touch(service.users.user(user.id(), user.email(), user.name()));
    assertThat(service.sql("SELECT version FROM profiles WHERE id = $1", user.id()).get(0).getLong("version"))
        .isEqualTo(1);
  }
}
