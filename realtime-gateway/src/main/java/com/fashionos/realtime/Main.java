package com.fashionos.realtime;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Launcher;

/** Runs the realtime gateway alone, configured from the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    RealtimeConfig config = RealtimeConfig.fromEnv(Env.system());
    Launcher.launch("realtime-gateway", config.port(), new RealtimeGatewayVerticle(config));
  }
}
