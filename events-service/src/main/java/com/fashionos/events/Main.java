package com.fashionos.events;

import com.fashionos.events.team.InvitationConfig;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Launcher;

/**
 * Runs events-service, configured from the environment (one container in Kubernetes; the
 * create-topics Job runs it too). The modes are {@link Launcher}'s.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("events-service", args,
        env -> new EventsServiceVerticle(ServiceConfig.fromEnv(env), InvitationConfig.fromEnv(env)));
  }
}
