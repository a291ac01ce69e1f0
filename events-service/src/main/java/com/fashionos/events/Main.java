package com.fashionos.events;

import com.fashionos.events.team.InvitationConfig;
import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Launcher;

/** Runs events-service alone, configured from the environment (one container in Kubernetes). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    ServiceConfig config = ServiceConfig.fromEnv(env);
    Launcher.launch("events-service", config.port(), new EventsServiceVerticle(config, InvitationConfig.fromEnv(env)));
  }
}
