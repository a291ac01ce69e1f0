package com.fashionos.realtime;

import com.fashionos.platform.health.Launcher;

/** Runs the realtime gateway, configured from the environment; the modes are {@link Launcher}'s. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("realtime-gateway", args, env -> new RealtimeGatewayVerticle(RealtimeConfig.fromEnv(env)));
  }
}
